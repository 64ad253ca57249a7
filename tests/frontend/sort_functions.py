"""Functions for tests/frontend/test_lists_sort.py: `list.sort` and
`sorted` with `key=` and `reverse=` (compiled vs CPython)."""
from __future__ import annotations

import operator

import numpy as np


def sort_floats(xs: list[float]):
    ys = list(xs)
    ys.sort()
    return ys


def sorted_floats_reverse(xs: list[float]):
    return sorted(xs, reverse=True)


def perm_by_float(xs: list[float]):
    """The permutation CPython's sort makes (NaNs included)."""
    idx = list(range(len(xs)))
    idx.sort(key=lambda i: xs[i])
    return idx


def perm_by_float_reverse(xs: list[float]):
    idx = list(range(len(xs)))
    return sorted(idx, key=lambda i: xs[i], reverse=True)


def mod3(x):
    return x % 3


def by_mod(xs: list[int]):
    return sorted(xs, key=mod3), sorted(xs, key=mod3, reverse=True)


def by_tuple(xs: list[int]):
    ys = list(xs)
    ys.sort(key=lambda t: (t % 4, -t))
    return ys


def by_abs(xs: list[int]):
    return sorted(xs, key=abs)


def by_bool(xs: list[int]):
    return sorted(xs, key=lambda x: x > 2, reverse=True)


def bools(xs: list[int]):
    bs = [x > 1 for x in xs]
    return sorted(bs), sorted(bs, reverse=True)


def records_by_field(n: int):
    ps = [((i * 7) % 5, i * 0.5, i) for i in range(n)]
    ps.sort(key=lambda p: p[0])
    qs = sorted(ps, key=lambda p: (p[0], -p[1]), reverse=True)
    return ps, qs


def strs_by_len(words: list[str]):
    return sorted(words, key=len), sorted(words), sorted(words, key=lambda w: w[-1])


def tolist_by_key(a):
    xs = a.tolist()
    xs.sort(key=lambda v: abs(v - 1.0))
    return xs


def dict_items_by_value(n: int):
    d = {}
    for i in range(n):
        d[(i * 5) % 7] = (i * 3) % 4
    return sorted(d.items(), key=lambda kv: kv[1]), sorted(d), sorted(d.keys(), reverse=True), \
        sorted(d.values(), key=lambda v: -v)


def generator_by_key(n: int):
    return sorted((i * i % 7 for i in range(n)), key=lambda v: -v)


def key_raises(xs: list[int]):
    return sorted(xs, key=lambda x: 10 // x)


def key_returns_nan(xs: list[float]):
    return sorted(xs, key=lambda x: x * 0.0 if x > 1.0 else x)


def key_calls_counted(xs: list[int]):
    seen = [0] * 0
    ys = sorted(xs, key=lambda x: seen.append(x) or -x)
    return ys, seen


def complex_keys(xs: list[float]):
    return sorted(xs, key=lambda x: complex(x, 1.0))


def nan_in_tuple_key(xs: list[float]):
    return sorted(xs, key=lambda x: (x, 1))


def reverse_int(xs: list[int]):
    ys = list(xs)
    ys.sort(reverse=1)
    return ys


def bad_keyword(xs: list[int]):
    return sorted(xs, cmp=None)


def arrays_by_sum(n: int):
    xs = [np.arange(float(k)) for k in range(n)]
    xs.sort(key=lambda a: -a.sum())
    return [len(a) for a in xs]


def by_str_method(words: list[str]):
    return sorted(words, key=str.lower), sorted(words, key=str.upper, reverse=True)


def by_itemgetter(n: int):
    ps = [((i * 7) % 5, i % 2, i) for i in range(n)]
    return sorted(ps, key=operator.itemgetter(0)), sorted(ps, key=operator.itemgetter(1, 0))


def numpy_scalars(a):
    xs = list(a)
    xs.sort()
    return xs, sorted(list(a), reverse=True)


def rows_by_key(n: int):
    t = [[(i * 5) % 3, i] for i in range(n)]
    t.sort(key=lambda r: r[0])
    return [r[1] for r in t]
