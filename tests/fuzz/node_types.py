"""The fuzz package's `index.d.ts` under `tsc --strict`: every fuzz call
written as TypeScript (the arguments as literals of the README's JS types
table, the result assigned to a variable of the table's result type), one
file checked against the generated declarations.

The mapping here is written from the README table, independently of
package/typescript.py: manifest types (docs/internals.md section 4) ->
TypeScript; Python values -> TypeScript literals.
"""
from __future__ import annotations

import json
import math
import re
import subprocess
from pathlib import Path

import numpy as np

from .node_values import is_record, record_items

ROOT = Path(__file__).resolve().parents[2]
TSC = ROOT / "js" / "node_modules" / "typescript" / "bin" / "tsc"
CLASSES = {"float64": "Float64Array", "float32": "Float32Array", "int64": "BigInt64Array",
           "int32": "Int32Array", "uint8": "Uint8Array", "bool": "Uint8Array",
           "int16": "Int16Array", "int8": "Int8Array", "uint64": "BigUint64Array",
           "uint32": "Uint32Array", "uint16": "Uint16Array"}


def _key(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z_$][\w$]*", name) else json.dumps(name)


def ts_type(t) -> str:
    """The README's TypeScript type of a manifest type (a result's; a
    parameter accepts at least this)."""
    if t in ("int", "float") or (isinstance(t, str) and t.startswith("numpy.")
                                 and t not in ("numpy.bool_", "numpy.complex128", "numpy.complex64")):
        return "number"
    if t in ("bool", "numpy.bool_"):
        return "boolean"
    if t == "None":
        return "void"
    if t in ("complex", "numpy.complex128", "numpy.complex64"):
        return "{ re: number; im: number }"
    if t == "str" or (isinstance(t, dict) and t.get("str")):
        return "string"
    if "list" in t:
        e = t["list"]
        return "unknown[]" if e is None else f"({ts_type(e)})[]"
    if "dict" in t:
        k, v = t["dict"]
        return f"Map<{ts_type(k) if k else 'never'}, {ts_type(v) if v else 'never'}>"
    if "set" in t:
        return f"Set<{ts_type(t['set']) if t['set'] else 'never'}>"
    if "object" in t:
        skip = 2 if t.get("state") else 0
        return "{ " + " ".join(f"{_key(n)}: {ts_type(e)};" for n, e in
                               list(zip(t["names"], t["tuple"]))[skip:]) + " }"
    if "tuple" in t and "names" in t:
        return "{ " + " ".join(f"readonly {_key(n)}: {ts_type(e)};"
                               for n, e in zip(t["names"], t["tuple"])) + " }"
    if "tuple" in t:
        return "readonly [" + ", ".join(ts_type(e) for e in t["tuple"]) + "]"
    if t["array"] in ("complex128", "complex64"):
        parts = "Float64Array" if t["array"] == "complex128" else "Float32Array"
        return (f'{{ readonly dtype: "{t["array"]}"; readonly data: {parts}; '
                f'readonly shape: readonly [{", ".join(["number"] * t["ndim"])}] }}')
    cls = CLASSES[t["array"]]
    if t["ndim"] == 1:
        return cls
    return f"{{ readonly data: {cls}; readonly shape: readonly [{', '.join(['number'] * t['ndim'])}] }}"


def _num(x: float) -> str:
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0 and math.copysign(1, x) < 0:
        return "-0"
    return repr(x)


def ts_literal(v, t) -> str:
    """A TypeScript expression for the argument `v` of manifest type `t`."""
    if isinstance(v, (bool, np.bool_)):
        return "true" if v else "false"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (float, np.floating)):
        return _num(float(v))
    if isinstance(v, (complex, np.complexfloating)):
        return f"{{ re: {_num(v.real)}, im: {_num(v.imag)} }}"
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, np.ndarray):
        flat = np.ascontiguousarray(v).ravel().tolist()
        cls = CLASSES[v.dtype.name]
        big = cls.startswith("Big")
        items = ", ".join(f"{int(x)}n" if big else _num(float(x)) if v.dtype.kind == "f"
                          else str(int(x)) for x in flat)
        data = f"new {cls}([{items}])"
        return data if v.ndim == 1 else f"{{ data: {data}, shape: {list(v.shape)} }}"
    if is_record(v):
        fields = dict(zip(t["names"], t["tuple"]))
        return "{ " + ", ".join(f"{_key(k)}: {ts_literal(x, fields.get(k))}"
                                for k, x in record_items(v)) + " }"
    if isinstance(v, tuple):
        return "[" + ", ".join(ts_literal(x, e) for x, e in zip(v, t["tuple"])) + "]"
    if isinstance(v, list):
        return "[" + ", ".join(ts_literal(x, t["list"]) for x in v) + "]"
    if isinstance(v, dict):
        k, e = t["dict"]
        return (f"new Map<{ts_type(k) if k else 'never'}, {ts_type(e) if e else 'never'}>(["
                + ", ".join(f"[{ts_literal(a, k)}, {ts_literal(b, e)}]" for a, b in v.items()) + "])")
    if isinstance(v, (set, frozenset)):
        e = t["set"]
        return f"new Set<{ts_type(e) if e else 'never'}>([" + ", ".join(
            ts_literal(x, e) for x in v) + "])"
    raise TypeError(type(v))


def check_declarations(work: Path, pkg: Path, manifest: dict, calls, node: str):
    """Write `check.ts` in `work` (one typed call per (function name, args)
    of `calls`) and run `tsc --strict` on it against `pkg`'s index.d.ts.
    Returns {function name: [tsc error lines]} (empty: all accepted)."""
    from py2wasm.package.signature import visible_result
    fns = {f["name"]: f for f in manifest["functions"]}
    lines = []
    names = sorted({fn for fn, _ in calls})
    rel = "./" + pkg.relative_to(work).as_posix() + "/index.js"
    lines.append(f"import {{ {', '.join(names)} }} from {json.dumps(rel)};")
    owner = {}
    for i, (fn, args) in enumerate(calls):
        f = fns[fn]
        params = [p["type"] for p in f["params"]]
        call = f"{fn}({', '.join(ts_literal(a, p) for a, p in zip(args, params))})"
        rt = visible_result(f)
        owner[len(lines) + 1] = fn
        lines.append(f"export const r{i}: {ts_type(rt)} = {call};")
    (work / "check.ts").write_text("\n".join(lines) + "\n")
    (work / "package.json").write_text('{"type": "module"}\n')
    p = subprocess.run([node, str(TSC), "--strict", "--module", "nodenext", "--target", "es2022",
                        "--noEmit", "--pretty", "false", "--skipLibCheck", "false", "check.ts"],
                       cwd=work, capture_output=True, text=True, timeout=600)
    errors: dict[str, list[str]] = {}
    for line in p.stdout.splitlines():
        m = re.match(r"check\.ts\((\d+),\d+\): (.*)", line)
        if m and int(m.group(1)) in owner:
            errors.setdefault(owner[int(m.group(1))], []).append(
                m.group(2) + "\n    " + lines[int(m.group(1)) - 1])
        elif line.strip() and not line.startswith(" "):
            errors.setdefault("(declarations)", []).append(line)
    if p.returncode != 0 and not errors:
        errors["(tsc)"] = [p.stdout + p.stderr]
    return errors
