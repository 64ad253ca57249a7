"""Generated fast call paths: one small Python function per exported wasm
function, specialized on its manifest signature.

Place in the pipeline: runner. The generated function checks and converts
the arguments (int -> i64 with a range check, float -> f64, bool -> i32,
tuples flattened), stores them in a preallocated `wasmtime_val_raw_t`
buffer, calls `wasmtime_func_call_unchecked` (types are known to match, the
manifest and the module come from the same build), and rebuilds the Python
result (int, float, bool, nested tuples, None). A trap goes to `on_trap`.
"""
from __future__ import annotations

from typing import Any

I64_MIN, I64_MAX = -2**63, 2**63 - 1


def _flat_count(t) -> int:
    if isinstance(t, dict):
        return sum(_flat_count(e) for e in t["tuple"])
    return 0 if t == "None" else 1


def _show(t) -> str:
    if isinstance(t, dict):
        return "tuple[" + ", ".join(_show(e) for e in t["tuple"]) + "]"
    return t


class _Gen:
    def __init__(self):
        self.lines: list[str] = []
        self.slot = 0
        self.tmp = 0

    def fresh(self) -> str:
        self.tmp += 1
        return f"_v{self.tmp}"

    def param(self, expr: str, t, what: str, indent: str) -> None:
        """Emit code storing Python value `expr` of manifest type `t`."""
        L = self.lines
        if isinstance(t, dict):
            n = len(t["tuple"])
            L.append(f"{indent}if type({expr}) is not tuple or len({expr}) != {n}:")
            L.append(f"{indent}    _bad({expr}, {what!r}, {_show(t)!r})")
            for i, e in enumerate(t["tuple"]):
                v = self.fresh()
                L.append(f"{indent}{v} = {expr}[{i}]")
                self.param(v, e, f"{what}[{i}]", indent)
            return
        s = self.slot
        self.slot += 1
        if t == "int":
            L.append(f"{indent}if type({expr}) is not int: {expr} = _int({expr}, {what!r})")
            L.append(f"{indent}if not {I64_MIN} <= {expr} <= {I64_MAX}: _range({expr}, {what!r})")
            L.append(f"{indent}_r{s}.i64 = {expr}")
        elif t == "float":
            L.append(f"{indent}if type({expr}) is not float: {expr} = _float({expr}, {what!r})")
            L.append(f"{indent}_r{s}.f64 = {expr}")
        elif t == "bool":
            L.append(f"{indent}if type({expr}) is not bool: _bad({expr}, {what!r}, 'bool')")
            L.append(f"{indent}_r{s}.i32 = {expr}")
        else:
            raise ValueError(f"bad parameter type {t!r} in manifest")

    def result(self, t) -> str:
        if isinstance(t, dict):
            items = [self.result(e) for e in t["tuple"]]
            return "(" + "".join(i + ", " for i in items) + ")"
        if t == "None":
            return "None"
        s = self.slot
        self.slot += 1
        return {"int": f"_r{s}.i64", "float": f"_r{s}.f64", "bool": f"_r{s}.i32 != 0"}[t]


def make_caller(entry: dict, env: dict[str, Any]):
    """`call(args: tuple)` for manifest function `entry`. `env` supplies
    _call (the C function), _raw_t (wasmtime_val_raw_t), _ctx, _func, _trap,
    _trapref, _on_trap(error), _int, _float, _bad, _range, _arity."""
    params = entry["params"]
    nflat = sum(_flat_count(p["type"]) for p in params)
    nres = _flat_count(entry["result"])
    size = max(nflat, nres, 1)
    g = _Gen()
    L = g.lines
    names = [f"_a{i}" for i in range(len(params))]
    L.append("def call(args):")
    L.append(f"    if len(args) != {len(params)}: _arity(args)")
    if names:
        L.append(f"    {', '.join(names)}{',' if len(names) == 1 else ''} = args")
    for n, p in zip(names, params):
        g.param(n, p["type"], p["name"], "    ")
    L.append("    _e = _call(_ctx, _func, _bufp, _n, _trapref)")
    L.append("    if _e or _trap.value:")
    L.append("        return _on_trap(_e)")
    g.slot = 0
    L.append(f"    return {g.result(entry['result'])}")
    ns = dict(env)
    import ctypes
    ns["_buf"] = buf = (env["_raw_t"] * size)()
    ns["_bufp"] = ctypes.c_void_p(ctypes.addressof(buf))  # untyped call: exact C types
    ns["_n"] = ctypes.c_size_t(size)
    for i in range(size):
        ns[f"_r{i}"] = buf[i]
    code = "\n".join(L)
    exec(compile(code, f"<py2wasm call {entry['name']}>", "exec"), ns)
    call = ns["call"]
    call.source = code
    return call, size
