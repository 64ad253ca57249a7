"""Test helper for the NumPy-scalar tests of the frontend (builtins on NumPy
scalars, type forks): run a function under CPython/NumPy and compiled by
py2wasm on the same arguments and compare the outcomes, value and type
(and the exception's type and message when it raises)."""
from __future__ import annotations

import warnings

import numpy as np

import py2wasm

DTYPES = [np.float64, np.float32, np.int64, np.int32, np.int16, np.int8, np.uint64, np.uint32,
          np.uint16, np.uint8, np.bool_]


def outcome(fn, *args):
    """A comparable record of fn(*args): its value with its exact type (each
    item of a tuple), an array's dtype, shape and bytes, or the exception."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            r = fn(*args)
        except Exception as e:  # noqa: BLE001 - the program's own exception
            return ("raise", type(e).__name__, str(e))
    if isinstance(r, np.ndarray):
        return ("array", r.dtype.str, r.shape, r.tobytes())
    if isinstance(r, tuple):
        return tuple(("v", type(x).__name__, repr(x)) for x in r)
    return ("v", type(r).__name__, repr(r))


def check(fn, arg_sets):
    """fn compiled gives CPython's outcome for every argument tuple (arrays
    copied for each run, so in-place changes do not leak between them)."""
    cf = py2wasm.compile(fn)
    for args in arg_sets:
        want = outcome(fn, *[a.copy() if isinstance(a, np.ndarray) else a for a in args])
        got = outcome(cf, *[a.copy() if isinstance(a, np.ndarray) else a for a in args])
        assert got == want, f"{fn.__name__}{args!r}"
