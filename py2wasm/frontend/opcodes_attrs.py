"""Handlers of the attribute opcodes: LOAD_ATTR, LOAD_METHOD (3.11),
LOAD_SUPER_ATTR (3.12+), STORE_ATTR and DELETE_ATTR, and `getattr`, which
hands each kind of value to the module that knows its attributes.

Place in the pipeline: frontend; `AttributeOps` is one of the mixins that
opcodes.Handlers gathers for tracer.FunctionTracer's dispatch table.
"""
from __future__ import annotations

from ..ir import Var
from ..ir.types import VectorType
from . import arrays, complexes, dicts, lists, nplib, objects, sets, strings, strvalues
from .opcodes_unsupported import unsupported
from .state import NULL
from .typefork import TypeFork
from .values import (E_ATTRIBUTE, E_TYPE, E_UNSUPPORTED_OPCODE, Cx, TraceRaise, error,
                     is_complex)


class AttributeOps:
    """Attribute loads, stores and deletions."""

    def op_LOAD_ATTR(self, ins, f):
        obj = f.stack.pop()
        loc = self.loc_of(ins)
        from .trycatch import CaughtExc, not_a_value
        if type(obj) is CaughtExc:  # e.args
            raise not_a_value(loc, f"e.{ins.argval}")
        v = self.getattr(obj, ins.argval, loc)
        method = self.version >= (3, 12) and ins.arg & 1
        if type(v) is TypeFork:  # an instance-or-None attribute (objects.Nullable)
            if method:
                raise error(loc, f"calling attribute {ins.argval!r}, which may be None",
                            "test it against None first", E_TYPE)
            return self.fork(ins, f, v)
        if method and self.version == (3, 12):
            f.stack.append(NULL)
        f.stack.append(v)
        if method and self.version >= (3, 13):
            f.stack.append(NULL)

    def op_LOAD_SUPER_ATTR(self, ins, f):  # 3.12+: super().name
        obj = f.stack.pop()
        cls = f.stack.pop()
        sup = f.stack.pop()
        loc = self.loc_of(ins)
        if sup is not super:
            raise error(loc, "super is not the builtin super here", "", E_UNSUPPORTED_OPCODE)
        v = objects.super_attr(self, cls, obj, ins.argval, loc)
        if ins.arg & 1:  # a method load: callable and NULL in the order LOAD_ATTR uses
            if self.version == (3, 12):
                f.stack.append(NULL)
            f.stack.append(v)
            if self.version >= (3, 13):
                f.stack.append(NULL)
        else:
            f.stack.append(v)

    def op_LOAD_METHOD(self, ins, f):  # 3.11
        obj = f.stack.pop()
        v = self.getattr(obj, ins.argval, self.loc_of(ins))
        if type(v) is TypeFork:
            raise error(self.loc_of(ins), f"calling attribute {ins.argval!r}, which may be None",
                        "test it against None first", E_TYPE)
        f.stack.append(NULL)
        f.stack.append(v)

    def getattr(self, obj, name, loc):
        if obj is None:
            raise TraceRaise("AttributeError", f"'NoneType' object has no attribute '{name}'")
        if type(obj) is objects.SuperProxy:
            return objects.super_attr(self, obj.cls, obj.obj, name, loc)
        if sets.is_set(obj):
            return sets.attribute(obj, name, loc)
        if dicts.is_dict(obj):
            return dicts.attribute(obj, name, loc)
        if objects.is_obj(obj):
            return objects.getattr_(self, obj, name, loc)
        if isinstance(obj, arrays.ListLit):
            obj = lists.as_list(self, obj, loc)
        if lists.is_list(obj):
            return lists.attribute(obj, name, loc, self)
        if strvalues.is_str(obj) or isinstance(obj, strings.FStr):  # run-time strings
            return strvalues.attribute(self, obj, name, loc)
        if arrays.is_array(obj):
            from . import nplib
            if obj.dtype in ("complex128", "complex64"):
                from . import complex_calls
                return complex_calls.attribute(self, obj, name, loc)
            return nplib.attribute(self, obj, name, loc)
        from .complex_scalars import NpCx
        if type(obj) is NpCx:
            from .complex_scalars import attribute
            return attribute(self.fb, obj, name, loc)
        from . import npscalars
        if npscalars.is_np(obj):
            return npscalars.attribute(obj, name, loc)
        if is_complex(obj) or (type(obj) in (int, float, bool) or isinstance(obj, Var)
                               and not isinstance(obj.type, VectorType)) \
                and name in complexes.NUMBER_ATTRIBUTES:
            return complexes.attribute(self.fb, obj, name, loc)
        from .intmethods import attribute as int_attribute
        m = int_attribute(obj, name, loc)  # n.bit_length
        if m is not None:
            return m
        from .pymath_floats import attribute as float_attribute
        m = float_attribute(obj, name, loc)  # x.is_integer
        if m is not None:
            return m
        if isinstance(obj, Var) or type(obj) in (tuple, int, float, bool, Cx):
            tn = obj.type.pyname if isinstance(obj, Var) else type(obj).__name__
            raise error(loc, f"attribute {name!r} of a {tn} is not supported",
                        "use functions of the math module or operators instead", E_ATTRIBUTE)
        from .calls import check_forbidden
        check_forbidden(obj, loc)
        try:
            v = getattr(obj, name)
        except AttributeError:
            raise error(loc, f"{type(obj).__name__} has no attribute {name!r}",
                        "check the name", E_ATTRIBUTE) from None
        check_forbidden(v, loc)
        return v


def _store_attr(self, ins, f):
    """`a.shape = (...)` on an array (ufunc_methods.set_shape), attributes of
    instances (objects.py); any other attribute assignment is unsupported."""
    obj = f.stack[-1]
    if objects.is_obj(obj):
        f.stack.pop()
        objects.setattr_(self, obj, ins.argval, f.stack.pop(), self.loc_of(ins))
        return
    if isinstance(obj, arrays.Arr) and ins.argval == "shape":
        f.stack.pop()
        value = f.stack.pop()
        from .ufunc_methods import set_shape
        set_shape(self, obj, value, self.loc_of(ins))
        return
    unsupported(self, ins, f)


AttributeOps.op_STORE_ATTR = _store_attr


def _delete_attr(self, ins, f):
    obj = f.stack.pop()
    if not objects.is_obj(obj):
        raise error(self.loc_of(ins), "del of an attribute is only supported on instances",
                    "", E_UNSUPPORTED_OPCODE)
    objects.delattr_(self, obj, ins.argval, self.loc_of(ins))


AttributeOps.op_DELETE_ATTR = _delete_attr
