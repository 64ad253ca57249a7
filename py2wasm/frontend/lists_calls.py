"""Lists in calls: builtins over lists (`len sum min max any all list
sorted`, `np.array(xs)`, NumPy functions given a list), list methods
(`xs.append(...)`...), comprehension functions, `list(range(...))`, what
an exported function may return, and lists as array indices.

Place in the pipeline: frontend; split from lists.py (the list values and
their operations, whose module docstring describes the memory layout), which
re-exports these names for opcodes.py, calls.py and tracer.py.
"""
from __future__ import annotations

from ..ir import BOOL, DTYPES, F64, I64, Var
from ..ir.types import ArrayType, ListType, NumpyScalarType, TupleType
from .arrays import iadd, ic, icmp, imul, isub, loop
from .lists import (ITERATORS, NO, ListIter, ListMethod, Literal, PyList, _field, _fold, _load,
                    _reserve, _set_field, _store, append, as_list, clear, copy, count, extend,
                    index, insert, iterator_call, length, new_list, pop, remove, reverse, sort,
                    sorted_, to_array, truth)
from .values import E_TYPE, E_UNSUPPORTED_CALL, E_UNSUPPORTED_VALUE, TraceRaise, error, scalar_type


# --- reductions ---------------------------------------------------------------------------

def _sum(tr, lst: PyList, start, loc):
    from . import operators
    if lst.elem is None:
        return start
    fb = tr.fb
    t = scalar_type(start)
    if t is None:
        raise error(loc, "sum() of a list with a start that is not a number", "", E_TYPE)
    acc = F64 if F64 in (t, _TYPE[lst.elem]) else I64
    init = _convert(fb, start, acc)
    import sys
    if sys.version_info >= (3, 12) and lst.elem == "float64" and (t is F64 or (
            type(start) is int and start == 0)):
        return _neumaier_sum(tr, lst, init)

    def step(x, c):
        return [operators.binary(fb, "+", c[0], _convert(fb, x, acc) if lst.elem == "bool" else x,
                                 loc)]
    return _fold(tr, lst, [init], step)[0]


def _neumaier_sum(tr, lst: PyList, init):
    """sum() of floats as CPython 3.12+ adds them (builtin_sum_impl: Neumaier's
    compensated summation, the compensation added at the end when it is
    nonzero and finite)."""
    fb = tr.fb

    def step(x, c):
        f, comp = c
        t = fb.emit("add", [f, x])
        big = fb.emit("ge", [fb.emit("fabs", [f]), fb.emit("fabs", [x])])
        c1 = fb.emit("add", [fb.emit("sub", [f, t]), x])
        c2 = fb.emit("add", [fb.emit("sub", [x, t]), f])
        return [t, fb.emit("add", [comp, fb.emit("select", [big, c1, c2])])]
    f, comp = _fold(tr, lst, [init, fb.const(0.0)], step)
    zero = fb.const(0.0)
    finite = fb.emit("eq", [fb.emit("sub", [comp, comp]), zero])
    use = fb.emit("and", [fb.emit("ne", [comp, zero]), finite])
    return fb.emit("select", [use, fb.emit("add", [f, comp]), f])


_TYPE = {"float64": F64, "int64": I64, "bool": BOOL}


def _convert(fb, v, t):
    from . import operators
    if isinstance(v, Var):
        return v if v.type == t else operators.coerce(fb, v, t, None)
    return fb.const(float(v) if t == F64 else int(v), t)


def _minmax(tr, lst: PyList, which, loc, check_empty=True):
    from . import operators
    fb = tr.fb
    from ..ir.messages import cpython_message
    msg = cpython_message({"min": min, "max": max}[which], [])[1]  # differs between versions
    if lst.elem is None:
        raise TraceRaise("ValueError", msg)
    from ..ir.types import STR
    if lst.elem == STR:  # strs: by code points (frontend/strlib.py)
        from . import strlib
        from .strvalues import lib
        return lib(tr, strlib.min_str, [lst, -1 if which == "min" else 1], loc, which)
    n = length(fb, lst)
    empty = icmp(fb, "eq", n, 0) if check_empty else False
    if empty is True:
        raise TraceRaise("ValueError", msg)
    if empty is not False:
        fb.raise_if(empty, "ValueError", msg, loc)
    if isinstance(lst.elem, (ListType, TupleType)) or hasattr(lst.elem, "cls"):  # lists_order
        from .lists_order import best_item
        return best_item(tr, lst, which, loc)
    data = _field(fb, lst, 16)
    first = _load(fb, lst.elem, data, 0)
    op = "<" if which == "min" else ">"

    def body(k, c):
        x = _load(fb, lst.elem, data, iadd(fb, k, 1))
        better = operators.compare(fb, op, x, c[0], loc)  # CPython keeps the first of equals
        return [fb.emit("select", [better, x, c[0]]) if isinstance(better, Var)
                else (x if better else c[0])]
    return loop(fb, isub(fb, n, 1), [first], body)[0]


def _anyall(tr, lst: PyList, which):
    from . import operators
    fb = tr.fb
    if lst.elem is None:
        return which == "all"

    def step(x, c):
        t = truth(tr, x) if isinstance(x, PyList) else True if isinstance(x, tuple) else \
            operators.truth(fb, x, None)
        t = fb.const(bool(t)) if not isinstance(t, Var) else t
        return [fb.emit("or" if which == "any" else "and", [c[0], t])]
    return _fold(tr, lst, [fb.const(which == "all")], step)[0]


# --- calls and attributes -----------------------------------------------------------------

_METHODS = ("append", "pop", "extend", "insert", "remove", "index", "count", "clear", "copy",
            "reverse", "sort")


def attribute(lst: PyList, name: str, loc, tr=None):
    if lst.kind == "deque":  # collections_deque.py
        from .collections_deque import attribute as deque_attribute
        return deque_attribute(tr, lst, name, loc)
    if name in _METHODS:
        return ListMethod(lst, name)
    raise error(loc, f"list.{name} is not supported",
                "supported: " + " ".join(_METHODS), E_UNSUPPORTED_CALL)


def _arity(name, args, lo, hi, loc):
    if not lo <= len(args) <= hi:
        want = f"exactly one argument" if lo == hi == 1 else f"at most {hi} arguments"
        raise TraceRaise("TypeError", f"list.{name}() takes {want} ({len(args)} given)")


def _unknown(kwargs):
    return {k: None for k in kwargs if k not in ("key", "reverse")}


def _sort_call_error(attempt):
    """Raise the TypeError the running interpreter gives for a bad sort() or
    sorted() call (its wording changed in 3.13)."""
    try:
        attempt()
    except TypeError as e:
        raise TraceRaise("TypeError", str(e)) from None
    raise AssertionError("a bad sort() call was accepted")


def call_method(tr, m: ListMethod, args, kwargs, loc):
    lst, name = m.lst, m.name
    if kwargs and name != "sort":
        raise error(loc, f"list.{name}() with keyword arguments is not supported", "",
                    E_UNSUPPORTED_CALL)
    if name == "append":
        _arity(name, args, 1, 1, loc)
        append(tr, lst, args[0], loc)
        return None
    if name == "pop":
        _arity(name, args, 0, 1, loc)
        return pop(tr, lst, args, loc)
    if name == "extend":
        _arity(name, args, 1, 1, loc)
        extend(tr, lst, args[0], loc)
        return None
    if name == "insert":
        if len(args) != 2:
            raise TraceRaise("TypeError", f"insert expected 2 arguments, got {len(args)}")
        insert(tr, lst, args[0], args[1], loc)
        return None
    if name == "remove":
        _arity(name, args, 1, 1, loc)
        remove(tr, lst, args[0], loc)
        return None
    if name == "index":
        if len(args) != 1:
            raise error(loc, "list.index() with start/stop is not supported", "", E_UNSUPPORTED_CALL)
        return index(tr, lst, args[0], loc)
    if name == "count":
        _arity(name, args, 1, 1, loc)
        return count(tr, lst, args[0], loc)
    if name == "clear":
        _arity(name, args, 0, 0, loc)
        clear(tr, lst)
        return None
    if name == "copy":
        _arity(name, args, 0, 0, loc)
        return copy(tr, lst, loc)
    if name == "reverse":
        _arity(name, args, 0, 0, loc)
        reverse(tr, lst, loc)
        return None
    if name == "sort":
        if args or set(kwargs) - {"reverse", "key"}:  # CPython's TypeError, its words
            _sort_call_error(lambda: [].sort(*[None] * len(args), **_unknown(kwargs)))
        sort(tr, lst, kwargs.get("reverse", False), loc, kwargs.get("key"))
        return None
    raise error(loc, f"list.{name}() is not supported", "", E_UNSUPPORTED_CALL)


def call(tr, fn, args, kwargs, loc):
    """Builtins and NumPy functions with a list argument; NO when not ours."""
    if isinstance(fn, ListMethod):
        return call_method(tr, fn, args, kwargs, loc)
    if fn in (reversed, enumerate, zip):
        r = iterator_call(tr, fn, args, kwargs, loc)
        if r is not NO:
            return r
    if fn is sorted and len(args) == 1 and (isinstance(args[0], PyList) or isinstance(
            args[0], Literal) and as_list(tr, args[0], loc, strict=False) is not None):
        if set(kwargs) - {"reverse", "key"}:  # CPython's TypeError, its words
            _sort_call_error(lambda: sorted([], **_unknown(kwargs)))
        return sorted_(tr, args[0], kwargs.get("reverse", False), loc, kwargs.get("key"))
    if fn in (min, max) and len(args) == 1 and kwargs and set(kwargs) <= {"key", "default"}:
        from .iterators import SymRange
        if isinstance(args[0], SymRange):
            args = [_range_list(tr, args[0], loc)]
        elif isinstance(args[0], range):
            args = [Literal(tuple(args[0]))]
        lst = as_list(tr, args[0], loc, strict=False) if isinstance(
            args[0], (PyList, Literal)) else None  # frontend/lists_minmax.py
        if lst is not None:
            from .lists_minmax import MISSING, minmax
            if kwargs.get("key") is None:
                _check_minmax(lst, fn, loc)
            return minmax(tr, lst, fn.__name__, kwargs.get("key"),
                          kwargs.get("default", MISSING), loc)
    import inspect
    if inspect.isfunction(fn) or inspect.ismethod(fn):  # a Python function: lists pass through
        conv = [as_list(tr, a, loc, strict=False) if isinstance(a, Literal) else None for a in args]
        if any(c is not None for c in conv):
            from .calls import call_value
            return call_value(tr, fn, [c if c is not None else a for c, a in zip(conv, args)],
                              kwargs, loc)
        return NO
    if not any(isinstance(a, (PyList, Literal)) for a in args):
        if fn is list and not kwargs:
            if not args:  # `list()` (also a dataclass's `field(default_factory=list)`): a
                # site of its own, so an append teaches it its element type as for `[]`
                from .dicts import _site
                from .lists import _site_key, _sites
                key = _site_key(tr, _site(tr, loc, "list()"))  # absolute, as from_literal's
                return new_list(tr, _sites(tr).get(key), [], loc, ("abs", key))
            if isinstance(args[0], (tuple, range)) and len(args) == 1:
                return as_list(tr, Literal(tuple(args[0])), loc)
            from .iterators import SymRange
            if isinstance(args[0], SymRange) and len(args) == 1:
                return _range_list(tr, args[0], loc)
            from .arrays import is_array
            if is_array(args[0]) and len(args) == 1:
                from .lists_arrays import list_of_array
                return list_of_array(tr, args[0], loc)
        return NO
    import builtins as py
    import numpy as np
    from .calls import _is_numpy
    if fn in (np.stack, np.concatenate, np.vstack, np.hstack) and args and isinstance(
            args[0], PyList) and args[0].elem is None:  # never filled: empty at run time
        raise TraceRaise("ValueError", "need at least one array to "
                         + ("stack" if fn is np.stack else "concatenate"))
    if _is_numpy(fn) and any(isinstance(a, PyList) and type(a.elem) is ArrayType
                             for a in args):  # a list of arrays: lists_ofarrays.py
        from .lists_ofarrays import np_call
        return np_call(tr, fn, args, kwargs, loc)
    if _is_numpy(fn) and any(isinstance(a, PyList) for a in list(args) + list(kwargs.values())) \
            and fn not in (np.array, np.asarray):
        # np.mean(xs), np.zeros(n) + xs...: the list as a new 1-D array
        from .calls import call_value
        conv = [to_array(tr, a, loc) if isinstance(a, PyList) else a for a in args]
        kw = {k: to_array(tr, v, loc) if isinstance(v, PyList) else v for k, v in kwargs.items()}
        return call_value(tr, fn, conv, kw, loc)
    lits = [a for a in args if isinstance(a, Literal)]
    if lits and fn not in (len, sum, min, max, any, all, list) and fn is not py.sorted:
        return NO  # np.array([a, b]), np.stack([...]): the literal as a sequence
    if len(args) != 1 and fn not in (sum,) or kwargs:
        if fn in (min, max) and len(args) > 1 and not any(isinstance(a, PyList) for a in args):
            return NO
        if fn in (np.array, np.asarray) and len(args) == 1 and set(kwargs) <= {"dtype"}:
            pass
        else:
            raise error(loc, f"{getattr(fn, '__name__', fn)}() of a list with these arguments "
                        "is not supported", "call it with the list alone (for `default=`, test "
                        "the list's length first; `key=` is not supported yet)",
                        E_UNSUPPORTED_CALL)
    lst = as_list(tr, args[0], loc, strict=fn not in (min, max))
    if lst is None:
        return NO
    if fn is len:
        return length(tr.fb, lst)
    if isinstance(lst.elem, NumpyScalarType) and fn in (sum, min, max, any, all):
        # the same NumPy scalars as a 1-D array's items: CPython's loop over them
        # (frontend/array_builtins.py: `0 + x0 + x1...`, the first winner, truth)
        from .array_builtins import call as over_array
        r = over_array(tr, fn, [to_array(tr, lst, loc)] + list(args[1:]), dict(kwargs), loc)
        if r is not None:
            return r
    if fn in (min, max):
        _check_minmax(lst, fn, loc)
    if isinstance(lst.elem, NumpyScalarType) and fn in (sum, min, max, any, all):
        raise error(loc, f"{fn.__name__}() of a list of NumPy scalars (list(a)) is not supported",
                    f"use np.{fn.__name__}(a), or a.tolist() for Python numbers", E_UNSUPPORTED_CALL)
    from ..ir.types import STR
    if lst.elem == STR and fn in (sum, any, all):  # strs: min and max only (frontend/strlib.py)
        raise error(loc, f"{fn.__name__}() of a list of strs is not supported",
                    "loop over the strings", E_UNSUPPORTED_CALL)
    if lst.elem is not None and not isinstance(lst.elem, str) and lst.elem != STR and \
            fn is sum:  # (min and max: _check_minmax)
        kind = 'lists' if isinstance(lst.elem, ListType) else 'tuples' if isinstance(
            lst.elem, TupleType) else 'instances' if hasattr(lst.elem, "cls") else 'arrays'
        raise error(loc, f"{fn.__name__}() of a list of {kind} is not supported",
                    "loop over the rows", E_UNSUPPORTED_CALL)
    if fn is sum:
        start = args[1] if len(args) > 1 else kwargs.get("start", 0)
        return _sum(tr, lst, start, loc)
    if fn in (min, max):
        return _minmax(tr, lst, fn.__name__, loc)
    if fn in (any, all):
        return _anyall(tr, lst, fn.__name__)
    if fn is list:
        return copy(tr, lst, loc)
    if fn is bool:  # bool(xs), bool(deque): not empty
        from .lists import truth
        return truth(tr, lst)
    if fn in (np.array, np.asarray):
        dt = kwargs.get("dtype")
        if dt is not None:
            dt = np.dtype(dt).name
            if dt not in DTYPES:
                raise error(loc, f"np.array(list, dtype={dt}) is not supported", "", E_TYPE)
        from .lists_arrays import np_array
        return np_array(tr, lst, dt, loc)
    raise error(loc, f"{getattr(fn, '__name__', fn)}() of a list is not supported yet",
                "loop over the list, or use a NumPy array: np.array(xs)", E_UNSUPPORTED_CALL)


def _check_minmax(lst: PyList, fn, loc):
    """min/max compare the items themselves: numbers and strs only."""
    from ..ir.types import STR
    if isinstance(lst.elem, NumpyScalarType):
        raise error(loc, f"{fn.__name__}() of a list of NumPy scalars (list(a)) is not supported",
                    f"use np.{fn.__name__}(a), or a.tolist() for Python numbers",
                    E_UNSUPPORTED_CALL)
    if lst.elem is not None and not isinstance(lst.elem, (str, ListType, TupleType)) and \
            lst.elem != STR and not hasattr(lst.elem, "cls"):  # (instances: their order)
        raise error(loc, f"{fn.__name__}() of a list of arrays is not supported",
                    "loop over the rows, or pass key=", E_UNSUPPORTED_CALL)


def comprehension(tr, code, captured: list):
    """3.11's `<listcomp>` function object for MAKE_FUNCTION: traced as a
    function of its own whose captured locals are extra parameters."""
    import types
    cells = tuple(types.CellType(v) for v in captured)
    fn = types.FunctionType(code, tr.fn.__globals__, code.co_name, None, cells)
    fn.__py2wasm_comprehension__ = True
    return fn


class LambdaMaker:
    """3.13's MAKE_FUNCTION of a lambda with free variables: its closure
    comes with the SET_FUNCTION_ATTRIBUTE that follows."""
    __slots__ = ("code",)

    def __init__(self, code):
        self.code = code


def lambda_(tr, code, captured: list, pending: bool = False, ins=None):
    """A lambda made in compiled code (`key=lambda p: p[1]`): a function traced
    where it is called, its captured locals extra parameters (as a
    comprehension's); `pending`: 3.13, the closure not given yet."""
    if pending and code.co_freevars:
        return LambdaMaker(code)
    if not _immediate(tr, ins):
        for name in code.co_freevars:
            _check_captured(tr, name)
    return comprehension(tr, code, captured)


_PURE = ("LOAD_CONST", "LOAD_FAST", "LOAD_FAST_CHECK", "LOAD_FAST_LOAD_FAST", "LOAD_DEREF",
         "KW_NAMES", "SET_FUNCTION_ATTRIBUTE", "NOP", "CACHE", "LOAD_SMALL_INT")


def _immediate(tr, ins) -> bool:
    """Is the lambda made at `ins` an argument of the call that follows, with
    only loads in between (`max(xs, key=lambda v: v - c, default=0)`)? Then
    the captured values cannot change before the call uses it."""
    if ins is None:
        return False
    k = tr.index[ins.offset] + 1
    while k < len(tr.instrs) and tr.instrs[k].opname in _PURE:
        k += 1
    return k < len(tr.instrs) and tr.instrs[k].opname in ("PRECALL", "CALL", "CALL_KW",
                                                          "CALL_FUNCTION_EX")


def _check_captured(tr, name):
    """The lambda gets the value a captured variable has when it is made; a
    CPython closure sees the variable's latest value. Both agree when the
    variable is assigned at most once, outside any loop: else refused."""
    ins = tr.instrs
    stores = [i.offset for i in ins if i.opname in ("STORE_DEREF", "STORE_FAST", "DELETE_DEREF")
              and i.argval == name]
    loops = [(i.argval, i.offset) for i in ins if i.opname.startswith("JUMP_BACKWARD")]
    if len(stores) > 1 or any(t <= o <= j for o in stores for t, j in loops):
        from .values import E_UNSUPPORTED_OPCODE
        raise error(tr.loc_of(next(i for i in ins if i.offset == stores[-1])),
                    f"a lambda capturing {name!r}, which is assigned again (or in a loop), is "
                    "not supported (the compiled lambda would keep the value it was made with)",
                    f"pass {name} to a module-level function as an argument",
                    E_UNSUPPORTED_OPCODE)


def _range_list(tr, r, loc):
    """list(range(start, stop, step)) with run-time bounds (a known step)."""
    from .arrays import imax, ifloordiv_pos
    fb = tr.fb
    step = r.step
    if isinstance(step, Var) or step == 0:
        raise error(loc, "list(range(...)) with a run-time step is not supported",
                    "build the list with a loop and append", E_UNSUPPORTED_CALL)
    if step > 0:
        n = imax(fb, 0, ifloordiv_pos(fb, iadd(fb, isub(fb, r.stop, r.start), step - 1), step))
    else:
        n = imax(fb, 0, ifloordiv_pos(fb, iadd(fb, isub(fb, r.start, r.stop), -step - 1), -step))
    out = new_list(tr, "int64", [], loc)
    _reserve(tr, out, n, loc)
    data = _field(fb, out, 16)

    def body(k, c):
        _store(fb, "int64", data, k, ic(fb, iadd(fb, r.start, imul(fb, k, step))))
        return c
    loop(fb, n, [], body)
    _set_field(fb, out, 0, n)
    return out


def check_return(tr, value, loc):
    """The value an exported (or annotated) function returns: a list literal
    becomes a list (the host copies it out: frontend/lists_abi.py); an
    iterator over a list cannot cross the signature."""
    if not (tr.export or tr.result is not None):
        return value

    def fix(v):
        if isinstance(v, ListIter) or isinstance(v, ITERATORS):
            raise error(loc, "returning an iterator over a list is not supported",
                        "return list(it), or a tuple", E_UNSUPPORTED_VALUE)
        if isinstance(v, tuple):  # a tuple or a NamedTuple
            items = (fix(x) for x in v)
            return tuple(items) if type(v) is tuple else type(v)._make(items)
        if isinstance(v, Literal):
            r = as_list(tr, v, loc, strict=False)
            v = v if r is None else r
        if isinstance(v, PyList):
            from .lists_objects import InstanceElem, holds_instances
            if holds_instances(v.elem) and not (tr.export and isinstance(v.elem, InstanceElem)):
                raise error(loc, "returning a list of class instances is not supported",
                            "return their fields (a list of tuples), or an array",
                            E_UNSUPPORTED_VALUE)
        return v
    return fix(value)


def as_index(tr, key, loc):
    """An array index that is (or holds) a list: the list as an int/bool array."""
    if isinstance(key, PyList):
        return to_array(tr, key, loc)
    if type(key) is tuple and any(isinstance(k, PyList) for k in key):
        return tuple(to_array(tr, k, loc) if isinstance(k, PyList) else k for k in key)
    return key
