"""Parameter and result types of exported functions: from annotations, from
example values, and the Python type of a trace value.

Place in the pipeline: the frontend's entry (`py2wasm.frontend.trace`,
`py2wasm.compile`) asks here which PyTypes an export takes and returns.
"""
from __future__ import annotations

import inspect
import types
import typing
from typing import Any, Optional

from ..errors import CompileError
from ..ir import BOOL, DTYPES, F64, I64, NONE, ArrayType, PyType, TupleType, Var
from ..ir.types import COMPLEX, NumpyScalarType
from .values import E_SIGNATURE, E_UNSUPPORTED_VALUE, Cx, NpScalar, error

_DTYPE_LIST = ("float64, float32, int64, int32, int16, int8, uint64, uint32, uint16, uint8 "
               "or bool")

_NAMES = {"int": I64, "float": F64, "bool": BOOL, "None": NONE, "complex": COMPLEX}


def _fn_loc(fn):
    code = fn.__code__
    return code.co_filename, code.co_firstlineno


def _src(fn):
    import linecache
    code = fn.__code__
    return linecache.getline(code.co_filename, code.co_firstlineno).strip()


def annotation_type(ann: Any, fn, what: str) -> PyType:
    """int, float, bool, None, tuple[...] (also as strings) -> PyType."""
    if isinstance(ann, str):
        ann = _unquoted(ann)
        try:
            ann = eval(ann, fn.__globals__, {"tuple": tuple})  # noqa: S307 - user's own annotation
        except Exception:
            ann = _from_string(ann.strip(), fn, what)
            return ann
    if ann is int:
        return I64
    if ann is float:
        return F64
    if ann is bool:
        return BOOL
    if ann is complex:
        return COMPLEX
    if ann is str:
        from ..ir.types import STR
        return STR
    if ann is None or ann is type(None):
        return NONE
    if typing.get_origin(ann) in (typing.Union, types.UnionType):  # T | None, Optional[T]
        from .optionals import annotation
        return annotation(ann, fn, what, lambda a: annotation_type(a, fn, what),
                          lambda: _bad(fn, what, ann))
    if isinstance(ann, ArrayType):  # py2wasm.f64[:, :]
        return ann
    npt = _numpy_scalar_annotation(ann, fn, what)
    if npt is not None:
        return npt
    arr = _ndarray_annotation(ann, fn, what)
    if arr is not None:
        return arr
    from .objects import compilable_class
    if compilable_class(ann):  # an instance passed by value: its annotated attributes
        return _class_type(ann, fn, what)
    if isinstance(ann, type) and issubclass(ann, tuple) and hasattr(ann, "_fields"):
        hints = typing.get_type_hints(ann) if getattr(ann, "__annotations__", None) else {}
        if set(hints) != set(ann._fields):  # collections.namedtuple: no field types
            _bad(fn, what, ann)
        return TupleType(tuple(annotation_type(hints[f], fn, what) for f in ann._fields),
                         tuple(ann._fields), ann)
    if typing.get_origin(ann) in (tuple, typing.Tuple):
        args = typing.get_args(ann)
        if not args or Ellipsis in args:
            _bad(fn, what, ann)
        return TupleType(tuple(annotation_type(a, fn, what) for a in args))
    if ann is list or typing.get_origin(ann) in (list, typing.List):
        return _list_annotation(ann, fn, what)
    if ann in (dict, set) or typing.get_origin(ann) in (dict, set, typing.Dict, typing.Set):
        from .containers_abi import annotation
        return annotation(ann, fn, what, typing.get_args(ann), lambda: _bad(fn, what, ann))
    _bad(fn, what, ann)


_LIST_ELEMS = {float: "float64", int: "int64", bool: "bool"}
_RECORD_FIELDS = (float, int, bool, str)  # the field types of a list's tuples


def _str_type():
    from ..ir.types import STR
    return STR


def _record_field(k):
    """The PyType of a record field of Python type `k` (one of _RECORD_FIELDS)."""
    return _str_type() if k is str else {float: F64, int: I64, bool: BOOL}[k]


def _list_annotation(ann, fn, what):
    """list[float], list[int], list[bool], list[list[float]]... -> ListType."""
    from ..ir.types import ListType
    args = typing.get_args(ann)
    if len(args) == 1 and args[0] in _LIST_ELEMS:
        return ListType(_LIST_ELEMS[args[0]])
    if len(args) == 1 and (args[0] is list or typing.get_origin(args[0]) in (list, typing.List)):
        return ListType(_list_annotation(args[0], fn, what))
    if len(args) == 1 and args[0] is str:  # strs: their blocks' addresses (runner/strs.py)
        return ListType(_str_type())
    if len(args) == 1 and typing.get_origin(args[0]) in (tuple, typing.Tuple) and \
            typing.get_args(args[0]) and all(a in _RECORD_FIELDS for a in typing.get_args(args[0])):
        # a list of records (frontend/lists_records.py): tuples of numbers and strs
        return ListType(TupleType(tuple(_record_field(a) for a in typing.get_args(args[0]))))
    if len(args) == 1 and isinstance(args[0], type) and issubclass(args[0], tuple) and \
            hasattr(args[0], "_fields"):  # a list of NamedTuples of numbers and strs
        from .lists_records import own_order
        t = annotation_type(args[0], fn, what)
        if t.elems and not own_order(args[0]) and all(e in (F64, I64, BOOL) or e == _str_type() for e in t.elems):
            return ListType(t)
    if len(args) == 1 and args[0] is not bool and args[0] in _np_list_types():
        return ListType(NumpyScalarType(_np_list_types()[args[0]]))  # list[np.float32]
    if len(args) == 1 and _is_array_annotation(args[0]):  # list[npt.NDArray[np.float64]]
        t = annotation_type(args[0], fn, what)
        if type(t) is ArrayType and t.dtype in DTYPES:
            return ListType(ArrayType(t.dtype, t.ndim))  # frontend/lists_ofarrays.py
    file, line = _fn_loc(fn)
    from .objects import compilable_class
    if len(args) == 1 and compilable_class(args[0]):  # frontend/lists_objects_abi.py
        from .lists_objects_abi import annotation_list_type
        return annotation_list_type(_class_type(args[0], fn, what), file, line, _src(fn), what,
                                    fn.__name__)
    shown = getattr(ann, "__name__", None) if not args else repr(ann)
    raise CompileError(f"unsupported annotation {shown!r} for {what} of {fn.__name__}() "
                       "(a list needs its element type)", file=file, line=line,
                       code=E_SIGNATURE, source_line=_src(fn),
                       hint="annotate list[float], list[int], list[bool], list[str], a nested "
                            "list[list[float]], list[tuple[float, int]], a list of a NamedTuple of "
                            "those, list[np.float32] or "
                            "list[npt.NDArray[np.float64]]; for arrays use "
                            "npt.NDArray[np.float64] or "
                            "py2wasm.f64[:] (py2wasm.f64[:, :] for 2-D)")


def _is_array_annotation(ann) -> bool:
    """npt.NDArray[...] or py2wasm.f64[:]-style (not a bare np.ndarray: no dtype)."""
    if isinstance(ann, ArrayType):
        return True
    origin = typing.get_origin(ann)
    alias = getattr(origin, "__value__", None)  # NumPy >= 2.3: npt.NDArray is a type alias
    return (getattr(origin, "__name__", "") == "ndarray" or getattr(
        typing.get_origin(alias), "__name__", "") == "ndarray") and bool(typing.get_args(ann))


def _class_type(cls, fn, what):
    """ObjectType of a class annotation: a dataclass's fields (init ones) or
    the class's own annotated attributes, each annotated with a value type."""
    import dataclasses
    from ..ir import ObjectType
    try:
        hints = typing.get_type_hints(cls)
    except Exception:  # noqa: BLE001 - an annotation that does not resolve
        hints = {}
    names = [f.name for f in dataclasses.fields(cls)] if dataclasses.is_dataclass(cls) else \
        [n for n in getattr(cls, "__annotations__", {})]
    if not names or any(n not in hints for n in names):
        file, line = _fn_loc(fn)
        raise CompileError(f"{cls.__name__} as {what} of {fn.__name__}() needs annotated "
                           "attributes", file=file, line=line, code=E_SIGNATURE,
                           source_line=_src(fn), hint=f"make {cls.__name__} a @dataclass with "
                           "typed fields (x: float, n: int...)")
    return ObjectType(tuple(annotation_type(hints[n], fn, what) for n in names), tuple(names),
                      cls)


def _numpy_scalar_annotation(ann, fn, what):
    """np.float32, np.int16, np.bool_... (the NumPy scalar types)."""
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - numpy is a dependency
        return None
    if not (isinstance(ann, type) and issubclass(ann, np.generic)):
        return None
    try:
        name = np.dtype(ann).name
    except TypeError:  # abstract types: np.floating, np.integer...
        name = None
    if ann in (np.generic, np.number, np.integer, np.floating, np.inexact,
               np.signedinteger, np.unsignedinteger):
        name = None
    if name not in DTYPES and name not in ("complex128", "complex64"):
        file, line = _fn_loc(fn)
        raise CompileError(f"unsupported annotation numpy.{ann.__name__} for {what} of "
                           f"{fn.__name__}()", file=file, line=line, code=E_SIGNATURE,
                           source_line=_src(fn),
                           hint="NumPy scalar annotations are np.float64, np.float32, np.int64, "
                           "np.int32, np.int16, np.int8, np.uint64, np.uint32, np.uint16, np.uint8 or "
                           "np.bool_")
    return NumpyScalarType(name)


def _ndarray_annotation(ann, fn, what):
    """npt.NDArray[np.float64] (and np.ndarray[..., np.dtype[...]]): a 1-D
    array of that dtype (`py2wasm.f64[:, :]` gives other ndims)."""
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - numpy is a dependency
        return None
    if ann is np.ndarray:
        _bad(fn, what, ann)
    origin = typing.get_origin(ann)
    alias = getattr(origin, "__value__", None)  # NumPy >= 2.3: NDArray is a type alias
    if origin is not np.ndarray and typing.get_origin(alias) is np.ndarray \
            and len(typing.get_args(ann)) == 1:
        dt = typing.get_args(ann)[0]
    elif origin is np.ndarray:
        args = typing.get_args(ann)
        dt = typing.get_args(args[1])[0] if len(args) == 2 else None
    else:
        return None
    try:
        name = np.dtype(dt).name
    except TypeError:
        name = None
    if name not in DTYPES and name not in ("complex128", "complex64"):
        file, line = _fn_loc(fn)
        raise CompileError(f"unsupported array element type {dt!r} for {what} of "
                           f"{fn.__name__}()", file=file, line=line, code=E_SIGNATURE,
                           source_line=_src(fn),
                           hint=f"arrays hold {_DTYPE_LIST}")
    return ArrayType(name, 1)


def _from_string(s: str, fn, what):
    if s in _NAMES:
        return _NAMES[s]
    if s.startswith(("tuple[", "Tuple[")) and s.endswith("]"):
        inner, depth, parts, cur = s[s.index("[") + 1:-1], 0, [], ""
        for ch in inner:
            if ch == "," and depth == 0:
                parts.append(cur)
                cur = ""
                continue
            depth += ch == "["
            depth -= ch == "]"
            cur += ch
        parts.append(cur)
        return TupleType(tuple(_from_string(p.strip(), fn, what) for p in parts))
    _bad(fn, what, s)


# Every annotation a parameter can have, for the hint of an unsupported one.
ANNOTATION_HINT = ("annotate with int, float, bool, complex, a NumPy scalar type (np.float32, np.int16...), "
                   "tuple[...] of those, or a NumPy array: "
                   "npt.NDArray[np.float64] (1-D; any NumPy dtype: np.float32, np.int8...np.uint64, np.bool_, "
                   "np.complex128, np.complex64) or py2wasm.f64[:, :] for N dimensions "
                   "(f64 f32 i64 i32 i16 i8 u64 u32 u16 u8 boolean c128 c64); "
                   "list[float], list[int], list[bool], list[str] (nested: list[list[float]]), "
                   "list[tuple[...]]; str; dict[K, V] and set[K] with keys, values and elements of "
                   "int, float, bool, str or tuples of those (a tuple key of numbers only); "
                   "bare list, dict, set and np.ndarray carry no element type")


def _bad(fn, what, ann):
    file, line = _fn_loc(fn)
    shown = ann if isinstance(ann, str) else getattr(ann, "__name__", repr(ann))
    raise CompileError(f"unsupported annotation {shown!r} for {what} of {fn.__name__}()",
                       file=file, line=line, code=E_SIGNATURE, source_line=_src(fn),
                       hint=ANNOTATION_HINT)


def param_types_from_annotations(fn, default=F64) -> list[PyType]:
    out = []
    for p in inspect.signature(fn, eval_str=False).parameters.values():
        if p.kind not in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
            file, line = _fn_loc(fn)
            raise CompileError(f"parameter {p.name} of {fn.__name__}() is *args, **kwargs or "
                               "keyword-only", file=file, line=line, code=E_SIGNATURE,
                               source_line=_src(fn),
                               hint="exported functions take plain positional parameters")
        if p.annotation is p.empty:
            out.append(default)
        else:
            out.append(annotation_type(p.annotation, fn, f"parameter {p.name!r}"))
            from ..ir.types import OptionalType
            from .lists_objects_abi import is_param_type, nested_in
            t = out[-1]
            if nested_in(t) or isinstance(t, OptionalType) and (
                    is_param_type(t.elem) or nested_in(t.elem)):  # (one of its own)
                raise _bad_value(fn, p.name, "a list of class instances inside a tuple, a "
                                 "list or an Optional cannot enter compiled code yet",
                                 "pass each list of instances as an argument of its own")
    return out


def _bare_results() -> tuple:
    import numpy as np
    return (tuple, typing.Tuple, list, typing.List, dict, typing.Dict, set, typing.Set,
            np.ndarray)


_BARE_RESULTS = _bare_results()


def result_annotation(fn) -> Optional[PyType]:
    ann = getattr(fn, "__annotations__", {}).get("return", inspect.Parameter.empty)
    if ann is inspect.Parameter.empty:
        return None
    from .objects import compilable_class
    import typing

    def instances(a) -> bool:  # P, list[P], tuple[P, int]: what is returned decides
        if isinstance(a, str) and "[" in a:  # from __future__ import annotations
            try:
                a = eval(a, getattr(fn, "__globals__", {}))  # noqa: S307 - the user's own annotation
            except Exception:  # noqa: BLE001 - annotation_type reports it
                return False
        return compilable_class(_dotted(a, fn)) or any(map(instances, typing.get_args(a)))
    if instances(ann):  # (objects_abi.exit_value, lists_objects_abi.exit_value)
        return None
    if _dotted(ann, fn) in _BARE_RESULTS:  # `-> tuple`, `-> np.ndarray`, `-> list`...: no
        return None                        # element type, the value returned decides
    t = annotation_type(ann, fn, "the result")
    if _has_array(t):
        return None  # the array actually returned decides (ndim is not in npt.NDArray)
    return t


def _unquoted(ann: str) -> str:
    """`-> "Vec"` under `from __future__ import annotations` is the string
    "'Vec'" (PEP 563 keeps the source text, quotes included): its text."""
    t = ann.strip()
    while len(t) >= 2 and t[0] == t[-1] and t[0] in "'\"":
        t = t[1:-1].strip()
    return t


def _dotted(ann, fn):
    """A string annotation naming a global (`"Vec"`, `"mod.Vec"`): its value."""
    if not isinstance(ann, str):
        return ann
    ann = _unquoted(ann)
    parts = ann.split(".")
    if not all(p.isidentifier() for p in parts):
        return None
    import builtins
    v = getattr(fn, "__globals__", {}).get(parts[0], getattr(builtins, parts[0], None))
    for p in parts[1:]:
        v = getattr(v, p, None)
    return v


def _has_array(t) -> bool:
    if isinstance(t, ArrayType):
        return True
    return isinstance(t, TupleType) and any(_has_array(e) for e in t.elems)


def type_of_value(v: Any, fn=None, name: str = "") -> PyType:
    """The PyType of an actual argument `v` (of parameter `name` of `fn`,
    which locates the error for a value py2wasm cannot take)."""
    t = type(v)
    if v is None:  # a known None inside (`cache=None`): the function specializes on it
        return NONE
    if t is bool:
        return BOOL
    if t is int:
        return I64
    if t is float:
        return F64
    if t is complex:
        return COMPLEX
    if t is str:
        from ..ir.types import STR
        return STR
    if t is tuple:
        return TupleType(tuple(type_of_value(x, fn, name) for x in v))
    if issubclass(t, tuple) and hasattr(t, "_fields"):  # a NamedTuple
        return TupleType(tuple(type_of_value(x, fn, name) for x in v), tuple(t._fields), t)
    from .objects import compilable_class
    if compilable_class(t) and hasattr(v, "__dict__"):  # an instance: by value (objects.py)
        from ..ir import ObjectType
        attrs = vars(v)
        for a, x in attrs.items():
            if compilable_class(type(x)) or type(x) is list:
                raise _bad_value(fn, name, f"attribute {a!r} of the {t.__name__} argument holds "
                                 f"a {type(x).__name__}, which cannot enter compiled code yet",
                                 "instances crossing into compiled code hold numbers, NumPy "
                                 "scalars, complex numbers and tuples of those")
        return ObjectType(tuple(type_of_value(x, fn, f"{name}.{a}") for x in attrs.values()),
                          tuple(attrs), t)
    from .npscalars import _BY_TYPE, is_unsupported_np
    if t in _BY_TYPE:
        return NumpyScalarType(_BY_TYPE[t])
    from .complex_scalars import NP_CX
    if t in NP_CX:
        return NumpyScalarType(NP_CX[t])
    if type(v).__name__ == "ndarray" and type(v).__module__ == "numpy":
        if (v.dtype.name not in DTYPES and v.dtype.name not in ("complex128", "complex64")) \
                or v.dtype.byteorder == ">":
            raise _bad_value(fn, name, f"arrays of dtype {v.dtype} are not supported",
                             f"use {_DTYPE_LIST} arrays (convert with a.astype(...))")
        if v.ndim == 0:
            raise _bad_value(fn, name, "0-d arrays are not supported",
                             "pass the number itself: a[()] or a.item()")
        # a layout other than C order is passed with its strides (runner/layout.py)
        return ArrayType(v.dtype.name, v.ndim, not v.flags.c_contiguous)
    if is_unsupported_np(v):
        raise _bad_value(fn, name, f"argument of type numpy.{t.__name__} is not supported",
                         "convert it: float(x), int(x), or a supported NumPy scalar such as "
                         "np.float64(x) or np.int64(x)")
    if t is list:
        return _list_value_type(v, fn, name)
    if t is dict or t is set:
        from .containers_abi import value_type
        return value_type(v, fn, name, lambda msg, hint: _bad_value(fn, name, msg, hint))
    else:
        hint = ("compiled functions take int, float, bool, complex, NumPy scalars, NumPy "
                "arrays or "
                "tuples of those")
    raise _bad_value(fn, name, f"argument of type {t.__name__} is not supported", hint)


def _np_list_types() -> dict:
    """NumPy scalar types a list may hold -> dtype (real ones)."""
    from .npscalars import _BY_TYPE
    return _BY_TYPE


def _list_value_type(v: list, fn, name):
    """The ListType of a list argument: one element type (float, int or
    bool; or lists of one type), else a located CompileError."""
    from ..ir.types import ListType
    if not v:
        return ListType(None)
    t0 = type(v[0])
    if t0 is list:
        inner = [_list_value_type(x, fn, name) if type(x) is list else None for x in v]
        known = {t for t in inner if t is not None and t.elem is not None}
        if None not in inner and len(known) <= 1:
            return ListType(known.pop() if known else ListType(None))
    elif t0 in _LIST_ELEMS and all(type(x) is t0 for x in v):
        return ListType(_LIST_ELEMS[t0])
    elif t0 is str and all(type(x) is str for x in v):
        return ListType(_str_type())
    elif t0 is not bool and t0 in _np_list_types() and all(type(x) is t0 for x in v):
        from ..ir.types import NumpyScalarType  # NumPy scalars of one type (list(a))
        return ListType(NumpyScalarType(_np_list_types()[t0]))
    elif t0.__name__ == "ndarray" and all(type(x) is t0 and x.dtype == v[0].dtype and
                                  x.ndim == v[0].ndim for x in v) and v[0].ndim and \
            v[0].dtype.name in DTYPES:  # arrays of one dtype and ndim (lists_ofarrays.py)
        return ListType(ArrayType(v[0].dtype.name, v[0].ndim))
    elif t0 is tuple or issubclass(t0, tuple) and hasattr(t0, "_fields"):
        # records of numbers, one tuple type (or one NamedTuple class: lists_records.py)
        kinds = {tuple(map(type, x)) if type(x) is t0 else None for x in v}
        if len(kinds) == 1 and all(k in _RECORD_FIELDS for k in next(iter(kinds)) or (None,)):
            fields = tuple(_record_field(k) for k in next(iter(kinds)))
            if t0 is tuple:
                return ListType(TupleType(fields))
            from .lists_records import own_order
            if fields and not own_order(t0):  # compared as tuples (lists_records.py)
                return ListType(TupleType(fields, tuple(t0._fields), t0))
    from .lists_objects_abi import value_type as instances_type  # list[Particle]
    t = instances_type(v, fn, name, lambda msg, hint: _bad_value(fn, name, msg, hint))
    if t is not None:
        return t
    kinds = sorted({type(x).__name__ for x in v})
    what = ("tuples of different field types (or not of numbers)" if t0 is tuple and
            kinds == ["tuple"] else f"{t0.__name__} NamedTuples of different field types "
            "(or not of numbers)" if kinds == [t0.__name__] and issubclass(t0, tuple) else f"a list mixing {', '.join(kinds)} elements"
            if len(kinds) > 1 else f"a list of {kinds[0]}" if t0 is not list else
            "lists of different element types")
    raise _bad_value(fn, name, f"{what} is not supported (compiled lists hold one element "
                     "type: int, float, bool, str, a tuple of those, or lists of those)",
                     "convert the elements first, e.g. [float(x) for x in xs], or pass a "
                     "NumPy array (np.asarray(xs))")


def _bad_value(fn, name, msg, hint):
    """A CompileError located at the def line of `fn` (when known)."""
    if fn is None or not hasattr(fn, "__code__"):
        return CompileError(msg, code=E_UNSUPPORTED_VALUE, hint=hint)
    file, line = _fn_loc(fn)
    if name:
        msg = f"{msg} (parameter {name!r} of {fn.__name__}())"
    return CompileError(msg, file=file, line=line, code=E_UNSUPPORTED_VALUE,
                        source_line=_src(fn), hint=hint)


def types_of_values(args, fn=None) -> list[PyType]:
    """The PyTypes of actual arguments; `fn` (the function they are passed
    to) locates errors at its def line and names the parameter."""
    names = fn.__code__.co_varnames[:fn.__code__.co_argcount] if fn is not None and hasattr(
        fn, "__code__") else ()
    out = [type_of_value(a, fn, names[i] if i < len(names) else "")
           for i, a in enumerate(args)]
    from .lists_objects_abi import nested_in
    for i, t in enumerate(out):
        if nested_in(t):  # a list of instances crosses as an argument of its own
            raise _bad_value(fn, names[i] if i < len(names) else "", "a list of class instances "
                             "inside a tuple or a list cannot enter compiled code yet",
                             "pass each list of instances as an argument of its own")
    return out


def trace_type(v: Any, loc, what="value") -> PyType:
    """The PyType of a trace value being returned or passed out."""
    if isinstance(v, Var):
        return v.type
    t = type(v)
    if t in (bool, int, float):
        return {bool: BOOL, int: I64, float: F64}[t]
    if v is None:
        return NONE
    from .optionals import Opt
    if t is Opt:
        from ..ir.types import OptionalType
        return OptionalType(trace_type(v.value, loc, what))
    if t is complex or t is Cx:
        return COMPLEX
    if t is tuple:
        return TupleType(tuple(trace_type(x, loc, what) for x in v))
    if issubclass(t, tuple) and hasattr(t, "_fields"):  # a NamedTuple
        return TupleType(tuple(trace_type(x, loc, what) for x in v), tuple(t._fields), t)
    from .npscalars import dtype_name, is_np, is_unsupported_np, unsupported
    if is_np(v):
        return NumpyScalarType(dtype_name(v))
    from . import complex_scalars as cxs
    if cxs.is_npcx(v):
        return NumpyScalarType(cxs.dtype_name(v))
    if is_unsupported_np(v):
        raise unsupported(v, loc)
    from .arrays import Arr, Ew
    if isinstance(v, (Arr, Ew)):
        return ArrayType(v.dtype, v.ndim)
    from .lists import PyList, list_type
    if isinstance(v, PyList):
        if v.kind == "deque":
            from .collections_deque import refuse_result
            refuse_result(loc, what)
        return list_type(v)
    from .strvalues import PyStr
    if t is PyStr:
        from ..ir.types import STR
        return STR
    from .objects import is_obj
    from .objects_abi import ObjState
    from .lists_objects_abi import ListState
    if t is ObjState or t is ListState:
        return v.pytype(trace_type, loc, what)
    from .dicts import is_dict_value
    from .sets import is_set_value
    from .dicts import PyDict
    from .sets import PySet
    if t is PyDict or t is PySet:  # frontend/containers_abi.py
        from .containers_abi import result_type
        return result_type(v, loc, what)
    if is_set_value(v):
        raise error(loc, f"{what} is a set iterator, which cannot leave compiled code",
                    "return the set, or sorted(s)", E_UNSUPPORTED_VALUE)
    if is_dict_value(v):
        raise error(loc, f"{what} is a dict view or iterator, which cannot leave compiled "
                    "code", "return the dict, or list(d.items())", E_UNSUPPORTED_VALUE)
    if is_obj(v):
        name = v.cls.__name__
        raise error(loc, f"{what} is a {name} instance, which cannot leave compiled code yet",
                    "return its fields (a tuple of numbers) and build the instance in Python",
                    E_UNSUPPORTED_VALUE)
    raise error(loc, f"{what} of type {t.__name__} cannot be compiled",
                "a compiled function returns int, float, bool, complex, None, NumPy scalars, "
                "arrays or tuples of those",
                E_UNSUPPORTED_VALUE)


def placeholder(t: PyType):
    """A trace value of type `t` (its numeric leaves are stand-ins, to be
    replaced by parameters or call results with `state.rebuild`)."""
    if t is I64:
        return 0
    if t is F64:
        return 0.0
    if t is BOOL:
        return False
    if t is NONE:
        return None
    if t is COMPLEX:
        return 0j
    from ..ir.types import OptionalType
    if isinstance(t, OptionalType):  # a flag, then the value's leaves (frontend/optionals.py)
        from .optionals import Opt
        return Opt(False, placeholder(t.elem))
    from ..ir import ObjectType
    if isinstance(t, ObjectType) and not t.state:
        from .objects_abi import ObjArg
        return ObjArg(t.pyclass, t.names, [placeholder(e) for e in t.elems])
    if isinstance(t, TupleType):
        items = tuple(placeholder(e) for e in t.elems)
        return t.pyclass._make(items) if t.pyclass is not None else items
    from ..ir.types import DictType, ListType, SetType, StrType
    if isinstance(t, (DictType, SetType)):
        from .containers_abi import result_value
        return result_value(t)
    if isinstance(t, ListType):
        from .lists import param_list
        return param_list(t)
    if isinstance(t, StrType):
        from .strvalues import PyStr
        return PyStr(0)
    if isinstance(t, ArrayType):
        from .arrays import Arr
        strides = tuple(Var(I64, "stride") for _ in range(t.ndim)) if t.strided else None
        # parameters sharing memory share a root (arrays.param_root): aliasing decisions see it
        return Arr(t.dtype, 0, (0,) * t.ndim, strides, None if t.alias is None else ("p", t.alias))
    if isinstance(t, NumpyScalarType) and t.dtype in ("complex128", "complex64"):
        from .complex_scalars import CX_TYPES
        return CX_TYPES[t.dtype](0)
    if isinstance(t, NumpyScalarType):
        from .npscalars import NP_TYPES
        return NP_TYPES[t.dtype](0)
    raise CompileError(f"unsupported type {t!r}", code=E_SIGNATURE,
                       hint="use int, float, bool or tuple[...]")
