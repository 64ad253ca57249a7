"""NumPy complex scalars (numpy.complex128, numpy.complex64) during tracing.

Place in the pipeline: frontend value semantics, called through small hooks
by `operators` (operators on them), `opcodes_attrs` (attributes), `calls` /
`builtins` (abs, complex(), NumPy functions), `arrays` (array elements,
stores, expression operands), `state` (block parameters) and `signature`
(arguments and results).

A known NumPy complex scalar is the NumPy object itself (folded by NumPy).
One with a run-time part is an `NpCx`: its dtype and two f64 trace values
(for complex64 each part is a float32 value, exactly). Array elements read
from complex arrays (`a[i]`, iteration) are NpCx, as NumPy's `a[i]` is a
numpy.complex128.

Semantics are NumPy 2's scalar math (scalarmath.c.src): NEP 50 promotion
(np.complex64 * 2.0 is complex64, np.complex64 * np.float64(2) complex128),
`*` without fma, `/` by Smith's algorithm as NumPy writes it (a zero
divisor gives inf/nan parts, NumPy only warns), `abs` C's hypot (a
numpy.float64), `.real`/`.imag` NumPy real scalars, `==`/`!=` both parts.
`**` is NumPy's npy_cpow (complex_power), `<` `<=` `>` `>=` NumPy's
lexicographic order (complex_order); `//` and `%` are located
CompileErrors (NumPy refuses them too).
"""
from __future__ import annotations

from typing import Any, Optional

import numpy as np

from ..ir import BOOL, F64, Var
from .complex_arrays import CX_PART, C, apply as cx_apply, as_cx, load_at
from .values import E_TYPE, E_UNSUPPORTED_CALL, Cx, NpScalar, TraceRaise, error, \
    is_complex, scalar_type

NP_CX = {np.complex128: "complex128", np.complex64: "complex64"}
CX_TYPES = {v: k for k, v in NP_CX.items()}


class NpCx:
    """A NumPy complex scalar with a run-time part (see the module docstring)."""
    __slots__ = ("dtype", "re", "im")

    def __init__(self, dtype: str, re: Any, im: Any):
        self.dtype = dtype
        self.re = re
        self.im = im

    def __repr__(self) -> str:
        return f"NpCx({self.dtype}, {self.re!r}, {self.im!r})"


NpCx.__name__ = "complex128"


def is_npcx(v: Any) -> bool:
    return type(v) is NpCx or type(v) in NP_CX


def dtype_name(v: Any) -> str:
    return v.dtype if type(v) is NpCx else NP_CX[type(v)]


def parts(v: Any) -> tuple:
    if type(v) is NpCx:
        return v.re, v.im
    return float(v.real), float(v.imag)


def make(dtype: str, re: Any, im: Any) -> Any:
    if not isinstance(re, Var) and not isinstance(im, Var):
        return CX_TYPES[dtype](complex(re, im))
    return NpCx(dtype, re, im)


def scalar_dtype(v: Any) -> Optional[str]:
    """The complex dtype of a complex scalar trace value (Python complex:
    complex128), else None."""
    if is_npcx(v):
        return dtype_name(v)
    if is_complex(v):
        return "complex128"
    return None


def element_value(v: Any) -> Optional[Cx]:
    """A complex scalar operand of an array expression as an element value."""
    if is_npcx(v):
        re, im = parts(v)
        return Cx(re, im)
    if is_complex(v):
        return as_cx(v)
    return None


def element_scalar(fb, dtype: str, addr: Var, loc) -> NpCx:
    z = load_at(fb, addr, dtype, loc)
    return NpCx(dtype, z.re, z.im)


def to_dtype(tr, v: Any, dtype: str, loc):
    """Scalar `v` stored into an element of `dtype` (NumPy's setitem)."""
    from . import array_assign, arrays
    from . import npscalars as nps
    fb = tr.fb
    if is_npcx(v):
        re, im = parts(v)
        return arrays.cast(fb, Cx(re, im), dtype_name(v), dtype, loc)
    if is_complex(v):
        if dtype not in CX_PART:
            raise TraceRaise("TypeError", "float() argument must be a string or a real number, "
                             "not 'complex'" if dtype in ("float64", "float32") else
                             "int() argument must be a string, a bytes-like object or a real "
                             "number, not 'complex'")
        return arrays.cast(fb, as_cx(v), "complex128", dtype, loc)
    if nps.is_np(v):
        return arrays.cast(fb, nps.var_of(fb, v), nps.dtype_name(v), dtype, loc)
    # a Python real: as for a float64 element, then to the complex dtype
    part = CX_PART[dtype]
    x = array_assign.scalar_to_dtype(tr, v, "float64", loc)
    if part == "float32":
        x = fb.emit("f32", [x])
    return Cx(x, 0.0)


# --- operators ------------------------------------------------------------------------------

class _Tr:
    __slots__ = ("fb",)

    def __init__(self, fb):
        self.fb = fb


_UFUNC = {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide, "**": np.power}
_CMP = {"==": np.equal, "!=": np.not_equal, "<": np.less, "<=": np.less_equal,
        ">": np.greater, ">=": np.greater_equal}


def involved(*vs) -> bool:
    return any(is_npcx(v) for v in vs)


def _spec(v):
    from . import npscalars as nps
    if is_npcx(v):
        return np.dtype(dtype_name(v))
    if nps.is_np(v):
        return np.dtype(nps.dtype_name(v))
    if is_complex(v):
        return complex
    t = scalar_type(v)
    if t is None:
        return None
    return nps.weak(t)


def _operand(fb, v, dt, loc):
    """Operand `v` as an element of loop dtype `dt`."""
    from . import arrays
    from . import npscalars as nps
    if is_npcx(v):
        re, im = parts(v)
        return arrays.cast(fb, Cx(re, im), dtype_name(v), dt, loc)
    if is_complex(v):
        return arrays.cast(fb, as_cx(v), "complex128", dt, loc)
    if nps.is_np(v):
        return arrays.cast(fb, nps.var_of(fb, v), nps.dtype_name(v), dt, loc)
    t = scalar_type(v)
    x = v if isinstance(v, Var) else fb.const(v, t)
    return arrays.cast(fb, x, {F64: "float64", BOOL: "bool"}.get(t, "int64"), dt, loc)


def _known(v) -> bool:
    if type(v) is NpCx or type(v) is Cx or type(v) is NpScalar or isinstance(v, Var):
        return False
    return True


def ufunc(fb, uf, operands, loc, tr=None, scalar: bool = True):
    """`uf(*operands)` with at least one complex scalar: NumPy's scalar math
    (operators, abs()) or, not `scalar`, its ufunc loops (np.multiply(z, w),
    np.abs(z) called on scalars run the array loops: fused multiply, SIMD
    abs, comparisons with their NaN rules)."""
    if all(_known(v) for v in operands):
        from .folding import fold
        return fold(lambda *a: uf(*a), tuple(operands), loc, complex_ok=True)
    spec = [_spec(v) for v in operands]
    if any(s is None for s in spec):
        raise error(loc, f"numpy.{uf.__name__} of a {type(operands[spec.index(None)]).__name__} "
                    "and a NumPy complex is not supported", "", E_TYPE)
    try:
        res = uf.resolve_dtypes(tuple(spec) + (None,))
    except Exception as e:  # noqa: BLE001 - NumPy's TypeError
        raise error(loc, f"numpy.{uf.__name__} here is not supported: {e}", "", E_TYPE) from None
    names = [d.name for d in res]
    loop, out = tuple(names[:uf.nin]), names[uf.nin]
    vals = [_operand(fb, v, dt, loc) for v, dt in zip(operands, loop)]
    r = cx_apply(tr or getattr(fb, "tracer", None) or _Tr(fb), uf.__name__, loop, out, vals,
                 loc, scalar=scalar)
    return _result(fb, out, r)


def _result(fb, out: str, r):
    from . import npscalars as nps
    if out in CX_PART:
        z = as_cx(r)
        return make(out, z.re, z.im)
    if out == "bool":
        return r if not isinstance(r, Var) else NpScalar("bool", r)
    if isinstance(r, Var):
        return NpScalar(out, r)
    return nps.make(out, r)


def binary(fb, op: str, a: Any, b: Any, loc) -> Any:
    if op not in _UFUNC:
        raise error(loc, f"operator {op} on a NumPy complex scalar is not supported",
                    "supported: + - * / ** == != < <= > >= abs() .real .imag .conjugate()",
                    E_TYPE)
    return ufunc(fb, _UFUNC[op], [a, b], loc)


def compare(fb, op: str, a: Any, b: Any, loc) -> Any:
    if op not in _CMP:
        raise error(loc, f"comparison {op} of NumPy complex scalars is not supported",
                    "compare abs(z), z.real or z.imag", E_TYPE)
    r = ufunc(fb, _CMP[op], [a, b], loc)
    if type(r) is NpScalar:
        return r
    return np.bool_(r) if type(r) is bool else r


def unary(fb, op: str, a: Any, loc) -> Any:
    if op == "-":
        return ufunc(fb, np.negative, [a], loc)
    if op == "+":
        return a
    raise error(loc, f"unary {op} of a NumPy complex scalar is not supported", "", E_TYPE)


def truth(fb, a: Any, loc) -> Any:
    if _known(a):
        return bool(a)
    re, im = parts(a)
    f = C(fb, loc, "complex128").f
    return f.or_(f.cmp("!=", re, 0.0), f.cmp("!=", im, 0.0))


def select(fb, c, a, b, loc):
    """`a if c else b` for two NumPy complex scalars of one dtype."""
    if not (is_npcx(a) and is_npcx(b) and dtype_name(a) == dtype_name(b)):
        return None
    f = C(fb, loc, "complex128").f
    (ar, ai), (br, bi) = parts(a), parts(b)
    return make(dtype_name(a), f.select(c, ar, br), f.select(c, ai, bi))


def attribute(fb, v: Any, name: str, loc) -> Any:
    from . import npscalars as nps
    part = CX_PART[dtype_name(v)]
    re, im = parts(v)
    if name in ("real", "imag"):
        x = re if name == "real" else im
        return NpScalar(part, x) if isinstance(x, Var) else nps.make(part, x)
    if name in ("conjugate", "conj"):
        return BoundConj(v)
    if name == "dtype":
        return np.dtype(dtype_name(v))
    raise error(loc, f"attribute {name!r} of a numpy.{dtype_name(v)} is not supported",
                "supported: .real .imag .conjugate()", E_TYPE)


class BoundConj:
    """`z.conjugate` of a NumPy complex scalar, waiting for its call."""
    __slots__ = ("z",)

    def __init__(self, z):
        self.z = z


def call_builtin(tr, fn, args, kwargs, loc):
    """abs(), complex(), float() and bool() of NumPy complex scalars; the
    bound `z.conjugate()`. None: not handled here."""
    fb = tr.fb
    if isinstance(fn, BoundConj):
        if args or kwargs:
            raise error(loc, "conjugate() takes no arguments", "", E_TYPE)
        return ufunc(fb, np.conjugate, [fn.z], loc)
    if not any(is_npcx(a) for a in args):
        return None
    if fn is abs and len(args) == 1 and not kwargs:
        return ufunc(fb, np.absolute, [args[0]], loc)
    if fn is complex and len(args) == 1 and not kwargs:
        re, im = parts(args[0])
        from .complexes import make as py_make
        return py_make(re, im)
    if fn is bool and len(args) == 1 and not kwargs:
        return truth(fb, args[0], loc)
    raise error(loc, f"{getattr(fn, '__name__', 'this function')}() of a NumPy complex scalar is "
                "not supported", "use abs(z), z.real, z.imag or complex(z)", E_UNSUPPORTED_CALL)


def construct(tr, dtype: str, args, kwargs, loc):
    """np.complex128(x), np.complex128(re, im), np.complex64(...)."""
    fb = tr.fb
    if kwargs or not 0 <= len(args) <= 2:
        raise error(loc, f"numpy.{dtype}() takes a number or (real, imag)", "", E_TYPE)
    if all(_known(a) for a in args):
        from .folding import fold
        return fold(lambda *a: CX_TYPES[dtype](*a), tuple(args), loc, complex_ok=True)
    c = C(fb, loc, dtype)
    if len(args) == 1:
        z = _operand(fb, args[0], dtype, loc)
        return make(dtype, z.re, z.im)
    from . import npscalars as nps
    pv = []
    for x in args:
        if is_complex(x) or is_npcx(x):
            raise error(loc, f"numpy.{dtype}(re, im) with a complex part is not supported",
                        "pass real parts", E_TYPE)
        x = nps.demote(x, fb, loc) if nps.is_np(x) else x
        t = scalar_type(x)
        if t is None:
            raise error(loc, f"numpy.{dtype}() of a {type(x).__name__} is not supported", "",
                        E_TYPE)
        if isinstance(x, Var):
            x = x if t is F64 else fb.emit("convert", [x], {"to": F64}, loc=loc)
        else:
            x = float(x)
        pv.append(c.r(x))
    return make(dtype, pv[0], pv[1])
