"""NumPy's complex power on one element: `np.power` / `**` of complex
arrays and NumPy complex scalars, and the reciprocal loop.

Place in the pipeline: frontend value semantics, called by
`complex_arrays.apply` (the ufunc loops "power" and "reciprocal") and by
`complex_calls.power` (the `**` operator's fast paths).

NumPy 2's algorithm (npy_math_complex.c.src, `npy_cpow`), replayed here:
- an exponent 0 (both parts) gives 1+0j, whatever the base (0**0 too);
- a zero base gives 0+0j when the exponent's real part is > 0, else
  nan+nanj (NumPy only warns);
- an exponent with a zero imaginary part and an integral real part n,
  -100 < n < 100: n == 1 is the base itself, 2 one product, 3 two, others
  binary powering from 1+0j (`aa = aa*p` for every set bit, `p = p*p`
  between), with the plain product (no fma: each part rounded as
  `ar*br - ai*bi`), and a negative n the Smith quotient 1/r;
- any other exponent: C's cpow, `cexp(b * clog(a))` (glibc), computed
  here with py2wasm's cmath exp and log (CPython's algorithms): equal to
  NumPy almost always, a few ulps apart otherwise (more where the phase
  b*log(a) is large: the error of the phase is amplified the same way in
  both).
complex64 computes every step in float32, as npy_cpowf does (its cpowf
fallback is computed in float64 and rounded).

`a ** -1` (a Python int) of a complex array is NumPy's reciprocal loop
(`fast_scalar_power`), which divides differently from Smith's 1/z.
"""
from __future__ import annotations

import math
from typing import Any

from ..ir import I64, Var
from .values import Cx

LIMIT = 100  # npy_cpow: -100 < n < 100 uses repeated multiplication


def _known(*xs) -> bool:
    return not any(isinstance(x, Var) for x in xs)


def _cmul(c, a: Cx, b: Cx) -> Cx:
    from .complex_arrays import multiply
    return multiply(c, a, b, fused=False)


def _binary_power(c, a: Cx, n: int) -> Cx:
    """npy_cpow's loop for a known 0 < n < 100 (n > 3)."""
    aa = Cx(1.0, 0.0)
    p = a
    mask = 1
    while True:
        if n & mask:
            aa = _cmul(c, aa, p)
        mask <<= 1
        if n < mask:
            break
        p = _cmul(c, p, p)
    return aa


def _int_power_known(c, a: Cx, n: int) -> Cx:
    from .complex_arrays import divide
    if n == 1:  # the unrolled cases test n before its sign is dropped
        return a
    if n == 2:
        return _cmul(c, a, a)
    if n == 3:
        return _cmul(c, a, _cmul(c, a, a))
    r = _binary_power(c, a, abs(n))
    if n < 0:
        r = divide(c, Cx(1.0, 0.0), r)
    return r


def _sel(f, cond, x: Cx, y: Cx) -> Cx:
    return Cx(f.select(cond, x.re, y.re), f.select(cond, x.im, y.im))


def _int_power_dynamic(c, a: Cx, n) -> Cx:
    """npy_cpow's integer branch for a run-time n (an i64 Var, |n| < 100):
    every case computed, the right one selected."""
    from .complex_arrays import divide
    f = c.f
    fb = c.fb
    neg = fb.emit("lt", [n, fb.const(0, I64)])
    m = fb.emit("select", [neg, fb.emit("wneg", [n]), n])

    def is_(k):  # n itself: a ** -2 takes the loop, not the unrolled square
        return fb.emit("eq", [n, fb.const(k, I64)])
    sq = _cmul(c, a, a)
    cube = _cmul(c, a, sq)
    aa = Cx(1.0, 0.0)
    p = a
    for bit in range(7):  # 99 < 2**7
        on = fb.emit("ne", [fb.emit("and", [m, fb.const(1 << bit, I64)]), fb.const(0, I64)])
        aa = _sel(f, on, _cmul(c, aa, p), aa)
        if bit < 6:
            p = _cmul(c, p, p)
    r = _sel(f, is_(1), a, _sel(f, is_(2), sq, _sel(f, is_(3), cube, aa)))
    inv = divide(c, Cx(1.0, 0.0), r)
    return _sel(f, neg, inv, r)


def _cpow_libm(tr, c, a: Cx, b: Cx, dtype: str, loc) -> Cx:
    """C's cpow: cexp(b * clog(a)) (C's complex product, no fma), in
    float64 and rounded once for complex64: glibc's cpowf rounds the phase
    b*clogf(a) to float32, an error its cexpf amplifies by |phase|, so
    NumPy's complex64 result is the less accurate one there."""
    from .complex_arrays import C, transcendental, _vars
    fb = tr.fb
    lg = transcendental(tr, "log", "complex128", a, loc)
    e = _cmul(C(fb, loc, "complex128"), b, lg)
    r = transcendental(tr, "exp", "complex128", _vars(fb, e), loc)
    return Cx(c.r(r.re), c.r(r.im))


def cpow(tr, c, a: Cx, b: Cx, dtype: str, loc) -> Cx:
    """npy_cpow(a, b) (see the module docstring)."""
    f = c.f
    ar, ai, br, bi = a.re, a.im, b.re, b.im
    b_zero = f.and_(f.cmp("==", br, 0.0), f.cmp("==", bi, 0.0))
    a_zero = f.and_(f.cmp("==", ar, 0.0), f.cmp("==", ai, 0.0))
    if b_zero is True:
        return Cx(1.0, 0.0)
    if _known(br, bi):
        if a_zero is True:
            return Cx(0.0, 0.0) if br > 0 else Cx(math.nan, math.nan)
        if bi == 0 and math.isfinite(br) and br == math.floor(br) and abs(br) < LIMIT:
            r = _int_power_known(c, a, int(br))
        else:
            r = _cpow_libm(tr, c, a, b, dtype, loc)
    else:
        small = f.and_(f.cmp("==", bi, 0.0), f.cmp("==", br, f.test("floor", br)),
                       f.cmp("<", f.fabs(br), float(LIMIT)))
        fb = c.fb
        n = fb.emit("select", [small, fb.emit("ftoi", [f._m(br)], loc=loc), fb.const(0, I64)],
                    loc=loc)
        ri = _int_power_dynamic(c, a, n)
        # the library branch on a harmless exponent where the integer one is taken
        safe = Cx(f.select(small, 0.5, br), f.select(small, 0.0, bi))
        rl = _cpow_libm(tr, c, a, safe, dtype, loc)
        r = _sel(f, small, ri, rl)
    if a_zero is not False:
        z = Cx(f.select(f.cmp(">", br, 0.0), 0.0, math.nan),
               f.select(f.cmp(">", br, 0.0), 0.0, math.nan))
        r = _sel(f, a_zero, z, r)
    if b_zero is not False:
        r = _sel(f, b_zero, Cx(1.0, 0.0), r)
    return r


def reciprocal(c, z: Cx) -> Cx:
    """NumPy's complex reciprocal loop."""
    f = c.f
    zr, zi = z.re, z.im
    first = f.cmp("<=", f.fabs(zi), f.fabs(zr))
    out_re: Any = math.nan
    out_im: Any = math.nan
    if first is not False:
        r = c.div(zi, zr)
        d = c.add(zr, c.mul(zi, r))
        out_re = f.select(first, c.div(1.0, d), out_re)
        out_im = f.select(first, c.div(f.neg(r), d), out_im)
    if first is not True:
        r = c.div(zr, zi)
        d = c.add(c.mul(zr, r), zi)
        out_re = f.select(first, out_re, c.div(r, d))
        out_im = f.select(first, out_im, c.div(-1.0, d))
    return Cx(out_re, out_im)


__all__ = ["cpow", "reciprocal", "LIMIT"]
