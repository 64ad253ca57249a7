"""The cmath module on trace values.

Place in the pipeline: frontend value semantics, reached from
`calls.call_value` for `cmath.*` functions (the constants `cmath.pi`,
`cmath.infj`... are plain known values). With known arguments the function
runs in CPython (its exceptions become `TraceRaise`). Otherwise:
- `isnan`, `isinf`, `isfinite`, `isclose`, `phase`, `polar` are a few IR primitives
  (`atan2`, `hypot` from py2wasm's libm); `phase` raises OverflowError
  where C's atan2 underflows to zero (CPython sees errno ERANGE there);
- every other function is traced from `py2wasm/libm/cmath.py` (restricted
  Python replaying CPython's cmathmodule.c) as an ordinary call, whose
  `(re, im, err)` result is turned into a complex and CPython's
  ValueError("math domain error") / OverflowError("math range error")
  raised at the caller's line;
- `log(z, base)` is `c_log(z) / c_log(base)` with `_Py_c_quot`; as in
  CPython only the base's domain error counts, and a zero divisor (base 1)
  is a ValueError too.

API: `is_cmath_function(fn)`, `call_cmath(tr, fn, args, kwargs, loc)`.
"""
from __future__ import annotations

import cmath
from typing import Any

from ..ir import I64
from ..ir.messages import cpython_message
from .complexes import F, absolute, is_real_scalar, make, parts, quot
from .folding import fold, is_known, type_check
from .values import E_TYPE, E_UNSUPPORTED_CALL, error, is_complex

DOMAIN = cpython_message(cmath.log, 0j)             # ValueError: math domain error
RANGE = cpython_message(cmath.exp, complex(1e3, 1))  # OverflowError: math range error


def is_cmath_function(fn: Any) -> bool:
    try:
        return getattr(cmath, fn.__name__, None) is fn
    except AttributeError:
        return False


def _library():
    from ..libm import cmath as lib
    return lib


def _call_lib(tr, name: str, x, y, loc, check: bool = True):
    """(re, im) of libm.cmath function `name` on f64 trace values, raising
    CPython's exception for its error code (unless not `check`)."""
    from .calls import call_python
    fn = _library().FUNCTIONS[name]
    re, im, err = call_python(tr, fn, [x, y], {}, loc)
    f = F(tr.fb, loc)
    if not check:
        return re, im
    if isinstance(err, int):  # known (not expected: the library returns it at run time)
        if err:
            f.raise_if(True, DOMAIN if err == 1 else RANGE)
    else:
        f.raise_if(tr.fb.emit("eq", [err, tr.fb.const(1, I64)], loc=loc), DOMAIN)
        f.raise_if(tr.fb.emit("eq", [err, tr.fb.const(2, I64)], loc=loc), RANGE)
    return re, im


def _isclose(tr, args: list, kwargs: dict, loc) -> Any:
    """cmath_isclose_impl: exact equality, infinities, then
    |a - b| <= max(rel_tol * max(|a|, |b|), abs_tol) with C hypot moduli
    (their overflow is not an error here)."""
    type_check(lambda *a, **k: cmath.isclose(*a, **k), tuple(args), loc, "cmath.isclose()")
    if len(args) != 2 or set(kwargs) - {"rel_tol", "abs_tol"}:
        raise error(loc, "cmath.isclose() takes two positional arguments and the keywords "
                    "rel_tol, abs_tol", "", E_TYPE)
    f = F(tr.fb, loc)
    a, b = parts(f, args[0]), parts(f, args[1])
    rel = f.real(kwargs.get("rel_tol", 1e-09))
    tol = f.real(kwargs.get("abs_tol", 0.0))
    f.raise_if(f.or_(f.cmp("<", rel, 0.0), f.cmp("<", tol, 0.0)),
               cpython_message(lambda: cmath.isclose(1, 1, rel_tol=-1.0)))
    same = f.and_(f.cmp("==", a[0], b[0]), f.cmp("==", a[1], b[1]))
    inf = f.or_(f.test("isinf", a[0]), f.test("isinf", a[1]), f.test("isinf", b[0]),
                f.test("isinf", b[1]))
    diff = f.lib("hypot", f.sub(a[0], b[0]), f.sub(a[1], b[1]))
    close = f.or_(f.cmp("<=", diff, f.mul(rel, f.lib("hypot", b[0], b[1]))),
                  f.cmp("<=", diff, f.mul(rel, f.lib("hypot", a[0], a[1]))),
                  f.cmp("<=", diff, tol))
    return f.or_(same, f.and_(f.not_(inf), close))


def call_cmath(tr, fn, args: list, kwargs: dict, loc) -> Any:
    """`fn(*args)` for a cmath function on trace values."""
    name = fn.__name__
    if kwargs and name != "isclose":
        raise error(loc, f"cmath.{name}() takes no keyword arguments", "", E_TYPE)
    if all(is_known(a) for a in args) and all(is_known(v) for v in kwargs.values()):
        return fold(lambda: fn(*args, **kwargs), (), loc, complex_ok=True)
    for a in args:
        if not (is_complex(a) or is_real_scalar(a)):
            type_check(fn, tuple(args), loc, f"cmath.{name}()")
            raise error(loc, f"cmath.{name}() of a {type(a).__name__} is not supported", "",
                        E_TYPE)
    if name == "isclose":
        return _isclose(tr, args, kwargs, loc)
    type_check(fn, tuple(args), loc, f"cmath.{name}()")  # arity and argument types
    f = F(tr.fb, loc)
    if name == "rect":
        return make(*_call_lib(tr, "rect", f.real(args[0]), f.real(args[1]), loc))
    z = parts(f, args[0])
    if name in ("isnan", "isinf"):
        return f.or_(f.test(name, z[0]), f.test(name, z[1]))
    if name == "isfinite":
        return f.and_(f.test(name, z[0]), f.test(name, z[1]))
    if name == "phase":
        # C's atan2 sets errno ERANGE when it underflows to zero (y != 0,
        # x finite), which cmath.phase reports as OverflowError
        phi = f.lib("atan2", z[1], z[0])
        f.raise_if(f.and_(f.cmp("==", phi, 0.0), f.cmp("!=", z[1], 0.0),
                          f.test("isfinite", z[0])), RANGE)
        return phi
    if name == "polar":
        phi = f.lib("atan2", z[1], z[0])
        return absolute(f, z, RANGE), phi
    if name == "log" and len(args) == 2:
        num = _call_lib(tr, "log", z[0], z[1], loc, check=False)  # CPython overwrites its errno
        b = parts(f, args[1])
        den = _call_lib(tr, "log", b[0], b[1], loc)
        return make(*quot(f, num, den, on_zero=DOMAIN))
    if name == "log":
        return make(*_call_lib(tr, "log", z[0], z[1], loc))
    if name in _library().FUNCTIONS:
        return make(*_call_lib(tr, name, z[0], z[1], loc))
    raise error(loc, f"cmath.{name}() of run-time values is not supported",
                "supported: sqrt exp log log10 sin cos tan asin acos atan sinh cosh tanh "
                "asinh acosh atanh phase polar rect isnan isinf isfinite isclose",
                E_UNSUPPORTED_CALL)
