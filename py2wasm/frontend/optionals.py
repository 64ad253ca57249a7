"""Optional values: a value that is None on some paths and of one type T on
others (`best = None` then `best = x`; `return i` in a loop, `return None`
after it; a parameter `x: float | None = None`).

Place in the pipeline: frontend value semantics, used by the tracer at the
joins where paths must agree on one type. Inside one function, block
versioning already keeps None and T apart: each block version knows which
one a variable holds, so `is None` tests, narrowing and uses are decided
when tracing. Where paths must share one representation -- a function's
result, so a callee's result in its caller, and an exported function's
parameters -- the value is an `Opt`: a bool presence flag and T's leaves
(zeros for None), `ir.OptionalType(T)` in a signature. An `Opt` never lives
in a frame: a call's Optional result (and an exported function's Optional
parameter, at entry) is split at once into the alternatives None and T (a
TypeFork), and the tracer continues once for each.
"""
from __future__ import annotations

from typing import Any

from ..ir import BOOL, F64, I64, NONE, Var
from ..ir.types import OptionalType, TupleType
from .values import scalar_type

MAX_SPLIT = 4  # at most 2**4 continuations for the Optional parts of one value


class Opt:
    """A value that is None when `flag` (a bool trace value) is false, else
    `value` (a trace value of T; its leaves are meaningless when None)."""
    __slots__ = ("flag", "value")

    def __init__(self, flag, value):
        self.flag = flag
        self.value = value

    def __repr__(self) -> str:
        return f"Opt({self.flag!r}, {self.value!r})"

    def trace_key(self, key_of):
        return ("opt", key_of(self.value))

    def trace_leaves(self, leaves, out):
        out.append(self.flag)
        leaves(self.value, out)

    def trace_rebuild(self, rebuild, it):
        flag = next(it)
        return Opt(flag, rebuild(self.value, it))


# Messages name a value's type with type(v).__name__ (a list element, a key's result...)
Opt.__name__ = "value that may be None"


def _plain_tuple(v) -> bool:
    return type(v) is tuple or isinstance(v, tuple) and hasattr(type(v), "_fields")


def join(values: list, key_of) -> Any:
    """A template for return values whose keys differ only where some are
    None and the others one type T (also inside tuples, item by item): an
    `Opt` there. None when they do not join so."""
    keys = {key_of(v) for v in values}
    if len(keys) == 1:
        return values[0]
    non_none = [v for v in values if v is not None]
    if len(non_none) < len(values):  # None and T (or Optional T)
        inner = [v.value if type(v) is Opt else v for v in non_none]
        t = join(inner, key_of) if inner else None
        if t is None or type(t) is Opt:
            return None
        return Opt(False, t)
    if any(type(v) is Opt for v in values):
        inner = [v.value if type(v) is Opt else v for v in values]
        t = join(inner, key_of)
        return None if t is None or type(t) is Opt else Opt(False, t)
    if all(_plain_tuple(v) for v in values) and len({(type(v), len(v)) for v in values}) == 1:
        items = [join([v[i] for v in values], key_of) for i in range(len(values[0]))]
        if any(x is None and any(v[i] is not None for v in values)
               for i, x in enumerate(items)):
            return None
        v0 = values[0]
        return tuple(items) if type(v0) is tuple else type(v0)._make(items)
    return None


def has_opt(v) -> bool:
    if type(v) is Opt:
        return True
    return _plain_tuple(v) and any(has_opt(x) for x in v)


def _zero(t):
    return 0.0 if t is F64 else False if t is BOOL else 0


def fit(tmpl, v, leaves) -> list:
    """The leaves of return value `v` in the layout of template `tmpl` (a
    join's result): an `Opt`'s flag, then its value's leaves or zeros."""
    if type(tmpl) is Opt:
        if v is None:
            return [False] + [_zero(scalar_type(x)) for x in leaves(tmpl.value, [])]
        if type(v) is Opt:
            return leaves(v, [])
        return [True] + fit(tmpl.value, v, leaves)
    if _plain_tuple(tmpl):
        out: list = []
        for t, x in zip(tmpl, v):
            out.extend(fit(t, x, leaves))
        return out
    return leaves(v, [])


def fits(t, want) -> bool:
    """A value of PyType `t` is a value of `want` (None or T for T | None)."""
    if t == want:
        return True
    if isinstance(want, OptionalType):
        return t is NONE or fits(t, want.elem)
    if isinstance(want, TupleType) and isinstance(t, TupleType) and \
            len(t.elems) == len(want.elems) and t.names == want.names:
        return all(fits(a, b) for a, b in zip(t.elems, want.elems))
    return False


def coerce(tr, v, t, want: OptionalType, loc) -> list:
    """The flat IR values of trace value `v` (PyType t) as `want`, a T | None."""
    fb = tr.fb
    if t is NONE:
        from ..ir import flatten
        return [fb.const(False, BOOL)] + [fb.const(_zero(x), x) for x in flatten(want.elem)]
    if type(v) is Opt:
        return [tr.materialize(x) for x in (v.flag,)] + tr.coerce_to(v.value, t.elem, want.elem, loc)
    return [fb.const(True, BOOL)] + tr.coerce_to(v, t, want.elem, loc)


def split(fb, v):
    """`v` if it holds no `Opt`; else a TypeFork over the values it stands
    for: each `Opt` None or its value (the tracer continues once for each)."""
    if not has_opt(v):
        return v
    opts: list = []

    def collect(x):
        if type(x) is Opt:
            opts.append(x)
        elif _plain_tuple(x):
            for y in x:
                collect(y)
    collect(v)
    if len(opts) > MAX_SPLIT:
        from .values import E_UNSTABLE_TYPE, error
        raise error(fb.loc, f"a value with {len(opts)} parts that may be None",
                    f"at most {MAX_SPLIT} parts of one result may be None", E_UNSTABLE_TYPE)
    from .typefork import TypeFork

    def pick(x, bits):
        if type(x) is Opt:
            k = opts.index(x)
            return x.value if bits >> k & 1 else None
        if _plain_tuple(x):
            items = [pick(y, bits) for y in x]
            return tuple(items) if type(x) is tuple else type(x)._make(items)
        return x
    known = [o.flag for o in opts]
    if all(not isinstance(f, Var) for f in known):  # flags known: one alternative
        return pick(v, sum(1 << k for k, f in enumerate(known) if f))
    tag = fb.const(0, I64)
    for k, o in enumerate(opts):
        flag = o.flag if isinstance(o.flag, Var) else fb.const(bool(o.flag), BOOL)
        bit = fb.emit("select", [flag, fb.const(1 << k, I64), fb.const(0, I64)])
        tag = fb.emit("or", [tag, bit]) if k else bit
    return TypeFork(tag, [pick(v, bits) for bits in range(1 << len(opts))])


def enter(tr, frame) -> bool:
    """An exported function's Optional parameters, split at entry: one
    version of the body per combination of None and value. False if it
    has none (the tracer starts as usual)."""
    from .state import Frame
    if not has_opt(tuple(frame.locals)):
        return False
    tf = split(tr.fb, tuple(frame.locals))
    if not hasattr(tf, "alts"):  # every flag known
        tr.step_from(0, Frame(list(tf), []))
        return True
    fb = tr.fb
    last = len(tf.alts) - 1
    for k, alt in enumerate(tf.alts[:-1]):
        is_k = fb.emit("eq", [tf.tag, fb.const(k, I64)])
        tb, targs = tr.edge(0, Frame(list(alt), []))
        if k + 1 == last:
            eb, eargs = tr.edge(0, Frame(list(tf.alts[last]), []))
        else:
            eb, eargs = fb.new_block(), []
        fb.cond_br(is_k, tb, eb, targs, eargs)
        fb.set_block(eb)
    return True


def annotation(ann, fn, what, convert, bad):
    """`T | None`, `Optional[T]`, `Union[T, None]` -> OptionalType(T); any
    other union is refused (`bad`)."""
    import typing
    args = [a for a in typing.get_args(ann) if a is not type(None)]
    if len(args) != 1 or len(args) == len(typing.get_args(ann)):
        bad()
    elem = convert(args[0])
    if elem is NONE or isinstance(elem, OptionalType):
        bad()
    return OptionalType(elem)
