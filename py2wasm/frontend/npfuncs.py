"""Dispatch of the NumPy functions and array methods beyond `nplib`'s core:
argument binding (NumPy's parameter names) and the hand-off to the modules
that implement them (`npfuncs_sort`, `npfuncs_shape`, `npfuncs_stats`).

Place in the pipeline: frontend; `nplib.call` and `nplib.call_method` ask
`call` / `call_method` before refusing a function, and `nplib.attribute`
asks `METHODS`. Returns `NOT_HERE` for anything it does not know.
"""
from __future__ import annotations

from ..ir import BOOL, F64, I64, Var
from . import npfuncs_diag as DG
from . import npfuncs_einsum as EI
from . import npfuncs_pad as PD
from . import npfuncs_pysource as PY
from . import npfuncs_shape as SH
from . import npfuncs_sort as SO
from . import npshape_build as NSB
from . import npshape_join as NSJ
from . import npshape_products as NSP
from . import npshape_views as NSV
from . import npfuncs_stats as ST
from .values import E_TYPE, error

NOT_HERE = object()
PYTHON_RESULTS = {"allclose", "array_equal", "array_equiv"}  # a Python bool, not np.bool
REQ = object()


def _bind(loc, name, args, kwargs, params):
    """Python's binding against NumPy's signature `params` ((name, default),
    REQ = required); a CompileError naming the real signature otherwise."""
    sig = ", ".join(p if d is REQ else f"{p}={d!r}" for p, d in params)
    if len(args) > len(params):
        raise error(loc, f"numpy.{name}() takes at most {len(params)} arguments "
                    f"({len(args)} given); signature: {name}({sig})", "", E_TYPE)
    out = dict(zip((p for p, _ in params), args))
    for k, v in kwargs.items():
        if k not in dict(params):
            raise error(loc, f"numpy.{name}() got an unexpected keyword argument {k!r} "
                        f"(supported: {name}({sig}))", "", E_TYPE)
        if k in out:
            raise error(loc, f"numpy.{name}() got multiple values for argument {k!r}", "",
                        E_TYPE)
        out[k] = v
    for p, d in params:
        if p not in out:
            if d is REQ:
                raise error(loc, f"numpy.{name}() missing required argument {p!r}; "
                            f"signature: {name}({sig})", "", E_TYPE)
            out[p] = d
    return out


# name -> (params, handler(tr, loc, **bound))
FUNCS = {
    "sort": ([("a", REQ), ("axis", -1), ("kind", None)],
             lambda tr, loc, a, axis, kind: SO.sort(tr, a, axis, kind, loc)),
    "argsort": ([("a", REQ), ("axis", -1), ("kind", None)],
                lambda tr, loc, a, axis, kind: SO.argsort(tr, a, axis, kind, loc)),
    "gradient": (None, lambda tr, args, kwargs, loc: _gradient(tr, args, kwargs, loc)),
    "vander": ([("x", REQ), ("N", None), ("increasing", False)],
               lambda tr, loc, x, N, increasing: _vander(tr, x, N, increasing, loc)),
    "lexsort": ([("keys", REQ), ("axis", -1)],
                lambda tr, loc, keys, axis: _lexsort(tr, keys, axis, loc)),
    "searchsorted": ([("a", REQ), ("v", REQ), ("side", "left"), ("sorter", None)],
                     lambda tr, loc, a, v, side, sorter: SO.searchsorted(tr, a, v, side, sorter,
                                                                         loc)),
    "digitize": ([("x", REQ), ("bins", REQ), ("right", False)],
                 lambda tr, loc, x, bins, right: SO.digitize(tr, x, bins, right, loc)),
    "unique": ([("ar", REQ), ("return_index", False), ("return_inverse", False),
                ("return_counts", False)],
               lambda tr, loc, ar, return_index, return_inverse, return_counts: SO.unique(
                   tr, ar, return_counts, loc, return_index, return_inverse)),
    "median": ([("a", REQ), ("axis", None), ("keepdims", False)],
               lambda tr, loc, a, axis, keepdims: SO.median(tr, a, axis, keepdims, loc)),
    "percentile": ([("a", REQ), ("q", REQ), ("axis", None), ("method", "linear"),
                    ("keepdims", False)],
                   lambda tr, loc, a, q, axis, method, keepdims: SO.quantile(
                       tr, a, q, axis, method, keepdims, loc, "percentile")),
    "quantile": ([("a", REQ), ("q", REQ), ("axis", None), ("method", "linear"),
                  ("keepdims", False)],
                 lambda tr, loc, a, q, axis, method, keepdims: SO.quantile(
                     tr, a, q, axis, method, keepdims, loc, "quantile")),
}
FUNCS["ndarray"] = ([("shape", REQ), ("dtype", float)],
                    lambda tr, loc, shape, dtype: SH.ndarray(tr, shape, dtype, loc))
FUNCS["einsum"] = (None, EI.einsum)
FUNCS.update(SH.FUNCS(REQ))
FUNCS.update(ST.FUNCS(REQ))
FUNCS.update(DG.FUNCS(REQ))
FUNCS.update(PD.FUNCS(REQ))
FUNCS.update(PY.FUNCS(REQ))
from . import npfuncs_ufunclike as UL  # noqa: E402
FUNCS.update(UL.FUNCS(REQ))
from .npfuncs_sets import FUNCS as _SETS  # noqa: E402
FUNCS.update(_SETS(REQ))
from .npfuncs_indices import FUNCS as _INDICES  # noqa: E402
FUNCS.update(_INDICES(REQ))
from .npfuncs_ndindex import FUNCS as _NDINDEX  # noqa: E402
FUNCS.update(_NDINDEX(REQ))
from .npfuncs_apply import FUNCS as _APPLY  # noqa: E402
FUNCS.update(_APPLY(REQ))
from .npfuncs_piecewise import FUNCS as _PIECEWISE  # noqa: E402
FUNCS.update(_PIECEWISE(REQ))
from .npfuncs_poly import FUNCS as _POLY  # noqa: E402
FUNCS.update(_POLY(REQ))
from . import npfuncs_nan as NAN  # noqa: E402
FUNCS.update(NAN.FUNCS(REQ))
from . import npfuncs_close as CL  # noqa: E402
FUNCS.update(CL.FUNCS(REQ))
from . import nplimits as LIM  # noqa: E402
FUNCS.update(LIM.FUNCS(REQ))
from . import npfuncs_cumulative as CU  # noqa: E402
FUNCS.update(CU.FUNCS(REQ))
FUNCS.update(NSV.FUNCS(REQ))
FUNCS.update(NSJ.FUNCS(REQ))
FUNCS.update(NSB.FUNCS(REQ))
FUNCS.update(NSP.FUNCS(REQ))

# array methods: name -> (params without the array, handler(tr, loc, a, **bound))
METHOD_TABLE = {
    "sort": ([("axis", -1), ("kind", None)],
             lambda tr, loc, a, axis, kind: SO.sort_method(tr, a, axis, kind, loc)),
    "argsort": ([("axis", -1), ("kind", None)],
                lambda tr, loc, a, axis, kind: SO.argsort(tr, a, axis, kind, loc)),
    "searchsorted": ([("v", REQ), ("side", "left"), ("sorter", None)],
                     lambda tr, loc, a, v, side, sorter: SO.searchsorted(tr, a, v, side, sorter,
                                                                         loc)),
}
METHOD_TABLE.update(SH.METHODS(REQ))
METHOD_TABLE.update(NSV.METHODS(REQ))
METHODS = frozenset(METHOD_TABLE)


def _gradient(tr, args, kwargs, loc):
    from .npfuncs_gradient import gradient
    return gradient(tr, args, kwargs, loc)


def _vander(tr, x, N, increasing, loc):
    from .npfuncs_gradient import vander
    return vander(tr, x, N, increasing, loc)


def _lexsort(tr, keys, axis, loc):
    from .npfuncs_lexsort import lexsort
    return lexsort(tr, keys, axis, loc)


def call(tr, fn, name, args, kwargs, loc):
    mod = getattr(fn, "__module__", "") or ""
    entry = FUNCS.get(name)  # numpy.linalg: py2wasm/linalg (frontend/linalg_calls.py)
    if entry is None or not (mod == "numpy" or mod.startswith("numpy._core") or
                             mod.startswith("numpy.lib") or
                             (mod == "numpy.linalg" and name == "multi_dot")):
        return NOT_HERE
    params, handler = entry
    if params is None:  # *args functions (meshgrid)
        return _numpy_result(handler(tr, args, kwargs, loc))
    r = handler(tr, loc, **_bind(loc, name, args, kwargs, params))
    return r if (name in PYTHON_RESULTS or getattr(handler, "python_result", False)) \
        else _numpy_result(r)


def call_method(tr, a, name, args, kwargs, loc):
    entry = METHOD_TABLE.get(name)
    if entry is None:
        return NOT_HERE
    params, handler = entry
    return _numpy_result(handler(tr, loc, a, **_bind(loc, name, args, kwargs, params)))


_SCALAR_DTYPE = {F64: "float64", I64: "int64", BOOL: "bool"}


def _numpy_result(r):
    """A NumPy function gives its scalar results as NumPy scalars: a bare IR
    value a handler returns (e.g. `np.interp(0.3, xp, fp)`) becomes the
    NumPy scalar of its compute type (handlers whose result is float32 or a
    narrow int make that scalar themselves)."""
    if isinstance(r, tuple):
        return tuple(_numpy_result(x) for x in r)
    if isinstance(r, Var) and r.type in _SCALAR_DTYPE:
        from .npscalars import make
        return make(_SCALAR_DTYPE[r.type], r)
    return r


def public_name(fn) -> str:
    """NumPy's public name of a function: numpy.linalg.inv, numpy.fft.fft,
    numpy.sort (not numpy._core.fromnumeric.sort)."""
    name = getattr(fn, "__name__", type(fn).__name__)
    mod = getattr(fn, "__module__", "") or "numpy"
    parts = [p for p in mod.split(".") if p and not p.startswith("_")]
    if parts[:1] != ["numpy"]:
        parts = ["numpy"]
    # numpy.lib.* functions are public as numpy.*
    if parts[1:2] == ["lib"]:
        parts = ["numpy"]
    return ".".join(parts + [name])
