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

from ..ir import Var
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
        if is_run_time_spec(spec):
            parts.append(run_time_spec(tr, value, conv, spec, loc))
            continue
        parts.append(_field(tr, value, conv, spec, loc))
    return strings.build_string(parts, loc)


def _nested_spec(tr, spec, args, kwargs, loc, state):
    """A spec with nested fields ({:{w}.{p}f}): a str, or an FStr of run-time
    ints (run_time_spec)."""
    return format_method(tr, spec, args, kwargs, loc, state)


def _field(tr, value, conv, spec, loc):
    """format(conv(value), spec) as an f-string field: a str or an FStr."""
    from . import container_repr, strings, strvalues
    r = container_repr.field(tr, value, conv, spec, loc)  # "{}".format(xs)
    if r is not container_repr.NO:
        return r
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


# --- a width or precision known only at run time ----------------------------------------------

_LIMIT = 1 << 40  # a run-time width/precision past this: the buffer cannot be allocated


def is_run_time_spec(spec) -> bool:
    from .strings import FStr
    return isinstance(spec, FStr)


def run_time_spec(tr, value, conv, spec, loc):
    """f"{x:{w}.{p}f}" (and "{:{w}}".format(x, w=n)) with ints known only at
    run time as whole widths and precisions: the spec's text is made at run
    time and read by the host, as CPython reads it; a negative value gives
    CPython's result or its exception (a leading '-' is a sign)."""
    from ..ir import I64
    from . import strings, strvalues
    from .arrays import icmp, isel
    fb = tr.fb
    parts = spec.parts
    hint = "only ints as a whole width or precision (f\"{x:>{w}.{p}f}\") are supported"

    def refuse(what):
        return error(loc, f"a format spec computed at run time: {what}", hint,
                     E_UNSUPPORTED_VALUE)
    fields = [i for i, p in enumerate(parts) if not isinstance(p, str)]
    for i in fields:
        p = parts[i]
        if not (type(p) is strings.Field and isinstance(p.value, Var) and p.value.type is I64
                and p.conv in (None, "s") and not p.spec):
            raise refuse("a field that is not a plain int")
        before = parts[i - 1] if i > 0 else ""
        after = parts[i + 1] if i + 1 < len(parts) else ""
        if not isinstance(before, str) or not isinstance(after, str):
            raise refuse("two fields side by side")
        if after[:1].isdigit() or before.rstrip("0")[-1:].isdigit():
            raise refuse("digits around a field")
    if strings._known(value) and type(value) in (int, float, bool):
        value = fb.const(value)
    elif type(value) is str:
        value = strvalues.materialize(tr, value, loc)
    if strvalues.is_str(value):
        kind, samples, v = "str", ["ab", ""], value.hdr
    elif strings._is_symbolic_number(value):
        field = strings.Field(value, None, "")
        kind, samples, v = field.kind(), strings._samples(field), field.var()
    else:
        raise refuse(f"formatting a {strvalues._tname(value)}")
    if conv:
        samples = [{"s": str, "r": repr, "a": ascii}[conv](s) for s in samples]

    def render(vals):
        return "".join(p if isinstance(p, str) else str(vals.get(i, 7))
                       for i, p in enumerate(parts))

    def outcome(text):
        try:
            for s in samples:
                format(s, text)
        except (ValueError, TypeError) as e:
            return type(e).__name__, str(e)
        return None
    checks = []  # (field index, exception, message template with {0} for the spec) for v < 0
    for i in fields:
        if any(outcome(render({i: w})) for w in (0, 7, 12)):
            raise refuse("a field that is not a whole width or precision")
        neg = [outcome(render({i: w})) for w in (-7, -13)]
        if neg == [None, None]:
            continue
        if None in neg or neg[0][0] != neg[1][0]:
            raise refuse("a field whose negative values CPython reads otherwise")
        texts = [render({i: w}) for w in (-7, -13)]
        a, sep, b = neg[0][1].partition(texts[0])
        if neg[1][1] == a + texts[1] + b and sep:
            template = a.replace("{", "{{").replace("}", "}}") + "{0}" + \
                b.replace("{", "{{").replace("}", "}}")
        elif neg[0][1] == neg[1][1]:
            template = neg[0][1].replace("{", "{{").replace("}", "}}")
        else:
            raise refuse("a field whose negative values CPython reports otherwise")
        checks.append((i, neg[0][0], template))
    text = strvalues.to_str(tr, spec, loc)
    for i, exc, template in checks:
        neg = icmp(fb, "lt", parts[i].value, 0)
        ins = [neg] + ([text.hdr] if "{0}" in template else [])
        fb.emit_multi("raise_if_fmt", ins, {"exc": exc, "msg": template, "kinds": (
            ("str",) if "{0}" in template else ())}, loc=loc)
    extra = 0
    for i in fields:
        x = parts[i].value
        a = isel(fb, icmp(fb, "lt", x, 0), fb.emit("wneg", [x]), x)
        a = isel(fb, icmp(fb, "lt", a, 0), _LIMIT, isel(fb, icmp(fb, "gt", a, _LIMIT), _LIMIT, a))
        extra = iadd(fb, extra, imul(fb, a, 2))
    static = text_bound(kind, conv, render({i: 0 for i in fields}), loc)
    if kind == "str":
        static = iadd(fb, imul(fb, strvalues.length(fb, value), 10), static)
    desc = strvalues.concat_all(tr, [format_descriptor(kind, conv, ""), text], loc)
    buf = strvalues.new(fb, iadd(fb, static, extra), loc)
    n = fb.emit("str_format", [ic(fb, v), desc.hdr, buf.hdr], loc=loc)
    fb.emit_multi("store", [buf.hdr, n], {"dtype": "int64"})
    return strings.FStr([strvalues.StrField(buf, None, "")])  # a part of its f-string
