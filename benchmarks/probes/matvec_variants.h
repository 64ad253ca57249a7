/* Probe (issue 15): float32 matrix-vector loops in plain C with 128-bit
   vector types (no FMA), compiled both to wasm (clang -O3 -msimd128, run
   under wasmtime) and natively (clang -O3 -msse4.2 -mno-avx -mno-fma) by
   benchmarks/probes/matvec_variants.py, which runs both on the same matrix
   in wasm linear memory next to NumPy. mv_R_V: `A @ x`, R rows per pass,
   V f32x4 partial sums per row; mvu_R_V_U: the same unrolled U times along
   k; xa_Q_V: `x @ A`, Q rows per pass over y, V vectors of y per step. */
typedef float v4 __attribute__((vector_size(16), aligned(4)));
#define LD(p) (*(const v4 *)(p))
#define ST(p, v) (*(v4 *)(p) = (v))
static inline float hsum(v4 s) { return (s[0] + s[2]) + (s[1] + s[3]); }
/* A @ x: R rows at a time, V vectors per row per iteration (V*4 partial sums per row) */
#define MV(R, V) \
void mv_##R##_##V(const float *a, int n, int m, const float *x, float *y) { \
  for (int r = 0; r + R <= n; r += R) { \
    v4 s[R][V]; \
    for (int i = 0; i < R; i++) for (int v = 0; v < V; v++) s[i][v] = (v4){0,0,0,0}; \
    const float *ar = a + (long)r * m; \
    for (int q = 0; q + 4*V <= m; q += 4*V) { \
      v4 xv[V]; for (int v = 0; v < V; v++) xv[v] = LD(x + q + 4*v); \
      for (int i = 0; i < R; i++) for (int v = 0; v < V; v++) \
        s[i][v] = s[i][v] + LD(ar + (long)i*m + q + 4*v) * xv[v]; \
    } \
    for (int i = 0; i < R; i++) { v4 t = s[i][0]; for (int v = 1; v < V; v++) t = t + s[i][v]; y[r+i] = hsum(t); } \
  } \
}
MV(1,2) MV(1,4) MV(1,8) MV(2,2) MV(2,4) MV(3,2) MV(4,1) MV(4,2) MV(6,1) MV(8,1) MV(4,4)
/* x @ A: Q rows per pass over y, V vectors per iteration */
#define XA(Q, V) \
void xa_##Q##_##V(const float *a, int n, int m, const float *x, float *y) { \
  for (volatile int j = 0; j < m; j++) y[j] = 0; \
  for (int k = 0; k + Q <= n; k += Q) { \
    const float *r0 = a + (long)k * m; v4 xs[Q]; \
    for (int q = 0; q < Q; q++) xs[q] = (v4){x[k+q], x[k+q], x[k+q], x[k+q]}; \
    for (int j = 0; j + 4*V <= m; j += 4*V) { \
      v4 s[V]; for (int v = 0; v < V; v++) s[v] = LD(y + j + 4*v); \
      for (int q = 0; q < Q; q++) for (int v = 0; v < V; v++) s[v] = s[v] + xs[q] * LD(r0 + (long)q*m + j + 4*v); \
      for (int v = 0; v < V; v++) ST(y + j + 4*v, s[v]); \
    } \
  } \
}
XA(4,1) XA(4,2) XA(8,1) XA(8,2) XA(2,4) XA(16,1) XA(6,1) XA(4,4)
/* R rows, V accumulators per row, unrolled U times along k (acc v takes blocks u*V+v) */
#define MVU(R, V, U) \
void mvu_##R##_##V##_##U(const float *a, int n, int m, const float *x, float *y) { \
  for (int r = 0; r + R <= n; r += R) { \
    v4 s[R][V]; \
    for (int i = 0; i < R; i++) for (int v = 0; v < V; v++) s[i][v] = (v4){0,0,0,0}; \
    const float *ar = a + (long)r * m; \
    for (int q = 0; q + 4*V*U <= m; q += 4*V*U) { \
      for (int u = 0; u < U; u++) { \
      v4 xv[V]; for (int v = 0; v < V; v++) xv[v] = LD(x + q + 4*(u*V+v)); \
      for (int i = 0; i < R; i++) for (int v = 0; v < V; v++) \
        s[i][v] = s[i][v] + LD(ar + (long)i*m + q + 4*(u*V+v)) * xv[v]; }\
    } \
    for (int i = 0; i < R; i++) { v4 t = s[i][0]; for (int v = 1; v < V; v++) t = t + s[i][v]; y[r+i] = hsum(t); } \
  } \
}
MVU(1,2,2) MVU(1,2,4) MVU(1,4,2) MVU(2,2,2) MVU(1,1,4)
