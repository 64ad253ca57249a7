// dot.py in plain JavaScript.
export function dot(x, y) {
  let s = 0.0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}
