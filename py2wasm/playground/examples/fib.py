"""Recursive Fibonacci: calls and int arithmetic (int64, OverflowError past it)."""


def fib(n: int) -> int:
    """The n-th Fibonacci number, the slow recursive way."""
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)
