"""Manifest signatures seen from JavaScript: TypeScript types, the wasm
values each parameter flattens to, and safe JavaScript names.

Place in the pipeline: the last stage (`package`), shared by the
declaration, JavaScript and README generators. Manifest types are
docs/internals.md section 4: "int" | "float" | "bool" | "None" |
{"tuple": [...]} (nested), and {"array": dtype, "ndim": n} once NumPy arrays
reach the npm package (not yet: they are refused with a clear error).
"""
from __future__ import annotations

import keyword
import re
from dataclasses import dataclass
from typing import Any, Iterator

SCALARS = ("int", "float", "bool")

# Words that cannot name a JavaScript/TypeScript binding in an ES module
# (strict mode, module code) or that TypeScript reserves in declarations.
JS_RESERVED = frozenset("""
await break case catch class const continue debugger default delete do else
enum export extends false finally for function if import in instanceof new
null return super switch this throw true try typeof var void while with yield
let static implements interface package private protected public arguments
eval undefined NaN Infinity
""".split())
# Export names the generated module uses itself.
PACKAGE_EXPORTS = frozenset({"init", "default"})
_ASCII_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class UnsupportedSignature(ValueError):
    """A manifest type the npm package cannot express (yet)."""


@dataclass(frozen=True)
class Leaf:
    """One flattened scalar of a parameter: its Python type, the JavaScript
    expression reaching it from the parameter, and the name used in error
    messages (`p`, `p[0]`, `p[1][0]`...)."""
    type: str
    access: str
    label: str


def check_type(t: Any, where: str) -> None:
    """Raise UnsupportedSignature unless `t` is a manifest type we support."""
    if t in SCALARS or t == "None":
        return
    if isinstance(t, dict) and "tuple" in t and isinstance(t["tuple"], list):
        for e in t["tuple"]:
            if e == "None":
                raise UnsupportedSignature(f"{where}: None inside a tuple is not supported")
            check_type(e, where)
        return
    if isinstance(t, dict) and "array" in t:
        raise UnsupportedSignature(
            f"{where}: NumPy array parameters and results are not supported in npm packages yet "
            f"({t.get('array')}, {t.get('ndim')}-D)")
    raise UnsupportedSignature(f"{where}: unknown manifest type {t!r}")


def ts_type(t: Any) -> str:
    """The exact TypeScript type of a manifest type."""
    if t in ("int", "float"):
        return "number"
    if t == "bool":
        return "boolean"
    if t == "None":
        return "void"
    return "readonly [" + ", ".join(ts_type(e) for e in t["tuple"]) + "]"


def python_type(t: Any) -> str:
    """How Python spells the type: `tuple[int, float]`."""
    if isinstance(t, str):
        return t
    return "tuple[" + ", ".join(python_type(e) for e in t["tuple"]) + "]"


def leaves(t: Any, access: str, label: str) -> Iterator[Leaf]:
    """The scalars a value of type `t` flattens to, left to right (the wasm ABI)."""
    if isinstance(t, str):
        if t != "None":
            yield Leaf(t, access, label)
        return
    for i, e in enumerate(t["tuple"]):
        yield from leaves(e, f"{access}[{i}]", f"{label}[{i}]")


def count_leaves(t: Any) -> int:
    return sum(1 for _ in leaves(t, "", ""))


def is_js_identifier(name: str) -> bool:
    """True if `name` can be a binding name as-is in generated JS and TS."""
    return bool(_ASCII_ID.match(name)) and name not in JS_RESERVED


def example_value(t: Any, i: int) -> str:
    """A JavaScript literal of type `t`, for README examples (`i` varies it)."""
    if t == "float":
        return f"{i + 1}.5"
    if t == "int":
        return str(i + 2)
    if t == "bool":
        return "true" if i % 2 == 0 else "false"
    return "[" + ", ".join(example_value(e, i + k) for k, e in enumerate(t["tuple"])) + "]"


def check_manifest(manifest: dict) -> None:
    """Everything the generators rely on, checked before any file is written."""
    if manifest.get("format") != 1:
        raise UnsupportedSignature(f"unsupported manifest format {manifest.get('format')!r} (expected 1)")
    names = set()
    for f in manifest["functions"]:
        name = f["name"]
        if not isinstance(name, str) or not name.isidentifier() or keyword.iskeyword(name):
            raise UnsupportedSignature(f"function name {name!r} is not a Python identifier")
        if name in PACKAGE_EXPORTS:
            raise UnsupportedSignature(
                f"function {name!r} would clash with the package's own `{name}` export; "
                "rename it or leave it out with -f")
        if name in names:
            raise UnsupportedSignature(f"function {name!r} is exported twice")
        names.add(name)
        for p in f["params"]:
            check_type(p["type"], f"{name}(): parameter {p['name']!r}")
        check_type(f["result"], f"{name}(): result")
