"""Python int literals beyond int64 meeting arrays (frontend/arrays.py
`check_weak_int`, `const_of`, `where_node`; array_assign.scalar_to_dtype),
compared with NumPy on every dtype: NumPy converts the int to a C long, and
for a uint64 loop to an unsigned C long long when that fails, so
[2**63, 2**64) is taken by uint64 arrays (its 64 bits) and by np.where of
any integer dtype (the bits cast like astype); floats take any size;
comparisons are exact; a uint32 loop converts that way too, then raises
NumPy's out-of-bounds OverflowError. Found by widening the array fuzzer (issue 13):
np.where(a > 0, a, 2**63) was an internal TypeError while compiling and
uint64_array + 2**63 an OverflowError."""
from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

import py2wasm

DTYPES = ["int8", "uint8", "int64", "uint64", "uint32", "uint16", "bool", "float32", "float64"]
# literals: a folded `2**64` is an int64 overflow in py2wasm (documented), a literal is a value
BIG = ["9223372036854775808", "18446744073709551615", "18446744073709551616",
       "1180591620717411303424"]
EXPRS = ["a + {k}", "a == {k}", "a < {k}", "{k} >= a", "np.maximum(a, {k})",
         "np.where(a > 0, a, {k})", "np.where(a > 0, {k}, a)", "np.clip(a, 0, {k})"]
STMTS = ["a[0] = {k}", "a[:] = {k}", "a[a > 0] = {k}", "a += {k}", "a[1:] -= {k}", "a.fill({k})",
         "a[[0, 2]] = {k}"]


def _outcome(fn, a):
    a = a.copy()
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            return "value", fn(a), a
        except Exception as e:  # noqa: BLE001 - compared by type and message
            return "raise", (type(e), str(e)), a


def _same(x, y):
    if x[0] != y[0]:
        return False
    if x[0] == "raise":
        return x[1] == y[1] and np.array_equal(x[2], y[2])
    v, w = x[1], y[1]
    return v.dtype == w.dtype and np.array_equal(v, w) and np.array_equal(x[2], y[2])


def _check(src, dt):
    ns = {"np": np, "math": math}
    exec(compile(src, "<bigint>", "exec"), ns)
    a = np.array([0, 1, 2], dtype=dt)
    want = _outcome(ns["f"], a)
    got = _outcome(py2wasm.compile(ns["f"]), a)
    assert _same(want, got), (src, dt, want, got)


@pytest.mark.parametrize("k", BIG)
@pytest.mark.parametrize("expr", EXPRS)
@pytest.mark.parametrize("dt", DTYPES)
def test_big_int_operand_as_numpy(expr, k, dt):
    _check(f"def f(a):\n    return {expr.format(k=k)}\n", dt)


@pytest.mark.parametrize("k", BIG[:3])
@pytest.mark.parametrize("stmt", STMTS)
@pytest.mark.parametrize("dt", ["uint64", "uint32", "int64", "uint8", "float32"])
def test_big_int_stored_as_numpy(stmt, k, dt):
    _check(f"def f(a):\n    {stmt.format(k=k)}\n    return a\n", dt)
