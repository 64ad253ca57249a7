"""Instances of the user's classes in compiled code: `@dataclass` (frozen
too), plain classes with `__init__`, their attributes, methods, properties,
static and class methods, and the operator methods (`__add__`, `__eq__`,
`__lt__`, `__len__`, `__bool__`, `__getitem__`, `__call__`...). NamedTuples
are tuples (immutable values: constructed by Python itself at trace time, see
`namedtuple_call`). Instances crossing an exported function's signature:
objects_abi.py.

Place in the pipeline: frontend; opcodes.py and calls.py hand values here
(small hooks), and the IR sees only `alloc`, `load` and `store`.

An instance is a `PyObj`: its class and the address of its block in linear
memory (per-call arena, like lists):

    +0: int64, bit i set when field i has been assigned
    +8: the fields, in the order they were first assigned, each as the
        numeric leaves of its value, 8 bytes per leaf

Every alias of an instance shares the block, so mutation through any name
(a method's `self`, another local, a callee's parameter) is seen through all,
as in CPython. A field holds one kind of value (its state key: int, float,
bool, complex, a NumPy scalar type, a tuple of those, another instance, a
list); assigning another kind is a located CompileError.

Layouts (`Layout`: the fields of a class) are learned while tracing: a store
to a field the layout does not have yet adds it and marks the module's trace
as stale (`ModuleTracer.layouts_grew`); `frontend.trace_many` then traces the
whole module again with the grown layouts, until a trace adds nothing (the
allocation sizes and offsets of the last trace are final). Reading a field
that is not assigned at run time raises CPython's AttributeError (or gives
the class attribute of that name, as CPython's lookup does).
"""
from __future__ import annotations

import dataclasses
import inspect
import types
from typing import Any

from ..ir import BOOL, F64, I64, Var
from .values import (E_ATTRIBUTE, E_TYPE, E_UNSUPPORTED_CALL, E_UNSUPPORTED_VALUE, TraceRaise,
                     error, scalar_type)

HEADER = 8
MAX_FIELDS = 63
_STORE_DTYPE = {I64: "int64", F64: "float64", BOOL: "bool"}
_MISSING = object()

# operator -> (method, reflected method); in-place forms add "i"
BINARY = {"+": "add", "-": "sub", "*": "mul", "/": "truediv", "//": "floordiv",
          "%": "mod", "**": "pow", "@": "matmul", "&": "and", "|": "or", "^": "xor",
          "<<": "lshift", ">>": "rshift"}
COMPARE = {"==": ("__eq__", "__eq__"), "!=": ("__ne__", "__ne__"),
           "<": ("__lt__", "__gt__"), "<=": ("__le__", "__ge__"),
           ">": ("__gt__", "__lt__"), ">=": ("__ge__", "__le__")}
UNARY = {"-": "__neg__", "+": "__pos__", "~": "__invert__"}


class PyObj:
    """An instance of `cls` at address `hdr` (an i64 Var). `known` holds the
    fields certainly assigned, valid only in the IR block `known_block`
    (a store earlier in the same block; no control flow in between)."""
    __slots__ = ("cls", "hdr", "known", "known_block")

    def __init__(self, cls, hdr):
        self.cls = cls
        self.hdr = hdr
        self.known = set()
        self.known_block = None

    def trace_key(self, key_of):
        return ("obj", self.cls)

    def trace_leaves(self, leaves, out):
        out.append(self.hdr)

    def trace_rebuild(self, rebuild, it):
        return PyObj(self.cls, next(it))

    def __repr__(self):
        return f"PyObj({self.cls.__name__}, {self.hdr!r})"


@dataclasses.dataclass
class Field:
    index: int
    key: Any           # the state key of the values it holds
    template: Any      # a value of that kind (its leaves are replaced when loaded)
    offset: int
    types: tuple       # the leaves' scalar types


class Nullable:
    """The kind of a field that holds an instance of `cls` or None (a linked
    list's `next`): its one slot is the instance's address, 0 for None; a
    read is a TypeFork (the tracer continues once for None, once for the
    instance)."""
    __slots__ = ("cls",)

    def __init__(self, cls):
        self.cls = cls

    def key(self):
        return ("obj?", self.cls)


class Layout:
    """The fields of one class (learned while tracing, in assignment order)."""

    def __init__(self, cls):
        self.cls = cls
        self.fields: dict[str, Field] = {}
        self.size = HEADER

    def add(self, name, key, template, types_, loc):
        if len(self.fields) >= MAX_FIELDS:
            raise error(loc, f"{self.cls.__name__} has more than {MAX_FIELDS} attributes",
                        "compiled classes hold at most 63 attributes", E_UNSUPPORTED_VALUE)
        f = Field(len(self.fields), key, template, self.size, tuple(types_))
        self.fields[name] = f
        self.size += 8 * len(types_)
        return f

    def make_nullable(self, name, cls):
        """Field `name` (None so far, or an instance of `cls`) holds either:
        one slot; the offsets after it move (the module is traced again)."""
        f = self.fields[name]
        f.key, f.template, f.types = ("obj?", cls), Nullable(cls), (I64,)
        size = HEADER
        for g in self.fields.values():
            g.offset = size
            size += 8 * len(g.types)
        self.size = size


def is_obj(v) -> bool:
    return type(v) is PyObj


def is_namedtuple_class(c) -> bool:
    return isinstance(c, type) and issubclass(c, tuple) and hasattr(c, "_fields")


def compilable_class(c) -> bool:
    """A class whose instances compiled code can make: defined in Python, with
    object's __new__, no metaclass but `type` (or abc's), and an `__init__`
    that is a Python function or object's."""
    if not isinstance(c, type) or c.__module__ in ("builtins", "numpy") or is_namedtuple_class(c):
        return False
    import abc
    if type(c) not in (type, abc.ABCMeta) or issubclass(c, BaseException):
        return False
    if any(b is not object and b.__module__ == "builtins" for b in c.__mro__):
        return False
    if c.__new__ is not object.__new__:
        return False
    init = c.__init__
    return init is object.__init__ or inspect.isfunction(init)


def _layouts(tr) -> dict:
    return tr.mt.layouts


def layout(tr, cls) -> Layout:
    lay = _layouts(tr).get(cls)
    if lay is None:
        lay = _layouts(tr)[cls] = Layout(cls)
    return lay


def _addr(fb, hdr, off):
    return hdr if off == 0 else fb.emit("add", [hdr, fb.const(off)])


def _known(tr, obj):
    if obj.known_block is not tr.fb.block:
        obj.known = set()
        obj.known_block = tr.fb.block
    return obj.known


# --- making instances ---------------------------------------------------------------------

def construct(tr, cls, args, kwargs, loc):
    """`cls(*args, **kwargs)`: a fresh block, then `__init__` traced on it."""
    from .calls import call_python
    fb = tr.fb
    lay = layout(tr, cls)
    hdr = fb.emit("alloc", [fb.const(lay.size)], loc=loc)
    fb.emit_multi("store", [hdr, fb.const(0)], {"dtype": "int64"})
    obj = PyObj(cls, hdr)
    init = cls.__init__
    if init is object.__init__:
        if args or kwargs:
            raise TraceRaise("TypeError", f"{cls.__name__}() takes no arguments")
        return obj
    r = call_python(tr, init, [obj] + list(args), dict(kwargs), loc,
                    public=f"{cls.__name__}.__init__")
    if r is not None:
        shown = "int" if isinstance(r, Var) and r.type is I64 else type(r).__name__
        raise TraceRaise("TypeError", f"__init__() should return None, not '{shown}'")
    return obj


def namedtuple_call(cls, args, kwargs):
    """`P(x, y)` of a NamedTuple: Python packs the trace values itself."""
    try:
        return cls(*args, **kwargs)
    except TypeError as e:
        raise TraceRaise("TypeError", str(e)) from None


# --- attributes ---------------------------------------------------------------------------

def _class_attr(cls, name):
    try:
        return inspect.getattr_static(cls, name)
    except AttributeError:
        return _MISSING


def _no_attr(cls, name):
    return TraceRaise("AttributeError", f"'{cls.__name__}' object has no attribute '{name}'")


def _value(tr, f: Field, vals):
    """A field's value from its loaded leaves (a TypeFork for a nullable one)."""
    from .state import rebuild
    if type(f.template) is Nullable:
        from .typefork import TypeFork
        fb = tr.fb
        null = fb.emit("eq", [vals[0], fb.const(0)])
        return TypeFork(fb.emit("select", [null, fb.const(0), fb.const(1)]),
                        [None, PyObj(f.template.cls, vals[0])])
    return rebuild(f.template, iter(vals))


def load_field(tr, obj, name, f: Field, loc):
    fb = tr.fb
    vals = [fb.emit("load", [_addr(fb, obj.hdr, f.offset + 8 * i)],
                    {"dtype": _STORE_DTYPE[t]}) for i, t in enumerate(f.types)]
    if name in _known(tr, obj):
        return _value(tr, f, vals)
    mask = fb.emit("load", [obj.hdr], {"dtype": "int64"})
    bit = fb.emit("and", [mask, fb.const(1 << f.index)])
    unset = fb.emit("eq", [bit, fb.const(0)])
    fallback = _class_attr(obj.cls, name)
    from .state import key_of, leaves
    if fallback is None and type(f.template) is Nullable:  # `next = None` in the class body
        vals = [fb.emit("select", [unset, fb.const(0), vals[0]])]
    elif fallback is not _MISSING and not _is_descriptor(fallback) and \
            key_of(fallback) == f.key:  # unassigned: the class attribute, as CPython reads it
        alts = [tr.materialize(x) for x in leaves(fallback, [])]
        vals = [fb.emit("select", [unset, a, v]) for a, v in zip(alts, vals)]
    else:  # (a class attribute of another kind, e.g. a float default of an int
        # field, is not read through a deleted attribute: AttributeError instead)
        fb.raise_if(unset, "AttributeError",
                    f"'{obj.cls.__name__}' object has no attribute '{name}'", loc)
    return _value(tr, f, vals)


def _is_descriptor(v) -> bool:
    return hasattr(type(v), "__get__") and not inspect.isclass(v)


def getattr_(tr, obj: PyObj, name, loc):
    cls = obj.cls
    attr = _class_attr(cls, name)
    if isinstance(attr, property):
        if attr.fget is None:
            raise TraceRaise("AttributeError", f"property {name!r} of {cls.__name__!r} "
                             "object has no getter")
        from .calls import call_python
        return call_python(tr, attr.fget, [obj], {}, loc, public=f"{cls.__name__}.{name}")
    f = layout(tr, cls).fields.get(name)
    if f is not None:
        return load_field(tr, obj, name, f, loc)
    if name == "__class__":
        return cls
    if name == "__dict__":
        raise error(loc, "the __dict__ of an instance is not available in compiled code",
                    "use its attributes", E_ATTRIBUTE)
    if attr is _MISSING or type(attr).__name__ in ("member_descriptor", "getset_descriptor"):
        raise _no_attr(cls, name)
    if isinstance(attr, staticmethod):
        return attr.__func__
    if isinstance(attr, classmethod):
        return types.MethodType(attr.__func__, cls)
    if inspect.isfunction(attr):
        return types.MethodType(attr, obj)
    if _is_descriptor(attr):
        raise error(loc, f"attribute {name!r} of {cls.__name__} is a "
                    f"{type(attr).__name__}, which compiled code cannot use",
                    "use a plain method or a property", E_ATTRIBUTE)
    return attr  # a class attribute: a known value


def _kind(v) -> str:
    if is_obj(v):
        return f"{v.cls.__name__} instance"
    if type(v) is Nullable:
        return f"{v.cls.__name__} instance or None"
    t = scalar_type(v)
    if t is not None:
        return t.pyname
    return type(v).__name__


def setattr_(tr, obj: PyObj, name, value, loc, *, bypass=False):
    """`obj.name = value` (`bypass`: object.__setattr__, as a frozen
    dataclass's own __init__ does)."""
    from .state import key_of, leaves
    cls = obj.cls
    attr = _class_attr(cls, name)
    if not bypass:
        if isinstance(attr, property):
            if attr.fset is None:
                raise TraceRaise("AttributeError", f"property {name!r} of {cls.__name__!r} "
                                 "object has no setter")
            from .calls import call_python
            call_python(tr, attr.fset, [obj, value], {}, loc, public=f"{cls.__name__}.{name}")
            return
        if dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen:
            raise TraceRaise("FrozenInstanceError", f"cannot assign to field {name!r}")
        if _class_attr(cls, "__setattr__") is not object.__setattr__:
            raise error(loc, f"{cls.__name__} defines __setattr__, which compiled code does "
                        "not run", "remove it, or use a plain method", E_UNSUPPORTED_VALUE)
    if "__dict__" not in _dict_owners(cls) and type(attr).__name__ != "member_descriptor":
        raise TraceRaise("AttributeError",
                         f"'{cls.__name__}' object has no attribute '{name}'")
    value = _storable(tr, value, name, cls, loc)
    key = key_of(value)
    lay = layout(tr, cls)
    f = lay.fields.get(name)
    if f is None:
        lv = leaves(value, [])
        ts = [scalar_type(x) for x in lv]
        if any(t not in _STORE_DTYPE for t in ts):
            raise _unstorable(value, name, cls, loc)
        f = lay.add(name, key, value, ts, loc)
        tr.mt.layouts_grew = True
    elif f.key != key and _list_kinds(tr, f, value):  # list element types learned
        value = _list_kinds(tr, f, value)
    elif f.key != key:
        other = f.template.cls if type(f.template) is Nullable else \
            f.template.cls if is_obj(f.template) else value.cls if is_obj(value) else None
        if other is not None and (value is None or f.template is None or
                                  is_obj(value) and value.cls is other or
                                  is_obj(f.template) and f.template.cls is other):
            if type(f.template) is not Nullable:  # None and an instance: a nullable address
                lay.make_nullable(name, other)
                tr.mt.layouts_grew = True
            f = lay.fields[name]
        else:
            raise error(loc, f"attribute {name!r} of {cls.__name__} holds a "
                        f"{_kind(f.template)} and is assigned a {_kind(value)} here",
                        "an attribute keeps one type in compiled code: convert the value "
                        f"(e.g. 0.0 instead of 0)", E_TYPE)
    fb = tr.fb
    if type(f.template) is Nullable:
        vals = [value.hdr if is_obj(value) else fb.const(0)]
    else:
        vals = [tr.materialize(x) for x in leaves(value, [])]
    for i, (v, t) in enumerate(zip(vals, f.types)):
        fb.emit_multi("store", [_addr(fb, obj.hdr, f.offset + 8 * i), v],
                      {"dtype": _STORE_DTYPE[t]})
    known = _known(tr, obj)
    if name not in known:
        mask = fb.emit("load", [obj.hdr], {"dtype": "int64"})
        fb.emit_multi("store", [obj.hdr, fb.emit("or", [mask, fb.const(1 << f.index)])],
                      {"dtype": "int64"})
        known.add(name)


def _list_kinds(tr, f: Field, value):
    """A list stored in a field that holds lists of another element type,
    one of them unknown so far (`self.xs = []` in __init__, filled by a
    method: frontend/lists.py learns the type, the module is traced again):
    the field takes the known type; the value stored, typed like the field
    (an empty list reads the same whatever its type). None: not that case."""
    from .lists import PyList, _fits
    from ..ir.types import ListType
    t = f.template
    if not isinstance(value, PyList) or not isinstance(t, PyList):
        return None
    have, new = ListType(t.elem), ListType(value.elem)
    if _fits(new, have) and new != have:  # the field's type says less: it learns
        f.key, f.template = ("list", value.elem), PyList(value.elem, t.hdr, t.site)
        tr.mt.layouts_grew = True
        return value
    if _fits(have, new):  # the value's type says less: it is empty, typed like the field
        return PyList(t.elem, value.hdr, value.site)
    return None


def delattr_(tr, obj: PyObj, name, loc):
    """`del obj.name`: a property's deleter, a frozen dataclass's
    FrozenInstanceError (before the field is looked up, as its generated
    __delattr__ does), else the field is unset (AttributeError if it is not)."""
    cls = obj.cls
    attr = _class_attr(cls, name)
    if isinstance(attr, property):
        if attr.fdel is None:
            raise TraceRaise("AttributeError", f"property {name!r} of {cls.__name__!r} "
                             "object has no deleter")
        from .calls import call_python
        call_python(tr, attr.fdel, [obj], {}, loc, public=f"{cls.__name__}.{name}")
        return
    if dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen:
        raise TraceRaise("FrozenInstanceError", f"cannot delete field {name!r}")
    f = layout(tr, obj.cls).fields.get(name)
    if f is None:
        raise _no_attr(obj.cls, name)
    fb = tr.fb
    mask = fb.emit("load", [obj.hdr], {"dtype": "int64"})
    unset = fb.emit("eq", [fb.emit("and", [mask, fb.const(1 << f.index)]), fb.const(0)])
    fb.raise_if(unset, "AttributeError",
                f"'{obj.cls.__name__}' object has no attribute '{name}'", loc)
    fb.emit_multi("store", [obj.hdr, fb.emit("and", [mask, fb.const(~(1 << f.index))])],
                  {"dtype": "int64"})
    _known(tr, obj).discard(name)


def _dict_owners(cls):
    """'__dict__' when instances of `cls` have one (no __slots__ all the way)."""
    for c in cls.__mro__:
        if c is not object and "__slots__" not in vars(c):
            return ("__dict__",)
    return ()


def _storable(tr, value, name, cls, loc):
    from . import arrays, lists
    if isinstance(value, arrays.ListLit):
        value = lists.as_list(tr, value, loc)
    if arrays.is_array(value):
        raise error(loc, f"attribute {name!r} of {cls.__name__}: arrays cannot be stored in "
                    "instances in compiled code", "pass the array to the function or "
                    "method that uses it", E_UNSUPPORTED_VALUE)
    return value


def _unstorable(value, name, cls, loc):
    return error(loc, f"attribute {name!r} of {cls.__name__}: a {_kind(value)} cannot be "
                 "stored in an instance in compiled code",
                 "instances hold numbers, NumPy scalars, complex numbers, tuples of those, "
                 "lists and other instances", E_UNSUPPORTED_VALUE)


# --- operators ----------------------------------------------------------------------------

def _method(tr, obj, name):
    """The bound method `name` of `obj`'s class, or None."""
    attr = _class_attr(obj.cls, name)
    if inspect.isfunction(attr):
        return attr
    return None


def _call_method(tr, fn, obj, args, loc, public):
    from .calls import call_python
    return call_python(tr, fn, [obj] + list(args), {}, loc, public=public)


def _tname(v) -> str:
    if is_obj(v):
        return v.cls.__name__
    if isinstance(v, Var):
        return v.type.pyname
    return type(v).__name__


def binary(tr, op, inplace, a, b, loc):
    """`a op b` (or `a op= b`) where an operand is an instance."""
    name = BINARY.get(op)
    if name is None:
        raise error(loc, f"operator {op} on instances is not supported", "", E_TYPE)
    if inplace and is_obj(a):
        fn = _method(tr, a, f"__i{name}__")
        if fn is not None:
            r = _call_method(tr, fn, a, [b], loc, f"{a.cls.__name__}.__i{name}__")
            if r is not NotImplemented:
                return r
    reflected_first = is_obj(a) and is_obj(b) and b.cls is not a.cls and \
        issubclass(b.cls, a.cls) and _method(tr, b, f"__r{name}__") is not None
    order = [(b, a, f"__r{name}__"), (a, b, f"__{name}__")] if reflected_first else \
        [(a, b, f"__{name}__"), (b, a, f"__r{name}__")]
    for x, y, meth in order:
        if not is_obj(x):
            continue
        if meth.startswith("__r") and is_obj(a) and is_obj(b) and a.cls is b.cls:
            continue  # same type: the reflected method is not tried
        fn = _method(tr, x, meth)
        if fn is not None:
            r = _call_method(tr, fn, x, [y], loc, f"{x.cls.__name__}.{meth}")
            if r is not NotImplemented:
                return r
    shown = op + "=" if inplace else op
    raise TraceRaise("TypeError", f"unsupported operand type(s) for {shown}: "
                     f"'{_tname(a)}' and '{_tname(b)}'")


def compare(tr, op, a, b, loc):
    """`a op b` (a comparison) where an operand is an instance."""
    meth, refl = COMPARE[op]
    for x, y, m in ((a, b, meth), (b, a, refl)):
        if not is_obj(x):
            continue
        fn = _method(tr, x, m)
        if fn is not None:
            r = _call_method(tr, fn, x, [y], loc, f"{x.cls.__name__}.{m}")
            if r is not NotImplemented:
                return r
        if m == "__ne__" and _method(tr, x, "__eq__") is not None:
            r = _call_method(tr, _method(tr, x, "__eq__"), x, [y], loc,
                             f"{x.cls.__name__}.__eq__")
            if r is not NotImplemented:
                return tr.fb.emit("not", [tr.truth(r, loc)]) if isinstance(
                    tr.truth(r, loc), Var) else not tr.truth(r, loc)
    if op in ("==", "!="):
        same = identical(tr, a, b)
        if op == "==":
            return same
        return tr.fb.emit("not", [same]) if isinstance(same, Var) else not same
    raise TraceRaise("TypeError", f"'{op}' not supported between instances of "
                     f"'{_tname(a)}' and '{_tname(b)}'")


def identical(tr, a, b):
    """`a is b` where an operand is an instance: the same block."""
    if is_obj(a) and is_obj(b):
        if a.hdr is b.hdr:
            return True
        return tr.fb.emit("eq", [a.hdr, b.hdr])
    return False


def unary(tr, op, v, loc):
    name = UNARY[op]
    fn = _method(tr, v, name)
    if fn is None:
        raise TraceRaise("TypeError", f"bad operand type for unary {op}: '{v.cls.__name__}'")
    return _call_method(tr, fn, v, [], loc, f"{v.cls.__name__}.{name}")


def truth(tr, v, loc):
    """bool(v): __bool__, else __len__() != 0, else True."""
    fn = _method(tr, v, "__bool__")
    if fn is not None:
        r = _call_method(tr, fn, v, [], loc, f"{v.cls.__name__}.__bool__")
        if not (type(r) is bool or isinstance(r, Var) and r.type is BOOL):
            raise TraceRaise("TypeError", f"__bool__ should return bool, returned {_tname(r)}")
        return r
    fn = _method(tr, v, "__len__")
    if fn is not None:
        n = length(tr, v, loc)
        return tr.fb.emit("ne", [n, tr.fb.const(0)]) if isinstance(n, Var) else n != 0
    return True


def length(tr, v, loc):
    fn = _method(tr, v, "__len__")
    if fn is None:
        raise TraceRaise("TypeError", f"object of type '{v.cls.__name__}' has no len()")
    n = _call_method(tr, fn, v, [], loc, f"{v.cls.__name__}.__len__")
    if type(n) is int:
        if n < 0:
            raise TraceRaise("ValueError", "__len__() should return >= 0")
        return n
    if not (isinstance(n, Var) and n.type is I64):
        raise TraceRaise("TypeError", f"'{_tname(n)}' object cannot be interpreted as an "
                         "integer")
    tr.fb.raise_if(tr.fb.emit("lt", [n, tr.fb.const(0)]), "ValueError",
                   "__len__() should return >= 0", loc)
    return n


def getitem(tr, v, idx, loc):
    fn = _method(tr, v, "__getitem__")
    if fn is None:
        raise TraceRaise("TypeError", f"'{v.cls.__name__}' object is not subscriptable")
    return _call_method(tr, fn, v, [idx], loc, f"{v.cls.__name__}.__getitem__")


def setitem(tr, v, idx, value, loc):
    fn = _method(tr, v, "__setitem__")
    if fn is None:
        raise TraceRaise("TypeError", f"'{v.cls.__name__}' object does not support item "
                         "assignment")
    _call_method(tr, fn, v, [idx, value], loc, f"{v.cls.__name__}.__setitem__")


# --- calls --------------------------------------------------------------------------------

NO = object()


def call(tr, fn, args, kwargs, loc):
    """Calls involving classes and instances; NO when none applies."""
    if isinstance(fn, type):
        if is_namedtuple_class(fn):
            return namedtuple_call(fn, args, kwargs)
        if compilable_class(fn):
            return construct(tr, fn, args, kwargs, loc)
    if isinstance(fn, ObjectInit):
        if args or kwargs:
            raise TraceRaise("TypeError", "object.__init__() takes exactly one argument (the "
                             "instance to initialize)")
        return None
    if is_obj(fn):
        m = _method(tr, fn, "__call__")
        if m is None:
            raise TraceRaise("TypeError", f"'{fn.cls.__name__}' object is not callable")
        from .calls import call_python
        return call_python(tr, m, [fn] + list(args), kwargs, loc,
                           public=f"{fn.cls.__name__}.__call__")
    if inspect.ismethod(fn) and isinstance(fn.__self__, tuple) and \
            is_namedtuple_class(type(fn.__self__)) and \
            getattr(fn.__func__, "__module__", None) == "collections" and \
            fn.__name__ in ("_replace",):
        try:
            return fn(*args, **kwargs)  # pure repacking of trace values
        except (TypeError, ValueError) as e:
            raise TraceRaise(type(e).__name__, str(e)) from None
    if not any(is_obj(a) for a in list(args) + list(kwargs.values())):
        return NO
    if fn is dataclasses.replace and len(args) == 1 and is_obj(args[0]) and \
            dataclasses.is_dataclass(args[0].cls):
        return replace(tr, args[0], dict(kwargs), loc)
    if fn is object.__setattr__ and len(args) == 3 and is_obj(args[0]) and \
            type(args[1]) is str:
        setattr_(tr, args[0], args[1], args[2], loc, bypass=True)
        return None
    if kwargs:
        return NO
    if fn is isinstance and len(args) == 2 and is_obj(args[0]):
        return _isinstance(args[0].cls, args[1], loc)
    if fn is type and len(args) == 1:
        return args[0].cls
    if fn is len and len(args) == 1:
        return length(tr, args[0], loc)
    if fn is abs and len(args) == 1:
        m = _method(tr, args[0], "__abs__")
        if m is None:
            raise TraceRaise("TypeError", f"bad operand type for abs(): "
                             f"'{args[0].cls.__name__}'")
        return _call_method(tr, m, args[0], [], loc, f"{args[0].cls.__name__}.__abs__")
    if fn is bool and len(args) == 1:
        return truth(tr, args[0], loc)
    if fn in (getattr, hasattr, setattr, delattr) and is_obj(args[0]) and len(args) >= 2:
        if type(args[1]) is not str:
            raise error(loc, f"{fn.__name__}() on an instance needs a constant attribute name",
                        "write obj.name", E_ATTRIBUTE)
        if fn is setattr and len(args) == 3:
            setattr_(tr, args[0], args[1], args[2], loc)
            return None
        if fn is delattr and len(args) == 2:
            delattr_(tr, args[0], args[1], loc)
            return None
        if fn is getattr and len(args) == 2:
            return getattr_(tr, args[0], args[1], loc)
        if fn is hasattr and len(args) == 2:
            return _hasattr(tr, args[0], args[1])
    if fn is dataclasses.astuple and len(args) == 1 and is_obj(args[0]) and \
            dataclasses.is_dataclass(args[0].cls):
        return tuple(getattr_(tr, args[0], f.name, loc) for f in dataclasses.fields(args[0].cls))
    return NO


def _hasattr(tr, obj, name):
    f = layout(tr, obj.cls).fields.get(name)
    if f is None:
        return _class_attr(obj.cls, name) is not _MISSING or name == "__class__"
    if _class_attr(obj.cls, name) is not _MISSING:
        return True
    fb = tr.fb
    mask = fb.emit("load", [obj.hdr], {"dtype": "int64"})
    return fb.emit("ne", [fb.emit("and", [mask, fb.const(1 << f.index)]), fb.const(0)])


def replace(tr, obj, kwargs, loc):
    """dataclasses.replace(obj, **changes): a new instance through __init__."""
    cls = obj.cls
    args = {}
    for f in dataclasses.fields(cls):
        if not f.init:
            if f.name in kwargs:
                raise TraceRaise("ValueError", f"field {f.name} is declared with init=False, "
                                 "it cannot be specified with replace()")
            continue
        args[f.name] = kwargs.pop(f.name) if f.name in kwargs else getattr_(tr, obj, f.name, loc)
    if kwargs:
        bad = next(iter(kwargs))
        raise TraceRaise("TypeError", f"{cls.__name__}.__init__() got an unexpected keyword "
                         f"argument '{bad}'")
    return construct(tr, cls, [], args, loc)


def _isinstance(cls, spec, loc):
    try:
        return issubclass(cls, spec)
    except TypeError as e:
        raise TraceRaise("TypeError", str(e).replace("issubclass", "isinstance")) from None


# --- super() ------------------------------------------------------------------------------

class SuperProxy:
    """3.11's `super()` value: the class whose method runs, and the instance."""
    __slots__ = ("cls", "obj")

    def __init__(self, cls, obj):
        self.cls = cls
        self.obj = obj


class ObjectInit:
    """`super().__init__` reaching object's: a no-op taking no arguments."""
    __slots__ = ()


def super_attr(tr, cls, obj, name, loc):
    """`super().name` in a method of `cls` called on `obj`: the next
    definition along the instance's MRO."""
    if not is_obj(obj) or not isinstance(cls, type):
        raise error(loc, "super() is supported in methods of compiled classes", "",
                    E_UNSUPPORTED_CALL)
    mro = obj.cls.__mro__
    if cls not in mro:
        raise TraceRaise("TypeError", "super(type, obj): obj must be an instance or subtype of "
                         "type")
    for c in mro[mro.index(cls) + 1:]:
        if name in vars(c):
            attr = vars(c)[name]
            break
    else:
        raise TraceRaise("AttributeError", f"'super' object has no attribute '{name}'")
    if c is object:
        if name == "__init__":
            return ObjectInit()
        raise error(loc, f"super().{name} reaches object's, which compiled code does not run",
                    "", E_UNSUPPORTED_CALL)
    if isinstance(attr, property):
        from .calls import call_python
        return call_python(tr, attr.fget, [obj], {}, loc, public=f"{c.__name__}.{name}")
    if isinstance(attr, staticmethod):
        return attr.__func__
    if isinstance(attr, classmethod):
        return types.MethodType(attr.__func__, obj.cls)
    if inspect.isfunction(attr):
        return types.MethodType(attr, obj)
    if _is_descriptor(attr):
        raise error(loc, f"super().{name} is a {type(attr).__name__}", "", E_ATTRIBUTE)
    return attr
