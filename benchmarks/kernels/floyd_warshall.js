// floyd_warshall.py in plain JavaScript, in place.
export function floyd_warshall(d) {
  const n = d.shape[0];
  const D = d.data;
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      const dik = D[i * n + k];
      for (let j = 0; j < n; j++) {
        const t = dik + D[k * n + j];
        if (t < D[i * n + j]) D[i * n + j] = t;
      }
    }
  }
}
