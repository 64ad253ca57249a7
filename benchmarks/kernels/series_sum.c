/* series_sum.py in C. */
double series_sum(int n) {
  double s = 0.0, sign = 1.0;
  for (int k = 0; k < n; k++) {
    s += sign / (2.0 * k + 1.0);
    sign = -sign;
  }
  return s;
}
