"""NumPy's ufuncs with two results: np.divmod (floor_divide and remainder:
NumPy's divmod loops compute the same two values, by zero and for
INT_MIN // -1 too), np.modf (fractional and integral parts) and np.frexp
(mantissa and int32 exponent), on arrays and scalars.

Place in the pipeline: frontend value semantics; `nplib.call` hands a
ufunc with two outputs here. Each result is its own lazy elementwise
expression (`arrays.Ew` with the op `modf.frac`, `modf.int`, `frexp.m`,
`frexp.e`, computed by `ufuncs_extra`) over the same operands and NumPy's
loop dtypes; scalar operands give a tuple of NumPy scalars. `out=` and the
other keywords are refused with a located CompileError.

Also `signbit_args`: np.signbit of an int8/uint8/bool array, whose NumPy loop
is float16 (not a py2wasm dtype), takes the array as float32 (exact for
those values, and the result is a bool either way).
"""
from __future__ import annotations

import numpy as np

from . import arrays as A
from . import npscalars as nps
from .values import E_TYPE, E_UNSUPPORTED_CALL, error

_PARTS = {"modf": ("modf.frac", "modf.int"), "frexp": ("frexp.m", "frexp.e")}


def call(tr, fn, args, kwargs, loc):
    name = fn.__name__
    if name != "divmod" and name not in _PARTS:
        raise error(loc, f"numpy.{name} is not supported", "see the supported NumPy subset",
                    E_UNSUPPORTED_CALL)
    if kwargs or len(args) != fn.nin:
        raise error(loc, f"numpy.{name} takes {fn.nin} argument(s) and no keywords here "
                    f"({len(args)} given{', keywords ' + ', '.join(kwargs) if kwargs else ''})",
                    "assign the two results: q, r = np." + name + "(...)",
                    E_TYPE if not kwargs else E_UNSUPPORTED_CALL)
    from .npfuncs_create import as_array
    args = [as_array(tr, a, loc) if isinstance(a, tuple) else a for a in args]
    if name == "divmod":
        from . import nplib
        return (nplib.call(tr, np.floor_divide, args, {}, loc),
                nplib.call(tr, np.remainder, args, {}, loc))
    ops = _PARTS[name]
    if not any(A.is_array(a) for a in args):
        return _scalars(tr.fb, fn, ops, args, loc)
    node = A.ufunc_node(tr, fn, args, loc)
    outs = (node.dtype, "int32" if name == "frexp" else node.dtype)
    return tuple(A.scalar_if_0d(tr, A.Ew(op, node.args, dt, node.shape, node.loop), loc)
                 for op, dt in zip(ops, outs))


def _scalars(fb, fn, ops, operands, loc):
    from ..ir import Var
    from .ufuncs_extra import apply
    if all(not isinstance(v, (Var, nps.NpScalar)) for v in operands):
        return nps._fold(fn, tuple(operands), loc)
    loops, res = nps.loop_for(fn, operands, loc)
    vals = []
    for v, dt in zip(operands, loops):
        if nps.is_np(v):
            x, src = nps.var_of(fb, v), nps.dtype_name(v)
        else:
            t = A.scalar_type(v)
            x, src = (v if isinstance(v, Var) else fb.const(v, t)), nps._PY_DTYPE[t]
        vals.append(A.cast(fb, x, src, dt, loc))
    outs = (res, "int32" if fn.__name__ == "frexp" else res)
    return tuple(nps.NpScalar(dt, apply(fb, op, loops, dt, vals, loc))
                 for op, dt in zip(ops, outs))


def signbit_args(args):
    if len(args) == 1 and A.is_array(args[0]) and args[0].dtype in ("int8", "uint8", "bool"):
        return [A.astype_node(args[0], "float32")]
    return args
