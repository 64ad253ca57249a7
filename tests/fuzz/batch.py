"""Batched checking for the long mode: many programs per wasm module.

`oracle.check` compiles every program standalone (`py2wasm.compile(f,
target=T)`): trace, passes, Binaryen, wasmtime, once per program and
target. Most of that time is the same every time: the linked math library
(`passes/link_math.py`) goes through the IR passes, the lowering and
Binaryen's optimizer in every module that calls `math.sin` or `np.exp`, and
the tracer runs once per target although its output does not depend on the
target. `check_batch` instead

1. traces each program once per argument-type signature, exactly as
   `CompiledFunction._compile` does (`types_of_values`, `trace`);
2. copies the traced functions of all programs into ONE IR module (each
   program's functions renamed `u<k>_<name>`, calls renamed with them),
   runs the target-independent passes on it once (`passes.shared_passes`:
   link_math and PIPELINE; `passes.run_passes` is exactly them followed by
   `target_passes`), then per target a copy through `target_passes` (the
   vectorizer), the backend (`compile_module`, the options `py2wasm.compile`
   uses) and one wasmtime instance;
3. puts each program's export into its `CompiledFunction` as the
   specialization for its argument types, and runs the oracle's usual
   loop through `CompiledFunction.__call__` (the same call paths);
4. runs the reference once per argument set and compares as `oracle.check`.

Anything that is not "ok" in the batch is decided by the standalone
`oracle.check` (the verdict, and the outcome that is counted and shrunk), so
a failure is attributed exactly as a standalone compile gives it; programs
whose tracing raises (refusals), or whose arguments share memory (a
specialization of its own), are checked standalone from the start; when the
batch module fails to build, every program of it is checked standalone.

What the batch cannot see: a miscompile that appears only in a standalone
module and not when the program shares its module with others (e.g. a
library function specialized by the call-site ranges of one program only).
`run(..., cross_check=N)` therefore also checks every N-th program
standalone on every target (a mismatch between the two is counted as the
standalone outcome, like any failure).
"""
from __future__ import annotations

import math
from collections import Counter

import numpy as np

from . import oracle, reference
from .values import copy_value


STATS: Counter = Counter()  # program-target checks: batched, standalone; failed batch builds


class _Unit:
    """One program with one argument-type signature: its traced IR."""

    def __init__(self, k, key, module):
        self.k, self.key, self.module = k, key, module
        self.export = f"u{k}_{module.exports[0]}"


def _rename_into(merged, unit) -> None:
    from py2wasm.passes.link_math import _copy_function

    names = {n: f"u{unit.k}_{n}" for n in unit.module.functions}
    # constant tables (str lookups...): the same bytes are one table
    tables = {n: merged.add_data(n, blob) for n, blob in unit.module.data.items()}
    for n, fn in unit.module.functions.items():
        c = _copy_function(fn)
        c.name = names[n]
        for b in c.blocks:
            for e in b.eqns:
                if e.prim == "call" and e.params.get("fn") in names:
                    e.params = dict(e.params, fn=names[e.params["fn"]])
                elif e.prim == "data_addr" and e.params.get("name") in tables:
                    e.params = dict(e.params, name=tables[e.params["name"]])
        merged.add(c)
    merged.exports.extend(names[n] for n in unit.module.exports)


class _Prepared:
    """A program ready for the batch: its two loaded functions, its
    reference results, its traced units (None: check it standalone)."""

    def __init__(self, program):
        import py2wasm
        from py2wasm import api
        from py2wasm.frontend import trace, types_of_values

        self.program = program
        self.units = None
        self.refs = None
        try:
            self.ref_fn = program.load(True, oracle.REF_NS)
        except Exception:  # the standalone check reports it
            return
        self.fn = program.load(False, {"np": np, "math": math})
        self.compiled = {}
        probe = py2wasm.compile(self.fn, target="mvp")
        units = {}
        try:
            for args in program.inputs:
                cargs = copy_value(args)
                bound = probe._bind(cargs, {})
                key = api._alias_key(bound, tuple(api._type_key(a) for a in bound))
                if api._aliased(key):
                    return
                if key not in units:
                    units[key] = trace(self.fn, list(types_of_values(bound, self.fn)))
        except Exception:  # a refusal or an internal error: standalone decides
            return
        try:
            self.refs = [oracle.run_reference(self.ref_fn, args) for args in program.inputs]
        except reference.OracleMismatch:
            return
        self.units = units


def _debug() -> None:
    """PY2WASM_FUZZ_DEBUG=1: print why a batch build failed."""
    import os
    import traceback
    if os.environ.get("PY2WASM_FUZZ_DEBUG"):
        traceback.print_exc()


def _copy_module(module):
    from py2wasm import ir
    from py2wasm.passes.link_math import _copy_function

    out = ir.Module(source_file=module.source_file, data=dict(module.data))
    for fn in module.functions.values():
        out.add(_copy_function(fn))
    out.exports = list(module.exports)
    return out


def _uses_math(module, name) -> bool:
    return any(e.prim == "math" and e.params.get("fn") == name
               for fn in module.functions.values() for b in fn.blocks for e in b.eqns)


def _build(prepared, targets):
    """{target: (units, Specialization factory)} for the programs that
    traced: one merged module, the target-independent passes run once
    (passes.shared_passes), then per target a copy through the target's
    passes, the backend and wasmtime; a target whose build fails is absent."""
    import py2wasm
    from py2wasm import api, ir
    from py2wasm.backend import compile_module
    from py2wasm.passes import keep_math, shared_passes, target_passes
    from py2wasm.runner import Instance

    units = []
    merged = ir.Module(source_file="<fuzz batch>")
    for j, pp in enumerate(prepared):
        if pp.units is None:
            continue
        for t in targets:
            pp.compiled[t] = py2wasm.compile(pp.fn, target=t)
        for key, module in pp.units.items():
            u = _Unit(len(units), key, module)
            u.program = j
            units.append(u)
            _rename_into(merged, u)
    if not units:
        return {}
    probe = prepared[units[0].program].compiled[targets[0]]
    level = 0 if probe.opt == "O0" else 1
    # the fuzz programs never call math.fma (Python 3.13): then the shared
    # passes do not depend on the target (keep_math only keeps fma equations)
    same = [t for t in targets if not keep_math(t) or not _uses_math(merged, "fma")]
    built = {}
    try:
        if probe.verify:
            ir.verify_module(merged)
        shared = shared_passes(merged, level, probe.verify, keep_math=())
    except Exception:
        _debug()
        STATS["batch build failed"] += 1
        return {}
    for n, t in enumerate(same):
        try:
            m = shared if n == len(same) - 1 else _copy_module(shared)
            m = target_passes(m, level, probe.verify, target=t, fastmath=probe.fastmath)
            build = compile_module(m, opt=probe.opt, name="batch", target=t, abi="host")
            inst = Instance(build)
        except Exception:
            _debug()
            STATS["batch build failed"] += 1
            continue
        for u in units:
            c = prepared[u.program].compiled[t]
            c.specializations[u.key] = api.Specialization(m, build, inst, u.export)
        built[t] = True
    return built


def check_batch(programs, targets=oracle.TARGETS) -> list[dict]:
    """For each program, {target: Outcome}, equal to `oracle.check(p, t)`
    wherever that is not "ok" (see the module docstring)."""
    import py2wasm

    prepared = [_Prepared(p) for p in programs]
    built = _build(prepared, tuple(targets))
    results = [{} for _ in programs]
    for t in targets:
        for j, pp in enumerate(prepared):
            out = None
            if pp.units is not None and t in built:
                out = _run_prepared(pp, t, py2wasm)
            if out is None or out.status != "ok":
                STATS["standalone"] += 1
                out = oracle.check(pp.program, t)
            else:
                STATS["batched"] += 1
            results[j][t] = out
    return results


def _run_prepared(pp, t, py2wasm):
    compiled = pp.compiled[t]
    for i, (args, ref) in enumerate(zip(pp.program.inputs, pp.refs)):
        out = oracle._run_compiled(compiled, ref, args, py2wasm)
        if out is not None:
            out.index = i
            return out
    return oracle.Outcome("ok")
