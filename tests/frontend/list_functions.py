"""Functions using lists, compiled by test_lists.py (a plain module: pytest
rewrites the asserts of test modules)."""
import numpy as np


def basics(n: int, x: float):
    xs = [x, 2.0, 3.5]
    xs.append(x * 2)
    ys = []
    for i in range(n):
        ys.append(i * x)
    t = 0.0
    for v in ys:
        t += v
    zs = [v * v for v in xs if v > 1.0]
    k = xs.pop()
    xs.insert(0, 9.0)
    return (t + k + len(zs) + sum(zs) + xs[0] + xs[-1] + max(ys) + min(xs) + (x in xs)
            + xs.index(2.0) + xs.count(3.5))


def sieve(n: int) -> int:
    is_prime = [True] * (n + 1)
    is_prime[0] = False
    if n >= 1:
        is_prime[1] = False
    i = 2
    while i * i <= n:
        if is_prime[i]:
            for j in range(i * i, n + 1, i):
                is_prime[j] = False
        i += 1
    return sum(is_prime)


def stack_dfs(n: int) -> int:
    # iterative walk of the implicit binary tree 1..n with a stack list
    stack = [1]
    total = 0
    while stack:
        v = stack.pop()
        total += v
        if 2 * v <= n:
            stack.append(2 * v)
        if 2 * v + 1 <= n:
            stack.append(2 * v + 1)
    return total


def nested_comprehension(n: int, m: int):
    pairs = [i * 10 + j for i in range(n) for j in range(m) if (i + j) % 2 == 0]
    return len(pairs), sum(pairs), (pairs[-1] if pairs else -1)


def captured(xs0: float, c: float, n: int):
    xs = [xs0 + i for i in range(n)]
    scaled = [v * c for v in xs if v > c]
    return sum(scaled), len(scaled), np.array(scaled).sum()


def aliasing(n: int):
    a = [1, 2, 3]
    b = a
    b.append(n)
    c = a.copy()
    c.append(7)
    a += [n, n]
    d = a + c
    e = [0] * 3 + a * 2
    return len(a), len(b), len(c), len(d), sum(d), sum(e), a == b, a != c, a[-1]


def indexing(xs0: int, i: int):
    xs = [xs0, xs0 + 1, xs0 + 2, xs0 + 3, xs0 + 4]
    xs[i] = -1
    return xs[i] + xs[-i - 1]


def slicing(n: int, a: int, b: int):
    xs = [k * k for k in range(n)]
    ys = xs[a:b]
    zs = xs[::2]
    ws = xs[::-1]
    return len(ys), sum(ys), sum(zs), (ws[0] if ws else -1)


def pops(n: int, i: int):
    xs = list(range(n))
    v = xs.pop(i)
    return v, len(xs), sum(xs)


def removes(n: int, v: int):
    xs = [k % 4 for k in range(n)]
    xs.remove(v)
    xs.reverse()
    return len(xs), xs[0], xs.index(v) if v in xs else -1


def reductions(n: int, x: float):
    xs = [x * k - 3.0 for k in range(n)]
    return min(xs), max(xs), sum(xs), any([v > 0 for v in xs]), all([v > -100.0 for v in xs])


def iterate_while_appending(n: int):
    xs = [1]
    for v in xs:
        if v < n:
            xs.append(v * 2)
    return len(xs), xs[-1]


def to_numpy(n: int):
    xs = [0.5 * k for k in range(n)]
    a = np.array(xs)
    return a.sum(), a.shape[0]


def clear_and_reuse(n: int):
    xs = [1.0, 2.0]
    xs.clear()
    for k in range(n):
        xs.append(k / 2)
    return len(xs), sum(xs, 0.0)


def extend_mix(n: int):
    xs = []
    xs.extend([1, 2])
    xs.extend((3, 4))
    xs.extend(range(n)) if False else None
    ys = [n, n]
    xs.extend(ys)
    return len(xs), sum(xs)


# --- refused --------------------------------------------------------------------------------

def returns_list(n: int):
    return [n, n]


def mixed_types(n: int):
    xs = [n, 1.5]
    return len(xs)


def append_other_type(n: int):
    xs = [1.0]
    xs.append(n)
    return len(xs)


def sort_list(n: int):
    xs = [3, n, 1]
    xs.sort(key=abs)
    return xs[0]


def numpy_interop(a, n: int):
    idx = [0, 2]
    xs = [float(i) for i in range(n)]
    b = a[idx]
    a[idx] = 7.0
    return (b.sum() + np.mean(xs) + a.sum()
            + np.sum(np.array([k * 2 for k in range(n)], dtype=np.float32)))


def _push_squares(xs, n):
    for k in range(n):
        xs.append(k * k)
    return len(xs)


def mutate_in_helper(n: int):
    xs = [1, 2]
    m = _push_squares(xs, n)
    return m, len(xs), sum(xs)


def iterators(n: int, c: float):
    xs = [c * k for k in range(n)]
    ys = [k - 2 for k in range(n + 2)]
    t = 0.0
    for i, x in enumerate(xs):
        t += i * x
    for i, x in enumerate(xs, 3):
        t += i - x
    for x, y in zip(xs, ys):
        t += x * y
    for k, x, y in zip(range(100, 0, -3), xs, reversed(ys)):
        t += k + x - y
    for x in reversed(xs):
        t = t * 0.5 + x
    for i, (x, y) in enumerate(zip(xs, ys)):
        t += i * (x - y)
    return t


def sorting(n: int, c: float):
    xs = [(k * 7919 % 13) * c - 3.0 for k in range(n)]
    ys = sorted(xs)
    zs = sorted(xs, reverse=True)
    xs.sort()
    ks = [k * 7 % 5 for k in range(n)]
    ks.sort(reverse=True)
    zeros = [0.0, -0.0, 0.0, -0.0]
    zeros.sort()
    zr = sorted(zeros, reverse=True)
    bs = sorted(k % 3 == 0 for k in range(n))
    return (xs == ys, (ys[0], ys[-1]) if ys else (0.0, 0.0), (zs[0], zs[-1]) if zs else (0.0, 0.0),
            sum(ks), ks[0] if ks else -1,
            1.0 / zeros[0], 1.0 / zeros[1], 1.0 / zr[0], 1.0 / zr[3], len(bs), bs[-1] if bs else False)


def sort_nan(n: int):
    xs = [1.0, float("nan"), 0.5]
    xs.sort()
    return xs[0]


def sort_six(a, b, c, d, e, f):
    xs = [a, b, c, d, e, f]
    ys = sorted(xs, reverse=True)
    xs.sort()
    return xs[0], xs[1], xs[2], xs[3], xs[4], xs[5], ys[0], ys[2], ys[5]
