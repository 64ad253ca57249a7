"""The integer functions of the math module on run-time ints: gcd, lcm, isqrt,
factorial, comb, perm, with CPython's results and ValueError messages.

Place in the pipeline: frontend value semantics, called by `mathlib.call_math`
for these functions when an argument is only known at run time (known
arguments fold in Python before). ints are 64-bit: a result outside int64
(`math.factorial(21)`, `math.gcd(-2**63, 0)`, `math.lcm(2**40, 2**40 - 1)`)
raises OverflowError with py2wasm's integer-overflow message, as `*` and
`abs` do; intermediate values never overflow when the result fits (comb
divides by a gcd before multiplying).

API: `INT_HANDLERS: {math function: handler(fb, args, loc)}`.
"""
from __future__ import annotations

import math

from ..ir import F64, I64, Var
from .operators import materialize

ISQRT_NEG = "isqrt() argument must be nonnegative"
FACT_NEG = "factorial() not defined for negative values"
N_NEG = "n must be a non-negative integer"
K_NEG = "k must be a non-negative integer"


class _E:
    def __init__(self, fb, loc):
        self.fb, self.loc = fb, loc

    def __call__(self, prim: str, *ins, **params) -> Var:
        return self.fb.emit(prim, list(ins), params or None, loc=self.loc)

    def i(self, v) -> Var:
        return v if isinstance(v, Var) and v.type is I64 else materialize(self.fb, v, I64, self.loc)

    def c(self, v: int) -> Var:
        return self.fb.const(int(v), I64)

    def raise_if(self, cond: Var, exc: str, msg: str) -> None:
        self.fb.raise_if(cond, exc, msg, loc=self.loc)

    def loop(self, state: list[Var], cond, body) -> list[Var]:
        """while cond(*state): state = body(*state); the final state (i64s)."""
        fb = self.fb
        head = fb.new_block([v.type for v in state])
        inner, done = fb.new_block(), fb.new_block([v.type for v in state])
        fb.br(head, list(state))
        fb.set_block(head)
        fb.cond_br(cond(*head.params), inner, done, [], list(head.params))
        fb.set_block(inner)
        fb.br(head, list(body(*head.params)))
        fb.set_block(done)
        return list(done.params)


def _gcd2(e: _E, a: Var, b: Var) -> Var:
    """gcd up to sign (Euclid with Python's %): |result| is the gcd."""
    a, _ = e.loop([a, b], lambda a, b: e("ne", b, e.c(0)), lambda a, b: [b, e("mod", a, b)])
    return a


def gcd(fb, args, loc):
    e = _E(fb, loc)
    if not args:
        return 0
    g = e.i(args[0])
    for a in args[1:]:
        g = _gcd2(e, g, e.i(a))
    return e("abs", g)  # OverflowError only for a gcd of 2**63


def lcm(fb, args, loc):
    e = _E(fb, loc)
    if not args:
        return 1
    xs = [e.i(a) for a in args]
    zero = e("eq", xs[0], e.c(0))
    for x in xs[1:]:  # any zero makes the lcm 0 (a prefix never overflows then)
        zero = e("or", zero, e("eq", x, e.c(0)))
    xs = [e("select", zero, e.c(1), x) for x in xs]
    r = e("abs", xs[0])
    for b in xs[1:]:  # a prefix's lcm divides the whole: overflow iff the result's
        g = e("abs", _gcd2(e, r, b))
        r = e("abs", e("mul", e("floordiv", r, g), b))
    return e("select", zero, e.c(0), r)


def isqrt(fb, args, loc):
    e = _E(fb, loc)
    n = e.i(args[0])
    e.raise_if(e("lt", n, e.c(0)), "ValueError", ISQRT_NEG)
    s = e("convert", e("floor", e("sqrt", e("convert", n, to=F64))), to=I64)
    s = e("select", e("gt", s, e.c(3037000499)), e.c(3037000499), s)
    for _ in range(2):  # float sqrt is off by at most one: s*s > n -> s - 1
        pos = e("gt", s, e.c(0))
        q = e("floordiv", n, e("select", pos, s, e.c(1)))
        s = e("select", e("and", pos, e("gt", s, q)), e("sub", s, e.c(1)), s)
    for _ in range(2):  # (s+1)**2 <= n -> s + 1, without overflow
        t = e("add", s, e.c(1))
        s = e("select", e("le", t, e("floordiv", n, t)), t, s)
    return s


def factorial(fb, args, loc):
    e = _E(fb, loc)
    n = e.i(args[0])
    e.raise_if(e("lt", n, e.c(0)), "ValueError", FACT_NEG)
    # past 20 the product leaves int64 at the 21st factor: OverflowError
    _, r = e.loop([e.c(2), e.c(1)], lambda i, r: e("le", i, n),
                  lambda i, r: [e("add", i, e.c(1)), e("mul", r, i)])
    return r


def _check_nk(e: _E, n: Var, k: Var) -> None:
    e.raise_if(e("lt", n, e.c(0)), "ValueError", N_NEG)
    e.raise_if(e("lt", k, e.c(0)), "ValueError", K_NEG)


def perm(fb, args, loc):
    if len(args) == 1 or (len(args) == 2 and args[1] is None):
        return factorial(fb, args[:1], loc)
    e = _E(fb, loc)
    n, k = e.i(args[0]), e.i(args[1])
    _check_nk(e, n, k)
    over = e("gt", k, n)
    kk = e("select", over, e.c(0), k)
    lo = e("sub", n, kk)  # factors lo+1 .. n
    _, r = e.loop([n, e.c(1)], lambda i, r: e("gt", i, lo),
                  lambda i, r: [e("sub", i, e.c(1)), e("mul", r, i)])
    return e("select", over, e.c(0), r)


def comb(fb, args, loc):
    e = _E(fb, loc)
    n, k = e.i(args[0]), e.i(args[1])
    _check_nk(e, n, k)
    over = e("gt", k, n)
    kk = e("select", over, e.c(0), k)
    kk = e("select", e("gt", kk, e("sub", n, kk)), e("sub", n, kk), kk)  # min(k, n - k)
    base = e("sub", n, kk)

    def step(i, r):  # r = C(base + i - 1, i - 1) -> C(base + i, i), exactly
        g = e("abs", _gcd2(e, r, i))
        m = e("floordiv", e("add", base, i), e("floordiv", i, g))
        return [e("add", i, e.c(1)), e("mul", e("floordiv", r, g), m)]
    _, r = e.loop([e.c(1), e.c(1)], lambda i, r: e("le", i, kk), step)
    return e("select", over, e.c(0), r)


INT_HANDLERS = {math.gcd: gcd, math.lcm: lcm, math.isqrt: isqrt, math.factorial: factorial,
                math.perm: perm, math.comb: comb}
