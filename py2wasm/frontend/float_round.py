"""round(x, ndigits) of a run-time float, bit-exact with CPython.

Place in the pipeline: frontend value semantics, called by `builtins._round`
for a float `x` whose value (or `ndigits`) is only known at run time. Emits
plain IEEE f64 operations (no fma: the mvp target has none).

CPython (floatobject.c, double_round) rounds the *exact* binary value of x
half-to-even to `ndigits` decimals with dtoa, then reads the decimal back with
strtod; ndigits > 323 gives x, ndigits < -308 gives 0.0 * x; nan and inf give
x. Without big integers the same answer is computed exactly:

* if |x| * 10**nd >= 2**53 the rounding moves x by less than half an ulp, so
  the result is x itself;
* otherwise, for 0 <= nd <= 22 (10**nd an exact double), N = the exact product
  |x| * 10**nd (Dekker two-product: p + err) rounded half-to-even, and the
  result is N / 10**nd: one correctly rounded division of exact doubles, which
  is strtod of the decimal;
* for -22 <= nd < 0, N = |x| / 10**k rounded half-to-even from the exact
  remainder |x| - f * 10**k, and the result is N * 10**k (exact operands, one
  rounding);
* a zero result keeps x's sign.

For 22 < |nd| <= 323 (or 308) the exact decimal needs more than
double-double precision: the result is still exact when the magnitude decides
it (|x| * 10**nd well above 2**53: x; well below 1/2: +-0), and otherwise
NotImplementedError is raised at run time (never a wrong value).

API: `round_float(fb, x: Var, nd, loc) -> Var` (nd: an int or an i64 Var).
"""
from __future__ import annotations

from ..ir import BOOL, F64, I64, Var

TWO53 = float(2**53)
# a run-time |ndigits| beyond this is decided only when the magnitude of x does
UNSUPPORTED = ("NotImplementedError",
               "round(x, ndigits) with |ndigits| > 22 is not supported for this x "
               "(py2wasm: the decimal result needs more than double-double precision)")


class _E:
    """Typed helpers bound to one builder and location."""

    def __init__(self, fb, loc):
        self.fb, self.loc = fb, loc

    def __call__(self, prim: str, *ins, **params) -> Var:
        return self.fb.emit(prim, list(ins), params or None, loc=self.loc)

    def f(self, v: float) -> Var:
        return self.fb.const(float(v), F64)

    def i(self, v: int) -> Var:
        return self.fb.const(int(v), I64)

    def sel(self, c, a, b) -> Var:
        return self("select", c, a, b)

    # --- error-free transformations (exact barring overflow) ---------------
    def split(self, a: Var) -> tuple[Var, Var]:
        c = self("mul", self.f(134217729.0), a)  # 2**27 + 1 (Veltkamp)
        hi = self("sub", c, self("sub", c, a))
        return hi, self("sub", a, hi)

    def two_prod(self, a: Var, b: Var) -> tuple[Var, Var]:
        """p, err with p = fl(a * b) and p + err == a * b exactly (Dekker)."""
        p = self("mul", a, b)
        ah, al = self.split(a)
        bh, bl = self.split(b)
        t = self("sub", self("mul", ah, bh), p)
        t = self("add", t, self("mul", ah, bl))
        t = self("add", t, self("mul", al, bh))
        return p, self("add", t, self("mul", al, bl))

    def two_sum(self, a: Var, b: Var) -> tuple[Var, Var]:
        """s, e with s = fl(a + b) and s + e == a + b exactly (Knuth)."""
        s = self("add", a, b)
        bb = self("sub", s, a)
        e = self("add", self("sub", a, self("sub", s, bb)), self("sub", b, bb))
        return s, e

    def odd(self, f: Var) -> Var:
        """f (an integral double < 2**53) is odd."""
        half = self("mul", f, self.f(0.5))
        return self("ne", self("floor", half), half)

    def adjust(self, f: Var, s: Var, e: Var, half: Var) -> Var:
        """The integer nearest to f + (s + e) / (2 * half), ties to even, given
        |s + e| <= 2 * half: f + 1, f or f - 1, decided exactly."""
        odd = self.odd(f)
        zero = self.f(0.0)
        nhalf = self("neg", half)
        tie_up = self("or", self("gt", e, zero), self("and", self("eq", e, zero), odd))
        tie_dn = self("or", self("lt", e, zero), self("and", self("eq", e, zero), odd))
        up = self("or", self("gt", s, half), self("and", self("eq", s, half), tie_up))
        dn = self("or", self("lt", s, nhalf), self("and", self("eq", s, nhalf), tie_dn))
        f = self("add", f, self("convert", up, to=F64))
        return self("sub", f, self("convert", dn, to=F64))


def _pow10(e: _E, k: Var) -> Var:
    """10.0 ** k exactly, for an i64 0 <= k <= 22: 5**k * 2**k."""
    five = e("convert", e("pow", e.i(5), k), to=F64)
    two = e("convert", e("shl", e.i(1), k), to=F64)
    return e("mul", five, two)


def _round_up_scale(e: _E, ax: Var, p10: Var) -> Var:
    """|x| rounded to nd = log10(p10) >= 0 decimals (p10 exact, |x| finite)."""
    p, err = e.two_prod(ax, p10)
    big = e("or", e("gt", p, e.f(TWO53)),
            e("and", e("eq", p, e.f(TWO53)), e("ge", err, e.f(0.0))))
    f = e("nearest", p)
    s, r = e.two_sum(e("sub", p, f), err)  # p - f is exact
    n = e.adjust(f, s, r, e.f(0.5))
    return e.sel(big, ax, e("fdiv", n, p10))


def _round_down_scale(e: _E, ax: Var, p10: Var) -> Var:
    """|x| rounded to a multiple of p10 = 10**k (exact, k <= 22)."""
    q = e("fdiv", ax, p10)
    big = e("ge", q, e.f(TWO53))  # 2**53 itself: N*p10 is x too (q >= 2**53 - 1/2)
    f = e("nearest", q)
    h, l = e.two_prod(f, p10)  # overflow only when big
    d = e("sub", ax, h)  # exact (Sterbenz, or h == 0)
    s, r = e.two_sum(d, e("neg", l))
    n = e.adjust(f, s, r, e("mul", p10, e.f(0.5)))
    return e.sel(big, ax, e("mul", n, p10))


def round_float(fb, x: Var, nd, loc) -> Var:
    """round(x, nd) for an f64 x and an int nd (a Python int or an i64 Var)."""
    e = _E(fb, loc)
    if not isinstance(nd, Var):
        nd = int(nd)
        if nd > 323:
            return x
        if nd < -308:  # 0.0 * x for finite x; nan and inf are kept
            return e.sel(e("isfinite", x), e("copysign", e.f(0.0), x), x)
    ndv = nd if isinstance(nd, Var) else e.i(nd)
    ndv = e.sel(e("gt", ndv, e.i(400)), e.i(400), e.sel(e("lt", ndv, e.i(-400)), e.i(-400), ndv))
    ax = e("fabs", x)
    k = e("abs", e.sel(e("gt", ndv, e.i(22)), e.i(22),
                       e.sel(e("lt", ndv, e.i(-22)), e.i(-22), ndv)))
    p10 = _pow10(e, k)
    exact = e.sel(e("ge", ndv, e.i(0)), _round_up_scale(e, ax, p10),
                  _round_down_scale(e, ax, p10))
    small = e("and", e("le", ndv, e.i(22)), e("ge", ndv, e.i(-22)))
    fin = e("isfinite", x)
    if isinstance(nd, int) and -22 <= nd <= 22:
        return e.sel(fin, e("copysign", exact, x), x)
    # |nd| > 22: only the magnitude decides (x itself, or a zero)
    m = e("sub", e("abs", ndv), e.i(22))  # exponent beyond 10**22
    m = e.sel(e("gt", m, e.i(301)), e.i(301), e.sel(e("lt", m, e.i(0)), e.i(0), m))
    scale = e("pow", e.f(10.0), e("convert", m, to=F64))  # approximate 10**m
    up = e("mul", e("mul", ax, e.f(1e22)), scale)  # ~|x| * 10**nd (nd > 22)
    dn = e("fdiv", e("fdiv", ax, e.f(1e22)), scale)  # ~|x| / 10**-nd (nd < -22)
    y = e.sel(e("gt", ndv, e.i(0)), up, dn)
    keep = e("or", e("gt", ndv, e.i(323)), e("gt", y, e.f(TWO53 * (1 + 1e-9))))
    zero = e("or", e("lt", ndv, e.i(-308)), e("lt", y, e.f(0.5 * (1 - 1e-9))))
    undecided = e("and", e("and", fin, e("not", small)),
                  e("and", e("not", keep), e("not", zero)))
    fb.raise_if(undecided, *UNSUPPORTED, loc=loc)
    r = e.sel(small, exact, e.sel(keep, ax, e.f(0.0)))
    return e.sel(fin, e("copysign", r, x), x)
