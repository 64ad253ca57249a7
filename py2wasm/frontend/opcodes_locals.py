"""Handlers of the opcodes that move values: the no-ops, the stack shuffles,
loads and stores of constants, locals, cells and globals, and the making of
functions (comprehensions, lambdas, generator expressions).

Place in the pipeline: frontend; `LocalsOps` is one of the mixins that
opcodes.Handlers gathers for tracer.FunctionTracer's dispatch table. Values
stored in a local are settled here (`_stored`); constants CPython folded from
an overflowing int expression raise (folded_constants.py).
"""
from __future__ import annotations

import builtins as _py_builtins

from ..ir.messages import INT_OVERFLOW
from . import arrays, lists
from .folded_constants import folded_overflows
from .state import NULL, UNBOUND, Static
from .values import E_ATTRIBUTE, E_UNSUPPORTED_OPCODE, E_UNSUPPORTED_VALUE, TraceRaise, error


class LocalsOps:
    """No-ops, stack, constants, locals, cells, globals and MAKE_FUNCTION."""

    # --- no-ops ------------------------------------------------------------------
    def op_RESUME(self, ins, f): pass
    def op_NOP(self, ins, f): pass
    def op_CACHE(self, ins, f): pass
    def op_PRECALL(self, ins, f): pass          # 3.11
    def op_COPY_FREE_VARS(self, ins, f): pass   # closure cells are read at entry
    def op_EXTENDED_ARG(self, ins, f): pass
    def op_NOT_TAKEN(self, ins, f): pass

    # --- stack -------------------------------------------------------------------
    def op_POP_TOP(self, ins, f):
        f.stack.pop()

    def op_PUSH_NULL(self, ins, f):
        f.stack.append(NULL)

    def op_COPY(self, ins, f):
        f.stack.append(f.stack[-ins.arg])

    def op_SWAP(self, ins, f):
        s = f.stack
        s[-1], s[-ins.arg] = s[-ins.arg], s[-1]

    def op_END_FOR(self, ins, f):  # only reached by fall-through in 3.12 (pops 2) / 3.13 (1)
        f.stack.pop()
        if self.version == (3, 12):
            f.stack.pop()

    # --- loads and stores ----------------------------------------------------------
    def op_LOAD_CONST(self, ins, f):
        f.stack.append(self.checked_const(ins))

    def op_RETURN_CONST(self, ins, f):  # 3.12+
        return self.do_return(self.checked_const(ins), self.loc_of(ins), f)

    def checked_const(self, ins):
        """A constant CPython's compiler folded from an int expression (`2**70`)
        is an int result like any other: outside int64 it raises
        OverflowError where the expression is. A literal stays a value."""
        v = ins.argval
        if type(v) in (int, bool, float, tuple, frozenset) and \
                folded_overflows(self.code.co_filename, ins):
            raise TraceRaise("OverflowError", INT_OVERFLOW)
        return v

    def op_LOAD_FAST(self, ins, f):
        i = self.names.index(ins.argval)
        v = f.locals[i]
        if v is UNBOUND:
            if ins.argval in self.code.co_cellvars and self.version >= (3, 13):
                # 3.13's LOAD_CLOSURE is a LOAD_FAST of the cell (a function
                # capturing itself, `def walk(n): ... walk(...)`): the closure is
                # refused at SET_FUNCTION_ATTRIBUTE, as on 3.11/3.12
                f.stack.append(_Cell(UNBOUND))
                return
            raise TraceRaise("UnboundLocalError",
                             f"cannot access local variable '{ins.argval}' where it is not "
                             "associated with a value")
        f.stack.append(v.value if isinstance(v, Static) else v)

    op_LOAD_FAST_CHECK = op_LOAD_FAST

    def op_LOAD_FAST_LOAD_FAST(self, ins, f):  # 3.13
        for n in ins.argval:
            self.op_LOAD_FAST(_Named(n), f)

    def op_STORE_FAST(self, ins, f):
        f.locals[self.names.index(ins.argval)] = self._stored(f.stack.pop(), ins)

    def op_STORE_FAST_STORE_FAST(self, ins, f):  # 3.13
        for n in ins.argval:
            f.locals[self.names.index(n)] = self._stored(f.stack.pop(), ins)

    def op_STORE_FAST_LOAD_FAST(self, ins, f):  # 3.13
        st, ld = ins.argval
        f.locals[self.names.index(st)] = self._stored(f.stack.pop(), ins)
        self.op_LOAD_FAST(_Named(ld), f)

    def _stored(self, v, ins):
        """A value stored in a variable: lazy array expressions are computed
        now (NumPy evaluates them here; later writes must not change them)."""
        if isinstance(v, arrays.ListLit):  # a list literal stored: a list (frontend/lists.py)
            return lists.as_list(self, v, self.loc_of(ins))
        from .generators import Gen, start_iter
        if isinstance(v, Gen):  # a generator object kept: its frame exists from now on
            return start_iter(self, v, self.loc_of(ins))
        if isinstance(v, tuple):  # its list literals: lists (frontend/lists.py)
            v = lists.settle_tuple(self, v, self.loc_of(ins))
        if isinstance(v, (arrays.Ew, tuple)):
            return arrays.settle(self, v, self.loc_of(ins))
        return v

    def op_LOAD_DEREF(self, ins, f):
        v = f.locals[self.names.index(ins.argval)]
        if v is UNBOUND:
            raise error(self.loc_of(ins), f"free variable {ins.argval!r} is not bound yet",
                        "define it before the function is compiled", E_UNSUPPORTED_VALUE)
        f.stack.append(v.value if isinstance(v, Static) else v)  # (as op_LOAD_FAST)

    def op_LOAD_FAST_AND_CLEAR(self, ins, f):  # 3.12+ inlined comprehensions
        i = self.names.index(ins.argval)
        f.stack.append(f.locals[i])
        f.locals[i] = UNBOUND

    def op_MAKE_CELL(self, ins, f):
        """A local captured by an inner function: the cell is the local itself
        here; the inner function is rejected at MAKE_FUNCTION."""

    def op_LOAD_CLOSURE(self, ins, f):
        f.stack.append(_Cell(f.locals[self.names.index(ins.argval)]))

    def op_SET_FUNCTION_ATTRIBUTE(self, ins, f):  # 3.13
        from .generators import GenMaker
        fn = f.stack.pop()
        value = f.stack.pop()
        if isinstance(fn, GenMaker) and ins.arg == 8:
            fn.captured = [_cell_value(c) for c in value]
            f.stack.append(fn)
            return
        if isinstance(fn, lists.LambdaMaker) and ins.arg == 8:
            f.stack.append(lists.lambda_(self, fn.code, [_cell_value(c) for c in value],
                                         ins=ins))
            return
        if ins.arg == 4 and not isinstance(fn, GenMaker):  # a nested def's annotations
            f.stack.append(fn)
            return
        raise error(self.loc_of(ins), "defining a function inside a compiled function is not "
                    "supported", "define helpers at module level", E_UNSUPPORTED_OPCODE)

    def op_RETURN_GENERATOR(self, ins, f):  # a generator expression traced by its consumer
        f.stack.append(None)

    def op_YIELD_VALUE(self, ins, f):
        if getattr(self, "genexpr", None):
            from .generators import on_yield
            return on_yield(self, f, ins)
        raise error(self.loc_of(ins), "generators are not supported", "return a value instead",
                    E_UNSUPPORTED_OPCODE)

    def op_STORE_DEREF(self, ins, f):
        """A local captured by a comprehension (3.11): the cell is the local."""
        if ins.argval not in self.code.co_cellvars:
            raise error(self.loc_of(ins), "assigning a nonlocal variable is not supported",
                        "return the value instead", E_UNSUPPORTED_OPCODE)
        f.locals[self.names.index(ins.argval)] = self._stored(f.stack.pop(), ins)

    def op_MAKE_FUNCTION(self, ins, f):
        code = f.stack[-1] if self.version >= (3, 11) else None
        name = getattr(code, "co_name", "")
        if name in ("<listcomp>", "<dictcomp>", "<setcomp>") and ins.arg in (0, 8):  # 3.11: called right away
            f.stack.pop()
            cells = f.stack.pop() if ins.arg == 8 else ()
            f.stack.append(lists.comprehension(self, code, [_cell_value(c) for c in cells]))
            return
        if name == "<lambda>" and ins.arg in (0, 8, None):  # a key function (lists_calls.lambda_)
            f.stack.pop()
            cells = f.stack.pop() if ins.arg == 8 else ()
            f.stack.append(lists.lambda_(self, code, [_cell_value(c) for c in cells],
                                         ins.arg is None, ins))
            return
        if _plain_nested_def(code, ins.arg):  # `def helper(x): ...` inside: as a lambda
            f.stack.pop()
            cells = f.stack.pop() if ins.arg is not None and ins.arg & 8 else ()
            if ins.arg is not None and ins.arg & 4:
                f.stack.pop()  # the annotations: not needed to trace the calls
            if code.co_name in code.co_freevars:
                raise error(self.loc_of(ins), f"a nested function calling itself ({code.co_name!r}) "
                            "is not supported", "define the recursive helper at module level",
                            E_UNSUPPORTED_OPCODE)
            f.stack.append(lists.lambda_(self, code, [_cell_value(c) for c in cells],
                                         ins.arg is None, ins))
            return
        if name == "<genexpr>" and ins.arg in (0, 8, None):  # frontend/generators.py
            from .generators import GenMaker
            f.stack.pop()
            cells = f.stack.pop() if ins.arg == 8 else ()
            f.stack.append(GenMaker(code, [_cell_value(c) for c in cells], self.fn.__globals__))
            return
        what, hint = {
            "<genexpr>": ("generator expressions are not supported",
                          "use a for loop that accumulates the result"),
            "<listcomp>": ("list comprehensions are not supported", "use a for loop"),
            "<setcomp>": ("set comprehensions are not supported", "use a for loop"),
            "<dictcomp>": ("dict comprehensions are not supported", "use a for loop"),
            "<lambda>": ("lambda inside a compiled function is not supported",
                         "define the function at module level"),
        }.get(name, ("defining a function inside a compiled function is not supported",
                     "define helpers at module level"))
        raise error(self.loc_of(ins), what, hint, E_UNSUPPORTED_OPCODE)

    def _global(self, ins, name):
        g = self.fn.__globals__
        if name in g:
            return g[name]
        b = g.get("__builtins__", _py_builtins)
        b = b if isinstance(b, dict) else vars(b)
        if name in b:
            return b[name]
        raise error(self.loc_of(ins), f"name {name!r} is not defined",
                    "define it at module level before compiling", E_ATTRIBUTE)

    def op_LOAD_GLOBAL(self, ins, f):
        from .calls import check_forbidden
        v = self._global(ins, ins.argval)
        check_forbidden(v, self.loc_of(ins))
        push_null = ins.arg & 1
        if push_null and self.version < (3, 13):
            f.stack.append(NULL)
        f.stack.append(v)
        if push_null and self.version >= (3, 13):
            f.stack.append(NULL)


_CO_GENERATOR_LIKE = 0x20 | 0x80 | 0x100 | 0x200  # generator, coroutine, iterable coroutine, async gen


def _plain_nested_def(code, arg) -> bool:
    """A `def` inside the compiled function (not a lambda, comprehension or
    generator expression), without default values and not a generator:
    traced like a lambda where it is called (lists_calls.lambda_), its
    captured locals checked the same way (late binding)."""
    name = getattr(code, "co_name", "<")
    if name.startswith("<") or code.co_flags & _CO_GENERATOR_LIKE:
        return False
    return arg is None or arg & 3 == 0


def _cell_value(c):
    """A captured value: LOAD_CLOSURE's _Cell (3.11, 3.12) or the value (3.13)."""
    return c.value if isinstance(c, _Cell) else c


class _Cell:
    """LOAD_CLOSURE's value: the captured local's value (3.11 comprehensions
    run at once, so capturing by value is exact)."""
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


class _Named:
    """A stand-in instruction carrying only a name (for fused 3.13 opcodes)."""
    __slots__ = ("argval",)

    def __init__(self, name):
        self.argval = name
