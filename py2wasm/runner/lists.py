"""Host-side marshaling of Python lists across the wasm ABI (py2wasm.compile).

Place in the pipeline: runner (host side), used by `ArrayCaller`
(runner/arrays.py) for parameters and results of type `ir.types.ListType`.
A list crosses as the address of its header in linear memory (three int64
words: len, capacity, data address; frontend/lists.py), placed in the
per-call arena with its elements right after it. After the call, also when
it raised, each argument list is read back from its header (the compiled
code may have appended, popped, sorted or assigned items, and moved the data
when it grew) and the caller's list object is updated in place, so the
caller sees the mutation as in CPython. One list object passed twice is
placed once: both parameters share its header, as both names share the
object in CPython. A list result is read into a fresh list, unless it is the
header of an argument: then it is that argument's list object itself
(`return xs` gives the caller's own list back, `ys is xs` as in CPython).
"""
from __future__ import annotations

import numpy as np

from ..ir.types import ArrayType, ListType, NumpyScalarType, ObjectType, StrType, TupleType
from .strs import StrPlacement

HEADER = 24
_DT = {"float64": np.dtype("<f8"), "int64": np.dtype("<i8"), "bool": np.dtype("bool")}
_PY = {"float64": float, "int64": int, "bool": bool}
_I64_MIN, _I64_MAX = -2**63, 2**63 - 1
_FIELD = {"i64": "int64", "f64": "float64", "bool": "bool"}  # a record's field -> its dtype


def _field_dtype(f) -> np.dtype:
    """A record field's slot: a number, or a str's block address."""
    return _DT["int64"] if isinstance(f, StrType) else _DT[_FIELD[f.name]]


def _field_kind(f) -> type:
    return str if isinstance(f, StrType) else _PY[_FIELD[f.name]]


def _record_dtype(t: TupleType) -> np.dtype:
    """A record's 8-byte slots as a NumPy structured dtype (bool in the first byte)."""
    return np.dtype({"names": [f"f{k}" for k in range(len(t.elems))],
                     "formats": [_field_dtype(f) for f in t.elems],
                     "offsets": [8 * k for k in range(len(t.elems))],
                     "itemsize": 8 * len(t.elems)})


def check_elements(fname: str, t: ListType, a) -> None:
    """TypeError/OverflowError for a list that is not of `t`'s element type."""
    if type(a) is not list:
        raise TypeError(f"{fname}(): expected a list, got {type(a).__name__}")
    elem = t.elem
    if elem is None:
        if a:
            raise TypeError(f"{fname}(): expected an empty list (this version was compiled "
                            "for one)")
        return
    if isinstance(elem, ListType):
        for x in a:
            check_elements(fname, elem, x)
        return
    if type(elem) is ArrayType:  # arrays: runner/list_arrays.py
        from .list_arrays import check
        return check(fname, elem, a)
    if isinstance(elem, NumpyScalarType):  # list(a): NumPy scalars of one type
        want = np.dtype(elem.dtype).type
        for x in a:
            if type(x) is not want:
                raise TypeError(f"{fname}(): expected a list of numpy.{want.__name__}, found a "
                                f"{type(x).__name__} element")
        return
    if isinstance(elem, TupleType):
        kinds = tuple(_field_kind(f) for f in elem.elems)
        names = elem.names  # NamedTuples: api.py keys a compile by their class too
        if isinstance(elem, ObjectType):  # instances' records (api.py made them)
            names = None
        for x in a:
            ok = type(x) is tuple if names is None else \
                getattr(type(x), "_fields", None) == names and isinstance(x, tuple)
            if not ok or tuple(map(type, x)) != kinds:
                what = "tuples" if names is None else f"NamedTuples ({', '.join(names)})"
                raise TypeError(f"{fname}(): expected a list of {what} of "
                                f"({', '.join(k.__name__ for k in kinds)}), found {x!r}")
            for v in x:
                if type(v) is int and not _I64_MIN <= v <= _I64_MAX:
                    raise OverflowError(f"{fname}(): list element {v} does not fit in a "
                                        "64-bit int")
        return
    want = str if isinstance(elem, StrType) else _PY[elem]
    for x in a:
        if type(x) is not want:
            raise TypeError(f"{fname}(): expected a list of {want.__name__}, found a "
                            f"{type(x).__name__} element")
    if elem == "int64" and a and not (_I64_MIN <= min(a) and max(a) <= _I64_MAX):
        bad = next(x for x in a if not _I64_MIN <= x <= _I64_MAX)
        raise OverflowError(f"{fname}(): list element {bad} does not fit in a 64-bit int "
                            f"(py2wasm ints are in [{_I64_MIN}, {_I64_MAX}])")


class ListPlacement:
    """The argument lists of one call (rows of a list of lists included):
    placed once per object, read back after."""
    __slots__ = ("items", "by_id", "by_hdr", "boxes", "strs", "arrays")

    def __init__(self):
        self.items: list = []  # (list object, header address, ListType, read-only)
        self.by_id: dict = {}
        self.by_hdr: dict = {}  # header address -> (list object, ListType)
        self.boxes = None  # the dict and set arguments (runner/containers.py)
        self.strs = StrPlacement()  # the strs in them (runner/strs.py)
        self.arrays = None  # the arrays of lists of arrays (runner/list_arrays.py)

    def place(self, caller, fname: str, t: ListType, a, flat: list, ro: bool = False) -> None:
        """Write list `a` (checked against `t`) into the arena of ArrayCaller
        `caller`; append its header address to `flat`. `ro`: the function
        never changes it (the manifest's "readonly"): no read back. A dict or
        set (t a DictType or SetType) goes to runner/containers.py."""
        if not isinstance(t, ListType):
            from .containers import ContainerPlacement
            if self.boxes is None:
                self.boxes = ContainerPlacement(self.strs)
            flat.append(self.boxes.place(caller, fname, t, a))
            return
        check_elements(fname, t, a)
        flat.append(self._place(caller, fname, t, a, ro))

    def _place(self, caller, fname, t, a, ro) -> int:
        hdr = self.by_id.get(id(a))
        if hdr is not None and self.by_hdr[hdr][0] is a:
            if self.by_hdr[hdr][1] != t and a:
                raise TypeError(f"{fname}(): one list passed as two parameters of "
                                "different list types")
            if not ro:  # changed through the other parameter: read back
                self.items = [(x, h, tt, False) if h == hdr else (x, h, tt, r)
                              for x, h, tt, r in self.items]
            return hdr
        n = len(a)
        orig = a
        if isinstance(t.elem, ListType):  # rows first: their headers are the elements
            data = np.array([self._place(caller, fname, t.elem, x, ro) for x in a], "<i8")
        elif type(t.elem) is ArrayType:
            if self.arrays is None:
                from .list_arrays import ArrayBlocks
                self.arrays = ArrayBlocks()
            data = self.arrays.place(caller, t.elem, a) if n else None
        elif isinstance(t.elem, NumpyScalarType):
            data = np.array(a, np.dtype(t.elem.dtype).newbyteorder("<")) if n else None
        elif isinstance(t.elem, StrType):
            data = np.array([self.strs.place(caller, fname, x) for x in a], "<i8") if n else None
        elif isinstance(t.elem, TupleType):
            data = np.zeros(n, _record_dtype(t.elem)) if n else None
            if n:
                cols = [k for k, f in enumerate(t.elem.elems) if isinstance(f, StrType)]
                if cols:
                    a = [tuple(self.strs.place(caller, fname, v) if k in cols else v
                               for k, v in enumerate(x)) for x in a]
                data[:] = [tuple(x) for x in a]  # (NamedTuples as plain tuples)
        else:
            data = np.array(a, _DT[t.elem]) if t.elem is not None and n else None
        nbytes = data.nbytes if data is not None else 0
        hdr = caller.alloc(HEADER + nbytes)
        addr = hdr + HEADER if nbytes else 0
        caller.write(hdr, np.array([n, n, addr], "<i8").view(np.uint8))
        if nbytes:
            caller.write(addr, data.view(np.uint8))
        self.items.append((orig, hdr, t, ro))
        self.by_id[id(orig)] = hdr
        self.by_hdr[hdr] = (orig, t)
        return hdr

    def read_back(self, u8) -> None:
        """Update each argument list (and row) from its header in memory view
        `u8`: rows that were arguments' rows stay the caller's objects."""
        if self.boxes is not None:
            self.boxes.read_back(u8)
        if self.arrays is not None:  # the arrays' data: written through xs[i][j] = v
            self.arrays.copy_back(u8)
        memo = {h: a for h, (a, _) in self.by_hdr.items()}
        for a, hdr, t, ro in self.items:
            if t.elem is None or ro:
                continue  # unchanged (or nothing could be put in it: its type was never learned)
            a[:] = _elements(u8, hdr, t, memo, self.strs, self.arrays)


def _elements(u8, hdr: int, t: ListType, memo: dict, strs=None, arrays=None) -> list:
    """The elements of the list whose header is at `hdr` of memory view `u8`;
    rows are the lists in `memo` by header address (else new ones, added);
    strs are read through StrPlacement `strs` (the caller's own objects)."""
    if hdr < 0 or hdr + HEADER > len(u8):
        raise RuntimeError("read outside linear memory (a py2wasm bug)")
    n, _cap, data = (int(x) for x in u8[hdr:hdr + HEADER].view("<i8"))
    if t.elem is None or n == 0:
        return []
    if type(t.elem) is ArrayType:  # arrays: runner/list_arrays.py
        from .list_arrays import read
        return read(u8, data, n, t.elem, arrays)
    dt = _DT[t.elem] if isinstance(t.elem, str) else _record_dtype(t.elem) if isinstance(
        t.elem, TupleType) else np.dtype(t.elem.dtype).newbyteorder("<") if isinstance(
        t.elem, NumpyScalarType) else np.dtype("<i8")
    nbytes = n * dt.itemsize
    if n < 0 or data < 0 or data + nbytes > len(u8):
        raise RuntimeError("read outside linear memory (a py2wasm bug)")
    if isinstance(t.elem, NumpyScalarType):  # NumPy scalars, as iterating an array gives
        return list(u8[data:data + nbytes].view(dt).copy())
    raw = u8[data:data + nbytes].view(dt).tolist()
    if strs is None:
        strs = StrPlacement()
    if isinstance(t.elem, StrType):
        return [strs.read(u8, x) for x in raw]
    if isinstance(t.elem, TupleType):
        cols = [k for k, f in enumerate(t.elem.elems) if isinstance(f, StrType)]
        if cols:
            raw = [tuple(strs.read(u8, v) if k in cols else v for k, v in enumerate(r))
                   for r in raw]
        cls = t.elem.pyclass  # a NamedTuple class: its instances (instances' states: api.py)
        return raw if cls is None or isinstance(t.elem, ObjectType) else [cls._make(r) for r in raw]
    if not isinstance(t.elem, ListType):
        return raw
    out = []
    for h in raw:
        row = memo.get(h)
        if row is None:
            row = memo[h] = []
            row[:] = _elements(u8, h, t.elem, memo, strs, arrays)
        out.append(row)
    return out


def read_list(u8, hdr: int, t: ListType) -> list:
    """The elements of the list whose header is at `hdr` of memory view `u8`."""
    return _elements(u8, hdr, t, {})


def result_list(placement, u8, hdr: int, t: ListType) -> list:
    """A list result: the caller's own list when the function returned an
    argument (or one of its rows; already read back), else a fresh list.
    A dict or set result: runner/containers.py."""
    if not isinstance(t, ListType):
        from .containers import result_container
        return result_container(None if placement is None else placement.boxes, u8, hdr, t,
                                None if placement is None else placement.strs)
    memo = {} if placement is None else {h: a for h, (a, _) in placement.by_hdr.items()}
    own = memo.get(hdr)
    if own is not None:
        return own
    return _elements(u8, hdr, t, memo, None if placement is None else placement.strs,
                     None if placement is None else placement.arrays)
