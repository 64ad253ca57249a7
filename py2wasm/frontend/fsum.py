"""`math.fsum`: CPython's own algorithm (Modules/mathmodule.c, math_fsum:
Shewchuk's exact partials, the special-value sums, the half-even correction
across partials), written in the Python subset py2wasm compiles and traced,
so results are CPython's bit for bit and its exceptions are CPython's
(`OverflowError: intermediate overflow in fsum`, `ValueError: -inf + inf in
fsum`).

Place in the pipeline: frontend library code, like listsort.py: calls.py
sends `math.fsum(xs)` here (a generator argument is drained into a list
first, as sum() does), and `fsum` below is traced through
`calls.call_python` with a library site.
"""
from __future__ import annotations

import math


def fsum(xs):
    partials = [0.0]
    n = 0  # partials[:n] are live (the list only grows)
    special_sum = 0.0
    inf_sum = 0.0
    for item in xs:
        x = float(item)
        xsave = x
        i = 0
        for j in range(n):  # for y in partials
            y = partials[j]
            if abs(x) < abs(y):
                t = x
                x = y
                y = t
            hi = x + y
            yr = hi - x
            lo = y - yr
            if lo != 0.0:
                partials[i] = lo
                i += 1
            x = hi
        n = i
        if x != 0.0:
            if not math.isfinite(x):
                # from an intermediate overflow, or a nan or inf summand
                if math.isfinite(xsave):
                    raise OverflowError("intermediate overflow in fsum")
                if math.isinf(xsave):
                    inf_sum += xsave
                special_sum += xsave
                n = 0
            else:
                if n == len(partials):
                    partials.append(x)
                else:
                    partials[n] = x
                n += 1
    if special_sum != 0.0:
        if math.isnan(inf_sum):
            raise ValueError("-inf + inf in fsum")
        return special_sum
    hi = 0.0
    lo = 0.0
    if n > 0:
        n -= 1
        hi = partials[n]
        # sum_exact(ps, hi) from the top, stop when the sum becomes inexact
        while n > 0:
            x = hi
            n -= 1
            y = partials[n]
            hi = x + y
            yr = hi - x
            lo = y - yr
            if lo != 0.0:
                break
        # half-even rounding across multiple partials: needs lo and the next
        # partial to have the same sign
        if n > 0 and ((lo < 0.0 and partials[n - 1] < 0.0) or
                      (lo > 0.0 and partials[n - 1] > 0.0)):
            y = lo * 2.0
            x = hi + y
            yr = x - hi
            if y == yr:
                hi = x
    return hi


def call(tr, args, kwargs, loc):
    """math.fsum(iterable) on trace values."""
    from .calls import call_python
    from .values import E_TYPE, error
    if kwargs or len(args) != 1:
        raise error(loc, f"math.fsum() takes exactly one argument ({len(args)} given)", "",
                    E_TYPE)
    xs = args[0]
    from . import generators
    if isinstance(xs, generators.Gen):
        xs = generators.to_list(tr, xs, loc)
    return call_python(tr, fsum, [xs], {}, loc, site=loc, public="math.fsum")
