"""Calls during tracing: Python functions (traced into their own IR
functions, specialized on argument types, recursion included), `range`,
`len`/`enumerate`/`zip` over tuples, exception constructors, and everything
else handed to `builtins.call_builtin`.

Place in the pipeline: frontend; `opcodes_calls.CallOps._call` calls `call_value`;
`ModuleTracer` owns the IR module being built and the table of traced
specializations (also used by the entry points in `__init__.py`).
"""
from __future__ import annotations

import builtins as _py
import inspect
import math
import os
import re
import subprocess

from ..errors import CompileError
from ..ir import BOOL, F64, I64, NONE, Module, Var
from .cmathlib import call_cmath, is_cmath_function
from .complexes import BoundMethod
from .values import is_complex
from .iterators import SymRange, make_range, reversed_range
from .signature import placeholder, result_annotation
from .state import Static, key_of, leaves, rebuild
from .values import (E_FORBIDDEN, E_RECURSION_TYPE, E_TRACE_LIMIT, E_TYPE, E_UNSUPPORTED_CALL,
                     TraceRaise, error, scalar_type)

MAX_CALL_DEPTH = 64

_FORBIDDEN = {id(f): n for n, f in [("eval", eval), ("exec", exec), ("open", open),
                                     ("__import__", __import__), ("compile", compile),
                                     ("input", input), ("globals", globals),
                                     ("locals", locals), ("vars", vars),
                                     ("breakpoint", breakpoint), ("exit", getattr(_py, "exit", None)),
                                     ("quit", getattr(_py, "quit", None))] if f is not None}
_FORBIDDEN_MODULES = ("os", "posix", "nt", "subprocess", "sys", "shutil", "io", "socket",
                      "pathlib", "importlib")


class NeedResultType(Exception):
    """A recursive call needs the result type of a function still being traced."""

    def __init__(self, key):
        self.key = key


class ModuleTracer:
    """The IR module under construction and its traced specializations."""

    def __init__(self, reserved_names=()):
        self.module = Module()
        self.done: dict = {}         # key -> (ir name, result PyType)
        self.active: dict = {}       # key -> (ir name, result PyType or None)
        self.reserved = set(reserved_names)
        self.used: set = set()
        self.layouts: dict = {}      # class -> objects.Layout (instances' fields)
        self.dict_sites: dict = {}   # dict literal site -> (key, value) templates (dicts.py)
        self.layouts_grew = False    # a layout or a dict site learned a type: trace again
        self.never_returns: set = set()  # functions whose every path raises (their calls end a path)

    def fresh_name(self, fn) -> str:
        base = re.sub(r"\W", "_", fn.__qualname__.replace(".<locals>.", "."))
        name, i = base, 1
        while name in self.used or name in self.reserved:
            i += 1
            name = f"{base}_{i}"
        self.used.add(name)
        return name

    def specialize(self, fn, args, loc, *, name=None, site=None, soft=False, shared=False):
        """Trace `fn(*args)` (trace values) once per key; return (ir name,
        result template: a trace value whose numeric leaves are the call's
        results). `name` forces an export name (and a fresh trace). `site`:
        library code traced with every location set to the user's call.
        `soft`: the variant called in a try region (trycatch.py). `shared`:
        the site is left out of the key (`call_python`)."""
        from .lists import ListTypeLearned
        from .tracer import AssumptionFailed, FunctionTracer
        key = (fn, tuple(key_of(a) for a in args), "shared" if shared else site) + (
            ("soft",) if soft else ())
        export = name is not None
        if name is None:
            if key in self.done:
                return self.done[key]
            if key in self.active:
                nm, rt = self.active[key]
                if rt is None:
                    raise NeedResultType(key)
                return nm, placeholder(rt)
            name = self.fresh_name(fn)
        else:
            self.used.add(name)
        if len(self.active) >= MAX_CALL_DEPTH:
            raise error(loc, f"calls nest more than {MAX_CALL_DEPTH} deep while compiling",
                        "", E_TRACE_LIMIT)
        attempts = [(result_annotation(fn), False)]
        candidates = False
        failures = []  # CompileErrors seen under an assumed result type
        while attempts:
            result, assumed = attempts.pop(0)
            snap = (dict(self.done), dict(self.module.functions), set(self.used))
            self.active[key] = (name, result)
            try:
                ir_fn, template = FunctionTracer(self, fn, list(args), name, result=result,
                                                 result_is_assumed=assumed,
                                                 export=export, site=site, soft=soft).run()
            except NeedResultType as e:
                self._restore(snap, name)
                if e.key != key or candidates:
                    raise
                candidates = True
                attempts = [(t, True) for t in _candidates(args)]
                continue
            except AssumptionFailed:
                self._restore(snap, name)
                continue
            except ListTypeLearned:  # an empty list's element type: trace again knowing it
                self._restore(snap, name)
                attempts.insert(0, (result, assumed))
                continue
            except CompileError as e:
                if not assumed:
                    raise
                self._restore(snap, name)  # maybe caused by the assumption: try the next
                failures.append(e)
                continue
            finally:
                self.active.pop(key, None)
            from ..ir.core import Return
            if not export and not any(isinstance(b.term, Return) for b in ir_fn.blocks):
                self.never_returns.add(name)
            self.module.add(ir_fn)
            self.done.setdefault(key, (name, template))
            return name, template
        if failures and len(failures) == len(_candidates(args)) and \
                len({(f.code, f.file, f.line) for f in failures}) == 1:
            raise failures[0]  # the same error whatever the assumption: a real one
        raise error(_def_loc(fn), f"cannot infer the result type of recursive function "
                    f"{fn.__name__}()", "annotate the return type, e.g. `-> float`",
                    E_RECURSION_TYPE)

    def _restore(self, snap, name):
        self.done, self.module.functions, used = snap[0], snap[1], snap[2]
        self.used = used | {name}


def _def_loc(fn):
    from ..ir import Loc
    import linecache
    c = fn.__code__
    return Loc(c.co_filename, c.co_firstlineno, None,
               linecache.getline(c.co_filename, c.co_firstlineno).strip())


def _template(v):
    """Argument shape for a callee: numbers stay (they become parameters)."""
    return v


def _candidates(args) -> list:
    out = []
    for a in args:
        t = scalar_type(a)
        if t is not None and t is not BOOL:
            out.append(t)
            break
    for t in (I64, F64, BOOL, NONE):  # NONE: a recursive procedure (returns nothing)
        if t not in out:
            out.append(t)
    from ..ir.types import OptionalType  # a recursive search: None or a number
    return out + [OptionalType(t) for t in (I64, F64, BOOL)]


def call_python(tr, fn, args, kwargs, loc, *, site=None, public=None, shared=False):
    """Trace a call of the Python function `fn`. `site`/`public`: library
    code (see `FunctionTracer.site`) and the name the user called.
    `shared`: library code that raises nothing at run time for the argument
    types it is given (CPython's list sort on keys of one orderable type), so
    its locations are never shown: one specialization serves every call site
    (traced with the first site's location) instead of one per site."""
    site = site or getattr(tr, "site", None)
    shown = public or fn.__name__
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        raise error(loc, f"cannot inspect {shown}()", "", E_UNSUPPORTED_CALL) from None
    for p in sig.parameters.values():
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            raise error(loc, f"{shown}() takes *args or **kwargs, which is not supported",
                        "give it plain parameters", E_UNSUPPORTED_CALL)
    try:
        bound = sig.bind(*args, **kwargs)
    except TypeError as e:
        raise error(loc, f"{shown}(): {e}", f"its signature is {shown}{sig}", E_TYPE) from None
    bound.apply_defaults()
    values = list(bound.arguments.values())
    from .generators import GenCall, start_iter
    values = [start_iter(tr, v, loc) if isinstance(v, GenCall) else v for v in values]
    if site is not None:  # library code: known numbers stay known inside it
        values = [Static(v) if _static(v) else v for v in values]
    soft = tr.fb.catch is not None or getattr(tr, "soft", False)  # in a try region
    try:
        name, result = tr.mt.specialize(fn, values, loc, site=site, soft=soft,
                                         shared=shared and site is not None)
    except CompileError as e:
        raise _at_call(e, loc, public) from None
    ins = []
    for v in values:
        ins.extend(tr.materialize(x) for x in leaves(v, []))
    if getattr(fn, "__py2wasm_comprehension__", False):  # captured locals: more arguments
        for cell in fn.__closure__ or ():
            ins.extend(tr.materialize(x) for x in leaves(cell.cell_contents, []))
    types = [scalar_type(x) for x in leaves(result, [])]
    outs = tr.fb.emit_multi("call", ins, {"fn": name, "results": types}, loc)
    return rebuild(result, iter(outs))


def _library_dirs() -> tuple:
    import numpy
    py2wasm_dir = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
    return (py2wasm_dir, os.path.dirname(os.path.abspath(numpy.__file__)) + os.sep,
            os.path.dirname(os.path.abspath(os.__file__)) + os.sep)


def _at_call(e: CompileError, loc, public) -> CompileError:
    """A CompileError raised while tracing library code (py2wasm's kernels,
    NumPy's or the standard library's Python), located at the call that
    reached it: the user sees their own line. Errors in the user's own
    functions keep their location."""
    if loc is None or loc.file == e.file:
        return e
    f = os.path.abspath(str(e.file)) if e.line is not None else ""
    if e.line is not None and not f.startswith(_library_dirs()):
        return e
    where = f" (inside {public})" if public and public not in e.construct else ""
    return error(loc, e.construct + where, e.hint, e.code)


def _static(v) -> bool:
    """A known number, or a tuple of them (an `axis=`), for `Static`."""
    if type(v) is tuple:
        return all(_static(x) for x in v)
    return type(v) in (int, float, bool)


def _forbidden(fn):
    if id(fn) in _FORBIDDEN:
        return _FORBIDDEN[id(fn)]
    mod = getattr(fn, "__module__", None) or ""
    if mod.split(".")[0] in _FORBIDDEN_MODULES or fn in (os.system, subprocess.run):
        return f"{mod}.{getattr(fn, '__name__', '?')}"
    return None


def check_forbidden(v, loc):
    """Raise E_FORBIDDEN as soon as a forbidden function or module is loaded."""
    if inspect.ismodule(v):
        if v.__name__.split(".")[0] in _FORBIDDEN_MODULES:
            raise error(loc, f"module {v.__name__} cannot be used in compiled code",
                        "py2wasm compiles numeric code: no I/O or system access", E_FORBIDDEN)
        return
    if callable(v) and not isinstance(v, type):
        try:
            bad = fn_is_print = v is print
            bad = bad or _forbidden(v)
        except Exception:  # noqa: BLE001 - odd objects are simply not forbidden
            return
        if fn_is_print:
            raise error(loc, "print() is not supported in compiled code",
                        "return the values you want to see, and print them in Python",
                        E_FORBIDDEN)
        if bad:
            raise error(loc, f"call to {bad}() is not supported",
                        "py2wasm compiles numeric code: no I/O, eval or system access",
                        E_FORBIDDEN)


_NO = object()


def _array_call(tr, fn, args, kwargs, loc):
    """NumPy functions, array methods and builtins on arrays (nplib)."""
    from . import arrays, npargs, nplib
    uf = getattr(fn, "__self__", None)
    if uf is not None and type(uf).__name__ == "ufunc" and _is_numpy(uf):  # np.add.outer...
        from . import complex_calls, ufunc_methods
        if complex_calls.wants(None, args, kwargs):
            raise error(loc, f"numpy.{uf.__name__}.{fn.__name__}() with complex values is not "
                        "supported", "write the loop, or use the ufunc itself",
                        E_UNSUPPORTED_CALL)
        return ufunc_methods.call(tr, uf, fn.__name__, list(args), dict(kwargs), loc)
    if isinstance(fn, npargs.ArrayMethod):
        from . import complex_calls
        orders = fn.name in ("flatten", "ravel", "copy")  # a.flatten("F"): an order, not complex64
        if complex_calls.wants(None, [fn.arr] + [x for x in args if not (
                orders and isinstance(x, str))], kwargs):
            return complex_calls.call_method(tr, fn, args, kwargs, loc)
        return nplib.call_method(tr, fn, args, kwargs, loc)
    if isinstance(fn, type) and issubclass(fn, BaseException):
        return _NO  # numpy.linalg.LinAlgError(...): an exception value, built when tracing
    if _is_numpy(fn):
        from . import complex_calls, fft_calls, linalg_calls
        fft_name = fft_calls.implementation(fn)  # numpy.fft: py2wasm/fftlib
        if fft_name is not None:
            return fft_calls.call(tr, fn, fft_name, args, kwargs, loc)
        impl = linalg_calls.implementation(fn)  # real or complex matrices
        if impl is not None:
            return linalg_calls.call(tr, fn, impl, args, kwargs, loc)
        if complex_calls.wants(fn, args, kwargs):
            return complex_calls.call(tr, fn, args, kwargs, loc)
        return nplib.call(tr, fn, args, kwargs, loc)
    if not any(arrays.is_array(a) for a in args):
        return _NO
    if fn is len and len(args) == 1 and not kwargs:
        a = args[0]
        if a.ndim == 0:
            raise error(loc, "len() of a 0-d array", "", E_TYPE)
        return a.shape[0]
    if fn is abs and len(args) == 1 and not kwargs:
        import numpy as np
        return arrays.scalar_if_0d(tr, arrays.ufunc_node(tr, np.absolute, [args[0]], loc), loc)
    if (fn is int or fn is float or fn is complex) and len(args) == 1 and not kwargs and \
            getattr(args[0], "ndim", 0) >= 1:  # NumPy 2.x: a TypeError for any size
        import numpy as np
        try:
            fn(np.zeros((1,) * args[0].ndim))
        except TypeError as e:
            raise TraceRaise("TypeError", str(e)) from None
    if fn in (sum, min, max, any, all):  # over axis 0, as CPython iterates (array_builtins.py)
        from .array_builtins import call as builtin_over_array
        r = builtin_over_array(tr, fn, args, kwargs, loc)
        if r is not None:
            return r
    if fn in (sum, min, max, any, all, float, int, bool, round):
        raise error(loc, f"the builtin {fn.__name__}() on an array is not supported",
                    f"use numpy.{fn.__name__ if fn not in (float, int, bool) else 'sum'}() or "
                    "the array method (a.sum(), a.max()...)", E_UNSUPPORTED_CALL)
    return _NO


def _is_numpy(fn) -> bool:
    if isinstance(fn, type) and issubclass(fn, BaseException):  # np.linalg.LinAlgError(...)
        return False
    mod = getattr(fn, "__module__", None) or ""
    if mod == "numpy" or mod.startswith("numpy."):
        return True
    try:
        import numpy as np
    except ImportError:  # pragma: no cover
        return False
    return isinstance(fn, np.ufunc) or (isinstance(fn, type) and issubclass(fn, np.generic))


def _has_np(vals) -> bool:
    from .npscalars import is_np
    return any(is_np(v) or (type(v) is tuple and _has_np(v)) for v in vals)


def _demote(v, fb, loc):
    from .npscalars import demote
    if type(v) is tuple:
        return tuple(_demote(x, fb, loc) for x in v)
    return demote(v, fb, loc)


def call_value(tr, fn, args, kwargs, loc):
    """The trace value of `fn(*args, **kwargs)`."""
    if fn is print:
        raise error(loc, "print() is not supported in compiled code",
                    "return the values you want to see, and print them in Python",
                    E_FORBIDDEN)
    bad = _forbidden(fn)
    if bad:
        raise error(loc, f"call to {bad}() is not supported",
                    "py2wasm compiles numeric code: no I/O, eval or system access",
                    E_FORBIDDEN)
    if type(getattr(fn, "__self__", None)) is dict and getattr(fn, "__name__", "") in (
            "get", "__getitem__", "__contains__"):  # TABLE.get(k): frontend/dict_constants.py
        from . import dict_constants
        return dict_constants.method(tr, fn.__self__, fn.__name__, args, kwargs, loc)
    from . import random_calls  # numpy.random: default_rng and its Generator (randomlib)
    r = random_calls.call(tr, fn, args, kwargs, loc)
    if r is not random_calls.NO:
        return r
    from . import generators, lists, strings
    if isinstance(fn, generators.GenMaker):  # calling a generator expression's function
        return generators.Gen(fn, args[0])
    if generators.is_generator_function(fn):  # consumed by its caller (generators.py)
        return generators.GenCall(fn, args, kwargs)
    if inspect.ismethod(fn) and generators.is_generator_function(fn.__func__):
        return generators.GenCall(fn.__func__, [fn.__self__] + list(args), kwargs)
    if fn is next or fn is iter:
        r = generators.next_or_iter(tr, fn, list(args), kwargs, loc)
        if r is not NotImplemented:
            return r
    if fn is math.fsum:  # CPython's algorithm, traced (frontend/fsum.py)
        from . import fsum
        return fsum.call(tr, list(args), dict(kwargs), loc)
    if fn is math.dist or fn is math.hypot and len(args) > 2 and not kwargs and not all(
            isinstance(a, (int, float)) for a in args):  # CPython's vector_norm, traced
        from . import vecnorm
        return vecnorm.call(tr, fn, tuple(args), dict(kwargs), loc)
    if args and isinstance(args[0], generators.GenIter):
        r = generators.consume_iter(tr, fn, args[0], list(args[1:]), dict(kwargs), loc)
        if r is not NotImplemented:
            return r
    if any(isinstance(a, generators.Gen) for a in list(args) + list(kwargs.values())):
        if len(args) >= 1 and isinstance(args[0], generators.Gen):
            r = generators.consume(tr, fn, args[0], list(args[1:]), dict(kwargs), loc)
            if r is not NotImplemented:
                return r
        if not inspect.isfunction(fn):
            raise generators.refuse(loc)
        # a generator passed to a Python function is made here, as in CPython
        args = [generators.started(tr, a, loc) for a in args]
        kwargs = {k: generators.started(tr, a, loc) for k, a in kwargs.items()}
    from . import collections_calls  # heapq, bisect, deque, Counter, defaultdict
    r = collections_calls.call(tr, fn, list(args), dict(kwargs), loc)
    if r is not collections_calls.NO:
        return r
    from . import dicts, objects, sets, strvalues
    if args and type(args[0]).__name__ in ("ListIter", "RevIter", "EnumIter", "ZipIter") and any(
            fn is b for b in (list, sorted, sum, min, max, any, all, set, tuple)):
        # list(reversed(xs)), sum(zip(...)), sorted(enumerate(xs)): over their items
        from .lists_iter import drain
        items = drain(tr, args[0], loc)
        if items is not None:
            args = [items] + list(args[1:])
    from . import container_repr  # str(xs), repr(d)
    r = container_repr.call(tr, fn, list(args), dict(kwargs), loc)
    if r is not container_repr.NO:
        return r
    from . import numtext  # hex oct bin hash math.prod
    r = numtext.call(tr, fn, list(args), dict(kwargs), loc)
    if r is not numtext.NO:
        return r
    from . import seq_builtins  # sum/min/max/sorted... of tuples and ranges
    r = seq_builtins.call(tr, fn, list(args), dict(kwargs), loc)
    if r is not seq_builtins.NO:
        return r
    if isinstance(fn, type) and fn.__name__ in ("ndindex", "ndenumerate") and _is_numpy(fn):
        return _array_call(tr, fn, args, kwargs, loc)  # npfuncs_ndindex: traced generators
    for values in (strvalues, sets, dicts, lists, objects):  # containers and instances (their modules)
        r = values.call(tr, fn, list(args), dict(kwargs), loc)
        if r is not values.NO:
            return r
    if isinstance(fn, type) and issubclass(fn, BaseException) and not kwargs and \
            any(strings.is_run_time(a) for a in args):
        return strings.make_exception(fn, list(args), loc, tr)
    if fn in (str, repr, ascii, format):
        r = strings.call_builtin(fn, list(args), dict(kwargs), loc)
        if r is not NotImplemented:
            return r
    arr = _array_call(tr, fn, args, kwargs, loc)
    if arr is not _NO:
        return arr
    from . import npscalars
    if isinstance(fn, npscalars.ScalarMethod):
        return npscalars.call_method(tr.fb, fn, args, kwargs, loc)
    if inspect.isfunction(fn):
        return call_python(tr, fn, args, kwargs, loc)
    if isinstance(fn, BoundMethod):  # z.conjugate()
        return fn.call(tr.fb, args, kwargs, loc)
    if is_cmath_function(fn):
        return call_cmath(tr, fn, list(args), dict(kwargs), loc)
    if inspect.ismethod(fn) and inspect.isfunction(fn.__func__):  # obj.method(...)
        return call_python(tr, fn.__func__, [fn.__self__] + list(args), kwargs, loc)
    if fn is isinstance and len(args) == 2 and not kwargs:  # known when compiling (pytypes.py)
        from .pytypes import isinstance_
        return isinstance_(args[0], args[1], loc)
    if fn is type and len(args) == 1 and not kwargs:
        from .pytypes import type_
        return type_(args[0], loc)
    from .complex_scalars import BoundConj, NpCx
    if isinstance(fn, BoundConj) or any(type(a) is NpCx for a in args):
        from .complex_scalars import call_builtin as cx_builtin
        r = cx_builtin(tr, fn, args, kwargs, loc)
        if r is not None:
            return r
    if _has_np(args) or _has_np(kwargs.values()):
        from . import npscalars as nps
        r = nps.call_builtin(tr.fb, fn, args, kwargs, loc)
        if r is not nps._NO:
            return r
        # other builtins (float, int, range, math...) see the Python values
        args = [_demote(a, tr.fb, loc) for a in args]
        kwargs = {k: _demote(v, tr.fb, loc) for k, v in kwargs.items()}
    if fn is range and not kwargs:
        return make_range(tr.fb, args, loc)
    if isinstance(fn, type) and issubclass(fn, BaseException):
        if any(isinstance(a, Var) for a in args) or kwargs:
            raise error(loc, "exception arguments must be known when compiling",
                        "use a constant message", E_UNSUPPORTED_CALL)
        return fn(*args)
    tuples = bool(args) and all(isinstance(a, tuple) for a in args) and not kwargs
    if fn is len and len(args) == 1 and isinstance(args[0], (tuple, range)):
        return len(args[0])
    if fn is enumerate and tuples and len(args) == 1:
        return tuple(enumerate(args[0]))
    if fn is reversed and len(args) == 1 and isinstance(args[0], (tuple, range)):
        return args[0][::-1]  # a known range reversed is a range
    if fn is reversed and len(args) == 1 and not kwargs and isinstance(args[0], SymRange):
        return reversed_range(tr.fb, args[0], loc)
    if fn is zip and tuples:
        return tuple(zip(*args))
    if fn is tuple and len(args) == 1 and isinstance(args[0], (tuple, range)):
        return tuple(args[0])
    from . import key_functions  # itemgetter, attrgetter, str.lower...
    r = key_functions.call(tr, fn, args, kwargs, loc)
    if r is not key_functions.NO:
        return r
    from . import builtins as bi
    try:
        return bi.call_builtin(tr.fb, fn, list(args), dict(kwargs), loc)
    except bi.NotABuiltin:
        pass
    name = getattr(fn, "__qualname__", None) or type(fn).__name__
    raise error(loc, f"call to {name}() is not supported",
                "compiled code can call Python functions defined in Python, math "
                "functions and numeric builtins", E_UNSUPPORTED_CALL)
