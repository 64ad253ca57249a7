/* spectral_norm.py in C; vectors in a static buffer (n <= 8192). */
static double buf[3 * 8192];

static double eval_a(int i, int j) { return 1.0 / ((i + j) * (i + j + 1) / 2 + i + 1); }

static void a_times_u(int n, const double *u, double *au) {
  for (int i = 0; i < n; i++) {
    double s = 0.0;
    for (int j = 0; j < n; j++) s += eval_a(i, j) * u[j];
    au[i] = s;
  }
}

static void at_times_u(int n, const double *u, double *atu) {
  for (int i = 0; i < n; i++) {
    double s = 0.0;
    for (int j = 0; j < n; j++) s += eval_a(j, i) * u[j];
    atu[i] = s;
  }
}

double spectral_norm(int n) {
  if (n > 8192) return -1.0;
  double *u = buf, *v = buf + n, *tmp = buf + 2 * n;
  for (int i = 0; i < n; i++) { u[i] = 1.0; v[i] = 0.0; tmp[i] = 0.0; }
  for (int k = 0; k < 10; k++) {
    a_times_u(n, u, tmp); at_times_u(n, tmp, v);
    a_times_u(n, v, tmp); at_times_u(n, tmp, u);
  }
  double vbv = 0.0, vv = 0.0;
  for (int i = 0; i < n; i++) { vbv += u[i] * v[i]; vv += v[i] * v[i]; }
  return __builtin_sqrt(vbv / vv);
}
