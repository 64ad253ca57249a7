"""Dicts in compiled code: hash tables in linear memory with CPython's
semantics for the operations numeric code uses (counting, grouping,
memoization): literals, comprehensions, `d[k]` (KeyError with CPython's
message), `d[k] = v`, `del`, `in`, `len`, `get setdefault pop popitem keys
values items update clear copy`, iteration in insertion order (with
CPython's RuntimeError when the size changes while iterating),
`collections.defaultdict` with a number factory and `collections.Counter()`.

Place in the pipeline: frontend; opcodes.py and calls.py hand values here
(small hooks), and the IR sees only `alloc`, `load`, `store` and loops.

A dict is a `PyDict`: the templates of its keys and values (one kind each,
learned like an empty list's element type, see `learn`) and the address of
its header, six int64 words:

    +0 len (live items)   +8 n (entries used, deleted ones included)
    +16 capacity          +24 entries address
    +32 mask (index slots - 1)   +40 index address

An entry is its key's hash, a live flag, then the key's and the value's
numeric leaves, 8 bytes each; the index is 2 * capacity int64 slots (-1
empty, -2 deleted, else an entry number), probed linearly from the hash.
Entries are appended in insertion order, so iteration is CPython's order;
growing compacts them (drops deleted ones). Memory comes from the per-call
arena.

Keys: numbers (int, float, bool) and tuples of numbers, one kind per dict;
equal numbers are one key (`-0.0` and `0.0`); a NaN key is never found
again (CPython finds the same NaN *object* by identity; values have no
identity here).
"""
from __future__ import annotations

from typing import Any

from ..ir import BOOL, F64, I64, Var
from .container_values import ContainerMethod, TableIter, of
from .values import E_TYPE, E_UNSUPPORTED_CALL, E_UNSUPPORTED_VALUE, TraceRaise, error, scalar_type

HEADER = 48
MIN_CAPACITY = 8
_DT = {I64: "int64", F64: "float64", BOOL: "bool"}
NO = object()


class PyDict:
    """A dict in linear memory. `kt`/`vt`: templates of its keys and values
    (None while unknown: the dict is then empty at run time). `default`: the
    factory of a defaultdict (`int`, `float`, `bool`), `counter` for a
    collections.Counter (missing keys read as 0, not inserted)."""
    __slots__ = ("kt", "vt", "hdr", "site", "default", "counter")

    def __init__(self, kt, vt, hdr, site=None, default=None, counter=False):
        self.kt = kt
        self.vt = vt
        self.hdr = hdr
        self.site = site
        self.default = default
        self.counter = counter

    def trace_key(self, key_of):
        return ("dict", None if self.kt is None else key_of(self.kt),
                None if self.vt is None else key_of(self.vt), self.default, self.counter,
                self.site)

    def trace_leaves(self, leaves, out):
        out.append(self.hdr)

    def trace_rebuild(self, rebuild, it):
        return PyDict(self.kt, self.vt, next(it), self.site, self.default, self.counter)

    def __repr__(self):
        return f"PyDict({self.hdr!r})"


class DictView:
    """`d.keys()`, `d.values()`, `d.items()` (`kind`)."""
    __slots__ = ("d", "kind")

    def __init__(self, d: PyDict, kind: str):
        self.d = d
        self.kind = kind

    def trace_key(self, key_of):
        return ("dictview", self.kind, self.d.trace_key(key_of))

    def trace_leaves(self, leaves, out):
        out.append(self.d.hdr)

    def trace_rebuild(self, rebuild, it):
        return DictView(self.d.trace_rebuild(rebuild, it), self.kind)


def is_dict(v) -> bool:
    return type(v) is PyDict


def is_dict_value(v) -> bool:
    return type(v) in (PyDict, DictView) or of(v, PyDict)


# --- small IR helpers ---------------------------------------------------------------------

def _c(fb, v, t=I64):
    return v if isinstance(v, Var) else fb.const(v, t)


def _add(fb, a, b):
    if not isinstance(a, Var) and not isinstance(b, Var):
        return a + b
    return fb.emit("wadd", [_c(fb, a), _c(fb, b)])


def _mul(fb, a, b):
    if not isinstance(a, Var) and not isinstance(b, Var):
        return a * b
    return fb.emit("wmul", [_c(fb, a), _c(fb, b)])


def _ld(fb, addr, off=0, dt="int64"):
    a = addr if off == 0 else _add(fb, addr, off)
    return fb.emit("load", [_c(fb, a)], {"dtype": dt})


def _st(fb, addr, off, v, dt="int64", t=I64):
    a = addr if off == 0 else _add(fb, addr, off)
    fb.emit_multi("store", [_c(fb, a), _c(fb, v, t)], {"dtype": dt})


def _if(fb, cond, then, els=None, types=()):
    """if cond: then() else els(); `types`: the types of the values the two
    branches return, joined after (without types, what they return is ignored)."""
    if cond is True or cond is False:
        r = (then if cond else (els or (lambda: [])))()
        return r if types else []
    t, e, j = fb.new_block(), fb.new_block(), fb.new_block(list(types))
    fb.cond_br(cond, t, e)
    fb.set_block(t)
    a = then()
    fb.br(j, [_c(fb, x, ty) for x, ty in zip(a, types)] if types else [])
    fb.set_block(e)
    b = els() if els else []
    fb.br(j, [_c(fb, x, ty) for x, ty in zip(b, types)] if types else [])
    fb.set_block(j)
    return list(j.params)


# --- layout --------------------------------------------------------------------------------

def _leaf_types(tmpl):
    from .state import leaves
    return [scalar_type(x) for x in leaves(tmpl, [])]


def _nk(d):
    return len(_leaf_types(d.kt)) if d.kt is not None else 0


def _esize(d):
    nv = len(_leaf_types(d.vt)) if d.vt is not None else 0
    return 16 + 8 * (_nk(d) + nv)


def new_dict(tr, kt, vt, loc, site=None, default=None, counter=False) -> PyDict:
    fb = tr.fb
    if vt is not None:  # empty containers as values: their learned types (collections_defaultdict)
        from .collections_defaultdict import refresh
        vt = refresh(tr, vt)
    hdr = fb.emit("alloc", [fb.const(HEADER)], loc=loc)
    d = PyDict(kt, vt, hdr, site, default, counter)
    _st(fb, hdr, 0, 0)
    _st(fb, hdr, 8, 0)
    _init_tables(tr, d, MIN_CAPACITY, loc)
    return d


def _init_tables(tr, d, cap, loc):
    """Fresh entries (capacity `cap`) and an empty index of 2 * cap slots."""
    from .arrays import loop
    fb = tr.fb
    entries = fb.emit("alloc", [_c(fb, _mul(fb, cap, _esize(d)))], loc=loc)
    slots = _mul(fb, cap, 2)
    index = fb.emit("alloc", [_c(fb, _mul(fb, slots, 8))], loc=loc)

    def clear(i, c):
        _st(fb, _add(fb, index, _mul(fb, i, 8)), 0, -1)
        return c
    loop(fb, slots, [], clear)
    _st(fb, d.hdr, 16, cap)
    _st(fb, d.hdr, 24, entries)
    _st(fb, d.hdr, 32, _add(fb, slots, -1))
    _st(fb, d.hdr, 40, index)


def length(fb, d: PyDict):
    if d.kt is None:
        return 0
    return _ld(fb, d.hdr, 0)


# --- learning the kinds of keys and values --------------------------------------------------

def _sites(tr) -> dict:
    return tr.mt.dict_sites


def learn(tr, d: PyDict, key, value, loc):
    """A first key/value put into a dict of unknown kinds: remember them at
    the dict's site; the module is traced again (frontend.trace_many)."""
    if d.site is None:
        raise error(loc, "a dict whose key and value types cannot be inferred",
                    "start it with an item, e.g. {0: 0.0}", E_TYPE)
    key, value = _key_strs(tr, key, loc), _as_list(tr, _strs(tr, value, loc), loc)
    kt, vt = _sites(tr).get(d.site, (None, None))
    if kt is None:
        _check_key(key, loc)
        _check_value(value, loc)
        _sites(tr)[d.site] = (key, value)
        tr.mt.layouts_grew = True


def _kind(v) -> str:
    t = scalar_type(v)
    if t is not None:
        return t.pyname
    if type(v) is tuple:
        return "tuple"
    return type(v).__name__


def _strs(tr, v, loc):
    """A known str (or f-string) key or value as a run-time string: a dict
    of strs holds their addresses (frontend/strvalues.py)."""
    from .strings import FStr
    if type(v) is str or isinstance(v, FStr):
        from .strvalues import to_str
        return to_str(tr, v, loc)
    return v


def _as_list(tr, v, loc):
    """A list literal going into a dict: a list in memory (at the literal's
    site, where an empty one learns its element type)."""
    from .lists import Literal, as_list
    if isinstance(v, Literal):
        r = as_list(tr, v, loc, strict=False)
        return v if r is None else r
    return v


def str_value(tr, d, value, loc):
    """A value going into a dict of strs: a known str (f-string) as its
    run-time block, whose address the entry holds (`_same_kind` only checks:
    the value stored must be the converted one)."""
    return _strs(tr, value, loc) if value is not None and _is_str(d.vt) else value


def _key_strs(tr, v, loc):
    """_strs of a key: also the strs inside a tuple key (str_tuple_keys.py)."""
    from .str_tuple_keys import convert
    return convert(tr, v, loc) if type(v) is tuple else _strs(tr, v, loc)


def _is_str(v) -> bool:
    from .strvalues import PyStr
    return type(v) is PyStr


def _has_str(v) -> bool:
    from .strings import FStr
    return type(v) is str or isinstance(v, FStr) or _is_str(v) or (
        isinstance(v, tuple) and any(_has_str(x) for x in v))


def _check_key(k, loc):
    from .strings import FStr
    if type(k) is str or isinstance(k, FStr) or _is_str(k):  # strs: strvalues.py
        return
    if _has_str(k):  # a tuple holding strs: hashed and compared by text (str_tuple_keys.py)
        from .str_tuple_keys import check
        check(k, loc)
        return
    ts = _leaf_types(k) if (scalar_type(k) is not None or type(k) is tuple) else [None]
    if not ts and type(k) is tuple and k != ():
        ts = [None]
    if any(t not in _DT for t in ts):
        raise error(loc, f"a dict key of type {_kind(k)} is not supported in compiled code",
                    "keys are int, float, bool or tuples of those", E_UNSUPPORTED_VALUE)


def _check_value(v, loc):
    from . import arrays
    if arrays.is_array(v):
        raise error(loc, "arrays cannot be stored in a dict in compiled code",
                    "store numbers, tuples, lists or instances", E_UNSUPPORTED_VALUE)
    if any(t not in _DT for t in _leaf_types(v)) or isinstance(v, (str, type(None))) or \
            callable(v):
        raise error(loc, f"a dict value of type {_kind(v)} is not supported in compiled code",
                    "values are numbers, tuples, lists, dicts or instances", E_UNSUPPORTED_VALUE)


def _same_kind(tr, d, key, value, loc):
    from .state import key_of
    if _has_str(d.kt) and key is not None:
        key = _key_strs(tr, key, loc)
    if _is_str(d.vt) and value is not None:
        value = _strs(tr, value, loc)
    if key is not None and key_of(key) != key_of(d.kt):
        key = _convert_key(tr, d, key, loc)
    if value is not None and key_of(value) != key_of(d.vt):
        if _is_str(d.vt) or _is_str(value):
            raise error(loc, f"a dict of {_kind(d.vt)} values cannot hold a {_kind(value)} in "
                        "compiled code (a dict holds one value type)", "", E_TYPE)
        raise error(loc, f"a dict of {_kind(d.vt)} values cannot hold a {_kind(value)} in "
                    "compiled code (a dict holds one value type)",
                    f"convert it: {_kind(d.vt)}(x)", E_TYPE)
    return key


def _convert_key(tr, d, key, loc):
    raise error(loc, f"a dict with {_kind(d.kt)} keys cannot take a {_kind(key)} key in "
                "compiled code (a dict holds one key type)",
                f"convert the key: {_kind(d.kt)}(k)", E_TYPE)


# --- hashing and probing -------------------------------------------------------------------

def _leaves(tr, v):
    from .state import leaves
    return [tr.materialize(x) for x in leaves(v, [])]


def _hash(tr, kl):
    """A hash of the key's leaves, equal for equal keys (-0.0 and 0.0)."""
    fb = tr.fb
    h = fb.const(0x345678)
    for x in kl:
        if x.type is F64:
            z = fb.emit("add", [x, fb.const(0.0)])  # -0.0 + 0.0 = 0.0
            x = fb.emit("f64_to_bits", [z])
        elif x.type is BOOL:
            x = fb.emit("select", [x, fb.const(1), fb.const(0)])
        h = fb.emit("xor", [fb.emit("wmul", [h, fb.const(1000003)]), x])
    h = fb.emit("wmul", [h, fb.const(-7046029254386353131)])  # 0x9E3779B97F4A7C15
    return fb.emit("xor", [h, fb.emit("shr", [h, fb.const(32)])])


def _keys_equal(tr, kl, entry, nk):
    fb = tr.fb
    eq: Any = True
    for i, x in enumerate(kl):
        y = _ld(fb, entry, 16 + 8 * i, _DT[x.type])
        e = fb.emit("eq", [x, y])
        eq = e if eq is True else fb.emit("and", [eq, e])
    return eq


def _probe(tr, d, kl, h):
    """(slot, entry number or -1): the slot holding the key, or the first
    empty slot where it would go."""
    fb = tr.fb
    mask = _ld(fb, d.hdr, 32)
    index = _ld(fb, d.hdr, 40)
    entries = _ld(fb, d.hdr, 24)
    esize = _esize(d)
    head = fb.new_block([I64])
    body = fb.new_block()
    check = fb.new_block()
    nxt = fb.new_block()
    done = fb.new_block([I64, I64])
    fb.br(head, [fb.emit("and", [h, mask])])
    fb.set_block(head)
    i = head.params[0]
    slot = _ld(fb, _add(fb, index, fb.emit("wmul", [i, fb.const(8)])))
    fb.cond_br(fb.emit("eq", [slot, fb.const(-1)]), done, body, [i, fb.const(-1)], [])
    fb.set_block(body)
    fb.cond_br(fb.emit("ge", [slot, fb.const(0)]), check, nxt)
    fb.set_block(check)
    entry = _add(fb, entries, fb.emit("wmul", [slot, fb.const(esize)]))
    same = fb.emit("eq", [_ld(fb, entry, 0), h])
    hit = fb.new_block()
    fb.cond_br(same, hit, nxt)
    fb.set_block(hit)
    if _is_str(d.kt):  # str keys: equal text (strvalues.py)
        from .strvalues import equal_at
        eq = equal_at(tr, kl[0], _ld(fb, entry, 16))
    elif _has_str(d.kt):  # a tuple holding strs (str_tuple_keys.py)
        from .str_tuple_keys import equal
        eq = equal(tr, d.kt, kl, entry, 16)
    else:
        eq = _keys_equal(tr, kl, entry, len(kl))
    if eq is True:
        fb.br(done, [i, slot])
    else:
        fb.cond_br(eq, done, nxt, [i, slot], [])
    fb.set_block(nxt)
    fb.br(head, [fb.emit("and", [fb.emit("wadd", [i, fb.const(1)]), mask])])
    fb.set_block(done)
    return done.params


def _entry(tr, d, j):
    fb = tr.fb
    return _add(fb, _ld(fb, d.hdr, 24), _mul(fb, j, _esize(d)))


def _load_tmpl(tr, tmpl, addr, off):
    from .state import rebuild
    fb = tr.fb
    vals = [_ld(fb, addr, off + 8 * i, _DT[t]) for i, t in enumerate(_leaf_types(tmpl))]
    return rebuild(tmpl, iter(vals))


def _store_tmpl(tr, tmpl, addr, off, v):
    fb = tr.fb
    for i, (x, t) in enumerate(zip(_leaves(tr, v), _leaf_types(tmpl))):
        _st(fb, addr, off + 8 * i, x, _DT[t], t)


def _voff(d):
    return 16 + 8 * _nk(d)


# --- operations ----------------------------------------------------------------------------

def _lookup(tr, d, key, loc):
    """(found: bool Var, entry number, slot, hash, key leaves)."""
    key = _same_kind(tr, d, key, None, loc)
    kl = _leaves(tr, key)
    if _is_str(d.kt):  # str keys: a hash of the text (strvalues.py)
        from .strvalues import hash_of
        h = hash_of(tr, key)
    elif _has_str(d.kt):  # a tuple holding strs: their texts' hashes (str_tuple_keys.py)
        from .str_tuple_keys import hash_leaves
        h = _hash(tr, hash_leaves(tr, d.kt, kl))
    else:
        h = _hash(tr, kl)
    slot, j = _probe(tr, d, kl, h)
    return tr.fb.emit("ge", [j, tr.fb.const(0)]), j, slot, h, kl


def _run_time_key(key) -> bool:
    """A key known only at run time (its repr is made by the raise: a Var's
    repr is no message)."""
    return isinstance(key, Var) or _is_str(key) or (
        type(key) is tuple and any(_run_time_key(k) for k in key))


def _key_error(tr, cond, key, loc):
    """raise KeyError(key) when cond: the message is repr(key)."""
    fb = tr.fb
    from .state import leaves
    if type(key) is str:
        fb.raise_if(cond, "KeyError", repr(key), loc)
        return
    if _is_str(key):  # a run-time string: its repr, by the host (message kind "str")
        c = fb.const(True, BOOL) if cond is True else cond
        fb.emit_multi("raise_if_fmt", [c, key.hdr], {"exc": "KeyError", "msg": "{0!r}",
                                                     "kinds": ("str",)}, loc=loc)
        return
    if type(key) is tuple:
        key = _key_strs(tr, key, loc)
        parts = ["{%d!r}" % i for i in range(len(key))]
        template = "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")"
    else:
        template = "{0!r}"
    vals = _leaves(tr, key)
    if cond is True:  # raised on this path (a dict known to be empty)
        cond = fb.const(True, BOOL)
    if len(vals) > 8:
        fb.raise_if(cond, "KeyError", "(...)", loc)
        return
    from .str_tuple_keys import kinds
    fb.emit_multi("raise_if_fmt", [cond] + vals, {"exc": "KeyError", "msg": template,
                                                  "kinds": kinds(key, vals)}, loc=loc)


def missing_key(tr, key, loc):
    """The path raises KeyError(key): a dict known to be empty (its key type
    unknown while tracing). A key known only at run time gets its repr made
    by the raise (a Var's repr is no message); the trace stops here."""
    if _run_time_key(key):
        _key_error(tr, True, key, loc)
        # that raise comes first; a Var's repr (its id changes from trace to
        # trace) must not reach the exception table: the builds of one
        # package must describe the same module (package/builds.py)
        raise TraceRaise("KeyError", "(the run-time key)")
    raise TraceRaise("KeyError", repr(key))


def getitem(tr, d: PyDict, key, loc):
    fb = tr.fb
    if d.kt is None:
        _check_key(key, loc)
        if d.default is not None or d.counter:
            if d.site is None:
                raise error(loc, "a defaultdict whose key type cannot be inferred", "", E_TYPE)
            learn(tr, d, key, _default(tr, d, loc) if d.default else 0, loc)
        missing_key(tr, key, loc)
    found, j, slot, h, kl = _lookup(tr, d, key, loc)
    if d.default is not None:
        _if(fb, fb.emit("not", [found]),
            lambda: [_insert_new(tr, d, h, kl, _default(tr, d, loc), loc)])
        found, j, slot, h, kl = _lookup(tr, d, key, loc)
    elif d.counter:
        return _value_or(tr, d, found, j, 0)
    else:
        _key_error(tr, fb.emit("not", [found]), key, loc)
    return _load_tmpl(tr, d.vt, _entry(tr, d, j), _voff(d))


def _default(tr, d, loc):
    """factory() of defaultdict d (collections_defaultdict.py)."""
    from .collections_defaultdict import default_value
    return default_value(tr, d, loc)


def _value_or(tr, d, found, j, default):
    """The value of entry j when found, else `default` (of the value's kind)."""
    fb = tr.fb
    from .state import leaves, rebuild
    types = _leaf_types(d.vt)
    dl = _leaves(tr, default)
    vals = _if(fb, found, lambda: _leaves(tr, _load_tmpl(tr, d.vt, _entry(tr, d, j), _voff(d))),
               lambda: dl, types)
    return rebuild(d.vt, iter(vals))


def _insert_new(tr, d, h, kl, value, loc):
    """Append an entry for a key known to be absent (growing first if full)."""
    fb = tr.fb
    n = _ld(fb, d.hdr, 8)
    cap = _ld(fb, d.hdr, 16)
    _if(fb, fb.emit("ge", [n, cap]), lambda: [_grow(tr, d, loc)])
    n = _ld(fb, d.hdr, 8)
    e = _entry(tr, d, n)
    _st(fb, e, 0, h)
    _st(fb, e, 8, 1)
    for i, x in enumerate(kl):
        _st(fb, e, 16 + 8 * i, x, _DT[x.type], x.type)
    _store_tmpl(tr, d.vt, e, _voff(d), value)
    slot, _ = _probe(tr, d, kl, h)  # the empty slot where it goes
    _st(fb, _add(fb, _ld(fb, d.hdr, 40), fb.emit("wmul", [slot, fb.const(8)])), 0, n)
    _st(fb, d.hdr, 8, fb.emit("wadd", [n, fb.const(1)]))
    _st(fb, d.hdr, 0, fb.emit("wadd", [_ld(fb, d.hdr, 0), fb.const(1)]))
    return 0


def _grow(tr, d, loc):
    """The entries are full: twice the capacity when at least half of them
    are live, else the same (capacities stay powers of two, so the index's
    mask works); copy the live entries in order, rebuild the index."""
    from .arrays import loop
    fb = tr.fb
    old_n = _ld(fb, d.hdr, 8)
    old = _ld(fb, d.hdr, 24)
    live = _ld(fb, d.hdr, 0)
    cap0 = _ld(fb, d.hdr, 16)
    full = fb.emit("ge", [fb.emit("wmul", [live, fb.const(2)]), cap0])
    cap = fb.emit("select", [full, fb.emit("wmul", [cap0, fb.const(2)]), cap0])
    _init_tables(tr, d, cap, loc)
    new = _ld(fb, d.hdr, 24)
    esize = _esize(d)
    words = esize // 8
    nk = _nk(d)
    ktypes = _leaf_types(d.kt)

    def move(i, c):
        src = _add(fb, old, fb.emit("wmul", [i, fb.const(esize)]))
        k = c[0]

        def copy():
            dst = _add(fb, new, fb.emit("wmul", [k, fb.const(esize)]))
            for w in range(words):
                _st(fb, dst, 8 * w, _ld(fb, src, 8 * w))
            kl = [_ld(fb, dst, 16 + 8 * q, _DT[t]) for q, t in enumerate(ktypes)]
            slot, _ = _probe(tr, d, kl, _ld(fb, dst, 0))
            _st(fb, _add(fb, _ld(fb, d.hdr, 40), fb.emit("wmul", [slot, fb.const(8)])), 0, k)
            return [fb.emit("wadd", [k, fb.const(1)])]
        alive = fb.emit("ne", [_ld(fb, src, 8), fb.const(0)])
        return _if(fb, alive, copy, lambda: [k], [I64])
    del nk
    k = loop(fb, old_n, [fb.const(0)], move)[0]
    _st(fb, d.hdr, 8, k)


def setitem(tr, d: PyDict, key, value, loc):
    fb = tr.fb
    if d.kt is None:
        learn(tr, d, key, value, loc)
        return
    value = _as_list(tr, str_value(tr, d, value, loc), loc)
    key = _same_kind(tr, d, key, value, loc)
    found, j, slot, h, kl = _lookup(tr, d, key, loc)

    def overwrite():
        _store_tmpl(tr, d.vt, _entry(tr, d, j), _voff(d), value)
    _if(fb, found, overwrite, lambda: [_insert_new(tr, d, h, kl, value, loc)])


def delitem(tr, d: PyDict, key, loc):
    fb = tr.fb
    if d.kt is None:
        _check_key(key, loc)
        missing_key(tr, key, loc)
    found, j, slot, h, kl = _lookup(tr, d, key, loc)
    _key_error(tr, fb.emit("not", [found]), key, loc)
    _delete(tr, d, j, slot)


def _delete(tr, d, j, slot):
    fb = tr.fb
    _st(fb, _add(fb, _ld(fb, d.hdr, 40), fb.emit("wmul", [slot, fb.const(8)])), 0, -2)
    _st(fb, _entry(tr, d, j), 8, 0)
    _st(fb, d.hdr, 0, fb.emit("wadd", [_ld(fb, d.hdr, 0), fb.const(-1)]))


def contains(tr, d: PyDict, key, loc):
    if d.kt is None:
        return False
    return _lookup(tr, d, key, loc)[0]


def truth(tr, d: PyDict):
    n = length(tr.fb, d)
    return n != 0 if type(n) is int else tr.fb.emit("ne", [n, tr.fb.const(0)])


# --- iteration -----------------------------------------------------------------------------

def get_iter(tr, v):
    d, kind = (v.d, v.kind) if type(v) is DictView else (v, "keys")
    return TableIter(d, kind, 0, length(tr.fb, d))


def iter_step(tr, it: TableIter, loc):
    """(more, step) for FOR_ITER (see lists_iter.iter_step)."""
    fb = tr.fb
    d = it.c
    if d.kt is None:
        return False, None
    size = _ld(fb, d.hdr, 0)
    changed = fb.emit("ne", [size, _c(fb, it.size)])
    fb.raise_if(changed, "RuntimeError", "dictionary changed size during iteration", loc)
    # the next live entry at or after pos
    n = _ld(fb, d.hdr, 8)
    head = fb.new_block([I64])
    test = fb.new_block()
    done = fb.new_block([I64])
    fb.br(head, [_c(fb, it.pos)])
    fb.set_block(head)
    p = head.params[0]
    inside = fb.emit("lt", [p, n])
    fb.cond_br(inside, test, done, [], [p])
    fb.set_block(test)
    alive = fb.emit("ne", [_ld(fb, _entry(tr, d, p), 8), fb.const(0)])
    fb.cond_br(alive, done, head, [p], [fb.emit("wadd", [p, fb.const(1)])])
    fb.set_block(done)
    p = done.params[0]
    more = fb.emit("lt", [p, _ld(fb, d.hdr, 8)])

    def step():
        e = _entry(tr, d, p)
        k = _load_tmpl(tr, d.kt, e, 16)
        if it.kind == "keys":
            item = k
        else:
            v = _load_tmpl(tr, d.vt, e, _voff(d))
            item = v if it.kind == "values" else (k, v)
        return item, TableIter(d, it.kind, fb.emit("wadd", [p, fb.const(1)]), it.size)
    return more, step


def _fold(tr, d, init, step):
    """for each live entry e (in order): carried = step(e, carried)."""
    from .arrays import loop
    fb = tr.fb
    if d.kt is None:
        return init
    n = _ld(fb, d.hdr, 8)
    types = [x.type for x in init]

    def body(i, c):
        e = _entry(tr, d, i)
        alive = fb.emit("ne", [_ld(fb, e, 8), fb.const(0)])
        return _if(fb, alive, lambda: step(e, c), lambda: c, types)
    return loop(fb, n, list(init), body)


# --- making dicts --------------------------------------------------------------------------

def _site(tr, loc, tag=""):
    return (tr.code, getattr(loc, "line", None), getattr(loc, "col", None), tag)


def from_items(tr, items, site, loc) -> PyDict:
    """A dict literal's items (a list of (key, value)), or an empty dict."""
    if not items:
        kt, vt = _sites(tr).get(site, (None, None))
        return new_dict(tr, kt, vt, loc, site)
    items = [(_key_strs(tr, k, loc), _as_list(tr, _strs(tr, v, loc), loc)) for k, v in items]
    k0, v0 = items[0]
    _check_key(k0, loc)
    _check_value(v0, loc)
    d = new_dict(tr, k0, v0, loc, site)
    for k, v in items:
        setitem(tr, d, k, v, loc)
    return d


from .dicts_calls import attribute, call, call_method  # noqa: E402,F401
