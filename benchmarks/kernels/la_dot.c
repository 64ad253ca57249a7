/* la_dot.py in C: one serial sum (clang keeps its order without -ffast-math). */
double dot64(const double *x, int n, const double *y, int n2) {
  double s = 0;
  for (int i = 0; i < n; i++) s += x[i] * y[i];
  return s;
}

double dot32(const float *x, int n, const float *y, int n2) {
  float s = 0;
  for (int i = 0; i < n; i++) s += x[i] * y[i];
  return s;
}
