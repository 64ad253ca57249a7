"""Comparisons of integer arrays with Python ints outside the dtype's range.

Place in the pipeline: frontend, called by `arrays.ufunc_node` for the six
comparison ufuncs. NEP 50 makes a Python int operand take the array's
integer dtype, and NumPy 2 raises OverflowError when it does not fit
(`uint8_array + 300`), but comparisons are exempt: `uint8_array == -1` is
all False, `int32_array < 2**31` all True, also for a run-time int. Here:
- a known int beyond the dtype's range becomes the dtype's extreme with a
  comparison that gives the same (constant) answer for every element, so
  the loop stays in the array's own dtype (`a < 300` on uint8 is
  `a <= 255`);
- a run-time int (an i64 value) is compared in int64 whenever the dtype's
  range is inside int64's, which is exact; against uint64 it is compared as
  max(v, 0) in uint64, and a negative v gives the constant answer
  (`uint64_against_runtime_int`).
"""
from __future__ import annotations

import numpy as np

from ..ir import BOOL, I64, Var
from .values import scalar_type

COMPARISONS = {np.less: np.greater, np.less_equal: np.greater_equal, np.equal: np.equal,
               np.not_equal: np.not_equal, np.greater: np.less,
               np.greater_equal: np.less_equal}  # each with its mirror (operands swapped)

# array <op> v, v above the dtype's maximum hi: (op against hi) with the same answer
_ABOVE = {np.less: np.less_equal, np.less_equal: np.less_equal, np.greater: np.greater,
          np.greater_equal: np.greater, np.equal: np.greater, np.not_equal: np.less_equal}
# array <op> v, v below the dtype's minimum lo: (op against lo) with the same answer
_BELOW = {np.less: np.less, np.less_equal: np.less, np.greater: np.greater_equal,
          np.greater_equal: np.greater_equal, np.equal: np.less, np.not_equal: np.greater_equal}


def _is_py_int(v) -> bool:
    return not hasattr(v, "dtype") and type(v) is not bool and scalar_type(v) is I64


def exact_int_comparison(ufunc, operands, loops):
    """(ufunc, operands, loops) of a comparison that is exact for an
    out-of-range Python int operand, and whether that operand still needs
    NumPy's range check (never, for comparisons: always False after this).
    Unchanged when no operand is a Python int against an integer loop."""
    if ufunc not in COMPARISONS or len(operands) != 2:
        return ufunc, operands, loops, True
    dt = loops[0]
    if np.dtype(dt).kind not in "iu" or loops[0] != loops[1]:
        return ufunc, operands, loops, True
    x, y = operands
    arr = y if _is_py_int(x) else x
    if not (_is_py_int(x) or _is_py_int(y)) or not hasattr(arr, "dtype") or \
            np.dtype(arr.dtype).kind not in "iu":
        # NumPy's exemption is for integer arrays: a bool array compares in
        # int64, where the int must fit (else OverflowError, as for arithmetic)
        return ufunc, operands, loops, True
    if _is_py_int(x):  # v op a is a (mirror op) v
        ufunc, x, y = COMPARISONS[ufunc], y, x
    info = np.iinfo(dt)
    if isinstance(y, int):  # known when compiling
        if y > info.max:
            return _ABOVE[ufunc], (x, int(info.max)), loops, False
        if y < info.min:
            return _BELOW[ufunc], (x, int(info.min)), loops, False
        return ufunc, (x, y), loops, False
    if info.min >= -2**63 and info.max <= 2**63 - 1:
        return ufunc, (x, y), ("int64", "int64"), False  # exact in int64
    return ufunc, (x, y), loops, True


# array <op> v for a v below every uint64: the answer for every element
_BELOW_ZERO = {np.less: False, np.less_equal: False, np.equal: False, np.greater: True,
               np.greater_equal: True, np.not_equal: True}


def uint64_against_runtime_int(fb, ufunc, operands, loops):
    """A uint64 array compared with a run-time Python int (after
    `exact_int_comparison`, which puts the array first): the operands with
    the int clamped to >= 0, and (negative, answer): a bool Var, true when
    the int is negative, and the comparison's answer then. None when the
    comparison is not of that kind."""
    if ufunc not in _BELOW_ZERO or len(operands) != 2 or tuple(loops) != ("uint64", "uint64"):
        return None
    x, y = operands
    if not (isinstance(y, Var) and y.type is I64 and _is_py_int(y)) or not hasattr(x, "dtype"):
        return None
    neg = fb.emit("lt", [y, fb.const(0, I64)])
    clamped = fb.emit("select", [neg, fb.const(0, I64), y])
    return (x, clamped), neg, _BELOW_ZERO[ufunc]
