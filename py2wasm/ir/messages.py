"""Exception messages of the IR primitives: the shared wording.

Place in the pipeline: IR vocabulary used by the frontend (constant folding
raises the same message the compiled code would), the reference interpreter
(`ir.interpret`) and the backend (the manifest's exception table).

Two kinds of message:
- py2wasm's own, for the documented deviations from CPython (README,
  "Where py2wasm differs"): the constants below;
- CPython's, which may differ between Python versions (`1.0 % 0.0` says
  "float modulo" on 3.11 and "float modulo by zero" on 3.13): never written
  down, always computed by running the operation in the running CPython
  (`cpython_message`).
"""
from __future__ import annotations

from typing import Optional

from .types import BOOL, F64, I64, ScalarType

# An i64 result outside the int64 range (+ - * ** << // neg abs, f64 -> i64).
INT_OVERFLOW = "integer overflow: the result does not fit in a 64-bit int"
# i64 ** i64 with a negative exponent (and a non-zero base): CPython returns a float.
INT_POW_NEGATIVE = ("integer ** negative integer is not supported: the result "
                    "would be a float (write float(x) ** n)")
# A negative finite float ** a finite non-integer float: CPython returns a complex.
COMPLEX_POW = "negative number cannot be raised to a fractional power (the result would be complex)"

# `alloc` past the wasm32 linear memory limit (NumPy: "Unable to allocate ...").
ALLOC_FAILED = "Unable to allocate the array: wasm32 linear memory (4 GiB) is exhausted"

_SAMPLE = {I64: 1, F64: 1.0, BOOL: True}
_ZERO = {I64: 0, F64: 0.0, BOOL: False}


def cpython_message(expr, *args) -> tuple[str, str]:
    """(exception name, message) of `expr(*args)` run in this CPython; the
    call must raise."""
    try:
        expr(*args)
    except Exception as e:  # noqa: BLE001 - we want the exception itself
        return type(e).__name__, str(e)
    raise AssertionError(f"{expr!r}{args!r} did not raise")


_ZERO_DIVISORS = {
    "truediv": lambda a, b: a / b,
    "floordiv": lambda a, b: a // b,
    "mod": lambda a, b: a % b,
    "divmod": divmod,
}


def zero_division(prim: str, t: ScalarType) -> str:
    """CPython's ZeroDivisionError message for `prim` ("truediv", "floordiv",
    "mod", "divmod") on operands of type `t` divided by zero."""
    return cpython_message(_ZERO_DIVISORS[prim], _SAMPLE[t], _ZERO[t])[1]


def zero_pow() -> str:
    """CPython's message for 0.0 ** negative (also `0 ** -1`)."""
    return cpython_message(lambda: 0.0 ** -1.0)[1]


def convert_to_int(x: float) -> Optional[tuple[str, str]]:
    """The exception `int(x)` raises for a float (NaN, infinities), else None
    (an in-range check against int64 is separate: INT_OVERFLOW)."""
    try:
        int(x)
    except (ValueError, OverflowError) as e:
        return type(e).__name__, str(e)
    return None



# --- messages with run-time values (`raise_if_fmt`) ----------------------------------------
# A `raise_if_fmt` message is a str.format template over its run-time operands;
# params["kinds"] (optional, one per operand) says which Python object each
# operand stands for when the message is formatted: "int" (an i64), "float"
# (an f64), "bool", "np.<dtype>" (a NumPy scalar of that dtype, its value
# in the dtype's compute type), or "str" (a run-time string: the address of
# its block in linear memory, frontend/strvalues.py; the host reads the text). Without kinds every operand is an int. The
# host formats the message with Python's own str.format (runner) or the JS
# runtime's port of it (js/src/format.ts), so the text is CPython's.

def kind_of_type(t: ScalarType) -> str:
    """The message kind of an operand of IR type `t` (a plain Python number)."""
    return {I64: "int", F64: "float", BOOL: "bool"}[t]


def message_value(kind: str, value):
    """The Python object a message operand of `kind` stands for, from its IR
    value (an int, float or bool)."""
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    if kind == "bool":
        return bool(value)
    if kind.startswith("np."):
        import numpy as np
        dt = np.dtype(kind[3:])
        if dt.kind in "iu":
            return dt.type(int(value) % (1 << 64) if dt.kind == "u" else int(value))
        return dt.type(value)
    raise ValueError(f"unknown message kind {kind!r}")


def bits_value(kind: str, bits: int):
    """The IR value of a message operand stored as the 64 bits `bits` (the
    `py2wasm_exc_arg<i>` globals: f64 operands reinterpreted, bools 0/1)."""
    import struct
    if kind == "float" or kind in ("np.float64", "np.float32", "np.float16"):
        return struct.unpack("<d", struct.pack("<q", int(bits)))[0]
    return int(bits)


def format_message(template: str, kinds, values, read_str=None) -> str:
    """`template.format(...)` over the operands' Python objects; `read_str`
    (address -> str) reads the operands of kind "str"."""
    if not kinds:
        return template.format(*values)
    return template.format(*[read_str(int(v)) if k == "str" else message_value(k, v)
                             for k, v in zip(kinds, values)])


# --- formatting one value into a run-time string (the str_format primitive) ---------------

_CONVERT = {"": None, "s": str, "r": repr, "a": ascii}


def format_descriptor(kind: str, conv, spec: str) -> str:
    """The text the str_format primitive hands the host: `kind|conv|spec`."""
    return f"{kind}|{conv or ''}|{spec}"


def parse_descriptor(text: str) -> tuple[str, str, str]:
    kind, conv, spec = text.split("|", 2)
    return kind, conv, spec


def format_field(descriptor: str, value, read_str=None) -> str:
    """`format(conv(obj), spec)` of the Python object of IR value `value`
    (kind "str": the address of a str block, read by `read_str`), as CPython
    formats it: what the str_format primitive computes."""
    kind, conv, spec = parse_descriptor(descriptor)
    obj = read_str(int(value)) if kind == "str" else message_value(kind, value)
    if _CONVERT[conv] is not None:
        obj = _CONVERT[conv](obj)
    return format(obj, spec)
