"""Lists of class instances (`ps = [P(x, v) for ...]`, `for p in ps: p.x
+= ...`): an element is the instance's address, so the list holds the
instances themselves, as CPython's list holds references: a change through
`ps[i]` is seen through every other reference, and the other way round.

Place in the pipeline: frontend value semantics; lists.py asks here for the
element type of an instance (`element_of`) and loads/stores such elements
(8-byte slots, like a list's rows). Instances live in the per-call arena
(frontend/objects.py), as lists do.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class InstanceElem:
    """The element type of a list of instances of `cls` (one class per list)."""
    cls: Any

    @property
    def pyname(self) -> str:
        return getattr(self.cls, "__name__", "object")


def element_of(v):
    """The InstanceElem of an instance value, else None."""
    from .objects import PyObj
    return InstanceElem(v.cls) if isinstance(v, PyObj) else None


def load(fb, elem: InstanceElem, addr):
    from .objects import PyObj
    return PyObj(elem.cls, fb.emit("load", [addr], {"dtype": "int64"}))


def address(v):
    """The address a list slot stores for an instance."""
    return v.hdr


def holds_instances(elem) -> bool:
    """Whether a list element type is (or nests) instances: a flat one
    crosses an export's signature through lists_objects_abi.py, nested ones
    stay inside the compiled function."""
    if isinstance(elem, InstanceElem):
        return True
    inner = getattr(elem, "elem", None)  # a ListType row
    return inner is not None and holds_instances(inner)


def equal(tr, a, b, loc):
    """`a == b` between list items where one is an instance, as a list
    compares them (CPython's PyObject_RichCompareBool): the same instance,
    or the class's `==` (identity when it has none)."""
    from . import objects
    same = objects.identical(tr, a, b)
    if same is True:
        return True
    r = objects.compare(tr, "==", a, b, loc)
    r = tr.truth(r, loc)
    if same is False or r is True:
        return r
    if r is False:
        return same
    return tr.fb.emit("or", [same, r])
