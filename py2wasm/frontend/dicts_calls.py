"""Dict methods and the builtins over dicts: `d.get`, `setdefault`, `pop`,
`popitem`, `keys`/`values`/`items`, `update`, `clear`, `copy`; `dict()`,
`dict(d)`, `collections.defaultdict`/`Counter`, `len`, `bool`, `iter` and
`sum min max sorted list any all` of a dict or view (over a list of the items).

Place in the pipeline: frontend; split from dicts.py (the table, hashing,
lookups, iteration), which re-exports `attribute`, `call` and
`call_method` for opcodes.py and calls.py.
"""
from __future__ import annotations

from .dicts import (  # noqa: F401 - the dict machinery these build on
    ContainerMethod, DictView, E_TYPE, E_UNSUPPORTED_CALL, I64, MIN_CAPACITY, NO, PyDict,
    TraceRaise, _check_key, _delete, _entry, _fold, _if, _init_tables, _insert_new, _key_error,
    _kind, _ld, _leaves, _load_tmpl, _lookup, _probe, _same_kind, _site, _sites, _st, _value_or, str_value,
    _voff, error, get_iter, getitem, is_dict, is_dict_value, learn, length, missing_key, new_dict, of,
    setitem, truth,
)


# --- methods and calls ---------------------------------------------------------------------

_METHODS = {"get", "setdefault", "pop", "popitem", "keys", "values", "items", "update",
            "clear", "copy"}


def attribute(d: PyDict, name, loc):
    from .collections_counter import METHODS as COUNTER_METHODS
    if name in _METHODS or d.counter and name in COUNTER_METHODS:
        return ContainerMethod(d, name)
    if name == "default_factory" and d.default is not None:
        return d.default
    raise error(loc, f"dict method {name!r} is not supported in compiled code",
                "supported: " + ", ".join(sorted(_METHODS)), E_UNSUPPORTED_CALL)


def _arity(name, args, lo, hi, loc):
    if not lo <= len(args) <= hi:
        want = lo if lo == hi else f"{lo} to {hi}"
        raise TraceRaise("TypeError", f"{name} expected {want} argument"
                         f"{'s' if hi != 1 else ''}, got {len(args)}")


def call_method(tr, m: ContainerMethod, args, kwargs, loc):
    fb = tr.fb
    d, name = m.c, m.name
    if kwargs:
        raise error(loc, f"dict.{name}() with keyword arguments is not supported", "",
                    E_UNSUPPORTED_CALL)
    if name in ("keys", "values", "items"):
        _arity(f"dict.{name}()", args, 0, 0, loc)
        return DictView(d, name)
    if name == "get":
        _arity("get", args, 1, 2, loc)
        default = args[1] if len(args) == 2 else None
        if d.kt is None:
            _check_key(args[0], loc)
            return default
        found, j, _, _, _ = _lookup(tr, d, args[0], loc)
        return _either(tr, d, found, j, default, loc)
    if name == "setdefault":
        _arity("setdefault", args, 1, 2, loc)
        default = args[1] if len(args) == 2 else None
        if d.kt is None:
            learn(tr, d, args[0], default, loc)
            return default
        default = str_value(tr, d, default, loc)
        key = _same_kind(tr, d, args[0], default, loc)
        found, j, slot, h, kl = _lookup(tr, d, key, loc)
        _if(fb, fb.emit("not", [found]), lambda: [_insert_new(tr, d, h, kl, default, loc)])
        return getitem(tr, d, key, loc)
    if name == "pop":
        _arity("pop", args, 1, 2, loc)
        if d.kt is None:
            _check_key(args[0], loc)
            if len(args) == 2:
                return args[1]
            missing_key(tr, args[0], loc)
        found, j, slot, h, kl = _lookup(tr, d, args[0], loc)
        if len(args) == 1:
            _key_error(tr, fb.emit("not", [found]), args[0], loc)
            v = _load_tmpl(tr, d.vt, _entry(tr, d, j), _voff(d))
            _delete(tr, d, j, slot)
            return v
        r = _either(tr, d, found, j, args[1], loc)
        _if(fb, found, lambda: [_delete(tr, d, j, slot)])
        return r
    if name == "popitem":
        _arity("popitem", args, 0, 0, loc)
        return _popitem(tr, d, loc)
    if name == "clear":
        _arity("clear", args, 0, 0, loc)
        if d.kt is not None:
            _st(fb, d.hdr, 0, 0)
            _st(fb, d.hdr, 8, 0)
            _init_tables(tr, d, MIN_CAPACITY, loc)
        return None
    if name == "copy":
        _arity("copy", args, 0, 0, loc)
        return _copy(tr, d, loc)
    if name == "update":
        _arity("update", args, 1, 1, loc)
        src = args[0]
        if not is_dict(src):
            raise error(loc, "dict.update() takes a dict in compiled code", "", E_TYPE)
        _update(tr, d, src, loc)
        return None
    raise error(loc, f"dict.{name}() is not supported", "", E_UNSUPPORTED_CALL)


def _either(tr, d, found, j, default, loc):
    """The value of entry j when found, else `default` (maybe of another kind:
    then a TypeFork, the tracer continues once per kind)."""
    from .state import key_of
    if default is not None and key_of(default) == key_of(d.vt):
        return _value_or(tr, d, found, j, default)
    from .typefork import TypeFork
    fb = tr.fb
    tag = fb.emit("select", [found, fb.const(0), fb.const(1)])
    value = _load_tmpl(tr, d.vt, _entry(tr, d, fb.emit("select", [found, j, fb.const(0)])),
                       _voff(d))
    return TypeFork(tag, [value, default])


def _popitem(tr, d, loc):
    fb = tr.fb
    if d.kt is None:
        raise TraceRaise("KeyError", "'popitem(): dictionary is empty'")
    fb.raise_if(fb.emit("eq", [_ld(fb, d.hdr, 0), fb.const(0)]), "KeyError",
                "'popitem(): dictionary is empty'", loc)
    # the last live entry
    head = fb.new_block([I64])
    done = fb.new_block([I64])
    fb.br(head, [fb.emit("wadd", [_ld(fb, d.hdr, 8), fb.const(-1)])])
    fb.set_block(head)
    p = head.params[0]
    alive = fb.emit("ne", [_ld(fb, _entry(tr, d, p), 8), fb.const(0)])
    fb.cond_br(alive, done, head, [p], [fb.emit("wadd", [p, fb.const(-1)])])
    fb.set_block(done)
    p = done.params[0]
    e = _entry(tr, d, p)
    k = _load_tmpl(tr, d.kt, e, 16)
    v = _load_tmpl(tr, d.vt, e, _voff(d))
    kl = _leaves(tr, k)
    slot, _ = _probe(tr, d, kl, _ld(fb, e, 0))
    _delete(tr, d, p, slot)
    _st(fb, d.hdr, 8, p)  # CPython drops the trailing entries too: later inserts reuse them
    return (k, v)


def _copy(tr, d, loc, plain=False):
    """d.copy() (of d's class), or dict(d) when `plain`."""
    out = new_dict(tr, d.kt, d.vt, loc, d.site, None if plain else d.default,
                   False if plain else d.counter)
    if d.kt is not None:
        _update(tr, out, d, loc)
    return out


def _update(tr, d, src, loc):
    from .state import key_of
    if src.kt is None:
        return
    if d.kt is None:
        learn(tr, d, src.kt, src.vt, loc)
        return
    if key_of(src.kt) != key_of(d.kt) or key_of(src.vt) != key_of(d.vt):
        _same_kind(tr, d, src.kt, src.vt, loc)

    def step(e, c):
        setitem(tr, d, _load_tmpl(tr, src.kt, e, 16), _load_tmpl(tr, src.vt, e, _voff(src)), loc)
        return c
    _fold(tr, src, [], step)


def call(tr, fn, args, kwargs, loc):
    """Builtins and methods with dicts; NO when none applies."""
    import collections
    if type(fn) is ContainerMethod and type(fn.c) is PyDict:
        return call_method(tr, fn, list(args), dict(kwargs), loc)
    if fn is dict and not kwargs:
        if not args:
            site = _site(tr, loc, "dict()")
            kt, vt = _sites(tr).get(site, (None, None))
            return new_dict(tr, kt, vt, loc, site)
        if len(args) == 1 and is_dict(args[0]):
            return _copy(tr, args[0], loc, plain=True)
    if fn is collections.defaultdict and not kwargs and len(args) == 1 and \
            args[0] in (int, float, bool):
        site = _site(tr, loc, "defaultdict")
        kt, vt = _sites(tr).get(site, (None, None))
        return new_dict(tr, kt, vt, loc, site, default=args[0])
    if fn is collections.Counter and not args and not kwargs:
        site = _site(tr, loc, "Counter")
        kt, vt = _sites(tr).get(site, (None, None))
        return new_dict(tr, kt, vt, loc, site, counter=True)
    if not any(is_dict_value(a) for a in args):
        return NO
    a0 = args[0] if args else None
    if fn is len and len(args) == 1:
        if is_dict(a0):
            return length(tr.fb, a0)
        if type(a0) is DictView:
            return length(tr.fb, a0.d)
    if fn is bool and len(args) == 1 and is_dict(a0):
        return truth(tr, a0)
    if fn in (sum, min, max, sorted, list, any, all, tuple) and len(args) >= 1 and \
            type(a0) in (PyDict, DictView):
        return _via_list(tr, fn, a0, args[1:], kwargs, loc)
    if fn is iter and len(args) == 1:
        return get_iter(tr, a0)
    return NO


def _via_list(tr, fn, v, rest, kwargs, loc):
    """sum/min/max/sorted/list/any/all of a dict or view: over a list of the
    items in iteration order (lists.py does the rest)."""
    from . import lists
    d, kind = (v.d, v.kind) if type(v) is DictView else (v, "keys")
    if fn is tuple:
        raise error(loc, "tuple() of a dict is not supported (its length is not known when "
                    "compiling)", "use list(d)", E_UNSUPPORTED_CALL)
    if d.kt is None:  # empty at run time
        if fn is list or fn is sorted:  # a list that learns its type if filled
            return lists.new_list(tr, None, [], loc, site=_site(tr, loc, fn.__name__))
        try:  # Python's answer for an empty dict; its exception (max(): ValueError) at run time
            return fn([], *rest, **kwargs)
        except (ValueError, TypeError) as e:
            raise TraceRaise(type(e).__name__, str(e)) from None
    tmpl = d.kt if kind == "keys" else d.vt if kind == "values" else (d.kt, d.vt)
    elem = lists._elem_of(tmpl)
    if elem is None:
        raise error(loc, f"{fn.__name__}() over dict {kind} of type {_kind(tmpl)} is not "
                    "supported", "loop over the dict instead", E_UNSUPPORTED_CALL)
    fb = tr.fb
    lst = lists.new_list(tr, elem, [], loc, capacity=_ld(fb, d.hdr, 0))

    def step(e, c):
        if kind == "keys":
            item = _load_tmpl(tr, d.kt, e, 16)
        elif kind == "values":
            item = _load_tmpl(tr, d.vt, e, _voff(d))
        else:
            item = (_load_tmpl(tr, d.kt, e, 16), _load_tmpl(tr, d.vt, e, _voff(d)))
        lists.append(tr, lst, item, loc)
        return c
    _fold(tr, d, [], step)
    if fn is list:
        return lst
    from .calls import call_value
    return call_value(tr, fn, [lst] + list(rest), dict(kwargs), loc)  # (sum() of no floats:
    # 0.0, like lists.py's, where CPython gives the int 0: README "Where py2wasm differs")
