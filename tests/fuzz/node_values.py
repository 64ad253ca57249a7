"""Python values to and from the JSON the Node harness speaks
(tests/fuzz/node_harness.mjs), per the npm package's documented JS mapping
(README, "From JavaScript: the npm package").

Python -> JS (`encode_arg`): `int`/`bool` as JSON, `float` as {"num": text}
(NaN, ±Infinity and -0 survive), `str` as a JSON string, lists and tuples
as JSON arrays (JS arrays), dicts as {"map": [[k, v]...]} (a `Map` in
insertion order), sets as {"set": [...]} (a `Set` in iteration order), a
dataclass instance or NamedTuple as {"obj": [[field, v]...]} (a plain
object), arrays as {"ta": class, "v": [...]} / {"nd": ..., "shape": [...]},
NumPy scalars as JS numbers / booleans.

JS -> Python (`decode(enc, like)`): the harness encodes any JS value
(numbers as {"num"}, booleans {"bool"}, strings {"str"}, arrays {"tuple"},
`Map` {"map"}, `Set` {"set"}, TypedArrays {"ta"}, `{data, shape}` {"nd"},
other objects {"obj"}, undefined {"none"}, BigInts {"big"}); `decode`
reads it back guided by the reference value `like`, as the value the
mapping promises (a list for a JS array where Python has a list, a tuple
where it has a tuple...), or a marker tuple ("bad ...", enc) that compares
unequal. `norm` puts a reference value in the same comparable form
(records as ("record", class name, sorted attributes), sets as ("set",
elements in iteration order): JavaScript's `Set` keeps CPython's order;
sets of strs sorted: their CPython order follows the randomized str hash).
"""
from __future__ import annotations

import dataclasses
import math

import numpy as np

from .values import same_value

SAFE = 2**53 - 1
TA = {"float64": "Float64Array", "float32": "Float32Array", "int64": "BigInt64Array",
      "int32": "Int32Array", "uint8": "Uint8Array", "bool": "Uint8Array",
      "int16": "Int16Array", "int8": "Int8Array", "uint64": "BigUint64Array",
      "uint32": "Uint32Array", "uint16": "Uint16Array"}


def num_text(x: float) -> str:
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0 and math.copysign(1, x) < 0:
        return "-0"
    return repr(x)


def is_record(v) -> bool:
    return (dataclasses.is_dataclass(v) and not isinstance(v, type)) or (
        isinstance(v, tuple) and hasattr(type(v), "_fields"))


def record_items(v) -> list:
    if isinstance(v, tuple):
        return list(v._asdict().items())
    return list(vars(v).items())


def encode_arg(v):
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        return {"num": num_text(float(v))}
    if isinstance(v, str):
        return v
    if isinstance(v, np.ndarray):
        flat = np.ascontiguousarray(v).ravel()
        if v.dtype.kind == "f":
            items = [num_text(float(x)) for x in flat.tolist()]
        else:
            items = [str(int(x)) for x in flat.tolist()]
        ta = {"ta": TA[v.dtype.name], "v": items}
        return ta if v.ndim == 1 else {"nd": ta, "shape": list(v.shape)}
    if is_record(v):
        return {"obj": [[k, encode_arg(x)] for k, x in record_items(v)]}
    if isinstance(v, (tuple, list)):
        return [encode_arg(x) for x in v]
    if isinstance(v, dict):
        return {"map": [[encode_arg(k), encode_arg(x)] for k, x in v.items()]}
    if isinstance(v, (set, frozenset)):
        return {"set": [encode_arg(x) for x in v]}
    raise TypeError(type(v))


def _num(s: str) -> float:
    return float({"NaN": "nan", "Infinity": "inf", "-Infinity": "-inf"}.get(s, s))


def norm(v):
    """A reference value in the form `decode` produces (see the module docstring)."""
    if is_record(v):
        return ("record", type(v).__name__, tuple(sorted((k, norm(x)) for k, x in record_items(v))))
    if isinstance(v, list):
        return [norm(x) for x in v]
    if isinstance(v, tuple):
        return tuple(norm(x) for x in v)
    if isinstance(v, dict):
        return {norm(k): norm(x) for k, x in v.items()}
    if isinstance(v, (set, frozenset)):
        return ("set", _set_order(v, [norm(x) for x in v]))
    return v


def _set_order(like, items):
    """A set's elements in iteration order; a set of strs sorted (CPython's
    order follows its randomized str hash: no order is promised, README)."""
    if any(isinstance(x, str) for x in like):
        return sorted(items, key=repr)
    return items


def _seq(enc, like, kind):
    if not isinstance(enc, dict) or "tuple" not in enc:
        return (f"not a JS array for a {kind}", enc)
    if len(enc["tuple"]) != len(like):
        return (f"a {kind} of length {len(enc['tuple'])}", [decode(e, None) for e in enc["tuple"]])
    return [decode(e, x) for e, x in zip(enc["tuple"], like)]


def decode(enc, like):
    """The JS value `enc` read back as the Python value shaped like `like`
    (in `norm`'s form); `like` None: a best-effort reading for messages."""
    if like is None:
        if isinstance(enc, dict) and len(enc) == 1:
            (k, x), = enc.items()
            if k == "num":
                return _num(x)
            if k in ("bool", "str"):
                return x
            if k == "tuple":
                return [decode(e, None) for e in x]
        return ("js", enc)
    if isinstance(like, np.ndarray):
        if "nd" in enc:
            shape, enc = tuple(enc["shape"]), enc["nd"]
        else:
            shape = (len(enc.get("v", [])),)
        if enc.get("ta") != TA.get(like.dtype.name):
            return ("bad class", enc.get("ta"))
        if like.dtype.kind == "f":
            vals = [_num(s) for s in enc["v"]]
        else:
            vals = [int(s) for s in enc["v"]]
        with np.errstate(all="ignore"):
            return np.array(vals, dtype=like.dtype).reshape(shape)
    if is_record(like):
        if "obj" not in enc:
            return ("not a plain object", enc)
        want = dict(record_items(like))
        got = {k: decode(e, want.get(k)) for k, e in enc["obj"]}
        return ("record", type(like).__name__, tuple(sorted(got.items())))
    if isinstance(like, tuple):
        if "tuple" not in enc or len(enc["tuple"]) != len(like):
            return ("bad tuple", enc)
        return tuple(decode(e, x) for e, x in zip(enc["tuple"], like))
    if isinstance(like, list):
        return _seq(enc, like, "list")
    if isinstance(like, dict):
        if "map" not in enc:
            return ("not a Map", enc)
        if len(enc["map"]) != len(like):
            return ("a Map of size", len(enc["map"]), [decode(k, None) for k, _ in enc["map"]])
        return {decode(k, lk): decode(x, lx) for (k, x), (lk, lx) in zip(enc["map"], like.items())}
    if isinstance(like, (set, frozenset)):
        if "set" not in enc:
            return ("not a Set", enc)
        items = list(like)
        if len(enc["set"]) != len(items):
            return ("a Set of size", len(enc["set"]), [decode(e, None) for e in enc["set"]])
        if any(isinstance(x, str) for x in items):  # decoded as strs, then ordered
            return ("set", _set_order(like, [decode(e, "") for e in enc["set"]]))
        return ("set", [decode(e, x) for e, x in zip(enc["set"], items)])
    if isinstance(like, str):
        return enc["str"] if "str" in enc else ("not a string", enc)
    if isinstance(like, np.generic):  # a NumPy scalar arrives as a JS number / boolean
        if like.dtype.kind == "b":
            v = enc.get("bool", None)
            return np.bool_(v) if isinstance(v, bool) else ("not a bool", enc)
        if "num" not in enc:
            return ("not a number", enc)
        x = _num(enc["num"])
        return type(like)(x) if like.dtype.kind == "f" or x == int(x) else ("not an int", enc)
    if isinstance(like, bool):
        return enc.get("bool", ("not a bool", enc))
    if isinstance(like, int):
        if "num" not in enc:
            return ("not a number", enc)
        x = _num(enc["num"])
        return int(x) if math.isfinite(x) and x == int(x) else x
    if isinstance(like, float):
        return _num(enc["num"]) if "num" in enc else ("not a number", enc)
    if like is None:
        return None if enc.get("none") else ("not undefined", enc)
    return ("unexpected", enc)


def same_js(ref, enc) -> tuple[bool, object]:
    """(equal, the decoded value) for the reference value `ref` and the JS `enc`."""
    got = decode(enc, ref) if ref is not None else (
        None if enc.get("none") else ("not undefined", enc))
    return same_value(norm(ref), got), got


def unsafe_ints(v) -> list[int]:
    """The ints in a result that JavaScript numbers cannot hold exactly (the
    package throws a RangeError with the BigInt for the first it meets)."""
    if isinstance(v, (bool, np.bool_)):
        return []
    if isinstance(v, (int, np.int64, np.uint64)):
        return [] if -SAFE <= int(v) <= SAFE else [int(v)]
    if is_record(v):
        return [x for _, e in record_items(v) for x in unsafe_ints(e)]
    if isinstance(v, (list, tuple, set, frozenset)):
        return [x for e in v for x in unsafe_ints(e)]
    if isinstance(v, dict):
        return [x for kv in v.items() for e in kv for x in unsafe_ints(e)]
    return []
