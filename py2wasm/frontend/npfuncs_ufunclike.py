"""NumPy functions close to the ufuncs, written as NumPy writes them:
np.sinc (numpy/lib/_function_base_impl.py, traced like user code), np.ptp
(`subtract(maximum.reduce(a, axis), minimum.reduce(a, axis))`: the
difference wraps in the array's own int dtype, as NumPy's does), np.fix
(`floor(x, where=x >= 0)` over `ceil(x)`: the same values, signed zeros and
dtypes as np.trunc, which it calls), and np.real / np.imag as functions (complex_calls.part: a real array itself,
zeros for its imaginary part, Python numbers' .real / .imag).

Place in the pipeline: frontend value semantics, dispatched by `npfuncs`
(registered with one `FUNCS.update`). `out=` is refused with a located
CompileError.
"""
from __future__ import annotations

import numpy as np

from . import arrays as A
from .values import E_UNSUPPORTED_CALL, error


def _py_sinc(x):
    y = np.pi * np.where(x == 0, 1.0e-20, x)
    return np.sin(y) / y


def _py_sinc_scalar(x):
    # NumPy's code on a 0-d array: where() gives x's dtype combined with a weak 1e-20
    y = np.pi * (x * 0 + 1.0e-20 if x == 0 else x)
    return np.sin(y) / y


def _sinc(tr, loc, x):
    from .calls import call_python
    from .npfuncs_create import as_array
    x = A.unlist(x)
    if A.is_array(x) or isinstance(x, tuple):
        x = A.materialize(tr, as_array(tr, x, loc), loc)  # the kernel takes arrays, not expressions
        return A.settle(tr, call_python(tr, _py_sinc, [x], {}, loc), loc)
    from . import npscalars as nps
    if A.scalar_type(x) is None and not nps.is_np(x):
        raise error(loc, f"numpy.sinc of a {A._tn(x)} is not supported", "pass an array or "
                    "a number", E_UNSUPPORTED_CALL)
    return call_python(tr, _py_sinc_scalar, [x], {}, loc)


def _ptp(tr, loc, a, axis, out, keepdims):
    from . import nplib
    if out is not None:
        raise error(loc, "numpy.ptp(out=...) is not supported", "assign the result",
                    E_UNSUPPORTED_CALL)
    kw = {"axis": axis, "keepdims": keepdims}
    hi = nplib.call(tr, np.max, [a], kw, loc)
    lo = nplib.call(tr, np.min, [a], kw, loc)
    return nplib.call(tr, np.subtract, [hi, lo], {}, loc)


def _fix(tr, loc, x, out):
    from . import nplib
    if out is not None:
        raise error(loc, "numpy.fix(out=...) is not supported", "assign the result",
                    E_UNSUPPORTED_CALL)
    return nplib.call(tr, np.trunc, [x], {}, loc)


def _part(name):
    def f(tr, loc, val):
        from .complex_calls import part
        return part(tr, A.unlist(val), name, loc)
    f.python_result = True  # np.real(2.5) is the Python float 2.5 (val.real)
    return f


def FUNCS(REQ):
    return {
        "sinc": ([("x", REQ)], _sinc),
        "ptp": ([("a", REQ), ("axis", None), ("out", None), ("keepdims", False)], _ptp),
        "fix": ([("x", REQ), ("out", None)], _fix),
        "real": ([("val", REQ)], _part("real")),
        "imag": ([("val", REQ)], _part("imag")),
    }
