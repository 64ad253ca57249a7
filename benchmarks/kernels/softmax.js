// softmax.py in plain JavaScript (max, exp, sum, divide: the loops NumPy runs).
export function softmax(x) {
  const n = x.length;
  let m = -Infinity;
  for (let i = 0; i < n; i++) if (x[i] > m) m = x[i];
  const out = new Float64Array(n);
  let s = 0.0;
  for (let i = 0; i < n; i++) {
    const e = Math.exp(x[i] - m);
    out[i] = e;
    s += e;
  }
  for (let i = 0; i < n; i++) out[i] /= s;
  return out;
}
