"""`numpy.fft` expressions for `gen_array.ArrayGen` whose results come back
as real arrays (`--exclude npfft` leaves them out): `np.abs(np.fft.fft(a))`
and `np.fft.ifft(...)` real parts along an axis with a norm (bit for bit
with NumPy: pocketfft's complex plan is ported), the round trip
`np.fft.irfft(np.fft.rfft(a))` (to rounding: in the oracle the inner call
is `reference._r_fft_keep(a)`, which hands `a` on, and the outer one
`reference._r_fft_roundtrip`, which checks py2wasm's round trip against
NumPy's and takes py2wasm's value), `np.fft.fftfreq`/`rfftfreq` of a length (and a spacing), and
`np.fft.fftshift`/`ifftshift` of any array (exact).

The operands are the generator's arrays of every dtype; non-finite values
are replaced by 0 before a transform (np.where(np.isfinite(a), a, 0)), as
an inf in one element makes every output NaN, whose sign bit is not NumPy's
contract. Result types are NumPy's own (`gen_array.result_type`).
"""
from __future__ import annotations

import ast

import numpy as np

from .gen_array_more import _np_attr
from .gen_scalar import FLOAT, INT, L, const
from .program import T

_NORMS = ("backward", "ortho", "forward")


def _fft(fn, args, kws, t, **marks):
    node = ast.Call(_np_attr("fft", fn), list(args), list(kws))
    return T(node, t, **marks)


def _finite(g, a):
    """np.where(np.isfinite(a), a, 0) (bools and ints as they are)."""
    from .gen_array import A, np_call, result_type
    t = a._t
    if t[1] not in ("float64", "float32"):
        return a
    fin = np_call("isfinite", [a], A("bool", t[2]))
    rt = result_type(lambda x: np.where(np.isfinite(x), x, 0), t)
    return np_call("where", [fin, a, const(0, INT)], rt)


def extra_expr(g, d, want_nd):
    from .gen_array import A, np_call
    r = g.rng
    k = r.randrange(5)
    if k == 0:  # np.abs(np.fft.fft(a, axis=, norm=)) / np.fft.ifft(...).real
        a = g.arr_expr(d, want_nd)
        t = a._t
        if t[2] == 0:
            return None
        a = _finite(g, a)
        ax = r.choice([-1, 0]) if t[2] > 1 else -1
        kws = [ast.keyword("axis", const(ax, INT))] if r.random() < 0.5 else []
        if r.random() < 0.6:
            kws.append(ast.keyword("norm", T(ast.Constant(r.choice(_NORMS)), "str")))
        fn = r.choice(["fft", "ifft"])
        single = a._t[1] == "float32"  # NumPy: complex64 results, else complex128
        z = _fft(fn, [a], kws, ("arr", "complex64" if single else "complex128", t[2]))
        rt = A("float32" if single else "float64", t[2])
        if r.random() < 0.5:
            return np_call("abs", [z], rt)
        return T(ast.Attribute(z, "real", L), rt)
    if k == 1:  # the round trip through the real transforms (to rounding)
        a = g.arr_expr(d, want_nd)
        t = a._t
        if t[2] == 0:
            return None
        a = _finite(g, a)
        rt = A("float32" if a._t[1] == "float32" else "float64", t[2])
        inner = _fft("rfft", [a], [], ("arr", "complex", t[2]), refcall="_r_fft_keep")
        return _fft("irfft", [inner], [], rt, refcall="_r_fft_roundtrip")
    if k == 2 and want_nd in (None, 1):  # fftfreq / rfftfreq of a length
        n = g.arr_leaf()
        length = T(ast.Call(ast.Name("len", L), [n], []), INT)
        fn = r.choice(["fftfreq", "rfftfreq"])
        args = [length]
        if r.random() < 0.5:
            args.append(const(r.choice([0.1, 1.0, 2.5, 1e-3]), FLOAT))
        return _fft(fn, args, [], A("float64", 1))
    # fftshift / ifftshift (exact, any dtype)
    a = g.arr_expr(d, want_nd)
    t = a._t
    if t[2] == 0:
        return None
    kws = []
    if t[2] > 1 and r.random() < 0.5:
        kws.append(ast.keyword("axes", const(r.choice([0, -1]), INT)))
    return _fft(r.choice(["fftshift", "ifftshift"]), [a], kws, t)
