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
"""
from __future__ import annotations

import weakref

from ..ir import Block, Br, CondBr, Eqn, Function, Module, Var
from ..ir.dominators import add_edges, predecessors
from ..ir.primitives import PRIMITIVES
from ..ir.types import BOOL, F32X4, F64, F64X2, I64, I64X2, M32X4, M64X2
from ..targets import get_target
from . import vectorize_math


class Lanes:
    """A vector shape: `width` lanes, the vector type of each scalar type and
    of each element dtype in memory (dtype -> (itemsize, vector type))."""

    def __init__(self, width, vtype, element):
        self.width, self.vtype, self.element = width, vtype, element


# 64-bit lanes: float64, int64, and float32 elements computed in f64 lanes
LANES64 = Lanes(2, {F64: F64X2, I64: I64X2, BOOL: M64X2},
                {"float64": (8, F64X2), "float32": (4, F64X2), "int64": (8, I64X2),
                 "int32": (4, I64X2), "uint8": (1, I64X2), "bool": (1, M64X2)})
# float32 lanes: loops whose every value is float32 (see _float32_exact)
LANES32 = Lanes(4, {F64: F32X4, BOOL: M32X4}, {"float32": (4, F32X4), "bool": (1, M32X4)})
ELEMENT = LANES64.element
UNROLL = 4  # vector accumulators per reduction (latency: independent chains)
_F32_ROUNDED = ("add", "sub", "mul", "fdiv", "sqrt")  # f32(op(x, y)) == float32 op
_F32_EXACT = ("neg", "abs", "fabs", "floor", "ceil", "trunc", "nearest", "select", "isnan",
              "isinf", "isfinite",
              "eq", "ne", "lt", "le", "gt", "ge", "not", "and", "or", "xor", "load")

_FLOAT_OPS = {"add": "vadd", "sub": "vsub", "mul": "vmul", "fdiv": "vdiv", "neg": "vneg",
              "abs": "vabs", "fabs": "vabs", "sqrt": "vsqrt", "floor": "vfloor",
              "ceil": "vceil", "trunc": "vtrunc", "nearest": "vnearest", "f32": "vf32",
              "isnan": "visnan"}
_INT_OPS = {"wadd": "vadd", "wsub": "vsub", "wmul": "vmul", "wneg": "vneg"}
_CMP = {"eq": "veq", "ne": "vne", "lt": "vlt", "le": "vle", "gt": "vgt", "ge": "vge"}
_BOOL_OPS = {"not": "vnot", "and": "vand", "or": "vor", "xor": "vxor"}
_INDEX_OPS = ("wadd", "wsub", "wmul")
_NEVER_RAISE_ON_FLOATS = ("add", "sub", "mul", "neg", "abs")


class _Refuse(Exception):
    """This loop stays scalar (the reason is the message)."""


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


class FunctionIndex:
    """Function-wide facts the vectorizer looks up for every candidate loop
    (definitions, constants, predecessors), built once per function and
    updated after each loop it rewrites, so that a function with many loops
    costs time linear in its size."""

    def __init__(self, fn: Function):
        self.defs: dict[int, Eqn] = {}
        self.consts: dict[int, object] = {}
        self.preds = predecessors(fn.blocks, per_edge=True)
        for b in fn.blocks:
            self._scan(b)

    def _scan(self, b: Block):
        for e in b.eqns:
            for o in e.outs:
                self.defs[o.id] = e
            if e.prim == "const":
                self.consts[e.outs[0].id] = e.params["value"]

    def update(self, blocks: list[Block], old_successors: dict):
        """`blocks` changed or are new; `old_successors`: id(block) -> the
        successors a changed block had before."""
        for b in blocks:
            for s in old_successors.get(id(b), ()):
                self.preds[id(s)] = [p for p in self.preds[id(s)] if p is not b]
        for b in blocks:
            self.preds.setdefault(id(b), [])
            self._scan(b)
            add_edges(self.preds, b, per_edge=True)


# --- loop shape -------------------------------------------------------------------------

class Loop:
    """`header.params[ipos]` is the index; the other header parameters are
    carried values. `init` and `latch` are the preheader's and the body's
    branch arguments, split the same way (`init_index`, `init_carried`...).
    The index grows by `step` (a positive constant) while it is below `n`;
    only `vectorize_rows` takes loops whose step is not 1."""

    def __init__(self, header, body, exit_, pre, n, init, ipos=0, step=1):
        self.header, self.body, self.exit, self.pre = header, body, exit_, pre
        self.n, self.init, self.ipos = n, init, ipos  # trip bound, preheader's arguments
        self.step = step  # the index's increment (a positive constant; 1 but for byte-address loops)

    def _split(self, xs):
        return xs[self.ipos], xs[:self.ipos] + xs[self.ipos + 1:]

    @property
    def index(self) -> Var:
        return self.header.params[self.ipos]

    @property
    def carried(self) -> list[Var]:
        return self._split(self.header.params)[1]

    @property
    def init_index(self) -> Var:
        return self.init[self.ipos]

    @property
    def init_carried(self) -> list[Var]:
        return self._split(self.init)[1]

    @property
    def latch_index(self) -> Var:
        return self.body.term.args[self.ipos]

    @property
    def latch_carried(self) -> list[Var]:
        return self._split(list(self.body.term.args))[1]

    def header_args(self, index: Var, carried) -> list[Var]:
        """Branch arguments for the header: the index at its position."""
        carried = list(carried)
        return carried[:self.ipos] + [index] + carried[self.ipos:]


def match_loop(fn: Function, h: Block, index: "FunctionIndex | None" = None):
    """The Loop whose header is `h`, if h heads a loop of the shape above.
    (`index`: fn's FunctionIndex, if the caller keeps one.)"""
    if not h.params or len(h.eqns) != 1:
        return None
    e, t = h.eqns[0], h.term
    if e.prim != "lt" or not any(e.ins[0] is p for p in h.params) or \
            e.ins[0].type is not I64 or not isinstance(t, CondBr) or \
            t.cond is not e.outs[0] or t.then_args or t.then is h or t.then is t.else_:
        return None
    ipos = next(k for k, p in enumerate(h.params) if p is e.ins[0])
    body = t.then
    bt = body.term
    if body.params or not isinstance(bt, Br) or bt.target is not h:
        return None
    preds = index.preds if index is not None else predecessors(fn.blocks, per_edge=True)
    if [id(b) for b in preds.get(id(body), [])] != [id(h)]:
        return None
    hp = [b for b in preds.get(id(h), []) if b is not body]
    if len(hp) != 1 or len(preds[id(h)]) != 2 or not isinstance(hp[0].term, Br):
        return None
    n = e.ins[1]
    defined = {o.id for x in body.eqns for o in x.outs}
    if n.id in defined or any(n is p for p in h.params):
        return None  # the bound must be loop-invariant
    cond = e.outs[0]
    if any(v is cond for x in body.eqns for v in x.ins) or any(v is cond for v in bt.args):
        return None  # the header's comparison used inside the loop
    inc = bt.args[ipos]
    inc_eq = next((x for x in body.eqns if inc in x.outs), None)
    if inc_eq is None or inc_eq.prim != "wadd" or inc_eq.ins[0] is not h.params[ipos]:
        return None
    step = (index.consts.get(inc_eq.ins[1].id) if index is not None
            else _const_value(fn, inc_eq.ins[1]))
    if type(step) is not int or step < 1:
        return None
    return Loop(h, body, t.else_, hp[0], n, list(hp[0].term.args), ipos, step)


def _const_value(fn: Function, v: Var):
    for b in fn.blocks:
        for e in b.eqns:
            if e.prim == "const" and e.outs[0] is v:
                return e.params["value"]
    return None


# --- IR construction helpers ----------------------------------------------------------

def new_block(fn: Function, params=()) -> Block:
    b = Block(next_label(fn), list(params))
    fn.blocks.append(b)
    return b


_LABELS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def next_label(fn: Function) -> int:
    """A label no block of fn has (one more than the largest). Remembered
    per function while blocks are only appended: O(1) per new block."""
    n, last, top = _LABELS.get(fn, (0, None, -1))
    blocks = fn.blocks
    if n > len(blocks) or (n and blocks[n - 1] is not last):
        n, top = 0, -1  # blocks were removed or replaced: look at all again
    for b in blocks[n:]:
        top = max(top, b.label)
    _LABELS[fn] = (len(blocks), blocks[-1] if blocks else None, top + 1)
    return top + 1


def emit(block: Block, prim: str, ins, params=None, out_types=None, loc=None) -> Var:
    from ..ir.primitives import type_of
    params = params or {}
    types = out_types or type_of(prim, [v.type for v in ins], params)
    outs = [Var(t) for t in types]
    block.eqns.append(Eqn(prim, list(ins), outs, params, loc))
    return outs[0] if outs else None


def const(block: Block, value, t) -> Var:
    return emit(block, "const", [], {"value": value, "type": t})


# --- the elementwise/reduction loop vectorizer ---------------------------------------------

def _can_raise(e: Eqn) -> bool:
    if e.prim in ("raise_if", "raise_if_fmt", "call", "alloc"):
        return True
    if e.prim == "convert" and e.params.get("to") is F64 and e.ins[0].type is I64:
        return False  # float(int): rounds, never raises
    if e.prim in _NEVER_RAISE_ON_FLOATS and all(v.type is F64 for v in e.ins):
        return False
    return bool(PRIMITIVES[e.prim].raises)


class _Reduction:
    """A carried value c and the chain of body equations computing c' from
    c and one other input x."""

    def __init__(self, c, new, chain, x, init_mode, identity, postcheck):
        self.c, self.new, self.chain, self.x = c, new, chain, x
        self.init_mode, self.identity, self.postcheck = init_mode, identity, postcheck


class _LoopVectorizer:
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

    # --- emission ----------------------------------------------------------
    def emit(self):
        fn, lp = self.fn, self.loop
        pre, h, body = lp.pre, lp.header, lp.body
        L = self.lanes = LANES32 if self._float32_exact() else LANES64
        w = L.width
        # several accumulators break the dependency chain of a reduction; a loop
        # with many reductions (a register block of a matmul) has enough chains
        self.unroll = unroll = UNROLL if 0 < len(self.reductions) <= 2 else 1
        self.vmap: dict[int, Var] = {}
        self.smap: dict[int, Var] = {}
        self.splats: dict[tuple, Var] = {}
        self.defined_in_body = {o.id for e in body.eqns for o in e.outs}
        self.pre_block = pre
        # preheader: the run-time strides, the guards, the vector accumulators
        i0, c0 = lp.init_index, lp.init_carried
        self.stride_vars = [self._linear(pre, c) for c, _ in self.guards]
        contiguous = None
        for sv, (_, size) in zip(self.stride_vars, self.guards):
            ok = emit(pre, "eq", [sv, const(pre, size, I64)])
            contiguous = ok if contiguous is None else emit(pre, "and", [contiguous, ok])
        # enough iterations for one vector step (else no accumulator setup and
        # lane combining: straight to the scalar loop)
        guard = emit(pre, "lt", [emit(pre, "wadd", [i0, const(pre, w * unroll - 1, I64)]), lp.n])
        last = emit(pre, "wsub", [lp.n, const(pre, 1, I64)])
        for g in self.raise_guards:  # i in [i0, n): the check is never true
            if g[0] == "false":
                guard = emit(pre, "and", [guard, emit(pre, "not", [self._at(g[1], None)])])
                continue
            op, a, bound, k = g
            lo, hi = (i0, last) if k > 0 else (last, i0)
            amin, amax = self._at(a, lo), self._at(a, hi)
            bound = self._at(bound, None)
            if op == "ge":
                ok = emit(pre, "lt", [amax, bound])
            elif op == "gt":
                ok = emit(pre, "le", [amax, bound])
            elif op == "lt":
                ok = emit(pre, "ge", [amin, bound])
            else:  # le
                ok = emit(pre, "gt", [amin, bound])
            guard = emit(pre, "and", [guard, ok])
        if self.index_values:  # every index converted by vitof fits int32
            lo = emit(pre, "ge", [i0, const(pre, -2**31, I64)])
            hi = emit(pre, "le", [lp.n, const(pre, 2**31, I64)])
            guard = emit(pre, "and", [guard, emit(pre, "and", [lo, hi])])
        vinit = []
        for k in range(unroll):
            for r, v0 in zip(self.reductions, c0):
                vt = L.vtype[r.c.type]
                if r.init_mode == "splat":  # idempotent: every lane may start at c0
                    vinit.append(emit(pre, "vsplat", [v0], {"vtype": vt}))
                else:
                    ident = const(pre, r.identity, r.c.type)
                    first = [v0] if k == 0 else [ident]
                    vinit.append(emit(pre, "vbuild", first + [ident] * (w - 1), {"vtype": vt}))
        vh = self._vector_loop(vinit, gather=False)
        if contiguous is None:
            pre.term = CondBr(guard, vh, [i0] + vinit, h, list(lp.init))
        elif not self._can_gather():
            pre.term = CondBr(emit(pre, "and", [guard, contiguous]), vh, [i0] + vinit,
                              h, list(lp.init))
        else:  # a second vector loop gathers/scatters lanes at the run-time strides
            vg = self._vector_loop(vinit, gather=True)
            mid = new_block(fn)
            pre.term = CondBr(emit(pre, "and", [guard, contiguous]), vh, [i0] + vinit, mid, [])
            mid.term = CondBr(guard, vg, [i0] + vinit, h, list(lp.init))
        vt_names = sorted({v.type.name for v in vinit}) or [L.vtype[F64].name]
        h.meta = {**h.meta, "vectorized": f"{w} lanes" + (
            f", {unroll} x {'/'.join(vt_names)} accumulators" if self.reductions else "") + (
            ", strided version" if contiguous is not None and self._can_gather() else "")}

    def _hoistable(self, v: Var):
        """Refuse unless v is computed in the body by pure, never-raising
        operations only (so `_at` may compute it in the preheader)."""
        if v is self.loop.index or v.id not in self.body_defs:
            return
        e = self.defs[v.id]
        if not PRIMITIVES[e.prim].pure or _can_raise(e) or e.prim in ("load", "call"):
            raise _Refuse(f"a bounds check computed by {e.prim}")
        for x in e.ins:
            self._hoistable(x)

    def _at(self, v: Var, index, memo=None) -> Var:
        """v computed in the preheader with the loop index = `index` (None:
        v does not depend on it): the body's pure integer arithmetic and
        comparisons behind a bounds check, cloned."""
        memo = {} if memo is None else memo
        if v is self.loop.index:
            if index is None:
                raise AssertionError("an index-dependent value as an invariant")
            return index
        if v.id not in self.body_defs:
            return v
        if v.id in memo:
            return memo[v.id]
        e = self.defs[v.id]
        ins = [self._at(x, index, memo) for x in e.ins]
        out = emit(self.pre_block, e.prim, ins, dict(e.params), [o.type for o in e.outs])
        memo[v.id] = out
        return out

    def _can_gather(self) -> bool:
        """Can every run-time-strided access be gathered lane by lane? (Not a
        bool load: masks are not built lane by lane.)"""
        return not any(mode == "runtime" and e.prim == "load" and e.params["dtype"] == "bool"
                       for e in self.loop.body.eqns
                       for mode, _ in [self.access.get(id(e), ("", 0))])

    def _vector_loop(self, vinit, gather: bool) -> Block:
        """The vector loop (header, body, exit back to the scalar header);
        `gather`: run-time strides are used as they are (lanes one by one)
        instead of being the itemsize. Returns its header."""
        fn, lp, L = self.fn, self.loop, self.lanes
        h, body = lp.header, lp.body
        w, unroll = L.width, self.unroll
        self.gather = gather
        vh = new_block(fn, [Var(I64, "j")] + [Var(v.type) for v in vinit])
        vb = new_block(fn)
        vx = new_block(fn, [Var(I64, "j")] + [Var(v.type) for v in vinit])
        self.vb = vb
        # vector header: j + w * unroll - 1 < n
        j = vh.params[0]
        last = emit(vh, "wadd", [j, const(vh, w * unroll - 1, I64)])
        go = emit(vh, "lt", [last, lp.n])
        vh.term = CondBr(go, vb, [], vx, list(vh.params))
        # vector body, `unroll` copies (each with its own accumulators)
        nred = len(self.reductions)
        news = []
        for k in range(unroll):  # (self.vb: the block being emitted into; a call may split it)
            cur = self.vb
            self.smap = {lp.index.id: j if k == 0 else emit(cur, "wadd", [j, const(cur, k * w, I64)])}
            for r, acc in zip(self.reductions, vh.params[1 + k * nred:1 + (k + 1) * nred]):
                self.vmap[r.c.id] = acc
            for e in body.eqns:
                if id(e) not in self.skip:
                    self._emit_eqn(e)
            news += [self.vmap[r.new.id] for r in self.reductions]
        last_block = self.vb
        last_block.term = Br(vh, [emit(last_block, "wadd", [j, const(last_block, w * unroll, I64)])]
                             + news)
        # exit of the vector loop: lanes combined, then the scalar remainder
        outs = []
        bad = None
        for ri, r in enumerate(self.reductions):
            acc = None
            for k in range(unroll):
                vacc = vx.params[1 + k * nred + ri]
                for lane in range(w):
                    x = emit(vx, "vextract", [vacc], {"lane": lane})
                    acc = x if acc is None else _clone_chain(vx, r, acc, x)
            outs.append(acc)
            if r.postcheck:
                b = emit(vx, "or", [emit(vx, "isnan", [acc]),
                                    emit(vx, "eq", [acc, const(vx, 0.0, F64)])])
                bad = b if bad is None else emit(vx, "or", [bad, b])
        back = lp.header_args(vx.params[0], outs)
        if bad is None:
            vx.term = Br(h, back)
        else:  # recompute with the scalar loop from the start (no stores: see _reduction)
            vx.term = CondBr(bad, h, list(lp.init), h, back)
        return vh

    def _float32_exact(self) -> bool:
        """Can the loop run in f32x4 lanes? Every element is float32, every
        value float32: loads, rounded results (f32 right after + - * / sqrt),
        operations exact on float32 values, float32-exact invariants."""
        body = self.loop.body
        dtypes = {e.params["dtype"] for e in body.eqns if id(e) in self.access}
        if "float32" not in dtypes or not dtypes <= {"float32", "bool"} or self.index_values:
            return False
        uses: dict[int, list] = {}
        for e in body.eqns:
            for v in e.ins:
                uses.setdefault(v.id, []).append(e)
        for v in body.term.args:
            uses.setdefault(v.id, []).append(None)
        defs = self.defs
        for e in body.eqns:
            if not e.outs or self.kind_of(e.outs[0]) != "V" or id(e) in self.fused:
                continue
            if e.outs[0].type is I64:
                return False
            if e.prim in _F32_ROUNDED:
                if any(u is None or u.prim != "f32" for u in uses.get(e.outs[0].id, [])):
                    return False
            elif e.prim not in _F32_EXACT and e.prim != "f32" and id(e) not in self.fma:
                return False
            for v in e.ins:  # invariants splatted into float32 lanes must be float32
                if self.kind_of(v) == "U" and v.type is F64 and not _is_f32_value(v, defs):
                    return False
        for r, v0 in zip(self.reductions, self.loop.init_carried):
            if r.c.type is F64 and not _is_f32_value(v0, defs):
                return False  # the first lane would start rounded
        return True

    def _linear(self, block, c: dict) -> Var:
        acc = None
        for key, k in c.items():
            term = const(block, k, I64) if key is None else \
                key if k == 1 else emit(block, "wmul", [key, const(block, k, I64)])
            acc = term if acc is None else emit(block, "wadd", [acc, term])
        return acc

    def _scalar(self, v: Var) -> Var:
        return self.smap.get(v.id, v)

    def _vector(self, v: Var, vt=None) -> Var:
        if self.kind_of(v) == "V":
            return self.vmap[v.id]
        if v is self.loop.index:  # the lanes' own indices (j, j+1, ...)
            j = self._scalar(v)
            cur = self.vb
            lanes = [j] + [emit(cur, "wadd", [j, const(cur, k, I64)])
                           for k in range(1, self.lanes.width)]
            return emit(cur, "vbuild", lanes, {"vtype": I64X2})
        s = self._scalar(v)
        vt = vt or self.lanes.vtype[v.type]
        key = (s.id, vt.name)
        if key not in self.splats:
            block = self.vb if v.id in self.defined_in_body else self.pre_block
            self.splats[key] = emit(block, "vsplat", [s], {"vtype": vt})
        return self.splats[key]

    def _emit_eqn(self, e: Eqn):
        vb = self.vb
        kinds = [self.kind_of(v) for v in e.ins]
        p = e.prim
        if p in ("load", "store") and id(e) in self.access:
            self._emit_access(e)
            return
        if all(k != "V" for k in kinds) and (not e.outs or self.kind_of(e.outs[0]) != "V"):
            outs = [Var(o.type, o.hint) for o in e.outs]
            vb.eqns.append(Eqn(p, [self._scalar(v) for v in e.ins], outs, dict(e.params), e.loc))
            for o, n in zip(e.outs, outs):
                self.smap[o.id] = n
            return
        if id(e) in self.fused:
            return
        if p == "f32" and self.lanes is LANES32:  # the float32 lane op already rounded
            self.vmap[e.outs[0].id] = self._vector(e.ins[0])
            return
        if p == "call":  # a libm call: its widened core (vectorize_math.py) splits the body
            args = [self._vector(v) for v in e.ins]
            self.vb, self.vmap[e.outs[0].id] = vectorize_math.emit_call(self.fn, vb, e, args)
            return
        fma = self.fma.get(id(e))
        if fma is not None:
            a, b, c = (self._vector(v) for v in fma)
            self.vmap[e.outs[0].id] = emit(vb, "vfma", [a, b, c], loc=e.loc)
            return
        if p == "select":
            c, a, b = e.ins
            m = self._vector(c, self.lanes.vtype[BOOL])
            r = emit(vb, "vselect", [m, self._vector(a), self._vector(b)])
        elif p in _CMP:
            r = emit(vb, _CMP[p], [self._vector(v) for v in e.ins])
        elif p in _BOOL_OPS:
            r = emit(vb, _BOOL_OPS[p], [self._vector(v) for v in e.ins])
        elif p == "wrap":
            r = emit(vb, "vwrap", [self._vector(e.ins[0])], {"dtype": e.params["dtype"]})
        elif p in ("isinf", "isfinite"):  # |x| == inf; x - x == 0 (NaN for inf and NaN)
            x = self._vector(e.ins[0])
            vt = x.type
            if p == "isinf":
                inf = emit(vb, "vsplat", [const(vb, float("inf"), F64)], {"vtype": vt})
                r = emit(vb, "veq", [emit(vb, "vabs", [x]), inf])
            else:
                zero = emit(vb, "vsplat", [const(vb, 0.0, F64)], {"vtype": vt})
                r = emit(vb, "veq", [emit(vb, "vsub", [x, x]), zero])
        elif p == "convert":  # int32-range lanes to f64 (see _fits_int32, index_values)
            r = emit(vb, "vitof", [self._vector(e.ins[0])])
        elif p in _INT_OPS and e.outs[0].type is I64:
            r = emit(vb, _INT_OPS[p], [self._vector(v) for v in e.ins])
        else:
            r = emit(vb, _FLOAT_OPS[p], [self._vector(v) for v in e.ins])
        self.vmap[e.outs[0].id] = r

    def _hoisted_address(self, a: Var, fallback: Var, dtype: str) -> Var:
        """A contiguous access's address as `base + i * itemsize` with base
        (the address at i = 0: the view and row arithmetic) computed once in
        the preheader, when that arithmetic can move there (else `fallback`,
        the address computed in the body)."""
        try:
            self._hoistable(a)
        except _Refuse:
            return fallback
        memo = self.__dict__.setdefault("_base_memo", {})
        if a.id not in memo:
            if "_zero" not in self.__dict__:
                self._zero = const(self.pre_block, 0, I64)
            memo[a.id] = self._at(a, self._zero, self.__dict__.setdefault("_at_memo0", {}))
        vb = self.vb
        size = self.lanes.element[dtype][0]
        off = emit(vb, "wmul", [self._scalar(self.loop.index), const(vb, size, I64)])
        return emit(vb, "wadd", [memo[a.id], off])

    def _lane_addresses(self, addr: Var, mode: str, stride) -> list[Var]:
        """The address of each lane's element (gathered/scattered access)."""
        vb, w = self.vb, self.lanes.width
        if mode == "runtime":  # the stride (bytes) computed in the preheader
            out = [addr]
            for _ in range(1, w):
                out.append(emit(vb, "wadd", [out[-1], self.stride_vars[stride]]))
            return out
        return [addr] + [emit(vb, "wadd", [addr, const(vb, k * stride, I64)]) for k in range(1, w)]

    def _emit_access(self, e: Eqn):
        vb = self.vb
        mode, stride = self.access[id(e)]
        if mode == "runtime" and not self.gather:
            mode = "vector"  # the contiguous version: the stride is the itemsize
        dtype = e.params["dtype"]
        addr = self._scalar(e.ins[0])
        if mode == "vector":
            addr = self._hoisted_address(e.ins[0], addr, dtype)
        vt = self.lanes.element[dtype][1]
        w = self.lanes.width
        if e.prim == "load":
            if mode == "vector":
                r = emit(vb, "vload", [addr], {"dtype": dtype, "vtype": vt})
            elif mode in ("gather", "runtime"):
                lanes = [emit(vb, "load", [a], {"dtype": dtype})
                         for a in self._lane_addresses(addr, mode, stride)]
                r = emit(vb, "vbuild", lanes, {"vtype": vt})
            else:  # splat: a scalar load (kind U)
                s = emit(vb, "load", [addr], {"dtype": dtype})
                self.smap[e.outs[0].id] = s
                return
            self.vmap[e.outs[0].id] = r
            return
        val = self._vector(e.ins[1], vt)
        if mode == "vector":
            vb.eqns.append(Eqn("vstore", [addr, val], [], {"dtype": dtype}, e.loc))
        else:  # scatter, lane by lane, in lane order
            for k, a in enumerate(self._lane_addresses(addr, mode, stride)):
                x = emit(vb, "vextract", [val], {"lane": k})
                vb.eqns.append(Eqn("store", [a, x], [], {"dtype": dtype}, e.loc))


def _is_f32_value(v: Var, defs) -> bool:
    """Is v (an invariant f64) certainly a float32 value?"""
    e = defs.get(v.id)
    if e is None:
        return False
    if e.prim == "f32" or (e.prim == "load" and e.params["dtype"] == "float32"):
        return True
    if e.prim == "const":
        from ..ir.memory import f32
        x = e.params["value"]
        return x != x or f32(x) == x
    return False


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


def _clone_chain(block: Block, r: _Reduction, acc: Var, lane: Var) -> Var:
    """The scalar update of reduction r with c = acc and its element = lane."""
    env = {r.c.id: acc, r.x.id: lane}
    for e in r.chain:
        outs = [Var(o.type) for o in e.outs]
        block.eqns.append(Eqn(e.prim, [env.get(v.id, v) for v in e.ins], outs, dict(e.params),
                              e.loc))
        for o, n in zip(e.outs, outs):
            env[o.id] = n
    return env[r.new.id]
