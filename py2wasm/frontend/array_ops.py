"""Python operators on NumPy arrays during tracing: `+ - * / // % ** @`,
comparisons, unary operators and in-place forms as lazy elementwise
expressions (`arrays.Ew`), `bool(a)`, and `for v in a` iteration.

Place in the pipeline: frontend value semantics; `operators` hands every
binary, compare and unary operation with an array operand here, and the
iteration opcodes hand `iter(a)` here. Builds on arrays.py (ufunc nodes,
materialize) and array_assign.py (in-place stores).
"""
from __future__ import annotations

import numpy as np

from ..ir import BOOL, F64, I64, Var
from .iterators import RangeIter
from . import npscalars as nps
from .values import E_TYPE, error, is_complex, scalar_type, TraceRaise
from .array_assign import assign
from .arrays import (_cx, _fmt_shape, _tn, Arr, ArrIter, astype_node, bnot, bor, broadcast_shapes,
                     cast, check_writeable, FLOATS, iadd, ic, icmp, imul, is_array, known, load,
                     loop_dtypes, materialize, shape_of, size_of, strides_of, ufunc_node, where_node)


# --- Python operators on arrays ------------------------------------------------------------

BINARY_UFUNCS = {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide,
                 "//": np.floor_divide, "%": np.remainder, "**": np.power, "&": np.bitwise_and,
                 "|": np.bitwise_or, "^": np.bitwise_xor, "<<": np.left_shift,
                 ">>": np.right_shift}
COMPARE_UFUNCS = {"<": np.less, "<=": np.less_equal, "==": np.equal, "!=": np.not_equal,
                  ">": np.greater, ">=": np.greater_equal}
UNARY_UFUNCS = {"-": np.negative, "+": np.positive, "~": np.invert}


def _operand(tr, v, loc):
    from .complex_scalars import is_npcx
    if is_array(v) or scalar_type(v) is not None or nps.is_np(v) or is_complex(v) \
            or is_npcx(v):
        return v
    if isinstance(v, tuple):
        from .npfuncs_create import array_from
        return array_from(tr, v, None, loc)
    raise error(loc, f"an array operation with a {_tn(v)} is not supported",
                "combine arrays with arrays or numbers", E_TYPE)


def binary(tr, op, a, b, loc):
    if op == "@":
        if (is_array(a) and _cx(a.dtype)) or (is_array(b) and _cx(b.dtype)):
            from .complex_calls import dot
            return dot(tr, a, b, loc, "matmul")
        from .npfuncs_linalg import matmul
        return matmul(tr, a, b, loc)
    if op not in BINARY_UFUNCS:
        raise error(loc, f"operator {op} on arrays is not supported", "", E_TYPE)
    if op == "**" and is_array(a) and _cx(a.dtype):
        from .complex_calls import power
        return power(tr, a, b, loc)
    if op == "**" and is_array(a) and type(b) in (int, float) and b in (2, 0.5, -1, 1) \
            and (a.dtype in FLOATS or type(b) is int and b in (1, 2)) \
            and not (a.dtype == "bool" and b == 1):  # NumPy: bool ** 1 is power's int64
        # NumPy's fast scalar powers: square, sqrt, reciprocal, positive (same values
        # as its fast path, which differ from pow() in the last bit)
        fast = {2: np.square, 0.5: np.sqrt, -1: np.reciprocal, 1: np.positive}[b]
        node = ufunc_node(tr, fast, [a], loc)
        if a.dtype == "bool":  # np.square's own dtype: int8 (np.power's is int64)
            return node
        want = loop_dtypes(np.power, [a, b], loc)[1]
        return node if node.dtype == want else astype_node(node, want)
    if op == "**" and is_array(a) and isinstance(b, Var) and b.type in (I64, F64):
        return _runtime_scalar_power(tr, a, b, loc)
    return ufunc_node(tr, BINARY_UFUNCS[op], [_operand(tr, a, loc), _operand(tr, b, loc)],
                      loc)


def _runtime_scalar_power(tr, a, b: Var, loc):
    """array ** a run-time Python scalar. NumPy's operator looks at the
    exponent's value: 2 is np.square (on bool arrays: int8), and on float
    arrays -1 is np.reciprocal and 0.5 is np.sqrt (sqrt(-0.0) is -0.0 and
    sqrt(-inf) nan, where pow gives 0.0 and inf). Each fast path is selected
    by value here, element by element, in the same fused loop."""
    if b.type is I64 and a.dtype == "bool":
        raise error(loc, "a bool array ** a run-time int is not supported: NumPy's result "
                    "dtype depends on the value (int8 for 2, int64 otherwise)",
                    "write a constant exponent, or astype() the array first", E_TYPE)
    node = ufunc_node(tr, np.power, [a, b], loc)
    if a.dtype not in FLOATS:
        return node
    fb = tr.fb
    for k, fast in ([(0.5, np.sqrt)] if b.type is F64 else [(2, np.square), (-1, np.reciprocal)]):
        is_k = fb.emit("eq", [b, fb.const(k, b.type)])
        node = where_node(tr, is_k, ufunc_node(tr, fast, [a], loc), node, loc)
    return node


def compare(tr, op, a, b, loc):
    return ufunc_node(tr, COMPARE_UFUNCS[op], [_operand(tr, a, loc), _operand(tr, b, loc)],
                      loc)


def unary(tr, op, a, loc):
    if op == "not":
        return bnot(tr.fb, truth(tr, a, loc))
    return ufunc_node(tr, UNARY_UFUNCS[op], [a], loc)


def inplace(tr, op, a: Arr, b, loc):
    """a op= b: computed into a's memory (NumPy's same_kind casting)."""
    if op == "@":
        raise error(loc, "in-place matrix multiplication (@=) is not supported",
                    "write a = a @ b", E_TYPE)
    fb = tr.fb
    check_writeable(fb, a, "output array is read-only", loc)
    broadcast_shapes(fb, [a.shape, shape_of(b), a.shape], loc)  # NumPy lists `out` too
    node = binary(tr, op, a, b, loc)
    if node.dtype != a.dtype and not np.can_cast(node.dtype, a.dtype, "same_kind"):
        raise error(loc, f"Cannot cast ufunc '{node.op}' output from dtype('{node.dtype}') to "
                    f"dtype('{a.dtype}') with casting rule 'same_kind'",
                    "NumPy raises UFuncTypeError here; use a = a op b or astype()", E_TYPE)
    # the result must have a's shape (NumPy: non-broadcastable output operand)
    fb = tr.fb
    bad = len(node.shape) > a.ndim  # NumPy drops no leading axes of length 1 here
    for ns, as_ in zip(node.shape[::-1], a.shape[::-1]):
        if ns is as_:
            continue
        bad = bor(fb, bad, icmp(fb, "ne", ns, as_))
    if bad is not False:
        args: list = []
        msg = ("non-broadcastable output operand with shape " + _fmt_shape(a.shape, args)
               + " doesn't match the broadcast shape " + _fmt_shape(node.shape, args))
        if len(args) > 8:
            args, msg = [], "non-broadcastable output operand"
        if bad is True:
            if not args:
                raise TraceRaise("ValueError", msg)
            bad = fb.const(True)
        fb.emit_multi("raise_if_fmt", [bad] + [ic(fb, x) for x in args],
                      {"exc": "ValueError", "msg": msg}, loc=loc)
    assign(tr, a, node, loc)
    return a


def truth(tr, v, loc):
    """bool(array): only for one element (NumPy's ValueError otherwise)."""
    fb = tr.fb
    a = materialize(tr, v, loc)
    n = size_of(fb, a)
    bad = icmp(fb, "ne", n, 1)
    msg = ("The truth value of an array with more than one element is ambiguous. "
           "Use a.any() or a.all()")
    if bad is True:
        raise TraceRaise("ValueError", msg if not (known(n) and n == 0) else
                         "The truth value of an empty array is ambiguous. Use `array.size > 0`"
                         " to check that an array is not empty.")
    if bad is not False:
        empty = icmp(fb, "eq", n, 0)
        if empty is not False:  # NumPy 2 names the empty case
            fb.raise_if(empty, "ValueError", "The truth value of an empty array is ambiguous. "
                        "Use `array.size > 0` to check that an array is not empty.", loc)
        fb.raise_if(bad, "ValueError", msg, loc)
    x = load(fb, a, [0] * a.ndim)
    if _cx(a.dtype):
        return cast(fb, x, a.dtype, "bool", loc)
    return x if x.type is BOOL else fb.emit("convert", [x], {"to": BOOL})


# --- iteration --------------------------------------------------------------------------------

def get_iter(tr, v, loc):
    a = materialize(tr, v, loc)
    if a.ndim == 0:
        raise TraceRaise("TypeError", "iteration over a 0-d array")
    return ArrIter(a, RangeIter(0, a.shape[0], 1))


def iter_item(tr, a: Arr, i, loc):
    """a[i] for a known-in-bounds i (no check)."""
    fb = tr.fb
    st = strides_of(fb, a)
    ptr = iadd(fb, a.ptr, imul(fb, imul(fb, i, st[0]), a.itemsize))
    if a.ndim == 1 and _cx(a.dtype):
        from .complex_scalars import element_scalar
        return element_scalar(fb, a.dtype, ic(fb, ptr), loc)
    if a.ndim == 1:
        return nps.NpScalar(a.dtype, fb.emit("load", [ic(fb, ptr)], {"dtype": a.dtype}, loc=loc))
    return Arr(a.dtype, ptr, a.shape[1:], None if a.strides is None else st[1:], a.root,
               a.c_order, a.readonly)
