"""Dicts and sets crossing an exported function's signature: dict and set
parameters and results.

Place in the pipeline: frontend; signature.py asks here for the types of
dict/set arguments, annotations and returned values, tracer.py turns a
parameter into a dict or set at the function's entry, frontend/__init__.py
asks for the types empty arguments learned. The host side is
runner/containers.py (py2wasm.compile).

A parameter crosses (ir.DictType / ir.SetType) as the address of a block the
host writes: a list header (len, capacity, data address: frontend/lists.py's
layout) of the items as records (a dict's key leaves then value leaves, 8
bytes each; a set's element leaves), then one int64 word, 0 on entry. At
the function's entry the compiled code builds the dict (inserting the items
in the caller's order, so iteration order is the caller's) or the set
(adding the elements in the caller's iteration order) with the ordinary
operations of dicts.py / sets.py, and stores the new header's address in
that word; when the word is already set (one dict passed as two
parameters) both parameters share that dict, as both names share the object
in CPython. After the call, also when it raised, the host reads the word
and walks the table (a dict's entries in insertion order, a set's table in
slot order) back into the caller's object. A result is the header address
of the dict or set itself.

Keys, values and elements at the boundary are numbers (int, float, bool),
strs and tuples of those; anything else is a located P2W010. A str leaf
is the address of its block (frontend/strvalues.py's layout), which the host
writes before the call (runner/strs.py, js/src/strings.ts) and reads back.
"""
from __future__ import annotations

from ..ir import BOOL, F64, I64, TupleType
from ..ir.types import DictType, ScalarType, SetType, StrType, flatten
from .values import E_UNSUPPORTED_VALUE, error

WORD = 24  # the offset of the word the entry code fills (after a list header)
_LEAF = {I64: "int64", F64: "float64", BOOL: "bool"}


class ContainerArg:
    """A dict or set parameter before entry: its type and the address of the
    host's block (a trace value: the address is its one leaf)."""
    __slots__ = ("t", "hdr", "index")

    def __init__(self, t, hdr, index=0):
        self.t = t
        self.hdr = hdr
        self.index = index

    def trace_key(self, key_of):
        return ("containerarg", self.t, self.index)

    def trace_leaves(self, leaves, out):
        out.append(self.hdr)

    def trace_rebuild(self, rebuild, it):
        return ContainerArg(self.t, next(it), self.index)


def param_values(types: list) -> list:
    """The placeholder trace values of an export's parameters: dicts and sets
    are ContainerArgs (built at entry, `enter`); others signature.placeholder's."""
    from .signature import placeholder
    return [ContainerArg(t, 0, i) if isinstance(t, (DictType, SetType)) else placeholder(t)
            for i, t in enumerate(types)]


def _site(tr, i: int, kind: str):
    return ("param-" + kind, tr.code, i)


def _record_leaves(tr, hdr, i, types):
    """The numeric leaves of record `i` of the list whose header is `hdr`."""
    from .dicts import _add, _ld, _mul
    fb = tr.fb
    rec = _add(fb, _ld(fb, hdr, 16), _mul(fb, i, 8 * len(types)))
    return [_ld(fb, rec, 8 * j, _LEAF[t]) for j, t in enumerate(types)]


def enter(tr, v, loc):
    """An exported function's argument at entry: a ContainerArg becomes the
    dict or set it describes (built from the host's records)."""
    if not isinstance(v, ContainerArg):
        return v
    from .arrays import loop
    from .dicts import _if, _ld, _sites, _st
    from .signature import placeholder
    from .state import rebuild
    fb = tr.fb
    t = v.t
    is_dict = isinstance(t, DictType)
    site = _site(tr, v.index, "dict" if is_dict else "set")
    known = t.kt if is_dict else t.et
    if is_dict:
        from .dicts import PyDict, new_dict, setitem
        if known is None:
            kt, vt = _sites(tr).get(site, (None, None))
        else:
            kt, vt = placeholder(t.kt), placeholder(t.vt)
        ktypes = flatten(t.kt) if known is not None else []
        types = ktypes + (flatten(t.vt) if known is not None else [])
    else:
        from .sets import PySet, add, new_set
        et = _sites(tr).get(site) if known is None else placeholder(t.et)
        types = flatten(t.et) if known is not None else []
    word = _ld(fb, v.hdr, WORD)

    def build():
        if is_dict:
            c = new_dict(tr, kt, vt, loc, site)
        else:
            c = new_set(tr, et, loc, site)
        if known is not None:
            def body(i, carried):
                ls = _record_leaves(tr, v.hdr, i, types)
                if is_dict:
                    setitem(tr, c, rebuild(kt, iter(ls[:len(ktypes)])),
                            rebuild(vt, iter(ls[len(ktypes):])), loc)
                else:
                    add(tr, c, rebuild(et, iter(ls)), loc)
                return carried
            loop(fb, _ld(fb, v.hdr, 0), [], body)
        _st(fb, v.hdr, WORD, c.hdr)
        return [c.hdr]
    hdr = _if(fb, fb.emit("eq", [word, fb.const(0)]), build, lambda: [word], (I64,))[0]
    return PyDict(kt, vt, hdr, site) if is_dict else PySet(et, hdr, site)


def learned_param_types(mt, fn, types: list) -> list:
    """The parameter types of an export with the key/value (element) types
    its empty dict (set) parameters learned while tracing."""
    from .signature import trace_type
    out = []
    for i, t in enumerate(types):
        if isinstance(t, DictType) and t.kt is None:
            kv = mt.dict_sites.get(("param-dict", fn.__code__, i))
            if kv is not None and kv[0] is not None:
                t = DictType(trace_type(kv[0], None), trace_type(kv[1], None))
        elif isinstance(t, SetType) and t.et is None:
            e = mt.dict_sites.get(("param-set", fn.__code__, i))
            if e is not None:
                t = SetType(trace_type(e, None))
        out.append(t)
    return out


# --- types ------------------------------------------------------------------------------

def _plain(t) -> bool:
    """A type that crosses inside a dict or set: a number, a str or a tuple of them."""
    if isinstance(t, StrType):
        return True
    if isinstance(t, ScalarType):
        return t in _LEAF
    return type(t) is TupleType and t.names is None and all(_plain(e) for e in t.elems)


def _key(t) -> bool:
    """A type that crosses as a dict key or set element: _plain (a tuple's
    str leaves are hashed and compared by text: str_tuple_keys.py)."""
    return _plain(t)


def value_type(v, fn, name, bad):
    """The DictType/SetType of a dict or set argument; `bad(msg, hint)` the
    located error (signature._bad_value)."""
    from .signature import type_of_value
    hint = ("dicts and sets crossing into compiled code hold int, float, bool or str keys "
            "(elements) and values, or tuples of those, one type each")
    if type(v) is dict:
        if not v:
            return DictType(None, None)
        kts = {_value_key(k) for k in v}
        vts = {_value_key(x) for x in v.values()}
        if len(kts) > 1 or len(vts) > 1:
            what = "keys" if len(kts) > 1 else "values"
            kinds = ", ".join(sorted(kts if what == "keys" else vts))
            raise bad(f"a dict mixing {what} of types {kinds} is not supported", hint)
        k0, v0 = next(iter(v.items()))
        kt, vt = type_of_value(k0, fn, name), type_of_value(v0, fn, name)
        if not _key(kt) or not _plain(vt):
            raise bad(f"a dict of {type(k0).__name__} keys and {type(v0).__name__} values "
                      "cannot enter compiled code yet", hint)
        return DictType(kt, vt)
    if not v:
        return SetType(None)
    ets = {_value_key(x) for x in v}
    if len(ets) > 1:
        raise bad(f"a set mixing elements of types {', '.join(sorted(map(str, ets)))} is not "
                  "supported", hint)
    et = type_of_value(next(iter(v)), fn, name)
    if not _key(et):
        raise bad(f"a set of {type(next(iter(v))).__name__} cannot enter compiled code yet",
                  hint)
    return SetType(et)


def _value_key(x):
    if type(x) is tuple:
        return "(" + ", ".join(_value_key(e) for e in x) + ")"
    return type(x).__name__


def annotation(ann, fn, what, args, bad):
    """dict[K, V] / set[E] -> DictType / SetType; `bad()` raises the located
    CompileError of an unsupported annotation."""
    from .signature import annotation_type
    import typing
    origin = ann if ann in (dict, set) else typing.get_origin(ann)
    want = 2 if origin is dict else 1
    if len(args) != want:
        bad()
    ts = [annotation_type(a, fn, what) for a in args]
    if not all(_plain(x) for x in ts) or not _key(ts[0]):
        bad()
    return DictType(*ts) if origin is dict else SetType(ts[0])


def result_type(v, loc, what):
    """The DictType/SetType of a dict or set leaving an exported function."""
    from .dicts import PyDict
    from .signature import trace_type
    hint = ("return a dict or set of numbers, strs or tuples of those; "
            "convert other contents to lists or arrays first")
    if isinstance(v, PyDict):
        # a Counter or a defaultdict of a number factory comes back as one (runner/containers.py)
        factory = "Counter" if v.counter else getattr(v.default, "__name__", None)
        if v.default is not None and v.default not in (int, float, bool):
            raise error(loc, f"{what} is a collections.defaultdict({factory}), which cannot "
                        "leave compiled code yet", "return dict(d): a plain dict of the same "
                        "items", E_UNSUPPORTED_VALUE)
        if v.kt is None:
            return DictType(None, None, factory)
        kt, vt = trace_type(v.kt, loc, what), trace_type(v.vt, loc, what)
        if not _plain(kt) or not _plain(vt):
            raise error(loc, f"{what} is a dict of {kt!r} keys and {vt!r} values, which "
                        "cannot leave compiled code yet", hint, E_UNSUPPORTED_VALUE)
        return DictType(kt, vt, factory)
    if v.et is None:
        return SetType(None)
    et = trace_type(v.et, loc, what)
    if not _plain(et):
        raise error(loc, f"{what} is a set of {et!r}, which cannot leave compiled code yet",
                    hint, E_UNSUPPORTED_VALUE)
    return SetType(et)


def result_value(t):
    """The trace value standing for a declared dict/set result (its header
    address replaced by the call's result)."""
    from .signature import placeholder
    if isinstance(t, DictType):
        from .dicts import PyDict
        return PyDict(None if t.kt is None else placeholder(t.kt),
                      None if t.vt is None else placeholder(t.vt), 0)
    from .sets import PySet
    return PySet(None if t.et is None else placeholder(t.et), 0)


def empty_fits(t, want) -> bool:
    """A dict/set that stays empty (its types unknown) returned as a declared
    dict/set result: empty at run time, so any key and value types read it."""
    return (isinstance(want, DictType) and isinstance(t, DictType) and t.kt is None
            or isinstance(want, SetType) and isinstance(t, SetType) and t.et is None)
