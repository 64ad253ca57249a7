"""The frontend: Python functions -> IR, by symbolic interpretation of their
bytecode (CPython 3.11, 3.12, 3.13).

Place in the pipeline: **frontend** -> ir -> passes -> backend. Entry points
(docs/internals.md section 2): `trace`, `trace_many`,
`param_types_from_annotations`, `types_of_values`. Modules: `tracer` (the
interpreter loop and control flow), `opcodes` (one handler per opcode, one
`opcodes_*` mixin per family of opcodes),
`state` (abstract states and block-version keys), `iterators` (range and
tuple iterators), `calls` (calls, specialization, recursion), `signature`
(annotations -> types), `values` (shared vocabulary), `operators` and
`builtins` (value semantics), `npscalars` and `unsigned` (NumPy scalars,
uint64 arithmetic), `arrays` (with `array_indexing`, `array_assign`,
`array_ops`, `array_shapes`), `nplib` (with `npargs` and `npfuncs_*`) and
`ufuncs` (NumPy arrays), `lists`
(lists in linear memory), `objects` (instances of the user's classes; their
layouts are learned by tracing the module again, see `trace_many`).
"""
from __future__ import annotations

import inspect
import linecache

from ..errors import CompileError
from ..ir import F64, NONE, Module, verify_module
from .signature import (param_types_from_annotations, placeholder, trace_type,
                        types_of_values)
from .values import E_SIGNATURE

__all__ = ["trace", "trace_many", "param_types_from_annotations", "types_of_values"]


def _export(mt, fn, param_types, default):
    from .tracer import signature_of
    if not inspect.isfunction(fn):
        raise CompileError(f"py2wasm compiles Python functions, got {type(fn).__name__}",
                           code=E_SIGNATURE, hint="pass a function defined with def")
    code = fn.__code__
    if code.co_flags & (inspect.CO_VARARGS | inspect.CO_VARKEYWORDS) or code.co_kwonlyargcount:
        raise CompileError(f"{fn.__name__}() takes *args, **kwargs or keyword-only parameters",
                           file=code.co_filename, line=code.co_firstlineno, code=E_SIGNATURE,
                           source_line=linecache.getline(code.co_filename,
                                                         code.co_firstlineno).strip(),
                           hint="exported functions take plain positional parameters")
    if param_types is None:
        param_types = param_types_from_annotations(fn, default)
    else:
        param_types = list(param_types)
        n = fn.__code__.co_argcount
        if len(param_types) != n or fn.__code__.co_kwonlyargcount:
            raise CompileError(f"{fn.__name__}() takes {n} parameter(s), got "
                               f"{len(param_types)} type(s)", file=fn.__code__.co_filename,
                               line=fn.__code__.co_firstlineno, code=E_SIGNATURE,
                               hint="give one type per parameter")
    from .containers_abi import param_values
    args = param_values(param_types)  # dicts and sets are built at entry (containers_abi.py)
    name, result = mt.specialize(fn, args, None, name=fn.__name__)
    rtype = trace_type(result, mt.module.functions[name].loc, "returned value")
    ir_fn = mt.module.functions[name]
    from .lists_abi import learned_param_types
    param_types = learned_param_types(mt, fn, name, param_types)  # empty list arguments
    from .containers_abi import learned_param_types as learned_containers
    param_types = learned_containers(mt, fn, param_types)  # empty dict and set arguments
    ir_fn.sig = signature_of(fn, param_types, rtype)
    mt.module.exports.append(name)


MAX_RETRACES = 64  # tracing again while instance layouts and container types grow


def trace_many(fns, *, default=F64, progress=None) -> Module:
    """Several exported functions (and everything they call) in one module.
    `progress(i, n, name)`, if given, is called before tracing each one."""
    from .calls import ModuleTracer
    from .tracer import check_python_version
    check_python_version()
    fns = list(fns)
    layouts: dict = {}  # the user classes' instance layouts (objects.py), learned by tracing
    dict_sites: dict = {}  # the key and value types of empty dicts (dicts.py), likewise
    list_sites: dict = {}  # the element types of empty lists (lists.py), likewise
    rounds = 0
    while True:
        rounds += 1
        if rounds > MAX_RETRACES:  # layouts that never settle: an error, never a hang
            from .calls import _def_loc
            from .values import E_TRACE_LIMIT, error
            fn0 = fns[0][0]
            raise error(_def_loc(fn0),
                        f"the class layouts and container types learned while tracing "
                        f"{fn0.__name__}() did not settle after {MAX_RETRACES} passes",
                        "give attributes and containers one type from their first "
                        "assignment", E_TRACE_LIMIT)
        mt = ModuleTracer(reserved_names=[f.__name__ for f, _ in fns])
        mt.layouts, mt.dict_sites, mt.layouts_grew = layouts, dict_sites, False
        mt.list_sites = list_sites
        try:
            for i, (fn, types) in enumerate(fns):
                if progress is not None:
                    progress(i, len(fns), fn.__name__)
                _export(mt, fn, types, default)
        except CompileError:
            if not mt.layouts_grew and not getattr(mt, "lists_learned", False):
                raise
            mt.layouts_grew = True  # a list's element type learned in this pass: again
        if not mt.layouts_grew:  # no class gained a field: the offsets and sizes are final
            break
    if fns:
        mt.module.source_file = fns[0][0].__code__.co_filename
    verify_module(mt.module)
    return mt.module


def trace(fn, param_types=None, *, default=F64) -> Module:
    """One exported function named `fn.__name__`, plus every function it calls."""
    return trace_many([(fn, param_types)], default=default)
