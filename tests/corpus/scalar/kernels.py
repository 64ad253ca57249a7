"""Realistic numeric kernels."""
import math

from ..support import C
from .calls import gcd_iter

INF = float("inf")
NAN = float("nan")


def collatz_steps(n):
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n //= 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps


def mandelbrot(cr, ci, max_iter):
    zr = 0.0
    zi = 0.0
    for k in range(max_iter):
        zr2 = zr * zr
        zi2 = zi * zi
        if zr2 + zi2 > 4.0:
            return k
        zi = 2.0 * zr * zi + ci
        zr = zr2 - zi2 + cr
    return max_iter


def leibniz_pi(n):
    s = 0.0
    sign = 1.0
    for k in range(n):
        s += sign / (2 * k + 1)
        sign = -sign
    return 4.0 * s


def harmonic(n):
    h = 0.0
    for k in range(1, n + 1):
        h += 1.0 / k
    return h


def e_series(n):
    term = 1.0
    s = 1.0
    for k in range(1, n):
        term /= k
        s += term
    return s


def newton_sqrt(a):
    if a == 0.0:
        return 0.0
    x = a if a > 1.0 else 1.0
    for _ in range(60):
        nx = 0.5 * (x + a / x)
        if nx == x:
            break
        x = nx
    return x


def isqrt(n):
    if n < 2:
        return n
    x = n
    y = (x + 1) // 2
    while y < x:
        x = y
        y = (x + n // x) // 2
    return x


def is_prime(n):
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    d = 3
    while d * d <= n:
        if n % d == 0:
            return False
        d += 2
    return True


def digit_sum(n):
    n = abs(n)
    s = 0
    while n:
        s += n % 10
        n //= 10
    return s


def bisection(lo, hi, iters):
    for _ in range(iters):
        mid = (lo + hi) / 2.0
        if mid * mid * mid - 2.0 > 0.0:
            hi = mid
        else:
            lo = mid
    return lo, hi


def simpson_poly(a, b, n):
    h = (b - a) / n
    s = _cubic(a) + _cubic(b)
    for i in range(1, n):
        x = a + i * h
        s += (4.0 if i % 2 == 1 else 2.0) * _cubic(x)
    return s * h / 3.0


def _cubic(x):
    return x * x * x - 2.0 * x + 1.0


def horner(x):
    return (((2.0 * x - 6.0) * x + 2.0) * x - 1.0) * x + 0.5


def pow_mod(b, e, m):
    result = 1
    b %= m
    while e > 0:
        if e & 1:
            result = result * b % m
        b = b * b % m
        e >>= 1
    return result


def fib_iter(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def reverse_digits(n):
    r = 0
    while n > 0:
        r = r * 10 + n % 10
        n //= 10
    return r


def kahan_sum(x, n):
    s = 0.0
    c = 0.0
    for _ in range(n):
        y = x - c
        t = s + y
        c = (t - s) - y
        s = t
    return s, c


def logistic(r, x, n):
    for _ in range(n):
        x = r * x * (1.0 - x)
    return x


def euler_decay(k, y0, dt, steps):
    y = y0
    for _ in range(steps):
        y += -k * y * dt
    return y


def count_primes(n):
    c = 0
    for k in range(n):
        if is_prime(k):
            c += 1
    return c


def lcm_range(n):
    acc = 1
    for k in range(1, n + 1):
        acc = acc // gcd_iter(acc, k) * k
    return acc


def trapezoid_sqrt(a, b, n):
    h = (b - a) / n
    s = 0.5 * (math.sqrt(a) + math.sqrt(b))
    for i in range(1, n):
        s += math.sqrt(a + i * h)
    return s * h


def golden_ratio(n):
    x = 1.0
    for _ in range(n):
        x = 1.0 + 1.0 / x
    return x


def mean_var(a, b, c, d):
    m = (a + b + c + d) / 4.0
    v = ((a - m) ** 2 + (b - m) ** 2 + (c - m) ** 2 + (d - m) ** 2) / 4.0
    return m, v


def perfect_number(n):
    s = 0
    for d in range(1, n):
        if n % d == 0:
            s += d
    return s == n


HELPERS = [_cubic]

CASES = [
    C(collatz_steps, 1, 2, 3, 27, 97, 871, 2**40 + 1),
    C(mandelbrot, (0.0, 0.0, 100), (1.0, 1.0, 100), (-0.75, 0.1, 1000), (0.25, 0.0, 500), (-2.0, 0.0, 50),
      (NAN, 0.0, 10), (0.3, 0.5, 0)),
    C(leibniz_pi, 0, 1, 1000, 100000),
    C(harmonic, 0, 1, 100, 10000),
    C(e_series, 1, 5, 20, 200),
    C(newton_sqrt, 0.0, 2.0, 0.25, 1e10, 1e-10, 123456.789),
    C(isqrt, 0, 1, 15, 16, 17, 10**12, 2**62, 2**63 - 1, -4),
    C(is_prime, -7, 0, 1, 2, 3, 4, 97, 7919, 1000003, 999999999989),
    C(digit_sum, 0, 123, -987, 2**63 - 1, -2**63 + 1),
    C(bisection, (1.0, 2.0, 60), (0.0, 2.0, 10), (1.0, 1.0, 5), (-INF, INF, 3)),
    C(simpson_poly, (0.0, 1.0, 10), (-1.0, 2.0, 100), (0.0, 0.0, 4), (0.0, 1.0, 0)),
    C(horner, 0.0, 1.0, -1.5, 3.0, 1e80, NAN),
    C(pow_mod, (2, 10, 1000), (3, 10**18, 10**9 + 7), (7, 0, 13), (10, 5, 1), (5, 3, 0), (2**40, 2**40, 2**31 - 1)),
    C(fib_iter, 0, 1, 50, 92, 93),
    C(reverse_digits, 0, 1234, 1200, 9223372036854775807, 1000000000000000009),
    C(kahan_sum, (0.1, 10), (1e-16, 1000), (1.0, 0)),
    C(logistic, (3.9, 0.5, 100), (2.5, 0.1, 50), (4.0, 0.3, 1000), (1.0, 0.0, 5)),
    C(euler_decay, (0.5, 1.0, 0.01, 100), (2.0, 10.0, 0.1, 50), (0.0, 1.0, 1.0, 3)),
    C(count_primes, 0, 10, 100, 1000),
    C(lcm_range, 1, 10, 20, 40, 60),
    C(trapezoid_sqrt, (0.0, 1.0, 100), (1.0, 4.0, 10), (-1.0, 1.0, 4)),
    C(golden_ratio, 0, 1, 10, 100),
    C(mean_var, (1.0, 2.0, 3.0, 4.0), (1e308, -1e308, 0.0, 0.0), (0.1, 0.1, 0.1, 0.1), (1, 2, 3, 4)),
    C(perfect_number, 6, 28, 12, 496, 1),
]
