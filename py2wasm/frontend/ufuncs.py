"""NumPy's elementwise functions on one element: the IR for each ufunc loop.

Place in the pipeline: frontend value semantics, called by
`arrays.element` inside the loop nest that materializes an expression. The
operands are already cast to the ufunc loop's dtypes (NumPy's type
resolution, `arrays.loop_dtypes`); each function returns the element of the
result dtype in its compute type:
- float64 in f64; float32 in f64 rounded to float32 after every operation
  (`f32`), which is exact for + - * / sqrt (double rounding is innocuous
  there) and within an ulp of NumPy's float32 libm for transcendental ones;
- int64 wraps modulo 2**64 (`wadd`...), the narrower ints (int32, int16,
  int8, uint32, uint16, uint8) wrap to their width (`wrap`), as NumPy's C
  loops do; integer division by zero gives 0 (NumPy
  warns and gives 0);
- float division by zero gives inf/nan (IEEE, `fdiv`).
"""
from __future__ import annotations

from ..ir import BOOL, F64, I64
from ..ir.types import INT_BITS, NARROW_INTS
from .unsigned import divmod_ as udivmod, lshr1, ucmp
from .values import E_UNSUPPORTED_CALL, error

FLOATS = ("float64", "float32")
UNSIGNED = tuple(d for d, (_, signed) in INT_BITS.items() if not signed)

_MATH1 = {"exp": "exp", "expm1": "expm1", "log": "log", "log2": "log2", "log10": "log10",
          "log1p": "log1p", "sin": "sin", "cos": "cos", "tan": "tan", "arcsin": "asin",
          "arccos": "acos", "arctan": "atan", "sinh": "sinh", "cosh": "cosh",
          "tanh": "tanh", "arcsinh": "asinh", "arccosh": "acosh", "arctanh": "atanh"}
_MATH2 = {"arctan2": "atan2", "hypot": "hypot"}
# math functions whose float32 ufunc loops call the float32 library
# (`py2wasm.libm.f32`); chosen by `benchmarks/mathf.py`: within 1 ulp of the
# correctly rounded result and faster than float64-then-round. acos is not
# faster (its float64 version is already plain fdlibm; measured 0.86-1.16x)
# and keeps float64-then-round.
F32_LIBM = frozenset(("exp", "expm1", "log", "log2", "log10", "log1p", "sin", "cos", "tan",
                      "asin", "atan", "atan2", "sinh", "cosh", "tanh", "asinh", "acosh",
                      "atanh", "pow", "hypot"))
_FPRIM1 = {"sqrt": "sqrt", "floor": "floor", "ceil": "ceil", "trunc": "trunc",
           "rint": "nearest", "fabs": "fabs"}
_CMP = {"equal": "eq", "not_equal": "ne", "less": "lt", "less_equal": "le", "greater": "gt",
        "greater_equal": "ge"}
_ARITH = {"add": ("add", "wadd", "or"), "subtract": ("sub", "wsub", None),
          "multiply": ("mul", "wmul", "and")}


def _c(fb, v, t):
    return fb.const(v, t)


def _fix(fb, dt, v):
    """Round/wrap a compute value to dtype `dt`."""
    if dt == "float32":
        return fb.emit("f32", [v])
    if dt in NARROW_INTS:
        return fb.emit("wrap", [v], {"dtype": dt})
    return v


def _math(fb, fn, vals, dt):
    """The libm function `fn` on compute values, rounded/wrapped to `dt`."""
    params = {"fn": fn}
    if dt == "float32" and fn in F32_LIBM:
        params["dtype"] = "float32"
    return _fix(fb, dt, fb.emit("math", vals, params))


def _ipow(fb, a, b, dt, check=True):
    """a ** b on integers by squaring (a loop over the bits of b); NumPy: a
    negative exponent is a ValueError (`check`: signed dtypes)."""
    if check:
        fb.raise_if(fb.emit("lt", [b, _c(fb, 0, I64)]), "ValueError",
                    "Integers to negative integer powers are not allowed.")
    header = fb.new_block([I64, I64, I64])
    body = fb.new_block()
    exit_ = fb.new_block([I64])
    fb.br(header, [_c(fb, 1, I64), a, b])
    fb.set_block(header)
    r, base, e = header.params
    fb.cond_br(fb.emit("ne", [e, _c(fb, 0, I64)]), body, exit_, [], [r])
    fb.set_block(body)
    odd = fb.emit("ne", [fb.emit("and", [e, _c(fb, 1, I64)]), _c(fb, 0, I64)])
    r2 = fb.emit("select", [odd, fb.emit("wmul", [r, base]), r])
    fb.br(header, [r2, fb.emit("wmul", [base, base]), lshr1(fb, e)])  # e >= 0 or uint64
    fb.set_block(exit_)
    return _fix(fb, dt, exit_.params[0])


def _shift(fb, op, a, b, dt, loc):
    """NumPy's shifts (npy_lshift/npy_rshift): a count outside [0, bits)
    gives 0, or for `>>` of a negative signed value -1; `<<` wraps to the
    dtype; `>>` is arithmetic for signed dtypes, logical for unsigned."""
    bits, signed = INT_BITS[dt]
    zero = _c(fb, 0, I64)
    inside = fb.emit("and", [fb.emit("ge", [b, zero]), fb.emit("lt", [b, _c(fb, bits, I64)])])
    cnt = fb.emit("select", [inside, b, zero])  # a count the primitives accept
    if op == "left_shift":
        # a * 2**cnt modulo 2**64 (shl would raise OverflowError), wrapped to dt
        p = fb.emit("shl", [_c(fb, 1, I64), fb.emit("select", [fb.emit(
            "lt", [cnt, _c(fb, 63, I64)]), cnt, _c(fb, 62, I64)])])
        p = fb.emit("select", [fb.emit("eq", [cnt, _c(fb, 63, I64)]), _c(fb, -2**63, I64), p])
        r = _fix(fb, dt, fb.emit("wmul", [a, p]))
        return fb.emit("select", [inside, r, zero])
    if signed or bits < 64:  # a narrow unsigned value is non-negative in its i64
        out_of_range = fb.emit("shr", [a, _c(fb, 63, I64)]) if signed else zero
        return fb.emit("select", [inside, fb.emit("shr", [a, cnt]), out_of_range])
    # uint64: a logical shift (a >>> 1, then an arithmetic shift of a non-negative)
    one = _c(fb, 1, I64)
    r = fb.emit("shr", [lshr1(fb, a), fb.emit("select", [fb.emit("gt", [cnt, zero]),
                                                        fb.emit("wsub", [cnt, one]), zero])])
    r = fb.emit("select", [fb.emit("eq", [cnt, zero]), a, r])
    return fb.emit("select", [inside, r, zero])


def apply(fb, op, loop, out, vals, loc):
    dt = loop[0] if loop else out
    isf = dt in FLOATS
    isb = dt == "bool"
    v = vals
    if op == "astype":
        return v[0]
    if op == "where":
        return fb.emit("select", v)
    if op in _ARITH:
        fp, ip, bp = _ARITH[op]
        if isb:
            return fb.emit(bp, v)
        return _fix(fb, dt, fb.emit(fp if isf else ip, v))
    if op == "divide":
        return _fix(fb, dt, fb.emit("fdiv", v))
    if op in _CMP:
        a, b = v
        if tuple(loop) in (("uint64", "int64"), ("int64", "uint64")):
            # NumPy 2's mixed-sign loops compare exactly: a uint64 from 2**63 up
            # or a negative int64 decides by itself (the uint64 is greater)
            u, s = (a, b) if loop[0] == "uint64" else (b, a)
            either = fb.emit("or", [fb.emit("lt", [u, _c(fb, 0, I64)]),
                                    fb.emit("lt", [s, _c(fb, 0, I64)])])
            py = {"equal": "__eq__", "not_equal": "__ne__", "less": "__lt__",
                  "less_equal": "__le__", "greater": "__gt__", "greater_equal": "__ge__"}[op]
            ans = getattr(1, py)(0) if loop[0] == "uint64" else getattr(0, py)(1)
            return fb.emit("select", [either, _c(fb, ans, BOOL), fb.emit(_CMP[op], [a, b])])
        if dt == "uint64":
            return ucmp(fb, _CMP[op], a, b)
        if isb and op not in ("equal", "not_equal"):
            a = fb.emit("convert", [a], {"to": I64})
            b = fb.emit("convert", [b], {"to": I64})
        return fb.emit(_CMP[op], [a, b])
    if op == "floor_divide" or op == "remainder":
        a, b = v
        if isf:
            zero = fb.emit("eq", [b, _c(fb, 0.0, F64)])
            safe = fb.emit("select", [zero, _c(fb, 1.0, F64), b])
            r = fb.emit("floordiv" if op == "floor_divide" else "mod", [a, safe])
            # by zero: NumPy's a / 0, and glibc's fmod(a, 0) = (a*0)/(a*0) (the CPU's
            # default NaN, or a's own NaN)
            az = fb.emit("mul", [a, b])
            alt = fb.emit("fdiv", [a, b]) if op == "floor_divide" else fb.emit("fdiv", [az, az])
            return _fix(fb, dt, fb.emit("select", [zero, alt, r]))
        if isb:
            raise error(loc, f"numpy.{op} on bool arrays is not supported", "", E_UNSUPPORTED_CALL)
        zero = fb.emit("eq", [b, _c(fb, 0, I64)])
        if dt == "uint64":  # unsigned; by zero: 0
            q, r = udivmod(fb, a, fb.emit("select", [zero, _c(fb, 1, I64), b]))
            return fb.emit("select", [zero, _c(fb, 0, I64), q if op == "floor_divide" else r])
        m1 = fb.emit("eq", [b, _c(fb, -1, I64)])
        safe = fb.emit("select", [fb.emit("or", [zero, m1]), _c(fb, 1, I64), b])
        if op == "floor_divide":
            r = fb.emit("floordiv", [a, safe])
            r = fb.emit("select", [m1, fb.emit("wneg", [a]), r])
        else:
            r = fb.emit("mod", [a, safe])
            r = fb.emit("select", [m1, _c(fb, 0, I64), r])
        return _fix(fb, dt, fb.emit("select", [zero, _c(fb, 0, I64), r]))
    if op == "power":
        a, b = v
        if isf:
            return _math(fb, "pow", [a, b], dt)
        return _ipow(fb, a, b, dt, check=dt not in UNSIGNED)
    if op in ("negative", "positive"):
        if op == "positive":
            return v[0]
        return fb.emit("neg", v) if isf else _fix(fb, dt, fb.emit("wneg", v))
    if op == "absolute":
        if isf:
            return fb.emit("fabs", v)
        if isb or dt in UNSIGNED:
            return v[0]
        neg = fb.emit("lt", [v[0], _c(fb, 0, I64)])
        return _fix(fb, dt, fb.emit("select", [neg, fb.emit("wneg", v), v[0]]))
    if op == "sign":
        x = v[0]
        t = F64 if isf else I64
        one, mone = (1.0, -1.0) if isf else (1, -1)
        zero = _c(fb, 0.0 if isf else 0, t)
        neg = fb.emit("lt", [x, zero]) if dt != "uint64" else _c(fb, False, BOOL)
        r = fb.emit("select", [neg, _c(fb, mone, t), x if isf else zero])
        r = fb.emit("select", [fb.emit("gt" if dt != "uint64" else "ne", [x, zero]),
                               _c(fb, one, t), r])
        if isf:  # sign(+-0.0) is 0.0
            r = fb.emit("select", [fb.emit("eq", [x, zero]), zero, r])
        return r
    if op in _FPRIM1:
        if not isf:
            return v[0]  # floor/ceil/trunc/rint of integers (NumPy keeps the int loop)
        return _fix(fb, dt, fb.emit(_FPRIM1[op], v))
    if op in _MATH1:
        return _math(fb, _MATH1[op], v, dt)
    if op in _MATH2:
        return _math(fb, _MATH2[op], v, dt)
    if op in _ANGLE:  # NumPy's npy_deg2rad: x * (NPY_PI / 180.0), in the loop's dtype
        return _fix(fb, dt, fb.emit("mul", [v[0], _c(fb, _ANGLE[op][dt == "float32"], F64)]))
    if op == "square":
        return _fix(fb, dt, fb.emit("mul" if isf else "wmul", [v[0], v[0]])) if not isb \
            else fb.emit("and", [v[0], v[0]])
    if op == "reciprocal":
        if not isf:
            # NumPy's integer loop: `out = 1.0 / in` converted by C (x86: 1/0 is inf,
            # which converts to the int64/int32 minimum)
            from .arrays import cast
            x = fb.emit("convert", [v[0]], {"to": F64})
            return cast(fb, fb.emit("fdiv", [_c(fb, 1.0, F64), x]), "float64", dt, loc)
        return _fix(fb, dt, fb.emit("fdiv", [_c(fb, 1.0, F64), v[0]]))
    if op in ("left_shift", "right_shift"):
        return _shift(fb, op, v[0], v[1], dt, loc)
    if op in ("maximum", "minimum", "fmax", "fmin"):
        a, b = v
        cmp = "ge" if op in ("maximum", "fmax") else "le"
        if isb:
            return fb.emit("or" if cmp == "ge" else "and", [a, b])
        keep = ucmp(fb, cmp, a, b) if dt == "uint64" else fb.emit(cmp, [a, b])
        if isf and op in ("maximum", "minimum"):  # NaN propagates
            keep = fb.emit("or", [keep, fb.emit("isnan", [a])])
        elif isf:  # fmax/fmin: NaN is ignored
            keep = fb.emit("or", [keep, fb.emit("isnan", [b])])
        return fb.emit("select", [keep, a, b])
    if op in ("isnan", "isinf", "isfinite"):
        if isf:
            return fb.emit(op, v)
        return _c(fb, op == "isfinite", BOOL)
    if op in ("logical_and", "logical_or", "logical_xor", "logical_not"):
        bs = [x if x.type is BOOL else fb.emit("convert", [x], {"to": BOOL}) for x in v]
        if op == "logical_not":
            return fb.emit("not", bs)
        return fb.emit({"logical_and": "and", "logical_or": "or", "logical_xor": "xor"}[op], bs)
    if op in ("bitwise_and", "bitwise_or", "bitwise_xor"):
        return fb.emit({"bitwise_and": "and", "bitwise_or": "or", "bitwise_xor": "xor"}[op], v)
    if op == "invert":
        if isb:
            return fb.emit("not", v)
        return _fix(fb, dt, fb.emit("invert", v))
    from .ufuncs_extra import apply as apply_extra
    r = apply_extra(fb, op, loop, out, vals, loc)
    if r is not None:
        return r
    raise error(loc, f"numpy.{op} is not supported", "see the supported NumPy subset",
                E_UNSUPPORTED_CALL)


def _angle_factors(num, den):
    import numpy as np
    return (num / den, float(np.float32(num) / np.float32(den)))


_ANGLE = {"radians": _angle_factors(3.141592653589793, 180.0),
          "deg2rad": _angle_factors(3.141592653589793, 180.0),
          "degrees": _angle_factors(180.0, 3.141592653589793),
          "rad2deg": _angle_factors(180.0, 3.141592653589793)}

SUPPORTED = (set(_MATH1) | set(_MATH2) | set(_FPRIM1) | set(_CMP) | set(_ARITH) | set(_ANGLE)
             | {"divide", "floor_divide", "remainder", "power", "negative", "positive",
                "absolute", "sign", "square", "reciprocal", "maximum", "minimum", "fmax",
                "fmin", "isnan", "isinf", "isfinite", "logical_and", "logical_or",
                "logical_xor", "logical_not", "bitwise_and", "bitwise_or", "bitwise_xor",
                "invert", "left_shift", "right_shift"})
from .ufuncs_extra import SUPPORTED as _EXTRA  # noqa: E402 - after the names it uses
SUPPORTED |= _EXTRA
