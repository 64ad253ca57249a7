"""NumPy's less common elementwise functions on one element: fmod, copysign,
signbit, heaviside, logaddexp, logaddexp2, exp2, cbrt, float_power, ldexp,
spacing, nextafter, gcd, lcm, and the two halves of the two-result ufuncs
(`modf.frac`/`modf.int`, `frexp.m`/`frexp.e`; divmod is floor_divide and
remainder, `ufuncs_multi`).

Place in the pipeline: frontend value semantics, the fallback of
`ufuncs.apply` (called inside the loop nest that materializes an
elementwise expression, with the operands already cast to NumPy's loop
dtypes). Same conventions as `ufuncs`: float32 is an f64 rounded to float32
after every operation (`_fix`), narrow ints wrap to their width. Each
function follows NumPy's C source (npy_math_internal.h.src): the same
special cases, the same NaN (NPY_NAN for heaviside(nan) and spacing(inf)),
the same operation order; the libm calls are py2wasm's own (within 1 ulp
of C's). cbrt is glibc's s_cbrt.c / s_cbrtf.c written here in IR (bit for
bit with NumPy's and CPython's, which call glibc; glibc's cbrt is up to 3
ulps from the correctly rounded result, so an accurate cbrt would not do);
exp2 is pow(2, x) of py2wasm's libm (documented in docs/arrays.md).

API: `apply(fb, op, loop, out, vals, loc)` -> the element, or None when
`op` is not one of these; `SUPPORTED` (the public ufunc names).
"""
from __future__ import annotations

from ..ir import I64
from .pymath_floats import _E, _pow2, frexp as _frexp, modf as _modf
from .unsigned import divmod_ as udivmod

_LOGE2 = 0.693147180559945309417232121458176568
_LOG2E = 1.442695040888963407359924681001892137
_F32 = {"float32": {"max": 3.4028234663852886e38, "mant": 23, "emin": -126}}

SUPPORTED = frozenset(("fmod", "copysign", "signbit", "heaviside", "logaddexp", "logaddexp2", "exp2",
                       "cbrt", "float_power", "ldexp", "spacing", "nextafter", "gcd", "lcm"))


def _fix(fb, dt, v):
    from .ufuncs import _fix as fix
    return fix(fb, dt, v)


def _math(fb, fn, vals, dt):
    from .ufuncs import _math as m
    return m(fb, fn, vals, dt)


def apply(fb, op, loop, out, vals, loc):
    dt = loop[0] if loop else out
    e = _E(fb, loc)
    if op == "fmod" and dt not in ("float64", "float32"):
        return _int_fmod(fb, e, dt, *vals)
    f = _FLOAT.get(op)
    if f is not None:
        return f(e, dt, *vals)
    if op in ("gcd", "lcm"):
        return _gcd_lcm(fb, e, op, dt, *vals)
    return None


def _fmod(e, dt, x, y):
    """npy_fmod: C's fmod (exact; the sign of x; NaN for x infinite or y
    zero), and fmod(x, +-inf) = x for a finite x, which py2wasm's library
    call does not give by itself (as mathlib's math.fmod)."""
    r = _math(e.fb, "fmod", [x, y], dt)
    return e.sel(e("and", e("isinf", y), e("isfinite", x)), x, r)


def _int_fmod(fb, e, dt, a, b):
    """NumPy's integer fmod: C's `%` (truncated: the sign of a), 0 for a zero
    divisor (NumPy warns) and for -1 (no INT_MIN % -1 trap); bools as int8."""
    from .ufuncs import UNSIGNED, _fix as fix
    if dt == "bool":
        a, b = (e("convert", v, to=I64) for v in (a, b))
    zero = e("eq", b, e.c(0))
    if dt == "uint64":
        return e.sel(zero, e.c(0), udivmod(fb, a, e.sel(zero, e.c(1), b))[1])
    bad = e("or", zero, e("eq", b, e.c(-1)))
    safe = e.sel(bad, e.c(1), b)
    r = e("mod", a, safe)  # floored: the sign of b; truncated has the sign of a
    differ = e("and", e("ne", r, e.c(0)), e("ne", e("lt", r, e.c(0)), e("lt", a, e.c(0))))
    r = e.sel(differ, e("wsub", r, safe), r)
    r = e.sel(bad, e.c(0), r)
    return r if dt in UNSIGNED or dt == "bool" else fix(fb, dt, r)


def _copysign(e, dt, x, y):
    return e("copysign", x, y)


def _signbit(e, dt, x):
    return e("lt", e("f64_to_bits", x), e.c(0))


def _heaviside(e, dt, x, h0):
    r = e.sel(e("lt", x, e.c(0.0)), e.c(0.0), e.c(1.0))
    r = e.sel(e("eq", x, e.c(0.0)), h0, r)
    return e.sel(e("isnan", x), e.c(float("nan")), r)


def _logaddexp(e, dt, x, y, two=False):
    """npy_logaddexp(2): x == y gives x + log(2) (or x + 1), else the larger
    plus log1p(exp(-|x - y|)) (base 2: LOG2E * log1p(exp2(.)))."""
    fb = e.fb
    same = _fix(fb, dt, e("add", x, e.c(1.0 if two else _const(_LOGE2, dt))))
    tmp = _fix(fb, dt, e("sub", x, y))
    pos = e("gt", tmp, e.c(0.0))
    big = e.sel(pos, x, y)
    arg = e.sel(pos, e("neg", tmp), tmp)
    if two:
        ex = _math(fb, "pow", [e.c(2.0), arg], dt)
        l1 = _fix(fb, dt, e("mul", e.c(_const(_LOG2E, dt)), _math(fb, "log1p", [ex], dt)))
    else:
        l1 = _math(fb, "log1p", [_math(fb, "exp", [arg], dt)], dt)
    r = _fix(fb, dt, e("add", big, l1))
    r = e.sel(e("isnan", tmp), tmp, r)
    return e.sel(e("eq", x, y), same, r)


def _const(v, dt):
    if dt == "float32":
        import numpy as np
        return float(np.float32(v))
    return v


def _exp2(e, dt, x):
    """pow(2, x); float32: the float64 pow rounded to float32 (glibc's exp2f
    computes in double: the float32 pow would differ from it more often)."""
    return _fix(e.fb, dt, _math(e.fb, "pow", [e.c(2.0), x], "float64"))


def _float_power(e, dt, x, y):
    return _math(e.fb, "pow", [x, y], dt)


_CBRT2, _SQR_CBRT2 = 1.2599210498948731648, 1.5874010519681994748


def _cbrt(e, dt, x):
    """glibc's cbrt / cbrtf (sysdeps/ieee754/dbl-64/s_cbrt.c, flt-32/s_cbrtf.c),
    which NumPy and CPython's math.cbrt call: x = xm * 2**xe, a polynomial
    guess for cbrt(xm), one Halley step, times 2**(xe % 3 / 3) (C's truncating
    % and /), scaled by 2**(xe / 3). The float32 version rounds u, t2 and ym
    to float32 where cbrtf's float variables do. Bit for bit with glibc."""
    fb = e.fb
    f32 = dt == "float32"
    r32 = (lambda v: fb.emit("f32", [v])) if f32 else (lambda v: v)
    xm, xe = _frexp(fb, [e("fabs", x)], e.loc)
    if f32:
        u = e("add", e.c(0.492659620528969547), e("mul", e("sub", e.c(0.697570460207922770), e(
            "mul", e.c(0.191502161678719066), xm)), xm))
    else:
        u = e("sub", e.c(0.784932344976639262), e("mul", e.c(0.145263899385486377), xm))
        for c in (-1.83469277483613086, 2.44693122563534430, -2.11499494167371287,
                  1.50819193781584896, 0.354895765043919860):
            u = e("add", e.c(c), e("mul", u, xm))
    u = r32(u)
    t2 = r32(e("mul", r32(e("mul", u, u)), u))
    neg = e("lt", xe, e.c(0))
    q = e("floordiv", e.sel(neg, e("neg", xe), xe), e.c(3))
    q = e.sel(neg, e("neg", q), q)  # C's xe / 3
    rem = e("sub", xe, e("mul", q, e.c(3)))  # C's xe % 3, in -2..2
    fac = e.c(1.0)
    for k, v in ((-2, 1.0 / _SQR_CBRT2), (-1, 1.0 / _CBRT2), (1, _CBRT2), (2, _SQR_CBRT2)):
        fac = e.sel(e("eq", rem, e.c(k)), e.c(v), fac)
    ym = e("mul", e("fdiv", e("mul", u, e("add", t2, e("mul", e.c(2.0), xm))),
                    e("add", e("mul", e.c(2.0), t2), xm)), fac)
    ym = r32(ym)
    r = e("copysign", e("mul", ym, _pow2(e, q)), x)  # |q| <= 358: exact
    special = e("or", e("eq", x, e.c(0.0)), e("not", e("isfinite", x)))
    return e.sel(special, e("add", x, x), r)


def _ldexp(e, dt, x, i):
    """C's ldexp: x * 2**i with one rounding (to float64; a float32 result
    is exact in float64 first, then rounded once); overflow gives inf."""
    m, ex = _frexp(e.fb, [x], e.loc)
    lim = e.c(4000)
    i = e.sel(e("lt", i, e("neg", lim)), e("neg", lim), e.sel(e("gt", i, lim), lim, i))
    t = e("add", ex, i)
    tc = e.sel(e("lt", t, e.c(-1074)), e.c(-1074), e.sel(e("gt", t, e.c(1023)), e.c(1023), t))
    r = e("mul", m, _pow2(e, tc))
    r = e.sel(e("gt", t, e.c(1023)), e("copysign", e.c(float("inf")), x), r)
    r = e.sel(e("lt", t, e.c(-1074)), e("copysign", e.c(0.0), x), r)
    special = e("or", e("eq", x, e.c(0.0)), e("not", e("isfinite", x)))
    return _fix(e.fb, dt, e.sel(special, x, r))


def _ulp_up(e, dt, ax):
    """The distance from a finite |x| > 0 to the next float of dt away from zero."""
    if dt != "float32":
        b = e("f64_to_bits", ax)
        return e("sub", e("f64_from_bits", e("add", b, e.c(1))), ax)
    _, ex = _frexp(e.fb, [ax], e.loc)  # |x| in [2**(ex-1), 2**ex)
    k = e("sub", ex, e.c(1 + 23))
    k = e.sel(e("lt", k, e.c(-149)), e.c(-149), k)
    return _pow2(e, k)


def _spacing(e, dt, x):
    """npy_spacing: the step from x to its neighbour away from zero, with x's
    sign (+-0: the positive smallest subnormal); inf: NPY_NAN; nan: nan."""
    ax = e("fabs", x)
    tiny = 5e-324 if dt != "float32" else 1.401298464324817e-45
    top = 1.7976931348623157e308 if dt != "float32" else _F32["float32"]["max"]
    d = e.sel(e("eq", ax, e.c(0.0)), e.c(tiny), _ulp_up(e, dt, e.sel(
        e("eq", ax, e.c(0.0)), e.c(1.0), ax)))
    d = e.sel(e("eq", ax, e.c(top)), e.c(float("inf")), d)
    r = e.sel(e("eq", x, e.c(0.0)), d, e("copysign", d, x))  # -0.0: +tiny, as NumPy
    r = e.sel(e("isinf", x), e.c(float("nan")), r)
    return e.sel(e("isnan", x), x, r)


def _nextafter(e, dt, x, y):
    if dt != "float32":
        from .pymath_floats import nextafter
        return nextafter(e.fb, [x, y], e.loc)
    ax = e("fabs", x)
    safe = e.sel(e("eq", ax, e.c(0.0)), e.c(1.0), ax)
    up = _ulp_up(e, dt, safe)
    # toward zero from a power of two: half the step (not below the subnormal step)
    m, _ = _frexp(e.fb, [safe], e.loc)
    halve = e("and", e("eq", m, e.c(0.5)), e("gt", safe, e.c(1.1754943508222875e-38)))
    down = e.sel(halve, e("mul", up, e.c(0.5)), up)
    away = e("eq", e("gt", y, x), e("gt", x, e.c(0.0)))
    r = e.sel(away, e("add", safe, up), e("sub", safe, down))
    r = _fix(e.fb, dt, e("copysign", r, x))
    r = e.sel(e("isinf", x), e("copysign", e.c(_F32["float32"]["max"]), x), r)
    r = e.sel(e("eq", x, e.c(0.0)), e("copysign", e.c(1.401298464324817e-45), y), r)
    r = e.sel(e("eq", x, y), y, r)
    return e.sel(e("or", e("isnan", x), e("isnan", y)), e("add", x, y), r)


def _gcd_lcm(fb, e, op, dt, a, b):
    """npy_gcd / npy_lcm: Euclid on the magnitudes as unsigned values of the
    dtype's width (|INT_MIN| is 2**(bits-1)), the result cast back (wraps)."""
    from .ufuncs import UNSIGNED, _fix as fix
    wide = dt in ("int64", "uint64")
    if dt == "bool":
        a, b = (e("convert", v, to=I64) for v in (a, b))
    if dt not in UNSIGNED:
        a, b = (e.sel(e("lt", v, e.c(0)), e("wneg", v), v) for v in (a, b))
    header = fb.new_block([I64, I64])
    body = fb.new_block()
    exit_ = fb.new_block([I64])
    fb.br(header, [a, b])
    fb.set_block(header)
    x, y = header.params
    fb.cond_br(e("ne", x, e.c(0)), body, exit_, [], [y])
    fb.set_block(body)
    rem = udivmod(fb, y, x)[1] if wide else e("mod", y, x)
    fb.br(header, [rem, x])
    fb.set_block(exit_)
    g = exit_.params[0]
    if op == "gcd":
        return fix(fb, dt, g) if dt != "bool" else e("ne", g, e.c(0))
    zero = e("eq", g, e.c(0))
    safe = e.sel(zero, e.c(1), g)
    q = udivmod(fb, a, safe)[0] if wide else e("floordiv", a, safe)
    r = e.sel(zero, e.c(0), e("wmul", q, b))
    return fix(fb, dt, r) if dt != "bool" else e("ne", r, e.c(0))


def _modf_part(part):
    def f(e, dt, x):
        return _fix(e.fb, dt, _modf(e.fb, [x], e.loc)[part])
    return f


def _frexp_part(part):
    def f(e, dt, x):
        return _frexp(e.fb, [x], e.loc)[part]
    return f


_FLOAT = {"fmod": _fmod, "copysign": _copysign, "signbit": _signbit, "heaviside": _heaviside,
          "logaddexp": _logaddexp, "logaddexp2": lambda e, dt, x, y: _logaddexp(e, dt, x, y, True),
          "exp2": _exp2, "cbrt": _cbrt, "float_power": _float_power, "ldexp": _ldexp,
          "spacing": _spacing, "nextafter": _nextafter,
          "modf.frac": _modf_part(0), "modf.int": _modf_part(1),
          "frexp.m": _frexp_part(0), "frexp.e": _frexp_part(1)}

__all__ = ["apply", "SUPPORTED"]
