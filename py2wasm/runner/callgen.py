"""Generated fast call paths: one small Python function per exported wasm
function, specialized on its manifest signature.

Place in the pipeline: runner. The generated function checks and converts
the arguments (int -> i64 with a range check, float -> f64, bool -> i32,
NumPy scalars -> their compute value, complex -> two f64, tuples flattened), stores them in a
preallocated `wasmtime_val_raw_t`
buffer, calls `wasmtime_func_call_unchecked` (types are known to match, the
manifest and the module come from the same build), and rebuilds the Python
result (int, float, bool, NumPy scalars, nested tuples, None). A trap goes to `on_trap`.
"""
from __future__ import annotations

from typing import Any

I64_MIN, I64_MAX = -2**63, 2**63 - 1
# NumPy scalar types ("numpy.float32"...): the wasm value kind of each dtype
_NP_KIND = {"float64": "f64", "float32": "f64", "int64": "i64", "uint64": "i64", "int32": "i64",
            "int16": "i64", "int8": "i64", "uint32": "i64", "uint16": "i64", "uint8": "i64",
            "bool": "i32"}
# NumPy complex scalars: two f64 slots (real, imaginary)
_NP_COMPLEX = ("complex128", "complex64")


def _np_dtype(t):
    """The dtype of manifest type "numpy.<name>", else None."""
    if isinstance(t, str) and t.startswith("numpy."):
        return "bool" if t == "numpy.bool_" else t[6:]
    return None


def np_scalar_env() -> dict:
    """The names generated callers use for NumPy scalar parameters/results."""
    import numpy as np
    env = {f"_np_{d}": np.dtype(d).type for d in tuple(_NP_KIND) + _NP_COMPLEX}
    env["_np_check"] = _np_check
    env["_u64"] = _u64
    return env


def _u64(v) -> int:
    """A numpy.uint64 as the i64 of its bits."""
    x = int(v)
    return x - 2**64 if x >= 2**63 else x


def _np_check(v, want, what, fname):
    """A NumPy scalar argument: exactly the specialized type (a Python number
    or another NumPy type would compute with different rules)."""
    raise TypeError(f"{fname}(): argument {what!r} must be {want.__module__}."
                    f"{want.__name__}, not {type(v).__name__}")


def _flat_count(t) -> int:
    if isinstance(t, dict) and "optional" in t:  # a flag, then the value's leaves
        return 1 + _flat_count(t["optional"])
    if isinstance(t, dict):
        return sum(_flat_count(e) for e in t["tuple"])
    return 0 if t == "None" else 2 if t == "complex" or _np_dtype(t) in _NP_COMPLEX else 1


def _leaf_types(entry):
    out = []

    def walk(t):
        if isinstance(t, dict) and "optional" in t:
            out.append("bool")
            walk(t["optional"])
        elif isinstance(t, dict):
            for e in t.get("tuple", ()):
                walk(e)
        else:
            out.append(t)
    for p in entry["params"]:
        walk(p["type"])
    walk(entry["result"])
    return out


def _show(t) -> str:
    if isinstance(t, dict) and "optional" in t:
        return _show(t["optional"]) + " | None"
    if isinstance(t, dict):
        return "tuple[" + ", ".join(_show(e) for e in t["tuple"]) + "]"
    return t


class _Gen:
    def __init__(self, exact: bool = False):
        self.lines: list[str] = []
        self.slot = 0
        self.tmp = 0
        self.exact = exact  # the arguments' types are already checked exactly (guard_test)

    def fresh(self) -> str:
        self.tmp += 1
        return f"_v{self.tmp}"

    def param(self, expr: str, t, what: str, indent: str) -> None:
        """Emit code storing Python value `expr` of manifest type `t`."""
        L = self.lines
        if t == "None":  # a known None (`cache=None`): nothing crosses
            L.append(f"{indent}if {expr} is not None: _bad({expr}, {what!r}, 'None')")
            return
        if isinstance(t, dict) and "optional" in t:  # T | None: a flag, then T's leaves
            s = self.slot
            self.slot += 1
            n = _flat_count(t["optional"])
            L.append(f"{indent}if {expr} is None:")
            L.append(f"{indent}    _r{s}.i32 = 0")
            L.extend(f"{indent}    _r{s + 1 + i}.i64 = 0" for i in range(n))
            L.append(f"{indent}else:")
            L.append(f"{indent}    _r{s}.i32 = 1")
            self.param(expr, t["optional"], what, indent + "    ")
            return
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
        d = _np_dtype(t)
        if d in _NP_COMPLEX:
            self.slot += 1
            L.append(f"{indent}if type({expr}) is not _np_{d}: _np_check({expr}, _np_{d}, "
                     f"{what!r}, _fname)")
            L.append(f"{indent}_r{s}.f64 = float({expr}.real)")
            L.append(f"{indent}_r{s + 1}.f64 = float({expr}.imag)")
            return
        if d is not None:
            if not self.exact:
                L.append(f"{indent}if type({expr}) is not _np_{d}: _np_check({expr}, _np_{d}, "
                         f"{what!r}, _fname)")
            kind = _NP_KIND[d]
            conv = {"f64": "float", "i64": "int", "i32": "bool"}[kind]
            if d == "uint64":
                conv = "_u64"
            L.append(f"{indent}_r{s}.{kind} = {conv}({expr})")
            return
        if t == "complex":  # two f64 slots: real, imag
            self.slot += 1
            if not self.exact:
                L.append(f"{indent}if type({expr}) is not complex: {expr} = _complex({expr}, {what!r})")
            L.append(f"{indent}_r{s}.f64 = {expr}.real")
            L.append(f"{indent}_r{s + 1}.f64 = {expr}.imag")
        elif t == "int":
            if not self.exact:
                L.append(f"{indent}if type({expr}) is not int: {expr} = _int({expr}, {what!r})")
            L.append(f"{indent}if not {I64_MIN} <= {expr} <= {I64_MAX}: _range({expr}, {what!r})")
            L.append(f"{indent}_r{s}.i64 = {expr}")
        elif t == "float":
            if not self.exact:
                L.append(f"{indent}if type({expr}) is not float: {expr} = _float({expr}, {what!r})")
            L.append(f"{indent}_r{s}.f64 = {expr}")
        elif t == "bool":
            if not self.exact:
                L.append(f"{indent}if type({expr}) is not bool: _bad({expr}, {what!r}, 'bool')")
            L.append(f"{indent}_r{s}.i32 = {expr}")
        else:
            raise ValueError(f"bad parameter type {t!r} in manifest")

    def result(self, t) -> str:
        if isinstance(t, dict) and "optional" in t:
            s = self.slot
            self.slot += 1
            return f"({self.result(t['optional'])} if _r{s}.i32 else None)"
        if isinstance(t, dict):
            items = [self.result(e) for e in t["tuple"]]
            return "(" + "".join(i + ", " for i in items) + ")"
        if t == "None":
            return "None"
        s = self.slot
        self.slot += 1
        d = _np_dtype(t)
        if d in _NP_COMPLEX:
            self.slot += 1
            return f"_np_{d}(complex(_r{s}.f64, _r{s + 1}.f64))"
        if d is not None:
            kind = _NP_KIND[d]
            if d == "uint64":
                return f"_np_uint64(_r{s}.i64 & 0xFFFFFFFFFFFFFFFF)"
            return f"_np_{d}(_r{s}.{kind}{' != 0' if kind == 'i32' else ''})"
        if t == "complex":
            self.slot += 1
            return f"complex(_r{s}.f64, _r{s + 1}.f64)"
        return {"int": f"_r{s}.i64", "float": f"_r{s}.f64", "bool": f"_r{s}.i32 != 0"}[t]


_EXACT = {"float": "float", "int": "int", "bool": "bool", "complex": "complex"}


def guard_test(name: str, t) -> str | None:
    """A Python expression true when argument `name` is NOT exactly of
    manifest type `t` (a scalar or NumPy scalar type), or None for types the
    guard does not cover (tuples)."""
    if t == "None":
        return f"{name} is not None"
    d = _np_dtype(t)
    if d is not None:
        return f"type({name}) is not _np_{d}"
    if isinstance(t, str) and t in _EXACT:
        return f"type({name}) is not {_EXACT[t]}"
    return None


def make_caller(entry: dict, env: dict[str, Any], miss=None):
    """`call(args: tuple)` for manifest function `entry`. `env` supplies
    _call (the C function), _raw_t (wasmtime_val_raw_t), _ctx, _func, _trap,
    _trapref, _on_trap(error), _int, _float, _complex, _bad, _range, _arity;
    with `_call0` in `env` the call is `_call0()`, a zero-argument callable
    the runner rebinds (in `call.__globals__`) to a thunk of `_call` on
    (_ctx, _func, _bufp, _n, _trapref) returning the error or else the trap
    pointer (runner/__init__.py, _bind_thunks).

    With `miss` the result is instead a method `call(self, *args, **kwargs)`
    (py2wasm.compile's per-signature `__call__`, api.py) serving only
    positional arguments of exactly the manifest's types; any other call
    returns `miss(self, *args, **kwargs)`. Returns (None, 0) when the
    signature has a type the guard does not cover."""
    params = entry["params"]
    nflat = sum(_flat_count(p["type"]) for p in params)
    nres = _flat_count(entry["result"])
    size = max(nflat, nres, 1)
    g = _Gen(exact=miss is not None)
    L = g.lines
    names = [f"_a{i}" for i in range(len(params))]
    if miss is None:
        L.append("def call(args):")
        L.append(f"    if len(args) != {len(params)}: _arity(args)")
    else:
        tests = [guard_test(n, p["type"]) for n, p in zip(names, params)]
        if None in tests:
            return None, 0
        L.append("def call(self, *args, **kwargs):")
        if names:  # the unpacking checks the count (cheaper than len(args) != n)
            L.append(f"    try: {', '.join(names)}{',' if len(names) == 1 else ''} = args")
            L.append("    except ValueError: return _miss(self, *args, **kwargs)")
        L.append(f"    if {' or '.join(['kwargs'] + tests if names else ['kwargs', 'args'])}: "
                 "return _miss(self, *args, **kwargs)")
    if names and miss is None:
        L.append(f"    {', '.join(names)}{',' if len(names) == 1 else ''} = args")
    for n, p in zip(names, params):
        g.param(n, p["type"], p["name"], "    ")
    if "_call0" in env:  # a zero-argument thunk bound to the five arguments (runner/thunks.py):
        # its result is the error or else the trap (non-zero: the call did not return normally)
        L.append("    _e = _call0()")
        L.append("    if _e:")
    else:
        L.append("    _e = _call(_ctx, _func, _bufp, _n, _trapref)")
        L.append("    if _e or _trap.value:")
    L.append("        return _on_trap(_e)")
    g.slot = 0
    L.append(f"    return {g.result(entry['result'])}")
    ns = dict(env)
    ns["_miss"] = miss
    if any(_np_dtype(x) for x in _leaf_types(entry)):
        ns.update(np_scalar_env())
        ns["_fname"] = entry["name"]
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
