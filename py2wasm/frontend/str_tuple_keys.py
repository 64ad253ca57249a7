"""Dict keys and set elements that are tuples holding strs (`counts[(name,
k)] += 1`, `seen.add((word, n))`).

Place in the pipeline: frontend; dicts.py and sets.py call these small
helpers where a key's kind, hash and equality are decided. A str inside a
key is a run-time string (strvalues.py's PyStr): its leaf is the string's
address, so equal texts at different addresses must hash and compare
equal. `hash_leaves` replaces each str leaf by the hash of its text before
the container's own mixing (dicts.py's, or sets.py's CPython tuple hash
over the str hash), and `equal` compares str leaves by text, number leaves
as numbers. Dict iteration order is insertion order, as CPython's; a set
holding strs iterates in py2wasm's hash order (CPython's str hash is
randomized per process, so its order is not reproducible either).
"""
from __future__ import annotations

from typing import Any

from ..ir import BOOL, F64, I64
from .values import E_UNSUPPORTED_VALUE, error, scalar_type

_NUM = (I64, F64, BOOL)


def _is_str(v) -> bool:
    from .strings import FStr
    from .strvalues import PyStr
    return type(v) is str or isinstance(v, FStr) or type(v) is PyStr


def has_str(v) -> bool:
    """A tuple (nested too) with a str in it."""
    return type(v) is tuple and any(_is_str(x) or has_str(x) for x in v)


def check(v, loc) -> None:
    """A tuple key of strs and numbers (nested tuples too), else P2W010."""
    def ok(x):
        if _is_str(x):
            return True
        if type(x) is tuple:
            return x != () and all(ok(y) for y in x)
        return scalar_type(x) in _NUM
    if not ok(v):
        raise error(loc, "a dict key or set element that is a tuple must hold numbers, strs "
                    "or tuples of those in compiled code", "", E_UNSUPPORTED_VALUE)


def convert(tr, v, loc):
    """Known strs (and f-strings) inside a tuple key as run-time strings."""
    from .strvalues import PyStr, to_str
    if type(v) is tuple:
        return tuple(convert(tr, x, loc) for x in v)
    if _is_str(v) and type(v) is not PyStr:
        return to_str(tr, v, loc)
    return v


def str_mask(tmpl) -> list[bool]:
    """For each leaf of a key of template `tmpl`: is it a str's address?"""
    from .strvalues import PyStr
    if type(tmpl) is tuple:
        return [m for x in tmpl for m in str_mask(x)]
    return [type(tmpl) is PyStr]


def hash_leaves(tr, tmpl, kl) -> list:
    """The leaves with each str's address replaced by the hash of its text."""
    from .strvalues import PyStr, hash_of
    return [hash_of(tr, PyStr(x)) if m else x for x, m in zip(kl, str_mask(tmpl))]


def equal(tr, tmpl, kl, entry, off) -> Any:
    """Is the key stored at entry+off (leaves of 8 bytes) equal to `kl`?"""
    from .dicts import _DT, _ld
    from .strvalues import equal_at
    fb = tr.fb
    eq: Any = True
    for i, (x, m) in enumerate(zip(kl, str_mask(tmpl))):
        y = _ld(fb, entry, off + 8 * i, _DT[x.type])
        e = equal_at(tr, x, y) if m else fb.emit("eq", [x, y])
        eq = e if eq is True else fb.emit("and", [eq, e])
    return eq


def kinds(key, vals) -> tuple:
    """The message kinds of a KeyError's leaves: "str" for a str's address."""
    from ..ir.messages import kind_of_type
    return tuple("str" if m else kind_of_type(v.type) for v, m in zip(vals, str_mask(key)))
