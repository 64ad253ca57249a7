// fused.py in plain JavaScript: one loop, no temporaries.
export function fused(a, b, c) {
  const n = a.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.sqrt(a[i] * a[i] + b[i] * b[i]) * c[i] + 1.0;
  return out;
}
