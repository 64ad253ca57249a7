/* la_matvec.py in C, as a C programmer writes them for row-major A: `A @ x`
   a dot product per row (a serial sum: clang does not reorder it without
   -ffast-math), `x @ A` an axpy per row of A into y (vectorized). */
#define MATVEC(AX, XA, T)                                                    \
  void AX(const T *a, int n, int m, const T *x, int m2, T *y) {             \
    for (int i = 0; i < n; i++) {                                            \
      T s = 0;                                                               \
      for (int k = 0; k < m; k++) s += a[i * m + k] * x[k];                  \
      y[i] = s;                                                              \
    }                                                                        \
  }                                                                          \
  void XA(const T *x, int n, const T *a, int n2, int m, T *y) {             \
    for (int j = 0; j < m; j++) y[j] = 0;                                    \
    for (int i = 0; i < n; i++) {                                            \
      T xi = x[i];                                                           \
      for (int j = 0; j < m; j++) y[j] += xi * a[i * m + j];                 \
    }                                                                        \
  }

MATVEC(ax64, xa64, double)
MATVEC(ax32, xa32, float)
