"""Host-side marshaling of Python dicts and sets across the wasm ABI
(py2wasm.compile).

Place in the pipeline: runner (host side), used through runner/lists.py's
ListPlacement (the argument containers of one call) for parameters and
results of type `ir.DictType` / `ir.SetType`. The layout they cross in is
frontend/containers_abi.py's: a parameter is a block of a list header (len,
capacity, data address) over the items as records, then a word the
function's entry fills with the address of the dict (set) it builds from
them. After the call, also when it raised, the host reads the table that
word points to back into the caller's object: a dict's entries in insertion
order (frontend/dicts.py: hash, live flag, key leaves, value leaves), a set's
table in slot order (frontend/sets.py, CPython's setobject.c: state, hash,
element leaves). A dict is always rewritten (clear, then the items in the
compiled dict's order: insertion order stays exact); a set only when its
elements changed (its order is then CPython's for adding the elements in the
compiled set's iteration order). One object passed as two parameters is
placed once (both share one dict, as in CPython); a result that is an
argument's dict (set) is the caller's own object.
"""
from __future__ import annotations

import numpy as np

from ..ir.types import DictType, ScalarType, SetType, StrType, TupleType, flatten
from .strs import StrPlacement

BLOCK = 32  # list header (24 bytes) + the entry's word
_I64_MIN, _I64_MAX = -2**63, 2**63 - 1
_DT = {"i64": np.dtype("<i8"), "f64": np.dtype("<f8"), "bool": np.dtype("bool")}
_PY = {"i64": int, "f64": float, "bool": bool}


def _leaf_names(types) -> list:
    return [t.name for t in types]


def _slots(names, first: int = 0, itemsize=None, extra=()) -> np.dtype:
    """8-byte slots from byte `first`, one per leaf (bool in the slot's first byte)."""
    fields = list(extra) + [(f"f{k}", _DT[n], first + 8 * k) for k, n in enumerate(names)]
    return np.dtype({"names": [f[0] for f in fields], "formats": [f[1] for f in fields],
                     "offsets": [f[2] for f in fields],
                     "itemsize": itemsize if itemsize is not None else first + 8 * len(names)})


def _flat(x, out: list) -> list:
    if type(x) is tuple:
        for e in x:
            _flat(e, out)
    else:
        out.append(x)
    return out


def _leaves(t, x, out: list, place) -> list:
    """The leaves of value `x` of type `t`; a str is its block's address (`place(s)`)."""
    if isinstance(t, TupleType):
        for e, v in zip(t.elems, x):
            _leaves(e, v, out, place)
    elif isinstance(t, StrType):
        out.append(place(x))
    else:
        out.append(x)
    return out


def _rebuild(t, it, read=None):
    """The value of type `t` from its leaves; a str from its block (`read(addr)`)."""
    if isinstance(t, TupleType):
        return tuple(_rebuild(e, it, read) for e in t.elems)
    if isinstance(t, StrType):
        return read(next(it))
    return _PY[t.name](next(it))


def _kind_of(t) -> tuple:
    """What each Python value of type `t` must be: its type, nested for tuples."""
    if isinstance(t, TupleType):
        return tuple(_kind_of(e) for e in t.elems)
    if isinstance(t, StrType):
        return str
    return _PY[t.name]


def _is(x, kind) -> bool:
    if type(kind) is tuple:
        return type(x) is tuple and len(x) == len(kind) and all(map(_is, x, kind))
    if type(x) is not kind:
        return False
    return kind is not int or _I64_MIN <= x <= _I64_MAX


def _check(fname: str, t, a) -> None:
    """TypeError (OverflowError for an int beyond int64) for a dict/set
    argument that is not of type `t`."""
    if isinstance(t, DictType):
        if type(a) is not dict:
            raise TypeError(f"{fname}(): expected a dict, got {type(a).__name__}")
        if t.kt is None:
            if a:
                raise TypeError(f"{fname}(): expected an empty dict (this version was compiled "
                                "for one)")
            return
        kk, vk = _kind_of(t.kt), _kind_of(t.vt)
        bad = [x for x in a if not _is(x, kk)] or [x for x in a.values() if not _is(x, vk)]
        what = "dict"
    else:
        if type(a) is not set:
            raise TypeError(f"{fname}(): expected a set, got {type(a).__name__}")
        if t.et is None:
            if a:
                raise TypeError(f"{fname}(): expected an empty set (this version was compiled "
                                "for one)")
            return
        kind = _kind_of(t.et)
        bad = [x for x in a if not _is(x, kind)]
        what = "set"
    if bad:
        big = [v for v in _flat(bad[0], []) if type(v) is int and not _I64_MIN <= v <= _I64_MAX]
        if big:
            raise OverflowError(f"{fname}(): {what} item {big[0]} does not fit in a 64-bit int")
        raise TypeError(f"{fname}(): expected a {t!r}, found the item {bad[0]!r}")


def _leaf_types(t) -> list:
    if isinstance(t, DictType):
        return flatten(t.kt) + flatten(t.vt) if t.kt is not None else []
    return flatten(t.et) if t.et is not None else []


class ContainerPlacement:
    """The dict and set arguments of one call: placed once per object, read back after."""
    __slots__ = ("items", "by_id", "strs")

    def __init__(self, strs=None):
        self.items: list = []  # (object, block address, DictType | SetType)
        self.by_id: dict = {}
        self.strs = strs if strs is not None else StrPlacement()  # runner/strs.py

    def place(self, caller, fname: str, t, a) -> int:
        """Write dict/set `a` (checked against `t`) into the arena of
        ArrayCaller `caller`; returns the block's address."""
        _check(fname, t, a)
        got = self.by_id.get(id(a))
        if got is not None and got[0] is a:
            if got[2] != t and a:
                raise TypeError(f"{fname}(): one {type(a).__name__} passed as two parameters "
                                "of different types")
            return got[1]
        names = _leaf_names(_leaf_types(t))
        n = len(a) if names else 0
        recs = None
        if n:
            place = lambda s: self.strs.place(caller, fname, s)  # noqa: E731
            if isinstance(t, DictType):
                rows = [tuple(_leaves(t.vt, v, _leaves(t.kt, k, [], place), place))
                        for k, v in a.items()]
            else:
                rows = [tuple(_leaves(t.et, x, [], place)) for x in a]
            recs = np.zeros(n, _slots(names))
            recs[:] = rows
        nbytes = recs.nbytes if recs is not None else 0
        blk = caller.alloc(BLOCK + nbytes)
        caller.write(blk, np.array([n, n, blk + BLOCK if nbytes else 0, 0], "<i8").view(np.uint8))
        if nbytes:
            caller.write(blk + BLOCK, recs.view(np.uint8))
        self.items.append((a, blk, t))
        self.by_id[id(a)] = (a, blk, t)
        return blk

    def headers(self, u8) -> dict:
        """header address of the compiled dict (set) -> the caller's object."""
        out = {}
        for a, blk, _ in self.items:
            h = _word(u8, blk + 24)
            if h:
                out[h] = a
        return out

    def read_back(self, u8) -> None:
        for a, blk, t in self.items:
            h = _word(u8, blk + 24)
            if not h or not _leaf_types(t):
                continue  # never entered, or nothing could be put in it
            if isinstance(t, DictType):
                items = read_dict(u8, h, t, self.strs)
                a.clear()
                a.update(items)
            else:
                elems = read_set(u8, h, t, self.strs)
                if not _unchanged(a, elems):
                    a.clear()
                    a.update(elems)


def _unchanged(a: set, elems: list) -> bool:
    """Does set `a` hold exactly `elems` (same values, same types)?"""
    if len(elems) != len(a):
        return False
    own = {x: x for x in a}
    return all(x in own and _same(x, own[x]) for x in elems)


def _same(x, y) -> bool:
    """Equal and of the same types (0 and False, 0.0 and -0.0 differ)."""
    if type(x) is tuple:
        return type(y) is tuple and len(x) == len(y) and all(map(_same, x, y))
    return type(x) is type(y) and x == y and (type(x) is not float or
                                               np.signbit(x) == np.signbit(y))


def _word(u8, addr: int) -> int:
    if addr < 0 or addr + 8 > len(u8):
        raise RuntimeError("read outside linear memory (a py2wasm bug)")
    return int(u8[addr:addr + 8].view("<i8")[0])


def _table(u8, addr: int, count: int, dt: np.dtype):
    nbytes = count * dt.itemsize
    if count < 0 or addr < 0 or addr + nbytes > len(u8):
        raise RuntimeError("read outside linear memory (a py2wasm bug)")
    return u8[addr:addr + nbytes].view(dt)


def _reader(u8, strs):
    if strs is None:
        strs = StrPlacement()
    return lambda addr: strs.read(u8, addr)


def read_dict(u8, hdr: int, t: DictType, strs=None) -> list:
    """The (key, value) items of the dict whose header is at `hdr`, in order
    (strs read through StrPlacement `strs`: the caller's own objects)."""
    if t.kt is None:
        return []
    kts, vts = flatten(t.kt), flatten(t.vt)
    names = _leaf_names(kts + vts)
    n, entries = _word(u8, hdr + 8), _word(u8, hdr + 24)
    if not n:
        return []
    dt = _slots(names, 16, extra=[("live", np.dtype("<i8"), 8)])
    rows = _table(u8, entries, n, dt)
    rows = rows[rows["live"] != 0]
    out = []
    nk = len(kts)
    read = _reader(u8, strs)
    for r in rows.tolist():
        leaves = r[1:]
        out.append((_rebuild(t.kt, iter(leaves[:nk]), read),
                    _rebuild(t.vt, iter(leaves[nk:]), read)))
    return out


def read_set(u8, hdr: int, t: SetType, strs=None) -> list:
    """The elements of the set whose header is at `hdr`, in its iteration order."""
    if t.et is None:
        return []
    names = _leaf_names(flatten(t.et))
    size, table = _word(u8, hdr + 16) + 1, _word(u8, hdr + 24)
    dt = _slots(names, 16, extra=[("state", np.dtype("<i8"), 0)])
    rows = _table(u8, table, size, dt)
    rows = rows[rows["state"] == 1]
    read = _reader(u8, strs)
    return [_rebuild(t.et, iter(r[1:]), read) for r in rows.tolist()]


def result_container(placement, u8, hdr: int, t, strs=None):
    """A dict/set result: the caller's own object when the function returned
    an argument (already read back), else a new one (its strs the caller's
    own objects where they are blocks the host placed, `strs`)."""
    if placement is not None:
        own = placement.headers(u8).get(hdr)
        if own is not None:
            return own
    if isinstance(t, DictType):
        d = dict(read_dict(u8, hdr, t, strs))
        if t.factory == "Counter":  # the class CPython's value has (frontend/collections_*.py)
            import collections
            return collections.Counter(d)
        if t.factory in ("int", "float", "bool"):
            import collections
            return collections.defaultdict({"int": int, "float": float, "bool": bool}[t.factory], d)
        return d
    return set(read_set(u8, hdr, t, strs))


def is_container(t) -> bool:
    return isinstance(t, (DictType, SetType))


__all__ = ["ContainerPlacement", "read_dict", "read_set", "result_container", "is_container",
           "ScalarType"]
