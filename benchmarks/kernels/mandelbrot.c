/* mandelbrot.py in C. */
static int mandel_point(double cr, double ci, int maxiter) {
  double zr = 0.0, zi = 0.0;
  for (int i = 0; i < maxiter; i++) {
    double zr2 = zr * zr, zi2 = zi * zi;
    if (zr2 + zi2 > 4.0) return i;
    zi = 2.0 * zr * zi + ci;
    zr = zr2 - zi2 + cr;
  }
  return maxiter;
}

long long mandelbrot(int n, int maxiter) {
  long long total = 0;
  for (int y = 0; y < n; y++) {
    double ci = -1.25 + 2.5 * y / n;
    for (int x = 0; x < n; x++) {
      double cr = -2.0 + 2.5 * x / n;
      total += mandel_point(cr, ci, maxiter);
    }
  }
  return total;
}
