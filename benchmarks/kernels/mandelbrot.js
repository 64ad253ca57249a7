// mandelbrot.py in plain JavaScript.
function mandelPoint(cr, ci, maxiter) {
  let zr = 0.0, zi = 0.0;
  for (let i = 0; i < maxiter; i++) {
    const zr2 = zr * zr, zi2 = zi * zi;
    if (zr2 + zi2 > 4.0) return i;
    zi = 2.0 * zr * zi + ci;
    zr = zr2 - zi2 + cr;
  }
  return maxiter;
}

export function mandelbrot(n, maxiter) {
  let total = 0;
  for (let y = 0; y < n; y++) {
    const ci = -1.25 + 2.5 * y / n;
    for (let x = 0; x < n; x++) {
      const cr = -2.0 + 2.5 * x / n;
      total += mandelPoint(cr, ci, maxiter);
    }
  }
  return total;
}
