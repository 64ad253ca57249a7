"""Calls of `numpy.linalg` functions during tracing.

Place in the pipeline: frontend. `calls.call_value` hands every numpy callee
here first; a `numpy.linalg` function with an implementation in
`py2wasm/linalg/` is traced as a call of that implementation (a Python
function in the compiled subset), with every location inside it set to the
user's call, so its errors and exceptions name the user's line. Stacks of
matrices (ndim > 2) trace the stacked implementation where NumPy broadcasts
(py2wasm/linalg/stacked.py), else they are located CompileErrors. Complex
matrices run the same implementations (py2wasm/linalg/elements.py) for the
functions in COMPLEX_READY; eig/eigvals of a complex matrix trace
py2wasm/linalg/ceig.py. The implementations return plain tuples; the
results are given NumPy's named tuple classes here (`EighResult`...). This
module is asked before frontend/complex_calls.py (which refuses
numpy.linalg functions it does not know).
"""
from __future__ import annotations

import functools

from .values import E_UNSUPPORTED_CALL, error


# the functions whose implementations take complex matrices (py2wasm/linalg/elements.py)
COMPLEX_READY = frozenset(("det", "slogdet", "solve", "inv", "matrix_power", "cholesky", "qr",
                           "eigh", "eigvalsh", "svd", "lstsq", "matrix_rank", "pinv", "cond",
                           "norm", "eig", "eigvals"))


@functools.lru_cache(maxsize=1)
def _table() -> dict:
    from ..linalg import implementations
    return {id(k): (k, v) for k, v in implementations().items()}


@functools.lru_cache(maxsize=1)
def _stacked() -> dict:
    from ..linalg import stacked_implementations
    return {id(k): (k, v) for k, v in stacked_implementations().items()}


def implementation(fn):
    """The py2wasm implementation of the numpy.linalg function `fn`, or None."""
    hit = _table().get(id(fn))
    return hit[1] if hit is not None and hit[0] is fn else None


@functools.lru_cache(maxsize=1)
def eig_always_complex() -> bool:
    """Does the installed NumPy's eig return complex arrays even for real
    eigenvalues (NumPy >= 2.5)? Then eig/eigvals trace the implementations
    that build complex arrays (py2wasm/linalg/eig.py eig_complex)."""
    import numpy as np
    return np.linalg.eigvals(np.eye(1)).dtype.kind == "c"


def call(tr, fn, impl, args, kwargs, loc):
    from . import arrays
    from .calls import call_python
    public = f"numpy.linalg.{fn.__name__}"
    for a in list(args) + list(kwargs.values()):
        if arrays.is_array(a):
            if a.ndim > 2:
                hit = _stacked().get(id(fn))
                if hit is None or hit[0] is not fn:
                    raise error(loc, f"{public}() of a {a.ndim}-d array (a stack of matrices) "
                                "is not supported", "loop over the matrices and call it on "
                                "each 2-D one", E_UNSUPPORTED_CALL)
                impl = hit[1]
            if a.dtype.startswith("complex") and fn.__name__ not in COMPLEX_READY:
                raise error(loc, f"{public}() of a complex array is not supported", "",
                            E_UNSUPPORTED_CALL)
    a0 = args[0] if args else kwargs.get("a")
    if fn.__name__ in ("eig", "eigvals") and arrays.is_array(a0) and a0.dtype.startswith("complex"):
        from ..linalg import complex_input_implementations
        flat, stack = complex_input_implementations()[fn]
        impl = stack if a0.ndim > 2 else flat
    elif fn.__name__ in ("eig", "eigvals") and eig_always_complex():
        from ..linalg import always_complex_implementations
        flat, stack = always_complex_implementations()[fn]
        a = args[0] if args else kwargs.get("a")
        impl = stack if arrays.is_array(a) and a.ndim > 2 else flat
    if fn.__name__ == "norm":  # an int axis= is the 1-tuple (the library has no isinstance)
        axis_at = 2
        if len(args) > axis_at and type(args[axis_at]) is int:
            args = list(args)
            args[axis_at] = (args[axis_at],)
        if type(kwargs.get("axis")) is int:
            kwargs = dict(kwargs, axis=(kwargs["axis"],))
        _check_stacked_norm(public, args, kwargs, loc)
    out = call_python(tr, impl, list(args), dict(kwargs), loc, site=loc, public=public)
    return _named_result(fn, out, args, kwargs)


# NumPy's named result tuples (numpy.linalg._linalg), by function name
_RESULT_CLASSES = {"eig": "EigResult", "eigh": "EighResult", "qr": "QRResult",
                   "slogdet": "SlogdetResult", "svd": "SVDResult"}


def _named_result(fn, out, args, kwargs):
    """The implementations return plain tuples; NumPy returns its named
    tuples (`np.linalg.eigh(a).eigenvalues`, `svd(a).U`), except for
    `qr(mode="raw")`, whose (h, tau) is a plain tuple."""
    import numpy as np
    from .objects import namedtuple_call
    name = _RESULT_CLASSES.get(fn.__name__)
    cls = getattr(getattr(np.linalg, "_linalg", None), name, None) if name else None
    if cls is None or type(out) is not tuple or len(out) != len(cls._fields):
        return out
    if fn.__name__ == "qr" and (args[1] if len(args) > 1 else kwargs.get("mode")) == "raw":
        return out
    return namedtuple_call(cls, list(out), {})


def _check_stacked_norm(public, args, kwargs, loc):
    """The 2 / -2 / 'nuc' norms of a stack are computed over its last two
    axes only: other axis pairs are refused when compiling."""
    from . import arrays
    names = ("x", "ord", "axis", "keepdims")
    bound = dict(zip(names, args))
    bound.update(kwargs)
    x, ord, axis = bound.get("x"), bound.get("ord"), bound.get("axis")
    if not arrays.is_array(x) or x.ndim <= 2 or type(axis) is not tuple or len(axis) != 2:
        return
    if not (type(ord) in (int, float, str) and ord in (2, -2, "nuc")):
        return
    if all(type(v) is int for v in axis) and \
            sorted(v % x.ndim for v in axis) == [x.ndim - 2, x.ndim - 1]:
        return
    raise error(loc, f"{public}(ord={ord!r}) of a stack over axes {axis} other than its last "
                "two is not supported", "move the matrix axes last (transpose) first",
                E_UNSUPPORTED_CALL)
