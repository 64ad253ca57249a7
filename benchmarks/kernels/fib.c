/* fib.py in C. */
long long fib(int n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}
