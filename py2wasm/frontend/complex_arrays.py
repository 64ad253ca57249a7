"""complex128 and complex64 arrays: element loads and stores, casts and
NumPy's complex ufunc loops on one element.

Place in the pipeline: frontend value semantics, called through small hooks
by `arrays` (element access, casts, the expression evaluator `element`,
NumPy's loop resolution), `nplib` (dtypes) and `complex_calls` (NumPy
functions, methods and attributes on complex arrays).

Representation (docs/arrays.md, "Complex arrays"): a complex array is an
ordinary `arrays.Arr` whose dtype is "complex128" or "complex64"; its memory
is NumPy's (interleaved real and imaginary parts, 16 or 8 bytes an element),
so arguments and results cross the signature as any other array. The IR has
no complex type: an element is read as a `values.Cx` of two f64 Vars (two
`load`s of the part dtype, float64 or float32) and written with two
`store`s; a complex64 part is a float32 value held exactly in f64 and
rounded back (`f32`) after every operation, as NumPy's float32 arithmetic.
`a.real` and `a.imag` of an array are views of the part dtype (strides
doubled), as in NumPy.

The loops are NumPy 2's, to the bit where its results are deterministic:
- `*` (and `np.square`, `a ** 2`) is NumPy's SIMD loop on x86-64 with FMA3 /
  AVX-512 and on aarch64: real = fma(ar, br, -(ai*bi)), imag = fma(ar, bi,
  ai*br) (NumPy's plain C loop, used on machines without FMA, rounds the
  products separately: up to 1 ulp apart there);
- `/` is NumPy's Smith division (a zero divisor gives inf/nan components,
  no exception);
- `np.abs` is NumPy's SIMD `larger * sqrt(fma(r, r, 1))` with r =
  smaller/larger and its inf/nan rules;
- exp, log, sqrt, sin, cos... are py2wasm's cmath library (CPython's
  algorithms: NumPy's glibc results agree with them almost always, within an
  ulp otherwise; C99 special values, never an exception).
NumPy scalar arithmetic (`np.complex128` elements, `complex_scalars.py`)
multiplies without fma (NumPy's scalar math), and `abs()` of a scalar is
C's hypot; NumPy ufuncs called on scalars (`np.multiply(z, w)`,
`np.abs(z)`) run the array loops, as in NumPy.
"""
from __future__ import annotations

import math
from typing import Any

from ..ir import BOOL, F64, I64, Var
from ..ir.types import COMPLEX_DTYPES, itemsize as ir_itemsize
from .complexes import F
from .values import E_TYPE, E_UNSUPPORTED_CALL, Cx, error

CX_PART = COMPLEX_DTYPES
CX_SIZE = {d: ir_itemsize(d) for d in COMPLEX_DTYPES}
INF = math.inf
NAN = math.nan

# NumPy ufuncs with a complex loop computed here (others stay CompileErrors)
UNARY_MATH = ("exp", "log", "sqrt", "sin", "cos", "tan", "sinh", "cosh", "tanh", "log10",
              "arcsin", "arccos", "arctan", "arcsinh", "arccosh", "arctanh")
_LIB = {"exp": "exp", "log": "log", "sqrt": "sqrt", "sin": "sin", "cos": "cos", "tan": "tan",
        "sinh": "sinh", "cosh": "cosh", "tanh": "tanh", "log10": "log10", "arcsin": "asin",
        "arccos": "acos", "arctan": "atan", "arcsinh": "asinh", "arccosh": "acosh",
        "arctanh": "atanh"}
# comparisons, maximum/minimum: complex_order (NumPy's lexicographic order)
ORDER_UFUNCS = ("less", "less_equal", "greater", "greater_equal", "maximum", "minimum",
                "fmax", "fmin", "logical_not", "logical_and", "logical_or", "logical_xor")
UFUNCS = frozenset(("add", "subtract", "multiply", "divide", "true_divide", "negative",
                    "positive", "conjugate", "absolute", "square", "equal", "not_equal",
                    "isnan", "isinf", "isfinite", "power", "reciprocal") + UNARY_MATH
                   + ORDER_UFUNCS)


def is_cx_dtype(dt: Any) -> bool:
    return dt in CX_PART


def itemsize(dt: str) -> int:
    return ir_itemsize(dt)


def part_dtype(dt: str) -> str:
    return CX_PART[dt]


def complex_dtype_for(dt: str) -> str:
    """The complex dtype NumPy casts real dtype `dt` to when it meets a
    complex (float32 -> complex64, everything else -> complex128)."""
    return "complex64" if dt in ("float32", "complex64") else "complex128"


def _fb_var(fb, x) -> Var:
    return x if isinstance(x, Var) else fb.const(float(x), F64)


def _vars(fb, z: Cx) -> Cx:
    return Cx(_fb_var(fb, z.re), _fb_var(fb, z.im))


def as_cx(v: Any) -> Cx:
    """A complex element value (Cx or complex) as a Cx of f64 trace values."""
    if type(v) is Cx:
        return v
    if isinstance(v, complex):
        return Cx(float(v.real), float(v.imag))
    raise TypeError(type(v).__name__)  # pragma: no cover - callers check


# --- memory ----------------------------------------------------------------------------------

def load_at(fb, addr: Var, dtype: str, loc=None) -> Cx:
    part = CX_PART[dtype]
    half = CX_SIZE[dtype] // 2
    re = fb.emit("load", [addr], {"dtype": part}, loc=loc)
    im = fb.emit("load", [fb.emit("wadd", [addr, fb.const(half, I64)])], {"dtype": part},
                 loc=loc)
    return Cx(re, im)


def store_at(fb, addr: Var, value: Any, dtype: str, loc=None) -> None:
    z = _vars(fb, as_cx(value))
    part = CX_PART[dtype]
    half = CX_SIZE[dtype] // 2
    fb.emit_multi("store", [addr, z.re], {"dtype": part}, loc=loc)
    fb.emit_multi("store", [fb.emit("wadd", [addr, fb.const(half, I64)]), z.im],
                  {"dtype": part}, loc=loc)


# --- casts -----------------------------------------------------------------------------------

def cast(fb, v, src: str, dst: str, loc=None):
    """An element of dtype `src` as dtype `dst`, one of them complex (NumPy's
    C casts: real -> complex has imaginary part 0; complex -> real drops the
    imaginary part (NumPy warns ComplexWarning); complex -> bool is
    `re != 0 or im != 0`)."""
    from .arrays import cast as real_cast
    if src in CX_PART and dst in CX_PART:
        z = as_cx(v)
        if dst == "complex64" and src != "complex64":
            z = _vars(fb, z)
            return Cx(fb.emit("f32", [z.re]), fb.emit("f32", [z.im]))
        return z
    if dst in CX_PART:  # real -> complex
        re = real_cast(fb, v, src, CX_PART[dst], loc)
        return Cx(re, 0.0)
    z = _vars(fb, as_cx(v))  # complex -> real
    if dst == "bool":
        zero = fb.const(0.0, F64)
        return fb.emit("or", [fb.emit("ne", [z.re, zero]), fb.emit("ne", [z.im, zero])])
    return real_cast(fb, z.re, CX_PART[src], dst, loc)


# --- NumPy's complex loops -------------------------------------------------------------------

class C:
    """Arithmetic on f64 trace values that rounds to float32 after every
    operation for complex64 (NumPy's float32 loops)."""

    def __init__(self, fb, loc, dtype: str):
        self.f = F(fb, loc)
        self.fb = fb
        self.single = CX_PART.get(dtype, dtype) == "float32"

    def r(self, x):
        if not self.single:
            return x
        if isinstance(x, Var):
            return self.fb.emit("f32", [x])
        import numpy as np
        return float(np.float32(x))

    def add(self, a, b):
        return self.r(self.f.add(a, b))

    def sub(self, a, b):
        return self.r(self.f.sub(a, b))

    def mul(self, a, b):
        return self.r(self.f.mul(a, b))

    def div(self, a, b):
        return self.r(self.f.div(a, b))

    def fma(self, a, b, c):
        """fma(a, b, c) rounded once (to float32 for complex64: the exact
        product of two float32 values is an f64, so fma in f64 then f32 is
        NumPy's fmaf wherever the intermediate rounding is innocuous)."""
        f = self.f
        if any(not isinstance(x, Var) and x in (0.0, 1.0, -1.0) for x in (a, b)):
            # a product by a known 0 or +-1 is exact: fma is the plain sum
            # (`1j * theta`, a real operand's zero imaginary part)
            return self.r(f.add(f.mul(a, b), c))
        if not any(isinstance(x, Var) for x in (a, b, c)):
            from fractions import Fraction
            if all(math.isfinite(x) for x in (a, b, c)):
                return self.r(float(Fraction(a) * Fraction(b) + Fraction(c)))
            return self.r(a * b + c)
        return self.r(f.lib("fma", f._m(a), f._m(b), f._m(c)))

    def sqrt(self, a):
        return self.r(math.sqrt(a) if not isinstance(a, Var) and a >= 0 else
                      self.f.emit("sqrt", a))


def multiply(c: C, a: Cx, b: Cx, fused: bool = True) -> Cx:
    """NumPy's complex multiply (see the module docstring)."""
    ar, ai, br, bi = a.re, a.im, b.re, b.im
    if not fused:
        return Cx(c.sub(c.mul(ar, br), c.mul(ai, bi)), c.add(c.mul(ar, bi), c.mul(ai, br)))
    return Cx(c.fma(ar, br, c.f.neg(c.mul(ai, bi))), c.fma(ar, bi, c.mul(ai, br)))


def divide(c: C, a: Cx, b: Cx) -> Cx:
    """NumPy's complex division (loops and scalar math alike)."""
    f = c.f
    ar, ai, br, bi = a.re, a.im, b.re, b.im
    abr, abi = f.fabs(br), f.fabs(bi)
    first = f.cmp(">=", abr, abi)
    zero = f.and_(first, f.cmp("==", abr, 0.0), f.cmp("==", abi, 0.0))
    out_re: Any = NAN
    out_im: Any = NAN
    if first is not True:
        rat = c.div(br, bi)
        scl = c.div(1.0, c.add(bi, c.mul(br, rat)))
        out_re = c.mul(c.add(c.mul(ar, rat), ai), scl)
        out_im = c.mul(c.sub(c.mul(ai, rat), ar), scl)
    if first is not False:
        rat = c.div(bi, br)
        scl = c.div(1.0, c.add(br, c.mul(bi, rat)))
        re1 = c.mul(c.add(ar, c.mul(ai, rat)), scl)
        im1 = c.mul(c.sub(ai, c.mul(ar, rat)), scl)
        if zero is not False:
            re1 = f.select(zero, c.div(ar, abr), re1)
            im1 = f.select(zero, c.div(ai, abr), im1)
        out_re = f.select(first, re1, out_re)
        out_im = f.select(first, im1, out_im)
    return Cx(out_re, out_im)


def absolute_simd(c: C, z: Cx):
    """NumPy's SIMD complex absolute (loops_unary_complex)."""
    f = c.f
    re, im = f.fabs(z.re), f.fabs(z.im)
    re_inf, im_inf = f.cmp("==", re, INF), f.cmp("==", im, INF)
    im = f.select(re_inf, INF, im)
    re = f.select(im_inf, INF, re)
    re_ok, im_ok = f.cmp("==", re, re), f.cmp("==", im, im)
    im = f.select(re_ok, im, NAN)
    re = f.select(im_ok, re, NAN)
    gt = f.cmp(">", re, im)
    larger = f.select(gt, re, im)
    smaller = f.select(gt, im, re)
    ok = f.not_(f.or_(f.cmp("==", larger, 0.0), f.cmp("==", smaller, INF)))
    ratio = f.select(ok, c.div(smaller, larger), 0.0)
    h = c.sqrt(c.fma(ratio, ratio, 1.0))
    return c.mul(h, larger)


def absolute_hypot(c: C, z: Cx):
    """C's hypot (NumPy's scalar np.abs of a complex scalar)."""
    f = c.f
    if not isinstance(z.re, Var) and not isinstance(z.im, Var):
        return c.r(math.hypot(z.re, z.im))
    return c.r(f.lib("hypot", f._m(z.re), f._m(z.im)))


def transcendental(tr, name: str, dtype: str, z: Cx, loc) -> Cx:
    """A cmath function on one element, without exceptions (NumPy's loops
    give C99's special values and only warn)."""
    from .cmathlib import _call_lib
    fb = tr.fb
    z = _vars(fb, z)
    re, im = _call_lib(tr, _LIB[name], z.re, z.im, loc, check=False)
    if CX_PART[dtype] == "float32":
        re, im = fb.emit("f32", [_fb_var(fb, re)]), fb.emit("f32", [_fb_var(fb, im)])
    return Cx(re, im)


def apply(tr, op: str, loop: tuple, out: str, vals: list, loc, scalar: bool = False):
    """The element of NumPy's complex loop `op` on operands `vals` (already
    cast to `loop`'s dtypes; complex ones are Cx). `scalar`: NumPy's scalar
    math (np.complex128 operators) rather than its array loops."""
    fb = tr.fb
    dt = loop[0] if loop else out
    c = C(fb, loc, dt if dt in CX_PART else out)
    f = c.f
    if op == "astype":
        return vals[0]
    if op == "cx.real":
        return as_cx(vals[0]).re if not isinstance(vals[0], Var) else vals[0]
    if op == "cx.imag":
        return as_cx(vals[0]).im
    if op == "where":
        from .complex_order import where_element
        return where_element(f, vals[0], as_cx(vals[1]), as_cx(vals[2]))
    v = [as_cx(x) for x in vals]
    if op == "add":
        return Cx(c.add(v[0].re, v[1].re), c.add(v[0].im, v[1].im))
    if op == "subtract":
        return Cx(c.sub(v[0].re, v[1].re), c.sub(v[0].im, v[1].im))
    if op == "multiply":
        return multiply(c, v[0], v[1], fused=not scalar)
    if op == "square":
        return multiply(c, v[0], v[0], fused=not scalar)
    if op == "cx.square_plain":
        return multiply(c, v[0], v[0], fused=False)
    if op in ("divide", "true_divide"):
        return divide(c, v[0], v[1])
    if op == "negative":
        return Cx(f.neg(v[0].re), f.neg(v[0].im))
    if op == "positive":
        return v[0]
    if op == "conjugate":
        return Cx(v[0].re, f.neg(v[0].im))
    if op == "absolute":
        return absolute_hypot(c, v[0]) if scalar else absolute_simd(c, v[0])
    if op == "equal":
        return f.and_(f.cmp("==", v[0].re, v[1].re), f.cmp("==", v[0].im, v[1].im))
    if op == "not_equal":
        return f.or_(f.cmp("!=", v[0].re, v[1].re), f.cmp("!=", v[0].im, v[1].im))
    if op in ("isnan", "isinf"):
        return f.or_(f.test(op, v[0].re), f.test(op, v[0].im))
    if op == "isfinite":
        return f.and_(f.test(op, v[0].re), f.test(op, v[0].im))
    if op in _LIB:
        return transcendental(tr, op, dt, v[0], loc)
    if op == "power":
        from .complex_power import cpow
        return cpow(tr, c, v[0], v[1], dt, loc)
    if op == "reciprocal":
        from .complex_power import reciprocal
        return reciprocal(c, v[0])
    if op in ORDER_UFUNCS:
        from .complex_order import apply as order_apply
        return order_apply(c, op, v, scalar)
    raise error(loc, f"numpy.{op} of a complex array is not supported",
                "supported on complex arrays: + - * / abs conj real imag angle exp log sqrt "
                "sin cos tan sinh cosh tanh == != sum prod mean dot @", E_UNSUPPORTED_CALL)


def check_loop(ufunc_name: str, names: list, operands, loc) -> None:
    """NumPy's loop for a ufunc computes in a complex dtype: supported here?"""
    if ufunc_name not in UFUNCS:
        raise error(loc, f"numpy.{ufunc_name} on complex values is not supported",
                    "supported on complex arrays: + - * / abs conj real imag angle exp log "
                    "sqrt sin cos tan sinh cosh tanh == != isnan isinf isfinite", E_TYPE)


def is_complex_node_loop(loop: tuple, out: str) -> bool:
    return out in CX_PART or any(d in CX_PART for d in loop)


def element_constant(v: Any):
    """A complex scalar operand of an expression as an element value."""
    return as_cx(v)


__all__ = ["CX_PART", "CX_SIZE", "UFUNCS", "is_cx_dtype", "itemsize", "load_at", "store_at",
           "cast", "apply", "check_loop", "BOOL"]
