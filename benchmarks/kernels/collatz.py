"""Scalar integer loop: total number of Collatz steps of every start value below n."""


def collatz_steps(x: int) -> int:
    steps = 0
    while x != 1:
        if x % 2 == 0:
            x = x // 2
        else:
            x = 3 * x + 1
        steps += 1
    return steps


def collatz(n: int) -> int:
    total = 0
    for x in range(1, n):
        total += collatz_steps(x)
    return total
