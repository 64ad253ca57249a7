/* mandelbrot_complex.py in C: the parts as doubles, z * z + c written out as
   CPython computes it (C's _Complex multiply would add C99 Annex G checks). */
static int mandel_point(double cr, double ci, int maxiter) {
  double zr = 0.0, zi = 0.0;
  for (int i = 0; i < maxiter; i++) {
    if (zr * zr + zi * zi > 4.0) return i;
    double re = zr * zr - zi * zi + cr;
    zi = zr * zi + zi * zr + ci;
    zr = re;
  }
  return maxiter;
}

long long mandelbrot_complex(int n, int maxiter) {
  long long total = 0;
  for (int y = 0; y < n; y++) {
    double ci = -1.25 + 2.5 * y / n;
    for (int x = 0; x < n; x++) {
      total += mandel_point(-2.0 + 2.5 * x / n, ci, maxiter);
    }
  }
  return total;
}
