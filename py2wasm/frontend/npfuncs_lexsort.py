"""numpy.lexsort during tracing: the indirect stable sort on several keys
(the last key primary), as a chain of stable argsorts.

Place in the pipeline: frontend value semantics, dispatched by `npfuncs`.
The first (least significant) key is argsorted (`npfuncs_sort.argsort`,
stable, NaN last); each later key then reorders: `lex_refine` (a plain
Python kernel traced like those of `npkernels`) argsorts that key gathered in
the current order and permutes the order by the result. Stability makes the
composition NumPy's lexicographic order (the last key primary). Keys: a tuple or list of 1-D arrays of one
length, or one 1-D array; `axis` -1 or 0.
"""
from __future__ import annotations

from . import npfuncs_sort as SO
from . import npkernels as K
from .arrays import alloc, icmp, is_array, known, materialize
from .values import E_UNSUPPORTED_CALL, TraceRaise, error


def lex_refine(key, idx, keys_tmp, order, tmp):
    """idx = idx[argsort(key[idx], stable)] (all 1-D contiguous, one length)."""
    n = idx.shape[0]
    for i in range(n):
        keys_tmp[i] = key[idx[i]]
    K.argsort_into(keys_tmp, order, tmp)
    for i in range(n):
        tmp[i] = idx[order[i]]
    for i in range(n):
        idx[i] = tmp[i]


def lexsort(tr, keys, axis, loc):
    if not (known(axis) and type(axis) is int and axis in (-1, 0)):
        raise error(loc, "numpy.lexsort with an axis other than -1 (or 0 for 1-D keys) is not "
                    "supported", "sort 1-D keys", E_UNSUPPORTED_CALL)
    items = (keys,) if is_array(keys) else keys
    if not isinstance(items, tuple):
        raise error(loc, "numpy.lexsort takes a tuple or list of 1-D arrays", "", E_UNSUPPORTED_CALL)
    if not items:
        raise TraceRaise("TypeError", "need sequence of keys with len > 0 in lexsort")
    arrs = []
    for k in items:
        a = SO.as_arr(tr, k, loc, "a lexsort key")
        if a.ndim != 1:
            raise error(loc, "numpy.lexsort keys must be 1-D arrays here",
                        "pass a tuple of 1-D keys (the rows of a 2-D array: tuple(m))",
                        E_UNSUPPORTED_CALL)
        arrs.append(materialize(tr, a, loc, contiguous=True))
    fb = tr.fb
    n = arrs[-1].shape[0]
    for a in arrs[:-1]:
        same = icmp(fb, "eq", a.shape[0], n)
        if same is False:
            raise TraceRaise("ValueError", "all keys need to be the same shape")
        if same is not True:
            fb.raise_if(fb.emit("not", [same]), "ValueError", "all keys need to be the same shape",
                        loc)
    idx = SO.argsort(tr, arrs[0], -1, None, loc)  # the least significant key first
    for key in arrs[1:]:
        keys_tmp = alloc(tr, key.dtype, (n,), loc)
        order = alloc(tr, "int64", (n,), loc)
        tmp = alloc(tr, "int64", (n,), loc)
        SO.kernel(tr, lex_refine, [key, idx, keys_tmp, order, tmp], loc)
    return idx
