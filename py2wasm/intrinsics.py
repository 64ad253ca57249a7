"""Bit-level intrinsics for restricted Python that py2wasm compiles.

Place in the pipeline: source-level vocabulary shared by CPython and the
frontend. Each intrinsic is an ordinary callable that runs in plain CPython
(so code written with it, e.g. the math library in `py2wasm.libm`, is
testable at Python speed), and the frontend recognizes it and emits one IR
primitive (`ir/primitives.py`) instead of tracing its Python body.

- `f64_to_bits(x) -> int`: the IEEE-754 binary64 bits of float `x` as a
  *signed* int64 (the sign bit is the int's sign): IR `f64_to_bits`, wasm
  `i64.reinterpret_f64`. NaN payloads are preserved.
- `f64_from_bits(i) -> float`: the float whose bits are int64 `i` (signed,
  -2**63 <= i < 2**63; anything else raises OverflowError like every i64 in
  py2wasm): IR `f64_from_bits`, wasm `f64.reinterpret_i64`.

- `raise_if(cond, Exc, template, *ints)`: raise `Exc(template.format(*ints))`
  when `cond` holds, the ints being run-time values: IR `raise_if_fmt`
  (NumPy's messages that name run-time sizes, in `py2wasm.linalg`).

Everything else (shifts, masks) is ordinary py2wasm `int` arithmetic, which
is signed int64 raising OverflowError on overflow; code using these keeps its
integers within range (e.g. the high word `bits >> 32` is a signed int32).
"""
from __future__ import annotations

import struct

_I64_MIN, _I64_MAX = -2**63, 2**63 - 1


class Intrinsic:
    """A callable with a CPython implementation and the IR primitive the
    frontend emits for it (`prim`, operand and result types in
    `ir/primitives.py`)."""

    def __init__(self, name: str, prim: str, py, doc: str):
        self.name, self.prim, self.py, self.__doc__ = name, prim, py, doc

    @property
    def __name__(self) -> str:
        return self.name

    def __call__(self, *args):
        return self.py(*args)

    def __repr__(self) -> str:
        return f"<py2wasm intrinsic {self.name}>"


def _to_bits(x: float) -> int:
    if type(x) is not float:
        raise TypeError(f"f64_to_bits() argument must be float, not {type(x).__name__}")
    return struct.unpack("<q", struct.pack("<d", x))[0]


def _from_bits(i: int) -> float:
    if type(i) is not int:
        raise TypeError(f"f64_from_bits() argument must be int, not {type(i).__name__}")
    if not _I64_MIN <= i <= _I64_MAX:
        from .ir.messages import INT_OVERFLOW
        raise OverflowError(INT_OVERFLOW)
    return struct.unpack("<d", struct.pack("<q", i))[0]


f64_to_bits = Intrinsic("f64_to_bits", "f64_to_bits", _to_bits,
                        "The bits of a float as a signed int64.")
f64_from_bits = Intrinsic("f64_from_bits", "f64_from_bits", _from_bits,
                          "The float with the given signed int64 bits.")



def _raise_if(cond, exc, template, *args):
    if cond:
        raise exc(template.format(*args))


raise_if = Intrinsic("raise_if", "raise_if_fmt", _raise_if,
                     "raise_if(cond, Exc, template, *ints): raise Exc(template.format(*ints)) "
                     "when cond is true. Exc and template must be known when compiling; the "
                     "ints may be run-time values (NumPy's messages name run-time sizes). "
                     "IR `raise_if_fmt`; used by py2wasm.linalg.")

INTRINSICS: dict[str, Intrinsic] = {i.prim: i for i in (f64_to_bits, f64_from_bits)}


def is_intrinsic(fn) -> bool:
    return isinstance(fn, Intrinsic)


__all__ = ["f64_to_bits", "f64_from_bits", "raise_if", "Intrinsic", "INTRINSICS",
           "is_intrinsic"]
