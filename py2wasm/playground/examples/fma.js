// Plain-JavaScript twin of fma.py, for the timing comparison.
export function fma(x, y, z) {
  return x * y + z;
}
