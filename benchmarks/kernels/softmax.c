/* softmax.py in C; exp is imported from the host (Math.exp), as -nostdlib has no libm. */
double exp(double);

void softmax(const double *x, int n, double *out) {
  double m = -__builtin_inf();
  for (int i = 0; i < n; i++) if (x[i] > m) m = x[i];
  double s = 0.0;
  for (int i = 0; i < n; i++) { double e = exp(x[i] - m); out[i] = e; s += e; }
  for (int i = 0; i < n; i++) out[i] /= s;
}
