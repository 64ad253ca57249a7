"""Manifest signatures seen from JavaScript: TypeScript types, the wasm
values each parameter flattens to, and safe JavaScript names.

Place in the pipeline: the last stage (`package`), shared by the
declaration, JavaScript and README generators. Manifest types are
docs/internals.md section 4: "int" | "float" | "bool" | "None" |
{"tuple": [...]} (nested), NumPy scalars "numpy.float32"... (`NUMPY_SCALARS`:
JS numbers or booleans by kind), "complex", "numpy.complex128" and
"numpy.complex64" (`Complex`, `{ re, im }`, declared by typescript.py), and
NumPy arrays {"array": dtype, "ndim": n}: a 1-D array is a TypedArray of
the dtype's class (`ARRAY_CLASSES`), an N-d array an `NDArray<Class, N>`
(`{ data, shape }`, declared by typescript.py); a complex array of any
ndim is a `Complex128Array<N>` / `Complex64Array<N>` (`COMPLEX_ARRAYS`:
`{ dtype, data, shape }`, `data` the interleaved parts); Python lists
{"array": "uint8", "ndim": 0, "list": "float" | "int" | "bool"} (`is_list`):
`number[]` / `boolean[]` (js/src/lists.ts); lists of NumPy arrays and of
NumPy scalars: package/typedlists.py; dicts {..., "dict": [key,
value]} and sets {..., "set": elem} (`is_container`): `Map<K, V>` / `Set<E>`
(js/src/containers.ts).
"""
from __future__ import annotations

import keyword
import re
from dataclasses import dataclass
from typing import Any, Iterator

SCALARS = ("int", "float", "bool")
# NumPy scalar types ("numpy.float32"...) -> how JavaScript passes them: the
# argument-check piece (js/src/runtime.ts) and, for the narrow ints, the
# index of their range in the `nint` piece's table (runtime.ts NP_INTS).
# Floats are numbers (float32: rounded with Math.fround, like np.float32(x)),
# ints are integer numbers (int64: safe integers; narrower: within the
# dtype's range, else RangeError), bool_ a boolean.
NUMPY_SCALARS = {"numpy.float64": ("flt", None), "numpy.float32": ("f32", None),
                 "numpy.int64": ("int", None), "numpy.int32": ("nint", 0),
                 "numpy.int16": ("nint", 1), "numpy.int8": ("nint", 2),
                 "numpy.uint32": ("nint", 3), "numpy.uint16": ("nint", 4),
                 "numpy.uint8": ("nint", 5), "numpy.uint64": ("u64", None),
                 "numpy.bool_": ("bool", None)}
NP_INT_RANGES = {"numpy.int32": (-2**31, 2**31 - 1), "numpy.int16": (-2**15, 2**15 - 1),
                 "numpy.int8": (-128, 127), "numpy.uint32": (0, 2**32 - 1),
                 "numpy.uint16": (0, 65535), "numpy.uint8": (0, 255)}
# NumPy dtype -> the TypedArray class holding its elements in JavaScript.
# int64 elements are BigInts; bool is one byte per element, 0 or 1. The
# order is the runtime's dtype numbering (new dtypes are appended).
ARRAY_CLASSES = {"float64": "Float64Array", "float32": "Float32Array", "int64": "BigInt64Array",
                 "int32": "Int32Array", "uint8": "Uint8Array", "bool": "Uint8Array",
                 "int16": "Int16Array", "int8": "Int8Array", "uint32": "Uint32Array",
                 "uint16": "Uint16Array", "uint64": "BigUint64Array"}
# The dtype numbering of the runtime's array pieces (js/src/arrays.ts DTYPES).
DTYPE_INDEX = {d: i for i, d in enumerate(ARRAY_CLASSES)}
# Complex dtypes -> the TypedArray class holding their parts, interleaved
# (re, im, re, im...): a complex array crosses as `{dtype, data, shape}`
# (`Complex128Array<N>` / `Complex64Array<N>`, declared by typescript.py;
# checked by js/src/cxarrays.ts). The number is the runtime's complex dtype
# numbering (cxarrays.ts PARTS); the part dtype's DTYPE_INDEX places it.
COMPLEX_ARRAYS = {"complex128": ("Float64Array", 0, "float64"), "complex64": ("Float32Array", 1, "float32")}
NUMPY_COMPLEX = ("numpy.complex128", "numpy.complex64")
_SHORT = {"complex128": "c128", "complex64": "c64", "float64": "f64", "float32": "f32", "int64": "i64", "int32": "i32", "uint8": "u8",
          "bool": "boolean", "int16": "i16", "int8": "i8", "uint32": "u32", "uint16": "u16",
          "uint64": "u64"}

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
PACKAGE_EXPORTS = frozenset({"init", "initSync", "loaded", "default"})  # package/loader.py
# What a package with array functions exports too (js/src/heap.ts; jsabi.py).
MEMORY_EXPORTS = ("alloc", "array", "keep", "release")
_ASCII_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


from .objlists import (check as check_objlist, class_name, is_list_state, is_obj_list,
                       ts_elem)

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


def parts(t: dict) -> list:
    """The types a tuple or a `T | None` type holds."""
    return [t["optional"]] if "optional" in t else t.get("tuple", [])


def is_optional(t: Any) -> bool:
    """`T | None` ({"optional": T}: a flag, then T's leaves; package/optionals.py)."""
    return isinstance(t, dict) and "optional" in t


def check_type(t: Any, where: str) -> None:
    """Raise UnsupportedSignature unless `t` is a manifest type we support."""
    if is_optional(t):
        from .optionals import check
        check(t, where)
        return
    if t in SCALARS or t in ("None", "complex") or (isinstance(t, str) and t in NUMPY_SCALARS):
        return
    if isinstance(t, dict) and "tuple" in t and isinstance(t["tuple"], list):
        if is_list_state(t):  # a list of instances leaving (package/objlists.py)
            check_objlist(t, where)
            return
        for e in t["tuple"]:
            if e == "None":
                raise UnsupportedSignature(f"{where}: None inside a tuple is not supported")
            if is_object(t) and not (isinstance(e, str) and e != "None"):
                raise UnsupportedSignature(f"{where}: {t['object']} instances cross from "
                                           "JavaScript with number, bool and complex attributes")
            check_type(e, where)
        return
    if t in NUMPY_COMPLEX:
        return
    if is_str(t):
        return
    if is_obj_list(t):  # a list of instances (package/objlists.py)
        check_objlist(t, where)
        return
    if is_container(t):
        container_spec(t, where)  # raises for what JavaScript cannot hold
        return
    if is_list(t):
        from .typedlists import check as check_typed, is_typed_list
        if is_typed_list(t):  # lists of NumPy arrays / scalars (package/typedlists.py)
            check_typed(t, where)
            return
        leaf = _list_leaf(t)
        if isinstance(leaf, dict) or leaf not in LIST_KINDS:
            what = (f"{leaf['array']} arrays" if isinstance(leaf, dict) and "array" in leaf
                    else leaf if isinstance(leaf, str) else repr(leaf))
            raise UnsupportedSignature(f"{where}: lists of {what} are not supported from "
                                       "JavaScript yet (list[float], list[int], list[bool], "
                                       "list[str], lists of tuples and lists of number and "
                                       "bool lists, lists of NumPy arrays and of NumPy "
                                       "scalars, nested too, are; the rest crosses "
                                       "py2wasm.compile only)")
        return
    if is_array(t):
        nd = t.get("ndim")
        if t["array"] not in ARRAY_CLASSES and t["array"] not in COMPLEX_ARRAYS or type(nd) is not int or not 1 <= nd <= 32:
            raise UnsupportedSignature(f"{where}: unsupported array type {t!r} "
                                       f"(dtypes {', '.join([*ARRAY_CLASSES, *COMPLEX_ARRAYS])}; ndim 1 to 32)")
        return
    raise UnsupportedSignature(f"{where}: unknown manifest type {t!r}")


def base_kind(t: Any) -> Any:
    """A NumPy scalar type's Python kind ("float", "int", "bool"); other
    types unchanged."""
    if isinstance(t, str) and t in NUMPY_SCALARS:
        piece = NUMPY_SCALARS[t][0]
        return {"flt": "float", "f32": "float", "bool": "bool"}.get(piece, "int")
    return t


def arg_piece(t: str) -> tuple[str, str]:
    """(runtime piece, extra leading arguments) checking a scalar argument
    of manifest type `t`."""
    if t in NUMPY_SCALARS:
        piece, k = NUMPY_SCALARS[t]
        return piece, ("" if k is None else f"{k},")
    return {"float": "flt", "int": "int", "bool": "bool"}[t], ""


def is_array(t: Any) -> bool:
    """A NumPy array type (a TypedArray in JS); lists are `is_list`."""
    return isinstance(t, dict) and "array" in t and "list" not in t and "str" not in t \
        and not is_container(t)


def is_container(t: Any) -> bool:
    """A Python dict or set type ({"array": "uint8", "ndim": 0, "dict": [k, v]}
    / {..., "set": e}), or a list of tuples (`is_records`): the block address
    crosses the ABI; js/src/containers.ts places and reads it."""
    return isinstance(t, dict) and ("dict" in t or "set" in t) or is_records(t)


def is_records(t: Any) -> bool:
    """A list of tuples of numbers and strs (frontend/lists_records.py): an
    array of arrays in JavaScript; or a list of strs: a `string[]`; both
    through js/src/containers.ts."""
    return isinstance(t, dict) and (isinstance(t.get("list"), dict) and "tuple" in t["list"]
                                    or t.get("list") == "str")


_SPEC = {"float": "f", "int": "i", "bool": "b", None: "-"}


def container_spec(t: Any, where: str = "", readonly: bool = False) -> str:
    """The type spec of js/src/containers.ts: "D" key value / "S" element,
    each "f" | "i" | "b" | "(...)" (a tuple: an array) | "{x:f,y:i}" (a NamedTuple:
    values and list elements, a plain object) | "-" (unknown)."""
    def one(x, key):
        if isinstance(x, dict) and "tuple" in x and "names" not in x:
            # a tuple key or element: a JS array, compared by value (containers.ts)
            return "(" + "".join(one(e, key) for e in x["tuple"]) + ")"
        if is_record(x) and not key and ("object" not in x or x.get("state")):
            # a NamedTuple (or an instance's state: package/objlists.py): a plain object
            return "{" + ",".join(f"{n}:{one(e, False)}" for n, e in zip(x["names"], x["tuple"])) \
                + "}"
        if is_str(x) or x == "str":  # a JS string (strings.ts places its block)
            return "s"
        if x in _SPEC:
            return _SPEC[x]
        raise UnsupportedSignature(
            f"{where}: {python_type(t)} cannot cross to JavaScript ("
            + ("keys and set elements are numbers, booleans, strings or tuples of those"
               if key else "values are numbers, booleans, "
               "strings, tuples or NamedTuples of those") + ")")
    if "dict" in t:
        k, v = t["dict"]
        return "D" + one(k, True) + (one(v, False) if k is not None else "-")
    if is_records(t):
        return ("R" if readonly else "L") + one(t["list"], False)
    return "S" + one(t["set"], True)


def is_str(t: Any) -> bool:
    """A Python str type ({"array": "uint8", "ndim": 0, "str": true}: its
    block's address crosses the ABI; js/src/strings.ts places and reads it)."""
    return isinstance(t, dict) and bool(t.get("str"))


def is_list(t: Any) -> bool:
    """A Python list type ({"array": "uint8", "ndim": 0, "list": elem}: the
    header address crosses the ABI; js/src/lists.ts places and reads it)."""
    return isinstance(t, dict) and "list" in t


# a list's element type -> the kind number of js/src/lists.ts (a list of lists: 4 + its rows' kind)
LIST_KINDS = {"float": 0, "int": 1, "bool": 2, None: 3}


def list_kind(t: Any) -> int:
    e = t["list"]
    return 4 + list_kind(e) if isinstance(e, dict) else LIST_KINDS[e]


def _list_leaf(t: Any) -> Any:
    e = t["list"]
    return _list_leaf(e) if isinstance(e, dict) and "list" in e else e


def has_str(t: Any) -> bool:
    return is_str(t) or (isinstance(t, dict) and any(has_str(e) for e in parts(t)))


def has_list(t: Any) -> bool:
    """A list, dict or set (all placed by the JS runtime in the arena)."""
    return is_list(t) or is_container(t) or (isinstance(t, dict) and any(has_list(e) for e in parts(t)))


def is_complex_array(t: Any) -> bool:
    """A complex128 / complex64 array type (`{dtype, data, shape}` in JS)."""
    return is_array(t) and t["array"] in COMPLEX_ARRAYS


def has_complex_array(t: Any) -> bool:
    """Does manifest type `t` mention a complex array (itself or inside a tuple)?"""
    return is_complex_array(t) or (isinstance(t, dict) and any(
        has_complex_array(e) for e in t.get("tuple", ())))


def has_array(t: Any) -> bool:
    """Does manifest type `t` mention an array or a list (itself or inside a
    tuple)? (Both live in linear memory: the package keeps the heap state.)"""
    return is_array(t) or is_list(t) or is_str(t) or is_container(t) or (isinstance(t, dict) and any(has_array(e) for e in parts(t)))


def has_nd_array(t: Any) -> bool:
    """Does `t` mention an array of 2 or more dimensions (an `NDArray`)?"""
    if is_array(t):
        return t["ndim"] > 1
    if is_list(t) and isinstance(t["list"], dict):  # a list of N-d arrays
        return has_nd_array(t["list"])
    return isinstance(t, dict) and any(has_nd_array(e) for e in t.get("tuple", ()))


def ts_type(t: Any) -> str:
    """The exact TypeScript type of a manifest type."""
    if is_optional(t):
        return f"{ts_type(t['optional'])} | null"
    if is_complex_array(t):
        return f"{t['array'].capitalize()}Array<{t['ndim']}>"
    if is_array(t):
        cls = ARRAY_CLASSES[t["array"]]
        return cls if t["ndim"] == 1 else f"NDArray<{cls}, {t['ndim']}>"
    if is_str(t):
        return "string"
    if is_obj_list(t):  # instances: their plain objects (package/objlists.py)
        return ts_elem(t, ts_type) + "[]"
    if is_records(t):
        return "string[]" if t["list"] == "str" else f"({ts_type(t['list'])})[]"
    if is_container(t):
        if "dict" in t:
            k, v = t["dict"]
            return f"Map<{ts_type(k) if k else 'never'}, {ts_type(v) if v else 'never'}>"
        return f"Set<{ts_type(t['set']) if t['set'] else 'never'}>"
    if is_list(t):
        e = t["list"]
        if isinstance(e, dict):
            return ts_type(e) + "[]"
        return {"bool": "boolean[]", None: "never[]"}.get(base_kind(e), "number[]")
    if t in NUMPY_COMPLEX:
        return "Complex"
    if base_kind(t) in ("int", "float"):
        return "number"
    if t == "complex":
        return "Complex"
    if base_kind(t) == "bool":
        return "boolean"
    if t == "None":
        return "void"
    if is_list_state(t):  # a list of instances (package/objlists.py)
        return ts_elem(t, ts_type) + "[]"
    if is_object(t):  # an instance by value: a plain object, updated by the call
        fields = list(zip(t["names"], t["tuple"]))[2 if t.get("state") else 0:]
        return "{ " + " ".join(f"{field_key(n)}: {ts_type(e)};" for n, e in fields) + " }"
    if is_record(t):  # a NamedTuple: a plain object
        return "{ " + " ".join(f"readonly {field_key(n)}: {ts_type(e)};"
                               for n, e in zip(t["names"], t["tuple"])) + " }"
    return "readonly [" + ", ".join(ts_type(e) for e in t["tuple"]) + "]"


def is_object(t: Any) -> bool:
    """An instance of a user class crossing by value (ir.ObjectType): a plain
    object; with "state", a result (address, assigned bits, then fields)."""
    return isinstance(t, dict) and "object" in t


def has_state(t: Any) -> bool:
    return isinstance(t, dict) and (is_object(t) and bool(t.get("state")) or any(
        has_state(e) for e in t.get("tuple", ())))


def object_params(f: dict) -> list[int]:
    """The positions of a function's instance parameters, then of its lists
    of instances (package/objlists.py): their final states follow its result
    in that order (frontend/objects.py)."""
    return [i for i, p in enumerate(f["params"]) if is_object(p["type"])] + \
        [i for i, p in enumerate(f["params"]) if is_obj_list(p["type"])]


def returns_states(f: dict) -> bool:
    """Does the result carry the instance arguments' final states, (value,
    states)? (Not when every path raises: the result is then "None".)"""
    return bool(object_params(f)) and isinstance(f["result"], dict)


def visible_result(f: dict) -> Any:
    """The result type JavaScript sees (without the instance arguments' states)."""
    return f["result"]["tuple"][0] if returns_states(f) else f["result"]


def is_record(t: Any) -> bool:
    """A NamedTuple's manifest type (a tuple with field names): a JS object."""
    return isinstance(t, dict) and "tuple" in t and "names" in t


def field_key(name: str) -> str:
    """A record field as a JS property key (quoted when not an identifier)."""
    return name if is_js_identifier(name) else _s_json(name)


def shape_checks(t: Any, access: str, labels: str, label: str, used: set) -> list[str]:
    """The JS statements checking the tuple and record structure of argument
    `access` of manifest type `t` (runtime pieces `tup`, `rec`), outside in."""
    out: list[str] = []
    if is_record(t):
        used.add("rec")
        out.append(record_check(t, access, labels, label))
        for n, e in zip(t["names"], t["tuple"]):
            out += shape_checks(e, field_access(access, n), labels, f"{label}.{n}", used)
    elif isinstance(t, dict) and "tuple" in t:
        used.add("tup")
        out.append(f"$tup({access},{len(t['tuple'])},{labels},{_s_json(label)});")
        for j, e in enumerate(t["tuple"]):
            out += shape_checks(e, f"{access}[{j}]", labels, f"{label}[{j}]", used)
    return out


def record_check(t: Any, access: str, labels: str, label: str) -> str:
    """The JS statement checking a NamedTuple argument (runtime piece `rec`)."""
    names = "[" + ",".join(_s_json(n) for n in t["names"]) + "]"
    return f"$rec({access},{names},{_s_json(t.get('class') or t.get('object') or 'NamedTuple')},{labels},{_s_json(label)});"


def field_access(access: str, name: str) -> str:
    return f"{access}.{name}" if is_js_identifier(name) else f"{access}[{_s_json(name)}]"


def _s_json(s: str) -> str:
    import json
    return json.dumps(s)


def python_type(t: Any) -> str:
    """How Python spells the type: `tuple[int, float]`."""
    if is_optional(t):
        return f"{python_type(t['optional'])} | None"
    if isinstance(t, str) and (t in NUMPY_SCALARS or t in NUMPY_COMPLEX):
        return t.replace("numpy.", "np.")  # the annotation's spelling: np.float32
    if isinstance(t, str):
        return t
    if is_array(t):  # py2wasm's annotation spelling (npt.NDArray[np.float64] is f64[:])
        return f"{_SHORT[t['array']]}[{', '.join([':'] * t['ndim'])}]"
    if is_list_state(t):
        return f"list[{class_name(t)}]"
    if is_object(t):
        return t["object"]
    if is_record(t) and "class" in t:
        return t["class"]
    if is_str(t):
        return "str"
    if is_container(t) and not is_records(t):
        if "dict" in t:
            return "dict[" + ", ".join(python_type(x) if x else "int" for x in t["dict"]) + "]"
        return f"set[{python_type(t['set']) if t['set'] else 'int'}]"
    if is_list(t):
        e = t["list"]
        return f"list[{python_type(e) if isinstance(e, dict) or e in NUMPY_SCALARS else e or 'float'}]"
    return "tuple[" + ", ".join(python_type(e) for e in t["tuple"]) + "]"


def leaves(t: Any, access: str, label: str) -> Iterator[Leaf]:
    """The scalars and arrays a value of type `t` flattens to, left to right
    (the wasm ABI; an array leaf's `type` is its manifest type and stands
    for 1 + ndim wasm values: address, then the shape)."""
    if is_array(t) or is_list(t) or is_str(t) or is_container(t) or is_optional(t):
        yield Leaf(t, access, label)
        return
    if isinstance(t, str):
        if t != "None":
            yield Leaf(t, access, label)
        return
    if is_record(t):
        for n, e in zip(t["names"], t["tuple"]):
            yield from leaves(e, field_access(access, n), f"{label}.{n}")
        return
    for i, e in enumerate(t["tuple"]):
        yield from leaves(e, f"{access}[{i}]", f"{label}[{i}]")


def count_leaves(t: Any) -> int:
    """How many wasm values a value of type `t` flattens to."""
    return sum(1 + count_leaves(lf.type["optional"]) if is_optional(lf.type)
               else 1 + lf.type["ndim"] if is_array(lf.type) or is_list(lf.type) or is_str(lf.type)
               or is_container(lf.type) else 2 if lf.type in ("complex", *NUMPY_COMPLEX) else 1
               for lf in leaves(t, "", ""))


def has_complex(t: Any) -> bool:
    """Does manifest type `t` mention a complex (itself or inside a tuple)?"""
    return t in ("complex", *NUMPY_COMPLEX) or (isinstance(t, dict) and any(has_complex(e) for e in parts(t)))


def is_js_identifier(name: str) -> bool:
    """True if `name` can be a binding name as-is in generated JS and TS."""
    return bool(_ASCII_ID.match(name)) and name not in JS_RESERVED


def example_value(t: Any, i: int) -> str:
    """A JavaScript literal of type `t`, for README examples (`i` varies it)."""
    if is_optional(t):
        return example_value(t["optional"], i)
    if is_complex_array(t):
        cls = COMPLEX_ARRAYS[t["array"]][0]
        shape = [2] + [1] * (t["ndim"] - 1)
        return (f"{{ dtype: \"{t['array']}\", data: new {cls}([1, 0.5, -2, 0]), "
                f"shape: [{', '.join(map(str, shape))}] }}")
    if is_str(t):
        return '"héllo 😀"' if i % 2 else '"a,b,c"'
    if is_records(t):
        if t["list"] == "str":
            return '["a", "héllo"]'
        return "[" + example_value(t["list"], i) + "]"
    if is_container(t):
        if "dict" in t:
            k, v = t["dict"]
            return "new Map()" if k is None else \
                f"new Map([[{example_value(k, i)}, {example_value(v, i + 1)}]])"
        return "new Set()" if t["set"] is None else \
            f"new Set([{example_value(t['set'], i)}, {example_value(t['set'], i + 2)}])"
    if is_list(t):
        from .typedlists import example, is_typed_list
        if is_typed_list(t):
            return example(t)
        if isinstance(t["list"], dict):
            return "[" + example_value(t["list"], i) + "]"
        return {"bool": "[true, false]", "int": "[1, 2, 3]", None: "[]"}.get(t["list"], "[1.5, 2, 3]")
    if is_array(t):
        cls = ARRAY_CLASSES[t["array"]]
        vals = {"float64": "[0.5, 1.5, 2.5]", "float32": "[0.5, 1.5, 2.5]", "int64": "[1n, 2n, 3n]",
                "uint64": "[1n, 2n, 3n]", "bool": "[1, 0, 1]"}.get(t["array"], "[1, 2, 3]")
        if t["ndim"] == 1:
            return f"new {cls}({vals})"
        shape = [2, 3] + [1] * (t["ndim"] - 2)
        return f"{{ data: new {cls}({len(vals.split(',')) * 2}), shape: [{', '.join(map(str, shape))}] }}"
    t = base_kind(t)
    if t == "float":
        return f"{i + 1}.5"
    if t == "int":
        return str(i + 2)
    if t == "bool":
        return "true" if i % 2 == 0 else "false"
    if t in ("complex", *NUMPY_COMPLEX):
        return f"{{ re: {i + 1}.5, im: -0.5 }}"
    if is_record(t):
        return "{ " + ", ".join(f"{field_key(n)}: {example_value(e, i + k)}"
                                for k, (n, e) in enumerate(zip(t["names"], t["tuple"]))) + " }"
    return "[" + ", ".join(example_value(e, i + k) for k, e in enumerate(t["tuple"])) + "]"


def fits_default(v: Any, t: Any) -> bool:
    """Can the Python value `v` be the default of a parameter of manifest
    type `t` in JavaScript? (scalars, NumPy scalar types within their range,
    tuples of them; arrays never)"""
    v = _plain(v)
    if is_optional(t):  # None is JavaScript's null
        return v is None or fits_default(v, t["optional"])
    kind = base_kind(t) if isinstance(t, str) else t
    if kind == "float":
        return type(v) in (int, float) and (type(v) is float or abs(v) <= 2**53)
    if kind == "int":
        lo, hi = NP_INT_RANGES.get(t, (0 if t == "numpy.uint64" else -(2**53 - 1), 2**53 - 1))
        return type(v) is int and lo <= v <= hi
    if kind == "bool":
        return type(v) is bool
    if is_str(t):
        return type(v) is str
    if is_record(t):
        return False  # (a NamedTuple default would be an object literal: not generated)
    if isinstance(t, dict) and "tuple" in t:
        return isinstance(v, (tuple, list)) and len(v) == len(t["tuple"]) and \
            all(fits_default(x, e) for x, e in zip(v, t["tuple"]))
    return False


def check_default(v: Any, t: Any, where: str) -> None:
    if not fits_default(v, t):
        raise UnsupportedSignature(f"{where}: default {v!r} cannot be a JavaScript default of type {ts_type(t)}")


def js_default(v: Any) -> str:
    """The JavaScript literal of a parameter default (fits_default)."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        if v != v:
            return "NaN"
        if v in (float("inf"), float("-inf")):
            return "Infinity" if v > 0 else "-Infinity"
        if v == 0 and str(v).startswith("-"):
            return "-0"
        return repr(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):  # a str default: a JS string literal (lone surrogates escaped)
        import json
        return json.dumps(v)
    return "[" + ", ".join(js_default(x) for x in v) + "]"


def python_default(v: Any) -> str:
    """How Python spells a default (tuples from JSON arrive as lists)."""
    if isinstance(v, (tuple, list)):
        inner = ", ".join(python_default(x) for x in v)
        return f"({inner},)" if len(v) == 1 else f"({inner})"
    if isinstance(v, float) and (v != v or v in (float("inf"), float("-inf"))):
        return f"float({str(v)!r})"
    return repr(v)


def _plain(v: Any) -> Any:
    """A default as JSON-like data: tuples as lists, NumPy scalars as Python's."""
    if isinstance(v, (tuple, list)):
        return [_plain(x) for x in v]
    if type(v).__module__ == "numpy" and hasattr(v, "item"):
        return v.item()
    return v


def add_defaults(manifest: dict, functions) -> None:
    """Record the Python defaults of `functions` (the Python functions the
    manifest's entries were traced from, matched by name) as `"default"` of
    their parameters, where JavaScript can have them (fits_default): the
    trailing run of parameters with such defaults becomes optional in JS."""
    import inspect
    by_name = {f.__name__: f for f in functions}
    for entry in manifest["functions"]:
        fn = by_name.get(entry["name"])
        if fn is None:
            continue
        sig = inspect.signature(fn)
        values = [sig.parameters[p["name"]].default if p["name"] in sig.parameters else inspect.Parameter.empty
                  for p in entry["params"]]
        k = len(values)
        while k and values[k - 1] is not inspect.Parameter.empty and fits_default(values[k - 1], entry["params"][k - 1]["type"]):
            k -= 1
        for p, v in zip(entry["params"][k:], values[k:]):
            p["default"] = _plain(v)


def check_manifest(manifest: dict) -> None:
    """Everything the generators rely on, checked before any file is written."""
    if manifest.get("format") != 1:
        raise UnsupportedSignature(f"unsupported manifest format {manifest.get('format')!r} (expected 1)")
    names = set()
    # a "js" build with arrays also exports its memory API (jsabi.MEMORY_EXPORTS)
    memory_api = manifest.get("abi") == "js" and any(
        has_array(p["type"]) for f in manifest["functions"] for p in [*f["params"], {"type": f["result"]}])
    for f in manifest["functions"]:
        name = f["name"]
        if memory_api and name in MEMORY_EXPORTS:
            raise UnsupportedSignature(
                f"function {name!r} would clash with the package's memory API (`{name}`: "
                f"{', '.join(MEMORY_EXPORTS)} are exported by packages with array functions); "
                "rename it or leave it out with -f")
        if not isinstance(name, str) or not name.isidentifier() or keyword.iskeyword(name):
            raise UnsupportedSignature(f"function name {name!r} is not a Python identifier")
        if name in PACKAGE_EXPORTS:
            raise UnsupportedSignature(
                f"function {name!r} would clash with the package's own `{name}` export; "
                "rename it or leave it out with -f")
        if name in names:
            raise UnsupportedSignature(f"function {name!r} is exported twice")
        names.add(name)
        optional = False
        if manifest.get("abi") != "js" and (object_params(f) or has_state(f["result"])):
            raise UnsupportedSignature(f"{name}(): instances of classes cross only the \"js\" ABI")
        for p in f["params"]:
            check_type(p["type"], f"{name}(): parameter {p['name']!r}")
            _check_host_complex(manifest, p["type"], f"{name}(): parameter {p['name']!r}")
            if "default" in p:
                optional = True
                check_default(p["default"], p["type"], f"{name}(): parameter {p['name']!r}")
            elif optional:
                raise UnsupportedSignature(f"{name}(): parameter {p['name']!r} without a default follows one with a default")
        if returns_states(f):  # (value, states): the value may be None
            check_type(f["result"]["tuple"][0], f"{name}(): result")
            check_type(f["result"]["tuple"][1], f"{name}(): result")
        else:
            check_type(f["result"], f"{name}(): result")
        _check_host_complex(manifest, f["result"], f"{name}(): result")


def _mentions_numpy_complex(t: Any) -> bool:
    return t in NUMPY_COMPLEX or has_complex_array(t) or (
        isinstance(t, dict) and any(_mentions_numpy_complex(e) for e in t.get("tuple", ())))


def _check_host_complex(manifest: dict, t: Any, where: str) -> None:
    """Complex arrays and NumPy complex scalars have wrappers for "js" ABI
    builds (what `py2wasm build` makes) only."""
    if manifest.get("abi") != "js" and has_list(t):
        raise UnsupportedSignature(f"{where}: lists need a build of the \"js\" ABI (py2wasm build)")
    if manifest.get("abi") != "js" and has_str(t):
        raise UnsupportedSignature(f"{where}: strs need a build of the \"js\" ABI (py2wasm build)")
    if manifest.get("abi") != "js" and _mentions_numpy_complex(t):
        raise UnsupportedSignature(f"{where}: complex arrays and NumPy complex scalars need a build "
                                   "of the \"js\" ABI (py2wasm build)")
