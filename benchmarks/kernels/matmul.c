/* matmul.py in C, row-major, the same i-j-k loop order as the Python source. */
void matmul(const double *a, int n, int m, const double *b, int m2, int p, double *c) {
  for (int i = 0; i < n; i++)
    for (int j = 0; j < p; j++) {
      double s = 0.0;
      for (int k = 0; k < m; k++) s += a[i * m + k] * b[k * p + j];
      c[i * p + j] = s;
    }
}
