// Plain-JavaScript twin of fib.py, for the timing comparison.
export function fib(n) {
  if (n < 2) return n;
  return fib(n - 1) + fib(n - 2);
}
