"""Generator expressions consumed where they are made: `sum(x * x for x in
xs)`, `any(v > 0 for v in xs)`, `min(...)`, `max(...)`, `list(...)`,
`np.array(...)`, `tuple(s // 2 for s in a.shape)`.

Place in the pipeline: frontend; opcodes_locals.py hands MAKE_FUNCTION of a
`<genexpr>` code object here, calls.py the call that makes the generator and
the consumer's call. The IR sees only ordinary functions.

A generator expression is a nested function of one argument (the iterator)
whose body yields. Its consumer decides how it is traced, as a function of
its own whose captured locals are extra parameters:
- "list" (sum, min, max, list, np.array, which take every item anyway): each
  yield appends to a list (frontend/lists.py) that the function returns;
- "tuple" (tuple(), whose length must be known when compiling): the items
  are a tuple in a hidden local, one longer at each yield; the loops and
  branches around the yield must be unrolled or decided when compiling (over
  a shape, a known tuple or range), or the versions of the frame never agree;
- "any" / "all": each yield tests the item and returns at the first true
  (false) one, so later items are not computed, as in CPython.
- "resume": a generator function iterated by a for loop or next() (also
  inside another generator expression): traced as its `__next__`, a state
  machine over a frame in linear memory (see `resume_dispatch`).
"""
from __future__ import annotations

import types
from typing import Any

from .values import E_GENERATOR, E_UNSTABLE_TYPE, error

MODES = ("list", "tuple", "any", "all")
TUPLE_SLOT = "<tuple items>"  # the hidden local of the "tuple" mode
MAX_UNROLLED = 256  # tuple() of a known range up to this long: its items one by one


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


class GenCall(Gen):
    """A call of a generator function (`def f(n): ... yield ...`), not
    consumed yet: its function and arguments."""
    __slots__ = ("fn", "args", "kwargs")

    def __init__(self, fn, args, kwargs):
        super().__init__(None, None)
        self.fn = fn
        self.args = list(args)
        self.kwargs = dict(kwargs)


def is_generator_function(fn) -> bool:
    import inspect
    return inspect.isfunction(fn) and bool(fn.__code__.co_flags & inspect.CO_GENERATOR) and \
        not fn.__code__.co_flags & (inspect.CO_COROUTINE | inspect.CO_ASYNC_GENERATOR)


def _traced(gen: Gen, mode: str, tr, loc):
    """Trace the generator in `mode`; its result (a list, or a bool)."""
    from .calls import call_python
    if isinstance(gen, GenCall):
        f = gen.fn
        fn = types.FunctionType(f.__code__, f.__globals__, f.__name__, f.__defaults__,
                                f.__closure__)
        fn.__kwdefaults__ = f.__kwdefaults__
        fn.__py2wasm_genexpr__ = mode
        args = [started(tr, a, loc) for a in gen.args]
        kwargs = {k: started(tr, a, loc) for k, a in gen.kwargs.items()}
        return call_python(tr, fn, args, kwargs, loc, public=f.__name__)
    return call_python(tr, function(gen, mode), [started(tr, gen.it, loc)], {}, loc)


def started(tr, v, loc):
    """A generator passed on (`evens(squares(n))`, a generator expression
    over one) is started where CPython creates it: its frame allocated here,
    once, so the callee steps that one generator (a GenIter, a value with a
    stable trace key) instead of starting it again."""
    if isinstance(v, Gen):
        return start_iter(tr, v, loc)
    from .lists import Literal, as_list
    if isinstance(v, Literal):  # `next(gen([42, n]))`: the list made here, once (a literal
        made = as_list(tr, v, loc, strict=False)  # is keyed by identity: the frame's
        return v if made is None else made        # layout never settled, P2W011)
    return v


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
    from .calls import call_value
    if fn in (any, all) and not args and not kwargs:
        return _traced(gen, fn.__name__, tr, loc)
    if _str_join(fn) and not args and not kwargs:  # "".join(c for c in s): of its list
        return call_value(tr, fn, [_traced(gen, "list", tr, loc)], kwargs, loc)
    if fn in (sum, min, max, list, sorted, tuple) or fn in (np.array, np.asarray):
        if fn is tuple and not args and not kwargs:
            return _as_tuple(tr, gen, loc)
        lst = _traced(gen, "list", tr, loc)
        if lst is None and fn in (sum, min, max):
            # every path of the generator raises while it runs (a ValueError
            # known when compiling, an inner min() of nothing): the call raises,
            # what follows is never reached; any number stands for its value
            return kwargs.get("default", args[0] if fn is sum and args else 0)
        return call_value(tr, fn, [lst] + list(args), kwargs, loc)
    return NotImplemented


def _as_tuple(tr, gen: Gen, loc):
    """tuple(gen): traced in "tuple" mode. Where the number of items depends
    on run-time values the frames at a loop head or at the returns never
    agree (a CompileError of the tracer): then the refusal says why."""
    from .iterators import RangeIter, TupleIter
    from .values import CompileError
    it = getattr(gen, "it", None)
    if type(it) is RangeIter and all(type(x) is int for x in (it.cur, it.stop, it.step)) and \
            len(range(it.cur, it.stop, it.step)) <= MAX_UNROLLED:  # a known range: its items
        gen = Gen(gen.maker, TupleIter(tuple(range(it.cur, it.stop, it.step)), 0))
    try:
        return _traced(gen, "tuple", tr, loc)
    except CompileError as e:
        if getattr(e, "code", None) != E_UNSTABLE_TYPE:
            raise
        raise error(loc, "tuple() of a generator whose number of items is not known when "
                    "compiling is not supported", "use list(...), or iterate over a shape, a "
                    "tuple or a range known when compiling", E_GENERATOR) from None


def to_list(tr, gen: Gen, loc):
    """The list of a generator's items (traced, as list(gen))."""
    return _traced(gen, "list", tr, loc)


def _str_join(fn) -> bool:
    """`sep.join` of a known or a run-time separator."""
    from .strvalues import StrMethod
    if type(fn) is StrMethod:
        return getattr(fn, "name", None) == "join"
    return type(getattr(fn, "__self__", None)) is str and getattr(fn, "__name__", "") == "join"


def refuse(loc):
    return error(loc, "a generator is supported only as the argument of sum, min, max, any, "
                 "all, list, sorted, str.join or np.array, or as the iterable of a for loop",
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
    if tr.genexpr == "resume":
        return on_resume_yield(tr, f, ins)
    loc = tr.loc_of(ins)
    v = f.stack.pop()
    mode = tr.genexpr
    if mode == "list":
        lists.append(tr, tr.gen_result, v, loc)
        f.stack.append(None)  # the value sent in
        return None
    if mode == "tuple":
        i = tr.names.index(TUPLE_SLOT)
        f.locals[i] = f.locals[i] + (v,)
        f.stack.append(None)
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


def final(tr, value, frame=None):
    """The generator's own `return None`: the mode's result (`frame`: the
    returning frame, whose hidden local holds a "tuple" mode's items)."""
    if tr.genexpr == "resume":  # (more, value) from the state machine, or the end
        return value.value if type(value) is ResumeOut else on_resume_return(tr)
    if tr.genexpr == "list":
        return tr.gen_result
    if tr.genexpr == "tuple":
        return frame.locals[tr.names.index(TUPLE_SLOT)]
    return tr.genexpr == "all"


# --- generators iterated step by step: a state machine -------------------------------------
#
# `for v in gen(n)` (or next(g)) calls the generator's "resume" function: the
# generator function traced with one more parameter, the address of its frame
# in linear memory (int64 state, then 8-byte slots). State 0 starts the body
# with the arguments; state k > 0 continues after the k-th resume point (a
# YIELD_VALUE with one frame shape: its live locals and stack, stored in the
# slots); -1 is finished. Each yield stores the frame and the state and returns
# (True, value); the end returns (False, a zero value). The resume points and
# the frame's size are learned while tracing (the module is traced again
# when they grow, like class layouts).

class ResumeInfo:
    """What tracing a generator (function, argument kinds) learned."""
    __slots__ = ("points", "slots", "value")

    def __init__(self):
        self.points: list = []   # (offset to resume at, frame key, frame template)
        self.slots = 0           # the most leaves a saved frame has
        self.value = None        # a template of the yielded values


class GenIter:
    """An iterator of a generator function's call (or of a generator
    expression): the function, its bound argument values, its frame's
    address and (a generator expression's) captured values."""
    __slots__ = ("fn", "values", "ptr", "captured")

    def __init__(self, fn, values, ptr, captured=()):
        self.fn = fn
        self.values = list(values)
        self.ptr = ptr
        self.captured = list(captured)

    def trace_key(self, key_of):
        return ("geniter", self.fn, len(self.captured)) + tuple(
            key_of(v) for v in self.values + self.captured)

    def trace_leaves(self, leaves, out):
        for v in self.values:
            leaves(v, out)
        out.append(self.ptr)
        for v in self.captured:
            leaves(v, out)

    def trace_rebuild(self, rebuild, it):
        values = [rebuild(v, it) for v in self.values]
        ptr = next(it)
        return GenIter(self.fn, values, ptr, [rebuild(v, it) for v in self.captured])


def _info(tr, fn, values) -> ResumeInfo:
    """`fn`: a generator function, or a generator expression's code (then
    `values` are its iterator and captured values)."""
    from .state import key_of
    sites = tr.mt.dict_sites
    code = fn if isinstance(fn, types.CodeType) else fn.__code__
    k = ("resume", code, tuple(key_of(v) for v in values))
    info = sites.get(k)
    if info is None:
        info = sites[k] = ResumeInfo()
    return info


def start_iter(tr, gen: "Gen", loc) -> GenIter:
    """iter(gen(...)) (or of a generator expression): the frame allocated, state 0."""
    import inspect
    if not isinstance(gen, GenCall):  # a generator expression: its code, iterator, captures
        m = gen.maker
        it = started(tr, gen.it, loc)
        info = _info(tr, m.code, [it] + m.captured)
        fb = tr.fb
        ptr = fb.emit("alloc", [fb.const(8 + 8 * max(info.slots, 1))], loc=loc)
        fb.emit_multi("store", [ptr, fb.const(0)], {"dtype": "int64"})
        return GenIter(m.code, [it], ptr, m.captured)
    fn = gen.fn
    try:
        bound = inspect.signature(fn).bind(*gen.args, **gen.kwargs)
    except TypeError as e:
        from .values import TraceRaise
        raise TraceRaise("TypeError", f"{fn.__name__}() {e}") from None
    bound.apply_defaults()
    values = [started(tr, v, loc) for v in bound.arguments.values()]
    info = _info(tr, fn, values)
    fb = tr.fb
    ptr = fb.emit("alloc", [fb.const(8 + 8 * max(info.slots, 1))], loc=loc)
    fb.emit_multi("store", [ptr, fb.const(0)], {"dtype": "int64"})
    return GenIter(fn, values, ptr)


def _resume_fn(tr, it: GenIter):
    """The function traced as the generator's resume function (one per
    generator, and per kinds of a generator expression's captured values)."""
    from .state import key_of
    cache = tr.mt.__dict__.setdefault("resume_fns", {})
    k = (it.fn, tuple(key_of(v) for v in it.captured))
    r = cache.get(k)
    if r is None:
        if isinstance(it.fn, types.CodeType):  # a generator expression: captures are cells
            cells = tuple(types.CellType(v) for v in it.captured)
            r = types.FunctionType(it.fn, tr.fn.__globals__, it.fn.co_name, None, cells)
            r.__py2wasm_comprehension__ = True
        else:
            f = it.fn
            r = types.FunctionType(f.__code__, f.__globals__, f.__name__, f.__defaults__,
                                   f.__closure__)
        r.__py2wasm_genexpr__ = "resume"
        cache[k] = r
    return r


def advance(tr, it: GenIter, loc):
    """Call the generator's resume function: (more: bool Var, value)."""
    from .state import leaves, rebuild
    from .values import scalar_type
    fn = _resume_fn(tr, it)
    soft = tr.fb.catch is not None or getattr(tr, "soft", False)  # in a try region (trycatch.py)
    name, result = tr.mt.specialize(fn, it.values, loc, soft=soft)
    ins = []
    for v in it.values:
        ins.extend(tr.materialize(x) for x in leaves(v, []))
    ins.append(it.ptr)
    for v in it.captured:
        ins.extend(tr.materialize(x) for x in leaves(v, []))
    types_ = [scalar_type(x) for x in leaves(result, [])]
    outs = tr.fb.emit_multi("call", ins, {"fn": name, "results": types_}, loc)
    more, value = rebuild(result, iter(outs))
    return more, value


def iter_step(tr, it: GenIter, loc):
    """(more, step) for FOR_ITER (see lists_iter.iter_step): the generator
    runs to its next yield now; step() gives the value and the same iterator
    (its state lives in its frame)."""
    more, value = advance(tr, it, loc)
    return more, lambda: (value, it)


def _DT(t):
    from ..ir import BOOL, F64, I64
    return {I64: "int64", F64: "float64", BOOL: "bool"}[t]


def resume_dispatch(tr):
    """The entry of a resume function: continue where the state says."""
    from ..ir import I64
    from .state import Frame
    from .values import scalar_type
    fb = tr.fb
    captured = [c.cell_contents for c in tr.fn.__closure__ or ()] if getattr(
        tr.fn, "__py2wasm_comprehension__", False) else []
    info = _info(tr, tr.fn.__code__ if captured or getattr(
        tr.fn, "__py2wasm_comprehension__", False) else tr.fn, list(tr.args) + captured)
    tr.gen_info = info
    state = fb.emit("load", [tr.gen_frame], {"dtype": "int64"})
    targets = [(0, tr.frame0)]
    for k, (offset, key, template) in enumerate(info.points, start=1):
        ls = template.leaves()
        vals = [fb.emit("load", [fb.emit("wadd", [tr.gen_frame, fb.const(8 + 8 * i)])],
                        {"dtype": _DT(scalar_type(x))}) for i, x in enumerate(ls)]
        f = template.rebuild(vals)
        f.stack.append(None)  # the value sent in
        targets.append((k, (offset, f)))
    for k, target in targets:
        nxt = fb.new_block()
        if k == 0:
            block, args = tr.edge(0, target)
        else:
            block, args = tr.edge(target[0], target[1])
        fb.cond_br(fb.emit("eq", [state, fb.const(k, I64)]), block, nxt, args, [])
        fb.set_block(nxt)
    tr.do_return(ResumeOut(_finished(tr)), tr.fb.loc)


def _finished(tr):
    """(False, a zero of the yielded kind): nothing more."""
    from .state import leaves, rebuild
    from .values import scalar_type
    info = tr.gen_info
    if info.value is None:
        return (False, None)
    zeros = [tr.fb.const(type_zero(scalar_type(x)), scalar_type(x))
             for x in leaves(info.value, [])]
    return (False, rebuild(info.value, iter(zeros)))


def type_zero(t):
    from ..ir import BOOL, F64
    return False if t is BOOL else 0.0 if t is F64 else 0


def on_resume_yield(tr, f, ins):
    """YIELD_VALUE in a resume function: save the frame, return (True, value)."""
    from .state import STOP, key_of
    from .values import E_TYPE as _E_TYPE, scalar_type
    info = tr.gen_info
    loc = tr.loc_of(ins)
    v = f.stack.pop()
    if info.value is None:
        info.value = v
        tr.mt.layouts_grew = True
    elif key_of(info.value) != key_of(v):
        raise error(loc, f"{tr.fn.__name__}() yields values of different types",
                    "yield one type (e.g. 0.0 rather than 0)", _E_TYPE)
    resume_at = tr.next_offset(ins)
    frame = tr.normalized(resume_at, f)
    key = frame.key()
    k = next((i for i, p in enumerate(info.points, start=1) if p[0] == resume_at and
              p[1] == key), None)
    if k is None:
        from .state import Frame
        info.points.append((resume_at, key, Frame(list(frame.locals), list(frame.stack))))
        k = len(info.points)
        tr.mt.layouts_grew = True
    ls = [tr.materialize(x) for x in frame.leaves()]
    if len(ls) > info.slots:  # the frame allocated by start_iter grows: trace again
        info.slots = len(ls)
        tr.mt.layouts_grew = True
    fb = tr.fb
    for i, x in enumerate(ls):
        fb.emit_multi("store", [fb.emit("wadd", [tr.gen_frame, fb.const(8 + 8 * i)]), x],
                      {"dtype": _DT(x.type)})
    fb.emit_multi("store", [tr.gen_frame, fb.const(k)], {"dtype": "int64"})
    tr.do_return(ResumeOut((True, v)), loc)
    return STOP


class ResumeOut:
    """A resume function's own (more, value) result, for FunctionTracer.do_return."""
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


def on_resume_return(tr):
    """The generator's end: finished for good."""
    fb = tr.fb
    fb.emit_multi("store", [tr.gen_frame, fb.const(-1)], {"dtype": "int64"})
    return _finished(tr)


def next_or_iter(tr, fn, args, kwargs, loc):
    """next(g[, default]) and iter(g) of a generator; NotImplemented otherwise."""
    if kwargs or not args or not isinstance(args[0], (Gen, GenIter)):
        return NotImplemented
    it = start_iter(tr, args[0], loc) if isinstance(args[0], Gen) else args[0]
    if fn is iter:
        if len(args) != 1:
            return NotImplemented
        return it
    if len(args) > 2:
        return NotImplemented
    more, value = advance(tr, it, loc)
    fb = tr.fb
    if len(args) == 1:
        if value is None or more is False:
            from .values import TraceRaise
            raise TraceRaise("StopIteration", "")
        if more is not True:
            fb.raise_if(fb.emit("not", [more]), "StopIteration", "", loc)
        return value
    default = args[1]
    from .state import key_of
    if value is None or more is False:
        return default
    if key_of(default) == key_of(value):
        from .state import leaves, rebuild
        vals = [fb.emit("select", [more, tr.materialize(a), tr.materialize(b)])
                for a, b in zip(leaves(value, []), leaves(default, []))]
        return rebuild(value, iter(vals))
    from .typefork import TypeFork
    return TypeFork(fb.emit("select", [more, fb.const(0), fb.const(1)]), [value, default])


def consume_iter(tr, fn, it: GenIter, args, kwargs, loc):
    """sum/min/max/list/sorted/np.array/any/all of a started generator:
    items taken one by one (any/all stop at the deciding item)."""
    import numpy as np
    from . import lists
    from .calls import call_value
    fb = tr.fb
    if fn in (any, all) and not args and not kwargs:
        head, body, out = fb.new_block(), fb.new_block(), fb.new_block([BOOL_T()])
        fb.br(head)
        fb.set_block(head)
        more, v = advance(tr, it, loc)
        if v is None:
            fb.br(out, [fb.const(fn is all)])
        else:
            fb.cond_br(more, body, out, [], [fb.const(fn is all)])
            fb.set_block(body)
            t = tr.truth(v, loc)
            hit = t if fn is any else (fb.emit("not", [t]) if _is_var(t) else not t)
            if hit is True or hit is False:
                hit = fb.const(hit)
            fb.cond_br(hit, out, head, [fb.const(fn is any)], [])
        fb.set_block(out)
        return out.params[0]
    if fn in (sum, min, max, list, sorted) or fn in (np.array, np.asarray):
        info = _info(tr, it.fn, it.values)
        if info.value is None:  # tracing it learns the items' type (the module is traced
            advance(tr, it, loc)  # again, frontend.trace_many, since that info grew)
            raise error(loc, f"{fn.__name__}() of {it.fn.__name__}(), which yields nothing",
                        "loop over it with for", E_GENERATOR)
        elem = lists._elem_of(info.value)
        if elem is None:
            raise error(loc, f"{fn.__name__}() of a generator of non-numbers is not supported",
                        "loop over it with for", E_GENERATOR)
        lst = lists.new_list(tr, elem, [], loc)
        head, body, out = fb.new_block(), fb.new_block(), fb.new_block()
        fb.br(head)
        fb.set_block(head)
        more, v = advance(tr, it, loc)
        fb.cond_br(more, body, out)
        fb.set_block(body)
        lists.append(tr, lst, v, loc)
        fb.br(head)
        fb.set_block(out)
        if fn is list:
            return lst
        return call_value(tr, fn, [lst] + list(args), kwargs, loc)
    return NotImplemented


def BOOL_T():
    from ..ir import BOOL
    return BOOL
