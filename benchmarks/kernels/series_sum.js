// series_sum.py in plain JavaScript.
export function series_sum(n) {
  let s = 0.0;
  let sign = 1.0;
  for (let k = 0; k < n; k++) {
    s += sign / (2.0 * k + 1.0);
    sign = -sign;
  }
  return s;
}
