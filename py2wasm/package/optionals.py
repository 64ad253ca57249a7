"""`T | None` parameters and results in the npm package: JavaScript's `null`
(or `undefined`, an omitted argument) is Python's None.

Place in the pipeline: the last stage (`package`), used by signature.py
(checks, TypeScript types) and jsabi.py (the wrappers). A manifest type
{"optional": T} crosses the wasm ABI as a presence flag (i32) then T's
leaves (zeros for None: frontend/optionals.py, ir.OptionalType); T is a
number, bool, NumPy scalar, complex, or a tuple or NamedTuple of those.
"""
from __future__ import annotations

from typing import Any

from .signature import NUMPY_COMPLEX, NUMPY_SCALARS, SCALARS, UnsupportedSignature


def _plain(t: Any) -> bool:
    """A number, bool, NumPy scalar or complex, or a tuple of those."""
    if isinstance(t, str):
        return t in SCALARS or t in NUMPY_SCALARS or t in ("complex", *NUMPY_COMPLEX)
    return isinstance(t, dict) and "tuple" in t and "object" not in t and \
        all(_plain(e) for e in t["tuple"])


def single(t: Any) -> bool:
    """A str or a list of numbers, bools or lists of those: one address
    leaf, placed by js/src/strings.ts or lists.ts (null: not placed)."""
    from .signature import LIST_KINDS, is_container, is_list, is_str
    from .typedlists import is_typed_list
    if is_str(t):
        return True
    if not is_list(t) or is_container(t) or is_typed_list(t):
        return False
    e = t["list"]
    while isinstance(e, dict) and "list" in e:
        e = e["list"]
    return not isinstance(e, dict) and e in LIST_KINDS


def check(t: Any, where: str) -> None:
    if not (_plain(t["optional"]) or single(t["optional"])):
        raise UnsupportedSignature(
            f"{where}: an Optional of this type cannot cross to JavaScript yet (T | None "
            "crosses for numbers, booleans, NumPy scalars, complex, tuples of those, str "
            "and lists of numbers and bools; the rest crosses py2wasm.compile only)")


def arg_js(leaf, labels: str, used: set, scalar_js, leaves) -> tuple[list[str], list[str]]:
    """The checks and the wasm arguments of optional parameter `leaf`:
    a flag (`x!=null`), then T's leaves, each checked unless `x` is null or
    undefined and passed as 0 then. `scalar_js(leaf)` -> (checks, args) of
    one plain leaf."""
    from .signature import shape_checks
    v = leaf.access
    body = [f"{v}==null||{c}" for c in  # a tuple's or record's structure, then its leaves
            shape_checks(leaf.type["optional"], v, labels, leaf.label, used)]
    args = [f"{v}==null?0:1"]
    for lf in leaves(leaf.type["optional"], v, leaf.label):
        checks, vals = scalar_js(lf)
        body.extend(f"{v}==null||{c}" for c in checks)
        args.extend(f"({v}==null?0:{x})" for x in vals)
    return body, args


def result_js(ty: Any, raw, build) -> str:
    """The JavaScript value of an optional result: null when its flag is 0."""
    flag = raw()
    return f"({flag}!==0?{build(ty['optional'])}:null)"
