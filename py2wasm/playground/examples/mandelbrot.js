// Plain-JavaScript twin of mandelbrot.py, for the timing comparison.
export function mandelbrot(cx, cy, maxIter) {
  let x = 0.0, y = 0.0;
  for (let i = 0; i < maxIter; i++) {
    const x2 = x * x, y2 = y * y;
    if (x2 + y2 > 4.0) return i;
    y = 2.0 * x * y + cy;
    x = x2 - y2 + cx;
  }
  return maxIter;
}
