"""Strings known only at run time: `str` values in linear memory.

Place in the pipeline: frontend; opcodes.py and calls.py hand run-time
strings here (small hooks), the operations themselves are Python functions
(frontend/strlib.py, strnum.py, strcase.py) traced like py2wasm.linalg's
(library code whose errors are located at the user's call), written over four primitives emitted here:
`len(s)`, `_cp(s, i)` (the code point at i), `_new(n)` (a string of n code
points to fill) and `_put(s, i, c)`. The IR sees only `alloc`, `load`,
`store` and loops.

A run-time string is a `PyStr`: the address of its block in the per-call
arena (freed when the exported call returns),

    addr + 0: len (int64)      addr + 8 + 4*i: code point i (int32)

so `len`, `s[i]` and slices are O(1) per character with CPython's results
for any Unicode text (lone surrogates included: a code point is a code
point). Strings are immutable: operations make new blocks, aliases share.
Known strings (constants, f-strings of known values) stay Python strs and
are written to memory (`materialize`) only when they meet a run-time one.
"""
from __future__ import annotations


from ..ir import BOOL, I64, Var
from .arrays import iadd, ic, icmp, imul
from .values import E_TYPE, E_UNSUPPORTED_CALL, E_UNSUPPORTED_VALUE, TraceRaise, error

HEADER = 8
NO = object()  # "not a call of ours"


class PyStr:
    """A str in linear memory (see the module docstring)."""
    __slots__ = ("hdr",)
    __name__ = "str"

    def __init__(self, hdr):
        self.hdr = hdr

    def trace_key(self, key_of):
        return ("str",)

    def trace_leaves(self, leaves, out):
        out.append(self.hdr)

    def trace_rebuild(self, rebuild, it):
        return PyStr(next(it))

    def __repr__(self):
        return f"PyStr({self.hdr!r})"


class StrIter:
    """`iter(s)`: the string and the next position."""
    __slots__ = ("s", "pos")

    def __init__(self, s: PyStr, pos):
        self.s = s
        self.pos = pos

    def trace_key(self, key_of):
        return ("striter", key_of(self.pos))

    def trace_leaves(self, leaves, out):
        out.append(self.s.hdr)
        leaves(self.pos, out)

    def trace_rebuild(self, rebuild, it):
        hdr = next(it)
        return StrIter(PyStr(hdr), rebuild(self.pos, it))


class StrMethod:
    """A bound method of a run-time string (`s.split`)."""
    __slots__ = ("s", "name")

    def __init__(self, s: PyStr, name: str):
        self.s = s
        self.name = name


def is_str(v) -> bool:
    return type(v) is PyStr


def involved(*vals) -> bool:
    """Is one of `vals` a run-time string?"""
    return any(type(v) is PyStr for v in vals)


def repeats_known(a, b) -> bool:
    """`"ab" * n`: a known str and a run-time int or bool (a run-time string)."""
    return any(type(x) is str and isinstance(y, Var) and y.type in (I64, BOOL)
               for x, y in ((a, b), (b, a)))


# --- the primitives ---------------------------------------------------------------------

def length(fb, s: PyStr):
    return fb.emit("load", [ic(fb, s.hdr)], {"dtype": "int64"})


def _addr(fb, s: PyStr, i):
    return ic(fb, iadd(fb, s.hdr, iadd(fb, HEADER, imul(fb, i, 4))))


def code_at(fb, s: PyStr, i):
    """The code point at index i (0 <= i < len(s), not checked)."""
    return fb.emit("load", [_addr(fb, s, i)], {"dtype": "int32"})


def new(fb, n, loc=None) -> PyStr:
    """A string of n code points, to be filled with `put`."""
    size = iadd(fb, HEADER, imul(fb, n, 4))
    hdr = fb.emit("alloc", [ic(fb, size)], loc=loc)
    fb.emit_multi("store", [hdr, ic(fb, n)], {"dtype": "int64"})
    return PyStr(hdr)


def put(fb, s: PyStr, i, c) -> None:
    fb.emit_multi("store", [_addr(fb, s, i), ic(fb, c)], {"dtype": "int32"})


def materialize(tr, text: str, loc=None) -> PyStr:
    """A known str written to memory."""
    fb = tr.fb
    s = new(fb, len(text), loc)
    for i, ch in enumerate(text):
        put(fb, s, i, ord(ch))
    return s


def char(fb, s: PyStr, i, loc=None) -> PyStr:
    """s[i] as a one-character string (i in range, not checked)."""
    out = new(fb, 1, loc)
    put(fb, out, 0, code_at(fb, s, i))
    return out


# --- conversions to run-time strings ---------------------------------------------------------

def to_str(tr, v, loc, what="a value") -> PyStr:
    """A PyStr for `v`: a PyStr, a known str, or an f-string (strings.FStr)
    whose fields are ints, bools or run-time strings formatted plainly."""
    if type(v) is PyStr:
        return v
    if type(v) is str:
        return materialize(tr, v, loc)
    from .strings import FStr, Field
    if isinstance(v, FStr):
        parts = []
        for p in v.parts:
            if isinstance(p, str):
                parts.append(p)
            else:
                parts.append(_field_str(tr, p, loc))
        return concat_all(tr, parts, loc)
    raise error(loc, f"{what} must be a str, not a {_tname(v)}", "", E_TYPE)


def settle(tr, v, loc):
    """An f-string value (strings.FStr: `str(n)`, `repr(x)`, `format(x, spec)`,
    `f"..."`) used as a string, indexed, sliced, repeated, measured, parsed or
    iterated: its text made at run time (a PyStr). Elsewhere an FStr stays
    lazy (a message formats its fields once, when raised)."""
    from .strings import FStr
    if isinstance(v, FStr):
        return to_str(tr, v, loc)
    if type(v) is tuple and any(isinstance(x, FStr) or type(x) is tuple for x in v):
        return tuple(settle(tr, x, loc) for x in v)  # (str(n), 1) == ("2", 1)
    return v


def has_fstr(v) -> bool:
    from .strings import FStr
    return isinstance(v, FStr) or type(v) is tuple and any(has_fstr(x) for x in v)


# builtins that read the text of a str argument (an FStr is settled for them)
_READS_TEXT = (len, int, float, ord, bool, sorted, reversed, enumerate, zip, set, list, min, max,
               repr, ascii)


def _field_str(tr, f, loc) -> PyStr:
    """One field of an f-string as a run-time string: ints and bools written
    plainly in wasm (strnum.py), anything else formatted by the host (strfmt.py)."""
    if type(f) is StrField and f.conv in (None, "s") and not f.spec:
        return f.value
    v = f.value
    if type(f) is not StrField and isinstance(v, Var) and v.type in (I64, BOOL) and \
            not f.spec and f.conv in (None, "s", "r"):
        from . import strnum
        fn = strnum.int_to_str if v.type is I64 else strnum.bool_to_str
        return lib(tr, fn, [v], loc)
    from .strfmt import format_field
    return format_field(tr, f, loc)


def concat_all(tr, parts, loc) -> PyStr:
    from . import strlib
    out = None
    for p in parts:
        if type(p) is str:
            if not p:
                continue
            p = materialize(tr, p, loc)
        out = p if out is None else lib(tr, strlib.concat, [out, p], loc)
    return out if out is not None else materialize(tr, "", loc)


def _tname(v) -> str:
    if isinstance(v, Var):
        return v.type.pyname
    return type(v).__name__


def is_stringish(v) -> bool:
    from .strings import FStr
    return type(v) in (PyStr, str) or isinstance(v, FStr)


# --- message fields ----------------------------------------------------------------------

def str_field_class():
    from .strings import Field

    class _StrField(Field):
        """A run-time string in an exception message (message kind "str":
        the operand is its address, the host reads the text)."""
        __slots__ = ()

        def kind(self) -> str:
            return "str"

        def var(self):
            return self.value.hdr
    return _StrField


StrField = None  # set below (strings.py imports nothing of ours at its top)


def format_value(tr, v: PyStr, conv, spec, loc):
    """f"{s!conv:spec}" of a run-time string: an FStr with one str field
    (a message keeps the field; a string value concatenates it)."""
    from .strings import FStr
    if not isinstance(spec, str):
        raise error(loc, "a format spec computed at run time is not supported", "",
                    E_UNSUPPORTED_VALUE)
    if spec:
        try:  # the spec's errors do not depend on the text
            format("a", spec)
        except (ValueError, TypeError) as e:
            raise TraceRaise(type(e).__name__, str(e)) from None
    return FStr([StrField(v, conv, spec)])


# --- tracing the library ------------------------------------------------------------------

def lib(tr, fn, args, loc, public=None):
    """Call strlib function `fn` (library code: errors at the user's call)."""
    from .calls import call_python
    return call_python(tr, fn, list(args), {}, loc, site=loc, public=public or fn.__name__)


def _index_int(tr, v, loc, what="string indices"):
    from .npscalars import demote, dtype_name, is_np
    if is_np(v) and dtype_name(v) != "bool":
        v = demote(v, tr.fb, loc)
    if type(v) in (int, bool) or isinstance(v, Var) and v.type in (I64, BOOL):
        if isinstance(v, Var) and v.type is BOOL:
            from . import operators
            return operators.coerce(tr.fb, v, I64, loc)
        return int(v) if type(v) is bool else v
    raise TraceRaise("TypeError", f"{what} must be integers, not '{_tname(v)}'")


def getitem(tr, s, idx, loc):
    from . import strlib
    if type(s) is str and (_known(idx) or type(idx) is slice and all(
            _known(b) for b in (idx.start, idx.stop, idx.step))):
        try:
            return s[idx]  # known: Python itself
        except (IndexError, TypeError, ValueError) as e:
            raise TraceRaise(type(e).__name__, str(e)) from None
    s = to_str(tr, s, loc)
    if isinstance(idx, slice):
        from .array_indexing import slice_view
        for b in (idx.start, idx.stop, idx.step):
            if b is not None:
                _index_int(tr, b, loc, "slice indices")
        start, n, step = slice_view(tr.fb, slice(
            *[None if b is None else _index_int(tr, b, loc) for b in
              (idx.start, idx.stop, idx.step)]), length(tr.fb, s), loc)
        return lib(tr, strlib.take, [s, start, n, step], loc)
    i = _index_int(tr, idx, loc)
    if type(i) is int and not -2**63 <= i < 2**63:  # a known index past int64: CPython's
        raise TraceRaise("IndexError", "cannot fit 'int' into an index-sized integer")
    return lib(tr, strlib.getitem, [s, i], loc)


def get_iter(tr, v, loc):
    return StrIter(to_str(tr, v, loc), 0)


def iter_step(tr, it: StrIter, loc):
    fb = tr.fb
    more = icmp(fb, "lt", it.pos, length(fb, it.s))

    def step():
        return char(fb, it.s, it.pos, loc), StrIter(it.s, iadd(fb, it.pos, 1))
    return more, step


def truth(tr, v: PyStr):
    return icmp(tr.fb, "gt", length(tr.fb, v), 0)


_CMP = {"==": "eq", "!=": "ne", "<": "lt", "<=": "le", ">": "gt", ">=": "ge"}


def compare(tr, op, a, b, loc):
    """a op b where one side is a run-time string."""
    from . import strlib
    if not (is_stringish(a) and is_stringish(b)):
        if op in ("==", "!="):
            return op == "!="
        raise TraceRaise("TypeError", f"'{op}' not supported between instances of "
                         f"'{_tname(a) if not is_stringish(a) else 'str'}' and "
                         f"'{_tname(b) if not is_stringish(b) else 'str'}'")
    if op in ("==", "!=") and (type(a) is str or type(b) is str) and \
            len(a if type(a) is str else b) <= SHORT:  # s == "x": inline, nothing allocated
        r = _equal_known(tr, to_str(tr, b if type(a) is str else a, loc),
                         a if type(a) is str else b)
        return tr.fb.emit("not", [r]) if op == "!=" and isinstance(r, Var) else (
            (not r) if op == "!=" else r)
    a, b = to_str(tr, a, loc), to_str(tr, b, loc)
    if op in ("==", "!="):
        r = lib(tr, strlib.equal, [a, b], loc)
        return tr.fb.emit("not", [r]) if op == "!=" and isinstance(r, Var) else (
            (not r) if op == "!=" else r)
    c = lib(tr, strlib.compare, [a, b], loc)
    return icmp(tr.fb, _CMP[op], c, 0)


SHORT = 16  # known strings up to this long are compared inline


def _equal_known(tr, s: PyStr, text: str):
    """s == text for a known text: the length, then each code point (read
    only when the lengths agree)."""
    from .dicts import _if
    fb = tr.fb
    same = icmp(fb, "eq", length(fb, s), len(text))
    if not text:
        return same

    def points():
        r = None
        for i, ch in enumerate(text):
            e = fb.emit("eq", [code_at(fb, s, i), fb.const(ord(ch))])
            r = e if r is None else fb.emit("and", [r, e])
        return [r]
    return _if(fb, same, points, lambda: [fb.const(False, BOOL)], (BOOL,))[0]


def contains(tr, item, container, loc):
    """`item in container` where one side is a run-time string."""
    from . import strlib
    from .arrays import ListLit
    if isinstance(container, ListLit) and not any(type(x).__name__ == "PyList"
                                                  for x in container.items):
        container = tuple(container.items)  # `ch in ["a", "b"]`: a literal, looked through
    if type(container) is tuple:
        r = False
        for x in container:
            from .str_tuples import item_compare
            eq = item_compare(tr, "==", item, x, loc)
            r = eq if r is False else (True if eq is True else r if eq is False else
                                       tr.fb.emit("or", [r, eq]))
            if r is True:
                break
        return r
    if not is_stringish(container):
        raise error(loc, f"`in` on a {_tname(container)} with a string is not supported",
                    "", E_TYPE)
    if not is_stringish(item):
        raise TraceRaise("TypeError", f"'in <string>' requires string as left operand, not "
                         f"{_tname(item)}")
    return icmp(tr.fb, "ge", lib(tr, strlib.find, [to_str(tr, container, loc),
                                                    to_str(tr, item, loc), 0, None], loc), 0)


def binary(tr, op, a, b, loc):
    """a op b where one side is a run-time string: + and * (by an int)."""
    from . import strlib
    if op == "+":
        if is_stringish(a) and is_stringish(b):
            return lib(tr, strlib.concat, [to_str(tr, a, loc), to_str(tr, b, loc)], loc)
        other = b if is_stringish(a) else a
        if is_stringish(a):
            raise TraceRaise("TypeError", f'can only concatenate str (not "{_tname(other)}") '
                             "to str")
        raise TraceRaise("TypeError", f"unsupported operand type(s) for +: '{_tname(a)}' and "
                         "'str'")
    if op == "*":
        s, n = (a, b) if is_stringish(a) else (b, a)
        if type(n) in (int, bool) or isinstance(n, Var) and n.type in (I64, BOOL):
            return lib(tr, strlib.repeat, [to_str(tr, s, loc), _index_int(tr, n, loc)], loc)
        raise TraceRaise("TypeError", f"can't multiply sequence by non-int of type "
                         f"'{_tname(n)}'")
    if op == "%":
        if type(a) is str:  # "%s: %d" % (s, n): a known template (strfmt.py)
            from .strfmt import percent
            return percent(tr, a, b, loc)
        raise error(loc, "%-formatting with a template known only at run time is not "
                    "supported", "use an f-string", E_UNSUPPORTED_VALUE)
    names = (_tname(a) if not is_stringish(a) else "str", _tname(b) if not is_stringish(b)
             else "str")
    raise TraceRaise("TypeError", f"unsupported operand type(s) for {op}: '{names[0]}' and "
                     f"'{names[1]}'")


# --- methods and builtins -------------------------------------------------------------------

_CASE = ("isalpha", "isalnum", "isprintable", "isidentifier", "islower", "isupper", "istitle",
         "lower", "upper", "casefold", "title", "capitalize", "swapcase")  # strcase.py
_METHODS = ("split", "strip", "lstrip", "rstrip", "startswith", "endswith", "find", "rfind",
            "index", "rindex", "count", "replace", "join", "isdigit", "isdecimal", "isnumeric",
            "isspace", "center", "ljust", "rjust", "zfill") + _CASE


def attribute(tr, v, name, loc):
    s = to_str(tr, v, loc)
    if name in _METHODS:
        return StrMethod(s, name)
    raise error(loc, f"str.{name} is not supported on a run-time string",
                "supported: " + " ".join(_METHODS), E_UNSUPPORTED_CALL)


def _opt_str(tr, v, loc, what):
    if v is None:
        return None
    if is_stringish(v):
        return to_str(tr, v, loc)
    raise TraceRaise("TypeError", f"{what} arg must be None or str")


def _bound(tr, v, loc):
    if v is None:
        return None
    return _index_int(tr, v, loc, "slice indices")


def call_method(tr, m: StrMethod, args, kwargs, loc):
    from . import strlib
    s, name = m.s, m.name
    if kwargs and not (name == "split" and set(kwargs) <= {"sep", "maxsplit"}):
        raise error(loc, f"str.{name}() with keyword arguments is not supported", "",
                    E_UNSUPPORTED_CALL)

    def arity(lo, hi):
        if not lo <= len(args) <= hi:
            if lo == hi == 0:
                raise TraceRaise("TypeError", f"str.{name}() takes no arguments ({len(args)} "
                                 "given)")
            if len(args) < lo:
                raise TraceRaise("TypeError", f"{name}() takes at least {lo} argument"
                                 f"{'s' if lo > 1 else ''} ({len(args)} given)")
            raise TraceRaise("TypeError", f"{name}() takes at most {hi} argument"
                             f"{'s' if hi > 1 else ''} ({len(args)} given)")
    if name in ("strip", "lstrip", "rstrip"):
        arity(0, 1)
        chars = _opt_str(tr, args[0] if args else None, loc, name)
        mode = {"strip": 3, "lstrip": 1, "rstrip": 2}[name]
        if chars is None:
            return lib(tr, strlib.strip_space, [s, mode], loc, f"str.{name}")
        return lib(tr, strlib.strip_chars, [s, chars, mode], loc, f"str.{name}")
    if name in ("startswith", "endswith"):
        arity(1, 3)
        pre = args[0]
        if type(pre) is tuple:
            raise error(loc, f"str.{name}() with a tuple of prefixes is not supported",
                        "test each one with `or`", E_UNSUPPORTED_CALL)
        if not is_stringish(pre):
            raise TraceRaise("TypeError", f"{name} first arg must be str or a tuple of str, "
                             f"not {_tname(pre)}")
        start = _bound(tr, args[1], loc) if len(args) > 1 else None
        end = _bound(tr, args[2], loc) if len(args) > 2 else None
        fn = strlib.startswith if name == "startswith" else strlib.endswith
        return lib(tr, fn, [s, to_str(tr, pre, loc), start, end], loc, f"str.{name}")
    if name in ("find", "rfind", "index", "rindex", "count"):
        arity(1, 3)
        sub = args[0]
        if not is_stringish(sub):
            raise TraceRaise("TypeError", f"must be str, not {_tname(sub)}")
        start = _bound(tr, args[1], loc) if len(args) > 1 else None
        end = _bound(tr, args[2], loc) if len(args) > 2 else None
        fn = {"find": strlib.find, "index": strlib.index, "rfind": strlib.rfind,
              "rindex": strlib.rindex, "count": strlib.count}[name]
        a = [s, to_str(tr, sub, loc), 0 if start is None else start, end]
        return lib(tr, fn, a, loc, f"str.{name}")
    if name == "replace":
        arity(2, 3)
        for x in args[:2]:
            if not is_stringish(x):
                raise TraceRaise("TypeError", f"replace() argument {args.index(x) + 1} must "
                                 f"be str, not {_tname(x)}")
        cnt = _index_int(tr, args[2], loc, "replace() count") if len(args) > 2 else -1
        return lib(tr, strlib.replace, [s, to_str(tr, args[0], loc), to_str(tr, args[1], loc),
                                         cnt], loc, "str.replace")
    if name in ("isdigit", "isdecimal", "isnumeric", "isspace"):
        arity(0, 0)
        return lib(tr, getattr(strlib, name), [s], loc, f"str.{name}")
    if name in _CASE:
        arity(0, 0)
        from . import strcase
        return lib(tr, getattr(strcase, name), [s], loc, f"str.{name}")
    if name in ("center", "ljust", "rjust", "zfill"):  # strpad.py
        from .strpad import pad_call
        return pad_call(tr, s, name, args, loc)
    if name == "split":
        from .strlists import split
        return split(tr, s, args, kwargs, loc)
    if name == "join":
        arity(1, 1)
        from .strlists import join
        return join(tr, s, args[0], loc)
    raise error(loc, f"str.{name}() is not supported", "", E_UNSUPPORTED_CALL)


def call(tr, fn, args, kwargs, loc):
    """Builtins with a run-time string argument, methods of run-time strings,
    str(x) of a run-time int as a value; NO when not ours."""
    from . import strlib, strnum
    if type(fn) is StrMethod:
        return call_method(tr, fn, args, kwargs, loc)
    if _one_of(fn, *_READS_TEXT):
        args = [settle(tr, a, loc) for a in args]
    prim = _prim(fn)
    if prim is not None:
        return prim(tr, args, loc)
    own = getattr(fn, "__self__", None)
    known_args = all(_known(a) for a in list(args) + list(kwargs.values()))
    if type(own) is str and getattr(fn, "__name__", None) == "format" and not known_args:
        from .strfmt import format_method  # "{:.3f} {}".format(x, s)
        return format_method(tr, own, list(args), dict(kwargs), loc)
    if type(own) is str and getattr(fn, "__name__", None) in _METHODS and not known_args:
        # ",".join(xs), "ab".find(s): the known string in memory
        return call_method(tr, StrMethod(materialize(tr, own, loc), fn.__name__), args, kwargs,
                           loc)
    if known_args and (type(own) is str and callable(fn) and not getattr(
            fn, "__name__", "").startswith("_") or _one_of(fn, len, int, float) and args and
            all(type(a) is str for a in args)):
        try:  # a known string's method, len/int/float of a known string: Python itself
            r = fn(*args, **kwargs)
        except (TypeError, ValueError, IndexError, OverflowError) as e:
            raise TraceRaise(type(e).__name__, str(e)) from None
        if type(r) is list:  # "a,b".split(","): a list literal of known strs (a list
            from .lists import Literal  # of strs when stored or returned)
            return Literal(tuple(r), None)
        return r
    if _one_of(fn, chr, ord) and not kwargs and all(_known(a) for a in args):
        try:
            return fn(*args)  # known: Python itself
        except (TypeError, ValueError, OverflowError) as e:
            raise TraceRaise(type(e).__name__, str(e)) from None
    if not (involved(*args) or involved(*kwargs.values())):
        if fn is chr and len(args) == 1 and not kwargs and isinstance(args[0], Var):
            return lib(tr, strlib.chr_, [_index_int(tr, args[0], loc, "chr()")], loc, "chr")
        return NO
    if _one_of(fn, sorted, reversed, enumerate, zip, set) and args:
        # over the characters: the builtin over list(s), one-character strs
        return _call_with_chars(tr, fn, args, kwargs, loc)
    if fn is int and 1 <= len(args) <= 2 and set(kwargs) <= {"base"} and len(args) + len(
            kwargs) == 2 and type(args[0]) is PyStr:  # int(s, base)
        base = args[1] if len(args) == 2 else kwargs["base"]
        return lib(tr, strnum.parse_int_base, [args[0], _index_int(tr, base, loc, "int() base")],
                   loc, "int")
    if kwargs:
        raise error(loc, f"{getattr(fn, '__name__', 'this call')}() with keyword arguments and "
                    "a run-time string is not supported", "", E_UNSUPPORTED_CALL)
    if fn is len and len(args) == 1:
        return length(tr.fb, args[0])
    if fn is str and len(args) == 1:
        return args[0]
    if _one_of(fn, repr, ascii) and len(args) == 1:
        return format_value(tr, args[0], "r" if fn is repr else "a", "", loc)
    if fn is format and 1 <= len(args) <= 2 and type(args[0]) is PyStr:
        return format_value(tr, args[0], None, args[1] if len(args) == 2 else "", loc)
    if fn is bool and len(args) == 1:
        return truth(tr, args[0])
    if fn is ord and len(args) == 1:
        return lib(tr, strlib.ord_, args, loc, "ord")
    if fn is int and len(args) == 1:
        return lib(tr, strnum.parse_int, args, loc, "int")
    if fn is float and len(args) == 1:
        return lib(tr, strnum.parse_float, args, loc, "float")
    if _one_of(fn, min, max) and len(args) >= 2 and not kwargs and all(
            is_stringish(a) for a in args):  # min(s, t, ...): the first of the least/greatest
        from .arrays import isel
        r = to_str(tr, args[0], loc)
        for x in args[1:]:
            x = to_str(tr, x, loc)
            better = compare(tr, "<" if fn is min else ">", x, r, loc)
            r = PyStr(isel(tr.fb, better, x.hdr, r.hdr))
        return r
    if _one_of(fn, min, max) and len(args) == 1:
        return lib(tr, strlib.min_char, [args[0], -1 if fn is min else 1], loc, fn.__name__)
    if fn is list and len(args) == 1:
        from .strlists import chars
        return chars(tr, args[0], loc)
    if isinstance(fn, type) and issubclass(fn, BaseException):
        if len(args) == 1:
            from .strings import FStr, SymExc
            conv = "r" if issubclass(fn, KeyError) else None  # str(KeyError(k)) is repr(k)
            return SymExc(fn, FStr([StrField(args[0], conv, "")]))
        raise error(loc, "an exception with several arguments, one a run-time string",
                    "raise Exc(f\"... {s} ...\") with a single f-string", E_UNSUPPORTED_CALL)
    return NO


def _one_of(fn, *builtins) -> bool:
    """Is `fn` one of `builtins` (by identity: `in` would call __eq__)?"""
    return any(fn is b for b in builtins)


def _known(v) -> bool:
    """A value Python itself handles when tracing (no run-time part)."""
    if type(v) is tuple:
        return all(_known(x) for x in v)
    return type(v) in (int, float, bool, str, complex, type(None))


def _call_with_chars(tr, fn, args, kwargs, loc):
    """sorted(s), reversed(s), enumerate(s), zip(s, t), set(s): the builtin
    over list(s) (a list of one-character strs)."""
    from .calls import call_value
    from .strlists import chars
    args = [chars(tr, a, loc) if type(a) is PyStr else a for a in args]
    return call_value(tr, fn, args, kwargs, loc)


def _prim_cp(tr, args, loc):
    return code_at(tr.fb, args[0], args[1])


def _prim_new(tr, args, loc):
    return new(tr.fb, args[0], loc)


def _prim_put(tr, args, loc):
    put(tr.fb, args[0], args[1], args[2])
    return None


def _prim_tofloat(tr, args, loc):
    return tr.fb.emit("str_to_float", [ic(tr.fb, args[0].hdr)], loc=loc)


def _prim_data(tr, args, loc):
    """The address of Unicode table args[0] (strcase.py), added to the module."""
    from .unilookup import NAMES
    from .unitables import data_name, table
    key = NAMES[args[0]]
    name = tr.mt.module.add_data(data_name(key), table(key).blob)
    return tr.fb.emit("data_addr", [], {"name": name}, loc=loc)


def _prim_loader(dtype):
    def load(tr, args, loc):
        return tr.fb.emit("load", [ic(tr.fb, args[0])], {"dtype": dtype})
    return load


_PRIM_NAMES = {"_cp": _prim_cp, "_new": _prim_new, "_put": _prim_put, "_tofloat": _prim_tofloat,
               "_data": _prim_data, "_u8": _prim_loader("uint8"), "_u16": _prim_loader("uint16"),
               "_i32": _prim_loader("int32")}


def _prim(fn):
    """The emitter of a strlib primitive, else None."""
    if getattr(fn, "__module__", None) in ("py2wasm.frontend.strlib", "py2wasm.frontend.strnum",
                                           "py2wasm.frontend.unilookup"):
        return _PRIM_NAMES.get(getattr(fn, "__name__", None))
    return None


def exit_value(tr, v, loc):
    """A known str (or an f-string) leaving an exported function: a PyStr."""
    from .strings import FStr
    if type(v) is str or isinstance(v, FStr):
        return to_str(tr, v, loc, "the returned value")
    if type(v) is tuple and any(type(x) is str or isinstance(x, FStr) for x in v):
        return tuple(exit_value(tr, x, loc) for x in v)
    return v


StrField = str_field_class()


# --- str keys of dicts (dicts.py) ---------------------------------------------------------------

def hash_of(tr, s: PyStr):
    """A hash of the text (equal strings, equal hashes)."""
    from . import strlib
    return lib(tr, strlib.hash_text, [s], None)


def equal_at(tr, s: PyStr, addr):
    """Is the str at address `addr` equal to `s`?"""
    from . import strlib
    if type(s) is not PyStr:  # a key's leaf: the address
        s = PyStr(s)
    return lib(tr, strlib.equal, [s, PyStr(addr)], None)


# --- f-strings at jumps ---------------------------------------------------------------------

def settle_frame(tr, frame, loc):
    """At a jump: f-strings become run-time strings (an accumulator
    `out += f"{k}={x:.2f};"` keeps one type around its loop)."""
    from .strings import FStr

    def fix(v):
        if isinstance(v, FStr) and v.fields():
            return to_str(tr, v, loc)
        return v
    if any(isinstance(v, FStr) for v in frame.locals + frame.stack):
        frame.locals = [fix(v) for v in frame.locals]
        frame.stack = [fix(v) for v in frame.stack]
    return frame


def widen_known(tr, frame, loc):
    """The frame with its known str locals made run-time strs, or None when
    it holds none: a block whose versions keep growing because a known str
    changes on every pass (`s += "ab"` in a loop) gets one version more, with
    the text at run time, and the next passes join it."""
    if not any(type(v) is str for v in frame.locals):
        return None
    frame = frame.copy()
    frame.locals = [materialize(tr, v, loc) if type(v) is str else v for v in frame.locals]
    return frame
