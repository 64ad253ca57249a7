"""`hex() oct() bin()` of run-time ints (CPython's text: sign, prefix,
lowercase digits), `hash()` of numbers and tuples of them (CPython's values:
sets.py's `_Py_HashDouble`, int residues mod 2**61 - 1, the xxHash-based
tuple hash), and `math.prod` of a list, a range or a generator (Python's
`*` left to right from `start`, as math_prod_impl multiplies).

Place in the pipeline: frontend; calls.call_value asks `call` before the
container modules. The digit writer is library code traced like
strnum.py (over strlib's primitives). hash() of a str is refused: CPython
randomizes it per process (PYTHONHASHSEED), so no compiled value can match.
"""
from __future__ import annotations

import math

from ..ir import BOOL, F64, I64, Var
from .strlib import _new, _put
from .values import E_UNSUPPORTED_CALL, TraceRaise, error, scalar_type

NO = object()


def int_base_str(v, shift, letter):
    """'-0x1f'-style text of an int64 in base 2**shift (negative digits,
    so -2**63 needs no negation)."""
    base = 1 << shift
    neg = v < 0
    x = v if neg else -v  # <= 0
    n = 1
    t = x
    while t <= -base:
        t = (t + base - 1) // base  # truncation toward zero of a value <= 0
        n += 1
    lead = 3 if neg else 2
    r = _new(n + lead)
    if neg:
        _put(r, 0, 45)
    _put(r, lead - 2, 48)
    _put(r, lead - 1, letter)
    k = n + lead - 1
    while k >= lead:
        q = (x + base - 1) // base
        d = q * base - x
        _put(r, k, d + 48 if d < 10 else d + 87)
        x = q
        k -= 1
    return r


def prod(xs, start):
    r = start
    for x in xs:
        r = r * x
    return r


_BASES = {"hex": (4, 120), "oct": (3, 111), "bin": (1, 98)}


def _has_str(v) -> bool:
    from .strings import FStr
    from .strvalues import PyStr
    if type(v) is tuple:
        return any(_has_str(x) for x in v)
    return type(v) in (str, PyStr) or isinstance(v, FStr)


def _known(v) -> bool:
    if type(v) is tuple:
        return all(_known(x) for x in v)
    return type(v) in (int, float, bool, type(None))


def _hash(tr, x, loc):
    from .npscalars import demote, is_np
    from .sets import _hash as set_hash
    if _has_str(x):
        raise error(loc, "hash() of a str is not supported",
                    "CPython's str hash is randomized per process (PYTHONHASHSEED), so no "
                    "compiled value can equal it; hash numbers or tuples of numbers",
                    E_UNSUPPORTED_CALL)
    if _known(x):
        return hash(x)
    leaves = []

    def template(v):
        if type(v) is tuple:
            return tuple(template(i) for i in v)
        if is_np(v):
            v = demote(v, tr.fb, loc)
        t = scalar_type(v)
        if t not in (I64, F64, BOOL):
            raise TraceRaise("TypeError", f"unhashable type: '{type(v).__name__}'") if type(
                v).__name__ in ("PyList", "PyDict", "PySet") else error(
                loc, f"hash() of a {type(v).__name__} is not supported", "hash numbers or "
                "tuples of numbers", E_UNSUPPORTED_CALL)
        leaves.append(v if isinstance(v, Var) else tr.fb.const(v, t))
        return t
    et = template(x)
    return set_hash(tr, et, leaves)


def call(tr, fn, args, kwargs, loc):
    """hex/oct/bin/hash/math.prod on trace values; NO when not ours."""
    from .calls import call_python
    if fn is hash and len(args) == 1 and not kwargs:
        return _hash(tr, args[0], loc)
    name = getattr(fn, "__name__", None)
    import builtins as py
    if name in _BASES and fn is getattr(py, name) and len(args) == 1 and not kwargs:
        x = args[0]
        from .npscalars import demote, dtype_name, is_np
        if is_np(x) and "int" in dtype_name(x):
            x = demote(x, tr.fb, loc)
        if type(x) in (int, bool):
            return fn(x)
        if not (isinstance(x, Var) and x.type in (I64, BOOL)):
            t = scalar_type(x)
            tn = t.pyname if t is not None else type(x).__name__
            raise TraceRaise("TypeError", f"'{tn}' object cannot be interpreted as an integer")
        if x.type is BOOL:
            from .operators import coerce
            x = coerce(tr.fb, x, I64, loc)
        shift, letter = _BASES[name]
        return call_python(tr, int_base_str, [x, shift, letter], {}, loc, site=loc, public=name)
    if fn is math.prod and len(args) == 1 and set(kwargs) <= {"start"}:
        return _prod(tr, args[0], kwargs.get("start", 1), loc)
    return NO


def _prod(tr, xs, start, loc):
    from . import generators
    from .calls import call_python
    from .iterators import SymRange
    from .lists import PyList
    if isinstance(xs, generators.Gen):
        xs = generators.to_list(tr, xs, loc)
    if isinstance(xs, SymRange):
        from .lists_calls import _range_list
        xs = _range_list(tr, xs, loc)
    from .arrays import ListLit
    if isinstance(xs, ListLit):  # a list display: math.prod([a, b, c])
        from .lists import as_list
        xs = as_list(tr, xs, loc)
    if not isinstance(xs, PyList):
        return NO
    if xs.elem is None:
        return start
    if xs.elem == "float64" and scalar_type(start) in (I64, BOOL):
        start = float(start) if not isinstance(start, Var) else tr.fb.emit(
            "convert", [start], {"to": F64}, loc=loc)  # math_prod_impl: (double)i_result
    return call_python(tr, prod, [xs, start], {}, loc, site=loc, public="math.prod")
