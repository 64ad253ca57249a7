// conv1d.py in plain JavaScript.
export function conv1d(x, w) {
  const n = x.length - w.length + 1;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0.0;
    for (let k = 0; k < w.length; k++) s += x[i + k] * w[k];
    out[i] = s;
  }
  return out;
}
