"""Strings in compiled code: constants, f-strings, `str()`/`repr()`/`format()`
of numbers and `+` of strings, as far as exception messages need them.

Place in the pipeline: frontend; the f-string opcodes (FORMAT_VALUE,
FORMAT_SIMPLE, FORMAT_WITH_SPEC, CONVERT_VALUE, BUILD_STRING) and the
exception constructors (`calls.call_value`) hand their operands here, and
`opcodes_control.op_RAISE_VARARGS` raises a `SymExc` with `raise_exc`.

A string whose text depends on run-time numbers is an `FStr`: literal text
and `Field`s (a symbolic number, its conversion `!r`/`!s`/`!a` and its
format spec). Known values are formatted when tracing, by Python itself, so
only symbolic numbers stay fields. Raising an exception with an `FStr`
message is one IR `raise_if_fmt`: the message is a str.format template over
the fields' run-time values, formatted by the host with CPython's own
`format` (runner) or its port (js/src/format.ts), so the text is CPython's.
"""
from __future__ import annotations

from typing import Any, Optional

from ..ir import BOOL, F64, I64, Var
from ..ir.messages import kind_of_type, message_value
from .values import (E_TYPE, E_UNSUPPORTED_CALL, E_UNSUPPORTED_VALUE, NpScalar, TraceRaise,
                     error)

MAX_FIELDS = 8  # raise_if_fmt's limit on run-time message arguments
_CONVERSIONS = {None: None, "s": str, "r": repr, "a": ascii}


class Field:
    """A run-time number in a string: `value` (a Var or an NpScalar),
    `conv` (None, "s", "r" or "a") and `spec` (a format spec, a str)."""
    __slots__ = ("value", "conv", "spec")

    def __init__(self, value, conv: Optional[str], spec: str):
        self.value = value
        self.conv = conv
        self.spec = spec

    def kind(self) -> str:
        if isinstance(self.value, NpScalar):
            return "np." + self.value.dtype
        return kind_of_type(self.value.type)

    def var(self) -> Var:
        return self.value.var if isinstance(self.value, NpScalar) else self.value


class FStr:
    """A string whose text is known only at run time: a tuple of parts,
    each a str or a Field. Immutable; a trace value (state.py keys it by
    its literal text and its fields' types, its fields are block parameters)."""
    __slots__ = ("parts",)
    __name__ = "str"

    def __init__(self, parts):
        merged: list = []
        for p in parts:
            if isinstance(p, str) and merged and isinstance(merged[-1], str):
                merged[-1] += p
            elif not (isinstance(p, str) and not p):
                merged.append(p)
        self.parts = tuple(merged)

    def fields(self) -> list:
        return [p for p in self.parts if isinstance(p, Field)]

    def _index(self) -> dict:
        """(var id, kind) -> operand number: one operand per distinct value."""
        index: dict = {}
        for f in self.fields():
            index.setdefault((f.var().id, f.kind()), len(index))
        return index

    def operands(self) -> list:
        """The distinct run-time values of the fields, in operand order."""
        seen, out = set(), []
        for f in self.fields():
            k = (f.var().id, f.kind())
            if k not in seen:
                seen.add(k)
                out.append(f)
        return out

    def template(self) -> str:
        out, index = [], self._index()
        for p in self.parts:
            if isinstance(p, str):
                out.append(p.replace("{", "{{").replace("}", "}}"))
                continue
            conv = f"!{p.conv}" if p.conv else ""
            spec = f":{p.spec}" if p.spec else ""
            out.append(f"{{{index[(p.var().id, p.kind())]}{conv}{spec}}}")
        return "".join(out)

    # --- the trace-value protocol (state.py) ---
    def trace_key(self, key_of):
        return ("fstr",) + tuple(p if isinstance(p, str) else (key_of(p.value), p.conv, p.spec)
                                 for p in self.parts)

    def trace_leaves(self, leaves, out: list) -> None:
        for f in self.fields():
            leaves(f.value, out)

    def trace_rebuild(self, rebuild, it) -> "FStr":
        return FStr([p if isinstance(p, str) else type(p)(rebuild(p.value, it), p.conv, p.spec)
                     for p in self.parts])  # a Field, or strvalues' field of a run-time str

    def __repr__(self) -> str:
        return f"FStr({self.template()!r})"


class SymExc:
    """An exception instance whose message is an FStr (`ValueError(f"...")`)."""
    __slots__ = ("cls", "message")

    def __init__(self, cls, message: FStr):
        self.cls = cls
        self.message = message


def is_string(v: Any) -> bool:
    return isinstance(v, (str, FStr))


def is_run_time(v: Any) -> bool:
    """A number or string known only at run time."""
    return isinstance(v, FStr) or _is_symbolic_number(v)


def _is_symbolic_number(v: Any) -> bool:
    return (isinstance(v, Var) and v.type in (I64, F64, BOOL)) or isinstance(v, NpScalar)


_SAMPLES = {"int": (1, -12345), "float": (1.5, -2.5e-7), "bool": (True, False)}


def _samples(field: Field) -> list:
    kind = field.kind()
    if kind in _SAMPLES:
        return [message_value(kind, s) for s in _SAMPLES[kind]]
    return [message_value(kind, 1), message_value(kind, 0)]


def format_value(value: Any, conv: Optional[str], spec: Any, loc) -> Any:
    """`f"{value!conv:spec}"`: a str when `value` is known, else an FStr."""
    if isinstance(spec, FStr):
        raise error(loc, "a format spec computed at run time is not supported",
                    "write the spec as a constant (f\"{x:.3f}\")", E_UNSUPPORTED_VALUE)
    if not isinstance(spec, str):
        raise error(loc, f"format spec of type {type(spec).__name__}", "", E_TYPE)
    if isinstance(value, FStr):
        if conv is None and not spec:
            return value
        raise error(loc, "formatting a run-time string with a conversion or spec is not "
                    "supported", "format the numbers inside it instead", E_UNSUPPORTED_VALUE)
    if _is_symbolic_number(value):
        field = Field(value, conv, spec)
        if "{" in spec or "}" in spec:
            raise error(loc, f"format spec {spec!r} with braces is not supported", "",
                        E_UNSUPPORTED_VALUE)
        if spec and spec[-1] == "c":
            raise error(loc, "the 'c' format code of a run-time number is not supported",
                        "use chr() outside compiled code", E_UNSUPPORTED_VALUE)
        outcomes = set()
        for s in _samples(field):
            try:
                format(_CONVERSIONS[conv](s) if conv else s, spec)
                outcomes.add(None)
            except (ValueError, TypeError) as e:
                outcomes.add((type(e).__name__, str(e)))
        if outcomes != {None}:
            if len(outcomes) == 1:  # CPython raises this for every value of the type
                exc, msg = outcomes.pop()
                raise TraceRaise(exc, msg)
            raise error(loc, f"format spec {spec!r} is not supported for a run-time "
                        f"{field.kind()}", "", E_UNSUPPORTED_VALUE)
        return FStr([field])
    if type(value) is tuple and conv in (None, "s", "r") and not spec and not _known(value):
        return _tuple_text(value, loc)  # f"{a.shape}": each item's repr
    if _known(value):
        try:
            return format(_CONVERSIONS[conv](value) if conv else value, spec)
        except (ValueError, TypeError) as e:
            raise TraceRaise(type(e).__name__, str(e)) from None
    from .values import is_complex
    what = "a complex number" if is_complex(value) else f"a {type(value).__name__} value"
    raise error(loc, f"formatting {what} known only at run time is not supported",
                "format ints, floats, bools and NumPy scalars (one per field)",
                E_UNSUPPORTED_VALUE)


def _run_time_tuple(v: Any) -> bool:
    return type(v) is tuple and any(_is_symbolic_number(x) or _run_time_tuple(x) for x in v)


def _tuple_text(value: tuple, loc) -> "FStr":
    """str() of a tuple holding numbers known only at run time (a shape):
    "(" + the items' reprs joined by ", " + ")", "(x,)" for one item."""
    parts: list = ["("]
    for i, x in enumerate(value):
        if i:
            parts.append(", ")
        text = format_value(x, "r", "", loc)
        parts.extend(text.parts if isinstance(text, FStr) else [text])
    parts.append(",)" if len(value) == 1 else ")")
    return FStr(parts)


def _known(v: Any) -> bool:
    """A value Python itself can format when tracing."""
    if isinstance(v, (Var, NpScalar, FStr)):
        return False
    if type(v) is tuple:
        return all(_known(x) for x in v)
    import numpy as np
    return v is None or isinstance(v, (int, float, complex, str, bytes, np.generic))


def build_string(parts: list, loc) -> Any:
    """BUILD_STRING: the concatenation of str and FStr parts."""
    if all(isinstance(p, str) for p in parts):
        return "".join(parts)
    from . import strvalues
    flat: list = []
    for p in parts:
        if isinstance(p, FStr):
            flat.extend(p.parts)
        elif isinstance(p, str):
            flat.append(p)
        elif strvalues.is_str(p):  # a part made at run time already (an f-string's
            # earlier field carried across a jump: `f"{x:.2e} {a < b < c}"`)
            flat.append(strvalues.StrField(p, None, ""))
        else:
            raise error(loc, f"a string built from a {type(p).__name__}", "", E_TYPE)
    return FStr(flat)


def concat(a: Any, b: Any, loc) -> Any:
    """`a + b` where one side is an FStr and the other a str or FStr."""
    if not (is_string(a) and is_string(b)):
        other = b if is_string(a) else a
        raise TraceRaise("TypeError", _concat_message(a, b, other))
    return build_string([a, b], loc)


def _concat_message(a, b, other) -> str:
    name = type(other).__name__ if not isinstance(other, (Var, NpScalar)) else (
        ("numpy." + other.dtype) if isinstance(other, NpScalar) else other.type.pyname)
    if is_string(a):
        return f'can only concatenate str (not "{name}") to str'
    return f"unsupported operand type(s) for +: '{name}' and 'str'"


def call_builtin(fn, args: list, kwargs: dict, loc) -> Any:
    """str(x), repr(x), ascii(x), format(x[, spec]) of a run-time number (or
    FStr); NotImplemented for anything else."""
    if kwargs or not args:
        return NotImplemented
    if not any(isinstance(a, FStr) or _is_symbolic_number(a) or _run_time_tuple(a)
               for a in args):
        if all(_known(a) for a in args) and (fn is format or len(args) == 1):
            try:
                return fn(*args)  # known values: Python itself
            except (ValueError, TypeError) as e:
                raise TraceRaise(type(e).__name__, str(e)) from None
        return NotImplemented
    if fn in (str, repr, ascii) and len(args) == 1:
        v = args[0]
        if isinstance(v, FStr):
            if fn is str:
                return v
            raise error(loc, f"{fn.__name__}() of a run-time string is not supported", "",
                        E_UNSUPPORTED_CALL)
        return format_value(v, {str: "s", repr: "r", ascii: "a"}[fn], "", loc)
    if fn is format and len(args) in (1, 2):
        spec = args[1] if len(args) == 2 else ""
        return format_value(args[0], None, spec, loc)
    return NotImplemented


def make_exception(cls, args: list, loc, tr=None) -> Any:
    """`Exc(*args)` with a run-time value among the arguments: a SymExc when
    the message is one FStr or one number (str(exc) is then its text)."""
    if len(args) == 1:
        msg = args[0]
        if _is_symbolic_number(msg) and issubclass(cls, KeyError):  # str(KeyError(1)) is repr(1)
            return SymExc(cls, format_value(msg, "r", "", loc))
        if _is_symbolic_number(msg):
            msg = format_value(msg, "s", "", loc)
        if isinstance(msg, FStr) and issubclass(cls, KeyError):  # str(KeyError(m)) is repr(m)
            from . import strvalues
            if any(type(p) is strvalues.StrField for p in msg.parts):
                # a run-time string inside: its quotes decide repr's, so the
                # whole message is made at run time (frontend/strfmt.py) and
                # formatted with !r
                if tr is None:
                    raise error(loc, "a KeyError message formatting a run-time string outside "
                                "a traced function", "format the string plainly: "
                                "KeyError(f\"... {s} ...\")", E_UNSUPPORTED_VALUE)
                return SymExc(cls, FStr([strvalues.StrField(strvalues.to_str(tr, msg, loc),
                                                            "r", "")]))
            literal = "".join(p if isinstance(p, str) else p.spec for p in msg.parts)
            if not literal.isprintable() or any(c in literal for c in "'\\"):
                raise error(loc, "a KeyError message with quotes or escapes and run-time values",
                            "use a message without quotes and backslashes", E_UNSUPPORTED_VALUE)
            msg = FStr(("'",) + msg.parts + ("'",))
        if isinstance(msg, FStr):
            if len(msg.operands()) > MAX_FIELDS:
                raise error(loc, f"an exception message with more than {MAX_FIELDS} run-time "
                            "values", "format fewer values into the message", E_UNSUPPORTED_VALUE)
            return SymExc(cls, msg)
    raise error(loc, "exception arguments known only at run time must be one message",
                "raise Exc(f\"... {x} ...\") with a single f-string", E_UNSUPPORTED_CALL)


def raise_exc(fb, exc: SymExc, loc) -> None:
    """End the block raising `exc` with its run-time message."""
    msg = exc.message
    fields = msg.operands()
    ins = [fb.const(True, BOOL)] + [f.var() for f in fields]
    kinds = tuple(f.kind() for f in fields)
    template = msg.template()
    fb.emit_multi("raise_if_fmt", ins, {"exc": exc.cls.__name__, "msg": template, "kinds": kinds},
                  loc=loc)
    fb.raise_(exc.cls.__name__, template, loc)  # not reached: the raise_if_fmt raised
