"""The vectorizer: innermost array loops -> wasm SIMD128 loops plus the
original loop as the scalar remainder.

Place in the pipeline: a pass (IR -> IR), run by `run_passes` at level >= 1
for a SIMD target (py2wasm.targets), after link_math, fold, ranges and dce.
It emits the vector primitives of ir/primitives.py ("SIMD");
backend/lower_simd.py lowers them. Results are bit-identical to the scalar
loop unless `fastmath`.

A loop is the shape `frontend.arrays.loop` (or a Python `for i in range`)
emits: a header `^h(..., i, ...)` whose only equation is `lt i n` and whose
branch enters a one-block body (no control flow inside) that ends with
`br ^h(..., wadd(i, 1), ...)`, entered from one preheader. It is vectorized
when
- it is marked `{"loop": "parallel"}` (the frontend's elementwise loops:
  materialized expressions, slice and `out=` assignment), or it stores
  nothing (a reduction), or it stores only into allocations of this function
  (or argument arrays of an exported function) and reads them back only at
  the stored element (`_stores_private`: NumPy's reductions along an outer
  axis, creation fills, a user's `out[i] = f(a[i])` loop), and
- every equation of the body can run lane-wise: nothing that may raise
  (checked int arithmetic, true division, calls -- except calls of the
  linked libm functions `vectorize_math.py` widens (`VECTOR_MATH`: exp, expm1,
  log, log1p, log2, log10, sinh, cosh, tanh; float32 exp, log, log2, log10,
  sinh, cosh, tanh: their straight-line cores lane-wise, bit-identical); other libm calls keep
  the loop scalar, a lane-by-lane call would cost what the scalar loop
  costs), except bounds checks of the index (`raise_if[_fmt]` of `i >= bound`
  ...), which become a run-time guard in front of the vector loop: when one
  could fire, the scalar loop runs and raises exactly where Python raises;
  no float->int conversion, int->float only of int32/uint8 elements and of
  the index itself (`vitof`, guarded to int32 indices); the index as a value
  only converted or stored as int64 (np.arange); elements float64, float32,
  int64, int32, uint8 or bool, and
- each element address is `base + i * stride`: stride == itemsize (a
  contiguous vector load/store), a known 0 (a broadcast operand: scalar
  load + splat) or another known constant (a strided view: lanes
  gathered/scattered one by one). A run-time stride (a view's, or 0/itemsize
  by broadcasting) gives two vector loops: the contiguous one when every
  run-time stride equals the itemsize, else one that gathers/scatters those
  lanes at the actual strides, and
- each carried value is a reduction whose result does not depend on the
  order: int64 `wadd`/`wmul`, bool `or`/`and`, NumPy's NaN-propagating
  min/max (the vector result is used unless it is NaN or a zero, where ties
  between -0.0/+0.0 or NaN payloads could depend on the order: then the
  scalar loop recomputes it from the start), and with `fastmath` float sums
  and products (lanes start from the identity; the lanes are combined at the
  end: a different rounding order). A loop with one or two reductions gets
  4 vector accumulators per reduction (independent dependency chains).
Lanes: 2 x 64 bits (f64x2, i64x2, m64x2; float32 elements computed in f64
lanes, converted exactly and rounded back with `vf32`), or 4 x float32
(f32x4) when every value of the loop is float32: loads, f32-rounded results
of + - * / sqrt (the f32x4 operation gives exactly f32 of the f64 one),
operations exact on float32 values, float32-exact invariants.
With `fastmath`, `x * y + z` (float32: `f32(x * y) + z`) in a vector loop
becomes `vfma` (relaxed-SIMD fused multiply-add on "relaxed-simd", mul + add
on "simd").

`vectorize_rows.py` vectorizes a loop this pass refuses whose carried values
are all independent float sums of products (several dot products side by
side, as in matrix-vector products) across the sums: lane r is sum r, in
its own order (bit-identical). `vectorize_pairwise.py` vectorizes NumPy's pairwise-sum block loop (the 8
accumulators of `__pairwise_sum_<dtype>`, nplib) as 4 f64x2 / 2 f32x4
accumulators: lane k does exactly the additions accumulator k does, so the
sum is NumPy's to the bit.

This module is the driver and the analysis of a loop; the loop shape and
the block helpers are loop_shape.py's, the lane shapes and operation tables
vectorize_lanes.py's, and the writing of the vector loops vectorize_emit.py's.
"""
from __future__ import annotations

from ..ir import Eqn, Function, Module, Var
from ..ir.primitives import PRIMITIVES
from ..ir.types import BOOL, F64, I64
from ..targets import get_target
from . import vectorize_math
from .loop_shape import FunctionIndex, Loop, match_loop
from .vectorize_emit import _Emission
from .vectorize_lanes import (_BOOL_OPS, _CMP, _FLOAT_OPS, _INDEX_OPS, _INT_OPS, ELEMENT,
                              _can_raise, _Reduction, _Refuse)

def vectorize(module: Module, *, target="simd", fastmath: bool = False) -> Module:
    """Vectorize the loops of every function (nothing for a non-SIMD target)."""
    if not get_target(target).simd:
        return module
    called = {e.params["fn"] for f in module.functions.values() for b in f.blocks
              for e in b.eqns if e.prim == "call"}
    for fn in module.functions.values():
        # only the host calls it: its array arguments are separate copies
        host_only = fn.name in module.exports and fn.name not in called and not _aliased(fn)
        vectorize_function(fn, fastmath=fastmath, exported=host_only)
    return module


def _aliased(fn: Function) -> bool:
    """Some array parameters of fn share memory (`ArrayType.alias`: the host
    passes them as views into one block)."""
    from ..ir.types import ArrayType, TupleType

    def has(t):
        if isinstance(t, ArrayType):
            return t.alias is not None
        return isinstance(t, TupleType) and any(has(e) for e in t.elems)
    return fn.sig is not None and any(has(t) for _, t in fn.sig.params)


def vectorize_function(fn: Function, *, fastmath: bool = False, exported: bool = False) -> int:
    """Vectorize fn's loops in place; the number of loops vectorized.
    `exported`: fn is called only by the host (exported, never called from
    IR), whose array arguments never share memory (each is copied into its
    own block), so its pointer parameters never alias each other."""
    from .vectorize_pairwise import vectorize_pairwise
    from .vectorize_rows import vectorize_rows
    done = 0
    index = FunctionIndex(fn)
    for h in list(fn.blocks):
        loop = match_loop(fn, h, index)
        if loop is None:
            continue
        before = len(fn.blocks)
        old_succ = list(loop.pre.successors())
        if loop.step != 1:  # an index stepping over byte addresses (frontend/matmul_kernels.dot_rows): only
            # the accumulator lanes apply (the other vectorizers count iterations)
            if not vectorize_rows(fn, loop, index.consts, fastmath=fastmath):
                continue
            done += 1
            index.update([loop.pre] + fn.blocks[before:], {id(loop.pre): old_succ})
            continue
        try:
            if vectorize_pairwise(fn, loop, index.consts):
                done += 1
            elif fastmath and vectorize_rows(fn, loop, index.consts, fastmath=True):
                done += 1  # separate sums as lanes (v128 loads), fused multiply-adds
            else:
                _LoopVectorizer(fn, loop, fastmath, exported, index).run()
                done += 1
        except _Refuse:
            if not vectorize_rows(fn, loop, index.consts):
                continue
            done += 1
        # the preheader grew and branches anew; the vector loops are new blocks
        index.update([loop.pre] + fn.blocks[before:], {id(loop.pre): old_succ})
    return done



# --- the elementwise/reduction loop vectorizer: analysis (emission: vectorize_emit.py)

class _LoopVectorizer(_Emission):
    def __init__(self, fn: Function, loop: Loop, fastmath: bool, exported: bool = False,
                 index: "FunctionIndex | None" = None):
        self.fn, self.loop, self.fastmath, self.exported = fn, loop, fastmath, exported
        index = index if index is not None else FunctionIndex(fn)
        self.consts = index.consts
        self.kind: dict[int, str] = {}  # var id -> "U" uniform, "I" index-affine, "V" vector
        self.coef: dict[int, dict] = {}  # "I" vars: {None: k, var: k...} = sum of k * var
        self.access: dict[int, tuple] = {}  # load/store eqn id -> ("vector"|"gather"|"splat", stride)
        self.guards: list[tuple] = []  # (run-time stride, the itemsize it must equal)
        self.reductions: list[_Reduction] = []
        self.fused: set[int] = set()  # ids of mul eqns contracted into an fma
        self.fma: dict[int, tuple] = {}  # add eqn id -> (a, b, c): vfma(a, b, c)
        self.skip: set[int] = set()  # eqn ids left out of the vector body (bounds checks)
        self.index_values = False  # float(i) in the body: lanes must fit int32 (vitof)
        self.raise_guards: list[tuple] = []  # (op, bound): `i op bound` never true
        self.defs = index.defs
        self.body_defs = {o.id for e in loop.body.eqns for o in e.outs}

    # --- analysis --------------------------------------------------------
    def kind_of(self, v: Var) -> str:
        return self.kind.get(v.id, "U")

    def run(self):
        self.analyse()
        self.emit()

    def analyse(self):
        lp, body = self.loop, self.loop.body
        parallel = lp.header.meta.get("loop") == "parallel"
        if lp.header.meta.get("versioned") == "checked":
            raise _Refuse("the checked copy of a versioned loop (passes/loop_version: runs when a check may fire)")
        has_store = any(e.prim == "store" for e in body.eqns)
        if any(e.params.get("offset") for e in body.eqns if e.prim in ("load", "store")):
            raise _Refuse("a load or store at a constant offset (a kernel's own addressing)")
        if has_store and not parallel and not self._stores_private():
            raise _Refuse("stores in a loop not known to be parallel")
        self.kind[lp.index.id] = "I"
        self.coef[lp.index.id] = {None: 1}
        for c in lp.carried:
            self.kind[c.id] = "V"
        for e in body.eqns:  # (i + 1 too: it may also address an element)
            self._classify(e)
        for c, new in zip(lp.carried, lp.latch_carried):
            self.reductions.append(self._reduction(c, new, has_store))
        if not any(mode != "splat" for mode, _ in self.access.values()):
            raise _Refuse("no array element moves in lanes: nothing to vectorize")
        bound = self.defs.get(lp.n.id)
        if bound is not None and bound.prim == "and" and \
                any(0 <= self.consts.get(v.id, -1) < 16 for v in bound.ins
                    if type(self.consts.get(v.id)) is int):
            raise _Refuse("at most 15 iterations (n & mask): a remainder loop")
        if self.fastmath:
            self._contractions()

    def _classify(self, e: Eqn):
        kinds = [self.kind_of(v) for v in e.ins]
        p = e.prim
        if p in ("raise_if", "raise_if_fmt") and kinds[0] in ("C", "U"):
            self._never_raises(e.ins[0])
            self.skip.add(id(e))
            return
        if "C" in kinds:
            if p not in ("or", "and") or "V" in kinds or "I" in kinds:
                raise _Refuse("an index comparison used as a value")
            self.kind[e.outs[0].id] = "C"
            self.skip.add(id(e))
            return
        if p in _CMP and "I" in kinds and "V" not in kinds:
            self.kind[e.outs[0].id] = "C"  # a bounds check: see _never_raises
            self.skip.add(id(e))
            return
        if p == "call" and set(kinds) <= {"U", "V"} and vectorize_math.widenable(e):
            self.kind[e.outs[0].id] = "V" if "V" in kinds else "U"  # libm: vectorize_math.py
            return
        if _can_raise(e):
            raise _Refuse(f"{e.prim} may raise")
        if p == "load":
            self._load(e, kinds[0])
            return
        if p == "store":
            self._store(e, kinds)
            return
        if all(k == "U" for k in kinds):
            for o in e.outs:
                self.kind[o.id] = "U"
            return
        if p == "convert" and e.ins[0] is self.loop.index and e.params.get("to") is F64:
            self.index_values = True  # float(i): lanes (j, j+1...) converted, see emit
            self.kind[e.outs[0].id] = "V"
            return
        if "I" in kinds:
            if p not in _INDEX_OPS or "V" in kinds:
                raise _Refuse(f"the loop index flows into {p}")
            self.kind[e.outs[0].id] = "I"
            self.coef[e.outs[0].id] = self._affine(e)
            return
        self._vector_op(e)
        self.kind[e.outs[0].id] = "V"

    def _stores_private(self) -> bool:
        """Are the iterations independent although the loop is not marked?
        True when every store goes to memory this function allocated
        (`alloc`) or, in an exported function, to an argument array, and
        every load from that memory reads exactly the element this iteration
        stores (the same address expression): NumPy's reductions along an
        outer axis (`acc[j] = acc[j] + a[i, j]`), a user's `out[i] = f(a[i])`
        loop. Other loads must read from the function's pointer parameters
        (argument arrays, placed before this function allocated anything;
        in an exported function each its own copy) or other allocations,
        which a fresh allocation never overlaps."""
        body = self.loop.body
        keys: dict = {}
        stores = [e for e in body.eqns if e.prim == "store"]
        roots = {}
        params = {p.id for p in self.fn.params}
        for e in stores:
            r = self._root(e.ins[0])
            d = self.defs.get(r.id) if r is not None else None
            if r is None or not ((d is not None and d.prim == "alloc") or
                                 (self.exported and r.id in params)):
                return False
            k = self._key(e.ins[0], keys)
            if roots.setdefault(r.id, k) != k:
                return False  # two different elements of one allocation
        for e in body.eqns:
            if e.prim == "load":
                r = self._root(e.ins[0])
                if r is None:
                    return False
                d = self.defs.get(r.id)
                if r.id not in params and (d is None or d.prim != "alloc"):
                    return False  # a pointer of unknown origin may alias the stores
                if r.id in roots and self._key(e.ins[0], keys) != roots[r.id]:
                    return False
        return True

    def _root(self, v: Var):
        """The base pointer of an address: the first operand of its wadd chain."""
        for _ in range(64):
            e = self.defs.get(v.id)
            if e is None or e.prim != "wadd":
                return v
            v = e.ins[0]
        return None

    def _key(self, v: Var, memo: dict):
        """A structural key of v's computation inside the body (equal keys:
        equal values in every iteration)."""
        if v.id not in self.body_defs:
            return ("var", v.id)
        if v.id in memo:
            return memo[v.id]
        e = self.defs[v.id]
        if e.prim == "const":
            k = ("const", e.params["value"], e.params["type"].name)
        elif e.prim in ("load", "store") or not PRIMITIVES[e.prim].pure:
            k = ("eqn", id(e))
        else:
            k = (e.prim, tuple(sorted((a, repr(b)) for a, b in e.params.items())),
                 tuple(self._key(x, memo) for x in e.ins))
        memo[v.id] = k
        return k

    def _never_raises(self, cond: Var):
        """Guards (in the preheader) under which `cond`, a bounds check on the
        index i (i in [i0, n)), is false in every iteration; the vector loop
        runs only then, the scalar loop (raising where Python raises)
        otherwise."""
        if self.consts.get(cond.id, None) is False:
            return
        if self.kind_of(cond) == "U":  # the same in every iteration (an outer index's check)
            self._hoistable(cond)
            self.raise_guards.append(("false", cond))
            return
        if self.kind_of(cond) != "C":
            raise _Refuse("a raise_if on a loop-invariant condition")
        e = self.defs[cond.id]
        if e.prim == "or":
            for v in e.ins:
                self._never_raises(v)
            return
        if e.prim not in ("lt", "le", "gt", "ge"):
            raise _Refuse(f"a raise condition by {e.prim}")
        a, b = e.ins
        op = e.prim
        if b is self.loop.index and a is not self.loop.index:
            a, b, op = b, a, {"lt": "gt", "le": "ge", "gt": "lt", "ge": "le"}[op]
        if self.kind_of(b) == "I" and self.kind_of(a) != "I":
            a, b, op = b, a, {"lt": "gt", "le": "ge", "gt": "lt", "ge": "le"}[op]
        if self.kind_of(a) != "I" or self.kind_of(b) != "U":
            raise _Refuse("a raise condition not of the form i < bound")
        k = self.coef[a.id]
        if set(k) != {None} or not k[None]:
            raise _Refuse("a bound check of an index with a run-time stride")
        self._hoistable(a)
        self._hoistable(b)
        # a = k*i + c: its extremes over [i0, n) at the ends (a[i, j - 1], a[i + 1, j])
        self.raise_guards.append((op, a, b, k[None]))

    def _affine(self, e: Eqn) -> dict:
        a, b = e.ins
        ca, cb = self._coef(a), self._coef(b)
        if e.prim == "wadd":
            return _lin_add(ca, cb, 1)
        if e.prim == "wsub":
            return _lin_add(ca, cb, -1)
        # wmul: one side must be uniform
        if self.kind_of(a) == "I" and self.kind_of(b) == "I":
            raise _Refuse("index squared")
        idx, u = (a, b) if self.kind_of(a) == "I" else (b, a)
        c = self._coef(idx)
        k = self.consts.get(u.id)
        if k is not None:
            return {key: val * k for key, val in c.items() if val * k}
        if set(c) != {None}:
            raise _Refuse("stride is a product of run-time values")
        return {u: c[None]} if c[None] else {}

    def _coef(self, v: Var) -> dict:
        if self.kind_of(v) == "I":
            return self.coef[v.id]
        return {}  # uniform: no dependence on the index

    def _fits_int32(self, v: Var) -> bool:
        """Is the vector value v an int32 in every lane (an int32/uint8
        element, or wrapped to one)?"""
        e = self.defs.get(v.id)
        if e is None:
            return False
        if e.prim == "load":
            return e.params["dtype"] in ("int32", "uint8")
        return e.prim == "wrap" and e.params["dtype"] in ("int32", "uint8")

    def _stride(self, addr: Var, dtype: str, what: str):
        if dtype not in ELEMENT:
            raise _Refuse(f"{what} of {dtype} elements")
        size = ELEMENT[dtype][0]
        c = self._coef(addr)
        if not c:
            return ("splat", 0)
        if set(c) == {None}:
            k = c[None]
            if k == size:
                return ("vector", k)
            if dtype == "bool" and what == "load":
                raise _Refuse("a strided bool operand (masks are not built lane by lane)")
            return ("gather", k)
        self.guards.append((c, size))
        return ("runtime", len(self.guards) - 1)  # contiguous if c == size, else gathered

    def _load(self, e: Eqn, k: str):
        if k == "U":
            self.kind[e.outs[0].id] = "U"
            return
        if k == "V":
            raise _Refuse("an address computed from element values")
        mode = self._stride(e.ins[0], e.params["dtype"], "load")
        self.access[id(e)] = mode
        self.kind[e.outs[0].id] = "U" if mode[0] == "splat" else "V"

    def _store(self, e: Eqn, kinds):
        if kinds[0] != "I":
            raise _Refuse("a store to one address in every iteration")
        if kinds[1] == "I" and not (e.ins[1] is self.loop.index and
                                    e.params["dtype"] == "int64"):
            raise _Refuse("an index expression stored as a value")
        mode = self._stride(e.ins[0], e.params["dtype"], "store")
        self.access[id(e)] = mode

    def _vector_op(self, e: Eqn):
        p, ts = e.prim, [v.type for v in e.ins]
        if (p in _FLOAT_OPS or p in ("isinf", "isfinite")) and all(t is F64 for t in ts):
            return
        if p in _INT_OPS and all(t is I64 for t in ts):
            return
        if p == "wrap" and ts == [I64] and e.params["dtype"] in ("int64", "int32", "uint8"):
            return
        if p == "convert" and e.params.get("to") is F64 and ts == [I64] and \
                self._fits_int32(e.ins[0]):
            return  # vitof: exact for int32 lanes
        if p in _CMP and len(set(ts)) == 1 and ts[0] in (F64, I64):
            return
        if p in _BOOL_OPS and all(t is BOOL for t in ts):
            return
        if p == "select" and ts[1] in (F64, I64):
            return
        raise _Refuse(f"no vector form of {p} on {', '.join(t.name for t in ts)}")

    def _reduction(self, c: Var, new: Var, has_store: bool) -> _Reduction:
        body = self.loop.body
        dep = {c.id}
        chain = []
        for e in body.eqns:
            if any(v.id in dep for v in e.ins):
                if not e.outs or not PRIMITIVES[e.prim].pure:
                    # stored (or otherwise observed) in every iteration: a scan
                    # (prefix sum, running max, IIR filter), not a reduction;
                    # each lane would need the running value of the lanes
                    # before it, and float scans must keep the scalar
                    # rounding order: the loop stays scalar
                    raise _Refuse(f"a carried value used by {e.prim} in every iteration")
                chain.append(e)
                dep.update(o.id for o in e.outs)
        if new.id not in dep or not chain or not chain[-1].outs or chain[-1].outs[0] is not new:
            raise _Refuse("a carried value that is not a reduction")
        others = {v.id: v for e in chain for v in e.ins if v.id not in dep}
        others = {i: v for i, v in others.items() if i not in self.consts}
        if sum(1 for v in body.term.args if v.id in dep) != 1 or len(others) != 1:
            raise _Refuse("a reduction mixing carried values")
        (x,) = others.values()
        prims = [e.prim for e in chain]
        t = c.type
        exact = {("wadd",): 0, ("wmul",): 1}
        if tuple(prims) in exact and t is I64:
            return _Reduction(c, new, chain, x, "identity", exact[tuple(prims)], False)
        if tuple(prims) in (("or",), ("and",)) and t is BOOL:  # idempotent: lanes start at c
            return _Reduction(c, new, chain, x, "splat", None, False)
        if t in (F64, I64) and prims[0] in ("ge", "le") and _is_minmax(chain, c, x, t):
            # NumPy's max/min (NaN wins, the first of equal values is kept)
            post = t is F64
            if post and has_store:
                raise _Refuse("a float min/max beside stores cannot be recomputed")
            return _Reduction(c, new, chain, x, "splat", None, post)
        if self.fastmath and t is F64 and tuple(prims) in (("add",), ("add", "f32"), ("mul",),
                                                           ("mul", "f32")):
            return _Reduction(c, new, chain, x, "identity", -0.0 if prims[0] == "add" else 1.0,
                              False)
        raise _Refuse(f"a reduction by {' '.join(prims)} depends on the order")

    def _contractions(self):
        """fastmath: add(mul(a, b), c) with a single-use vector mul -> vfma;
        for float32 also add(f32(mul(a, b)), c) (the product's rounding is
        dropped: contraction)."""
        body = self.loop.body
        uses: dict[int, int] = {}
        for e in body.eqns:
            for v in e.ins:
                uses[v.id] = uses.get(v.id, 0) + 1
        for v in body.term.args:
            uses[v.id] = uses.get(v.id, 0) + 1
        defs = {e.outs[0].id: e for e in body.eqns if e.outs}
        for e in body.eqns:
            if e.prim != "add" or e.outs[0].type is not F64 or self.kind_of(e.outs[0]) != "V":
                continue
            for k, v in enumerate(e.ins):
                d = defs.get(v.id)
                skip = []
                if d is not None and d.prim == "f32" and uses[v.id] == 1:
                    skip.append(d)
                    d = defs.get(d.ins[0].id)
                if d is None or d.prim != "mul" or uses[d.outs[0].id] != 1 or \
                        self.kind_of(d.outs[0]) != "V" or id(d) in self.fused:
                    continue
                self.fused.update(id(x) for x in skip + [d])
                self.fma[id(e)] = (d.ins[0], d.ins[1], e.ins[1 - k])
                break


def _lin_add(a: dict, b: dict, sign: int) -> dict:
    out = dict(a)
    for k, v in b.items():
        out[k] = out.get(k, 0) + sign * v
        if out[k] == 0:
            del out[k]
    return out


def _is_minmax(chain, c, x, t) -> bool:
    prims = [e.prim for e in chain]
    if t is F64:
        if prims[1:] != ["isnan", "or", "not", "select"]:
            return False
        cmp, isn, or_, not_, sel = chain
        return cmp.ins == [c, x] and isn.ins == [c] and set(map(id, or_.ins)) == \
            {id(cmp.outs[0]), id(isn.outs[0])} and not_.ins == [or_.outs[0]] and \
            sel.ins == [not_.outs[0], x, c]
    if prims[1:] != ["not", "select"]:
        return False
    cmp, not_, sel = chain
    return cmp.ins == [c, x] and not_.ins == [cmp.outs[0]] and sel.ins == [not_.outs[0], x, c]
