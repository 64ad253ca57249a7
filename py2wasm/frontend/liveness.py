"""Which local variables are live (may be read before being written) at each
bytecode offset.

Place in the pipeline: frontend; the tracer drops dead locals from a state
before keying it (`tracer.FunctionTracer.edge`), so a loop header is not
versioned on a variable that is unbound on entry and bound on the back edge,
and a dead variable whose type changed does not split versions.
"""
from __future__ import annotations

import dis

_ENDS = {"RETURN_VALUE", "RETURN_CONST", "RAISE_VARARGS", "RERAISE", "JUMP_FORWARD",
         "JUMP_BACKWARD", "JUMP_BACKWARD_NO_INTERRUPT", "JUMP", "JUMP_NO_INTERRUPT"}


def _uses_defs(ins):
    op, v = ins.opname, ins.argval
    if op in ("LOAD_FAST", "LOAD_FAST_CHECK", "LOAD_FAST_AND_CLEAR", "LOAD_DEREF",
              "LOAD_CLOSURE"):  # a captured parameter is read through its cell
        return (v,), ()
    if op == "LOAD_FAST_LOAD_FAST":
        return tuple(v), ()
    if op in ("STORE_FAST", "DELETE_FAST", "STORE_DEREF"):
        return (), (v,)
    if op == "STORE_FAST_STORE_FAST":
        return (), tuple(v)
    if op == "STORE_FAST_LOAD_FAST":
        return (v[1],), (v[0],)  # store happens first, then the load
    return (), ()


def live_locals(instrs, exhausted_offset, extra=None) -> dict[int, frozenset]:
    """offset -> names live on entry to that instruction. `exhausted_offset`
    maps a FOR_ITER instruction to where it goes when the iterator ends;
    `extra`: offset -> more successors (exception handlers, trycatch.py)."""
    index = {ins.offset: i for i, ins in enumerate(instrs)}
    succ: list[list[int]] = []
    jumps = set(dis.hasjrel) | set(dis.hasjabs)
    for i, ins in enumerate(instrs):
        s = []
        if ins.opname not in _ENDS and i + 1 < len(instrs):
            s.append(i + 1)
        if ins.opname == "FOR_ITER":
            s.append(index[exhausted_offset(ins)])
        elif ins.opcode in jumps and ins.argval in index:
            s.append(index[ins.argval])
        s.extend(index[t] for t in (extra or {}).get(ins.offset, ()))
        succ.append(s)
    live = [frozenset()] * len(instrs)
    changed = True
    while changed:
        changed = False
        for i in range(len(instrs) - 1, -1, -1):
            uses, defs = _uses_defs(instrs[i])
            out = frozenset().union(*(live[j] for j in succ[i])) if succ[i] else frozenset()
            if instrs[i].opname == "STORE_FAST_LOAD_FAST":
                new = (out - {defs[0]}) | {uses[0]} if uses[0] != defs[0] else out
            else:
                new = (out - frozenset(defs)) | frozenset(uses)
            if new != live[i]:
                live[i] = new
                changed = True
    return {ins.offset: live[i] for i, ins in enumerate(instrs)}
