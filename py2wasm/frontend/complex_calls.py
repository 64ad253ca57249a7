"""NumPy functions, array methods and attributes where complex values take
part: the supported subset, and a located CompileError for the rest.

Place in the pipeline: frontend value semantics, called by `calls`
(`_array_call`: any NumPy function or array method with a complex array, a
complex scalar or a complex dtype among its arguments) and by the tracer's
attribute lookup (`opcodes_attrs`) for complex arrays. Every such call comes here
first, so code written for real arrays never sees a complex one by accident.

Supported (NumPy 2's results, see docs/arrays.md "Complex arrays"):
- creation: zeros ones empty full and their *_like, array/asarray of numbers
  or arrays, copy, astype, np.complex128(x)/np.complex64(x) and (re, im);
- views and layout: reshape ravel flatten transpose .T, `a.real`/`a.imag`
  (views of the part dtype, writable), indexing and slicing (arrays.py);
- ufuncs: complex_arrays.UFUNCS (+ - * / negative conjugate absolute square
  exp log sqrt sin cos tan sinh cosh tanh log10 arc* == != isnan isinf
  isfinite), np.real np.imag np.conj np.conjugate np.abs np.angle;
- reductions over every axis: sum (NumPy's pairwise summation, to the
  bit), mean, prod;
- np.dot / @ / a.dot / np.vdot of 1-D and 2-D arrays (straightforward
  loops: NumPy calls BLAS there, results agree within rounding).
"""
from __future__ import annotations

from typing import Any

import numpy as np

from ..ir import F64, I64, Var
from .complex_arrays import CX_PART, UFUNCS, C, complex_dtype_for, multiply, divide
from .complex_scalars import CX_TYPES, NpCx, construct, is_npcx, make, parts, ufunc as scalar_ufunc
from .values import E_TYPE, E_UNSUPPORTED_CALL, Cx, error, is_complex

_CX_NAMES = ("complex128", "complex64")
# functions that move, join or difference complex elements without other
# arithmetic than + - * (tests/arrays/test_complex_movement.py: bit for bit)
MOVEMENT = ("concatenate", "stack", "vstack", "hstack", "column_stack", "dstack", "flip",
            "fliplr", "flipud", "roll", "rot90", "diff", "outer", "kron", "trapezoid",
            "atleast_1d", "atleast_2d", "atleast_3d", "squeeze", "broadcast_to", "append",
            "split", "array_split", "delete")
_SAFE_NPLIB = frozenset(("zeros", "ones", "empty", "full", "zeros_like", "ones_like",
                         "empty_like", "full_like", "copy", "reshape", "transpose", "ravel",
                         "shape", "size", "ndim", "ascontiguousarray", "diagonal", "trace",
                         "swapaxes", "moveaxis", "isclose", "allclose")) | frozenset(MOVEMENT)
# ordering, selection and boolean tests: complex_order
ORDER_FUNCTIONS = frozenset(("max", "min", "amax", "amin", "argmax", "argmin", "sort", "argsort",
                             "where", "nonzero", "count_nonzero", "argwhere", "any", "all",
                             "flatnonzero"))
ORDER_METHODS = frozenset(("max", "min", "argmax", "argmin", "sort", "argsort", "nonzero",
                           "any", "all"))
METHODS = frozenset(("sum", "prod", "mean", "conj", "conjugate", "copy", "astype", "reshape",
                     "ravel", "flatten", "transpose", "dot", "fill", "item", "cumsum",
                     "cumprod", "diagonal", "trace", "swapaxes", "repeat", "take", "var",
                     "std")) | ORDER_METHODS
_HINT = ("supported with complex values: zeros ones empty full (*_like) array asarray copy "
         "astype reshape ravel transpose real imag conj abs angle exp log sqrt sin cos tan "
         "sinh cosh tanh + - * / ** power == != < <= > >= maximum minimum sum prod mean cumsum "
         "cumprod diagonal trace swapaxes moveaxis max min argmax argmin sort argsort where nonzero any all dot vdot @")


def _is_cx_array(v) -> bool:
    from .arrays import is_array
    return is_array(v) and v.dtype in CX_PART


def _is_cx_dtype_spec(v) -> bool:
    if v is complex or v in CX_TYPES.values() or isinstance(v, (str, np.dtype)):
        try:
            return np.dtype(v).kind == "c"
        except Exception:  # noqa: BLE001 - any other string ("ij,jk->ik", "ortho"...)
            return False
    return False


def _cx_value(v) -> bool:
    from .arrays import ListLit, unlist
    if isinstance(v, ListLit):
        v = unlist(v)
    if type(v) is tuple:
        return any(_cx_value(x) for x in v)
    return _is_cx_array(v) or is_complex(v) or is_npcx(v) or _is_cx_dtype_spec(v)


def wants(fn, args, kwargs) -> bool:
    """Does this NumPy call involve complex values (and so come here)?"""
    if fn in CX_TYPES.values():
        return True
    # order="F" is an order, not complex64's type code
    return any(_cx_value(v) for v in list(args) + [v for k, v in kwargs.items() if k != "order"])


def _refuse(loc, what: str):
    raise error(loc, f"{what} with complex values is not supported", _HINT, E_UNSUPPORTED_CALL)


def _name(fn) -> str:
    return getattr(fn, "__name__", type(fn).__name__)


def call(tr, fn, args, kwargs, loc):
    """numpy.<fn>(*args, **kwargs) with complex values."""
    from . import arrays as A
    from . import npargs, npfuncs_create, nplib
    args = [A.unlist(a) for a in args]
    kwargs = {k: A.unlist(v) for k, v in kwargs.items()}
    name = _name(fn)
    if fn in CX_TYPES.values():
        dt = np.dtype(fn).name
        if len(args) == 1 and A.is_array(args[0]) and not kwargs:
            return A.astype_node(args[0], dt)
        return construct(tr, dt, args, kwargs, loc)
    if isinstance(fn, np.ufunc):
        if name not in UFUNCS:
            _refuse(loc, f"numpy.{name}")
        if kwargs or len(args) != fn.nin:
            raise error(loc, f"numpy.{name} with complex values takes {fn.nin} argument(s) "
                        "and no keywords here", "write out= forms as assignments",
                        E_UNSUPPORTED_CALL)
        args = [npfuncs_create.as_array(tr, a, loc) if isinstance(a, tuple) else a for a in args]
        if not any(A.is_array(a) for a in args):
            return scalar_ufunc(tr.fb, fn, args, loc, tr, scalar=False)
        return A.ufunc_node(tr, fn, args, loc)
    if name in ("real", "imag") and len(args) == 1 and not kwargs:
        return part(tr, args[0], name, loc)
    if name == "angle":
        b = npargs.bind(loc, name, args, kwargs, [("z", None), ("deg", False)])
        return angle(tr, b["z"], b["deg"], loc)
    if name in ("sum", "prod", "mean"):
        b = npargs.bind(loc, name, args, kwargs, [("a", None), ("axis", None),
                                                 ("keepdims", False)])
        return reduce(tr, name, b["a"], b["axis"], loc, b["keepdims"])
    if name in ("cumsum", "cumprod"):
        b = npargs.bind(loc, name, args, kwargs, [("a", None), ("axis", None)])
        return cumulative(tr, name, b["a"], b["axis"], loc)
    if name in ORDER_FUNCTIONS:
        from .complex_order import call as order_call
        return order_call(tr, name, args, kwargs, loc)
    if name == "sort_complex":  # of a complex array: a sorted copy (np.sort along -1)
        b = npargs.bind(loc, name, args, kwargs, [("a", None)])
        from .complex_order import call as order_call
        return order_call(tr, "sort", [b["a"]], {}, loc)
    if name in ("dot", "matmul", "vdot") and len(args) == 2 and not kwargs:
        return dot(tr, args[0], args[1], loc, name)
    if name in ("full", "full_like") and "dtype" not in kwargs and len(args) == 2:
        from .complex_scalars import scalar_dtype
        dt = scalar_dtype(args[1])
        if dt is not None:
            if name == "full_like":
                like = npfuncs_create.as_array(tr, args[0], loc)
                return npfuncs_create.full(tr, like.shape, args[1], dt, loc)
            return npfuncs_create.full(tr, args[0], args[1], dt, loc)
    if name in ("array", "asarray"):
        b = npargs.bind(loc, name, args, kwargs, [("a", None), ("dtype", None)])
        return array_from(tr, b["a"], b["dtype"], loc)
    if name in _SAFE_NPLIB:
        return nplib.call(tr, fn, args, kwargs, loc)
    from . import complex_select  # tile repeat take triu tril var std
    if name in complex_select.FUNCS and getattr(fn, "__module__", "") == "numpy":
        return complex_select.call(tr, name, args, kwargs, loc)
    module = getattr(fn, "__module__", None)   # numpy.linalg.eig, not numpy.eig
    _refuse(loc, f"{module if module in ('numpy.linalg', 'numpy.fft') else 'numpy'}.{name}()")


def attribute(tr, a, name, loc):
    """`a.name` on a complex array."""
    from . import npargs, nplib
    if name in ("real", "imag"):
        return part(tr, a, name, loc)
    if name in ("shape", "ndim", "size", "dtype", "T", "itemsize", "nbytes"):
        return nplib.attribute(tr, a, name, loc)
    if name in METHODS:
        return npargs.ArrayMethod(a, name)
    raise error(loc, f"attribute {name!r} of a complex array is not supported", _HINT,
                E_UNSUPPORTED_CALL)


def call_method(tr, m, args, kwargs, loc):
    """`a.name(...)` with `a` a complex array (or astype to a complex dtype)."""
    from . import arrays as A
    from . import npargs, npfuncs_create, nplib
    a, name = m.arr, m.name
    if name in ("conj", "conjugate") and not args and not kwargs:
        return A.ufunc_node(tr, np.conjugate, [a], loc)
    if name in ("sum", "prod", "mean"):
        b = npargs.bind(loc, name, args, kwargs, [("axis", None), ("keepdims", False)])
        return reduce(tr, name, a, b["axis"], loc, b["keepdims"])
    if name in ("cumsum", "cumprod"):
        b = npargs.bind(loc, name, args, kwargs, [("axis", None)])
        return cumulative(tr, name, a, b["axis"], loc)
    if name in ORDER_METHODS:
        from .complex_order import call_method as order_method
        return order_method(tr, a, name, args, kwargs, loc)
    if name == "dot" and len(args) == 1 and not kwargs:
        return dot(tr, a, args[0], loc, "dot")
    if name == "item" and not args and not kwargs:
        a = A.materialize(tr, a, loc)
        fb = tr.fb
        fb.raise_if(npfuncs_create.ic_bool(fb, A.icmp(fb, "ne", A.size_of(fb, a), 1)), "ValueError",
                    "can only convert an array of size 1 to a Python scalar", loc)
        z = A.load(fb, a, [0] * a.ndim)
        from .complexes import make as py_make
        return py_make(z.re, z.im)
    from . import complex_select
    if name in complex_select.METHODS and A.is_array(a) and a.dtype in CX_PART:
        return complex_select.call_method(tr, a, name, args, kwargs, loc)
    if name in METHODS and A.is_array(a) and (a.dtype in CX_PART or name == "astype"):
        return nplib.call_method(tr, m, args, kwargs, loc)
    _refuse(loc, f"the array method {name}()")


def power(tr, a, b, loc):
    """complex array ** b as NumPy's `**` computes it: its fast scalar
    powers for an exact Python int 2 (np.square, the fused loop), int -1
    (np.reciprocal) and float 0.5 (np.sqrt); any other exponent (scalar or
    array, real or complex) is np.power (complex_power: NumPy's npy_cpow)."""
    from . import arrays as A
    if type(b) is int and b in (2, -1):
        return A.ufunc_node(tr, np.square if b == 2 else np.reciprocal, [a], loc)
    if type(b) is float and b == 0.5:
        return A.ufunc_node(tr, np.sqrt, [a], loc)
    if isinstance(b, tuple):
        from . import npfuncs_create
        b = npfuncs_create.as_array(tr, b, loc)
    node = A.ufunc_node(tr, np.power, [a, b], loc)
    if isinstance(b, Var) and b.type in (I64, F64):
        # a run-time Python int or float: NumPy's fast paths by its value
        fb = tr.fb
        fast = [(2, np.square), (-1, np.reciprocal)] if b.type is I64 else [(0.5, np.sqrt)]
        for value, uf in fast:
            alt = A.ufunc_node(tr, uf, [a], loc)
            if alt.dtype != node.dtype or alt.shape != node.shape:
                continue
            cond = fb.emit("eq", [b, fb.const(value, b.type)], loc=loc)
            node = A.Ew("where", (cond, alt, node), node.dtype, node.shape,
                        ("bool", node.dtype, node.dtype))
    return node


# --- parts, angle ------------------------------------------------------------------------------

def part(tr, v, name: str, loc):
    """np.real / np.imag / .real / .imag: views of a complex array's parts
    (NumPy's views: writes go through), the part of an expression, a real
    array itself (real) or zeros (imag)."""
    from . import arrays as A
    from . import npscalars as nps
    fb = tr.fb
    if is_npcx(v) or is_complex(v):
        if is_complex(v):
            re, im = (v.real, v.imag) if type(v) is complex else (v.re, v.im)
            return float(re if name == "real" else im) if not isinstance(
                re if name == "real" else im, Var) else (re if name == "real" else im)
        from .complex_scalars import attribute as sattr
        return sattr(fb, v, name, loc)
    if not A.is_array(v):
        if name == "real" and (nps.is_np(v) or A.scalar_type(v) is not None):
            return v
        if nps.is_np(v):
            return nps.make(nps.dtype_name(v), 0)
        if A.scalar_type(v) is not None:
            t = A.scalar_type(v)
            return fb.const(0, t) if isinstance(v, Var) else type(v)(0)
        raise error(loc, f"numpy.{name} of a {type(v).__name__} is not supported", "", E_TYPE)
    if v.dtype not in CX_PART:
        if name == "real":
            return v
        from .npfuncs_create import full
        return full(tr, v.shape, 0, v.dtype, loc)
    pdt = CX_PART[v.dtype]
    if isinstance(v, A.Arr):
        st = A.strides_of(fb, v)
        half = A._itemsize(pdt)
        ptr = v.ptr if name == "real" else A.iadd(fb, v.ptr, half)
        return A.Arr(pdt, ptr, v.shape, tuple(A.imul(fb, s, 2) for s in st), v.root)
    return A.Ew("cx." + name, (v,), pdt, v.shape, (v.dtype,))


def angle(tr, z, deg, loc):
    """np.angle: arctan2(z.imag, z.real) (times 180/pi when deg)."""
    from . import arrays as A
    if type(deg) is not bool:
        raise error(loc, "numpy.angle's deg= must be a known bool", "", E_TYPE)
    if A.is_array(z):
        re, im = part(tr, z, "real", loc), part(tr, z, "imag", loc)
        r = A.ufunc_node(tr, np.arctan2, [im, re], loc)
        if deg:
            r = A.ufunc_node(tr, np.multiply, [r, 180 / np.pi], loc)
        return r
    re, im = part(tr, z, "real", loc), part(tr, z, "imag", loc)
    from . import npscalars as nps
    if not nps.is_np(re):
        re, im = np.float64(re) if not isinstance(re, Var) else nps.NpScalar("float64", re), \
            np.float64(im) if not isinstance(im, Var) else nps.NpScalar("float64", im)
    r = nps.apply_ufunc(tr.fb, np.arctan2, [im, re], loc)
    if deg:
        r = nps.apply_ufunc(tr.fb, np.multiply, [r, 180 / np.pi], loc)
    return r


# --- creation ----------------------------------------------------------------------------------

def array_from(tr, v, dtype, loc):
    """np.array/np.asarray of (nested tuples of) numbers, some complex, or of
    an array, with an optional dtype."""
    from . import arrays as A
    from . import array_assign, npfuncs_create
    dt = None
    if dtype is not None:
        try:
            dt = np.dtype(dtype).name
        except TypeError:
            raise error(loc, f"dtype {dtype!r} is not understood", "", E_TYPE) from None
    if A.is_array(v):
        if dt is None or dt == v.dtype:
            return array_assign.copy(tr, v, loc)
        return array_assign.copy(tr, A.astype_node(v, dt), loc)
    if not isinstance(v, tuple):
        raise error(loc, "numpy.array of a complex scalar (a 0-d array) is not supported",
                    "use the number itself", E_TYPE)
    shape = []
    x = v
    while isinstance(x, tuple):
        shape.append(len(x))
        x = x[0] if x else None
    flat: list = []

    def walk(x, d):
        if d == len(shape):
            if isinstance(x, tuple) or A.is_array(x):
                raise error(loc, "numpy.array needs a rectangular nest of tuples of numbers",
                            "", E_TYPE)
            flat.append(x)
            return
        if not isinstance(x, tuple) or len(x) != shape[d]:
            raise error(loc, "numpy.array needs a rectangular nest of tuples of numbers", "",
                        E_TYPE)
        for y in x:
            walk(y, d + 1)
    walk(v, 0)
    if dt is None:
        kinds = []
        for y in flat:
            if is_npcx(y):
                kinds.append(np.dtype(y.dtype if type(y) is NpCx else type(y)))
            elif is_complex(y):
                kinds.append(np.dtype("complex128"))
            else:
                kinds.append(np.dtype(A.dtype_of(y)))
        dt = np.result_type(*kinds).name if kinds else "float64"
    if dt not in CX_PART:
        return npfuncs_create.array_from(tr, v, dt, loc)
    out = A.alloc(tr, dt, tuple(shape), loc)
    from .complex_arrays import store_at
    fb = tr.fb
    for k, y in enumerate(flat):
        store_at(fb, A.ic(fb, A.iadd(fb, out.ptr, k * out.itemsize)),
                 array_assign.scalar_to_dtype(tr, y, dt, loc), dt, loc)
    return out


# --- reductions --------------------------------------------------------------------------------

def _pairwise_fn(tr, dtype: str) -> str:
    """The IR function (ptr, n, stride) -> (re, im) summing n complex
    elements exactly as NumPy's complex pairwise_sum: below 4 elements a
    plain loop from 0.0; up to 64, four accumulators per part (the
    elements' indices mod 4); above, halves (the first a multiple of 4)."""
    from ..ir import FunctionBuilder
    from .arrays import loop
    name = f"__pairwise_sum_{dtype}"
    module = tr.mt.module
    if name in module.functions:
        return name
    part = CX_PART[dtype]
    half = 8 if part == "float64" else 4
    fb = FunctionBuilder(name, [I64, I64, I64], [F64, F64], param_hints=["ptr", "n", "stride"])
    fb.loc = tr.fb.loc
    p, n, s = fb.params

    def c(v):
        return fb.const(v, I64 if type(v) is int else F64)

    def add(x, y):
        r = fb.emit("add", [x, y])
        return fb.emit("f32", [r]) if part == "float32" else r

    def at(i):
        a = fb.emit("wadd", [p, fb.emit("wmul", [i, s])])
        return (fb.emit("load", [a], {"dtype": part}),
                fb.emit("load", [fb.emit("wadd", [a, c(half)])], {"dtype": part}))

    small, mid, big, blocks = fb.new_block(), fb.new_block(), fb.new_block(), fb.new_block()
    fb.cond_br(fb.emit("lt", [n, c(4)]), small, blocks)
    fb.set_block(blocks)
    fb.cond_br(fb.emit("le", [n, c(64)]), mid, big)
    fb.set_block(small)

    def step1(i, cs):
        re, im = at(i)
        return [add(cs[0], re), add(cs[1], im)]
    fb.ret(loop(fb, n, [c(0.0), c(0.0)], step1))
    fb.set_block(mid)
    r = []
    for j in range(4):
        r.extend(at(c(j)))
    nblk = fb.emit("wsub", [fb.emit("shr", [n, c(2)]), c(1)])

    def step4(q, cs):
        base = fb.emit("wmul", [fb.emit("wadd", [q, c(1)]), c(4)])
        out = list(cs)
        for j in range(4):
            re, im = at(fb.emit("wadd", [base, c(j)]))
            out[2 * j] = add(cs[2 * j], re)
            out[2 * j + 1] = add(cs[2 * j + 1], im)
        return out
    r = loop(fb, nblk, r, step4)
    rr = add(add(r[0], r[2]), add(r[4], r[6]))
    ri = add(add(r[1], r[3]), add(r[5], r[7]))
    start = fb.emit("wsub", [n, fb.emit("and", [n, c(3)])])

    def rest(i, cs):
        re, im = at(fb.emit("wadd", [start, i]))
        return [add(cs[0], re), add(cs[1], im)]
    fb.ret(loop(fb, fb.emit("and", [n, c(3)]), [rr, ri], rest))
    fb.set_block(big)
    n2 = fb.emit("wsub", [n, fb.emit("and", [n, c(7)])])
    n2 = fb.emit("shr", [n2, c(1)])
    x = fb.emit_multi("call", [p, n2, s], {"fn": name, "results": [F64, F64]})
    p2 = fb.emit("wadd", [p, fb.emit("wmul", [n2, s])])
    y = fb.emit_multi("call", [p2, fb.emit("wsub", [n, n2]), s],
                      {"fn": name, "results": [F64, F64]})
    fb.ret([add(x[0], y[0]), add(x[1], y[1])])
    module.add(fb.finish())
    return name


def reduce(tr, kind: str, a, axis, loc, keepdims=False):
    """sum / prod / mean of a complex array over `axis` (None: every axis):
    complex_reduce (NumPy's loops and order, to the bit)."""
    from . import npargs, npfuncs_create, nplib
    from .complex_reduce import reduce_axes
    a = npfuncs_create.as_array(tr, a, loc)
    if a.dtype not in CX_PART:
        kw = {} if axis is None else {"axis": axis}
        if keepdims is not False:
            kw["keepdims"] = keepdims
        return nplib.call(tr, getattr(np, kind), [a], kw, loc)
    axes = tuple(npargs.axis_arg(axis, a.ndim, loc))
    return reduce_axes(tr, kind, a, axes, keepdims, loc)


# --- dot / matmul ------------------------------------------------------------------------------

def dot(tr, a, b, loc, name: str):
    """np.dot / np.matmul / np.vdot (conjugates the first) of 1-D and 2-D
    operands, one of them complex: straightforward loops (sequential sums of
    NumPy's complex products)."""
    from . import arrays as A
    from . import array_shapes, npfuncs_create, npfuncs_linalg
    fb = tr.fb
    a, b = npfuncs_create.as_array(tr, a, loc), npfuncs_create.as_array(tr, b, loc)
    if name == "vdot":
        a = A.ufunc_node(tr, np.conjugate, [array_shapes.ravel(tr, a, loc)], loc) \
            if a.dtype in CX_PART else array_shapes.ravel(tr, a, loc)
        b = array_shapes.ravel(tr, b, loc)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2):
        raise error(loc, f"numpy.{name} of complex arrays is supported for 1-D and 2-D "
                    "operands", "", E_UNSUPPORTED_CALL)
    dt = np.result_type(np.dtype(a.dtype), np.dtype(b.dtype)).name
    if dt not in CX_PART:
        dt = complex_dtype_for(dt)
    a, b = A.materialize(tr, a, loc), A.materialize(tr, b, loc)
    ka = a.shape[-1]
    kb = b.shape[0] if b.ndim == 1 else b.shape[-2]
    if name == "matmul":  # NumPy's gufunc message
        npfuncs_linalg._core_check(fb, kb, ka, "matmul: Input operand 1 has a mismatch in its core "
                          "dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) "
                          "(size {0} is different from {1})", loc)
    else:
        npfuncs_linalg._not_aligned(fb, a, b, loc)
    oshape = tuple(a.shape[:-1]) + (tuple(b.shape[1:]) if b.ndim == 2 else ())
    c = C(fb, loc, dt)

    def el(arr, idx):
        return A.cast(fb, A.load(fb, arr, idx), arr.dtype, dt, loc)

    def total(oidx):
        ai = list(oidx[:a.ndim - 1])
        bj = list(oidx[a.ndim - 1:])

        def step(k, cs):
            x = el(a, ai + [k])
            y = el(b, [k] + bj)
            p = multiply(c, A_cx(x), A_cx(y), fused=False)
            re = c.add(cs[0], p.re)
            im = c.add(cs[1], p.im)
            return [_v(fb, re), _v(fb, im)]
        return A.loop(fb, ka, [fb.const(0.0), fb.const(0.0)], step)
    if not oshape:
        re, im = total([])
        return make(dt, re, im)
    out = A.alloc(tr, dt, oshape, loc)

    def body(idx, cs):
        re, im = total(idx)
        A.store(fb, out, idx, Cx(re, im))
        return cs
    A.loop_nest(fb, oshape, [], body)
    return out


def cumulative(tr, kind, a, axis, loc):
    from . import npfuncs_create, nplib
    from .complex_reduce import cumulative as cx_cumulative
    a = npfuncs_create.as_array(tr, a, loc)
    if a.dtype not in CX_PART:
        return nplib.call(tr, getattr(np, kind), [a], {} if axis is None else {"axis": axis},
                          loc)
    return cx_cumulative(tr, kind, a, axis, loc)


def A_cx(x):
    from .complex_arrays import as_cx
    return as_cx(x)


def _v(fb, x):
    return x if isinstance(x, Var) else fb.const(float(x), F64)


__all__ = ["wants", "call", "call_method", "attribute", "part", "reduce", "dot", "NpCx"]
