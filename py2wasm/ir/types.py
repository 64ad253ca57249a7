"""IR types: the scalar value types of IR variables and the Python-level
signature types built from them.

Place in the pipeline: shared vocabulary of the IR (`py2wasm.ir`). The frontend
produces these types, passes and the backend consume them. Nothing here knows
about bytecode or Binaryen.

- `ScalarType` is the type of one IR variable: `i64` (Python `int`, 64-bit),
  `f64` (Python `float`) and `bool` (0 or 1); `VectorType` (f64x2, f32x4,
  i64x2, i32x4 and the masks m64x2, m32x4) is a wasm v128 seen as lanes,
  created only by the vectorizer pass.
- `TupleType` and `NONE` only appear in signatures (`PySignature`): a tuple is
  never one IR value; it is flattened into its scalar leaves, left to right.
- `COMPLEX` (Python `complex`) likewise only appears in signatures: a complex
  is flattened into two f64 values, its real then its imaginary part.
- `ArrayType(dtype, ndim)` (a NumPy array in a signature) is flattened too:
  an i64 byte address of its first element in linear memory, then its shape
  (ndim i64s). Arrays crossing a signature are C-contiguous. `DTYPES` gives
  each element type's size and the scalar type elements are computed in.
- `NumpyScalarType(dtype)` (a NumPy scalar such as numpy.float32 in a
  signature) is one value of its dtype's compute type.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional, Union


@dataclass(frozen=True)
class ScalarType:
    name: str  # IR spelling: "i64", "f64", "bool"
    pyname: str  # Python spelling: "int", "float", "bool"

    def __repr__(self) -> str:
        return self.name

    @property
    def is_float(self) -> bool:
        return self.name == "f64"

    @property
    def is_int(self) -> bool:
        return self.name == "i64"

    @property
    def is_bool(self) -> bool:
        return self.name == "bool"


I64 = ScalarType("i64", "int")
F64 = ScalarType("f64", "float")
BOOL = ScalarType("bool", "bool")
SCALARS = (I64, F64, BOOL)
# The Python class of each scalar type's values (in the interpreter, in constants).
PY_TYPE = {I64: int, F64: float, BOOL: bool}


@dataclass(frozen=True, repr=False)
class VectorType(ScalarType):
    """A 128-bit SIMD value seen as `lanes` lanes (only the vectorizer pass
    creates these, for a SIMD target; they never cross a signature).

    `lane` is the lane's element type (a DTYPES name; "bool" for masks),
    `scalar` the IR scalar type one lane reads as (float32 lanes read as f64,
    exactly; int32 lanes as i64). The interpreter represents a vector as a
    tuple of `lanes` Python values; a mask (m64x2, m32x4: the result of a
    lane-wise comparison, all-ones or all-zeros lanes in wasm) as bools."""
    lane: str = ""
    lanes: int = 0

    @property
    def scalar(self) -> ScalarType:
        return {"float64": F64, "float32": F64, "int64": I64, "int32": I64, "bool": BOOL}[self.lane]

    @property
    def is_mask(self) -> bool:
        return self.lane == "bool"


F64X2 = VectorType("f64x2", "vector", "float64", 2)
F32X4 = VectorType("f32x4", "vector", "float32", 4)
I64X2 = VectorType("i64x2", "vector", "int64", 2)
I32X4 = VectorType("i32x4", "vector", "int32", 4)
M64X2 = VectorType("m64x2", "vector", "bool", 2)  # lane masks of 64-bit comparisons
M32X4 = VectorType("m32x4", "vector", "bool", 4)
VECTORS = (F64X2, F32X4, I64X2, I32X4, M64X2, M32X4)
FLOAT_VECTORS = (F64X2, F32X4)
INT_VECTORS = (I64X2, I32X4)


def mask_of(v: VectorType) -> VectorType:
    """The mask type a comparison of two `v` vectors gives."""
    return M64X2 if v.lanes == 2 else M32X4


@dataclass(frozen=True)
class TupleType:
    """A tuple in a signature; `names`: the field names of a named tuple
    (`typing.NamedTuple`), `pyclass`: its class, for the Python side only
    (a JSON manifest keeps the names)."""
    elems: tuple["PyType", ...]
    names: Optional[tuple[str, ...]] = None
    pyclass: Any = field(default=None, compare=False)

    def __repr__(self) -> str:
        if self.names is not None:
            return getattr(self.pyclass, "__name__", "namedtuple") + "(" + ", ".join(
                f"{n}: {e!r}" for n, e in zip(self.names, self.elems)) + ")"
        return "tuple[" + ", ".join(map(repr, self.elems)) + "]"


@dataclass(frozen=True, repr=False)
class ObjectType(TupleType):
    """An instance of a user class crossing an exported function's boundary,
    passed by value as a tuple of its attributes (`names`, `elems`; `pyclass`
    its class). With `state`, the first two items are the instance's address
    and the bit set of its assigned attributes (a result, or an argument's
    final state: the host rebuilds or updates the instance from it)."""
    state: bool = False

    def __repr__(self) -> str:
        return getattr(self.pyclass, "__name__", "object") + ("[state]" if self.state else "") + \
            "(" + ", ".join(f"{n}: {e!r}" for n, e in zip(self.names, self.elems)) + ")"


@dataclass(frozen=True)
class NoneType:
    def __repr__(self) -> str:
        return "None"


NONE = NoneType()


@dataclass(frozen=True)
class ComplexType:
    """Python's complex in a signature: flattened to (real: f64, imag: f64)."""
    def __repr__(self) -> str:
        return "complex"


COMPLEX = ComplexType()


@dataclass(frozen=True)
class OptionalType:
    """`T | None` in a signature (a value None on some paths and of type
    `elem` on others: frontend/optionals.py): flattened to a bool presence
    flag, then `elem`'s leaves (zeros when the value is None)."""
    elem: "PyType"

    def __repr__(self) -> str:
        return f"{self.elem!r} | None"

@dataclass(frozen=True)
class DType:
    """A NumPy element type in linear memory: `name` (NumPy's), `size` in
    bytes and `compute`, the IR scalar type an element is read as (float32
    is read exactly into f64 and rounded back with the `f32` primitive;
    int32/uint8 widen to i64 and are wrapped back with `wrap`)."""
    name: str
    size: int
    compute: ScalarType

    def __repr__(self) -> str:
        return self.name


DTYPES = {d.name: d for d in (DType("float64", 8, F64), DType("float32", 4, F64),
                              DType("int64", 8, I64), DType("int32", 4, I64),
                              DType("int16", 2, I64), DType("int8", 1, I64),
                              DType("uint64", 8, I64), DType("uint32", 4, I64),
                              DType("uint16", 2, I64), DType("uint8", 1, I64),
                              DType("bool", 1, BOOL))}
# Complex dtypes: arrays only, never one IR value. An element is two parts of
# the part dtype, interleaved (real, imaginary) as in NumPy; the frontend
# reads and writes the parts (frontend/complex_arrays.py).
COMPLEX_DTYPES = {"complex128": "float64", "complex64": "float32"}


def itemsize(dtype: str) -> int:
    """Bytes per element of an array dtype (DTYPES or COMPLEX_DTYPES)."""
    if dtype in COMPLEX_DTYPES:
        return 2 * DTYPES[COMPLEX_DTYPES[dtype]].size
    return DTYPES[dtype].size


# The fixed-width integer dtypes: (bits, signed). Their elements and NumPy
# scalars are computed in i64 and wrapped back to the width (`wrap`); a
# uint64 is its 64 bits in an i64 (values from 2**63 up read as negative:
# the frontend compares, divides and converts them as unsigned).
INT_BITS = {"int64": (64, True), "int32": (32, True), "int16": (16, True), "int8": (8, True),
            "uint64": (64, False), "uint32": (32, False), "uint16": (16, False),
            "uint8": (8, False)}
# Integer dtypes narrower than int64 (their values all fit an i64 exactly).
NARROW_INTS = tuple(d for d, (bits, _) in INT_BITS.items() if bits < 64)


def int_range(dtype: str) -> tuple[int, int]:
    """The smallest and largest value of integer dtype `dtype`."""
    bits, signed = INT_BITS[dtype]
    return (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if signed else (0, (1 << bits) - 1)


@dataclass(frozen=True)
class NumpyScalarType:
    """A NumPy scalar (`numpy.float32`, `numpy.int16`, `numpy.bool_`...) in a
    signature: one IR value of its dtype's compute type (`DTYPES[dtype]`),
    which crosses the ABI like a Python scalar and comes back as the NumPy
    scalar type."""
    dtype: str

    def __repr__(self) -> str:
        return f"numpy.{_np_name(self.dtype)}"

    @property
    def compute(self) -> ScalarType:
        """The IR type of the value (of each part, for complex128/complex64)."""
        if self.dtype in COMPLEX_DTYPES:
            return F64
        return DTYPES[self.dtype].compute


def _np_name(dtype: str) -> str:
    return "bool_" if dtype == "bool" else dtype


@dataclass(frozen=True)
class ArrayType:
    """A C-contiguous NumPy array of `dtype` (a DTYPES key) and `ndim`
    dimensions in a signature: flattened to (address, shape[0..ndim-1]).
    `strided`: any layout (py2wasm.compile's arguments that are not
    C-contiguous), flattened to (address, shape..., strides...) with strides
    in elements (runner/layout.py). `alias`: py2wasm.compile's arguments
    that share memory (runner/aliasing.py): parameters with the same `alias`
    number are views (strided) into ONE block, so they may alias each other;
    None: this parameter's memory is its own."""
    dtype: str
    ndim: int
    strided: bool = False
    alias: Optional[int] = None

    def __repr__(self) -> str:
        al = f", alias {self.alias}" if self.alias is not None else ""
        return f"array[{self.dtype}, {self.ndim}{', strided' if self.strided else ''}{al}]"


@dataclass(frozen=True, repr=False)
class ListType(ArrayType):
    """A Python list in a signature (frontend/lists.py's layout in linear
    memory: a 24-byte header of int64 words len, capacity, data address).
    It crosses the ABI as the header's address alone, which is how a 0-D
    array of bytes crosses it (ArrayType("uint8", 0)): the backend's ABI and
    the arena handling of array parameters apply unchanged, and the host
    (the runner, the npm package's JS) places and reads the list itself.
    `elem` is the element type: "float64", "int64", "bool", a nested
    ListType (its elements are header addresses), a TupleType of I64, F64
    and BOOL (a record: one 8-byte slot per field), a NumpyScalarType
    (`list(a)`: elements of a's dtype, NumPy scalars), or None for a list whose
    element type is unknown (an empty argument the function never fills).
    `readonly` (a parameter's, not part of the type's identity): the
    function never changes the list (the frontend's finding; the host then
    need not read it back, and JavaScript may pass a readonly array)."""
    elem: "str | ListType | None" = None
    readonly: bool = field(default=False, compare=False)

    def __init__(self, elem, readonly: bool = False):
        object.__setattr__(self, "dtype", "uint8")
        object.__setattr__(self, "ndim", 0)
        object.__setattr__(self, "strided", False)
        object.__setattr__(self, "alias", None)
        object.__setattr__(self, "elem", elem)
        object.__setattr__(self, "readonly", readonly)

    def __repr__(self) -> str:
        return python_name(self)


@dataclass(frozen=True)
class DictType(ArrayType):
    """A Python dict in a signature (frontend/dicts.py's hash table). Like a
    ListType it crosses the ABI as one address (a 0-D uint8 array to the ABI
    code): a parameter's is a block the host writes (a list header of the
    items as records, then a word where the function's entry stores the
    address of the dict it builds from them: frontend/containers_abi.py), a
    result's is the dict's header. `kt`/`vt`: the key and value types
    (numbers or tuples of numbers), None for a dict that stays empty."""
    kt: "PyType | None" = None
    vt: "PyType | None" = None
    factory: "str | None" = None  # a result's class: "Counter", or defaultdict's "int"...

    def __init__(self, kt, vt, factory=None):
        object.__setattr__(self, "dtype", "uint8")
        object.__setattr__(self, "ndim", 0)
        object.__setattr__(self, "strided", False)
        object.__setattr__(self, "alias", None)
        object.__setattr__(self, "kt", kt)
        object.__setattr__(self, "vt", vt)
        object.__setattr__(self, "factory", factory)

    def __repr__(self) -> str:
        return python_name(self)


@dataclass(frozen=True)
class SetType(ArrayType):
    """A Python set in a signature (frontend/sets.py's table), crossing as a
    DictType does: `et` is the element type (None: a set that stays empty)."""
    et: "PyType | None" = None

    def __init__(self, et):
        object.__setattr__(self, "dtype", "uint8")
        object.__setattr__(self, "ndim", 0)
        object.__setattr__(self, "strided", False)
        object.__setattr__(self, "alias", None)
        object.__setattr__(self, "et", et)

    def __repr__(self) -> str:
        return python_name(self)


@dataclass(frozen=True, repr=False)
class StrType(ArrayType):
    """A Python str in a signature (frontend/strvalues.py's layout in linear
    memory: an int64 length, then one int32 code point per character). Like
    ListType it crosses the ABI as the address alone (a 0-D array of bytes
    to the backend); the host (runner/strs.py, the npm package's JS) writes
    the text before the call and reads a str result after it."""

    def __init__(self):
        object.__setattr__(self, "dtype", "uint8")
        object.__setattr__(self, "ndim", 0)
        object.__setattr__(self, "strided", False)
        object.__setattr__(self, "alias", None)

    def __repr__(self) -> str:
        return "str"


STR = StrType()


_LIST_ELEM_JSON = {"float64": "float", "int64": "int", "bool": "bool"}


def list_elem_json(elem):
    """The manifest form of a list's element type: "float" | "int" | "bool" |
    "str" | a nested list's {"list": ...} | None (unknown: the list stays empty)."""
    if isinstance(elem, ListType):
        return {"list": list_elem_json(elem.elem)}
    if isinstance(elem, (TupleType, NumpyScalarType)):  # a record {"tuple": [...]}; "numpy.float64"
        return to_json(elem)
    if isinstance(elem, StrType):
        return "str"
    if type(elem) is ArrayType:  # arrays (frontend/lists_ofarrays.py): {"array": dt, "ndim": n}
        return to_json(elem)
    if elem is not None and elem not in _LIST_ELEM_JSON:
        raise ValueError(f"no manifest form for a list of {elem!r}")
    return _LIST_ELEM_JSON.get(elem) if elem is not None else None


def list_elem_from_json(j):
    if isinstance(j, dict) and ("tuple" in j or "array" in j) or \
            numpy_scalar_json(j) is not None:
        return from_json(j)
    if isinstance(j, dict):
        return ListType(list_elem_from_json(j["list"]))
    if j == "str":
        return STR
    return {"float": "float64", "int": "int64", "bool": "bool", None: None}[j]


PyType = Union[ScalarType, TupleType, NoneType, ArrayType, NumpyScalarType, ComplexType,
               OptionalType]


def flatten(t: PyType) -> list[ScalarType]:
    """The IR scalar types a Python value of type `t` is made of, in order."""
    if isinstance(t, ScalarType):
        return [t]
    if isinstance(t, TupleType):
        out: list[ScalarType] = []
        for e in t.elems:
            out.extend(flatten(e))
        return out
    if isinstance(t, ArrayType):
        return [I64] * (1 + t.ndim * (2 if t.strided else 1))
    if isinstance(t, NumpyScalarType):
        return [t.compute] * (2 if t.dtype in COMPLEX_DTYPES else 1)
    if isinstance(t, ComplexType):
        return [F64, F64]
    if isinstance(t, OptionalType):
        return [BOOL] + flatten(t.elem)
    return []


def python_name(t: PyType) -> str:
    """How Python spells the type: `int`, `tuple[int, float]`, `None`."""
    if isinstance(t, ScalarType):
        return t.pyname
    if isinstance(t, TupleType):
        return "tuple[" + ", ".join(python_name(e) for e in t.elems) + "]"
    if isinstance(t, DictType):
        return "dict[" + ", ".join("nothing" if x is None else python_name(x)
                                   for x in (t.kt, t.vt)) + "]"
    if isinstance(t, SetType):
        return "set[" + ("nothing" if t.et is None else python_name(t.et)) + "]"
    if isinstance(t, StrType):
        return "str"
    if isinstance(t, ListType):
        e = t.elem
        inner = python_name(e) if e is not None and not isinstance(e, str) else \
            {"float64": "float", "int64": "int", "bool": "bool"}.get(e, "nothing")
        return f"list[{inner}]"
    if isinstance(t, ArrayType):
        return f"ndarray[{t.dtype}, {t.ndim}-D]"
    if isinstance(t, NumpyScalarType):
        return repr(t)
    if isinstance(t, ComplexType):
        return "complex"
    if isinstance(t, OptionalType):
        return f"{python_name(t.elem)} | None"
    return "None"


def to_json(t: PyType):
    """JSON form used in the build manifest: "int" | "float" | "bool" | "None"
    | "numpy.<dtype>" (a NumPy scalar: "numpy.float32", "numpy.bool_") | "complex"
    | {"tuple": [...]} (+ "names": [...] for a named tuple) | {"array": dtype, "ndim": n}
    | a list: {"array": "uint8", "ndim": 0, "list": elem} (ListType); a dict:
    {..., "dict": [key, value]} (DictType); a set: {..., "set": elem} (SetType)
    | a str: {"array": "uint8", "ndim": 0, "str": true} (StrType)."""
    if isinstance(t, ScalarType):
        return t.pyname
    if isinstance(t, TupleType):
        if isinstance(t, ObjectType):
            return {"tuple": [to_json(e) for e in t.elems], "names": list(t.names),
                    "object": getattr(t.pyclass, "__name__", "object"),
                    **({"state": True} if t.state else {})}
        if t.names is not None:  # a NamedTuple: a plain object in JavaScript
            return {"tuple": [to_json(e) for e in t.elems], "names": list(t.names),
                    **({"class": t.pyclass.__name__} if t.pyclass is not None else {})}
        return {"tuple": [to_json(e) for e in t.elems]}
    if isinstance(t, DictType):  # an ArrayType to the ABI code, which ignores "dict"
        return {"array": "uint8", "ndim": 0,
                "dict": [None if x is None else to_json(x) for x in (t.kt, t.vt)],
                **({"factory": t.factory} if t.factory else {})}
    if isinstance(t, SetType):
        return {"array": "uint8", "ndim": 0, "set": None if t.et is None else to_json(t.et)}
    if isinstance(t, StrType):  # an ArrayType to the ABI code, which ignores "str"
        return {"array": "uint8", "ndim": 0, "str": True}
    if isinstance(t, ListType):  # an ArrayType to the ABI code, which ignores "list"
        return {"array": "uint8", "ndim": 0, "list": list_elem_json(t.elem)}
    if isinstance(t, ArrayType):
        return {"array": t.dtype, "ndim": t.ndim, **({"strided": True} if t.strided else {}),
                **({"alias": t.alias} if t.alias is not None else {})}
    if isinstance(t, NumpyScalarType):
        return repr(t)
    if isinstance(t, ComplexType):
        return "complex"
    if isinstance(t, OptionalType):  # {"optional": elem}: a flag, then elem's leaves
        return {"optional": to_json(t.elem)}
    return "None"


def numpy_scalar_json(j) -> "str | None":
    """The dtype of manifest type `j` if it is a NumPy scalar, else None."""
    if isinstance(j, str) and j.startswith("numpy."):
        name = j[6:]
        return "bool" if name == "bool_" else name
    return None


def from_json(j) -> PyType:
    if numpy_scalar_json(j) is not None:
        return NumpyScalarType(numpy_scalar_json(j))
    if isinstance(j, dict) and "optional" in j:
        return OptionalType(from_json(j["optional"]))
    if isinstance(j, dict) and "dict" in j:
        return DictType(*(None if x is None else from_json(x) for x in j["dict"]),
                        j.get("factory"))
    if isinstance(j, dict) and "set" in j:
        return SetType(None if j["set"] is None else from_json(j["set"]))
    if isinstance(j, dict) and "list" in j:
        return ListType(list_elem_from_json(j["list"]))
    if isinstance(j, dict) and j.get("str"):
        return STR
    if isinstance(j, dict) and "array" in j:
        return ArrayType(j["array"], j["ndim"], bool(j.get("strided", False)), j.get("alias"))
    if isinstance(j, dict):
        names = tuple(j["names"]) if "names" in j else None
        if "object" in j:
            return ObjectType(tuple(from_json(e) for e in j["tuple"]), names,
                              state=bool(j.get("state")))
        return TupleType(tuple(from_json(e) for e in j["tuple"]), names)
    return {"int": I64, "float": F64, "bool": BOOL, "None": NONE, "complex": COMPLEX}[j]


@dataclass(frozen=True)
class PySignature:
    """The Python-level signature of an exported function.

    `params` are (name, type) pairs; the IR function's parameters are the
    flattened leaves of all parameter types in order, its results the leaves of
    `result`."""
    params: tuple[tuple[str, PyType], ...]
    result: PyType

    def flat_params(self) -> list[ScalarType]:
        out: list[ScalarType] = []
        for _, t in self.params:
            out.extend(flatten(t))
        return out

    def flat_results(self) -> list[ScalarType]:
        return flatten(self.result)

    def __str__(self) -> str:
        ps = ", ".join(f"{n}: {python_name(t)}" for n, t in self.params)
        return f"({ps}) -> {python_name(self.result)}"
