/* floyd_warshall.py in C, in place. */
void floyd_warshall(double *d, int n, int n2) {
  for (int k = 0; k < n; k++)
    for (int i = 0; i < n; i++) {
      double dik = d[i * n + k];
      for (int j = 0; j < n; j++) {
        double t = dik + d[k * n + j];
        if (t < d[i * n + j]) d[i * n + j] = t;
      }
    }
}
