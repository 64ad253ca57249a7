"""`for idx in np.ndindex(shape)` and `for idx, v in np.ndenumerate(a)`
during tracing: the call gives the value of a traced generator (one per
ndim, 1-4: nested `range` loops in C order yielding tuples of ints, and for
ndenumerate the element too, a NumPy scalar of a's dtype), so the loop is
the generator's loops inlined (`frontend/generators.py`).

Place in the pipeline: frontend value semantics, dispatched by `npfuncs`
(one `FUNCS.update` line); NumPy's classes (numpy/lib/_index_tricks_impl.py)
iterate with `nditer`/`a.flat`, giving the same sequence.
"""
from __future__ import annotations

from . import arrays as A
from .arrays import is_array
from .values import E_UNSUPPORTED_CALL, error, scalar_type
from ..ir import I64


def _nd1(n0):
    for i in range(n0):
        yield (i,)


def _nd2(n0, n1):
    for i in range(n0):
        for j in range(n1):
            yield (i, j)


def _nd3(n0, n1, n2):
    for i in range(n0):
        for j in range(n1):
            for k in range(n2):
                yield (i, j, k)


def _nd4(n0, n1, n2, n3):
    for i in range(n0):
        for j in range(n1):
            for k in range(n2):
                for m in range(n3):
                    yield (i, j, k, m)


def _en1(a):
    for i in range(a.shape[0]):
        yield (i,), a[i]


def _en2(a):
    for i in range(a.shape[0]):
        for j in range(a.shape[1]):
            yield (i, j), a[i, j]


def _en3(a):
    for i in range(a.shape[0]):
        for j in range(a.shape[1]):
            for k in range(a.shape[2]):
                yield (i, j, k), a[i, j, k]


def _en4(a):
    for i in range(a.shape[0]):
        for j in range(a.shape[1]):
            for k in range(a.shape[2]):
                for m in range(a.shape[3]):
                    yield (i, j, k, m), a[i, j, k, m]


_ND = {1: _nd1, 2: _nd2, 3: _nd3, 4: _nd4}
_EN = {1: _en1, 2: _en2, 3: _en3, 4: _en4}


def _unsupported(loc, what, hint):
    return error(loc, f"numpy.{what} is not supported", hint, E_UNSUPPORTED_CALL)


def _gen(tr, fn, args, loc):
    from .generators import GenCall
    return GenCall(fn, list(args), {})


def ndindex(tr, args, kwargs, loc):
    if kwargs:
        raise _unsupported(loc, "ndindex with keyword arguments", "pass the shape")
    dims = args[0] if len(args) == 1 and isinstance(args[0], tuple) else tuple(args)
    for d in dims:
        if isinstance(d, bool) or not (type(d) is int or (not is_array(d) and
                                                          scalar_type(d) is I64)):
            raise _unsupported(loc, f"ndindex of a {A._tn(d)}", "pass a tuple of ints (a.shape)")
    if len(dims) not in _ND:
        raise _unsupported(loc, f"ndindex of {len(dims)} dimensions",
                           "1 to 4 dimensions are supported; write the loops")
    return _gen(tr, _ND[len(dims)], dims, loc)


def ndenumerate(tr, loc, arr):
    if not is_array(arr):
        raise _unsupported(loc, f"ndenumerate of a {A._tn(arr)}", "pass an array")
    if arr.ndim not in _EN:
        raise _unsupported(loc, f"ndenumerate of a {arr.ndim}-d array",
                           "1 to 4 dimensions are supported; write the loops")
    return _gen(tr, _EN[arr.ndim], [A.materialize(tr, arr, loc)], loc)


def FUNCS(REQ):
    return {"ndindex": (None, ndindex), "ndenumerate": ([("arr", REQ)], ndenumerate)}
