"""Instances crossing an exported function's signature by value (ir.ObjectType).

Place in the pipeline: frontend; split from objects.py (the instances, their
layouts, attributes and operators). tracer.py makes each instance argument
an instance at entry (`enter`, `publish`) and turns instances leaving the
function into states (`exit_value`, `state`, `unpublish`); signature.py makes
the placeholders (`ObjArg`) and the result types (`ObjState.pytype`).

An instance crosses by value: an argument is its attributes, stored into a
fresh block at entry (`enter`); when the call returns, the exported function
also returns each instance argument's final state (address, assigned bits,
attributes) and an instance result as such a state (`exit_value`). The host
(api.py) copies the states back into the caller's instances and builds
result instances (the same object when the address is an argument's).
"""
from __future__ import annotations

from .objects import (_STORE_DTYPE, PyObj, _addr, is_namedtuple_class, is_obj, layout,
                      setattr_)
from .values import E_UNSUPPORTED_VALUE, error


class _ByValue:
    """An instance crossing the boundary by value: its class, names and values."""
    __slots__ = ("cls", "names", "values")

    def __init__(self, cls, names, values):
        self.cls = cls
        self.names = tuple(names)
        self.values = tuple(values)

    def trace_key(self, key_of):
        return (type(self).__name__, self.cls, self.names) + tuple(key_of(v) for v in self.values)

    def trace_leaves(self, leaves, out):
        for v in self.values:
            leaves(v, out)

    def trace_rebuild(self, rebuild, it):
        return type(self)(self.cls, self.names, [rebuild(v, it) for v in self.values])


class ObjArg(_ByValue):
    """An instance argument of an exported function before entry: its
    attribute names and values (trace values)."""
    __slots__ = ()


class ObjState(_ByValue):
    """An instance's state leaving an exported function: address, bit set,
    then every attribute of its class's layout (unassigned ones are zeros)."""
    __slots__ = ()

    def pytype(self, trace_type, loc, what):
        from ..ir import ObjectType
        return ObjectType(tuple(trace_type(v, loc, what) for v in self.values),
                          ("__addr__", "__mask__") + self.names, self.cls, state=True)


def enter(tr, v, loc):
    """An exported function's argument at entry: an ObjArg becomes an instance."""
    if not isinstance(v, ObjArg):
        return v
    fb = tr.fb
    lay = layout(tr, v.cls)
    hdr = fb.emit("alloc", [fb.const(lay.size)], loc=loc)
    fb.emit_multi("store", [hdr, fb.const(0)], {"dtype": "int64"})
    obj = PyObj(v.cls, hdr)
    for name, value in zip(v.names, v.values):
        setattr_(tr, obj, name, value, loc, bypass=True)
    return obj


def publish(tr, objs, loc) -> None:
    """At an export's entry: the addresses of its instance arguments, for a
    host that must read their state after a call that raised (api.py). Word
    0 of memory (unused by the host ABI) is zeroed, then points to a block
    of the instances' addresses in argument order."""
    fb = tr.fb
    zero = fb.const(0)
    fb.emit_multi("store", [zero, zero], {"dtype": "int64"})
    blk = fb.emit("alloc", [fb.const(8 * len(objs))], loc=loc)
    for i, o in enumerate(objs):
        fb.emit_multi("store", [_addr(fb, blk, 8 * i), o.hdr], {"dtype": "int64"})
    fb.emit_multi("store", [zero, blk], {"dtype": "int64"})


def unpublish(tr) -> None:
    """At an export's return: word 0 cleared (only a raise leaves it set)."""
    fb = tr.fb
    fb.emit_multi("store", [fb.const(0), fb.const(0)], {"dtype": "int64"})


def exit_value(tr, v, loc, depth=0):
    """A value leaving an exported function: instances become ObjStates."""
    if is_obj(v):
        if getattr(v.cls, "__module__", "") == "py2wasm.randomlib.generator":
            raise error(loc, "a numpy.random.Generator cannot leave compiled code",
                        "return the numbers drawn; create generators inside the function",
                        E_UNSUPPORTED_VALUE)
        if depth:
            raise error(loc, f"a {v.cls.__name__} instance inside an instance cannot leave "
                        "compiled code yet", "return the inner instance's attributes",
                        E_UNSUPPORTED_VALUE)
        return state(tr, v, loc)
    if type(v) is tuple:
        return tuple(exit_value(tr, x, loc, depth) for x in v)
    if isinstance(v, tuple) and is_namedtuple_class(type(v)):
        return type(v)._make(exit_value(tr, x, loc, depth) for x in v)
    return v


def state(tr, obj, loc) -> ObjState:
    from .state import rebuild
    fb = tr.fb
    lay = layout(tr, obj.cls)
    values = [obj.hdr, fb.emit("load", [obj.hdr], {"dtype": "int64"})]
    names = []
    for name, f in lay.fields.items():
        if _contains_obj(f.template):
            raise error(loc, f"attribute {name!r} of {obj.cls.__name__} holds an instance or "
                        "a list, which cannot leave compiled code yet",
                        "return the numbers you need", E_UNSUPPORTED_VALUE)
        vals = [fb.emit("load", [_addr(fb, obj.hdr, f.offset + 8 * i)],
                        {"dtype": _STORE_DTYPE[t]}) for i, t in enumerate(f.types)]
        values.append(rebuild(f.template, iter(vals)))
        names.append(name)
    return ObjState(obj.cls, names, values)


def _contains_obj(v) -> bool:
    if isinstance(v, tuple):
        return any(_contains_obj(x) for x in v)
    from .lists import is_list
    return is_obj(v) or is_list(v)
