"""`py2wasm.compile`: the developer's loop. Trace, lower and run under wasmtime.

Place in the pipeline: glue over every stage (frontend -> ir -> passes ->
backend -> runner). A `CompiledFunction` specializes on the types of the
actual arguments at each call (one compiled version per argument-type
signature), so it behaves exactly like the Python function it wraps.
"""
from __future__ import annotations

import builtins
import functools
import inspect
from dataclasses import dataclass
from typing import Any, Callable, Optional

from . import ir
from .ir.types import ListType, OptionalType
from .errors import CompileError
from .targets import TARGETS, get_target

OPT_LEVELS = ("O0", "O1", "O2", "O3", "Os", "Oz")


@dataclass
class Specialization:
    """One compiled version of a function: its IR, the wasm build and the
    live wasmtime instance running it."""
    module: ir.Module
    build: Any  # backend.Build
    instance: Any  # runner.Instance
    name: str

    @property
    def ir_text(self) -> str:
        return ir.format_module(self.module)

    @property
    def wasm(self) -> bytes:
        return self.build.wasm

    def wat(self) -> str:
        return self.build.wat()

    def __post_init__(self):
        sig = self.module.functions[self.name].sig
        types = [t for _, t in sig.params]
        self.named = any(map(_has_named, types)) or _has_named(sig.result)
        self._types = types
        self._result = sig.result

    def call_named(self, args):
        """A call whose arguments or result hold NamedTuples or instances: the
        runner sees plain tuples; instance arguments get their final state
        (frontend/objects.py), the result its classes back."""
        from .frontend import lists_objects_abi as loa
        plain = tuple(_plain(t, a) for t, a in zip(self._types, args))
        objs = [a for t, a in zip(self._types, args) if isinstance(t, ir.ObjectType)]
        olists = [a for t, a in zip(self._types, args) if loa.is_param_type(t)]
        lists = [(t, a) for t, a in zip(self._types, args)
                 if isinstance(t, ListType) and not loa.is_param_type(t)]
        try:
            r = self.instance.call(self.name, plain)
        except BaseException:
            for t, a in lists:  # list arguments are read back after a raise too
                _named_rows(t, a)
            if objs or olists:  # the instances keep what the function did before it raised
                types = _state_types(self._result, self._types)
                states = _raised_states(self.instance, types)
                _restore_all(zip(objs + olists, states, types), {})
            raise
        for t, a in lists:
            _named_rows(t, a)
        if not objs and not olists:
            return _renamed(self._result, r, {})
        value, states = r
        by_addr: dict = {}
        _restore_all(zip(objs + olists, states, self._result.elems[1].elems), by_addr)
        return _renamed(self._result.elems[0], value, by_addr)


def _restore_all(args, by_addr) -> None:
    """The instance arguments and lists of instances (frontend/lists_objects_abi.py)
    get their states after the call, each (obj, type, state) of `args`.
    `by_addr` first learns the addresses of every caller's object (instances,
    lists and their items), then the lists are refilled: an instance moved
    from a later list argument into an earlier one is the caller's own."""
    args = list(args)
    for obj, t, st in ((o, t, s) for o, s, t in args):
        if t.pyclass is list:
            hdr, entry, _ = st
            for a, x in zip(entry, obj):
                by_addr.setdefault(a, x)
            by_addr[hdr] = obj
        else:
            by_addr[st[0]] = obj
    for obj, st, t in args:
        if t.pyclass is list:
            obj[:] = _list_of_instances(t, st, by_addr)
        else:
            _restore(obj, t, st)


def _list_of_instances(t, st, by_addr) -> list:
    """The instances of list state `st` (type `t`): the caller's objects for the
    addresses it passed (updated), new instances for the others."""
    et = t.elems[2].elem
    out, done = [], set()
    for rec in st[2]:
        obj = by_addr.get(rec[0])
        if obj is None:
            obj = by_addr[rec[0]] = object.__new__(et.pyclass)
        if rec[0] not in done:
            done.add(rec[0])
            _restore(obj, et, rec)
        out.append(obj)
    return out


def _state_types(result, params) -> list:
    """The state types of an export's instance arguments: from its result,
    (value, states); when every path raises (the result is None), from the
    parameters' types (the attributes they enter with)."""
    if isinstance(result, ir.TupleType) and len(result.elems) == 2 and isinstance(
            result.elems[1], ir.TupleType) and all(
            isinstance(t, ir.ObjectType) and t.state for t in result.elems[1].elems):
        return list(result.elems[1].elems)
    from .frontend.lists_objects_abi import is_param_type
    out = [ir.ObjectType((ir.I64, ir.I64) + t.elems, ("__addr__", "__mask__") + t.names,
                         t.pyclass, state=True)
           for t in params if isinstance(t, ir.ObjectType)]
    for t in params:
        if is_param_type(t):
            e = t.elem
            et = ir.ObjectType((ir.I64, ir.I64) + e.elems[1:], ("__addr__", "__mask__") +
                               e.names[1:], e.pyclass, state=True)
            out.append(ir.ObjectType((ir.I64, ListType(ir.I64), ListType(et)),
                                     ("__addr__", "__entry__", "__items__"), list, state=True))
    return out


def _raised_states(instance, types) -> list:
    """The states of an export's instance arguments after a call that
    raised, read from linear memory: word 0 points to their addresses
    (frontend/objects_abi.py `publish`), each block is the assigned bits then the
    attributes' leaves, 8 bytes each (objects.Layout). [] when the call raised
    before its entry published them."""
    import numpy as np
    from .runner.arrays import unflatten_result
    mem = instance._exports.get("memory")  # noqa: SLF001
    if mem is None:
        return []
    store = instance.store

    def word(addr, dt="<i8"):
        return np.frombuffer(bytes(mem.read(store, addr, addr + 8)), dt)[0]
    blk = int(word(0))
    if not blk:
        return []
    mem.write(store, bytes(8), 0)  # read once: a later call must not see it
    def one(t, hdr):
        flat, off = [], hdr + 8
        for e in t.elems[2:]:
            for leaf in ir.flatten(e):
                flat.append(int(word(off)) if leaf is ir.I64 else float(word(off, "<f8"))
                            if leaf is ir.F64 else bool(mem.read(store, off, off + 1)[0]))
                off += 8
        it = iter(flat)
        return (hdr, int(word(hdr))) + tuple(
            unflatten_result(e, it, lambda a, n: bytes(mem.read(store, a, a + n)))
            for e in t.elems[2:])

    def addrs(hdr):  # the elements of a list of instances (8-byte addresses)
        data = int(word(hdr + 16))
        return [int(word(data + 8 * j)) for j in range(int(word(hdr)))]
    states, k = [], 0
    for t in types:
        if t.pyclass is list:  # a list of instances: its header, then its entry addresses
            hdr, entry = int(word(blk + 8 * k)), int(word(blk + 8 * k + 8))
            k += 2
            et = t.elems[2].elem
            states.append((hdr, addrs(entry), [one(et, a) for a in addrs(hdr)]))
            continue
        states.append(one(t, int(word(blk + 8 * k))))
        k += 1
    return states


def _has_named(t) -> bool:
    if isinstance(t, OptionalType):  # T | None
        return _has_named(t.elem)
    if isinstance(t, ListType):  # a list of NamedTuples (frontend/lists_records.py)
        return t.elem is not None and not isinstance(t.elem, str) and _has_named(t.elem)
    return isinstance(t, ir.TupleType) and (t.pyclass is not None or any(map(_has_named,
                                                                                t.elems)))


def _named_rows(t, v) -> None:
    """Give list `v` (of ListType `t`, in place, rows too) its NamedTuples'
    class back: the runner reads a list's records as plain tuples."""
    e = t.elem
    if type(v) is not list or e is None or isinstance(e, str):
        return
    if isinstance(e, ListType):
        for row in v:
            _named_rows(e, row)
    elif isinstance(e, ir.TupleType) and e.pyclass is not None:
        v[:] = [x if type(x) is e.pyclass else e.pyclass._make(x) for x in v]


def _plain(t, v):
    if isinstance(t, OptionalType):
        return None if v is None else _plain(t.elem, v)
    from .frontend.lists_objects_abi import host_records, is_param_type
    if is_param_type(t):  # a list of instances: records (frontend/lists_objects_abi.py)
        return host_records(t, v)
    if isinstance(t, ir.ObjectType):  # an instance: its attributes, in the type's order
        d = vars(v)
        if tuple(d) != t.names:
            raise TypeError(f"the attributes of this {type(v).__name__} changed since the call "
                            "was compiled")
        return tuple(_plain(e, d[n]) for e, n in zip(t.elems, t.names))
    if isinstance(t, ir.TupleType) and isinstance(v, tuple):
        return tuple(_plain(e, x) for e, x in zip(t.elems, v))
    return v


def _restore(obj, t, st) -> None:
    """Give `obj` the state `st` (address, assigned bits, attributes) of type `t`."""
    mask = st[1]
    d = vars(obj)
    for i, (n, e, v) in enumerate(zip(t.names[2:], t.elems[2:], st[2:])):
        if mask >> i & 1:
            object.__setattr__(obj, n, _renamed(e, v, {}))
        elif n in d:
            object.__delattr__(obj, n)


def _renamed(t, v, by_addr):
    if isinstance(t, OptionalType):  # T | None: None stays None
        return None if v is None else _renamed(t.elem, v, by_addr)
    if isinstance(t, ir.ObjectType) and t.state and t.pyclass is list:  # of instances
        own = by_addr.get(v[0])
        return own if own is not None else _list_of_instances(t, v, by_addr)
    if isinstance(t, ir.ObjectType) and t.state:  # an instance leaving compiled code
        obj = by_addr.get(v[0])
        if obj is None:
            obj = by_addr[v[0]] = object.__new__(t.pyclass)
            _restore(obj, t, v)
        return obj
    if isinstance(t, ir.TupleType) and isinstance(v, tuple):
        items = tuple(_renamed(e, x, by_addr) for e, x in zip(t.elems, v))
        return t.pyclass._make(items) if t.pyclass is not None else items
    if isinstance(t, ListType):
        _named_rows(t, v)
    return v


_SCALARS = (int, float, bool, complex)


_NP_SCALARS: frozenset = frozenset()


def _np_scalar_types() -> frozenset:
    """The NumPy scalar types compiled functions take (fast call path)."""
    global _NP_SCALARS
    if not _NP_SCALARS:
        from .frontend.npscalars import NP_TYPES
        _NP_SCALARS = frozenset(NP_TYPES.values())
    return _NP_SCALARS


def _type_key(v: Any):
    t = type(v)
    if t is tuple:
        return (tuple, tuple(_type_key(x) for x in v))
    if issubclass(t, tuple) and hasattr(t, "_fields"):  # a NamedTuple: like a tuple, and its class
        return (tuple, tuple(_type_key(x) for x in v), t)
    if hasattr(v, "__dict__") and not isinstance(v, type) and t.__module__ != "builtins":
        # an instance (frontend/objects.py): its class and its attributes' names and types
        return (tuple, tuple((n, _type_key(x)) for n, x in vars(v).items()), t)
    if t.__name__ == "ndarray":  # one specialization per dtype, ndim, C order or not
        return (t, v.dtype.str, v.ndim, v.flags.c_contiguous)
    if t is list:  # one per element type (a str key: never taken for an array's)
        return _list_key(v)
    if t is dict or t is set:  # one per key and value (element) types
        return _container_key(v)
    return t


def _container_key(v) -> str:
    def kind(x):
        if type(x) is tuple:
            return "(" + ",".join(map(kind, x)) + ")"
        return type(x).__name__
    if type(v) is dict:
        return "dict:" + "|".join(sorted({kind(k) for k in v})) + ":" + "|".join(
            sorted({kind(x) for x in v.values()}))
    return "set:" + "|".join(sorted({kind(x) for x in v}))


def _list_key(v: list) -> str:
    if not v:
        return "list:"
    t0 = type(v[0])
    if t0 is list:
        return "list:[" + ",".join(sorted({_list_key(x) if type(x) is list else "?"
                                           for x in v})) + "]"
    if t0 is tuple:  # records: one specialization per field types
        kinds = {tuple(type(f).__name__ for f in x) if type(x) is tuple else None for x in v}
        return "list:(" + ",".join(kinds.pop()) + ")" if len(kinds) == 1 and None not in kinds \
            else "list:?"
    if issubclass(t0, tuple) and hasattr(t0, "_fields"):  # NamedTuples: the class and fields
        kinds = {tuple(type(f).__name__ for f in x) if type(x) is t0 else None for x in v}
        return f"list:{t0.__qualname__}@{id(t0)}(" + ",".join(kinds.pop()) + ")" if len(
            kinds) == 1 and None not in kinds else "list:?"
    if all(type(x) is t0 for x in v):
        return "list:" + t0.__module__ + "." + t0.__name__
    return "list:?"  # mixed: the compile refuses it with a located error


def _alias_key(args, key: tuple) -> tuple:
    """`key` extended with the groups of argument arrays that share memory
    (runner/aliasing.py), when there are: such a call gets its own version."""
    if sum(type(k) is tuple for k in key) < 2:
        return key
    from .runner.aliasing import check_nested, overlap_groups
    check_nested(args)
    groups = overlap_groups(args)
    return key if groups is None else key + (("alias", groups),)


def _aliased(key: tuple) -> bool:
    return bool(key) and type(key[-1]) is tuple and key[-1][:1] == ("alias",)


def _check_options(opt, target, fastmath):
    if opt not in OPT_LEVELS:
        raise ValueError(f"opt must be one of {', '.join(OPT_LEVELS)}, got {opt!r}")
    get_target(target)  # ValueError naming the choices
    if not isinstance(fastmath, bool):
        raise TypeError(f"fastmath must be True or False, got {fastmath!r}")


def build_module(module: ir.Module, *, opt: str = "O3", name: str = "module",
                 verify: bool = True, target: str = "simd", fastmath: bool = False,
                 abi: str = "host"):
    """IR module -> verified, optimized backend Build (runs the passes).

    `target` ("mvp", "simd", "relaxed-simd"; py2wasm.targets) is the set of
    wasm features the build may use; `fastmath` lets the passes reassociate
    float reductions and contract `x * y + z` (results may then differ from
    CPython/NumPy in the last bits). `abi`: the exported entry points' ABI,
    "host" (the runner) or "js" (the npm package; backend/abi.py)."""
    from .backend import compile_module
    from .passes import run_passes

    _check_options(opt, target, fastmath)
    if verify:
        ir.verify_module(module)
    module = run_passes(module, level=0 if opt == "O0" else 1, verify=verify,
                        target=target, fastmath=fastmath)
    return compile_module(module, opt=opt, name=name, target=target, abi=abi)


class CompiledFunction:
    """A Python function compiled to wasm on demand, per argument types.

    Calling it binds the arguments like Python does (keywords, defaults),
    compiles a specialization for their types the first time those types
    are seen, and runs it under wasmtime. `.ir`, `.wat()` and `.wasm` describe
    the most recently used specialization; `specializations` holds them all.
    """

    def __init__(self, fn: Callable, *, opt: str = "O3", verify: bool = True,
                 target: str = "relaxed-simd", fastmath: bool = False):
        if not inspect.isfunction(fn):
            raise TypeError(f"py2wasm.compile expects a Python function, got {type(fn).__name__}")
        _check_options(opt, target, fastmath)
        self.fn = fn
        self.opt = opt
        self.target = get_target(target).name
        self.fastmath = fastmath
        self.verify = verify
        self._sig = inspect.signature(fn)
        self._simple = all(p.kind is p.POSITIONAL_OR_KEYWORD for p in self._sig.parameters.values())
        self._nparams = len(self._sig.parameters)
        self.specializations: dict[Any, Specialization] = {}
        # argument types (all int/float/bool, all positional) -> (spec, runner callable)
        self._fast: dict[tuple, tuple] = {}
        # argument types -> the subclass whose __call__ serves them directly (_use_fast_class)
        self._classes: dict[tuple, type] = {}
        self._last: Optional[Specialization] = None
        functools.update_wrapper(self, fn)

    def _bind(self, args, kwargs) -> tuple:
        if not kwargs and len(args) == self._nparams and self._simple:
            return args
        try:
            bound = self._sig.bind(*args, **kwargs)
        except TypeError as e:
            raise TypeError(f"{self.fn.__name__}(): {e}") from None
        bound.apply_defaults()
        return tuple(bound.arguments.values())

    def specialize(self, *args, **kwargs) -> Specialization:
        """Compile (or fetch) the version for these arguments' types."""
        args = self._bind(args, kwargs)
        key = _alias_key(args, tuple(_type_key(a) for a in args))
        spec = self.specializations.get(key)
        if spec is None:
            spec = self._compile(args, key)
        return spec

    def _compile(self, args, key) -> Specialization:
        from .frontend import param_types_from_annotations, trace, types_of_values
        from .gcpause import paused_gc
        from .runner import Instance

        if not self._simple:  # *args, **kwargs, keyword-only: a located CompileError
            param_types_from_annotations(self.fn)
        types = types_of_values(args, self.fn)
        if _aliased(key):  # arrays sharing memory: views into one block (runner/aliasing.py)
            from .ir.types import ArrayType
            for i, g in enumerate(key[-1][1]):
                if g is not None:
                    types[i] = ArrayType(types[i].dtype, types[i].ndim, True, g)
        with paused_gc():  # py2wasm/gcpause.py
            module = trace(self.fn, list(types))
            build = build_module(module, opt=self.opt, name=self.fn.__name__, verify=self.verify,
                                 target=self.target, fastmath=self.fastmath)
        spec = Specialization(module, build, Instance(build), self.fn.__name__)
        self.specializations[key] = spec
        return spec

    def __call__(self, *args, **kwargs):
        if not kwargs and self._simple:
            # fast path: positional scalars of already-seen types
            hit = self._fast.get(tuple(map(type, args)))
            if hit is not None:
                self._last = hit[0]
                self._use_fast_class(tuple(map(type, args)), hit)
                return hit[1](args)
        args = self._bind(args, kwargs)
        key = _alias_key(args, tuple(_type_key(a) for a in args))
        spec = self.specializations.get(key)
        if spec is None:
            spec = self._compile(args, key)
        self._last = spec
        if spec.named:  # NamedTuples in the signature: the general path converts them
            if type(self) is not CompiledFunction:
                self.__class__ = CompiledFunction
            return spec.call_named(args)
        if _aliased(key):  # the general path only (the fast ones test that nothing overlaps)
            if type(self) is not CompiledFunction:
                self.__class__ = CompiledFunction
        elif all(k in _SCALARS or k in _np_scalar_types() for k in key):
            hit = self._fast[key] = (spec, spec.instance.function(spec.name))
            if self._simple:
                self._use_fast_class(key, hit)
        elif self._simple and all(k in _SCALARS or k in _np_scalar_types() or
                                  (type(k) is tuple and k[0] is not tuple) for k in key):
            self._use_fast_class(key, (spec, spec.instance.function(spec.name)))  # arrays and scalars
        elif type(self) is not CompiledFunction:
            self.__class__ = CompiledFunction
        return spec.instance.call(spec.name, args)

    def _use_fast_class(self, key: tuple, hit) -> None:
        """Make calls with exactly the argument types `key` (scalars, and
        NumPy arrays of one dtype and ndim) skip the dispatch: this object's class becomes a subclass whose __call__
        is the runner's guarded method (`Instance.method`: the type tests and
        the call in one frame) or, for signatures it does not cover, tests
        those types inline and calls the runner's caller directly
        (one per key, cached; any other call takes the general path above,
        which switches the class again). `_last` stays right: only a call
        through the general path changes the specialization in use."""
        cls = self._classes.get(key)
        if cls is None:
            # the runner's guarded method: the type tests and the call in one frame
            method = hit[0].instance.method(hit[0].name, CompiledFunction.__call__)
            if method is not None:
                cls = self._classes[key] = type(CompiledFunction.__name__, (CompiledFunction,),
                                                {"__call__": method, "__module__": __name__})
        if cls is None and any(type(k) is tuple and not k[3] for k in key):
            # strided arrays: only the runner's method serves them
            cls = self._classes[key] = CompiledFunction
        if cls is None:
            import numpy as np
            names = [f"_a{i}" for i in range(len(key))]
            ns: dict = {}
            tests = []
            for i, (n, k) in enumerate(zip(names, key)):
                if type(k) is tuple:  # an ndarray: (type, dtype.str, ndim); native dtypes are singletons
                    ns[f"_t{i}"], ns[f"_d{i}"] = k[0], np.dtype(k[1])
                    tests.append(f"type({n}) is _t{i} and {n}.dtype is _d{i} and {n}.ndim == {k[2]} "
                                 f"and {n}.flags.c_contiguous")  # others: a strided specialization
                else:
                    ns[f"_t{i}"] = k
                    tests.append(f"type({n}) is _t{i}")
            arrays = [n for n, k in zip(names, key) if type(k) is tuple]
            if len(arrays) > 1:  # arguments sharing memory take another version
                from .runner.aliasing import guard_source, overlap
                ns["_alias_overlap"] = overlap
                tests.append(f"not ({guard_source(arrays)})")
            test = " and ".join(tests) or "True"
            unpack = f"        {', '.join(names)}{',' if len(names) == 1 else ''} = args\n" if names else ""
            src = (f"def __call__(self, *args, **kwargs):\n"
                   f"    if not kwargs and len(args) == {len(key)}:\n{unpack}"
                   f"        if {test}:\n"
                   f"            return _caller(args)\n"
                   f"    return _general(self, *args, **kwargs)\n")
            ns.update(_caller=hit[1], _general=CompiledFunction.__call__)
            exec(builtins.compile(src, f"<py2wasm dispatch {self.fn.__name__}>", "exec"), ns)
            cls = self._classes[key] = type(CompiledFunction.__name__, (CompiledFunction,),
                                            {"__call__": ns["__call__"], "__module__": __name__})
        if type(self) is not cls:
            self.__class__ = cls

    def _current(self) -> Specialization:
        if self._last is None:
            raise RuntimeError(f"{self.fn.__name__} has not been compiled yet: call it once, "
                               "or use .specialize(*example_args)")
        return self._last

    @property
    def ir(self) -> str:
        """The typed IR (text) of the most recently used specialization."""
        return self._current().ir_text

    @property
    def wasm(self) -> bytes:
        return self._current().wasm

    def wat(self) -> str:
        return self._current().wat()

    def __repr__(self) -> str:
        return f"<py2wasm compiled {self.fn.__qualname__}, {len(self.specializations)} version(s)>"


def compile(fn: Callable, *, opt: str = "O3", verify: bool = True,
            target: str = "relaxed-simd", fastmath: bool = False) -> CompiledFunction:
    """Compile `fn` to WebAssembly; the result behaves exactly like `fn`.

    Types come from the actual arguments at each call; each distinct
    argument-type signature is compiled once. Raises `py2wasm.CompileError`
    (located, with a hint) for code outside the supported subset. `opt` is
    Binaryen's optimization level: "O0".."O3", "Os" or "Oz". `target` is the
    wasm feature set ("mvp", "simd" or "relaxed-simd", the default: wasmtime
    runs all three); array loops are vectorized on the SIMD targets with
    results identical to the scalar build. `fastmath=True` permits
    reassociation (float reductions in vector accumulators) and contraction
    (`x * y + z` as a fused multiply-add on "relaxed-simd").
    """
    return CompiledFunction(fn, opt=opt, verify=verify, target=target, fastmath=fastmath)


__all__ = ["compile", "CompiledFunction", "Specialization", "build_module", "CompileError",
           "TARGETS"]
