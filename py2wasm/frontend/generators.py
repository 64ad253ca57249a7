"""Generator expressions consumed where they are made: `sum(x * x for x in
xs)`, `any(v > 0 for v in xs)`, `min(...)`, `max(...)`, `list(...)`,
`np.array(...)`.

Place in the pipeline: frontend; opcodes.py hands MAKE_FUNCTION of a
`<genexpr>` code object here, calls.py the call that makes the generator and
the consumer's call. The IR sees only ordinary functions.

A generator expression is a nested function of one argument (the iterator)
whose body yields. Its consumer decides how it is traced, as a function of
its own whose captured locals are extra parameters:
- "list" (sum, min, max, list, np.array, which take every item anyway): each
  yield appends to a list (frontend/lists.py) that the function returns;
- "any" / "all": each yield tests the item and returns at the first true
  (false) one, so later items are not computed, as in CPython.
A generator used any other way (a for loop, next(), stored) is a located
CompileError.
"""
from __future__ import annotations

import types
from typing import Any

from .values import E_GENERATOR, error

MODES = ("list", "any", "all")


class GenMaker:
    """MAKE_FUNCTION's value for a `<genexpr>`: its code and captured values
    (3.13 sets them with SET_FUNCTION_ATTRIBUTE)."""
    __slots__ = ("code", "captured", "globals")

    def __init__(self, code, captured, globals_):
        self.code = code
        self.captured = list(captured)
        self.globals = globals_


class Gen:
    """A generator made by calling a GenMaker with its iterator, not consumed yet."""
    __slots__ = ("maker", "it")

    def __init__(self, maker: GenMaker, it):
        self.maker = maker
        self.it = it


def function(gen: Gen, mode: str):
    """The generator's code as a Python function traced in `mode`."""
    m = gen.maker
    cells = tuple(types.CellType(v) for v in m.captured)
    fn = types.FunctionType(m.code, m.globals, m.code.co_name, None, cells)
    fn.__py2wasm_comprehension__ = True   # captured locals are parameters
    fn.__py2wasm_genexpr__ = mode
    return fn


def consume(tr, fn, gen: Gen, args, kwargs, loc) -> Any:
    """`fn(gen, ...)` for a consumer builtin; NotImplemented for others."""
    import numpy as np
    from .calls import call_python, call_value
    if fn in (any, all) and not args and not kwargs:
        return call_python(tr, function(gen, fn.__name__), [gen.it], {}, loc)
    if fn in (sum, min, max, list, sorted) or fn in (np.array, np.asarray):
        lst = call_python(tr, function(gen, "list"), [gen.it], {}, loc)
        return call_value(tr, fn, [lst] + list(args), kwargs, loc)
    return NotImplemented


def refuse(loc):
    return error(loc, "a generator expression is supported only as the argument of sum, min, "
                 "max, any, all, list or np.array",
                 "use a list comprehension [...] or a for loop", E_GENERATOR)


# --- inside the traced generator ---------------------------------------------------------

def start(tr):
    """At the entry of a generator traced in "list" mode: the result list."""
    from . import lists
    site = ("genexpr",)
    learned = lists._sites(tr).get(lists._site_key(tr, site))
    return lists.new_list(tr, learned, [], tr.fb.loc, site)


def on_yield(tr, f, ins):
    """YIELD_VALUE in a generator traced in `tr.genexpr` mode."""
    from . import lists
    from .state import STOP
    loc = tr.loc_of(ins)
    v = f.stack.pop()
    mode = tr.genexpr
    if mode == "list":
        lists.append(tr, tr.gen_result, v, loc)
        f.stack.append(None)  # the value sent in
        return None
    t = tr.truth(v, loc)
    stop_when = mode == "any"  # any: stop at a true item; all: at a false one
    hit = t if stop_when else ((not t) if not _is_var(t) else tr.fb.emit("not", [t]))
    if hit is True:
        return tr.do_return(stop_when, loc)
    if hit is False:
        f.stack.append(None)
        return None
    done = tr.fb.new_block()
    cont = tr.fb.new_block()
    tr.fb.cond_br(hit, done, cont)
    tr.fb.set_block(done)
    tr.do_return(stop_when, loc)
    tr.fb.set_block(cont)
    f.stack.append(None)
    return None


def _is_var(v) -> bool:
    from ..ir import Var
    return isinstance(v, Var)


def final(tr, value):
    """The generator's own `return None`: the mode's result."""
    if tr.genexpr == "list":
        return tr.gen_result
    return tr.genexpr == "all"
