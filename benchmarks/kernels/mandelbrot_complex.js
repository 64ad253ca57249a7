// mandelbrot_complex.py in plain JavaScript (no complex type: the parts as
// numbers, z * z + c written out as CPython computes it).
function mandelPoint(cr, ci, maxiter) {
  let zr = 0.0, zi = 0.0;
  for (let i = 0; i < maxiter; i++) {
    if (zr * zr + zi * zi > 4.0) return i;
    const re = zr * zr - zi * zi + cr;
    zi = zr * zi + zi * zr + ci;
    zr = re;
  }
  return maxiter;
}

export function mandelbrot_complex(n, maxiter) {
  let total = 0;
  for (let y = 0; y < n; y++) {
    const ci = -1.25 + 2.5 * y / n;
    for (let x = 0; x < n; x++) {
      total += mandelPoint(-2.0 + 2.5 * x / n, ci, maxiter);
    }
  }
  return total;
}
