/* conv1d.py in C. */
void conv1d(const double *x, int nx, const double *w, int nw, double *out) {
  int n = nx - nw + 1;
  for (int i = 0; i < n; i++) {
    double s = 0.0;
    for (int k = 0; k < nw; k++) s += x[i + k] * w[k];
    out[i] = s;
  }
}
