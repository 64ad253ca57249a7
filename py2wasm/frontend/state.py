"""Abstract frame states and their version keys, for block versioning.

Place in the pipeline: frontend-internal, used by the tracer (tracer.py) at
every control-flow join. A state is (locals, stack) of trace values. Its key
decides which IR block a jump goes to: numeric values (known or symbolic,
NumPy scalars included) are keyed by type only and become block parameters; tuples are keyed
structurally; iterators by their structure; other known objects by identity.
"""
from __future__ import annotations

from typing import Any

from ..ir import Var
from .arrays import Arr, ArrIter, array_leaves, array_rebuild, key_of_array
from .iterators import RangeIter, SymRange, TupleIter
from ..ir.types import COMPLEX
from .npscalars import compute_value, dtype_name, is_np, make
from .values import Cx, NpScalar, is_complex, scalar_type
from .complex_scalars import dtype_name as cx_dtype, is_npcx, make as cx_make, parts as cx_parts


class _Null:
    """The NULL the interpreter pushes for calls (PUSH_NULL, LOAD_GLOBAL)."""
    def __repr__(self):
        return "NULL"


NULL = _Null()


class _Unbound:
    def __repr__(self):
        return "<unbound>"


UNBOUND = _Unbound()


class Static:
    """A known number passed to library code (py2wasm.linalg) that must stay
    known inside it: not a leaf (no parameter), keyed by its value, unwrapped
    by the callee's tracer. `np.linalg.matrix_power(a, 3)` thus traces the
    power's loop for 3, and `ord=2` picks its case when compiling."""
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


def key_of(v: Any):
    if isinstance(v, Static):
        return ("s", type(v.value), v.value)
    t = scalar_type(v)
    if t is not None:
        return t
    if is_np(v):  # NumPy scalars, known or not, by dtype (one block parameter)
        return ("np", dtype_name(v))
    if is_npcx(v):  # NumPy complex scalars: two block parameters
        return ("npcx", cx_dtype(v))
    if is_complex(v):  # its two parts become block parameters, like a pair of floats
        return COMPLEX
    if isinstance(v, (Arr, ArrIter)):
        return key_of_array(v, key_of)
    if isinstance(v, tuple):
        head = ("t",) if type(v) is tuple else ("t", type(v))  # namedtuples keep their type
        return head + tuple(key_of(x) for x in v)
    if isinstance(v, RangeIter):
        step = v.step if not isinstance(v.step, Var) else ("v",)
        return ("r", key_of(v.cur), key_of(v.stop), step if isinstance(step, tuple)
                else ("k", step))
    if isinstance(v, TupleIter):
        return ("ti", _const_key(v.items), v.pos)
    if isinstance(v, SymRange):
        return ("sr", key_of(v.start), key_of(v.stop), key_of(v.step))
    if v is None or isinstance(v, (str, bytes)):
        return ("k", type(v), v)
    if hasattr(type(v), "trace_key"):  # the protocol of other trace values (strings.FStr)
        return v.trace_key(key_of)
    if _is_made_closure(v):  # a lambda made in compiled code: its captured values
        return ("fn", id(v.__code__)) + tuple(key_of(c.cell_contents) for c in v.__closure__)
    return ("k", id(v))


def _is_made_closure(v) -> bool:
    """A function made by compiled code (lists_calls.comprehension: a lambda)
    with captured values: they are its leaves, so it can cross calls (passed
    to a helper that calls it) and joins like any value."""
    return getattr(v, "__py2wasm_comprehension__", False) and bool(v.__closure__)


def _rebuild_closure(v, it):
    import types
    cells = tuple(types.CellType(rebuild(c.cell_contents, it)) for c in v.__closure__)
    fn = types.FunctionType(v.__code__, v.__globals__, v.__name__, v.__defaults__, cells)
    fn.__py2wasm_comprehension__ = True
    return fn


# The items of a tuple iterator that are known numbers stay constants (keyed
# by value, not block parameters): the same tuple is walked on every
# iteration, and a loop over a long tuple of constants would otherwise carry
# every item through every unrolled block.

def _is_const(x) -> bool:
    return scalar_type(x) is not None and not isinstance(x, Var)


def _const_key(v):
    if _is_const(v):
        return ("c", type(v).__name__, repr(v))
    if type(v) is tuple:
        return ("t",) + tuple(_const_key(x) for x in v)
    return key_of(v)


def _var_leaves(v, out: list) -> list:
    if _is_const(v):
        return out
    if type(v) is tuple:
        for x in v:
            _var_leaves(x, out)
        return out
    return leaves(v, out)


def _rebuild_vars(v, it):
    if _is_const(v):
        return v
    if type(v) is tuple:
        return tuple(_rebuild_vars(x, it) for x in v)
    return rebuild(v, it)


def version_class(key):
    """A frame key with the positions of tuple iterators erased. The tracer
    limits the versions of a block per class: the versions of a loop over a
    tuple (one per position: the loop is unrolled, items may differ in type)
    are bounded by the tuple's length and do not count as type changes."""
    if type(key) is not tuple:
        return key
    if len(key) == 3 and key[0] == "ti" and type(key[2]) is int:
        return ("ti", version_class(key[1]), None)
    return tuple(version_class(k) for k in key)


def leaves(v: Any, out: list) -> list:
    """The numeric leaves (known numbers or Vars) of `v`, left to right, that
    become block parameters."""
    if scalar_type(v) is not None:
        out.append(v)
    elif type(v) is NpScalar:
        out.append(v.var)
    elif is_np(v):
        out.append(compute_value(v))
    elif is_npcx(v):
        out.extend(cx_parts(v))
    elif type(v) is complex:
        out.append(v.real)
        out.append(v.imag)
    elif type(v) is Cx:
        out.append(v.re)
        out.append(v.im)
    elif isinstance(v, (Arr, ArrIter)):
        array_leaves(v, leaves, out)
    elif isinstance(v, tuple):
        for x in v:
            leaves(x, out)
    elif isinstance(v, RangeIter):
        leaves(v.cur, out)
        leaves(v.stop, out)
        if isinstance(v.step, Var):
            out.append(v.step)
    elif isinstance(v, TupleIter):
        _var_leaves(v.items, out)
    elif isinstance(v, SymRange):
        for x in (v.start, v.stop, v.step):
            leaves(x, out)
    elif hasattr(type(v), "trace_leaves"):
        v.trace_leaves(leaves, out)
    elif _is_made_closure(v):
        for c in v.__closure__:
            leaves(c.cell_contents, out)
    return out


def rebuild(v: Any, it) -> Any:
    """`v` with its numeric leaves replaced, in order, by `next(it)`."""
    if scalar_type(v) is not None:
        return next(it)
    if is_np(v):
        return make(dtype_name(v), next(it))
    if is_npcx(v):
        re = next(it)
        return cx_make(cx_dtype(v), re, next(it))
    if is_complex(v):
        re = next(it)
        return Cx(re, next(it))
    if isinstance(v, (Arr, ArrIter)):
        return array_rebuild(v, rebuild, it)
    if isinstance(v, tuple):
        items = [rebuild(x, it) for x in v]
        return tuple(items) if type(v) is tuple else type(v)._make(items)
    if isinstance(v, RangeIter):
        cur = rebuild(v.cur, it)
        stop = rebuild(v.stop, it)
        step = next(it) if isinstance(v.step, Var) else v.step
        return RangeIter(cur, stop, step)
    if isinstance(v, TupleIter):
        return TupleIter(_rebuild_vars(v.items, it), v.pos)
    if isinstance(v, SymRange):
        return SymRange(rebuild(v.start, it), rebuild(v.stop, it), rebuild(v.step, it))
    if hasattr(type(v), "trace_rebuild"):
        return v.trace_rebuild(rebuild, it)
    if _is_made_closure(v):
        return _rebuild_closure(v, it)
    return v


class Frame:
    """The abstract state of one Python frame at one point."""
    __slots__ = ("locals", "stack", "kwnames")

    def __init__(self, locals_: list, stack: list, kwnames=None):
        self.locals = locals_
        self.stack = stack
        self.kwnames = kwnames

    def copy(self) -> "Frame":
        return Frame(list(self.locals), list(self.stack), self.kwnames)

    def key(self):
        return (tuple(key_of(v) for v in self.locals), tuple(key_of(v) for v in self.stack))

    def leaves(self) -> list:
        out: list = []
        for v in self.locals:
            leaves(v, out)
        for v in self.stack:
            leaves(v, out)
        return out

    def rebuild(self, params) -> "Frame":
        it = iter(params)
        return Frame([rebuild(v, it) for v in self.locals], [rebuild(v, it) for v in self.stack])


STOP = object()  # returned by an opcode handler that ended the current block
