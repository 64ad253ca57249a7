"""Value ranges of Python ints: overflow checks, bounds checks and divisions
that the ranges prove unnecessary are removed.

Place in the pipeline: a pass (IR -> IR), after `fold`, before `dce`. Every
`add`/`sub`/`mul` on i64 carries CPython's OverflowError check (the int
leaves int64); most of them cannot fire: `i + 1` where `i < n` dominates,
`2 * i` where `i` indexes an array (wasm32: fewer than 2**32 elements), a
`k % m` result, an int32 element widened to i64. This pass computes, for
every i64 SSA value, an interval [lo, hi] that contains every value it can
take, and rewrites what the intervals decide:

- checked `add`/`sub`/`mul`/`neg` whose exact result provably fits int64
  become `wadd`/`wsub`/`wmul`/`wneg` (same value, no check);
- `add`/`sub`/`mul` with a constant operand that may overflow becomes an
  explicit range test of the other operand (`raise_if` with the same
  OverflowError message and location, then the wrapping op): one or two
  comparisons instead of sign tricks or a division;
- i64 comparisons decided by the intervals or by a dominating comparison of
  the same two values become constants (a bounds check `j >= size` under
  `j < size`, `j < 0` for an index counting up from 0); `fold` then removes
  the `raise_if` it guarded and the branches it decided, and this pass drops
  a `raise_if_fmt` whose condition became False;
- `x % 2**k` becomes `x & (2**k - 1)` and `x // 2**k` becomes `x >> k`
  (exactly Python's results for every int), `select` on a decided
  condition and `x % m` with `0 <= x < m` become the value they produce.

Sources of ranges (all sound for every run, not only typical ones):
constants; the operation's own semantics (a checked op that did not raise
produced a value inside int64); the conditions that dominate a use (the
taken edge of every `cond_br` on the way, and `raise_if` conditions that did
not fire: `i < n` gives `i <= hi(n) - 1`); `alloc n` that returned (the
bytes fit wasm32 memory: `0 <= n <= 2**32`, and `n = c * m` bounds `m`);
element loads of int32/uint8 arrays; the ABI of exported functions (a 1-D
array argument has at most 2**32 / itemsize elements: all argument arrays
lie in wasm32 memory; shapes are >= 0); and, between functions of the
module, the join of the arguments at every call site of a function that is
not exported. Loops are analysed to a fixed point, widening a block
parameter to the int64 limit when it grows a second time (the conditions at
its uses, `i < n`, give the precision back).

The interval arithmetic is ranges_intervals.py's, the rewriting of what the
analysis decides ranges_rewrite.py's.

Not proven: accumulators (`s += x` in a loop: no trip-count reasoning),
products of two unbounded values, anything about floats.

`ranges_params.remove_trivial_params` runs first so that a loop bound and an
array size that are the same value are one SSA value.
"""
from __future__ import annotations

from ..ir import BOOL, I64, Br, CondBr, Eqn, Function, Module, Var
from ..ir.dominators import reverse_postorder
from ..ir.types import NARROW_INTS, itemsize, ArrayType, ScalarType, TupleType, int_range
from .fold import fold_function
from .pmap import PMap
from .ranges_intervals import (FULL, MAX, MEM, MIN, _bitlen_mask, _checked, _corners,
                               _floordiv_interval, _join, _mod_interval, _mul_interval,
                               _mul_safe_range, _wrapped)
from .ranges_linear import _LINEAR as _LINEAR_PRIMS, decide_linear
from .ranges_params import remove_trivial_params
from .ranges_rewrite import _drop_dead_raise_fmt, rewrite

WIDEN_AFTER = 1  # growths of a block parameter before it is widened
MAX_MODULE_ROUNDS = 12  # interprocedural rounds before giving up (then: no call ranges)

_CMP = ("lt", "le", "gt", "ge", "eq", "ne")
_NEG = {"lt": "ge", "le": "gt", "gt": "le", "ge": "lt", "eq": "ne", "ne": "eq"}
_SWAP = {"lt": "gt", "le": "ge", "gt": "lt", "ge": "le", "eq": "eq", "ne": "ne"}
# known `a K b` -> {query Q: truth of `a Q b`}
_IMPLIES = {
    "lt": {"lt": True, "le": True, "ne": True, "gt": False, "ge": False, "eq": False},
    "le": {"le": True, "gt": False},
    "gt": {"gt": True, "ge": True, "ne": True, "lt": False, "le": False, "eq": False},
    "ge": {"ge": True, "lt": False},
    "eq": {"eq": True, "le": True, "ge": True, "ne": False, "lt": False, "gt": False},
    "ne": {"ne": True, "eq": False},
}
_SAME = {"lt": False, "gt": False, "ne": False, "le": True, "ge": True, "eq": True}
_LOAD_RANGE = {d: int_range(d) for d in NARROW_INTS}


# --- facts: what is known to hold at a point ----------------------------------------
# An atom is (op, a, b) meaning `a op b` for i64 Vars a, b, or ("in", v, lo, hi).
# A fact set maps var id -> tuple of atoms mentioning that var. One is kept
# per equation, so it is persistent (pmap.PMap: an extension shares all but
# the path it changes; a dict copy per fact made long functions quadratic in
# time and memory), and a var keeps at most MAX_ATOMS atoms (the oldest half,
# e.g. a loop header's `i < n`, and the newest), so that a value tested in
# thousands of places (an array size) costs a bounded time per query. Fewer
# atoms only make intervals wider: always sound.

MAX_ATOMS = 16


class _Facts:
    __slots__ = ("map", "slots", "relational", "consts")

    def __init__(self, pmap: PMap, slots: dict, relational: bool = False, consts=None):
        self.map, self.slots = pmap, slots  # slots: var id -> dense key of the PMap
        # holds an (op, a, b) atom between two run-time values (against a constant,
        # an atom is an interval in disguise)
        self.relational = relational
        self.consts = consts if consts is not None else {}

    def get(self, vid: int, default=None):
        k = self.slots.get(vid)
        return default if k is None else self.map.get(k, default)

    def extend(self, atoms: list) -> "_Facts":
        if not atoms:
            return self
        m, slots = self.map, self.slots
        relational, consts = self.relational, self.consts
        for at in atoms:
            relational = relational or at[0] != "in" and at[1].id not in consts and \
                at[2].id not in consts
            vs = (at[1],) if at[0] == "in" else (at[1], at[2])
            for v in vs:
                k = slots.get(v.id)
                if k is None:  # not a value of this function: nothing to record
                    continue
                old = m.get(k, ())
                if at in old:
                    continue
                if len(old) >= MAX_ATOMS:
                    old = old[:MAX_ATOMS // 2] + old[MAX_ATOMS // 2 + 1:]
                m = m.set(k, old + (at,))
        return _Facts(m, slots, relational, consts) if m is not self.map else self


def _var_slots(fn: Function) -> dict:
    """A dense number for every value of fn (block parameters, results)."""
    slots: dict[int, int] = {}
    for b in fn.blocks:
        for v in b.params:
            slots.setdefault(v.id, len(slots))
        for e in b.eqns:
            for v in e.outs:
                slots.setdefault(v.id, len(slots))
    return slots


class FunctionRanges:
    """The range analysis of one function: static structure (dominators,
    facts per block and edge), then `analyze(param_ranges)` to a fixed point."""

    def __init__(self, fn: Function):
        self.fn = fn
        self.defs: dict[int, Eqn] = {}
        self.consts: dict[int, object] = {}
        for b in fn.blocks:
            for e in b.eqns:
                for o in e.outs:
                    self.defs[o.id] = e
                if e.prim == "const":
                    self.consts[e.outs[0].id] = e.params["value"]
        self.rpo = reverse_postorder(fn.entry)
        self.preds: dict[int, list] = {id(b): [] for b in self.rpo}
        for b in self.rpo:
            for which, tgt, args in self._succ_edges(b):
                self.preds[id(tgt)].append((b, which, args))
        self.idom = self._dominators()
        self._facts()
        self.val: dict[int, tuple] = {}
        self.reached_blocks: set[int] = set()
        self._cache = None  # rng results during one sweep of `analyze`
        self._plan_memo = None  # (analyze's visiting plan,)

    # structure ---------------------------------------------------------------------
    @staticmethod
    def _succ_edges(b):
        t = b.term
        if isinstance(t, Br):
            return [(None, t.target, t.args)]
        if isinstance(t, CondBr):
            if t.then is t.else_:
                return [(None, t.then, t.then_args), (None, t.else_, t.else_args)]
            return [(True, t.then, t.then_args), (False, t.else_, t.else_args)]
        return []

    def _dominators(self):
        index = {id(b): i for i, b in enumerate(self.rpo)}
        entry = self.rpo[0]
        idom = {id(entry): entry}

        def intersect(a, b):
            while a is not b:
                while index[id(a)] > index[id(b)]:
                    a = idom[id(a)]
                while index[id(b)] > index[id(a)]:
                    b = idom[id(b)]
            return a

        changed = True
        while changed:
            changed = False
            for b in self.rpo[1:]:
                new = None
                for p, _w, _a in self.preds[id(b)]:
                    if id(p) in idom:
                        new = p if new is None else intersect(p, new)
                if idom.get(id(b)) is not new:
                    idom[id(b)] = new
                    changed = True
        return idom

    def atoms_of(self, cond: Var, truth: bool, depth: int = 4) -> list:
        """What `cond == truth` says about i64 values."""
        e = self.defs.get(cond.id)
        if e is None or depth == 0:
            return []
        if e.prim in _CMP and e.ins[0].type is I64 and e.ins[1].type is I64:
            return [(e.prim if truth else _NEG[e.prim], e.ins[0], e.ins[1])]
        if e.prim == "not":
            return self.atoms_of(e.ins[0], not truth, depth - 1)
        if e.prim == "and" and e.outs[0].type is BOOL and truth:
            return self.atoms_of(e.ins[0], True, depth - 1) + self.atoms_of(e.ins[1], True, depth - 1)
        if e.prim == "or" and e.outs[0].type is BOOL and not truth:
            return (self.atoms_of(e.ins[0], False, depth - 1)
                    + self.atoms_of(e.ins[1], False, depth - 1))
        return []

    def _eqn_atoms(self, e: Eqn) -> list:
        """What holds after `e` completed."""
        if e.prim in ("raise_if", "raise_if_fmt"):
            return self.atoms_of(e.ins[0], False)
        if e.prim == "alloc":
            n = e.ins[0]
            atoms = [("in", n, 0, MEM)]
            d = self.defs.get(n.id)
            if d is not None and d.prim == "mul":  # checked: n is the exact product
                for x, y in ((d.ins[0], d.ins[1]), (d.ins[1], d.ins[0])):
                    c = self.consts.get(x.id)
                    if type(c) is int and c > 0:
                        atoms.append(("in", y, 0, MEM // c))
            return atoms
        return []

    def _facts(self):
        """facts_in per block, facts per equation, facts per edge."""
        self.eqn_facts: dict[int, list] = {}
        self.facts_out: dict[int, dict] = {}
        self.edge_facts: dict[tuple, dict] = {}
        slots = _var_slots(self.fn)
        empty = _Facts(PMap.empty(len(slots)), slots, False, self.consts)
        for b in self.rpo:
            preds = self.preds[id(b)]
            if b is self.rpo[0]:
                facts = empty
            elif len(preds) == 1 and preds[0][0] is not b:
                p, which, _args = preds[0]
                facts = self.edge_facts[(id(p), which)]
            else:
                facts = self.facts_out[id(self.idom[id(b)])]
            per_eqn = []
            for e in b.eqns:
                per_eqn.append(facts)
                facts = facts.extend(self._eqn_atoms(e))
            self.eqn_facts[id(b)] = per_eqn
            self.facts_out[id(b)] = facts
            t = b.term
            for which, _tgt, _args in self._succ_edges(b):
                self.edge_facts[(id(b), which)] = (
                    facts.extend(self.atoms_of(t.cond, which)) if which is not None else facts)

    # queries -----------------------------------------------------------------------
    def rng(self, v: Var, facts: dict, depth: int = 2):
        """The interval of i64 `v` where `facts` hold (None: no value yet, or
        the point cannot be reached)."""
        r = self.val.get(v.id)
        if r is None:
            return None
        if not facts.get(v.id):
            return r
        cache = self._cache
        if cache is not None:
            key = (v.id, id(facts), depth)
            hit = cache.get(key, cache)
            if hit is not cache:
                return hit
            out = self._refine(v, r, facts, depth)
            cache[key] = out
            return out
        return self._refine(v, r, facts, depth)

    def _refine(self, v: Var, r: tuple, facts: dict, depth: int):
        lo, hi = r
        for at in facts.get(v.id, ()):
            if at[0] == "in":
                lo, hi = max(lo, at[2]), min(hi, at[3])
                continue
            op, a, b = at
            if a is b:
                continue
            if a is v:
                other = b
            else:
                other, op = a, _SWAP[op]
            ro = self.rng(other, facts, depth - 1) if depth > 0 else self.val.get(other.id)
            if ro is None:  # `other` has no value here: neither has this point
                return None
            if op == "lt":
                hi = min(hi, ro[1] - 1)
            elif op == "le":
                hi = min(hi, ro[1])
            elif op == "gt":
                lo = max(lo, ro[0] + 1)
            elif op == "ge":
                lo = max(lo, ro[0])
            elif op == "eq":
                lo, hi = max(lo, ro[0]), min(hi, ro[1])
            elif op == "ne" and ro[0] == ro[1]:
                if lo == ro[0]:
                    lo += 1
                if hi == ro[0]:
                    hi -= 1
        return (lo, hi) if lo <= hi else None

    def decide(self, c: Var, facts: dict, depth: int = 3):
        """True/False when bool `c` is decided where `facts` hold, else None."""
        if c.id in self.consts:
            return self.consts[c.id]
        e = self.defs.get(c.id)
        if e is None or depth == 0:
            return None
        p = e.prim
        if p in _CMP and e.ins[0].type is I64 and e.ins[1].type is I64:
            return self.decide_cmp(p, e.ins[0], e.ins[1], facts)
        if p == "not":
            d = self.decide(e.ins[0], facts, depth - 1)
            return None if d is None else not d
        if p in ("and", "or") and e.outs[0].type is BOOL:
            d1 = self.decide(e.ins[0], facts, depth - 1)
            d2 = self.decide(e.ins[1], facts, depth - 1)
            if p == "and":
                return False if False in (d1, d2) else True if d1 is True and d2 is True else None
            return True if True in (d1, d2) else False if d1 is False and d2 is False else None
        return None

    def decide_cmp(self, op: str, a: Var, b: Var, facts: dict):
        if a is b:
            return _SAME[op]
        for at in facts.get(a.id, ()):
            if at[0] == "in":
                continue
            k, x, y = at
            if x is a and y is b:
                r = _IMPLIES[k].get(op)
            elif x is b and y is a:
                r = _IMPLIES[_SWAP[k]].get(op)
            else:
                continue
            if r is not None:
                return r
        ra, rb = self.rng(a, facts), self.rng(b, facts)
        if ra is None or rb is None:
            return None
        (alo, ahi), (blo, bhi) = ra, rb
        r = None
        if op == "lt":
            r = True if ahi < blo else False if alo >= bhi else None
        elif op == "le":
            r = True if ahi <= blo else False if alo > bhi else None
        elif op == "gt":
            r = True if alo > bhi else False if ahi <= blo else None
        elif op == "ge":
            r = True if alo >= bhi else False if ahi < blo else None
        if op in ("lt", "le", "gt", "ge"):
            if r is None and (self._is_linear(a) or self._is_linear(b)) and (
                    getattr(facts, "relational", True) or
                    type(self.consts.get(a.id)) is not int and
                    type(self.consts.get(b.id)) is not int):
                # i + k < nx (ranges_linear); against a constant, with only intervals
                # known, linear forms bound nothing the intervals did not
                r = decide_linear(self, op, a, b, facts)
            return r
        if alo == ahi == blo == bhi:
            return op == "eq"
        if ahi < blo or bhi < alo:
            return op == "ne"
        return None

    def _is_linear(self, v: Var) -> bool:
        e = self.defs.get(v.id)
        return e is not None and e.prim in _LINEAR_PRIMS

    # transfer ----------------------------------------------------------------------
    def transfer(self, e: Eqn, facts: dict):
        """The interval of e's (first) i64 result."""
        p = e.prim
        if p == "const":
            v = e.params["value"]
            return (v, v)
        R = lambda v: self.rng(v, facts)  # noqa: E731
        ins = e.ins
        if p in ("add", "sub", "mul", "wadd", "wsub", "wmul"):
            a, b = R(ins[0]), R(ins[1])
            if a is None or b is None:
                return None
            if p in ("add", "wadd"):
                lo, hi = a[0] + b[0], a[1] + b[1]
            elif p in ("sub", "wsub"):
                lo, hi = a[0] - b[1], a[1] - b[0]
            else:
                if p == "mul":  # a checked product by a constant: only the safe operands
                    for x, y in ((a, b), (b, a)):
                        if y[0] == y[1] and y[0] not in (0, 1):
                            s = _mul_safe_range(y[0])
                            x2 = (max(x[0], s[0]), min(x[1], s[1]))
                            if x2[0] > x2[1]:
                                return None
                            return _mul_interval(x2, y)
                lo, hi = _mul_interval(a, b)
            return _checked(lo, hi) if p[0] != "w" else _wrapped(lo, hi)
        if p in ("neg", "wneg"):
            a = R(ins[0])
            if a is None:
                return None
            return _checked(-a[1], -a[0]) if p == "neg" else _wrapped(-a[1], -a[0])
        if p == "abs":
            a = R(ins[0])
            if a is None:
                return None
            lo = 0 if a[0] <= 0 <= a[1] else min(abs(a[0]), abs(a[1]))
            return _checked(lo, max(abs(a[0]), abs(a[1])))
        if p == "invert":
            a = R(ins[0])
            return None if a is None else (-a[1] - 1, -a[0] - 1)
        if p == "floordiv":
            a, b = R(ins[0]), R(ins[1])
            if a is None or b is None:
                return None
            if b[0] > 0 or b[1] < 0:
                return _checked(*_floordiv_interval(a, b))
            return FULL
        if p == "mod":
            a, b = R(ins[0]), R(ins[1])
            if a is None or b is None:
                return None
            if b == (0, 0):
                return None
            return _mod_interval(a, b)
        if p in ("and", "or", "xor"):
            a, b = R(ins[0]), R(ins[1])
            if a is None or b is None:
                return None
            if p == "and":
                if a[0] >= 0 and b[0] >= 0:
                    return (0, min(a[1], b[1]))
                if a[0] >= 0 or b[0] >= 0:
                    return (0, a[1] if a[0] >= 0 else b[1])
                return FULL
            if a[0] >= 0 and b[0] >= 0:
                return _bitlen_mask(a, b)
            return FULL
        if p == "shr":
            a, k = R(ins[0]), R(ins[1])
            if a is None or k is None:
                return None
            if k[0] < 0:
                k = (0, k[1])
                if k[1] < 0:
                    return None
            return (min(a[0] >> k[0], a[0] >> k[1]), max(a[1] >> k[0], a[1] >> k[1]))
        if p == "shl":
            a, k = R(ins[0]), R(ins[1])
            if a is None or k is None:
                return None
            if k[1] < 0:
                return None
            k = (min(max(k[0], 0), 64), min(k[1], 64))  # counts past 64 overflow (or give 0)
            return _checked(*_corners(lambda x, y: x << y, a, k))
        if p == "pow":
            a = R(ins[0])
            if a is not None and a[0] >= 0:
                return (0, MAX)
            return FULL
        if p == "select":
            d = self.decide(ins[0], facts)
            if d is not None:
                return R(ins[1] if d else ins[2])
            return _join(R(ins[1]), R(ins[2]))
        if p in ("load", "wrap"):
            return _LOAD_RANGE.get(e.params.get("dtype"), FULL)
        if p == "convert":
            src = ins[0].type
            return (0, 1) if src is BOOL else R(ins[0]) if src is I64 else FULL
        if p == "alloc":
            return (0, MEM)
        return FULL

    # fixed point -------------------------------------------------------------------
    def analyze(self, param_ranges) -> None:
        """Intervals of every i64 value, given the entry parameters' intervals
        (param_ranges None: the function is not called from reachable code,
        so no value of it exists).

        Blocks are visited in reverse postorder, each loop iterated on its
        own until it is stable before the blocks after it (the "recursive
        strategy" over the loop nest): the values of a long sequence of loops
        settle in time linear in its length, where sweeps of the whole
        function would take as many sweeps as there are loops. (Irreducible
        control flow, which the frontend never builds: whole sweeps.)"""
        self.val = {}
        if param_ranges is None:
            return
        self._growth: dict[int, int] = {}
        self._params = param_ranges
        self.reached_blocks = {id(self.rpo[0])}
        if self._plan_memo is None:
            self._plan_memo = (self._plan(),)
        (plan,) = self._plan_memo
        self._cache = {}
        if plan is None:  # irreducible: sweep everything until nothing changes
            while self._iterate(self.rpo):
                pass
        else:
            self._run(plan)
        self._cache = None

    def _run(self, items) -> bool:
        """Visit a sequence of blocks and loops (lists: header first) once,
        each loop iterated until stable; did any value change?"""
        changed = False
        for it in items:
            if isinstance(it, list):
                while self._iterate(it):
                    changed = True
            else:
                changed |= self._visit(it)
        return changed

    def _iterate(self, items) -> bool:
        # within an iteration a cached interval may be older (smaller) than
        # the current one; the iteration that changes nothing saw final ones
        self._cache = {}
        return self._run(items)

    def _plan(self):
        """The blocks in reverse postorder with every natural loop as a
        nested list (header first), or None for irreducible control flow."""
        index = {id(b): i for i, b in enumerate(self.rpo)}
        body: dict[int, set] = {}  # header rpo index -> rpo indices of its loop
        for b in self.rpo:
            i = index[id(b)]
            for tgt in b.successors():
                h = index.get(id(tgt))
                if h is None or h > i:
                    continue
                d = b  # a back edge: its target must dominate its source
                while d is not tgt and d is not self.idom[id(d)]:
                    d = self.idom[id(d)]
                if d is not tgt:
                    return None
                loop = body.setdefault(h, {h})
                work = [i]
                while work:
                    k = work.pop()
                    if k in loop:
                        continue
                    loop.add(k)
                    work.extend(index[id(p)] for p, _w, _a in self.preds[id(self.rpo[k])]
                                if id(p) in index)
        # the innermost loop of every block and the parent of every loop
        # (loops from the largest down: a nested loop is strictly smaller)
        inner: dict[int, int] = {}
        parent: dict[int, int] = {}
        for h in sorted(body, key=lambda h: len(body[h]), reverse=True):
            parent[h] = inner.get(h)
            for k in body[h]:
                inner[k] = h
        items: dict = {None: []}
        for h in body:
            items[h] = []
        for k in range(len(self.rpo)):
            if k in body:  # a loop: its list goes where its header goes
                items[k].append(self.rpo[k])
                items[parent[k]].append(items[k])
            else:
                items[inner.get(k)].append(self.rpo[k])
        return items[None]

    def _visit(self, b) -> bool:
        """Apply the transfer functions of block b once; did a value change?"""
        changed = False
        entry = self.rpo[0]
        growth = self._growth
        feasible = [(p, which, args) for p, which, args in self.preds[id(b)]
                    if self._edge_taken(p, which)]
        if b is not entry:
            if not feasible:
                return False
            if id(b) not in self.reached_blocks:
                self.reached_blocks.add(id(b))
                changed = True
        for i, prm in enumerate(b.params):
            if prm.type is not I64:
                continue
            new = self._params[i] if b is entry else None
            for p, which, args in feasible:
                new = _join(new, self.rng(args[i], self.edge_facts[(id(p), which)]))
            old = self.val.get(prm.id)
            new = _join(old, new)
            if new != old:
                if old is not None:
                    growth[prm.id] = growth.get(prm.id, 0) + 1
                    if growth[prm.id] > WIDEN_AFTER:
                        new = (MIN if new[0] < old[0] else new[0],
                               MAX if new[1] > old[1] else new[1])
                self.val[prm.id] = new
                changed = True
        for e, facts in zip(b.eqns, self.eqn_facts[id(b)]):
            # (a call's i64 result may follow a bool one: a generator's (more, value))
            if not any(o.type is I64 for o in e.outs):
                continue
            if len(e.outs) == 1:
                r = self.transfer(e, facts)
            else:  # a call with several results
                r = FULL
            for o in e.outs:
                if o.type is not I64:
                    continue
                old = self.val.get(o.id)
                new = _join(old, r)
                if new != old:
                    self.val[o.id] = new
                    changed = True
        return changed

    def _edge_taken(self, p, which) -> bool:
        """The edge from block p (`which` side of its cond_br) may be taken."""
        if id(p) not in self.reached_blocks:
            return False
        if which is None:
            return True
        return self.decide(p.term.cond, self.facts_out[id(p)]) is not (not which)

    def call_sites(self):
        """(callee name, [interval or None per argument]) for every call in
        reachable code (a call whose i64 argument has no value is not)."""
        for b in self.rpo:
            for e, facts in zip(b.eqns, self.eqn_facts[id(b)]):
                if e.prim == "call" and id(b) in self.reached_blocks:
                    yield e.params["fn"], [self.rng(v, facts) if v.type is I64 else None
                                           for v in e.ins]

# --- the module ---------------------------------------------------------------------

def _signature_ranges(fn: Function) -> list:
    """Intervals of an exported function's flat parameters, from the ABI."""
    if fn.sig is None:
        return [FULL if p.type is I64 else None for p in fn.params]
    out: list = []

    def leaves(t):
        if isinstance(t, ScalarType):
            out.append(FULL if t is I64 else None)
        elif isinstance(t, TupleType):
            for x in t.elems:
                leaves(x)
        elif isinstance(t, ArrayType):
            out.append((0, MEM))  # address in wasm32 memory
            # a 1-D argument's elements lie in wasm32 memory; a dimension of
            # an N-d one is unbounded when another dimension is 0
            size = itemsize(t.dtype)
            out.extend([(0, MEM // size if t.ndim == 1 else MAX)] * t.ndim)

    for _n, t in fn.sig.params:
        leaves(t)
    if len(out) != len(fn.params):
        return [FULL if p.type is I64 else None for p in fn.params]
    return out


def _library_entry(name: str) -> bool:
    from ..libm import FUNCTIONS
    from .link_math import PREFIX
    return name.startswith(PREFIX) and name[len(PREFIX):] in FUNCTIONS


def analyze_module(module: Module) -> dict[str, FunctionRanges]:
    """The range analysis of every function, call-site ranges included."""
    fns = module.functions
    an = {name: FunctionRanges(fn) for name, fn in fns.items()}
    called = {e.params["fn"] for fn in fns.values() for b in fn.blocks for e in b.eqns
              if e.prim == "call"}
    # entry points: exports, functions without IR callers, and the linked math
    # library's C functions (the backend calls pow for float **)
    fixed = {name: _signature_ranges(fn) for name, fn in fns.items()
             if name in module.exports or name not in called or _library_entry(name)}
    # None: not (yet) called from reachable code
    params = {name: (list(fixed[name]) if name in fixed else None) for name in fns}
    growth: dict[tuple, int] = {}
    sites: dict[str, list] = {}
    dirty = set(fns)  # functions whose parameter ranges changed since their analysis
    for _round in range(MAX_MODULE_ROUNDS):
        for name in dirty:
            an[name].analyze(params[name])
            sites[name] = list(an[name].call_sites())
        dirty = set()
        incoming: dict[str, list] = {}
        for name in fns:
            for callee, args in sites[name]:
                if callee in fns:
                    prev = incoming.get(callee, [None] * len(args))
                    incoming[callee] = [_join(x, y) for x, y in zip(prev, args)]
        for name in fns:
            if name not in incoming:
                continue
            if name in fixed:
                new = [_join(f, c) if f is not None else None
                       for f, c in zip(fixed[name], incoming[name])]
            else:
                new = incoming[name]
            if params[name] is None:
                params[name] = [None] * len(new)
                dirty.add(name)
            for i, (old, nw) in enumerate(zip(params[name], new)):
                nw = _join(old, nw)
                if nw != old:
                    if old is not None:
                        growth[name, i] = growth.get((name, i), 0) + 1
                        if growth[name, i] > WIDEN_AFTER:
                            nw = (MIN if nw[0] < old[0] else nw[0],
                                  MAX if nw[1] > old[1] else nw[1])
                    params[name][i] = nw
                    dirty.add(name)
        if not dirty:
            return an
    # no fixed point in time: forget the call-site ranges (always sound)
    for name, fn in fns.items():
        an[name].analyze([FULL if p.type is I64 else None for p in fn.params])
    return an


def ranges(module: Module, rounds: int = 2) -> Module:
    """The pass: analyse, rewrite, fold; again while something changed."""
    for fn in module.functions.values():
        remove_trivial_params(fn)
    for _ in range(rounds):
        an = analyze_module(module)
        count = sum(rewrite(a) for a in an.values())
        if not count:
            break
        for fn in module.functions.values():
            fold_function(fn)
            _drop_dead_raise_fmt(fn)
            remove_trivial_params(fn)
    return module


__all__ = ["ranges", "analyze_module", "FunctionRanges"]
