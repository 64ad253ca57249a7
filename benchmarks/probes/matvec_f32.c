/* The float32 matrix-vector loops py2wasm emits (frontend/matmul_kernels.py),
   written in C with wasm SIMD intrinsics, and variants: benchmarks/probes/matvec_f32.py
   times them under wasmtime next to py2wasm.compile and NumPy (RESULTS.md,
   "float32 matrix-vector, what it loses"). */
#include <wasm_simd128.h>
// y[r] for rows r0..r0+R-1: L=8 partial sums (2 f32x4) per row, separate mul/add
#define MUL wasm_f32x4_mul
#define ADD wasm_f32x4_add
void mv3(const float *a, int n, int m, const float *x, float *y) {
  int r = 0;
  for (; r + 3 <= n; r += 3) {
    const float *a0 = a + (long)r * m, *a1 = a0 + m, *a2 = a1 + m;
    v128_t s00 = wasm_f32x4_splat(0), s01 = s00, s10 = s00, s11 = s00, s20 = s00, s21 = s00;
    int q = 0;
    for (; q + 8 <= m; q += 8) {
      v128_t x0 = wasm_v128_load(x + q), x1 = wasm_v128_load(x + q + 4);
      s00 = ADD(s00, MUL(wasm_v128_load(a0 + q), x0)); s01 = ADD(s01, MUL(wasm_v128_load(a0 + q + 4), x1));
      s10 = ADD(s10, MUL(wasm_v128_load(a1 + q), x0)); s11 = ADD(s11, MUL(wasm_v128_load(a1 + q + 4), x1));
      s20 = ADD(s20, MUL(wasm_v128_load(a2 + q), x0)); s21 = ADD(s21, MUL(wasm_v128_load(a2 + q + 4), x1));
    }
    v128_t t0 = ADD(s00, s01), t1 = ADD(s10, s11), t2 = ADD(s20, s21);
    y[r] = wasm_f32x4_extract_lane(t0, 0) + wasm_f32x4_extract_lane(t0, 1);
    y[r + 1] = wasm_f32x4_extract_lane(t1, 0) + wasm_f32x4_extract_lane(t1, 1);
    y[r + 2] = wasm_f32x4_extract_lane(t2, 0) + wasm_f32x4_extract_lane(t2, 1);
  }
}
void mv3u(const float *a, int n, int m, const float *x, float *y) {
  int r = 0;
  for (; r + 3 <= n; r += 3) {
    const float *a0 = a + (long)r * m, *a1 = a0 + m, *a2 = a1 + m;
    v128_t s00 = wasm_f32x4_splat(0), s01 = s00, s10 = s00, s11 = s00, s20 = s00, s21 = s00;
    int q = 0;
    for (; q + 16 <= m; q += 16) {
      v128_t x0 = wasm_v128_load(x + q), x1 = wasm_v128_load(x + q + 4);
      s00 = ADD(s00, MUL(wasm_v128_load(a0 + q), x0)); s01 = ADD(s01, MUL(wasm_v128_load(a0 + q + 4), x1));
      s10 = ADD(s10, MUL(wasm_v128_load(a1 + q), x0)); s11 = ADD(s11, MUL(wasm_v128_load(a1 + q + 4), x1));
      s20 = ADD(s20, MUL(wasm_v128_load(a2 + q), x0)); s21 = ADD(s21, MUL(wasm_v128_load(a2 + q + 4), x1));
      x0 = wasm_v128_load(x + q + 8), x1 = wasm_v128_load(x + q + 12);
      s00 = ADD(s00, MUL(wasm_v128_load(a0 + q + 8), x0)); s01 = ADD(s01, MUL(wasm_v128_load(a0 + q + 12), x1));
      s10 = ADD(s10, MUL(wasm_v128_load(a1 + q + 8), x0)); s11 = ADD(s11, MUL(wasm_v128_load(a1 + q + 12), x1));
      s20 = ADD(s20, MUL(wasm_v128_load(a2 + q + 8), x0)); s21 = ADD(s21, MUL(wasm_v128_load(a2 + q + 12), x1));
    }
    v128_t t0 = ADD(s00, s01), t1 = ADD(s10, s11), t2 = ADD(s20, s21);
    y[r] = wasm_f32x4_extract_lane(t0, 0) + wasm_f32x4_extract_lane(t0, 1);
    y[r + 1] = wasm_f32x4_extract_lane(t1, 0) + wasm_f32x4_extract_lane(t1, 1);
    y[r + 2] = wasm_f32x4_extract_lane(t2, 0) + wasm_f32x4_extract_lane(t2, 1);
  }
}
void mv4(const float *a, int n, int m, const float *x, float *y) {
  int r = 0;
  for (; r + 4 <= n; r += 4) {
    const float *a0 = a + (long)r * m, *a1 = a0 + m, *a2 = a1 + m, *a3 = a2 + m;
    v128_t s00 = wasm_f32x4_splat(0), s01 = s00, s10 = s00, s11 = s00, s20 = s00, s21 = s00, s30 = s00, s31 = s00;
    for (int q = 0; q + 8 <= m; q += 8) {
      v128_t x0 = wasm_v128_load(x + q), x1 = wasm_v128_load(x + q + 4);
      s00 = ADD(s00, MUL(wasm_v128_load(a0 + q), x0)); s01 = ADD(s01, MUL(wasm_v128_load(a0 + q + 4), x1));
      s10 = ADD(s10, MUL(wasm_v128_load(a1 + q), x0)); s11 = ADD(s11, MUL(wasm_v128_load(a1 + q + 4), x1));
      s20 = ADD(s20, MUL(wasm_v128_load(a2 + q), x0)); s21 = ADD(s21, MUL(wasm_v128_load(a2 + q + 4), x1));
      s30 = ADD(s30, MUL(wasm_v128_load(a3 + q), x0)); s31 = ADD(s31, MUL(wasm_v128_load(a3 + q + 4), x1));
    }
    v128_t t0 = ADD(s00, s01), t1 = ADD(s10, s11), t2 = ADD(s20, s21), t3 = ADD(s30, s31);
    y[r] = wasm_f32x4_extract_lane(t0, 0); y[r + 1] = wasm_f32x4_extract_lane(t1, 0);
    y[r + 2] = wasm_f32x4_extract_lane(t2, 0); y[r + 3] = wasm_f32x4_extract_lane(t3, 0);
  }
}
void mv2(const float *a, int n, int m, const float *x, float *y) {
  int r = 0;
  for (; r + 2 <= n; r += 2) {
    const float *a0 = a + (long)r * m, *a1 = a0 + m;
    v128_t s00 = wasm_f32x4_splat(0), s01 = s00, s10 = s00, s11 = s00;
    for (int q = 0; q + 8 <= m; q += 8) {
      v128_t x0 = wasm_v128_load(x + q), x1 = wasm_v128_load(x + q + 4);
      s00 = ADD(s00, MUL(wasm_v128_load(a0 + q), x0)); s01 = ADD(s01, MUL(wasm_v128_load(a0 + q + 4), x1));
      s10 = ADD(s10, MUL(wasm_v128_load(a1 + q), x0)); s11 = ADD(s11, MUL(wasm_v128_load(a1 + q + 4), x1));
    }
    v128_t t0 = ADD(s00, s01), t1 = ADD(s10, s11);
    y[r] = wasm_f32x4_extract_lane(t0, 0); y[r + 1] = wasm_f32x4_extract_lane(t1, 0);
  }
}
// y = x @ A, A row-major n x m: 8 rows per pass over y, k order per element
void xa8(const float *a, int n, int m, const float *x, float *y) {
  for (volatile int j = 0; j < m; j++) y[j] = 0;
  int k = 0;
  for (; k + 8 <= n; k += 8) {
    const float *r0 = a + (long)k * m;
    v128_t x0 = wasm_f32x4_splat(x[k]), x1 = wasm_f32x4_splat(x[k+1]), x2 = wasm_f32x4_splat(x[k+2]), x3 = wasm_f32x4_splat(x[k+3]);
    v128_t x4 = wasm_f32x4_splat(x[k+4]), x5 = wasm_f32x4_splat(x[k+5]), x6 = wasm_f32x4_splat(x[k+6]), x7 = wasm_f32x4_splat(x[k+7]);
    for (int j = 0; j + 4 <= m; j += 4) {
      v128_t s = wasm_v128_load(y + j);
      s = ADD(s, MUL(x0, wasm_v128_load(r0 + j)));
      s = ADD(s, MUL(x1, wasm_v128_load(r0 + m + j)));
      s = ADD(s, MUL(x2, wasm_v128_load(r0 + 2*m + j)));
      s = ADD(s, MUL(x3, wasm_v128_load(r0 + 3*m + j)));
      s = ADD(s, MUL(x4, wasm_v128_load(r0 + 4*m + j)));
      s = ADD(s, MUL(x5, wasm_v128_load(r0 + 5*m + j)));
      s = ADD(s, MUL(x6, wasm_v128_load(r0 + 6*m + j)));
      s = ADD(s, MUL(x7, wasm_v128_load(r0 + 7*m + j)));
      wasm_v128_store(y + j, s);
    }
  }
}
void xa4(const float *a, int n, int m, const float *x, float *y) {
  for (volatile int j = 0; j < m; j++) y[j] = 0;
  int k = 0;
  for (; k + 4 <= n; k += 4) {
    const float *r0 = a + (long)k * m;
    v128_t x0 = wasm_f32x4_splat(x[k]), x1 = wasm_f32x4_splat(x[k+1]), x2 = wasm_f32x4_splat(x[k+2]), x3 = wasm_f32x4_splat(x[k+3]);
    for (int j = 0; j + 8 <= m; j += 8) {
      v128_t s = wasm_v128_load(y + j), t = wasm_v128_load(y + j + 4);
      s = ADD(s, MUL(x0, wasm_v128_load(r0 + j)));  t = ADD(t, MUL(x0, wasm_v128_load(r0 + j + 4)));
      s = ADD(s, MUL(x1, wasm_v128_load(r0 + m + j))); t = ADD(t, MUL(x1, wasm_v128_load(r0 + m + j + 4)));
      s = ADD(s, MUL(x2, wasm_v128_load(r0 + 2*m + j))); t = ADD(t, MUL(x2, wasm_v128_load(r0 + 2*m + j + 4)));
      s = ADD(s, MUL(x3, wasm_v128_load(r0 + 3*m + j))); t = ADD(t, MUL(x3, wasm_v128_load(r0 + 3*m + j + 4)));
      wasm_v128_store(y + j, s); wasm_v128_store(y + j + 4, t);
    }
  }
}
