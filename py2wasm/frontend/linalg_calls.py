"""Calls of `numpy.linalg` functions during tracing.

Place in the pipeline: frontend. `calls.call_value` hands every numpy callee
here first; a `numpy.linalg` function with an implementation in
`py2wasm/linalg/` is traced as a call of that implementation (a Python
function in the compiled subset), with every location inside it set to the
user's call, so its errors and exceptions name the user's line. Stacks of
matrices (ndim > 2) and complex arrays are located CompileErrors.
"""
from __future__ import annotations

import functools

from .values import E_UNSUPPORTED_CALL, error


@functools.lru_cache(maxsize=1)
def _table() -> dict:
    from ..linalg import implementations
    return {id(k): (k, v) for k, v in implementations().items()}


def implementation(fn):
    """The py2wasm implementation of the numpy.linalg function `fn`, or None."""
    hit = _table().get(id(fn))
    return hit[1] if hit is not None and hit[0] is fn else None


def call(tr, fn, impl, args, kwargs, loc):
    from . import arrays
    from .calls import call_python
    public = f"numpy.linalg.{fn.__name__}"
    for a in list(args) + list(kwargs.values()):
        if arrays.is_array(a):
            if a.ndim > 2:
                raise error(loc, f"{public}() of a {a.ndim}-d array (a stack of matrices) is "
                            "not supported", "loop over the matrices and call it on each "
                            "2-D one", E_UNSUPPORTED_CALL)
            if a.dtype.startswith("complex"):
                raise error(loc, f"{public}() of a complex array is not supported", "",
                            E_UNSUPPORTED_CALL)
    if fn.__name__ == "norm":  # an int axis= is the 1-tuple (the library has no isinstance)
        axis_at = 2
        if len(args) > axis_at and type(args[axis_at]) is int:
            args = list(args)
            args[axis_at] = (args[axis_at],)
        if type(kwargs.get("axis")) is int:
            kwargs = dict(kwargs, axis=(kwargs["axis"],))
    return call_python(tr, impl, list(args), dict(kwargs), loc, site=loc, public=public)
