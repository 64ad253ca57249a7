"""IR types: the scalar value types of IR variables and the Python-level
signature types built from them.

Place in the pipeline: shared vocabulary of the IR (`py2wasm.ir`). The frontend
produces these types, passes and the backend consume them. Nothing here knows
about bytecode or Binaryen.

- `ScalarType` is the type of one IR variable: `i64` (Python `int`, 64-bit),
  `f64` (Python `float`) and `bool` (0 or 1).
- `TupleType` and `NONE` only appear in signatures (`PySignature`): a tuple is
  never one IR value; it is flattened into its scalar leaves, left to right.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Union


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


@dataclass(frozen=True)
class TupleType:
    elems: tuple["PyType", ...]

    def __repr__(self) -> str:
        return "tuple[" + ", ".join(map(repr, self.elems)) + "]"


@dataclass(frozen=True)
class NoneType:
    def __repr__(self) -> str:
        return "None"


NONE = NoneType()

PyType = Union[ScalarType, TupleType, NoneType]


def flatten(t: PyType) -> list[ScalarType]:
    """The IR scalar types a Python value of type `t` is made of, in order."""
    if isinstance(t, ScalarType):
        return [t]
    if isinstance(t, TupleType):
        out: list[ScalarType] = []
        for e in t.elems:
            out.extend(flatten(e))
        return out
    return []


def python_name(t: PyType) -> str:
    """How Python spells the type: `int`, `tuple[int, float]`, `None`."""
    if isinstance(t, ScalarType):
        return t.pyname
    if isinstance(t, TupleType):
        return "tuple[" + ", ".join(python_name(e) for e in t.elems) + "]"
    return "None"


def to_json(t: PyType):
    """JSON form used in the build manifest: "int" | "float" | "bool" | "None"
    | {"tuple": [...]}."""
    if isinstance(t, ScalarType):
        return t.pyname
    if isinstance(t, TupleType):
        return {"tuple": [to_json(e) for e in t.elems]}
    return "None"


def from_json(j) -> PyType:
    if isinstance(j, dict):
        return TupleType(tuple(from_json(e) for e in j["tuple"]))
    return {"int": I64, "float": F64, "bool": BOOL, "None": NONE}[j]


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
