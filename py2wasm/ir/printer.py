"""Readable text form of the IR, in the spirit of JAX's jaxpr.

Place in the pipeline: used by `py2wasm ir`, the playground's IR tab, error
reports and tests. Output looks like:

    def fma(a:f64, b:f64, c:f64) -> f64:    # (x: float, y: float, z: float) -> float
      ^0(a:f64, b:f64, c:f64):
        d:f64 = mul a b                       # fma.py:2
        e:f64 = add d c
        return e

Variables are named a, b, ..., z, ba, bb, ... per function in order of
definition, with the Python name they came from as a suffix where known
(`n_x:i64`).
"""
from __future__ import annotations

from .core import Block, Br, CondBr, Eqn, Function, Module, Raise, Return, Var


def _letters(i: int) -> str:
    s = ""
    while True:
        s = chr(ord("a") + i % 26) + s
        i = i // 26 - 1
        if i < 0:
            return s


class _Names:
    def __init__(self):
        self.names: dict[int, str] = {}

    def define(self, v: Var) -> str:
        n = _letters(len(self.names))
        if v.hint:
            n = f"{n}_{v.hint}"
        self.names[v.id] = n
        return f"{n}:{v.type.name}"

    def __call__(self, v: Var) -> str:
        return self.names.get(v.id, f"?{v.id}")


def _fmt_param(k, v) -> str:
    if k == "type" or k == "to":
        return f"{k}={v.name}" if hasattr(v, "name") else f"{k}={v}"
    if k == "results":
        return f"{k}=({', '.join(t.name for t in v)})"
    return f"{k}={v!r}"


def format_function(fn: Function) -> str:
    names = _Names()
    blocks = fn.reachable_blocks()
    # Name block params and eqn outputs first, in block order, so uses that
    # come before definitions in the listing (loop back edges) still print.
    decls: dict[int, list[str]] = {}
    for b in blocks:
        decls[id(b)] = [names.define(p) for p in b.params]
        for e in b.eqns:
            for o in e.outs:
                names.define(o)
    ps = ", ".join(f"{names(p)}:{p.type.name}" for p in fn.params)
    rs = ", ".join(t.name for t in fn.result_types) or "()"
    head = f"def {fn.name}({ps}) -> {rs}:"
    if fn.sig is not None:
        head += f"    # {fn.sig}"
    lines = [head]

    def args(vs):
        return ", ".join(names(v) for v in vs)

    last_line = None
    for b in blocks:
        head = f"  ^{b.label}({', '.join(decls[id(b)])}):"
        if b.meta:
            head = f"{head:<44}# " + ", ".join(f"{k}: {v}" for k, v in b.meta.items())
        lines.append(head)
        for e in b.eqns:
            outs = ", ".join(f"{names(o)}:{o.type.name}" for o in e.outs)
            params = e.params
            if e.prim == "const":
                rhs = f"const {params['value']!r}"
            else:
                ps = ",".join(_fmt_param(k, v) for k, v in params.items())
                rhs = e.prim + (f"[{ps}]" if ps else "") + "".join(" " + names(i) for i in e.ins)
            text = f"    {outs + ' = ' if outs else ''}{rhs}"
            if e.loc is not None and e.loc.line != last_line:
                text = f"{text:<44}# {e.loc.file.rsplit('/', 1)[-1]}:{e.loc.line}"
                last_line = e.loc.line
            lines.append(text)
        t = b.term
        if isinstance(t, Br):
            lines.append(f"    br ^{t.target.label}({args(t.args)})")
        elif isinstance(t, CondBr):
            lines.append(f"    cond_br {names(t.cond)}, ^{t.then.label}({args(t.then_args)}), "
                         f"^{t.else_.label}({args(t.else_args)})")
        elif isinstance(t, Return):
            lines.append(f"    return {args(t.values)}".rstrip())
        elif isinstance(t, Raise):
            lines.append(f"    raise {t.exc}({t.msg!r})")
        else:
            lines.append("    <no terminator>")
    return "\n".join(lines)


def format_data(name: str, blob: bytes) -> str:
    """One constant table: `data name: N bytes = 00 01 ...` (the first 16)."""
    head = " ".join(f"{b:02x}" for b in blob[:16])
    return f"data {name}: {len(blob)} bytes = {head}{' ...' if len(blob) > 16 else ''}"


def format_module(m: Module) -> str:
    data = [format_data(n, b) for n, b in m.data.items()]
    return "\n\n".join(([("\n".join(data))] if data else []) +
                       [format_function(f) for f in m.functions.values()]) + "\n"
