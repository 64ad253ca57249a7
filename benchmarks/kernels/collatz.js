// collatz.py in plain JavaScript (numbers are doubles; every value stays below 2**53).
function collatzSteps(x) {
  let steps = 0;
  while (x !== 1) {
    if (x % 2 === 0) x = x / 2;
    else x = 3 * x + 1;
    steps++;
  }
  return steps;
}

export function collatz(n) {
  let total = 0;
  for (let x = 1; x < n; x++) total += collatzSteps(x);
  return total;
}
