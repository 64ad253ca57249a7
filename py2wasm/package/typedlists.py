"""Lists of NumPy arrays and lists of NumPy scalars in the npm package (the
"js" ABI): their manifest types, TypeScript types and the wrapper code.

Place in the pipeline: the last stage (`package`), used by signature.py
(what crosses, how TypeScript spells it) and jsabi.py (the wrappers). A
list of arrays ({"array": "uint8", "ndim": 0, "list": {"array": dtype,
"ndim": n}}, frontend/lists_ofarrays.py) is a JS array of the arrays a
single array parameter takes (`Float64Array[]`, `NDArray<Float64Array,
2>[]`), placed by js/src/listarrays.ts: the elements are the caller's
arrays, written back after the call. A list of NumPy scalars ({..., "list":
"numpy.float32"}) is a `number[]` (`boolean[]` for np.bool_) with the
range rules of the NumPy scalar parameters, placed by js/src/nplists.ts.
Lists of lists of either (any depth) are nested JS arrays: their rows are
placed first, read back into the caller's row arrays.
"""
from __future__ import annotations

import json
from typing import Any

from .signature import (ARRAY_CLASSES, DTYPE_INDEX, NUMPY_SCALARS, UnsupportedSignature,
                        is_list)


def leaf(t: Any) -> tuple[Any, int]:
    """The element type under a list's nesting (a list of lists of arrays:
    the array type) and the depth (0: a list of them)."""
    e, depth = t["list"], 0
    while isinstance(e, dict) and set(e) == {"list"}:  # a row: {"list": ...}
        e, depth = e["list"], depth + 1
    return e, depth


def is_array_list(t: Any) -> bool:
    """A list (of lists...) of real NumPy arrays (one dtype and ndim)."""
    if not is_list(t):
        return False
    e = leaf(t)[0]
    return isinstance(e, dict) and "array" in e and not any(
        k in e for k in ("list", "dict", "set", "str"))


def is_np_list(t: Any) -> bool:
    """A list (of lists...) of NumPy scalars of one (real) type: "numpy.float32"..."""
    if not is_list(t):
        return False
    e = leaf(t)[0]
    return isinstance(e, str) and e in NUMPY_SCALARS


def is_typed_list(t: Any) -> bool:
    return is_array_list(t) or is_np_list(t)


def np_dtype(t: Any) -> int:
    """The dtype number (signature.DTYPE_INDEX) of a list of NumPy scalars."""
    name = leaf(t)[0][len("numpy."):]
    return DTYPE_INDEX["bool" if name == "bool_" else name]


def check(t: Any, where: str) -> None:
    """Raise UnsupportedSignature for a list of arrays JavaScript cannot hold."""
    if is_array_list(t):
        e = leaf(t)[0]
        nd = e.get("ndim")
        if e["array"] not in ARRAY_CLASSES or type(nd) is not int or not 1 <= nd <= 32:
            raise UnsupportedSignature(
                f"{where}: lists of {e['array']} arrays of {nd} dimensions are not supported from "
                f"JavaScript (dtypes {', '.join(ARRAY_CLASSES)}; ndim 1 to 32)")


def example(t: Any) -> str:
    """A JavaScript literal of the list type, for README examples."""
    from .signature import example_value
    e, depth = leaf(t)
    if is_array_list(t):
        e = example_value(e, 0)
        out = f"[{e}, {e}]"
    else:
        out = {"numpy.bool_": "[true, false]", "numpy.float32": "[0.5, 1.25]",
               "numpy.float64": "[0.5, 1.25]"}.get(e, "[1, 2, 3]")
    return "[" * depth + out + "]" * depth


def arg_js(t: Any, access: str, var: str, labels: str, label: str, readonly: bool) -> tuple[str, str, set[str]]:
    """(the check statement, the placement statement, the pieces) of a typed
    list argument; an array list's placement holds "\\0OTHERS\\0", replaced
    by jsabi with the call's array parameters' data."""
    e, depth = leaf(t)
    ro = ",1" if readonly else (",0" if depth else "")
    dep = f",{depth}" if depth else ""
    if is_array_list(t):
        k, nd = DTYPE_INDEX[e["array"]], e["ndim"]
        return (f"$achk({access},{k},{nd},{labels},{json.dumps(label)}{dep});",
                f"const {var}a=$aput($s,{access},{k},{nd},\0OTHERS\0,{labels}{ro}{dep});",
                {"start", "achk", "aput", "back"})
    d = np_dtype(t)
    return (f"$nchk({access},{d},{labels},{json.dumps(label)}{dep});",
            f"const {var}a=$nput($s,{access},{d}{ro}{dep});", {"start", "nchk", "nput"})


def result_js(t: Any, raw: str, fn: str, used: set) -> str:
    """The JS value of a typed list result whose header address is `raw`."""
    e, depth = leaf(t)
    dep = f",{depth}" if depth else ""
    if is_array_list(t):
        used.add("aout")
        return f"$aout($s,{raw},{DTYPE_INDEX[e['array']]},{e['ndim']}{dep})"
    used.add("nout")
    return f"$nout($s,{raw},{np_dtype(t)},{json.dumps(fn)}{dep})"


def _walk(t: Any):
    yield t
    if isinstance(t, dict):
        for e in t.get("tuple", ()):
            yield from _walk(e)


def resets(f: dict) -> str:
    """The state fields a wrapper clears before placing (the call's placed lists)."""
    ts = [x for p in [*f["params"], {"type": f["result"]}] for x in _walk(p["type"])]
    return ("$s.A=undefined;" if any(map(is_array_list, ts)) else "") + \
        ("$s.N=undefined;" if any(map(is_np_list, ts)) else "")
