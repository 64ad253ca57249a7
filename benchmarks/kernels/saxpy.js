// saxpy.py in plain JavaScript.
export function saxpy(a, x, y) {
  const n = x.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = a * x[i] + y[i];
  return out;
}
