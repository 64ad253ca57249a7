/* pairwise.py in C. */
void pairwise(const double *x, int n, int d, double *out) {
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) {
      double s = 0.0;
      for (int k = 0; k < d; k++) { double t = x[i * d + k] - x[j * d + k]; s += t * t; }
      out[i * n + j] = __builtin_sqrt(s);
    }
}
