/* dot.py in C (sequential sum, no -ffast-math, so the order is Python's). */
double dot(const double *x, int nx, const double *y, int ny) {
  double s = 0.0;
  for (int i = 0; i < nx; i++) s += x[i] * y[i];
  return s;
}
