"""The fuzzer through the npm package: the JS boundary (arguments, results,
in-place writes, exceptions, the TypeScript declarations) in Node.

A batch of generated programs (scalar; array, NumPy scalar arguments
included; py: lists, nested lists, dicts, sets, strs, tuples; boundary:
gen_boundary.py, every type of the README's JS table as argument and
result) becomes ONE Python module, fuzzmod.py (each program's functions and
classes renamed apart), traced with the parameter types `py2wasm build`
reads (annotations, else the first input's types), built for simd and
relaxed-simd with the package API (`py2wasm.package.write_package`) and
called from Node (`node_harness.mjs`). Results are compared with the
reference as in `oracle`, through the package's documented JS mapping
(node_values.py): `int` is a JS number (safe integers only; a result
beyond ±(2**53-1) is a RangeError carrying the exact BigInt in `.value`),
arrays are TypedArrays (N-d: `{data, shape}`), tuples and lists are JS
arrays, dicts `Map`s and sets `Set`s in CPython's order, strs strings,
records plain objects; a list, dict, set or dataclass result that is an
argument must be the caller's own object (and a new one otherwise); the
arguments after the call (also after a raise) hold the function's
changes; an exception is an `Error` named after the Python exception
whose message is Python's followed by " (fuzzmod.py:LINE: source)",
naming a line of the program. `tsc --strict` checks the package's
index.d.ts against a typed call of every function (node_types.py).
Programs py2wasm refuses (or whose signature the package cannot express)
are counted and left out of the package.

`python -m tests.fuzz.node --count 300 --kind py` runs larger batches.
"""
from __future__ import annotations

import ast
import copy
import dataclasses
import re
import sys
import types
import json
import linecache
import math
import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np

from . import oracle, reference
from .node_values import decode, encode_arg, norm, same_js, unsafe_ints
from .values import show

HERE = Path(__file__).resolve().parent
SAFE = 2**53 - 1
# "message (fuzzmod.py:LINE: source text)": the Python line that raised
WHERE = re.compile(r" \(fuzzmod\.py:(\d+): (.*)\)$", re.S)


def _builtin_name(e: BaseException) -> str:
    for k in type(e).__mro__:
        if k.__module__ == "builtins":
            return k.__name__
    return type(e).__name__


def _exc_ok(err: dict, want: BaseException, lines: list[str]) -> bool:
    """A Python exception from JavaScript: an `Error` named after it whose
    message is Python's followed by " (fuzzmod.py:LINE: source)", LINE one of
    the program's lines and the source its text."""
    if isinstance(want, reference.ModelEither):
        return any(_exc_ok(err, w, lines) for w in want.alternatives)
    if not err.get("isError"):
        return False
    m = WHERE.search(err["message"])
    if m is None:
        return False
    line = int(m.group(1))
    if not (1 <= line <= len(lines) and lines[line - 1].strip() == m.group(2)):
        return False
    message = err["message"][:m.start()]
    if isinstance(want, reference.ModelOverflow):
        return err["name"] == "OverflowError" and message.startswith(want.prefix)
    # the Python exception's own name (FrozenInstanceError) or its builtin base's
    return err["name"] in (type(want).__name__, _builtin_name(want)) and message == str(want)


def _identity(rv, rargs) -> int:
    """The argument a result is (lists, dicts, sets and dataclass instances
    cross back as the caller's own object), else -1."""
    if isinstance(rv, (list, dict, set)) or (
            dataclasses.is_dataclass(rv) and not isinstance(rv, type)):
        for i, a in enumerate(rargs):
            if rv is a:
                return i
    return -1


def compare(ref, out, lines=(), args=None) -> oracle.Outcome | None:
    """None when the JS outcome `out` matches the reference `ref`; `lines`:
    the program's source lines (exception messages name one); `args`: the
    arguments as passed (a Set of strs left with its elements keeps its order)."""
    rk, rv, rargs = ref
    if "error" in out:
        err = out["error"]
        got = f"{err['name']}({err['message']!r})"
        if rk == "value":
            # an int result beyond the safe range: RangeError carrying the exact value
            big = unsafe_ints(rv)
            if not (big and err["name"] == "RangeError" and err.get("value") is not None
                    and int(err["value"]) in big):
                return oracle.Outcome("wrong exception", f"expected the value {show(rv)}, got {got}",
                                      exc_type=err["name"])
        elif not _exc_ok(err, rv, lines):
            return oracle.Outcome("wrong exception", f"expected {type(rv).__name__}({str(rv)!r}) "
                                  f"located at a line of the program, got {got}",
                                  exc_type=err["name"])
    else:
        if rk == "raise":
            return oracle.Outcome("wrong exception", f"expected {type(rv).__name__}({str(rv)!r}), "
                                  f"got a value {out['ok']}", exc_type="-")
        if unsafe_ints(rv):
            return oracle.Outcome("wrong answer", f"expected a RangeError for {show(rv)}, got {out['ok']}")
        ok, got = same_js(rv, out["ok"])
        if not ok:
            return oracle.Outcome("wrong answer", f"result: expected {show(rv)}, got {got!r}")
        want_same = _identity(rv, rargs)
        if out.get("same", -1) != want_same:
            return oracle.Outcome("wrong answer", f"result: expected {'argument %d itself' % want_same if want_same >= 0 else 'a new object'}, "
                                  f"got {'argument %d' % out['same'] if out['same'] >= 0 else 'a new object'}")
    for i, (a, enc) in enumerate(zip(rargs, out["after"])):
        ok, got = same_js(a, enc)
        if not ok:
            return oracle.Outcome("wrong answer", f"argument {i} after the call: expected "
                                  f"{show(norm(a))}, got {got!r}")
        if isinstance(a, set) and args is not None and a == args[i] and any(
                isinstance(x, str) for x in a):
            # a Set<string> left with the same elements keeps its order (README)
            order = [decode(e, "") for e in enc["set"]]
            if order != list(args[i]):
                return oracle.Outcome("wrong answer", f"argument {i} after the call: the Set "
                                      f"kept its elements but not its order: {order!r}")
    return None


class _Rename(ast.NodeTransformer):
    def __init__(self, names):
        self.names = names

    def visit_FunctionDef(self, node):
        node.name = self.names.get(node.name, node.name)
        if isinstance(node.returns, ast.Constant) and node.returns.value in self.names:
            node.returns.value = self.names[node.returns.value]  # -> "Pt"
        self.generic_visit(node)
        return node

    def visit_ClassDef(self, node):
        node.name = self.names.get(node.name, node.name)
        self.generic_visit(node)
        return node

    def visit_Name(self, node):
        if node.id in self.names:
            node.id = self.names[node.id]
        return node


def _renamed(program, k):
    mod = copy.deepcopy(program.module)
    names = {d.name: f"{d.name}_{k}" for d in mod.body
             if isinstance(d, (ast.FunctionDef, ast.ClassDef))}
    # module constants (gen_scalar_extra's C0 = 7) too: one module holds every program
    names.update({t.id: f"{t.id}_{k}" for d in mod.body if isinstance(d, ast.Assign)
                  for t in d.targets if isinstance(t, ast.Name)})
    return _Rename(names).visit(mod), names[program.name]


def _clamp(v):
    """JS int parameters are safe integers: int (and np.int64, np.uint64) arguments
    are clamped to ±(2**53-1)."""
    if isinstance(v, int) and not isinstance(v, bool):
        return max(min(v, SAFE), -SAFE)
    if isinstance(v, (np.int64, np.uint64)):  # safe integers too (README, NumPy scalars)
        return type(v)(max(min(int(v), SAFE), -SAFE))
    if type(v) in (tuple, list):
        return type(v)(_clamp(x) for x in v)
    if isinstance(v, dict):
        return {_clamp(k): _clamp(x) for k, x in v.items()}
    return v


def _contiguous(t):
    """A parameter type as the npm package sees it: arrays C-ordered."""
    import dataclasses

    from py2wasm.ir.types import ArrayType, TupleType
    if type(t) is ArrayType:
        return dataclasses.replace(t, strided=False)
    if isinstance(t, TupleType):
        return TupleType(tuple(_contiguous(e) for e in t.elems))
    return t


def _param_types(fn, args):
    """The package's parameter types, as `py2wasm build` reads them: the
    annotation's where there is one (an empty `list[int]` is a list of
    ints), else the argument's; arrays C-ordered (JavaScript's arrays are
    contiguous TypedArrays whatever layout the NumPy inputs have)."""
    import inspect

    from py2wasm.frontend.signature import annotation_type, type_of_value
    out = []
    for p, v in zip(inspect.signature(fn).parameters.values(), args):
        if p.annotation is not p.empty:
            out.append(annotation_type(p.annotation, fn, f"parameter {p.name!r}"))
        else:
            out.append(_contiguous(type_of_value(v, fn, p.name)))
    return out


def _build_all(entries):
    """The simd and relaxed-simd builds of the entries' functions, as `py2wasm
    build` makes them (cli.py: one trace per build, the GC paused)."""
    from py2wasm.api import build_module
    from py2wasm.frontend import trace_many
    from py2wasm.gcpause import paused_gc
    builds = []
    for target in ("simd", "relaxed-simd"):  # the passes rewrite the module: one trace each
        with paused_gc():
            module = trace_many([(e[1], e[2]) for e in entries])
            module.source_file = "fuzzmod.py"
            builds.append(build_module(module, name="fuzzmod", target=target, abi="js"))
    return builds


def _buildable(entries, counts, failures):
    """The entries that build (the build of all of them failed): each one
    traced alone (a located CompileError: "refused"; anything else: an
    internal error), then, if the rest still fails, each one built alone."""
    import py2wasm
    from py2wasm.frontend import trace
    kept = []
    for e in entries:
        try:
            trace(e[1], list(e[2]))
            kept.append(e)
        except py2wasm.CompileError:
            counts["refused"] += 1
        except Exception as err:
            counts["internal error"] += 1
            failures.append((e[0], oracle.Outcome("internal error", f"trace: {err!r}")))
    try:
        return kept, _build_all(kept) if kept else []
    except Exception:
        pass
    entries, kept = kept, []
    for e in entries:
        try:
            _build_all([e])
            kept.append(e)
        except Exception as err:
            counts["internal error"] += 1
            failures.append((e[0], oracle.Outcome("internal error", f"build: {err!r}")))
    return kept, _build_all(kept) if kept else []


_modules = [0]


def _exec(text, filename):
    """The namespace of `text` run as a module of its own (a dataclass looks
    its module up in sys.modules)."""
    _modules[0] += 1
    mod = types.ModuleType(f"_fuzz_node_{_modules[0]}")
    sys.modules[mod.__name__] = mod
    exec(compile(text, filename, "exec"), mod.__dict__)
    return mod.__dict__


def _js_expressible(entries, builds, counts):
    """The entries whose signatures the npm package can express (the others,
    `py2wasm build` refuses with UnsupportedSignature: counted "refused"),
    and the builds of those."""
    from py2wasm.package.signature import UnsupportedSignature, check_type
    bad = set()
    for f in builds[0].manifest["functions"]:
        try:
            for p in f["params"]:
                check_type(p["type"], f["name"])
            check_type(f["result"], f["name"])
        except UnsupportedSignature:
            bad.add(f["name"])
    if not bad:
        return entries, builds
    counts["refused"] += len(bad)
    entries = [e for e in entries if e[1].__name__ not in bad]
    return entries, (_build_all(entries) if entries else [])


def run_batch(programs, *, workdir: Path | None = None, node: str | None = None,
              types: bool = True):
    """Build one package of `programs` and run them in Node; returns
    (Counter of statuses per program, and "calls" / "calls raising": the
    calls made, those whose reference raised; list of (program, Outcome)). `types`: also check
    the package's index.d.ts with `tsc --strict` against a typed call of
    each function (node_types.py; status "wrong types")."""
    import py2wasm
    from py2wasm.package import write_package

    node = node or shutil.which("node")
    counts, failures = Counter(), []
    work = Path(workdir or tempfile.mkdtemp(prefix="p2w-fuzz-node-"))
    filename = str(work / "fuzzmod.py")
    entries = []  # (program, exported function, types, inputs, reference function)
    # one module of all the programs (each one's functions and classes renamed
    # apart), as `py2wasm build fuzzmod.py` would compile it
    renamed = [_renamed(prog, k) for k, prog in enumerate(programs)]
    text = "import math\nimport numpy as np\n" + "\n\n".join(
        ast.unparse(ast.fix_missing_locations(mod)) for mod, _ in renamed) + "\n"
    (work / "fuzzmod.py").write_text(text)
    linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)
    namespace = _exec(text, filename)
    for prog, (_, fname) in zip(programs, renamed):
        inputs = [tuple(_clamp(a) for a in args) for args in prog.inputs]
        if not inputs:
            continue
        fn = namespace[fname]
        # JavaScript's arrays are contiguous TypedArrays: the package's types are
        # the C-ordered ones whatever layout the NumPy inputs have
        try:
            types = _param_types(fn, inputs[0])
            same = [a for a in inputs if _param_types(fn, a) == types]
        except py2wasm.CompileError:
            counts["refused"] += 1
            continue
        entries.append((prog, fn, list(types), same, prog.load(True, oracle.REF_NS)))
    if not entries:
        return counts, failures
    try:
        builds = _build_all(entries)
    except Exception:  # find the programs that break the build, then build the others
        entries, builds = _buildable(entries, counts, failures)
        if not entries:
            return counts, failures
    entries, builds = _js_expressible(entries, builds, counts)
    if not entries:
        return counts, failures
    pkg = work / "pkg"
    write_package(builds, pkg, name="fuzzmod", version="0.0.0")
    cases, refs, owners = [], [], []
    lines = text.splitlines()
    for prog, fn, _, inputs, ref_fn in entries:
        for args in inputs:
            encoded = [encode_arg(a) for a in args]  # before the reference changes them
            try:  # (a deep copy: oracle's copy_value keeps records)
                ref = oracle.run_reference(ref_fn, copy.deepcopy(args))
            except reference.OracleMismatch:
                continue
            cases.append({"fn": fn.__name__, "args": encoded})
            refs.append(ref)
            owners.append((prog, args))
    (work / "cases.json").write_text(json.dumps(cases))
    p = subprocess.run([node, str(HERE / "node_harness.mjs"), str(pkg / "index.js"),
                        str(work / "cases.json")], capture_output=True, text=True, timeout=600)
    if p.returncode != 0:
        raise RuntimeError(f"node failed:\n{p.stderr}")
    outs = json.loads(p.stdout)
    bad_progs = {}
    for (prog, args), ref, out in zip(owners, refs, outs):
        counts["calls"] += 1
        counts["calls raising"] += ref[0] == "raise"
        bad = compare(ref, out, lines, args)
        if bad is not None and any(compare(alt, out, lines, args) is None
                                   for alt in ref.alternatives()):
            bad = None  # a library call the tracer folded with CPython's value
        if bad is not None and id(prog) not in bad_progs:
            bad.detail += f"\n  arguments: {args!r}"
            bad_progs[id(prog)] = (prog, bad)
    if types:  # index.d.ts under tsc --strict: a typed call per program
        from .node_types import check_declarations
        calls = [(fn.__name__, inputs[0]) for _, fn, _, inputs, _ in entries if inputs]
        errors = check_declarations(work, pkg, builds[0].manifest, calls, node)
        for prog, fn, *_ in entries:
            if fn.__name__ in errors and id(prog) not in bad_progs:
                bad_progs[id(prog)] = (prog, oracle.Outcome(
                    "wrong types", "tsc --strict: " + "\n  ".join(errors.pop(fn.__name__))))
        for what, errs in errors.items():  # errors in the declarations themselves
            counts["wrong types"] += 1
            failures.append((entries[0][0], oracle.Outcome("wrong types", f"{what}: " + "\n".join(errs))))
    for prog, *_ in entries:
        if id(prog) in bad_progs:
            counts[bad_progs[id(prog)][1].status] += 1
            failures.append(bad_progs[id(prog)])
        else:
            counts["ok"] += 1
    return counts, failures


def node_program(seed: int, index: int, kind: str, exclude=()):
    """runner.program_for, and the "boundary" kind (gen_boundary.py)."""
    import random

    from . import gen_boundary
    from .runner import program_for
    if kind == "boundary":
        return gen_boundary.generate(random.Random(f"{seed}:{index}:{kind}"), label=f"{seed}-{index}")
    return program_for(seed, index, kind, exclude)


def main(argv=None) -> int:
    """`python -m tests.fuzz.node --count 300 --kind py`: a larger Node run,
    `--batch` programs per package; prints each failure and the counts."""
    import argparse

    from .runner import QUICK_EXCLUDE
    ap = argparse.ArgumentParser(prog="python -m tests.fuzz.node", description=main.__doc__)
    ap.add_argument("--count", type=int, default=200, help="programs per kind")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--kind", action="append", choices=("scalar", "array", "py", "boundary"))
    ap.add_argument("--batch", type=int, default=40, help="programs per package")
    ap.add_argument("--exclude", action="append", default=[])
    a = ap.parse_args(argv)
    total, bad = Counter(), 0
    for kind in a.kind or ("scalar", "array", "py", "boundary"):
        for first in range(0, a.count, a.batch):
            progs = [node_program(a.seed, i, kind, tuple(QUICK_EXCLUDE) + tuple(a.exclude))
                     for i in range(first, min(a.count, first + a.batch))]
            counts, failures = run_batch(progs)
            total.update(counts)
            for p, o in failures:
                bad += 1
                print(f"--- {o.status} [{kind} {p.label}]: {o.detail}\n{p.source()}", flush=True)
            print(f"{kind} {first + len(progs)}: {dict(total)}", flush=True)
    print("summary:", dict(total))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
