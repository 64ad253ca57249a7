"""Sets in compiled code, with CPython's iteration order: CPython's own
hash table (Objects/setobject.c of 3.11-3.13: linear probes of 9, then
perturbation; resizing at 3/5 fill to the next power of two above 4 * used;
`pop()` from a finger; `set(s)`/`copy()` keep the table's layout) and
CPython's hashes of ints, bools and tuples (xxHash lanes), so that `for x in
s`, `list(s)` and `s.pop()` see items in the order CPython does.

Place in the pipeline: frontend; opcodes.py and calls.py hand values here;
the IR sees `alloc`, `load`, `store` and loops.

A set is a `PySet`: its element template (one kind: int, bool or a tuple of
those; learned at an empty set's site like a dict's, see dicts.learn) and
the address of its header, five int64 words:

    +0 used   +8 fill   +16 mask   +24 table address   +32 finger

A table entry is a state word (0 unused, 1 active, 2 deleted), the hash,
then the element's leaves, 8 bytes each. Memory comes from the per-call arena.
"""
from __future__ import annotations

from typing import Any

from ..ir import BOOL, F64, I64, Var
from .values import E_TYPE, E_UNSUPPORTED_CALL, E_UNSUPPORTED_VALUE, TraceRaise, error, scalar_type
from .container_values import ContainerMethod, TableIter, of
from .dicts import _add, _c, _if, _is_str, _key_strs, _ld, _leaf_types, _leaves, _st, _strs
from .str_tuple_keys import has_str

HEADER = 40
MINSIZE = 8
LINEAR_PROBES = 9
_DT = {I64: "int64", BOOL: "bool", F64: "float64"}
_M61 = (1 << 61) - 1
_XX1 = 11400714785074694791 - (1 << 64)
_XX2 = 14029467366897019727 - (1 << 64)
_XX5 = 2870177450012600261
NO = object()


class PySet:
    __slots__ = ("et", "hdr", "site")

    def __init__(self, et, hdr, site=None):
        self.et = et
        self.hdr = hdr
        self.site = site

    def trace_key(self, key_of):
        return ("set", None if self.et is None else key_of(self.et), self.site)

    def trace_leaves(self, leaves, out):
        out.append(self.hdr)

    def trace_rebuild(self, rebuild, it):
        return PySet(self.et, next(it), self.site)


def is_set(v) -> bool:
    return type(v) is PySet


def is_set_value(v) -> bool:
    return type(v) is PySet or of(v, PySet)


def _esize(s):
    return 16 + 8 * len(_leaf_types(s.et))


def _entry(fb, table, idx, esize):
    return _add(fb, table, fb.emit("wmul", [_c(fb, idx), fb.const(esize)]))


# --- CPython's hashes ----------------------------------------------------------------------

def _lsr(fb, x, k):
    """x >> k as an unsigned 64-bit shift."""
    return fb.emit("and", [fb.emit("shr", [x, fb.const(k)]), fb.const((1 << (64 - k)) - 1)])


def _hash_int(fb, v):
    """hash(v) of an int64: |v| mod 2**61 - 1 with v's sign; -1 is -2."""
    neg = fb.emit("lt", [v, fb.const(0)])
    a = fb.emit("select", [neg, fb.emit("wneg", [v]), v])  # |v| (2**63 as its bits)
    r = fb.emit("wadd", [_lsr(fb, a, 61), fb.emit("and", [a, fb.const(_M61)])])
    r = fb.emit("select", [fb.emit("ge", [r, fb.const(_M61)]),
                           fb.emit("wadd", [r, fb.const(-_M61)]), r])
    r = fb.emit("select", [neg, fb.emit("wneg", [r]), r])
    return fb.emit("select", [fb.emit("eq", [r, fb.const(-1)]), fb.const(-2), r])


def _hash_float(fb, v):
    """CPython's _Py_HashDouble: the value's residue mod 2**61 - 1 (so an
    integral float hashes like the int), +-314159 for infinities; a NaN
    hashes by identity in CPython, 0 here (see README)."""
    from ..ir import F64
    M = _M61
    a = fb.emit("abs", [v])
    finite = fb.emit("lt", [a, fb.const(float("inf"), F64)])
    nan = fb.emit("ne", [v, v])
    neg = fb.emit("lt", [v, fb.const(0.0, F64)])
    # frexp(|v|) from the bits (subnormals scaled by 2**54 first): m in [0.5, 1)
    sub = fb.emit("lt", [a, fb.const(2.2250738585072014e-308, F64)])
    a2 = fb.emit("select", [sub, fb.emit("mul", [a, fb.const(2.0 ** 54, F64)]), a])
    bits = fb.emit("f64_to_bits", [a2])
    ex = fb.emit("and", [fb.emit("shr", [bits, fb.const(52)]), fb.const(0x7FF)])
    e = fb.emit("wadd", [ex, fb.emit("select", [sub, fb.const(-1022 - 54), fb.const(-1022)])])
    m = fb.emit("f64_from_bits", [fb.emit("or", [fb.emit("and", [bits, fb.const((1 << 52) - 1)]),
                                                fb.const(1022 << 52)])])
    m = fb.emit("select", [fb.emit("eq", [a, fb.const(0.0, F64)]), fb.const(0.0, F64), m])
    x = fb.const(0)
    for _ in range(2):  # 53 significant bits: two rounds of 28
        live = fb.emit("ne", [m, fb.const(0.0, F64)])
        nx = fb.emit("or", [fb.emit("and", [fb.emit("wmul", [x, fb.const(1 << 28)]),
                                            fb.const(M)]), fb.emit("shr", [x, fb.const(33)])])
        mm = fb.emit("mul", [m, fb.const(268435456.0, F64)])
        y = fb.emit("ftoi", [mm])
        nm = fb.emit("sub", [mm, fb.emit("convert", [y], {"to": F64})])
        nx = fb.emit("wadd", [nx, y])
        nx = fb.emit("select", [fb.emit("ge", [nx, fb.const(M)]),
                                fb.emit("wadd", [nx, fb.const(-M)]), nx])
        x = fb.emit("select", [live, nx, x])
        e = fb.emit("select", [live, fb.emit("wadd", [e, fb.const(-28)]), e])
        m = fb.emit("select", [live, nm, m])
    # e %= 61 toward the C rule for negatives; then rotate x left by e within 61 bits
    pos = fb.emit("ge", [e, fb.const(0)])
    ep = fb.emit("mod", [fb.emit("select", [pos, e, fb.const(0)]), fb.const(61)])
    en = fb.emit("wadd", [fb.const(60), fb.emit("wneg", [fb.emit("mod", [
        fb.emit("wadd", [fb.const(-1), fb.emit("wneg", [fb.emit("select", [pos, fb.const(-1), e])])]),
        fb.const(61)])])])
    e = fb.emit("select", [pos, ep, en])
    hi = fb.emit("and", [fb.emit("wmul", [x, fb.emit("shl", [fb.const(1), e])]), fb.const(M)])
    x = fb.emit("or", [hi, fb.emit("shr", [x, fb.emit("wadd", [fb.const(61), fb.emit("wneg", [e])])])])
    x = fb.emit("select", [neg, fb.emit("wneg", [x]), x])
    x = fb.emit("select", [fb.emit("eq", [x, fb.const(-1)]), fb.const(-2), x])
    inf = fb.emit("select", [neg, fb.const(-314159), fb.const(314159)])
    x = fb.emit("select", [finite, x, inf])
    return fb.emit("select", [nan, fb.const(0), x])


def _hash_leaf(fb, x):
    from ..ir import F64
    if x.type is BOOL:
        return fb.emit("select", [x, fb.const(1), fb.const(0)])
    if x.type is F64:
        return _hash_float(fb, x)
    return _hash_int(fb, x)


def _hash(tr, et, kl):
    fb = tr.fb
    if _is_str(et):  # strs: py2wasm's hash of the text (CPython's is randomized per process)
        from .strvalues import PyStr, hash_of
        return hash_of(tr, PyStr(kl[0]))
    if type(et) is not tuple:
        return _hash_leaf(fb, kl[0])
    it = iter(kl)

    def h(tmpl):
        if _is_str(tmpl):  # a str in a tuple: the hash of its text (str_tuple_keys.py)
            from .strvalues import PyStr, hash_of
            return hash_of(tr, PyStr(next(it)))
        if type(tmpl) is not tuple:
            return _hash_leaf(fb, next(it))
        acc = fb.const(_XX5)
        for item in tmpl:
            lane = h(item)
            acc = fb.emit("wadd", [acc, fb.emit("wmul", [lane, fb.const(_XX2)])])
            acc = fb.emit("or", [fb.emit("wmul", [acc, fb.const(1 << 31)]), _lsr(fb, acc, 33)])
            acc = fb.emit("wmul", [acc, fb.const(_XX1)])
        acc = fb.emit("wadd", [acc, fb.const(len(tmpl) ^ (_XX5 ^ 3527539))])
        return fb.emit("select", [fb.emit("eq", [acc, fb.const(-1)]), fb.const(1546275796),
                                  acc])
    return h(et)


# --- the table -----------------------------------------------------------------------------

def new_set(tr, et, loc, site=None) -> PySet:
    fb = tr.fb
    hdr = fb.emit("alloc", [fb.const(HEADER)], loc=loc)
    s = PySet(et, hdr, site)
    _st(fb, hdr, 32, 0)
    _fresh_table(tr, s, MINSIZE, loc)
    return s


def _fresh_table(tr, s, size, loc):
    """An empty table of `size` entries (used = fill = 0)."""
    from .arrays import loop
    fb = tr.fb
    esize = _esize(s)
    table = fb.emit("alloc", [_c(fb, fb.emit("wmul", [_c(fb, size), fb.const(esize)])
                                 if isinstance(size, Var) else size * esize)], loc=loc)

    def clear(i, c):
        _st(fb, _entry(fb, table, i, esize), 0, 0)
        return c
    loop(fb, size, [], clear)
    _st(fb, s.hdr, 0, 0)
    _st(fb, s.hdr, 8, 0)
    _st(fb, s.hdr, 16, _add(fb, size, -1))
    _st(fb, s.hdr, 24, table)


def _keys_equal(tr, kl, entry):
    fb = tr.fb
    eq: Any = True
    for i, x in enumerate(kl):
        y = _ld(fb, entry, 16 + 8 * i, _DT[x.type])
        e = fb.emit("eq", [x, y])
        eq = e if eq is True else fb.emit("and", [eq, e])
    return eq


def _search(tr, s, kl, h, *, clean=False):
    """CPython's probe sequence from hash h: (kind, index, the last deleted
    entry passed or -1); kind 1 = found the element, 0 = an unused entry. `clean`:
    set_insert_clean (only unused entries matter)."""
    fb = tr.fb
    mask = _ld(fb, s.hdr, 16)
    table = _ld(fb, s.hdr, 24)
    esize = _esize(s)
    head = fb.new_block([I64, I64, I64, I64])      # i, k, perturb, free
    done = fb.new_block([I64, I64, I64])           # kind, index, free
    fb.br(head, [fb.emit("and", [h, mask]), fb.const(0), h, fb.const(-1)])
    fb.set_block(head)
    i, k, perturb, free = head.params
    idx = fb.emit("wadd", [i, k])
    e = _entry(fb, table, idx, esize)
    state = _ld(fb, e, 0)
    cont = fb.new_block()
    fb.cond_br(fb.emit("eq", [state, fb.const(0)]), done, cont, [fb.const(0), idx, free], [])
    fb.set_block(cont)
    if not clean:
        active = fb.new_block()
        other = fb.new_block()
        fb.cond_br(fb.emit("eq", [state, fb.const(1)]), active, other)
        fb.set_block(active)
        same = fb.emit("eq", [_ld(fb, e, 8), h])
        cmp = fb.new_block()
        fb.cond_br(same, cmp, other)
        fb.set_block(cmp)
        if _is_str(s.et):  # strs: equal text (strvalues.py)
            from .strvalues import equal_at
            eq = equal_at(tr, kl[0], _ld(fb, e, 16))
        elif has_str(s.et):  # a tuple holding strs: by text (str_tuple_keys.py)
            from .str_tuple_keys import equal
            eq = equal(tr, s.et, kl, e, 16)
        else:
            eq = _keys_equal(tr, kl, e)
        fb.cond_br(eq, done, other, [fb.const(1), idx, free], [])
        fb.set_block(other)
        is_dummy = fb.emit("eq", [state, fb.const(2)])
        free = fb.emit("select", [is_dummy, idx, free])  # CPython keeps the last one seen
    # next: the linear probes, then the perturbed jump
    limit = fb.emit("select", [fb.emit("le", [fb.emit("wadd", [i, fb.const(LINEAR_PROBES)]),
                                              mask]), fb.const(LINEAR_PROBES), fb.const(0)])
    step = fb.new_block()
    jump = fb.new_block()
    fb.cond_br(fb.emit("lt", [k, limit]), step, jump)
    fb.set_block(step)
    fb.br(head, [i, fb.emit("wadd", [k, fb.const(1)]), perturb, free])
    fb.set_block(jump)
    p = _lsr(fb, perturb, 5)
    ni = fb.emit("and", [fb.emit("wadd", [fb.emit("wadd", [fb.emit("wmul", [i, fb.const(5)]),
                                                          fb.const(1)]), p]), mask])
    fb.br(head, [ni, fb.const(0), p, free])
    fb.set_block(done)
    return done.params


def _put(fb, s, idx, h, kl):
    e = _entry(fb, _ld(fb, s.hdr, 24), idx, _esize(s))
    _st(fb, e, 0, 1)
    _st(fb, e, 8, h)
    for i, x in enumerate(kl):
        _st(fb, e, 16 + 8 * i, x, _DT[x.type], x.type)


def _add_entry(tr, s, kl, h, loc):
    """set_add_entry: insert unless present; resize at 3/5 fill."""
    fb = tr.fb
    kind, idx, free = _search(tr, s, kl, h)

    def absent():
        def reuse():
            _put(fb, s, free, h, kl)
            _st(fb, s.hdr, 0, fb.emit("wadd", [_ld(fb, s.hdr, 0), fb.const(1)]))

        def unused():
            _put(fb, s, idx, h, kl)
            fill = fb.emit("wadd", [_ld(fb, s.hdr, 8), fb.const(1)])
            used = fb.emit("wadd", [_ld(fb, s.hdr, 0), fb.const(1)])
            _st(fb, s.hdr, 8, fill)
            _st(fb, s.hdr, 0, used)
            mask = _ld(fb, s.hdr, 16)
            full = fb.emit("ge", [fb.emit("wmul", [fill, fb.const(5)]),
                                  fb.emit("wmul", [mask, fb.const(3)])])
            big = fb.emit("gt", [used, fb.const(50000)])
            minused = fb.emit("select", [big, fb.emit("wmul", [used, fb.const(2)]),
                                         fb.emit("wmul", [used, fb.const(4)])])
            _if(fb, full, lambda: [_resize(tr, s, minused, loc)])
        _if(fb, fb.emit("ge", [free, fb.const(0)]), reuse, unused)
    _if(fb, fb.emit("eq", [kind, fb.const(0)]), absent)


def _table_walk(tr, s, table, n, esize, body):
    """for each active entry of `table` (n entries), in order: body(entry)."""
    from .arrays import loop
    fb = tr.fb

    def step(i, c):
        e = _entry(fb, table, i, esize)
        _if(fb, fb.emit("eq", [_ld(fb, e, 0), fb.const(1)]), lambda: body(e))
        return c
    loop(fb, n, [], step)


def _resize(tr, s, minused, loc):
    """set_table_resize: the smallest power of two above minused (at least
    8); active entries reinserted in table order with set_insert_clean."""
    fb = tr.fb
    head = fb.new_block([I64])
    done = fb.new_block([I64])
    fb.br(head, [fb.const(MINSIZE)])
    fb.set_block(head)
    n = head.params[0]
    fb.cond_br(fb.emit("le", [n, minused]), head, done, [fb.emit("wmul", [n, fb.const(2)])], [n])
    fb.set_block(done)
    size = done.params[0]
    old = _ld(fb, s.hdr, 24)
    oldn = fb.emit("wadd", [_ld(fb, s.hdr, 16), fb.const(1)])
    used = _ld(fb, s.hdr, 0)
    _fresh_table(tr, s, size, loc)
    _st(fb, s.hdr, 0, used)
    _st(fb, s.hdr, 8, used)
    esize = _esize(s)
    ktypes = _leaf_types(s.et)

    _table_walk(tr, s, old, oldn, esize, lambda e: _insert_clean(tr, s, e, ktypes))
    return 0


def _insert_clean(tr, s, e, ktypes):
    """set_insert_clean of the element of entry `e` (of another table) into s."""
    fb = tr.fb
    kl = [_ld(fb, e, 16 + 8 * q, _DT[t]) for q, t in enumerate(ktypes)]
    h = _ld(fb, e, 8)
    _, idx, _ = _search(tr, s, kl, h, clean=True)
    _put(fb, s, idx, h, kl)


# --- learning the element kind ---------------------------------------------------------------

def _check_elem(v, loc):
    from .strings import FStr
    if type(v) is str or isinstance(v, FStr) or _is_str(v):  # strs: strvalues.py
        return
    from .dicts import _check_key, _has_str
    if _has_str(v):  # a tuple holding strs (str_tuple_keys.py)
        _check_key(v, loc)
        return
    ok = scalar_type(v) in _DT or type(v) is tuple and v != () and \
        all(t in _DT for t in _leaf_types(v)) and all(
            scalar_type(x) in _DT or type(x) is tuple for x in v)
    if not ok:
        raise error(loc, f"a set of {_kind(v)} is not supported in compiled code",
                    "sets hold ints, floats, bools or tuples of those", E_UNSUPPORTED_VALUE)


def _kind(v):
    t = scalar_type(v)
    return t.pyname if t is not None else type(v).__name__


def _learn(tr, s, v, loc):
    if s.site is None:
        raise error(loc, "a set whose element type cannot be inferred",
                    "start it with an element, e.g. {0}", E_TYPE)
    _check_elem(v, loc)
    v = _key_strs(tr, v, loc)
    sites = tr.mt.dict_sites
    if sites.get(s.site) is None:
        sites[s.site] = v
        tr.mt.layouts_grew = True


def _same(tr, s, v, loc):
    from .state import key_of
    if _is_str(s.et) or has_str(s.et):
        v = _key_strs(tr, v, loc)
    if key_of(v) != key_of(s.et):
        if scalar_type(v) is BOOL and scalar_type(s.et) is I64:
            return tr.fb.emit("select", [v, tr.fb.const(1), tr.fb.const(0)]) if isinstance(
                v, Var) else int(v)
        raise error(loc, f"a set of {_kind(s.et)} cannot hold a {_kind(v)} in compiled code "
                    "(a set holds one element type)", f"convert it: {_kind(s.et)}(x)", E_TYPE)
    return v


# --- operations ----------------------------------------------------------------------------

def add(tr, s: PySet, v, loc):
    if s.et is None:
        _learn(tr, s, v, loc)
        return None
    v = _same(tr, s, v, loc)
    kl = _leaves(tr, v)
    _add_entry(tr, s, kl, _hash(tr, s.et, kl), loc)
    return None


def contains(tr, s: PySet, v, loc):
    if s.et is None:
        return False
    from .state import key_of
    if _is_str(s.et) or has_str(s.et):
        v = _key_strs(tr, v, loc)
    if key_of(v) != key_of(s.et):
        if scalar_type(v) is not None and scalar_type(s.et) is not None:
            v = _same(tr, s, v, loc) if scalar_type(v) is BOOL else v
        if key_of(v) != key_of(s.et):
            raise error(loc, f"`in` on a set of {_kind(s.et)} with a {_kind(v)}",
                        f"convert it: {_kind(s.et)}(x)", E_TYPE)
    kl = _leaves(tr, v)
    kind, _, _ = _search(tr, s, kl, _hash(tr, s.et, kl))
    return tr.fb.emit("eq", [kind, tr.fb.const(1)])


def _discard(tr, s, v, loc):
    """(found: bool Var): set_discard_key."""
    fb = tr.fb
    v = _same(tr, s, v, loc)
    kl = _leaves(tr, v)
    kind, idx, _ = _search(tr, s, kl, _hash(tr, s.et, kl))
    found = fb.emit("eq", [kind, fb.const(1)])

    def rm():
        e = _entry(fb, _ld(fb, s.hdr, 24), idx, _esize(s))
        _st(fb, e, 0, 2)
        _st(fb, e, 8, -1)
        _st(fb, s.hdr, 0, fb.emit("wadd", [_ld(fb, s.hdr, 0), fb.const(-1)]))
    _if(fb, found, rm)
    return found


def _key_error(tr, cond, v, loc):
    from .dicts import _key_error as ke
    ke(tr, cond, v, loc)


def length(fb, s):
    return 0 if s.et is None else _ld(fb, s.hdr, 0)


def truth(tr, s):
    n = length(tr.fb, s)
    return n != 0 if type(n) is int else tr.fb.emit("ne", [n, tr.fb.const(0)])


def pop(tr, s, loc):
    fb = tr.fb
    if s.et is None:
        raise TraceRaise("KeyError", "'pop from an empty set'")
    fb.raise_if(fb.emit("eq", [_ld(fb, s.hdr, 0), fb.const(0)]), "KeyError",
                "'pop from an empty set'", loc)
    mask = _ld(fb, s.hdr, 16)
    table = _ld(fb, s.hdr, 24)
    esize = _esize(s)
    head = fb.new_block([I64])
    done = fb.new_block([I64])
    fb.br(head, [fb.emit("and", [_ld(fb, s.hdr, 32), mask])])
    fb.set_block(head)
    i = head.params[0]
    e = _entry(fb, table, i, esize)
    nxt = fb.emit("and", [fb.emit("wadd", [i, fb.const(1)]), mask])
    fb.cond_br(fb.emit("eq", [_ld(fb, e, 0), fb.const(1)]), done, head, [i], [nxt])
    fb.set_block(done)
    i = done.params[0]
    e = _entry(fb, table, i, esize)
    from .dicts import _load_tmpl
    v = _load_tmpl(tr, s.et, e, 16)
    _st(fb, e, 0, 2)
    _st(fb, e, 8, -1)
    _st(fb, s.hdr, 0, fb.emit("wadd", [_ld(fb, s.hdr, 0), fb.const(-1)]))
    _st(fb, s.hdr, 32, fb.emit("wadd", [i, fb.const(1)]))
    return v


def merge(tr, dst: PySet, src: PySet, loc):
    """set_merge(dst, src): CPython's copy of the table layout when dst is
    empty and of the same size with no deleted entries, set_insert_clean
    into an empty dst, else set_add_entry per item (in src's table order)."""
    fb = tr.fb
    if src.et is None:
        return
    if dst.et is None:
        _learn(tr, dst, src.et, loc)
        return
    _same(tr, dst, src.et, loc)
    su = _ld(fb, src.hdr, 0)

    def go():
        dfill = _ld(fb, dst.hdr, 8)
        dmask = _ld(fb, dst.hdr, 16)
        grow = fb.emit("ge", [fb.emit("wmul", [fb.emit("wadd", [dfill, su]), fb.const(5)]),
                              fb.emit("wmul", [dmask, fb.const(3)])])
        _if(fb, grow, lambda: [_resize(tr, dst, fb.emit("wmul", [
            fb.emit("wadd", [_ld(fb, dst.hdr, 0), su]), fb.const(2)]), loc)])
        esize = _esize(src)
        ktypes = _leaf_types(src.et)
        stable = _ld(fb, src.hdr, 24)
        sn = fb.emit("wadd", [_ld(fb, src.hdr, 16), fb.const(1)])
        empty = fb.emit("eq", [_ld(fb, dst.hdr, 8), fb.const(0)])
        same_size = fb.emit("eq", [_ld(fb, dst.hdr, 16), _ld(fb, src.hdr, 16)])
        no_dummies = fb.emit("eq", [_ld(fb, src.hdr, 8), su])
        copy = fb.emit("and", [empty, fb.emit("and", [same_size, no_dummies])])

        def layout_copy():
            dtable = _ld(fb, dst.hdr, 24)
            from .arrays import loop

            def step(i, c):
                se = _entry(fb, stable, i, esize)
                de = _entry(fb, dtable, i, esize)
                for w in range(esize // 8):
                    st = _ld(fb, se, 8 * w)
                    _st(fb, de, 8 * w, st)
                return c
            loop(fb, sn, [], step)
            # the copied deleted-free table: its unused entries stay unused
            _st(fb, dst.hdr, 8, _ld(fb, src.hdr, 8))
            _st(fb, dst.hdr, 0, su)

        def per_item():
            def ins(e):
                kl = [_ld(fb, e, 16 + 8 * q, _DT[t]) for q, t in enumerate(ktypes)]
                _add_entry(tr, dst, kl, _ld(fb, e, 8), loc)
            dempty = fb.emit("eq", [_ld(fb, dst.hdr, 8), fb.const(0)])

            def clean():
                _table_walk(tr, src, stable, sn, esize,
                            lambda e: _insert_clean(tr, dst, e, ktypes))
                _st(fb, dst.hdr, 8, su)
                _st(fb, dst.hdr, 0, su)
            _if(fb, dempty, clean, lambda: _table_walk(tr, src, stable, sn, esize, ins))
        _if(fb, copy, layout_copy, per_item)
    _if(fb, fb.emit("ne", [su, fb.const(0)]), go)


def copy(tr, s, loc, site=None):
    out = new_set(tr, s.et, loc, site if site is not None else s.site)
    if s.et is not None:
        merge(tr, out, s, loc)
    return out


def update_from_iterable(tr, s, src, loc):
    """set.update / set(iterable): sets merge; anything else is added item by item."""
    from . import dicts, lists
    if is_set(src):
        merge(tr, s, src, loc)
        return
    if dicts.is_dict(src):
        if src.kt is None:
            return
        if s.et is None:
            _learn(tr, s, src.kt, loc)
            return
        from .dicts import _fold, _load_tmpl
        n = dicts.length(tr.fb, src)
        fb = tr.fb
        fill = _ld(fb, s.hdr, 8)
        mask = _ld(fb, s.hdr, 16)
        grow = fb.emit("ge", [fb.emit("wmul", [fb.emit("wadd", [fill, n]), fb.const(5)]),
                              fb.emit("wmul", [mask, fb.const(3)])])
        _if(fb, grow, lambda: [_resize(tr, s, fb.emit("wmul", [
            fb.emit("wadd", [_ld(fb, s.hdr, 0), n]), fb.const(2)]), loc)])

        def step(e, c):
            add(tr, s, _load_tmpl(tr, src.kt, e, 16), loc)
            return c
        _fold(tr, src, [], step)
        return
    if isinstance(src, lists.Literal) or lists.is_list(src):
        src = lists.as_list(tr, src, loc)
        if src.elem is None:
            return
        fb = tr.fb
        from .arrays import loop
        from .lists import _field, _load

        def step(i, c):
            add(tr, s, _load(fb, src.elem, _field(fb, src, 16), i), loc)
            return c
        loop(fb, lists.length(fb, src), [], step)
        return
    if isinstance(src, tuple):
        for x in src:
            add(tr, s, x, loc)
        return
    if isinstance(src, (frozenset, set)) and all(scalar_type(x) in _DT or type(x) is str
                                                 for x in src):
        # a constant set (`{1, 2, 3}`, `{"a", "b", "c"}` are BUILD_SET + SET_UPDATE of a
        # frozenset): CPython iterates the frozenset in its own order, which is Python's
        # here (a set of strs iterates in py2wasm's order anyway: README)
        for x in src:
            add(tr, s, x, loc)
        return
    raise error(loc, f"set() of a {type(src).__name__} is not supported",
                "build it from a list, a tuple, a dict or another set", E_UNSUPPORTED_CALL)


# --- iteration -----------------------------------------------------------------------------

def get_iter(tr, s):
    return TableIter(s, None, 0, length(tr.fb, s))


def iter_step(tr, it: TableIter, loc):
    fb = tr.fb
    s = it.c
    if s.et is None:
        return False, None
    fb.raise_if(fb.emit("ne", [_ld(fb, s.hdr, 0), _c(fb, it.size)]), "RuntimeError",
                "Set changed size during iteration", loc)
    n = fb.emit("wadd", [_ld(fb, s.hdr, 16), fb.const(1)])
    table = _ld(fb, s.hdr, 24)
    esize = _esize(s)
    head = fb.new_block([I64])
    test = fb.new_block()
    done = fb.new_block([I64])
    fb.br(head, [_c(fb, it.pos)])
    fb.set_block(head)
    p = head.params[0]
    fb.cond_br(fb.emit("lt", [p, n]), test, done, [], [p])
    fb.set_block(test)
    active = fb.emit("eq", [_ld(fb, _entry(fb, table, p, esize), 0), fb.const(1)])
    fb.cond_br(active, done, head, [p], [fb.emit("wadd", [p, fb.const(1)])])
    fb.set_block(done)
    p = done.params[0]
    more = fb.emit("lt", [p, n])

    def step():
        from .dicts import _load_tmpl
        v = _load_tmpl(tr, s.et, _entry(fb, table, p, esize), 16)
        return v, TableIter(s, None, fb.emit("wadd", [p, fb.const(1)]), it.size)
    return more, step


from .sets_calls import from_items, attribute, call_method, binary, call  # noqa: E402,F401
