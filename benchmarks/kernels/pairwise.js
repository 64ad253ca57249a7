// pairwise.py in plain JavaScript.
export function pairwise(x) {
  const [n, d] = x.shape;
  const X = x.data;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0.0;
      for (let k = 0; k < d; k++) {
        const t = X[i * d + k] - X[j * d + k];
        s += t * t;
      }
      out[i * n + j] = Math.sqrt(s);
    }
  }
  return { data: out, shape: [n, n] };
}
