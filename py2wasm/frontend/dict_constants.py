"""Module-level dicts read with run-time keys: lookup tables such as a codon
table or a complement map (`COMPLEMENT[c]`, `CODONS.get(k, "X")`, `k in D`).

Place in the pipeline: frontend; opcodes (BINARY_SUBSCR, CONTAINS_OP) and
calls.call_value hand a Python dict constant here. Like every module-level
constant, the dict is the snapshot taken when compiling. A key known while
tracing reads the Python dict itself; a run-time key reads a compiled dict
(dicts.from_items) built from the snapshot where the read happens, so the
compiled code never writes the module's dict (it has no way to: a write is
refused by the caller, as for other constants). Keys and values must be the
kinds compiled dicts hold (numbers, strs, tuples of them).
"""
from __future__ import annotations

from .values import E_UNSUPPORTED_VALUE, error

_LEAF = (str, int, float, bool)


def _plain(v) -> bool:
    if isinstance(v, tuple):
        return all(_plain(x) for x in v)
    return type(v) in _LEAF


def is_table(v) -> bool:
    return type(v) is dict


def known(key) -> bool:
    return _plain(key)


def compiled(tr, d: dict, loc):
    """The compiled dict holding d's items (in d's order)."""
    from . import dicts
    if not d or not all(_plain(k) and _plain(v) for k, v in d.items()):
        raise error(loc, "a module-level dict read with a run-time key must be a non-empty "
                    "table of numbers, strs or tuples of them",
                    "pass the table as an argument or use a tuple", E_UNSUPPORTED_VALUE)
    kinds = {(type(k), type(v)) for k, v in d.items()}
    if len(kinds) != 1:
        raise error(loc, "a module-level dict read with a run-time key must have keys of one "
                    "type and values of one type", "", E_UNSUPPORTED_VALUE)
    return dicts.from_items(tr, list(d.items()), dicts._site(tr, loc, "module-dict"), loc)


def subscript(tr, d: dict, key, loc):
    from . import dicts
    if known(key) and key in d:
        return d[key]
    return dicts.getitem(tr, compiled(tr, d, loc), key, loc)


def contains(tr, d: dict, key, loc):
    from . import dicts
    if known(key):
        return key in d
    return dicts.contains(tr, compiled(tr, d, loc), key, loc)


def method(tr, d: dict, name: str, args, kwargs, loc):
    """d.get(k[, default]) and friends with a run-time argument."""
    from . import dicts
    if all(known(a) for a in args) and not kwargs:
        return getattr(d, name)(*args)
    cd = compiled(tr, d, loc)
    if name == "__getitem__":
        return dicts.getitem(tr, cd, args[0], loc)
    if name == "__contains__":
        return dicts.contains(tr, cd, args[0], loc)
    return dicts.call_method(tr, dicts.attribute(cd, name, loc), args, kwargs, loc)
