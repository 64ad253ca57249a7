"""The fuzzer through the npm package: the JS boundary (arguments, results,
in-place writes, exceptions) in Node.

A batch of generated programs (scalar, and array programs of any ndim)
becomes one Python module (each program's functions renamed apart), traced
with the first input's types, built for simd and relaxed-simd with the
package API (`py2wasm.package.write_package`) and called from Node
(`node_harness.mjs`). Results are compared with the reference as in
`oracle`, through the package's documented JS mapping: `int` is a JS number
(safe integers only; a result beyond ±(2**53-1) is a RangeError carrying the
exact BigInt in `.value`), arrays are TypedArrays (int64: BigInt64Array,
bool: Uint8Array of 0/1; N-d: `{data, shape}`), tuples are arrays, and an
exception is an `Error` named after the Python exception whose message
starts with Python's message. Programs py2wasm refuses are counted and
left out of the package.
"""
from __future__ import annotations

import ast
import copy
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
from .values import copy_value, same_value, show

HERE = Path(__file__).resolve().parent
SAFE = 2**53 - 1
TA = {"float64": "Float64Array", "float32": "Float32Array", "int64": "BigInt64Array",
      "int32": "Int32Array", "uint8": "Uint8Array", "bool": "Uint8Array",
      "int16": "Int16Array", "int8": "Int8Array", "uint64": "BigUint64Array",
      "uint32": "Uint32Array", "uint16": "Uint16Array"}


def _num(x: float) -> dict:
    if math.isnan(x):
        return {"num": "NaN"}
    if math.isinf(x):
        return {"num": "Infinity" if x > 0 else "-Infinity"}
    if x == 0 and math.copysign(1, x) < 0:
        return {"num": "-0"}
    return {"num": repr(x)}


def encode_arg(v):
    if isinstance(v, bool):
        return v
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        return _num(v)
    if isinstance(v, np.ndarray):
        flat = np.ascontiguousarray(v).ravel()
        if v.dtype.kind == "f":
            items = [_num(float(x))["num"] for x in flat.tolist()]
        else:
            items = [str(int(x)) for x in flat.tolist()]
        ta = {"ta": TA[v.dtype.name], "v": items}
        return ta if v.ndim == 1 else {"nd": ta, "shape": list(v.shape)}
    if isinstance(v, tuple):
        return [encode_arg(x) for x in v]
    raise TypeError(type(v))


def _decode_num(s: str) -> float:
    return float({"NaN": "nan", "Infinity": "inf", "-Infinity": "-inf"}.get(s, s))


def decode(enc, like):
    """The JS value `enc` read back as the Python value shaped like `like`."""
    if isinstance(like, np.ndarray):
        if "nd" in enc:
            shape, enc = tuple(enc["shape"]), enc["nd"]
        else:
            shape = (len(enc.get("v", [])),)
        if enc.get("ta") != TA.get(like.dtype.name):
            return ("bad class", enc.get("ta"))
        if like.dtype.kind == "f":
            vals = [_decode_num(s) for s in enc["v"]]
        else:
            vals = [int(s) for s in enc["v"]]
        with np.errstate(all="ignore"):
            return np.array(vals, dtype=like.dtype).reshape(shape)
    if isinstance(like, tuple):
        if "tuple" not in enc or len(enc["tuple"]) != len(like):
            return ("bad tuple", enc)
        return tuple(decode(e, l) for e, l in zip(enc["tuple"], like))
    if isinstance(like, np.generic):  # a NumPy scalar arrives as a JS number / boolean
        if like.dtype.kind == "b":
            v = enc.get("bool", None)
            return np.bool_(v) if isinstance(v, bool) else ("not a bool", enc)
        if "num" not in enc:
            return ("not a number", enc)
        x = _decode_num(enc["num"])
        return type(like)(x) if like.dtype.kind == "f" or x == int(x) else ("not an int", enc)
    if isinstance(like, bool):
        return enc.get("bool", ("not a bool", enc))
    if isinstance(like, int):
        if "num" not in enc:
            return ("not a number", enc)
        x = _decode_num(enc["num"])
        return int(x) if x == int(x) else x
    if isinstance(like, float):
        return _decode_num(enc["num"]) if "num" in enc else ("not a number", enc)
    return ("unexpected", enc)


def _builtin_name(e: BaseException) -> str:
    for k in type(e).__mro__:
        if k.__module__ == "builtins":
            return k.__name__
    return type(e).__name__


def _exc_ok(err: dict, want: BaseException) -> bool:
    if isinstance(want, reference.ModelEither):
        return any(_exc_ok(err, w) for w in want.alternatives)
    if isinstance(want, reference.ModelOverflow):
        return err["name"] == "OverflowError" and err["message"].startswith(want.prefix)
    return err["name"] == _builtin_name(want) and (
        err["message"] == str(want) or err["message"].startswith(str(want) + " ("))


def _js_safe(v) -> bool:
    if isinstance(v, np.int64):  # an int64 result (also an int unified with one): as an int
        v = int(v)
    if isinstance(v, bool) or not isinstance(v, int):
        if isinstance(v, tuple):
            return all(_js_safe(x) for x in v)
        return True
    return -SAFE <= v <= SAFE


def compare(ref, out) -> oracle.Outcome | None:
    rk, rv, rargs = ref
    if "error" in out:
        err = out["error"]
        if rk == "value":
            # an int result beyond the safe range: RangeError carrying the exact value
            if isinstance(rv, (int, np.int64)) and not isinstance(rv, bool) and not _js_safe(rv):
                if err["name"] == "RangeError" and err.get("value") == str(int(rv)):
                    return None
            return oracle.Outcome("wrong exception", f"expected the value {show(rv)}, got "
                                  f"{err['name']}({err['message']!r})", exc_type=err["name"])
        if not _exc_ok(err, rv):
            return oracle.Outcome("wrong exception", f"expected {type(rv).__name__}({str(rv)!r}), "
                                  f"got {err['name']}({err['message']!r})", exc_type=err["name"])
    else:
        if rk == "raise":
            return oracle.Outcome("wrong exception", f"expected {type(rv).__name__}({str(rv)!r}), "
                                  f"got a value {out['ok']}", exc_type="-")
        if not _js_safe(rv):
            return oracle.Outcome("wrong answer", f"expected a RangeError for {show(rv)}, got {out['ok']}")
        got = decode(out["ok"], rv)
        if not same_value(rv, got):
            return oracle.Outcome("wrong answer", f"result: expected {show(rv)}, got {show(got)}")
    for i, (a, enc) in enumerate(zip(rargs, out["after"])):
        if isinstance(a, np.ndarray):
            b = decode(enc, a)
            if not same_value(np.ascontiguousarray(a), b):
                return oracle.Outcome("wrong answer", f"argument {i} after the call: expected "
                                      f"{show(a)}, got {show(b)}")
    return None


class _Rename(ast.NodeTransformer):
    def __init__(self, names):
        self.names = names

    def visit_FunctionDef(self, node):
        node.name = self.names.get(node.name, node.name)
        self.generic_visit(node)
        return node

    def visit_Name(self, node):
        if node.id in self.names:
            node.id = self.names[node.id]
        return node


def _renamed(program, k):
    mod = copy.deepcopy(program.module)
    names = {d.name: f"{d.name}_{k}" for d in mod.body if isinstance(d, ast.FunctionDef)}
    return _Rename(names).visit(mod), names[program.name]


def _clamp(v):
    """JS int parameters are safe integers: int arguments are clamped to ±(2**53-1)."""
    if isinstance(v, int) and not isinstance(v, bool):
        return max(min(v, SAFE), -SAFE)
    if isinstance(v, tuple):
        return tuple(_clamp(x) for x in v)
    return v


def _contiguous(t):
    """A parameter type as the npm package sees it: arrays C-ordered."""
    import dataclasses

    from py2wasm.ir.types import ArrayType, TupleType
    if isinstance(t, ArrayType):
        return dataclasses.replace(t, strided=False)
    if isinstance(t, TupleType):
        return TupleType(tuple(_contiguous(e) for e in t.elems))
    return t


def _build_all(entries):
    from py2wasm.api import build_module
    from py2wasm.frontend import trace_many
    builds = []
    for target in ("simd", "relaxed-simd"):  # the passes rewrite the module: one trace each
        module = trace_many([(fn, types) for _, fn, types, _, _ in entries])
        module.source_file = "fuzzmod.py"
        builds.append(build_module(module, name="fuzzmod", target=target, abi="js"))
    return builds


def run_batch(programs, *, workdir: Path | None = None, node: str | None = None):
    """Build one package of `programs` and run them in Node; returns
    (Counter of statuses, list of (program, Outcome))."""
    import py2wasm
    from py2wasm.api import build_module
    from py2wasm.frontend import trace, trace_many
    from py2wasm.frontend.signature import types_of_values
    from py2wasm.package import write_package

    node = node or shutil.which("node")
    counts, failures = Counter(), []
    work = Path(workdir or tempfile.mkdtemp(prefix="p2w-fuzz-node-"))
    filename = str(work / "fuzzmod.py")
    ns = {"np": np, "math": math}
    entries = []  # (program, exported name, inputs, reference fn)
    for k, prog in enumerate(programs):
        inputs = [tuple(_clamp(a) for a in args) for args in prog.inputs]
        if not inputs:
            continue
        mod, fname = _renamed(prog, k)
        text = "import math\nimport numpy as np\n" + ast.unparse(ast.fix_missing_locations(mod)) + "\n"
        fn_file = f"{filename}#{k}"
        linecache.cache[fn_file] = (len(text), None, text.splitlines(True), fn_file)
        local = dict(ns)
        exec(compile(text, fn_file, "exec"), local)
        fn = local[fname]
        # JavaScript's arrays are contiguous TypedArrays: the package's types are
        # the C-ordered ones whatever layout the NumPy inputs have
        types = [_contiguous(t) for t in types_of_values(inputs[0])]
        same = [a for a in inputs if [_contiguous(t) for t in types_of_values(a)] == types]
        try:
            trace(fn, list(types))
        except py2wasm.CompileError:
            counts["refused"] += 1
            continue
        except Exception as e:
            counts["internal error"] += 1
            failures.append((prog, oracle.Outcome("internal error", f"trace: {e!r}")))
            continue
        entries.append((prog, fn, list(types), same, prog.load(True, oracle.REF_NS)))
    if not entries:
        return counts, failures
    try:
        builds = _build_all(entries)
    except Exception:  # find the programs that break the build, then build the others
        kept = []
        for e in entries:
            try:
                _build_all([e])
                kept.append(e)
            except Exception as err:
                counts["internal error"] += 1
                failures.append((e[0], oracle.Outcome("internal error", f"build: {err!r}")))
        entries = kept
        if not entries:
            return counts, failures
        builds = _build_all(entries)
    pkg = work / "pkg"
    write_package(builds, pkg, name="fuzzmod", version="0.0.0")
    cases, refs, owners = [], [], []
    for prog, fn, _, inputs, ref_fn in entries:
        for args in inputs:
            try:
                ref = oracle.run_reference(ref_fn, args)
            except reference.OracleMismatch:
                continue
            cases.append({"fn": fn.__name__, "args": [encode_arg(a) for a in args]})
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
        bad = compare(ref, out)
        if bad is not None and any(compare(alt, out) is None for alt in ref.alternatives()):
            bad = None  # a library call the tracer folded with CPython's value
        if bad is not None and id(prog) not in bad_progs:
            bad.detail += f"\n  arguments: {args!r}"
            bad_progs[id(prog)] = (prog, bad)
    for prog, *_ in entries:
        if id(prog) in bad_progs:
            counts[bad_progs[id(prog)][1].status] += 1
            failures.append(bad_progs[id(prog)])
        else:
            counts["ok"] += 1
    return counts, failures
