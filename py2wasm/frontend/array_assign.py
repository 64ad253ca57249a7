"""Writing into NumPy arrays during tracing: `assign` (a value or lazy
expression stored into a view, with NumPy's broadcasting and casting rules and
a copy first when source and destination may overlap), `copy`, and
`scalar_to_dtype` (a Python or NumPy scalar converted to an array dtype with
NumPy's overflow errors).

Place in the pipeline: frontend value semantics, on top of arrays.py (views,
loop nests, elementwise expressions); used by indexing (`a[...] = v`), the
in-place operators and the NumPy functions that write into arrays.
"""
from __future__ import annotations

import numpy as np

from ..ir import BOOL, F64, I64
from ..ir.types import NARROW_INTS
from . import npscalars as nps
from .values import E_TYPE, error, is_complex, scalar_type, TraceRaise
from .arrays import (_C_LONG, _cx, _fmt_shape, _tn, Arr, band, bor, cast, check_weak_int,
                     check_writeable, dtype_of, element, Ew, FLOATS, ic, icmp, is_array, known,
                     loop_nest, materialize, Plan, store, strides_of)


def _roots(v, out):
    if isinstance(v, Arr):
        out.append(v.root)
    elif isinstance(v, Ew):
        for x in v.args:
            _roots(x, out)
    return out


def _same_view(a: Arr, b) -> bool:
    return isinstance(b, Arr) and a.dtype == b.dtype and a.ptr is b.ptr and \
        a.shape == b.shape and a.strides == b.strides and all(
            x is y or (known(x) and known(y) and x == y) for x, y in zip(a.shape, b.shape))


def _may_overlap(dest: Arr, v) -> bool:
    """Could computing `v` element by element read memory that writing `dest`
    has already changed? Only when they share a root, and v is not exactly the
    destination view read at the same index."""
    if isinstance(v, Arr):
        if _same_view(dest, v):
            return False
        return dest.root is None or v.root is None or dest.root == v.root
    if isinstance(v, Ew):
        return any(_may_overlap(dest, x) for x in v.args)
    return False


def assign(tr, dest: Arr, value, loc, *, casting="unsafe", ufunc=None, setitem=False):
    """dest[...] = value with broadcasting (NumPy's setitem/`out=` semantics).
    `setitem`: NumPy's `a[...] = v` and copyto, which drop the value's extra
    leading axes of length 1 (a ufunc's `out=` does not)."""
    fb = tr.fb
    check_writeable(fb, dest, "output array is read-only"  # a ufunc's out= says "output array"
                    if ufunc or casting == "same_kind" else "assignment destination is read-only",
                    loc)
    if setitem and is_array(value) and value.ndim > dest.ndim:
        value = drop_leading_units(tr, value, dest.shape, loc)
    if is_array(value):
        if _same_view(dest, value):
            return
        vshape = value.shape
        # value must broadcast to dest's shape
        if len(vshape) > dest.ndim:
            _broadcast_into_error(fb, vshape, dest.shape, loc, force=True)
        for vs, ds in zip(vshape[::-1], dest.shape[::-1]):
            if known(vs) and known(ds) and vs != 1 and vs != ds:
                _broadcast_into_error(fb, vshape, dest.shape, loc, force=True)
        bad = False
        for vs, ds in zip(vshape[::-1], dest.shape[::-1]):
            if known(vs) and vs == 1 or vs is ds:
                continue
            bad = bor(fb, bad, band(fb, icmp(fb, "ne", vs, 1), icmp(fb, "ne", vs, ds)))
        if bad is not False:
            _broadcast_into_error(fb, vshape, dest.shape, loc, cond=bad)
        if setitem and _may_overlap(dest, value):
            from . import assign_order
            if assign_order.applies(dest, value) and dest.readonly is not True:
                return assign_order.assign(tr, dest, value, loc)  # NumPy's element order
        if _may_overlap(dest, value):
            value = materialize(tr, value, loc, contiguous=True)
            if isinstance(value, Arr) and value.root == dest.root and value is not dest:
                value = copy(tr, value, loc)
        src = dtype_of(value)
    else:
        from .complex_scalars import is_npcx
        if scalar_type(value) is None and not nps.is_np(value) and not is_complex(value) \
                and not is_npcx(value):
            raise error(loc, f"assigning a {_tn(value)} to array elements is not supported",
                        "assign numbers or arrays", E_TYPE)
        src = None
    if casting == "same_kind" and is_array(value) or casting == "same_kind":
        s = value.dtype if is_array(value) else None
        if s is not None and not np.can_cast(s, dest.dtype, "same_kind"):
            raise error(loc, f"Cannot cast ufunc '{ufunc}' output from dtype('{s}') to "
                        f"dtype('{dest.dtype}') with casting rule 'same_kind'",
                        "use an explicit astype() or a new array", E_TYPE)
    scal = None
    if src is None:
        scal = scalar_to_dtype(tr, value, dest.dtype, loc)
    plan = Plan(fb, value, dest.shape) if src is not None else None
    dst = strides_of(fb, dest)

    def body(idx, cs):
        if src is None:
            v = scal
        else:
            v = cast(fb, element(tr, value, idx, plan, loc), src, dest.dtype, loc)
        store(fb, dest, idx, v, dst)
        return cs
    # parallel: a value sharing memory with dest was copied above unless it is
    # dest itself read at the same index (_may_overlap)
    loop_nest(fb, dest.shape, [], body, parallel=True)


def drop_leading_units(tr, value, dshape, loc):
    """`value` without its leading axes beyond `dshape`'s rank, which must be
    of length 1 (checked at run time where unknown): NumPy's setitem strips
    them one by one while the value has more axes than the destination and
    names the shape left in its ValueError (`(1,3)` into `(2,)` reads "from
    shape (3,)", `(1,2,2)` "from shape (2,2)", `(2,1,2)` "from shape
    (2,1,2)")."""
    fb = tr.fb
    vshape = value.shape
    extra = len(vshape) - len(dshape)
    ones = True  # every axis before j has length 1
    for j in range(extra):
        ne = icmp(fb, "ne", vshape[j], 1)
        stop = band(fb, ones, ne)  # axis j is the first not of length 1
        if stop is not False:
            _broadcast_into_error(fb, vshape[j:], dshape, loc, cond=stop)
        ones = band(fb, ones, icmp(fb, "eq", vshape[j], 1))
        if ones is False:
            break
    if not isinstance(value, Arr):
        value = materialize(tr, value, loc, contiguous=True)
    st = None if value.strides is None else value.strides[extra:]
    return Arr(value.dtype, value.ptr, vshape[extra:], st, value.root)


def _broadcast_into_error(fb, vshape, dshape, loc, cond=None, force=False):
    force = force or cond is True  # a mismatch known while tracing
    args: list = []
    msg = ("could not broadcast input array from shape " + _fmt_shape(vshape, args)
           + " into shape " + _fmt_shape(dshape, args))
    if force and not args:
        raise TraceRaise("ValueError", msg)
    if len(args) > 8:
        args, msg = [], "could not broadcast input array into the destination shape"
    c = fb.const(True) if force else cond
    fb.emit_multi("raise_if_fmt", [c] + [ic(fb, a) for a in args],
                  {"exc": "ValueError", "msg": msg}, loc=loc)


def scalar_to_dtype(tr, v, dtype, loc, *, np_astype=False):
    """A Python scalar stored into an array of `dtype` (NumPy's setitem:
    int() of a float for integer arrays, OverflowError outside the dtype). A
    NumPy scalar is cast like astype (C casts, no range check), except into
    a signed integer array, where NumPy converts a NumPy scalar of another
    type through a Python int as well (`int8_array[0] = np.int64(300)`
    raises OverflowError, `= np.float64(nan)` ValueError). `np_astype`: a
    NumPy scalar is cast like astype into every dtype (NumPy's writes
    through a boolean mask or an integer-array index)."""
    fb = tr.fb
    from .complex_scalars import is_npcx, to_dtype
    if _cx(dtype) or is_npcx(v):
        return to_dtype(tr, v, dtype, loc)
    if nps.is_np(v):
        sd = nps.dtype_name(v)
        if np_astype or dtype not in _SIGNED or sd in (dtype, "bool"):
            return cast(fb, nps.var_of(fb, v), sd, dtype, loc)
        if type(v) is not nps.NpScalar:
            v = v.item()  # the Python int or float
        elif sd in FLOATS:
            v = nps.as_float(fb, v, loc)
        else:
            if sd == "uint64":  # from 2**63 up: no C long
                fb.raise_if(fb.emit("lt", [v.var, fb.const(0, I64)]), "OverflowError", _C_LONG,
                            loc)
            v = v.var
    t = scalar_type(v)
    if known(v) and not isinstance(v, (bool, int, float)):  # e.g. a complex folded from constants
        try:
            (float if dtype in FLOATS else int if dtype != "bool" else bool)(v)
        except TypeError as e:  # NumPy's setitem raises the same TypeError at run time
            raise TraceRaise("TypeError", str(e)) from None
    if is_complex(v):
        raise error(loc, f"storing a complex into a {dtype} array is not supported",
                    "complex arrays are not supported yet: store z.real, z.imag or abs(z)",
                    E_TYPE)
    if dtype in FLOATS:
        x = v if t is F64 else (float(v) if known(v) else fb.emit("convert", [v], {"to": F64}))
        x = ic(fb, x) if not known(x) else fb.const(float(x), F64)
        return fb.emit("f32", [x]) if dtype == "float32" else x
    if dtype == "bool":
        if known(v):
            return fb.const(bool(v), BOOL)
        return v if t is BOOL else fb.emit("convert", [v], {"to": BOOL}, loc=loc)
    if t is F64:
        if known(v):
            try:
                v = int(v)
            except (ValueError, OverflowError) as e:
                raise TraceRaise(type(e).__name__, str(e)) from None
            if dtype == "uint64" and 2**63 <= v < 2**64:  # NumPy takes it: the bits
                return fb.const(v - 2**64, I64)
        elif dtype == "uint64":
            return _float_to_uint64(fb, ic(fb, v), loc)
        else:
            # NumPy's setitem: int(x) (NaN and inf raise like int()), then a C
            # long: finite floats outside int64 raise with CPython's wording
            x = ic(fb, v)
            top = 2.0**64 if dtype == "uint32" else 2.0**63
            big = fb.emit("and", [fb.emit("isfinite", [x]), fb.emit("or", [
                fb.emit("ge", [x, fb.const(top)]), fb.emit("lt", [x, fb.const(-2.0**63)])])])
            fb.raise_if(big, "OverflowError", _C_LONG, loc)
            if dtype == "uint32":  # an unsigned C long long: [2**63, 2**64) out of bounds
                fb.emit_multi("raise_if_fmt", [fb.emit("and", [fb.emit("isfinite", [x]), fb.emit(
                    "ge", [x, fb.const(2.0**63)])]), x], {
                    "exc": "OverflowError",
                    "msg": "Python integer {0:.0f} out of bounds for uint32", "kinds": ("float",)},
                    loc=loc)
            v = fb.emit("convert", [x], {"to": I64}, loc=loc)
    elif t is BOOL:
        v = int(v) if known(v) else fb.emit("convert", [v], {"to": I64})
    if known(v) and dtype in ("uint64", "uint32") and 2**63 <= v < 2**64:
        # NumPy converts to an unsigned C long long for these: uint64 takes
        # the bits, uint32 raises its out-of-bounds OverflowError
        check_weak_int(fb, v, dtype, loc)
        return fb.const(v - 2**64, I64)
    if known(v) and not -2**63 <= v < 2**63:
        raise TraceRaise("OverflowError", _C_LONG)
    if dtype in NARROW_INTS + ("uint64",):
        check_weak_int(fb, v, dtype, loc)
    return ic(fb, v) if not known(v) else fb.const(v, I64)
_SIGNED = ("int8", "int16", "int32", "int64")


def _float_to_uint64(fb, x, loc):
    """NumPy's setitem of a Python float into uint64: int(x) (NaN and inf
    raise like int()), then an unsigned C long long: [2**63, 2**64) is taken
    (as its bits), 2**64 and above raise with CPython's C long wording, and
    negative ints NumPy's out-of-bounds message."""
    two63 = fb.const(2.0**63)
    big = fb.emit("and", [fb.emit("isfinite", [x]), fb.emit("or", [
        fb.emit("ge", [x, fb.const(2.0**64)]), fb.emit("lt", [x, fb.const(-2.0**63)])])])
    fb.raise_if(big, "OverflowError", _C_LONG, loc)
    hi = fb.emit("and", [fb.emit("isfinite", [x]), fb.emit("ge", [x, two63])])
    low = fb.emit("convert", [fb.emit("select", [hi, fb.const(0.0), x])], {"to": I64}, loc=loc)
    check_weak_int(fb, low, "uint64", loc)
    top = fb.emit("wadd", [fb.emit("ftoi", [fb.emit("sub", [fb.emit("select", [hi, x, two63]),
                                                              two63])]),
                           fb.const(-2**63, I64)])
    return fb.emit("select", [hi, top, low])


def copy(tr, a, loc, order="C") -> Arr:
    """A fresh copy, C-contiguous or (order "K": `np.copy`, `np.array`,
    `astype`) laid out in the memory order of `a` (frontend/korder_layout.py)."""
    if isinstance(a, Ew):
        return materialize(tr, a, loc, order=order)
    return materialize(tr, Ew("astype", (a,), a.dtype, a.shape, (a.dtype,)), loc, order=order)
