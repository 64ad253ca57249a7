"""If-conversion: small two-way branches become straight-line code with `select`.

Place in the pipeline: a pass (IR -> IR), after the vectorizer (which does
its own if-conversion into lane masks). A branch whose outcome the CPU
cannot predict (`if x % 2 == 0: x //= 2 else: x = 3 * x + 1`) costs a
pipeline flush on about every second iteration; the same work written as
"compute both arms, pick one" costs a couple of instructions. clang does this
for C (SimplifyCFG speculates small arms into `select`); Binaryen only does
it for arms without side effects, and ours rarely are: an arm that may
overflow carries its `raise_if`.

The rewrite, for a block B ending in `cond_br c, T, E` where each of T and E
is either the join block J itself or an arm: a block with B as its only
predecessor, no parameters, a few speculatable equations, ending in `br J`:

- the arms' equations move into B (both arms run, in order: then, else);
- a `raise_if`/`raise_if_fmt` of an arm keeps its place among them but fires
  only when `cond` and `c` (then-arm) or `cond` and `not c` (else-arm) hold:
  exactly when the original path would have fired it, and nothing
  observable runs between the two points (every other equation of the arms
  is pure and cannot raise). A `raise_if` becomes `raise_if(cond, c)`, its
  two-operand form: `cond` (rarely true: an overflow bound) is tested first,
  one compare-and-branch predicted not taken, `c` only when it holds
  (collatz: 1.49x -> 1.14x of C, against a select-clamped operand or the
  `and` of both flags); a `raise_if_fmt` gets a clamped operand or the `and`;
- B ends in `br J(select(c, a_then, a_else), ...)`.

Only branches inside loops (where a mispredicted branch is paid on every
iteration; straight-line code runs once), at most MAX_PER_FUNCTION per
function. Speculatable: pure primitives that cannot raise (wrapping integer
arithmetic, bit operations, comparisons, `select`, constants; no loads, no
calls, no checked arithmetic), at most MAX_ARM of them per arm besides
constants and raises. Exact for every input: the arms' pure values are
computed whether used or not, the raises are the original ones.
"""
from __future__ import annotations

from ..ir import BOOL, I64, Br, CondBr, Eqn, Function, Module, Var
from ..ir.dominators import Dominators, predecessors
from ..ir.interpret import evaluate
from ..ir.primitives import PRIMITIVES
from .dce import dce_function

MIN, MAX = -2**63, 2**63 - 1
MAX_ARM = 6  # speculated operations per arm (constants and raises not counted)
# conversions per function: a chain of selects, each on the previous one's
# value, becomes one expression nested that deep in Binaryen (whose passes
# then cost size x depth: 2,000 `if a > 3: a += 1` in a row)
MAX_PER_FUNCTION = 32
RAISES = ("raise_if", "raise_if_fmt")


def _speculatable(e: Eqn, consts: dict) -> bool:
    p = PRIMITIVES[e.prim]
    if e.prim == "shr":  # raises only for a negative count
        k = consts.get(e.ins[1].id)
        return isinstance(k, int) and k >= 0
    return p.pure and not p.raises


def _preds(fn: Function) -> dict[int, int]:
    """Number of incoming edges of every reachable block (a cond_br to one
    block twice counts twice)."""
    n: dict[int, int] = {}
    for b in fn.reachable_blocks():
        t = b.term
        if isinstance(t, Br):
            n[id(t.target)] = n.get(id(t.target), 0) + 1
        elif isinstance(t, CondBr):
            n[id(t.then)] = n.get(id(t.then), 0) + 1
            n[id(t.else_)] = n.get(id(t.else_), 0) + 1
    return n


def _arm(b, target, args, preds, consts):
    """(join, args to the join, equations) if `target` reached with `args`
    from b is an arm (or the join itself, then equations = None)."""
    if (target is b or target.params or preds.get(id(target)) != 1
            or not isinstance(target.term, Br) or target.term.target is target):
        return None
    ops = 0
    for e in target.eqns:
        if e.prim in RAISES:
            continue
        if not _speculatable(e, consts):
            return None
        if e.prim != "const":
            ops += 1
    if ops > MAX_ARM:
        return None
    return target.term.target, list(target.term.args), target.eqns


def _guard(c, taken, not_c, new, loc) -> Var:
    """`c` (then-arm) or `not c` (else-arm, made once)."""
    if taken:
        return c
    if not not_c:
        not_c.append(Var(BOOL, ""))
        new.append(Eqn("not", [c], [not_c[0]], {}, loc))
    return not_c[0]


def _guarded(cond, c, taken, not_c, new, loc, eloc) -> Var:
    """`c and cond` (then-arm) or `not c and cond` (else-arm)."""
    guard = _guard(c, taken, not_c, new, loc)
    g = Var(BOOL, "")
    new.append(Eqn("and", [guard, cond], [g], {}, eloc))
    return g


def _clamped_condition(cond, c, taken, defs, consts, new, eloc):
    """A raise condition computed from one i64 value v of the arm and
    constants (`v > 3074457345618258602`, `v < lo or v > hi`): the same
    condition on `select(c, v, s)` (then-arm; `select(c, s, v)` for the
    else-arm), s a constant for which it is False. Fires exactly when the
    arm's raise would, and costs a conditional move where `c and cond`
    costs two flags turned into registers. None if cond is not of that
    form or no such s is found among a few candidates."""
    tree: list[Eqn] = []
    leaves: dict[int, Var] = {}

    def walk(v, depth):
        e = defs.get(v.id)
        if v.id in consts or (e is not None and e.prim == "const"):
            return True
        if e is None or e.prim in RAISES or depth > 4 or not PRIMITIVES[e.prim].pure:
            leaves[v.id] = v
            return len(leaves) == 1 and v.type == I64
        if not all(walk(x, depth + 1) for x in e.ins):
            return False
        if e not in tree:
            tree.append(e)
        return True

    if not walk(cond, 0) or len(leaves) != 1 or not tree:
        return None
    (v,) = leaves.values()
    known = {**consts, **{e.outs[0].id: e.params.get("value") for e in defs.values()
                           if e.prim == "const"}}
    order = sorted(tree, key=lambda e: _position(defs, e))

    def cond_at(x):
        env = dict(known)
        env[v.id] = x
        try:
            for e in order:
                outs = evaluate(e, [env[i.id] for i in e.ins])
                for o, r in zip(e.outs, outs):
                    env[o.id] = r
        except Exception:
            return None
        return env.get(cond.id)

    cands = [0, 1, -1]
    for k in known.values():
        if type(k) is int:
            cands += [k, k - 1, k + 1]
    safe = next((x for x in cands if MIN <= x <= MAX and cond_at(x) is False), None)
    if safe is None:
        return None
    sv = Var(I64, "")
    new.append(Eqn("const", [], [sv], {"value": safe, "type": I64}, eloc))
    clamped = Var(I64, v.hint)
    new.append(Eqn("select", [c, v, sv] if taken else [c, sv, v], [clamped], {}, eloc))
    ren = {v.id: clamped}
    for e in order:
        outs = [Var(o.type, o.hint) for o in e.outs]
        new.append(Eqn(e.prim, [ren.get(i.id, i) for i in e.ins], outs, dict(e.params), e.loc))
        for o, n in zip(e.outs, outs):
            ren[o.id] = n
    return ren[cond.id]


def _position(defs, e):
    return list(defs.values()).index(e)


def _convert(b, preds, consts) -> bool:
    t = b.term
    if not isinstance(t, CondBr) or t.then is t.else_:
        return False
    then_arm = _arm(b, t.then, t.then_args, preds, consts)
    else_arm = _arm(b, t.else_, t.else_args, preds, consts)
    if then_arm is None and else_arm is None:
        return False
    if then_arm is not None and else_arm is not None:
        if then_arm[0] is not else_arm[0]:
            return False
        join, then_vals, else_vals = then_arm[0], then_arm[1], else_arm[1]
    elif then_arm is not None:  # else goes straight to the join
        join, then_vals, else_vals = then_arm[0], then_arm[1], list(t.else_args)
        if t.else_ is not join:
            return False
    else:
        join, then_vals, else_vals = else_arm[0], list(t.then_args), else_arm[1]
        if t.then is not join:
            return False
    if join is b:  # a loop of one block: left alone
        return False
    c = t.cond
    loc = next((e.loc for e in b.eqns[::-1] if e.loc is not None), None)
    new: list[Eqn] = []
    not_c: list = []
    for arm, taken in ((then_arm, True), (else_arm, False)):
        if arm is None:
            continue
        defs = {o.id: e for e in arm[2] for o in e.outs}
        for e in arm[2]:
            if e.prim == "raise_if" and len(e.ins) == 1:
                e = Eqn(e.prim, [e.ins[0], _guard(c, taken, not_c, new, loc)], e.outs,
                        dict(e.params), e.loc)
            elif e.prim in RAISES:
                g = _clamped_condition(e.ins[0], c, taken, defs, consts, new, e.loc)
                if g is None:
                    g = _guarded(e.ins[0], c, taken, not_c, new, loc, e.loc)
                e = Eqn(e.prim, [g] + list(e.ins[1:]), e.outs, dict(e.params), e.loc)
            new.append(e)
    args = []
    for a, z in zip(then_vals, else_vals):
        if a is z:
            args.append(a)
            continue
        s = Var(a.type, a.hint or z.hint)
        new.append(Eqn("select", [c, a, z], [s], {}, loc))
        args.append(s)
    b.eqns.extend(new)
    b.term = Br(join, args)  # the arms are unreachable now
    preds[id(join)] = preds.get(id(join), 0) - 1  # two edges into the join became one
    return True


def _loop_blocks(fn: Function) -> set:
    """Ids of the blocks inside a loop (natural loops of the back edges)."""
    dom = Dominators(fn)
    preds = predecessors(dom.rpo)
    inside: set = set()
    for h in dom.rpo:
        stack = [p for p in preds[id(h)] if dom.dominates(h, p)]
        if not stack:
            continue
        body = {id(h)}
        while stack:
            b = stack.pop()
            if id(b) not in body:
                body.add(id(b))
                stack.extend(preds[id(b)])
        inside |= body
    return inside


def ifconvert_function(fn: Function) -> int:
    """Convert every eligible branch of fn; returns how many. One sweep in
    postorder: a diamond nested in an arm is converted before the arm is
    looked at (which may then be too large to speculate)."""
    converted = 0
    preds = _preds(fn)
    consts = {e.outs[0].id: e.params.get("value") for b in fn.blocks for e in b.eqns
              if e.prim == "const"}
    looped = _loop_blocks(fn)
    for b in reversed(fn.reachable_blocks()):
        if converted >= MAX_PER_FUNCTION:
            break
        if id(b) in looped and _convert(b, preds, consts):
            converted += 1
    if converted:
        live = {id(b) for b in fn.reachable_blocks()}
        fn.blocks = [b for b in fn.blocks if id(b) in live]
        dce_function(fn)  # the unclamped raise conditions
    return converted


def ifconvert(module: Module) -> Module:
    for fn in module.functions.values():
        ifconvert_function(fn)
    return module
