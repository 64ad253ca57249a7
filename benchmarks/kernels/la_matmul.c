/* la_matmul.py in C: the loop order a C programmer picks for row-major
   matrices (i-k-j: the inner loop runs along rows of b and c, which clang
   -O3 -msimd128 vectorizes). */
#define MATMUL(NAME, T)                                                      \
  void NAME(const T *a, int n, int m, const T *b, int m2, int p, T *c) {     \
    for (int i = 0; i < n * p; i++) c[i] = 0;                                \
    for (int i = 0; i < n; i++)                                              \
      for (int k = 0; k < m; k++) {                                          \
        T aik = a[i * m + k];                                                \
        for (int j = 0; j < p; j++) c[i * p + j] += aik * b[k * p + j];      \
      }                                                                      \
  }

MATMUL(matmul64, double)
MATMUL(matmul32, float)
