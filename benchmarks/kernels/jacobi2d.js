// jacobi2d.py in plain JavaScript, in place on a and b ({data, shape}).
export function jacobi2d(steps, a, b) {
  const n = a.shape[0];
  const A = a.data, B = b.data;
  for (let t = 0; t < steps; t++) {
    for (let i = 1; i < n - 1; i++)
      for (let j = 1; j < n - 1; j++)
        B[i * n + j] = 0.2 * (A[i * n + j] + A[i * n + j - 1] + A[i * n + j + 1] + A[(i + 1) * n + j] + A[(i - 1) * n + j]);
    for (let i = 1; i < n - 1; i++)
      for (let j = 1; j < n - 1; j++)
        A[i * n + j] = 0.2 * (B[i * n + j] + B[i * n + j - 1] + B[i * n + j + 1] + B[(i + 1) * n + j] + B[(i - 1) * n + j]);
  }
}
