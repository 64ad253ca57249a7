"""Shrink a failing fuzz program to a minimal reproduction: keep only the
failing input, delete statements and helper functions, replace an `if` or a
loop by its body, replace typed expressions by a same-typed operand or a
small literal, and make the arguments smaller (shorter arrays, simple
values). A step is kept when the program still fails the same way (same
status and exception type) on the same target."""
from __future__ import annotations

import ast
import copy
import time

import numpy as np

from . import oracle
from .program import Program, T

SCALAR_TYPES = ("int", "float", "bool")
_LITS = {"int": [0, 1, -1], "float": [0.0, 1.0, -0.0], "bool": [False, True]}


def _sites(module):
    """(parent, field, index, node) for every node, in a deterministic order."""
    out = []
    stack = [module]
    while stack:
        parent = stack.pop(0)
        for fld, val in ast.iter_fields(parent):
            if isinstance(val, list):
                for i, x in enumerate(val):
                    if isinstance(x, ast.AST):
                        out.append((parent, fld, i, x))
                        stack.append(x)
            elif isinstance(val, ast.AST):
                out.append((parent, fld, None, val))
                stack.append(val)
    return out


def _set(parent, fld, idx, new):
    if idx is None:
        setattr(parent, fld, new)
    else:
        lst = getattr(parent, fld)
        if isinstance(new, list):
            lst[idx:idx + 1] = new
        else:
            lst[idx] = new
    if isinstance(getattr(parent, fld), list) and not getattr(parent, fld) and fld in ("body", "orelse"):
        if fld == "body":
            setattr(parent, fld, [ast.Pass()])


def _edits(module):
    """Yield functions that mutate a deep copy of `module`, each one a candidate."""
    sites = _sites(module)
    kept = {id(c) for _, _, _, n in sites if getattr(n, "_keep", False) for c in ast.walk(n)}
    for k in range(len(sites)):
        parent, fld, idx, node = sites[k]
        if id(node) in kept:  # a while loop's counter: deleting it would loop forever
            continue
        if isinstance(node, ast.stmt) and idx is not None:
            yield (k, "delete")
            if isinstance(node, (ast.If, ast.For, ast.While)):
                yield (k, "body")
                if getattr(node, "orelse", None):
                    yield (k, "orelse")
        t = getattr(node, "_t", None)
        if isinstance(node, ast.expr) and t is not None:
            kids = [c for c in ast.walk(node) if c is not node and getattr(c, "_t", None) == t]
            for j in range(min(len(kids), 4)):
                yield (k, ("kid", j))
            if t in SCALAR_TYPES and not isinstance(node, ast.Constant):
                for v in _LITS[t]:
                    yield (k, ("lit", v))


def _apply(module, edit):
    mod = copy.deepcopy(module)
    k, what = edit
    parent, fld, idx, node = _sites(mod)[k]
    if what == "delete":
        if fld == "body" and isinstance(parent, ast.Module) and getattr(node, "name", None) == "f":
            return None
        getattr(parent, fld).pop(idx)
        if not getattr(parent, fld) and not isinstance(parent, ast.Module):
            if fld == "body":
                getattr(parent, fld).append(ast.Pass())
    elif what in ("body", "orelse"):
        _set(parent, fld, idx, list(getattr(node, what)))
    elif what[0] == "kid":
        t = node._t
        kids = [c for c in ast.walk(node) if c is not node and getattr(c, "_t", None) == t]
        _set(parent, fld, idx, kids[what[1]])
    else:
        from .gen_scalar import const
        _set(parent, fld, idx, const(what[1], node._t))
    return mod


def _smaller_values(v):
    if isinstance(v, np.ndarray):
        if v.ndim >= 1 and v.shape[0] > 1:
            yield v[: v.shape[0] // 2].copy()
            yield v[:1].copy()
        if v.ndim >= 2 and v.shape[1] > 1:
            yield v[:, : v.shape[1] // 2].copy()
        if v.size and np.any(v != 0):
            yield np.zeros_like(v)
        return
    if isinstance(v, bool):
        if v:
            yield False
        return
    if isinstance(v, int):
        for c in (0, 1, -1, 2):
            if abs(c) < abs(v):
                yield c
        return
    if isinstance(v, float):
        for c in (0.0, 1.0, -1.0):
            if c != v and (abs(c) < abs(v) or v != v):
                yield c


def shrink(program: Program, target: str, outcome: oracle.Outcome, *,
           budget_s: float = 60.0, max_checks: int = 400) -> Program:
    want = outcome.signature()
    deadline = time.monotonic() + budget_s
    checks = [0]

    def still_fails(p: Program) -> bool:
        if time.monotonic() > deadline or checks[0] >= max_checks:
            return False
        checks[0] += 1
        try:
            return oracle.check(p, target).signature() == want
        except Exception:
            return False

    cur = Program(program.module, [program.inputs[outcome.index]], program.kind,
                  program.name, program.label)
    if not still_fails(cur):
        cur = program
    changed = True
    while changed and time.monotonic() < deadline and checks[0] < max_checks:
        changed = False
        k = 0
        edits = list(_edits(cur.module))
        while k < len(edits):
            mod = _apply(cur.module, edits[k])
            if mod is not None:
                cand = Program(mod, cur.inputs, cur.kind, cur.name, cur.label)
                if still_fails(cand):
                    cur = cand
                    changed = True
                    edits = list(_edits(cur.module))
                    continue  # same index: the next site
            k += 1
            if time.monotonic() > deadline or checks[0] >= max_checks:
                break
        # arguments
        for ai in range(len(cur.inputs[0])):
            for v in _smaller_values(cur.inputs[0][ai]):
                args = list(cur.inputs[0])
                args[ai] = v
                cand = Program(cur.module, [tuple(args)], cur.kind, cur.name, cur.label)
                if still_fails(cand):
                    cur = cand
                    changed = True
                    break
    return cur
