"""Tuples: packing, unpacking, swaps, nested returns, tuple arguments,
iteration over a tuple of values, constant indexing, len."""
from ..support import C

INF = float("inf")
NAN = float("nan")


def swap(a, b):
    a, b = b, a
    return a, b


def rotate3(a, b, c):
    a, b, c = b, c, a
    return a, b, c


def min_max(a, b):
    return (a, b) if a <= b else (b, a)


def nested_return(a, b):
    return (a, (b, a + b)), b


def unpack_nested(t):
    (a, (b, c)), d = t
    return a * b + c * d


def norm2(v):
    x, y = v
    return x * x + y * y


def dot3(u, v):
    return u[0] * v[0] + u[1] * v[1] + u[2] * v[2]


def iterate_tuple(a, b, c):
    s = 0.0
    for v in (a, b, c, 1.5):
        s = s * 2.0 + v
    return s


def fib_pair(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a, b


def tuple_len_last(t):
    return len(t), t[-1], t[0]


def complex_mul(z, w):
    a, b = z
    c, d = w
    return a * c - b * d, a * d + b * c


def mat2_mul(m, n):
    (a, b), (c, d) = m
    (e, f), (g, h) = n
    return (a * e + b * g, a * f + b * h), (c * e + d * g, c * f + d * h)


def single(x):
    return (x,)


def pass_through(t):
    return t


def stats(a, b, c):
    s = a + b + c
    mean = s / 3.0
    lo = min(a, b, c)
    hi = max(a, b, c)
    return s, mean, (lo, hi)


CASES = [
    C(swap, (1, 2), (1.5, -0.0), (True, False), (1, 2.5)),
    C(rotate3, (1, 2, 3), (1.0, NAN, -0.0), (True, 2, 3.5)),
    C(min_max, (3, 1), (1, 3), (2.0, NAN), (NAN, 2.0), (-0.0, 0.0)),
    C(nested_return, (1, 2), (2**62, 2**62), (0.5, -0.0)),
    C(unpack_nested, (((1, (2, 3)), 4),), (((1.5, (2.0, -0.0)), 4.0),), (((2**31, (2**31, 2**62)), 1),)),
    C(norm2, ((3.0, 4.0),), ((3, 4),), ((-0.0, 0.0),), ((1e200, 1.0),), ((3037000500, 0),)),
    C(dot3, ((1, 2, 3), (4, 5, 6)), ((1.0, 0.0, -1.0), (INF, 0.0, 1.0)), ((0.1, 0.2, 0.3), (3.0, 2.0, 1.0))),
    C(iterate_tuple, (1.0, 2.0, 3.0), (-0.0, 0.0, -0.0), (NAN, 1.0, 1.0), (1e308, 1e308, 1.0)),
    C(fib_pair, 0, 1, 10, 90, 91, 92),
    C(tuple_len_last, ((1, 2, 3),), ((1.5, 2),), ((True,),), (((1, 2), 3.0),)),
    C(complex_mul, ((1.0, 2.0), (3.0, 4.0)), ((0.0, 1.0), (0.0, 1.0)), ((1, 2), (3, 4)), ((INF, 0.0), (0.0, 1.0))),
    C(mat2_mul, (((1, 2), (3, 4)), ((5, 6), (7, 8))), (((1.0, 0.0), (0.0, 1.0)), ((0.5, -0.0), (NAN, 2.0))),
      (((2**31, 1), (0, 1)), ((2**32, 0), (0, 1)))),
    C(single, 1, 2.5, False),
    C(pass_through, ((1, (2.5, True)),), ((),), ((-0.0,),)),
    C(stats, (1, 2, 3), (3.0, -1.0, 2.0), (2**62, 2**62, 1)),
]
