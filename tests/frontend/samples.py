"""Functions traced by the frontend tests (a real source file, so that
error locations can be checked by line)."""
import math

DEBUG = False
SCALE = 3


def range_sum(n: int) -> int:
    s = 0
    for i in range(n):
        s += i
    return s


def known_if(x: float) -> float:
    if DEBUG:
        print(x)
    return x * SCALE


def fib(n: int):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def float_accumulator(n: int):
    s = 0
    for i in range(n):
        s += 0.5
    return s  # int when n <= 0: unstable


def growing_tuple(n: int):
    x = 0
    for i in range(n):
        x = (x,)
    return 1


def uses_print(x):
    print(x)  # line 43
    return x


def uses_list(x):
    a = [x, x]  # line 48
    return a, enumerate(a)


def uses_try(x):
    try:
        return 1.0 / x
    except ZeroDivisionError:
        return 0.0


def gen(x):
    yield x


def stores_global(x):
    global SCALE
    SCALE = x
    return x


def bad_attribute(x):
    return math.nosuch(x)  # line 70


def tuple_rec(n: int):
    if n == 0:
        return (1, 2)
    return tuple_rec(n - 1)


def and_or(a, b):
    return a and b or 2.0


def unbound(x):
    if x > 0:
        y = 1.0
    return y


def to_float(n: int) -> float:
    return n


def pairs(p: tuple[int, float], q: "tuple[float, tuple[int, bool]]"):
    a, b = p
    c, (d, e) = q
    return (b + c, (a * d, e))


def helper(x, scale=2.0, *, off=1.0):
    return x * scale + off


def calls_helper(x):
    return helper(x) + helper(x, scale=3.0, off=2.0) + helper(x, 1.0)


def rng(a: int, b: int, k: int):
    t = 0
    for i in range(a, b, k):
        t += i
    for j in range(b, a, -1):
        t -= j
    return t


def zero_step(n: int):
    t = 0
    for i in range(0, n, 0):
        t += i
    return t


def loops(n: int, x: float):
    s = 0.0
    for i in range(n):
        if i == 3:
            continue
        for j in range(i):
            if j > 5:
                break
            s += x
        else:
            s -= 1.0
        if s > 1e6:
            return -1.0
    while s > 1.0:
        s = s / 2
    return s


def tuples_iter(a, b):
    acc = 0.0
    for v in (a, b, 3.0):
        acc += v
    for i, v in enumerate((a, b)):
        acc += i * v
    for p, q in zip((1.0, 2.0), (a, b)):
        acc += p * q
    t = (a, b)
    return acc + t[1], len(t), 2 in (1, 2, 3)


def is_even(n: int) -> bool:
    if n == 0:
        return True
    return is_odd(n - 1)


def is_odd(n: int):
    if n == 0:
        return False
    return is_even(n - 1)


def swap(a: int, b: int):
    a, b = b, a
    return a - b


def no_return(x):
    x = x + 1.0


def asserts(x):
    assert x > 0, "x must be positive"
    if x > 10:
        raise ValueError("too big")
    return x


def defines_class(x):
    class C:
        pass
    return x


def unsupported_call(x):
    return memoryview(x)


def even_u(n):
    if n == 0:
        return True
    return odd_u(n - 1)


def odd_u(n):
    if n == 0:
        return False
    return even_u(n - 1)


def down_range(n):
    return range(n - 1, -1, -1)


def uses_down_range(n: int):
    s = 0
    for i in down_range(n):
        s = s * 2 + i
    return s


from collections import namedtuple  # noqa: E402

Params = namedtuple("Params", "gain bias")
PARAMS = Params(1.25, -0.5)


def apply_params(x):
    return x * PARAMS.gain + PARAMS.bias


def reversed_loops(a, b):
    s = 0.0
    for i in reversed(range(4)):
        s = s * 2.0 + i
    for v in reversed((a, b)):
        s = s * 3.0 + v
    return s


def dyn_index(i: int, x: float):
    t = (1.5, x, -2.0)
    return t[i]


def truthiness(x, t: tuple[float, float]):
    r = 0.0
    if t and not ():
        r += 1.0
    if not x:
        r += 2.0
    if None or range(0):
        r += 4.0
    return r
