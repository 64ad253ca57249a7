"""Lists of class instances across the "js" ABI (frontend/lists_objects_abi.py):
a `list[P]` parameter of a `@dataclass` or plain class P with int, float and
bool attributes is a JS array of plain objects; the function's list comes
back into the caller's array after the call (js/src/objstate.ts).

Place in the pipeline: the last stage (`package`): signature.py checks and
types these manifest types, jsabi.py writes the wrapper code from here.
A parameter's manifest type is a list of an object record whose first field
is `__first__` (js/src/objects.ts `oput` writes each element's first
index); the list's state after the call is an object record named "list"
with "state" (`__addr__`, `__entry__`: the entry addresses, `__items__`: one
instance state per element), following the result as single instances'
states do, or as (part of) the result itself.
"""
from __future__ import annotations

import json
from typing import Any

FIRST = "__first__"
_CODES = {"float": "f", "int": "i", "bool": "b"}


def is_obj_list(t: Any) -> bool:
    """A list-of-instances parameter type."""
    e = t.get("list") if isinstance(t, dict) else None
    return isinstance(e, dict) and "object" in e and not e.get("state") and \
        e.get("names", [None])[:1] == [FIRST]


def is_list_state(t: Any) -> bool:
    """A list of instances leaving the function (its state)."""
    return isinstance(t, dict) and t.get("object") == "list" and bool(t.get("state"))


def fields(t: Any) -> list:
    """(name, manifest type) of the instances' attributes, of a parameter's
    type, a list state's or one of their element records."""
    if is_obj_list(t):
        t = t["list"]
    elif is_list_state(t):
        t = t["tuple"][2]["list"]
    skip = 2 if t.get("state") else 1 if t["names"][:1] == [FIRST] else 0
    return list(zip(t["names"], t["tuple"]))[skip:]


def class_name(t: Any) -> str:
    e = t["list"] if is_obj_list(t) else t["tuple"][2]["list"]
    return e["object"]


def check(t: Any, where: str) -> None:
    """UnsupportedSignature unless the attributes are int, float or bool."""
    from .signature import UnsupportedSignature
    for n, e in fields(t):
        if e not in _CODES:
            raise UnsupportedSignature(f"{where}: lists of {class_name(t)} instances cross from "
                                       f"JavaScript with int, float and bool attributes "
                                       f"({n!r} is {e!r})")


def kinds(t: Any) -> str:
    """The [name, code] pairs of js/src/objects.ts (JSON)."""
    return json.dumps([[n, _CODES[e]] for n, e in fields(t)], separators=(",", ":"))


def raise_kinds(t: Any) -> list:
    """The kinds of objects.ts `objr` for a list parameter: the list marker first."""
    return [["", "L"]] + [[n, _CODES[e]] for n, e in fields(t)]


def arg_js(t: Any, access: str, var: str, labels: str, label: str) -> tuple[str, str]:
    """The check and the placement of list-of-instances argument `access`."""
    k, cls = kinds(t), json.dumps(class_name(t))
    return (f"$ochk({access},{k},{cls},{labels},{json.dumps(label)});",
            f"const {var}a=$oput($s,{access},{k});")


def ts_elem(t: Any, ts_type) -> str:
    """The TypeScript type of one element: the instance's plain object."""
    from .signature import field_key
    return "{ " + " ".join(f"{field_key(n)}: {ts_type(e)};" for n, e in fields(t)) + " }"
