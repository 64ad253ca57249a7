"""Lists of class instances crossing an exported function's signature (a
`list[Particle]` of `@dataclass` or plain-class instances), by value per
instance as objects_abi.py crosses one instance, with the list's identity
and its aliasing kept.

Place in the pipeline: frontend; signature.py types a list argument of one
compilable class (`value_type`), tracer.py turns such a parameter into a list
of instances at entry (`enter`) and turns lists of instances leaving the
function into states (`exit_state`, `exit_value`); api.py (the host) writes
and reads them.

At the ABI the parameter is a list of records (ir.ListType of an
ir.ObjectType whose first field is `__first__`: the index of the element's
first occurrence in the caller's list, so one instance twice in the list is
one instance inside, then its attributes). At entry the function builds a
list of fresh instances from the records (`objects_abi.enter`'s blocks) and
a list of their addresses in entry order. When the call returns, the
function also returns, for each such parameter, a `ListState`: the list's
header address, the entry addresses, and the list as it is then, one state
record (address, assigned bits, attributes) per element. The host maps
entry addresses to the caller's instances, updates them, and refills the
caller's list (new instances for addresses it did not pass). A list of
instances returned is such a state too (the caller's own list when it is
the argument's). When the call raises, the host reads the same from memory
(the two headers follow the instance addresses in objects_abi.publish's
block). For `py2wasm build` a `list[P]` annotation types the parameter the
same way (`annotation_list_type`); js/src/objects.ts and objstate.ts are
the host there (py2wasm/package/objlists.py).
"""
from __future__ import annotations

from ..ir import BOOL, F64, I64, ObjectType, TupleType
from ..ir.types import ListType, flatten
from .values import E_UNSUPPORTED_VALUE, error

FIRST = "__first__"


def is_param_type(t) -> bool:
    """The ABI type of a list-of-instances parameter."""
    return isinstance(t, ListType) and isinstance(t.elem, ObjectType) and not t.elem.state \
        and t.elem.names[:1] == (FIRST,)


def is_param_value(v) -> bool:
    """An export's list-of-instances parameter before entry (its records)."""
    from .lists import PyList
    return isinstance(v, PyList) and is_param_type(ListType(v.elem))


def nested_in(t) -> bool:
    """Does argument type `t` hold a list of instances below its top level?"""
    def inside(x) -> bool:
        if is_param_type(x):
            return True
        if isinstance(x, ListType):
            return x.elem is not None and not isinstance(x.elem, str) and inside(x.elem)
        return isinstance(x, TupleType) and any(map(inside, x.elems))
    if isinstance(t, ListType):
        return t.elem is not None and not isinstance(t.elem, str) and inside(t.elem)
    return isinstance(t, TupleType) and any(map(inside, t.elems))


def value_type(v: list, fn, name, bad):
    """The ListType of a list argument of instances of one compilable class
    with the same attributes (int, float or bool), else None."""
    from .objects import compilable_class
    from .signature import type_of_value
    cls = type(v[0])
    if not (compilable_class(cls) and hasattr(v[0], "__dict__")):
        return None
    t0 = type_of_value(v[0], fn, f"{name}[0]")
    for i, x in enumerate(v):
        if type(x) is not cls or type_of_value(x, fn, f"{name}[{i}]") != t0:
            raise bad(f"a list of {cls.__name__} instances whose attributes differ in names "
                      f"or types (item {i}) is not supported",
                      "give every instance the same attributes, of one type each")
    if not all(e in (I64, F64, BOOL) for e in t0.elems):
        raise bad(f"a list of {cls.__name__} instances whose attributes are not int, float or "
                  "bool cannot enter compiled code yet",
                  "keep numbers in the instances of a list argument")
    return ListType(ObjectType((I64,) + t0.elems, (FIRST,) + t0.names, cls))


def annotation_list_type(t: ObjectType, file, line, source_line, what, fname):
    """The ABI type of a `list[P]` annotation (py2wasm build), P's ObjectType
    `t`: numbers and bools only, else a located P2W010."""
    if not all(e in (I64, F64, BOOL) for e in t.elems):
        from ..errors import CompileError
        raise CompileError(f"a list of {t.pyclass.__name__} instances as {what} of {fname}() "
                           "needs int, float or bool attributes", file=file, line=line,
                           code=E_UNSUPPORTED_VALUE, source_line=source_line,
                           hint="keep numbers in the instances of a list argument")
    return ListType(ObjectType((I64,) + t.elems, (FIRST,) + t.names, t.pyclass))


def host_records(t, v: list) -> list:
    """The records the host passes for list argument `v` (api.py)."""
    first: dict = {}
    out = []
    for i, x in enumerate(v):
        d = vars(x)
        if tuple(d) != t.elem.names[1:]:
            raise TypeError(f"the attributes of this {type(x).__name__} changed since the call "
                            "was compiled")
        out.append((first.setdefault(id(x), i),) + tuple(d[n] for n in t.elem.names[1:]))
    return out


class ListState:
    """A list of instances leaving an exported function: its header address,
    the entry addresses (a list of ints; empty for a list made inside) and
    the elements' states (a list of records)."""
    __slots__ = ("hdr", "entry", "items")

    def __init__(self, hdr, entry, items):
        self.hdr, self.entry, self.items = hdr, entry, items

    def trace_key(self, key_of):
        return ("liststate", key_of(self.entry), key_of(self.items))

    def trace_leaves(self, leaves, out):
        for v in (self.hdr, self.entry, self.items):
            leaves(v, out)

    def trace_rebuild(self, rebuild, it):
        return ListState(*(rebuild(v, it) for v in (self.hdr, self.entry, self.items)))

    def pytype(self, trace_type, loc, what):
        return ObjectType((I64, trace_type(self.entry, loc, what), trace_type(self.items, loc, what)),
                          ("__addr__", "__entry__", "__items__"), list, state=True)


def enter(tr, lst, loc):
    """At entry: the records of list parameter `lst` (a PyList of the
    ObjectType) become a list of instances; returns (the list, the list of
    their entry addresses)."""
    from .arrays import loop
    from .lists import _field, _set_field, new_list
    from .lists_objects import InstanceElem
    from .objects_abi import ObjArg, enter as enter_one
    from .containers_abi import _record_leaves
    from .signature import placeholder
    from .state import rebuild
    fb = tr.fb
    t = lst.elem
    types = [leaf for e in t.elems for leaf in flatten(e)]
    n = fb.emit("load", [lst.hdr], {"dtype": "int64"})
    cap = fb.emit("select", [fb.emit("lt", [n, fb.const(4)]), fb.const(4), n])
    out = new_list(tr, InstanceElem(t.pyclass), [], loc, capacity=cap)
    addrs = new_list(tr, "int64", [], loc, capacity=cap)
    data, adata = _field(fb, out, 16), _field(fb, addrs, 16)
    templates = [placeholder(e) for e in t.elems[1:]]

    def body(i, carried):
        leaves = _record_leaves(tr, lst.hdr, i, types)
        first, it = leaves[0], iter(leaves[1:])
        obj = enter_one(tr, ObjArg(t.pyclass, t.names[1:], [rebuild(x, it) for x in templates]),
                        loc)
        prev = fb.emit("load", [fb.emit("add", [data, fb.emit("mul", [first, fb.const(8)])])],
                       {"dtype": "int64"})
        a = fb.emit("select", [fb.emit("eq", [first, i]), obj.hdr, prev])
        at = fb.emit("mul", [i, fb.const(8)])
        fb.emit_multi("store", [fb.emit("add", [data, at]), a], {"dtype": "int64"})
        fb.emit_multi("store", [fb.emit("add", [adata, at]), a], {"dtype": "int64"})
        return carried
    loop(fb, n, [], body)
    _set_field(fb, out, 0, n)
    _set_field(fb, addrs, 0, n)
    return out, addrs


def exit_state(tr, lst, entry, loc) -> ListState:
    """The ListState of list of instances `lst` (`entry`: the PyList of its
    entry addresses, or None for a list made inside)."""
    from .arrays import loop
    from .lists import _field, _set_field, new_list
    from .lists_objects import load
    from .lists_records import store_record
    from .objects import layout
    from .objects_abi import state
    from .signature import trace_type
    fb = tr.fb
    n = fb.emit("load", [lst.hdr], {"dtype": "int64"})
    cap = fb.emit("select", [fb.emit("lt", [n, fb.const(4)]), fb.const(4), n])
    if entry is None:
        entry = new_list(tr, "int64", [], loc)
    # a record per element: its state (objects_abi.state), numbers only
    lay = layout(tr, lst.elem.cls)
    types = []
    for name, f in lay.fields.items():
        t = trace_type(f.template, loc, f"attribute {name!r}") if len(f.types) == 1 else None
        if t not in (I64, F64, BOOL):
            raise error(loc, f"attribute {name!r} of {lst.elem.pyname} holds values other "
                        "than int, float or bool, which cannot leave compiled code in a list "
                        "yet", "keep numbers in the instances of a list argument or result",
                        E_UNSUPPORTED_VALUE)
        types.append(t)
    rec = ObjectType((I64, I64) + tuple(types), ("__addr__", "__mask__") + tuple(lay.fields),
                     lst.elem.cls, state=True)
    out = new_list(tr, rec, [], loc, capacity=cap)
    src, dst = _field(fb, lst, 16), _field(fb, out, 16)

    def body(i, carried):
        obj = load(fb, lst.elem, fb.emit("add", [src, fb.emit("mul", [i, fb.const(8)])]))
        st = state(tr, obj, loc)
        store_record(fb, rec, fb.emit("add", [dst, fb.emit("mul", [i, fb.const(8 * len(
            rec.elems))])]), list(st.values))
        return carried
    loop(fb, n, [], body)
    _set_field(fb, out, 0, n)
    return ListState(lst.hdr, entry, out)


def exit_value(tr, v, loc):
    """A value leaving an exported function: lists of instances (in tuples
    too) become ListStates, the argument's entry addresses when `v` is one."""
    from .lists import PyList
    from .lists_objects import InstanceElem
    if isinstance(v, PyList) and isinstance(v.elem, InstanceElem):
        entry = next((e for l, e in getattr(tr, "obj_lists", ()) if l.hdr is v.hdr), None)
        return exit_state(tr, v, entry, loc)
    if type(v) is tuple:
        return tuple(exit_value(tr, x, loc) for x in v)
    return v
