// Plain-JavaScript twin of softmax.py, for the timing comparison.
export function softmax(x) {
  let m = -Infinity;
  for (let i = 0; i < x.length; i++) if (x[i] > m) m = x[i];
  const e = new Float64Array(x.length);
  let s = 0;
  for (let i = 0; i < x.length; i++) { e[i] = Math.exp(x[i] - m); s += e[i]; }
  for (let i = 0; i < x.length; i++) e[i] /= s;
  return e;
}
