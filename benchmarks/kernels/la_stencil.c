/* la_stencil.py in C: the same sweeps as loops over the interior, the same
   sums in the same order (so the same bits). */
void jacobi2d(int steps, double *a, int n, int n2, double *b, int n3, int n4) {
  for (int t = 0; t < steps; t++) {
    for (int i = 1; i < n - 1; i++)
      for (int j = 1; j < n - 1; j++)
        b[i * n + j] = 0.2 * (a[i * n + j] + a[i * n + j - 1] + a[i * n + j + 1] +
                              a[(i + 1) * n + j] + a[(i - 1) * n + j]);
    for (int i = 1; i < n - 1; i++)
      for (int j = 1; j < n - 1; j++)
        a[i * n + j] = 0.2 * (b[i * n + j] + b[i * n + j - 1] + b[i * n + j + 1] +
                              b[(i + 1) * n + j] + b[(i - 1) * n + j]);
  }
}

static void sweep3d(const double *s, double *d, int n) {
  const double c = 1.0 / 7.0;
  const int p = n * n;
  for (int i = 1; i < n - 1; i++)
    for (int j = 1; j < n - 1; j++)
      for (int k = 1; k < n - 1; k++) {
        int o = i * p + j * n + k;
        d[o] = c * (s[o] + s[o - p] + s[o + p] + s[o - n] + s[o + n] + s[o - 1] + s[o + 1]);
      }
}

void heat3d(int steps, double *a, int n, int n2, int n3, double *b, int m, int m2, int m3) {
  for (int t = 0; t < steps; t++) {
    sweep3d(a, b, n);
    sweep3d(b, a, n);
  }
}
