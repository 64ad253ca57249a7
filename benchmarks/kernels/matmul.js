// matmul.py in plain JavaScript; 2-D arrays are {data, shape} (row-major).
export function matmul(a, b) {
  const [n, m] = a.shape;
  const p = b.shape[1];
  const A = a.data, B = b.data;
  const C = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      let s = 0.0;
      for (let k = 0; k < m; k++) s += A[i * m + k] * B[k * p + j];
      C[i * p + j] = s;
    }
  }
  return { data: C, shape: [n, p] };
}
