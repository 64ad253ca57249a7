"""Scalar loop: the alternating Leibniz series for pi/4, summed left to right."""


def series_sum(n: int) -> float:
    s = 0.0
    sign = 1.0
    for k in range(n):
        s += sign / (2.0 * k + 1.0)
        sign = -sign
    return s
