"""NumPy functions and array methods during tracing: the dispatch of every
`numpy` callee (to creation in npfuncs_create.py, reductions in
npfuncs_reduce.py, linear algebra in npfuncs_linalg.py, joining in
npfuncs_join.py, and the other npfuncs_* modules), NumPy's elementwise
functions, `np.round`, `np.clip`, and array attributes and methods.

Place in the pipeline: frontend value semantics; `calls.call_value` hands
every `numpy` callee and every bound array method (`ArrayMethod`) here.
Arrays and lazy expressions are `arrays.Arr` / `arrays.Ew`. Anything not
listed raises a located CompileError naming the function or argument.
"""
from __future__ import annotations

import math

import numpy as np

from ..ir import I64, Var
from . import arrays as A
from . import array_assign, array_indexing, array_shapes
from .arrays import Arr, Ew, alloc, dtype_of, icmp, imul, is_array, isel, known, materialize
from .ufuncs import SUPPORTED as UFUNCS
from .values import E_TYPE, E_UNSUPPORTED_CALL, TraceRaise, error, scalar_type
from .npargs import ArrayMethod, bind, dtype_arg, REQUIRED
from .npfuncs_create import (_INT_RANGE, arange, array_from, as_array, eye, fill, full, ic_bool,
                             linspace)
from .npfuncs_join import concatenate, hstack, stack, vstack
from .npfuncs_linalg import dot, matmul, vdot
from .npfuncs_reduce import _reduction_scalar, cumulative, reduce
from .array_shapes import ravel


# --- dispatch ----------------------------------------------------------------------------------

_REDUCTIONS = {"sum": "sum", "prod": "prod", "min": "min", "max": "max", "amin": "min",
               "amax": "max", "mean": "mean", "std": "std", "var": "var", "argmin": "argmin",
               "argmax": "argmax", "any": "any", "all": "all"}


def _reduction_call(tr, kind, args, kwargs, loc, name):
    if "initial" in kwargs and kind in ("sum", "prod", "min", "max"):  # npreduce_initial.py
        from .npreduce_initial import reduce_initial
        return reduce_initial(tr, kind, args, kwargs, loc, name)
    params = [("a", REQUIRED), ("axis", None)]
    if kind in ("std", "var"):
        params += [("dtype", None), ("out", None), ("ddof", 0), ("keepdims", False)]
    elif kind in ("sum", "prod", "mean"):
        params += [("dtype", None), ("out", None), ("keepdims", False)]
    else:
        params += [("out", None), ("keepdims", False)]
    b = bind(loc, name, args, kwargs, params)
    if not is_array(b["a"]) and not isinstance(b["a"], tuple) and b["axis"] is None and \
            b["keepdims"] is False:  # np.sum(x), np.any(s == 0) of a number
        from .npfuncs_reduce import number_as_array
        b["a"] = number_as_array(tr, b["a"], loc)
    if b.get("dtype") is not None or b.get("out") is not None:
        from .ufunc_methods import reduction_dtype_out
        return reduction_dtype_out(tr, kind, b, loc, name)
    r = reduce(tr, kind, b["a"], b["axis"], b["keepdims"], loc, ddof=b.get("ddof", 0))
    if isinstance(r, Var):  # a reduction to one number: the NumPy scalar of its dtype
        return _reduction_scalar(kind, dtype_of(as_array(tr, b["a"], loc)), r)
    return r


def _like(tr, name, args, kwargs, loc):
    params = [("a", REQUIRED)] + ([("fill_value", REQUIRED)] if name == "full_like" else []) + \
        [("dtype", None)]
    b = bind(loc, name, args, kwargs, params)
    a = as_array(tr, b["a"], loc)
    dt = dtype_arg(b["dtype"], loc, a.dtype)
    value = {"zeros_like": 0, "ones_like": 1}.get(name, b.get("fill_value"))
    from .korder_layout import alloc_like
    out = alloc_like(tr, dt, a, loc)  # order='K': laid out as `a`
    if name != "empty_like":
        fill(tr, out, value, loc)
    return out


def call(tr, fn, args, kwargs, loc):
    """numpy.<fn>(*args, **kwargs) on trace values."""
    fb = tr.fb
    if getattr(fn, "__name__", "") != "block":  # np.block tells lists from tuples
        args = [A.unlist(a) for a in args]
        kwargs = {k: A.unlist(v) for k, v in kwargs.items()}
    name = getattr(fn, "__name__", type(fn).__name__)
    if fn is np.matmul and len(args) == 2 and not kwargs:
        return matmul(tr, args[0], args[1], loc)
    if isinstance(fn, np.ufunc):
        if fn.nout == 2:  # divmod modf frexp
            from . import ufuncs_multi
            return ufuncs_multi.call(tr, fn, args, kwargs, loc)
        if fn is np.signbit:  # of int8/uint8/bool arrays: NumPy's float16 loop
            from .ufuncs_multi import signbit_args
            args = signbit_args(args)
        if name not in UFUNCS:
            raise error(loc, f"numpy.{name} is not supported", "see the supported NumPy subset",
                        E_UNSUPPORTED_CALL)
        if kwargs or len(args) == fn.nin + 1:  # out= (or positional out) where= dtype=
            from . import ufunc_methods
            return ufunc_methods.ufunc_call(tr, fn, [A.unlist(a) for a in args], kwargs, loc)
        if len(args) != fn.nin:
            raise error(loc, f"numpy.{name} takes {fn.nin} argument(s) ({len(args)} given); "
                        f"signature: numpy.{name}(" + ", ".join(
                            f"x{i + 1}" for i in range(fn.nin)) + ", /, out=None, *, "
                        "where=True, dtype=None)", "", E_TYPE)
        args = [as_array(tr, a, loc) if isinstance(a, tuple) else a for a in args]
        if not any(is_array(a) for a in args):
            return _scalar_ufunc(tr, fn, args, loc)
        return A.scalar_if_0d(tr, A.ufunc_node(tr, fn, args, loc), loc)
    if isinstance(fn, type) and issubclass(fn, np.generic):  # np.float64(x)...
        dt = dtype_arg(fn, loc)
        if len(args) != 1 or kwargs:
            raise error(loc, f"numpy.{name}() takes one argument", "", E_TYPE)
        x = args[0]
        if is_array(x):
            return A.astype_node(x, dt)
        from .npscalars import construct
        return construct(fb, dt, x, loc)
    if name in _REDUCTIONS:
        return _reduction_call(tr, _REDUCTIONS[name], args, kwargs, loc, name)
    if name in ("cumsum", "cumprod"):
        b = bind(loc, name, args, kwargs, [("a", REQUIRED), ("axis", None), ("dtype", None)])
        return _cumulative_dtype(tr, name, b["a"], b["axis"], b["dtype"], loc)
    if name in ("zeros", "ones", "empty"):
        b = bind(loc, name, args, kwargs, [("shape", REQUIRED), ("dtype", None)])
        dt = dtype_arg(b["dtype"], loc, "float64")
        if name == "empty":
            return alloc(tr, dt, array_shapes.shape_arg(b["shape"], loc), loc)
        return full(tr, b["shape"], 0 if name == "zeros" else 1, dt, loc)
    if name == "full":
        b = bind(loc, name, args, kwargs, [("shape", REQUIRED), ("fill_value", REQUIRED),
                                           ("dtype", None)])
        return full(tr, b["shape"], b["fill_value"], dtype_arg(b["dtype"], loc), loc)
    if name in ("zeros_like", "ones_like", "empty_like", "full_like"):
        return _like(tr, name, args, kwargs, loc)
    if name == "arange":
        return arange(tr, args, kwargs, loc)
    if name == "linspace":
        return linspace(tr, args, kwargs, loc)
    if name in ("eye", "identity"):
        return eye(tr, args, kwargs, loc, name)
    if fn in (np.dtype, np.issubdtype, np.can_cast, np.promote_types, np.result_type) and \
            _known_args(args, kwargs):  # of dtypes and types known when compiling
        try:
            return fn(*args, **kwargs)
        except (TypeError, ValueError) as e:
            raise TraceRaise(type(e).__name__, str(e)) from None
    if name in ("array", "asarray", "copy") and set(kwargs) & {"copy", "order", "ndmin"}:
        return _array_keywords(tr, name, args, kwargs, loc)
    if name in ("array", "asarray", "copy", "ascontiguousarray"):
        b = bind(loc, name, args, kwargs, [("a", REQUIRED), ("dtype", None)])
        dt = dtype_arg(b["dtype"], loc)
        if name in ("asarray", "ascontiguousarray") and is_array(b["a"]) and dt in (
                None, b["a"].dtype):
            if name == "asarray":  # an expression: a new array in NumPy's K order
                return materialize(tr, b["a"], loc, order="K")
            a = materialize(tr, b["a"], loc)
            from .viewcopy import c_contiguous, view_or_copy  # a view iff C-contiguous
            return view_or_copy(tr, a, c_contiguous(tr.fb, a), a.shape, None, loc)
        return array_from(tr, b["a"], dt, loc, "C" if name == "ascontiguousarray" else "K")
    if name == "where" and len(args) == 1 and not kwargs:  # np.where(c) is np.nonzero(c)
        return call(tr, np.nonzero, args, kwargs, loc)
    if name == "where":
        b = bind(loc, name, args, kwargs, [("condition", REQUIRED), ("x", REQUIRED),
                                           ("y", REQUIRED)])
        c, x, y = [as_array(tr, v, loc) if isinstance(v, tuple) else v
                   for v in (b["condition"], b["x"], b["y"])]
        if not any(is_array(v) for v in (c, x, y)):
            raise error(loc, "numpy.where on scalars is not supported", "use x if c else y",
                        E_UNSUPPORTED_CALL)
        return A.where_node(tr, c, x, y, loc)
    if name == "clip":
        b = bind(loc, name, args, kwargs, [("a", REQUIRED), ("a_min", REQUIRED),
                                           ("a_max", REQUIRED), ("out", None)])
        if b["out"] is not None:  # frontend/npclip_out.py
            from .npclip_out import clip_out
            return clip_out(tr, b["a"], b["a_min"], b["a_max"], b["out"], loc)
        return clip(tr, b["a"], b["a_min"], b["a_max"], loc)
    if name in ("round", "around"):
        b = bind(loc, name, args, kwargs, [("a", REQUIRED), ("decimals", 0)])
        return round_(tr, b["a"], b["decimals"], loc)
    if name == "vdot" and len(args) == 2 and not kwargs:
        return vdot(tr, args[0], args[1], loc)
    if name in ("dot", "inner") and len(args) == 2 and not kwargs:
        if name == "inner":  # NumPy: dot(a, b with its last two axes swapped)
            a, b = as_array(tr, args[0], loc), as_array(tr, args[1], loc)
            if a.ndim > 2 or b.ndim > 2:
                raise error(loc, "numpy.inner is supported for 1-D and 2-D arrays", "",
                            E_UNSUPPORTED_CALL)
            return dot(tr, a, array_shapes.transpose(tr, b, None, loc), loc)
        return dot(tr, args[0], args[1], loc)
    if name == "matmul" and len(args) == 2 and not kwargs:
        return matmul(tr, args[0], args[1], loc)
    if name == "outer" and len(args) == 2 and not kwargs:
        a = ravel(tr, as_array(tr, args[0], loc), loc)
        b = ravel(tr, as_array(tr, args[1], loc), loc)
        return A.ufunc_node(tr, np.multiply, [array_indexing.getitem(tr, a, (slice(None), None), loc),
                                              array_indexing.getitem(tr, b, (None, slice(None)), loc)], loc)
    if name == "concatenate":
        b = bind(loc, name, args, kwargs, [("arrays", REQUIRED), ("axis", 0)])
        return concatenate(tr, b["arrays"], b["axis"], loc)
    if name == "stack":
        b = bind(loc, name, args, kwargs, [("arrays", REQUIRED), ("axis", 0)])
        return stack(tr, b["arrays"], b["axis"], loc)
    if name in ("vstack", "hstack") and len(args) == 1 and not kwargs:
        return (vstack if name == "vstack" else hstack)(tr, args[0], loc)
    if name == "reshape":
        b = bind(loc, name, args, kwargs, [("a", REQUIRED), ("shape", REQUIRED), ("order", "C")])
        return _reshape(tr, as_array(tr, b["a"], loc), array_shapes.shape_arg(b["shape"], loc),
                        b["order"], loc)
    if name == "transpose":
        b = bind(loc, name, args, kwargs, [("a", REQUIRED), ("axes", None)])
        return array_shapes.transpose(tr, as_array(tr, b["a"], loc), b["axes"], loc)
    if name == "ravel":
        b = bind(loc, name, args, kwargs, [("a", REQUIRED), ("order", "C")])
        return _ravel(tr, as_array(tr, b["a"], loc), b["order"], loc)
    if name in ("shape", "size", "ndim") and len(args) == 1 and not kwargs:
        if not is_array(args[0]) and not isinstance(args[0], tuple) and _scalar(args[0]):
            return {"shape": (), "size": 1, "ndim": 0}[name]  # a number: 0-d
        return attribute(tr, as_array(tr, args[0], loc), name, loc)
    from . import npfuncs
    r = npfuncs.call(tr, fn, name, args, kwargs, loc)
    if r is not npfuncs.NOT_HERE:
        return r
    raise error(loc, f"{npfuncs.public_name(fn)}() is not supported",
                "see the supported NumPy subset", E_UNSUPPORTED_CALL)


def _cumulative_dtype(tr, name, a, axis, dtype, loc):
    """cumsum/cumprod with dtype=: NumPy casts every element to the dtype and
    accumulates in it (`add.accumulate(a, dtype=)`): the cast array's running
    sums, then (narrow ints, accumulated in int64 here) wrapped to the dtype,
    which agrees modulo 2**bits."""
    if dtype is None:
        return cumulative(tr, name, a, axis, loc)
    dt = dtype_arg(dtype, loc)
    if dt == "bool":
        raise error(loc, f"numpy.{name}(dtype=bool) is not supported", "", E_UNSUPPORTED_CALL)
    x = as_array(tr, a, loc)
    r = cumulative(tr, name, x if x.dtype == dt else A.astype_node(x, dt), axis, loc)
    return r if r.dtype == dt else array_assign.copy(tr, A.astype_node(r, dt), loc)


def _scalar_ufunc(tr, fn, args, loc):
    """A NumPy ufunc on scalars (Python or NumPy): a NumPy scalar, computed
    like a 1-element array (npscalars.apply_ufunc)."""
    from .npscalars import apply_ufunc
    return apply_ufunc(tr.fb, fn, args, loc)


def _power_of_ten(n: int) -> float:
    """NumPy's power_of_ten (multiarray/calculation.c): exact up to 1e8, then
    multiplied by 10.0 one step at a time (not 10.0 ** n: they differ in the
    last bit from 1e23 on; inf past the float range)."""
    if n < 9:
        return 10.0 ** n
    r = 1e9
    for _ in range(n - 9):
        r *= 10.0
        if r == math.inf:
            break
    return r


def round_(tr, a, d, loc):
    """np.round(a, decimals) as NumPy's PyArray_Round: floats rint(a * 10**d) /
    10**d (d < 0: rint(a / 10**-d) * 10**-d); integers a copy for d >= 0,
    else the same float64 computation cast back to the integer dtype."""
    from . import npscalars
    d = npscalars.demote(d, tr.fb, loc) if npscalars.is_np(d) else d
    if type(d) is not int and not (isinstance(d, Var) and d.type is I64):
        raise error(loc, "numpy.round decimals= must be an int", "", E_TYPE)
    a = as_array(tr, a, loc) if isinstance(a, tuple) else a
    if not is_array(a) and (npscalars.is_np(a) or scalar_type(a) is not None):
        # a number: NumPy rounds it as a 0-d array of its dtype (a NumPy scalar
        # results, computed as for arrays, not Python's correctly rounded round)
        return _of_number(tr, a, lambda one: round_(tr, one, d, loc), "round", loc)
    if not is_array(a):
        raise error(loc, f"numpy.round of a {A._tn(a)} is not supported", "", E_TYPE)
    if isinstance(d, Var):
        return _round_runtime(tr, a, d, loc)
    if a.dtype == "bool":  # NumPy: float16 for decimals=0, else a casting TypeError
        if d == 0:
            raise error(loc, "numpy.round of a bool array gives float16, which is not supported",
                        "convert to float first", E_UNSUPPORTED_CALL)
        raise TraceRaise("TypeError", f"Cannot cast ufunc '{'multiply' if d > 0 else 'divide'}' "
                         "output from dtype('float64') to dtype('bool') with casting rule "
                         "'same_kind'")
    if a.dtype not in ("float64", "float32"):
        if d >= 0:
            return array_assign.copy(tr, a, loc)  # NumPy: a new array, never `a` itself
        k = _power_of_ten(-d)
        q = A.ufunc_node(tr, np.rint, [A.ufunc_node(tr, np.divide, [a, k], loc)], loc)
        return A.astype_node(A.ufunc_node(tr, np.multiply, [q, k], loc), a.dtype)
    if d == 0:
        return A.ufunc_node(tr, np.rint, [a], loc)
    k = _power_of_ten(abs(d))
    if d > 0:
        return A.ufunc_node(tr, np.divide, [A.ufunc_node(tr, np.rint, [A.ufunc_node(
            tr, np.multiply, [a, k], loc)], loc), k], loc)
    return A.ufunc_node(tr, np.multiply, [A.ufunc_node(tr, np.rint, [A.ufunc_node(
        tr, np.divide, [a, k], loc)], loc), k], loc)


def _of_number(tr, a, op, what, loc):
    """`op` of a number as NumPy computes it: on a 0-d array of the number's
    dtype (here one element), the result's element a NumPy scalar."""
    from . import npscalars
    from .npfuncs_reduce import number_as_array
    one = number_as_array(tr, a, loc)
    if not is_array(one):
        raise error(loc, f"numpy.{what} of a {A._tn(a)} is not supported", "", E_TYPE)
    r = materialize(tr, op(one), loc)
    return npscalars.make(r.dtype, A.load(tr.fb, r, [0]))


def _round_runtime(tr, a, d, loc):
    """np.round(a, d) with d known only at run time: both of NumPy's formulas
    (d >= 0: rint(a * k) / k; d < 0: rint(a / k) * k, k = 10.0 ** |d| as
    NumPy's power_of_ten makes it: ten multiplications by 10.0 from 1.0 are
    its table, then its steps), chosen by d's sign; integers: a copy for d >=
    0, else the float64 computation cast back."""
    fb = tr.fb
    if a.dtype == "bool" or a.dtype not in A.DTYPES:
        raise error(loc, f"numpy.round of a {a.dtype} array with run-time decimals is not "
                    "supported", "", E_UNSUPPORTED_CALL)
    n = isel(fb, icmp(fb, "lt", d, 0), fb.emit("sub", [fb.const(0), d]), d)
    k = _runtime_power_of_ten(tr, n, loc)
    pos = icmp(fb, "ge", d, 0)
    down = A.ufunc_node(tr, np.multiply, [A.ufunc_node(tr, np.rint, [A.ufunc_node(
        tr, np.divide, [a, k], loc)], loc), k], loc)
    if a.dtype not in ("float64", "float32"):
        up = array_assign.copy(tr, a, loc)
        down = A.astype_node(down, a.dtype)
    else:
        up = A.ufunc_node(tr, np.divide, [A.ufunc_node(tr, np.rint, [A.ufunc_node(
            tr, np.multiply, [a, k], loc)], loc), k], loc)
    return A.where_node(tr, pos, up, down, loc)


def _py_power_of_ten(n):
    r = 1.0
    for _ in range(n):
        r *= 10.0
        if r == math.inf:
            break
    return r


def _runtime_power_of_ten(tr, n, loc):
    from .calls import call_python
    return call_python(tr, _py_power_of_ten, [n], {}, loc, site=loc, public="numpy.round")


def _int_clip_bound(fb, v, dtype, side):
    """NumPy's _clip for integer arrays: a Python int bound at or beyond the
    dtype's extreme is dropped (None). A run-time int is clamped to that
    extreme instead, which clips nothing, like None."""
    if scalar_type(v) is not I64 or isinstance(v, bool) or dtype not in _INT_RANGE:
        return v
    lo, hi = _INT_RANGE[dtype]
    edge = lo if side == "min" else hi
    beyond = (lambda x: x <= edge) if side == "min" else (lambda x: x >= edge)
    if known(v):
        return None if beyond(v) else v
    return isel(fb, icmp(fb, "le" if side == "min" else "ge", v, edge), edge, v)


def clip(tr, a, lo, hi, loc):
    """np.clip as NumPy 2's _clip: out-of-range Python int bounds of integer
    arrays dropped, no bound at all a copy (np.positive). A number is
    clipped as NumPy's 0-d array of its dtype: a NumPy scalar results unless
    a bound is an array."""
    if not is_array(a) and not isinstance(a, tuple) and _scalar(a):
        if any(is_array(x) or isinstance(x, tuple) for x in (lo, hi)):  # an array result
            from .npfuncs_reduce import number_as_array
            return clip(tr, number_as_array(tr, a, loc), lo, hi, loc)
        return _of_number(tr, a, lambda one: clip(tr, one, lo, hi, loc), "clip", loc)
    a = as_array(tr, a, loc)
    # NumPy broadcasts the three operands together first (its message lists three shapes)
    A.broadcast_shapes(tr.fb, [A.shape_of(x) for x in (a, lo, hi) if x is not None], loc)
    if a.dtype in _INT_RANGE:
        lo = _int_clip_bound(tr.fb, lo, a.dtype, "min")
        hi = _int_clip_bound(tr.fb, hi, a.dtype, "max")
    if lo is None and hi is None:
        return A.ufunc_node(tr, np.positive, [a], loc)
    if lo is not None and hi is not None:
        # NumPy's clip ufunc resolves one loop for the three operands
        # (np.clip(bool_a, -1, uint8_b) is uint8: -1 out of bounds raises)
        dt = A.loop_dtypes(np._core.umath.clip, [a, lo, hi], loc)[1]
        if dt in A.DTYPES:
            a, lo, hi = (A.astype_node(x, dt) if is_array(x) and x.dtype != dt else x
                         for x in (a, lo, hi))
    r = a
    if lo is not None:
        r = A.ufunc_node(tr, np.maximum, [r, lo], loc)
    if hi is not None:
        r = A.ufunc_node(tr, np.minimum, [r, hi], loc)
    return r


# --- attributes and methods ---------------------------------------------------------------------

_METHODS = {"sum", "prod", "min", "max", "mean", "std", "var", "argmin", "argmax", "any",
            "all", "cumsum", "cumprod", "dot", "reshape", "ravel", "flatten", "copy", "astype",
            "transpose", "fill", "clip", "round", "item", "tolist"}


def attribute(tr, a, name, loc):
    fb = tr.fb
    if name == "shape":
        return tuple(a.shape)
    if name == "ndim":
        return a.ndim
    if name == "size":
        return A.size_of(fb, a)
    if name == "dtype":
        return np.dtype(a.dtype)
    if name == "T":
        return array_shapes.transpose(tr, a, None, loc)
    if name == "itemsize":
        return A._itemsize(a.dtype)
    if name == "nbytes":
        return imul(fb, A.size_of(fb, a), A._itemsize(a.dtype))
    if name in ("real", "imag"):  # of a real array: itself, or read-only zeros
        if name == "real":
            return a
        z = full(tr, a.shape, 0, a.dtype, loc)
        return Arr(z.dtype, z.ptr, z.shape, z.strides, z.root, readonly=True)
    if name == "flat":  # frontend/array_flat.py
        from .array_flat import make
        return make(tr, a, loc)
    from . import npfuncs
    if name in _METHODS or name in npfuncs.METHODS:
        return ArrayMethod(a, name)
    raise error(loc, f"array attribute {name!r} is not supported",
                "see the supported NumPy subset", E_UNSUPPORTED_CALL)


def call_method(tr, m: ArrayMethod, args, kwargs, loc):
    a, name = m.arr, m.name
    fb = tr.fb
    if name in _REDUCTIONS:
        return _reduction_call(tr, _REDUCTIONS[name], [a] + list(args), kwargs, loc, name)
    if name in ("cumsum", "cumprod"):
        b = bind(loc, name, args, kwargs, [("axis", None), ("dtype", None)])
        return _cumulative_dtype(tr, name, a, b["axis"], b["dtype"], loc)
    if name == "dot":
        if len(args) != 1 or kwargs:
            raise error(loc, "a.dot(b) takes one argument", "", E_TYPE)
        return dot(tr, a, args[0], loc)
    if name == "reshape":
        if set(kwargs) - {"order"}:
            raise error(loc, "reshape keyword arguments other than order= are not supported",
                        "", E_UNSUPPORTED_CALL)
        shape = args[0] if len(args) == 1 and isinstance(args[0], tuple) else tuple(args)
        return _reshape(tr, a, array_shapes.shape_arg(shape, loc), kwargs.get("order", "C"), loc)
    if name == "ravel":
        b = bind(loc, name, args, kwargs, [("order", "C")])
        return _ravel(tr, a, b["order"], loc)
    if name == "flatten":
        b = bind(loc, name, args, kwargs, [("order", "C")])
        if _order(b["order"], loc) == "F":  # a C-ordered copy of the transpose, raveled
            a = array_shapes.transpose(tr, a, None, loc)
        c = array_assign.copy(tr, a, loc)
        return Arr(c.dtype, c.ptr, (A.size_of(fb, c),), None, c.root)
    if name == "copy" and not args and not kwargs:
        return array_assign.copy(tr, a, loc)
    if name == "copy":  # a.copy(order=): "C" unless asked
        b = bind(loc, name, args, kwargs, [("order", "C")])
        return _array_keywords(tr, "copy", [a], {"order": b["order"]}, loc)
    if name == "astype":
        b = bind(loc, name, args, kwargs, [("dtype", REQUIRED)])
        dt = dtype_arg(b["dtype"], loc)
        return array_assign.copy(tr, A.astype_node(a, dt), loc, "K")
    if name == "transpose":
        if kwargs:
            raise error(loc, "transpose keyword arguments are not supported", "",
                        E_UNSUPPORTED_CALL)
        axes = None if not args else (args[0] if len(args) == 1 and isinstance(args[0], tuple)
                                      else tuple(args))
        return array_shapes.transpose(tr, a, axes, loc)
    if name == "fill":
        if len(args) != 1 or kwargs:
            raise error(loc, "a.fill(value) takes one argument", "", E_TYPE)
        if isinstance(a, Ew):
            raise error(loc, "fill() on an expression has no effect", "", E_TYPE)
        if is_array(args[0]):
            raise error(loc, "a.fill() takes a number", "", E_TYPE)
        array_assign.assign(tr, a, args[0], loc)
        return None
    if name == "clip":
        b = bind(loc, name, args, kwargs, [("min", None), ("max", None)])
        return clip(tr, a, b["min"], b["max"], loc)
    if name == "round":
        return call(tr, np.round, [a] + list(args), kwargs, loc)
    if name == "tolist" and not args and not kwargs:  # frontend/lists_arrays.py
        from .lists_arrays import tolist
        return tolist(tr, a, loc)
    if name == "item" and not args and not kwargs:
        a = materialize(tr, a, loc)
        fb.raise_if(ic_bool(fb, icmp(fb, "ne", A.size_of(fb, a), 1)), "ValueError",
                    "can only convert an array of size 1 to a Python scalar", loc)
        return A.load(fb, a, [0] * a.ndim)
    if name == "item" and args and not kwargs:
        from .npfuncs_indices import item
        return item(tr, a, args, loc)
    from . import npfuncs
    r = npfuncs.call_method(tr, a, name, args, kwargs, loc)
    if r is not npfuncs.NOT_HERE:
        return r
    raise error(loc, f"array method {name}() with these arguments is not supported",
                "see the supported NumPy subset", E_UNSUPPORTED_CALL)


_NO_COPY = ("Unable to avoid copy while creating an array as requested.\nIf using "
            "`np.array(obj, copy=False)` replace it with `np.asarray(obj)` to allow a copy when "
            "needed (no behavior change in NumPy 1.x).\nFor more details, see "
            "https://numpy.org/devdocs/numpy_2_0_migration_guide.html"
            "#adapting-to-changes-in-the-copy-keyword.")


def _array_keywords(tr, name, args, kwargs, loc):
    """np.array(a, dtype, copy=, order=, ndmin=), np.asarray(a, dtype, order=,
    copy=), np.copy(a, order=): copy=True a new array (order "K" as a's
    layout, "C", or "F": the transpose's C copy transposed back), None the
    array itself where no copy is needed (its dtype, no order asked), False
    that or NumPy's ValueError; ndmin= leading axes of length 1 (a view)."""
    params = {"array": [("a", REQUIRED), ("dtype", None), ("copy", True), ("order", "K"),
                        ("ndmin", 0)],
              "asarray": [("a", REQUIRED), ("dtype", None), ("order", None), ("copy", None)],
              "copy": [("a", REQUIRED), ("order", "K")]}[name]
    b = bind(loc, name, args, kwargs, params)
    copy, order, ndmin = b.get("copy", True), b["order"], b.get("ndmin", 0)
    if copy not in (True, False, None) or type(ndmin) is not int:
        raise error(loc, f"numpy.{name}: copy= and ndmin= must be known when compiling", "",
                    E_UNSUPPORTED_CALL)
    if order not in (None, "K", "C", "F", "k", "c", "f"):
        raise error(loc, f"numpy.{name}(order={order!r}) is not supported",
                    "use order='C', 'F' or 'K'", E_UNSUPPORTED_CALL)
    order = (order or "K").upper()
    dt = dtype_arg(b.get("dtype"), loc)
    a = b["a"]
    if copy is not True and isinstance(a, Arr) and dt in (None, a.dtype) and order == "K":
        r = a  # no copy needed: the array itself
    elif copy is False and not isinstance(a, Ew):
        raise TraceRaise("ValueError", _NO_COPY)
    elif order == "F":
        x = array_from(tr, a, dt, loc, "C") if not is_array(a) else a
        x = array_shapes.transpose(tr, x if dt in (None, x.dtype) else A.astype_node(x, dt),
                                   None, loc)
        r = array_shapes.transpose(tr, array_assign.copy(tr, x, loc, "C"), None, loc)
    else:
        r = array_from(tr, a, dt, loc, order)
    if r.ndim < ndmin:
        r = array_indexing.getitem(tr, r, (None,) * (ndmin - r.ndim) + (Ellipsis,), loc)
    return r


def _order(order, loc) -> str:
    """order= of reshape/ravel/flatten: "C" or "F" ("A" and "K" depend on the
    run-time layout: refused)."""
    if order is None:
        return "C"
    if order not in ("C", "F", "c", "f"):
        raise error(loc, f"order={order!r} is not supported here", "use order='C' or 'F'",
                    E_UNSUPPORTED_CALL)
    return order.upper()


def _ravel(tr, a, order, loc):
    """ravel in C order, or in Fortran order: the transpose's C ravel (a view
    where NumPy gives one: a Fortran-contiguous a)."""
    if _order(order, loc) == "F":
        a = array_shapes.transpose(tr, a, None, loc)
    return ravel(tr, a, loc)


def _reshape(tr, a, shape, order, loc):
    """reshape in C order, or in Fortran order: reading and writing the
    elements with the first index fastest, i.e. the transpose reshaped to
    the reversed shape, transposed back (views where NumPy gives them)."""
    if _order(order, loc) == "C":
        return array_shapes.reshape(tr, a, shape, loc)
    t = array_shapes.reshape(tr, array_shapes.transpose(tr, a, None, loc), tuple(shape)[::-1],
                             loc, shown_reversed=True)
    return array_shapes.transpose(tr, t, None, loc)


def _known_args(args, kwargs) -> bool:
    """Only dtypes, types, strings and known numbers: NumPy can answer now."""
    ok = (np.dtype, type, str, int, float, bool)
    return all(isinstance(v, ok) or (type(v) is tuple and all(isinstance(x, ok) for x in v))
               for v in list(args) + list(kwargs.values()))


def _scalar(v) -> bool:
    """A Python number or bool, or a NumPy scalar (np.shape(x) is ())."""
    from . import npscalars
    return npscalars.is_np(v) or scalar_type(v) is not None
