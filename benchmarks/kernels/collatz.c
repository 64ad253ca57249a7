/* collatz.py in C with 64-bit integers. */
static long long collatz_steps(long long x) {
  long long steps = 0;
  while (x != 1) {
    if (x % 2 == 0) x = x / 2;
    else x = 3 * x + 1;
    steps++;
  }
  return steps;
}

long long collatz(int n) {
  long long total = 0;
  for (long long x = 1; x < n; x++) total += collatz_steps(x);
  return total;
}
