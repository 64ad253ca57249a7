"""Formatted fields as run-time string values: `str(x)`, `repr(x)`,
`format(x, spec)` and f-string fields `{x!conv:spec}` of floats, ints,
bools, NumPy scalars and run-time strings; `%`-formatting and `str.format`
over a known template.

Place in the pipeline: frontend; strvalues.py hands each field of an f-string
(strings.Field, strvalues.StrField) that becomes a run-time string here, and
strvalues.binary / strvalues.call hand `template % args` and
`template.format(...)`. A field is one IR `str_format`: the host formats the
value exactly as CPython (the runner with CPython's own `format`, the npm
package with js/src/format.ts, the port that already formats the run-time
values of exception messages), so `repr(float)` is the shortest round trip
and `.Nf`/`.Ne`/`.Ng` are correctly rounded for every double. The
descriptor `kind|conv|spec` is written to memory beside a buffer block whose
capacity is bounded here from the spec (`text_bound`). Ints and bools without
a spec or conversion stay in wasm (strnum.int_to_str).

Templates are parsed when tracing (Python's own parsers): the result is an
strings.FStr of literal text and fields, like an f-string's, so a message
built with `%` or `.format` and raised is formatted at raise time like any
f-string message.
"""
from __future__ import annotations

import re
import string

from ..ir.messages import format_descriptor
from .arrays import iadd, ic, imul
from .values import E_UNSUPPORTED_VALUE, TraceRaise, error

_SPEC = re.compile(r"(?:.?[<>=^])?[-+ ]?z?#?0?(\d*)[,_]?(?:\.(\d+))?([a-zA-Z%]?)\Z", re.S)
_INT_TEXT = 90  # an int64/uint64 in binary: 64 digits, 15 separators, sign, prefix
_REPR_TEXT = 64  # repr() of a float or NumPy scalar: np.float64(-1.2345678901234567e-308)
MAX_FIELD = 1 << 24  # widths and precisions past this are refused (the buffer is bounded)


def _spec_numbers(spec: str, loc):
    m = _SPEC.match(spec)
    if m is None:
        raise error(loc, f"format spec {spec!r} is not supported in a string value", "",
                    E_UNSUPPORTED_VALUE)
    width = int(m.group(1) or 0)
    prec = None if m.group(2) is None else int(m.group(2))
    if width > MAX_FIELD or (prec or 0) > MAX_FIELD:
        raise error(loc, f"format spec {spec!r}: a width or precision past {MAX_FIELD} in a "
                    "string value", "", E_UNSUPPORTED_VALUE)
    return width, prec, m.group(3)


def text_bound(kind: str, conv, spec: str, loc) -> int:
    """An upper bound of len(format(conv(value), spec)) for a number of
    message kind `kind`."""
    width, prec, t = _spec_numbers(spec, loc)
    if conv:
        n = _REPR_TEXT if prec is None else min(prec, _REPR_TEXT)
    elif t in ("f", "F", "%"):  # 309 integer digits, 103 separators, sign, point, %
        n = 420 + (6 if prec is None else prec)
    elif t in ("e", "E"):
        n = 12 + (6 if prec is None else prec)
    elif t in ("g", "G") or (t in ("", "n") and (prec is not None or "float" in kind)):
        n = 2 * (10 + (6 if prec is None else prec)) + _REPR_TEXT  # "0.0000" + digits, grouped
    else:
        n = _INT_TEXT
    return max(width + 2, n)  # a zero-padded grouped number may pass its width by one


def format_field(tr, f, loc):
    """The run-time string of one field (strings.Field or strvalues.StrField)."""
    from . import strvalues
    fb = tr.fb
    if type(f) is strvalues.StrField:
        kind, v = "str", f.value.hdr
        width = _spec_numbers(f.spec, loc)[0]
        n = strvalues.length(fb, f.value)
        # repr/ascii: at most \U0010ffff (10 characters) per code point, and quotes
        cap = iadd(fb, imul(fb, n, 10 if f.conv in ("r", "a") else 1), width + 2)
    else:
        kind, v = f.kind(), f.var()
        cap = text_bound(kind, f.conv, f.spec, loc)
    desc = strvalues.materialize(tr, format_descriptor(kind, f.conv, f.spec), loc)
    buf = strvalues.new(fb, cap, loc)
    n = fb.emit("str_format", [ic(fb, v), desc.hdr, buf.hdr], loc=loc)
    fb.emit_multi("store", [buf.hdr, n], {"dtype": "int64"})
    return buf


# --- str.format over a known template ----------------------------------------------------------

def format_method(tr, template: str, args, kwargs, loc, numbering=None):
    """`template.format(*args, **kwargs)` with run-time values among them:
    an FStr (or a str when every field is known). `numbering`: the automatic
    field numbering [next index, manual used] shared with nested specs."""
    from . import strings
    parts: list = []
    state = numbering if numbering is not None else [0, False]
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as e:
        raise TraceRaise("ValueError", str(e)) from None
    for literal, name, spec, conv in parsed:
        if literal:
            parts.append(literal)
        if name is None:
            continue
        if name == "":
            if state[1]:
                raise TraceRaise("ValueError", "cannot switch from manual field specification "
                                 "to automatic field numbering")
            key = state[0]
            state[0] += 1
            numbered = True
        else:
            head = re.match(r"[^.\[]*", name).group(0)
            if head != name:
                raise error(loc, f"str.format field {{{name}}} with attribute or index access",
                            "pass the item itself as an argument", E_UNSUPPORTED_VALUE)
            numbered = head.isdigit()
            if numbered:
                if state[0]:
                    raise TraceRaise("ValueError", "cannot switch from automatic field "
                                     "numbering to manual field specification")
                state[1] = True
            key = int(head) if numbered else head
        if numbered:
            if key >= len(args):
                raise TraceRaise("IndexError", f"Replacement index {key} out of range for "
                                 f"positional args tuple")
            value = args[key]
        else:
            if key not in kwargs:
                raise TraceRaise("KeyError", repr(key))
            value = kwargs[key]
        if spec and ("{" in spec or "}" in spec):
            spec = _nested_spec(tr, spec, args, kwargs, loc, state)
        parts.append(_field(tr, value, conv, spec, loc))
    return strings.build_string(parts, loc)


def _nested_spec(tr, spec, args, kwargs, loc, state) -> str:
    """A spec with nested fields ({:{w}.{p}f}): known values only."""
    sub = format_method(tr, spec, args, kwargs, loc, state)
    if isinstance(sub, str):
        return sub
    raise error(loc, "a format spec computed at run time is not supported",
                "write the spec as a constant (\"{:.3f}\")", E_UNSUPPORTED_VALUE)


def _field(tr, value, conv, spec, loc):
    """format(conv(value), spec) as an f-string field: a str or an FStr."""
    from . import strings, strvalues
    if strvalues.is_str(value):
        return strvalues.format_value(tr, value, conv, spec, loc)
    if isinstance(value, strings.FStr) and (conv or spec):
        value = strvalues.to_str(tr, value, loc)
        return strvalues.format_value(tr, value, conv, spec, loc)
    return strings.format_value(value, conv, spec, loc)


# --- printf-style formatting -------------------------------------------------------------------

_PERCENT = re.compile(r"%(?:\((?P<key>[^)]*)\))?(?P<flags>[-+ #0]*)(?P<width>\*|\d+)?"
                      r"(?:\.(?P<prec>\*|\d+))?[hlL]?(?P<type>.?)", re.S)


def percent(tr, template: str, operand, loc):
    """`template % operand` with run-time values: an FStr (literal text and
    fields whose format specs say what the %-conversions do)."""
    from . import strings
    values = list(operand) if type(operand) is tuple else [operand]
    parts: list = []
    pos = 0
    k = 0
    for m in _PERCENT.finditer(template):
        parts.append(template[pos:m.start()])
        pos = m.end()
        t = m.group("type")
        if m.group("key") is not None:
            raise error(loc, "%-formatting with a mapping key (%(name)s) and run-time values",
                        "use an f-string", E_UNSUPPORTED_VALUE)
        if m.group(0) == "%%":
            parts.append("%")
            continue
        if m.group("width") == "*" or m.group("prec") == "*":
            raise error(loc, "%-formatting with a * width or precision and run-time values",
                        "write the width and precision in the template", E_UNSUPPORTED_VALUE)
        if t == "":
            raise TraceRaise("ValueError", "incomplete format")
        if t not in "sradiuoxXeEfFgGc%":
            raise TraceRaise("ValueError", f"unsupported format character '{t}' "
                             f"(0x{ord(t):x}) at index {m.end() - 1}")
        if k >= len(values):
            raise TraceRaise("TypeError", "not enough arguments for format string")
        v = values[k]
        k += 1
        parts.append(_percent_field(tr, v, m, loc))
    parts.append(template[pos:])
    if k < len(values):
        raise TraceRaise("TypeError", "not all arguments converted during string formatting")
    return strings.build_string(parts, loc)


def _percent_field(tr, v, m, loc):
    """One %-conversion as format(conv(v), spec): a str or an FStr."""
    from . import strings, strvalues
    piece, flags, width, prec, t = m.group(0), m.group("flags"), m.group("width") or "", \
        m.group("prec"), m.group("type")
    if strings._known(v):
        return _known_percent(piece, v)
    stringish = strvalues.is_str(v) or isinstance(v, strings.FStr)
    if not (stringish or strings._is_symbolic_number(v)):
        raise error(loc, f"%-formatting a {strvalues._tname(v)} known only at run time",
                    "format ints, floats, bools, NumPy scalars and strs", E_UNSUPPORTED_VALUE)
    if t in "c%":
        raise error(loc, f"%{t} of a value known only at run time", "use chr() or an f-string",
                    E_UNSUPPORTED_VALUE)
    samples = ["a", "b"] if stringish else strings._samples(strings.Field(v, None, ""))
    for x in samples:  # what CPython raises for every value of the type, raised here
        _known_percent(piece, x)
    align = "<" if "-" in flags else ""
    if t in "sra":
        conv = {"s": None if stringish else "s", "r": "r", "a": "a"}[t]
        spec = ((align or ">") + width if width else "") + ("" if prec is None else "." + prec)
        return _field(tr, v, conv, spec, loc)
    if prec is not None and t in "diuoxX":
        raise error(loc, f"%-formatting an int with a precision ({piece}) and run-time values",
                    "use an f-string with a zero-padded width: f\"{n:05d}\"",
                    E_UNSUPPORTED_VALUE)
    sign = "+" if "+" in flags else " " if " " in flags else ""
    alt = "#" if "#" in flags else ""
    zero = "0" if "0" in flags and not align else ""
    typ = "d" if t in "diu" else t
    if t in "diu" and _is_float(v):  # %d of a float: int(x), exact for every double
        v, alt, prec, typ = _truncated(tr, v, loc), "", "0", "f"
    spec = align + sign + alt + zero + width + ("" if prec is None else "." + prec) + typ
    return strings.format_value(v, None, spec, loc)


def _truncated(tr, v, loc):
    """int(x) of a float as an integral f64 (+0.0 for -0.0), with int()'s
    exceptions for NaN and the infinities: its digits are int(x)'s."""
    from .values import NpScalar
    fb = tr.fb
    x = v.var if isinstance(v, NpScalar) else v
    fb.raise_if(fb.emit("isnan", [x]), "ValueError", "cannot convert float NaN to integer", loc)
    fb.raise_if(fb.emit("isinf", [x]), "OverflowError", "cannot convert float infinity to integer",
                loc)
    return fb.emit("add", [fb.emit("trunc", [x]), fb.const(0.0)])


def _is_float(v) -> bool:
    from ..ir import F64
    from .values import NpScalar
    if isinstance(v, NpScalar):
        return v.dtype.startswith("float")
    return getattr(v, "type", None) is F64


def _known_percent(piece: str, v) -> str:
    try:
        return piece % (v,)
    except (TypeError, ValueError, OverflowError) as e:
        raise TraceRaise(type(e).__name__, str(e)) from None
