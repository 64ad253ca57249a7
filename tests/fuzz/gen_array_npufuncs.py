"""NumPy's less common ufuncs for `gen_array.ArrayGen` (ninth session,
py2wasm/frontend/ufuncs_extra.py, ufuncs_multi.py, npfuncs_ufunclike.py):
np.copysign heaviside nextafter ldexp gcd lcm fmod divmod (one of its two
results) on two operands (arrays, or an array and a run-time scalar),
np.signbit spacing cbrt fix modf frexp (one result) on one, exp2, float_power
and sinc (checked within the oracle's ulp bound: `_np_` reference calls),
and np.ptp(a, axis=-1, keepdims=True). `--exclude npufuncs` leaves them out.
logaddexp/logaddexp2 are not generated: NumPy's formula cancels near a zero
result, so an ulp of its log1p is many ulps of the result (their unit tests
bound the error by the operands' ulp instead).

Result types are NumPy's own (`gen_array.result_type`); what NumPy rejects
for every value is not generated.
"""
from __future__ import annotations

import ast

import numpy as np

from .gen_scalar import FLOAT, INT, const

_UNARY = ("signbit", "spacing", "cbrt", "modf", "frexp", "exp2", "sinc", "ptp", "fix")
_BINARY = ("copysign", "heaviside", "nextafter", "ldexp", "gcd", "lcm", "divmod",
           "float_power", "fmod")
_LIBM = ("exp2", "float_power", "sinc")  # within the oracle's ulp bound


def _fn(f, part):
    if f == "ptp":
        return lambda x: np.ptp(x, axis=-1, keepdims=True)
    fn = getattr(np, f)
    return fn if part is None else (lambda *a: fn(*a)[part])


def extra_expr(g, d, want_nd):
    from .gen_array import np_call, result_type
    r = g.rng
    f = r.choice(_UNARY + _BINARY)
    a = g.arr_expr(d, want_nd)
    args = [a]
    if f in _BINARY:
        if f == "ldexp":
            b = g.arr_expr(d, a._t[2]) if r.random() < 0.5 else const(r.choice(
                [0, 1, -1, 3, -60, 1100, -1100]), INT)
        else:
            b = g.arr_expr(d, a._t[2]) if r.random() < 0.6 else g.expr(
                r.choice([INT, FLOAT]), 2)
        args.append(b)
    part = r.randrange(2) if f in ("modf", "frexp", "divmod") else None
    rt = result_type(_fn(f, part), *[x._t for x in args])
    if rt is None or rt[0] != "arr":
        return None
    kw = []
    if f == "ptp":
        kw = [ast.keyword("axis", const(-1, INT)), ast.keyword("keepdims", ast.Constant(True))]
    marks = {"refcall": "_np_" + f} if f in _LIBM and rt[1] in ("float64", "float32") else {}
    node = np_call(f, args, rt, kw, **marks)
    if part is not None:
        from .program import T
        node = T(ast.Subscript(node, const(part, INT), ast.Load()), rt)
    return node
