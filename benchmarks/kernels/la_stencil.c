/* la_stencil.py in C: the same sweeps as loops over the interior, the same
   sums in the same order (so the same bits). */
/* jacobi2d: the main suite's loop kernel, the same sweep as the slices */
#include "jacobi2d.c"

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
