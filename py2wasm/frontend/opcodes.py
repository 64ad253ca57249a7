"""One handler per CPython opcode (`op_LOAD_FAST`, ...), for 3.11, 3.12, 3.13.

Place in the pipeline: frontend; mixed into `tracer.FunctionTracer`, which
gathers every `op_*` method into its dispatch table. A handler gets the
instruction and the mutable Frame; it returns None to fall through to the
next instruction or `STOP` when it ended the block (jump, branch, return,
raise). Version differences sit under explicit `self.version` checks; see
docs/bytecode.md for each version's quirks.
"""
from __future__ import annotations

import ast
import builtins as _py_builtins
import linecache
import re

from ..ir import Var
from ..ir.messages import INT_OVERFLOW
from ..ir.types import VectorType
from . import (array_indexing, array_ops, arrays, complexes, container_values, dicts, lists, npargs,
               nplib, objects, sets, strings, strfmt, strvalues)
from .container_values import TableIter
from .iterators import RangeIter, TupleIter, get_iter, range_advance, range_has_next, tuple_next
from .state import NULL, STOP, UNBOUND, Static
from .typefork import TypeFork
from .values import (E_ATTRIBUTE, E_TYPE, E_UNSUPPORTED_OPCODE, E_UNSUPPORTED_VALUE,
                     Cx, NpScalar, TraceRaise, error, is_complex)

_UNSUPPORTED = {
    "STORE_GLOBAL": ("assigning a global variable is not supported",
                     "return the value instead of storing it in a global"),
    "DELETE_GLOBAL": ("deleting a global is not supported", ""),
    "STORE_ATTR": ("assigning an attribute is not supported", "use local variables"),
    "DELETE_FAST": ("del of a local variable is not supported", "remove the del"),
    "CALL_FUNCTION_EX": ("calls with *args or **kwargs are not supported",
                         "pass the arguments one by one"),
    "BEFORE_WITH": ("with statements are not supported", "remove the with block"),
    "IMPORT_NAME": ("import inside a compiled function is not supported",
                    "import at module level"),
}


def _unsupported(self, ins, frame):
    what, hint = _UNSUPPORTED[ins.opname]
    raise error(self.loc_of(ins), what, hint, E_UNSUPPORTED_OPCODE)


def _cmp_op(ins) -> str:
    r = ins.argrepr
    if r.startswith("bool(") and r.endswith(")"):  # 3.13: COMPARE_OP with bool conversion
        r = r[5:-1]
    return r


class Handlers:
    # --- no-ops ------------------------------------------------------------------
    def op_RESUME(self, ins, f): pass
    def op_NOP(self, ins, f): pass
    def op_CACHE(self, ins, f): pass
    def op_PRECALL(self, ins, f): pass          # 3.11
    def op_COPY_FREE_VARS(self, ins, f): pass   # closure cells are read at entry
    def op_EXTENDED_ARG(self, ins, f): pass
    def op_NOT_TAKEN(self, ins, f): pass

    # --- stack -------------------------------------------------------------------
    def op_POP_TOP(self, ins, f):
        f.stack.pop()

    def op_PUSH_NULL(self, ins, f):
        f.stack.append(NULL)

    def op_COPY(self, ins, f):
        f.stack.append(f.stack[-ins.arg])

    def op_SWAP(self, ins, f):
        s = f.stack
        s[-1], s[-ins.arg] = s[-ins.arg], s[-1]

    def op_END_FOR(self, ins, f):  # only reached by fall-through in 3.12 (pops 2) / 3.13 (1)
        f.stack.pop()
        if self.version == (3, 12):
            f.stack.pop()

    # --- loads and stores ----------------------------------------------------------
    def op_LOAD_CONST(self, ins, f):
        f.stack.append(self.checked_const(ins))

    def op_RETURN_CONST(self, ins, f):  # 3.12+
        return self.do_return(self.checked_const(ins), self.loc_of(ins))

    def checked_const(self, ins):
        """A constant CPython's compiler folded from an int expression (`2**70`)
        is an int result like any other: outside int64 it raises
        OverflowError where the expression is. A literal stays a value."""
        v = ins.argval
        if type(v) in (int, float, tuple, frozenset) and \
                _folded_overflows(self.code.co_filename, ins):
            raise TraceRaise("OverflowError", INT_OVERFLOW)
        return v

    def op_LOAD_FAST(self, ins, f):
        i = self.names.index(ins.argval)
        v = f.locals[i]
        if v is UNBOUND:
            if ins.argval in self.code.co_cellvars and self.version >= (3, 13):
                # 3.13's LOAD_CLOSURE is a LOAD_FAST of the cell (a function
                # capturing itself, `def walk(n): ... walk(...)`): the closure is
                # refused at SET_FUNCTION_ATTRIBUTE, as on 3.11/3.12
                f.stack.append(_Cell(UNBOUND))
                return
            raise TraceRaise("UnboundLocalError",
                             f"cannot access local variable '{ins.argval}' where it is not "
                             "associated with a value")
        f.stack.append(v.value if isinstance(v, Static) else v)

    op_LOAD_FAST_CHECK = op_LOAD_FAST

    def op_LOAD_FAST_LOAD_FAST(self, ins, f):  # 3.13
        for n in ins.argval:
            self.op_LOAD_FAST(_Named(n), f)

    def op_STORE_FAST(self, ins, f):
        f.locals[self.names.index(ins.argval)] = self._stored(f.stack.pop(), ins)

    def op_STORE_FAST_STORE_FAST(self, ins, f):  # 3.13
        for n in ins.argval:
            f.locals[self.names.index(n)] = self._stored(f.stack.pop(), ins)

    def op_STORE_FAST_LOAD_FAST(self, ins, f):  # 3.13
        st, ld = ins.argval
        f.locals[self.names.index(st)] = self._stored(f.stack.pop(), ins)
        self.op_LOAD_FAST(_Named(ld), f)

    def _stored(self, v, ins):
        """A value stored in a variable: lazy array expressions are computed
        now (NumPy evaluates them here; later writes must not change them)."""
        if isinstance(v, arrays.ListLit):  # a list literal stored: a list (frontend/lists.py)
            return lists.as_list(self, v, self.loc_of(ins))
        from .generators import Gen, start_iter
        if isinstance(v, Gen):  # a generator object kept: its frame exists from now on
            return start_iter(self, v, self.loc_of(ins))
        if isinstance(v, (arrays.Ew, tuple)):
            return arrays.settle(self, v, self.loc_of(ins))
        return v

    def op_LOAD_DEREF(self, ins, f):
        v = f.locals[self.names.index(ins.argval)]
        if v is UNBOUND:
            raise error(self.loc_of(ins), f"free variable {ins.argval!r} is not bound yet",
                        "define it before the function is compiled", E_UNSUPPORTED_VALUE)
        f.stack.append(v)

    def op_MAKE_CELL(self, ins, f):
        """A local captured by an inner function: the cell is the local itself
        here; the inner function is rejected at MAKE_FUNCTION."""

    def op_LOAD_CLOSURE(self, ins, f):
        f.stack.append(_Cell(f.locals[self.names.index(ins.argval)]))

    def op_SET_FUNCTION_ATTRIBUTE(self, ins, f):  # 3.13
        from .generators import GenMaker
        fn = f.stack.pop()
        value = f.stack.pop()
        if isinstance(fn, GenMaker) and ins.arg == 8:
            fn.captured = [_cell_value(c) for c in value]
            f.stack.append(fn)
            return
        if isinstance(fn, lists.LambdaMaker) and ins.arg == 8:
            f.stack.append(lists.lambda_(self, fn.code, [_cell_value(c) for c in value],
                                         ins=ins))
            return
        raise error(self.loc_of(ins), "defining a function inside a compiled function is not "
                    "supported", "define helpers at module level", E_UNSUPPORTED_OPCODE)

    def op_RETURN_GENERATOR(self, ins, f):  # a generator expression traced by its consumer
        f.stack.append(None)

    def op_YIELD_VALUE(self, ins, f):
        if getattr(self, "genexpr", None):
            from .generators import on_yield
            return on_yield(self, f, ins)
        raise error(self.loc_of(ins), "generators are not supported", "return a value instead",
                    E_UNSUPPORTED_OPCODE)

    def op_STORE_DEREF(self, ins, f):
        """A local captured by a comprehension (3.11): the cell is the local."""
        if ins.argval not in self.code.co_cellvars:
            raise error(self.loc_of(ins), "assigning a nonlocal variable is not supported",
                        "return the value instead", E_UNSUPPORTED_OPCODE)
        f.locals[self.names.index(ins.argval)] = self._stored(f.stack.pop(), ins)

    def op_MAKE_FUNCTION(self, ins, f):
        code = f.stack[-1] if self.version >= (3, 11) else None
        name = getattr(code, "co_name", "")
        if name in ("<listcomp>", "<dictcomp>", "<setcomp>") and ins.arg in (0, 8):  # 3.11: called right away
            f.stack.pop()
            cells = f.stack.pop() if ins.arg == 8 else ()
            f.stack.append(lists.comprehension(self, code, [_cell_value(c) for c in cells]))
            return
        if name == "<lambda>" and ins.arg in (0, 8, None):  # a key function (lists_calls.lambda_)
            f.stack.pop()
            cells = f.stack.pop() if ins.arg == 8 else ()
            f.stack.append(lists.lambda_(self, code, [_cell_value(c) for c in cells],
                                         ins.arg is None, ins))
            return
        if name == "<genexpr>" and ins.arg in (0, 8, None):  # frontend/generators.py
            from .generators import GenMaker
            f.stack.pop()
            cells = f.stack.pop() if ins.arg == 8 else ()
            f.stack.append(GenMaker(code, [_cell_value(c) for c in cells], self.fn.__globals__))
            return
        what, hint = {
            "<genexpr>": ("generator expressions are not supported",
                          "use a for loop that accumulates the result"),
            "<listcomp>": ("list comprehensions are not supported", "use a for loop"),
            "<setcomp>": ("set comprehensions are not supported", "use a for loop"),
            "<dictcomp>": ("dict comprehensions are not supported", "use a for loop"),
            "<lambda>": ("lambda inside a compiled function is not supported",
                         "define the function at module level"),
        }.get(name, ("defining a function inside a compiled function is not supported",
                     "define helpers at module level"))
        raise error(self.loc_of(ins), what, hint, E_UNSUPPORTED_OPCODE)

    def _global(self, ins, name):
        g = self.fn.__globals__
        if name in g:
            return g[name]
        b = g.get("__builtins__", _py_builtins)
        b = b if isinstance(b, dict) else vars(b)
        if name in b:
            return b[name]
        raise error(self.loc_of(ins), f"name {name!r} is not defined",
                    "define it at module level before compiling", E_ATTRIBUTE)

    def op_LOAD_GLOBAL(self, ins, f):
        from .calls import check_forbidden
        v = self._global(ins, ins.argval)
        check_forbidden(v, self.loc_of(ins))
        push_null = ins.arg & 1
        if push_null and self.version < (3, 13):
            f.stack.append(NULL)
        f.stack.append(v)
        if push_null and self.version >= (3, 13):
            f.stack.append(NULL)

    def op_LOAD_ATTR(self, ins, f):
        obj = f.stack.pop()
        loc = self.loc_of(ins)
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
            return lists.attribute(obj, name, loc)
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

    # --- operators -------------------------------------------------------------------
    def op_BINARY_OP(self, ins, f):
        from . import operators
        b = f.stack.pop()
        a = f.stack.pop()
        op = ins.argrepr.rstrip("=") if ins.argrepr not in ("==",) else ins.argrepr
        if op != "+" and (isinstance(a, strings.FStr) or isinstance(b, strings.FStr)):
            # `str(n) * 2`: an f-string value as a string (its text, at run time)
            a, b = (strvalues.settle(self, v, self.loc_of(ins)) for v in (a, b))
        if sets.is_set(a) or sets.is_set(b):
            f.stack.append(sets.binary(self, op, ins.argrepr.endswith("="), a, b,
                                       self.loc_of(ins)))
            return
        if dicts.is_dict_value(a) or dicts.is_dict_value(b):
            raise error(self.loc_of(ins), f"operator {ins.argrepr} on dicts is not supported",
                        "use the dict's methods (update, copy)", E_TYPE)
        if objects.is_obj(a) or objects.is_obj(b):
            f.stack.append(objects.binary(self, op, ins.argrepr.endswith("="), a, b,
                                          self.loc_of(ins)))
            return
        if any(isinstance(v, arrays.ListLit) or lists.is_list(v) for v in (a, b)):
            f.stack.append(lists.binary(self, op, ins.argrepr.endswith("="), a, b,
                                        self.loc_of(ins)))
            return
        if strvalues.involved(a, b) or op == "%" and type(a) is str and not \
                strvalues._known(b) or op == "*" and strvalues.repeats_known(a, b):
            # run-time strings, "%.2f" % x, a known str repeated a run-time count (strvalues.py)
            f.stack.append(strvalues.binary(self, op, a, b, self.loc_of(ins)))
            return
        self._check_operands(ins, (a, b))
        if ins.argrepr.endswith("=") and isinstance(a, arrays.Arr):  # a += b on an array
            f.stack[:] = [arrays.settle(self, v, self.loc_of(ins)) for v in f.stack]
            f.stack.append(array_ops.inplace(self, op, a, b, self.loc_of(ins)))
            return
        if op == "+" and (isinstance(a, strings.FStr) or isinstance(b, strings.FStr)):
            f.stack.append(strings.concat(a, b, self.loc_of(ins)))
            return
        f.stack.append(operators.binary(self.fb, op, a, b, self.loc_of(ins), tr=self))

    def op_COMPARE_OP(self, ins, f):
        from . import operators
        b = f.stack.pop()
        a = f.stack.pop()
        if strvalues.has_fstr(a) or strvalues.has_fstr(b):
            # `str(n) == "2"`, `(str(n), 1) == ("2", 1)`: the f-string value's text, at run time (was
            # compared as an object: never equal)
            a, b = (strvalues.settle(self, v, self.loc_of(ins)) for v in (a, b))
        if sets.is_set_value(a) or sets.is_set_value(b):
            raise error(self.loc_of(ins), "comparing sets is not supported",
                        "compare their lengths or test membership", E_TYPE)
        if dicts.is_dict_value(a) or dicts.is_dict_value(b):
            raise error(self.loc_of(ins), "comparing dicts is not supported",
                        "compare their items", E_TYPE)
        if objects.is_obj(a) or objects.is_obj(b):
            f.stack.append(objects.compare(self, _cmp_op(ins), a, b, self.loc_of(ins)))
            return
        if any(isinstance(v, arrays.ListLit) or lists.is_list(v) for v in (a, b)):
            f.stack.append(lists.compare(self, _cmp_op(ins), a, b, self.loc_of(ins)))
            return
        if strvalues.involved(a, b):  # run-time strings (strvalues.py)
            f.stack.append(strvalues.compare(self, _cmp_op(ins), a, b, self.loc_of(ins)))
            return
        if strvalues.in_tuples(a, b):  # tuples holding run-time strings
            f.stack.append(strvalues.compare_tuples(self, _cmp_op(ins), a, b, self.loc_of(ins)))
            return
        self._check_operands(ins, (a, b))
        r = complexes.fast_abs_compare(self, f, _cmp_op(ins), a, b, self.loc_of(ins))
        if r is None:
            r = operators.compare(self.fb, _cmp_op(ins), a, b, self.loc_of(ins))
        f.stack.append(r)

    def _check_operands(self, ins, vals):
        for v in vals:
            if isinstance(v, (RangeIter, TupleIter)) or v is NULL or v is UNBOUND:
                raise error(self.loc_of(ins), f"operation on {type(v).__name__}",
                            "", E_TYPE)

    def _unary(self, ins, f, op):
        from . import operators
        if objects.is_obj(f.stack[-1]):
            f.stack.append(objects.unary(self, op, f.stack.pop(), self.loc_of(ins)))
            return
        f.stack.append(operators.unary(self.fb, op, f.stack.pop(), self.loc_of(ins)))

    def op_UNARY_NEGATIVE(self, ins, f): self._unary(ins, f, "-")
    def op_UNARY_INVERT(self, ins, f): self._unary(ins, f, "~")
    def op_UNARY_POSITIVE(self, ins, f): self._unary(ins, f, "+")  # 3.11

    def op_UNARY_NOT(self, ins, f):
        v = f.stack.pop()
        if self.version < (3, 13):  # 3.13: the operand is already a bool (TO_BOOL)
            v = self.truth(v, self.loc_of(ins))
        f.stack.append(self.fb.emit("not", [v]) if isinstance(v, Var) else (not v))

    def op_CALL_INTRINSIC_1(self, ins, f):  # 3.12+
        if ins.argrepr == "INTRINSIC_UNARY_POSITIVE":
            return self._unary(ins, f, "+")
        raise error(self.loc_of(ins), f"bytecode CALL_INTRINSIC_1 {ins.argrepr} is not "
                    "supported", "", E_UNSUPPORTED_OPCODE)

    def op_TO_BOOL(self, ins, f):  # 3.13
        f.stack.append(self.truth(f.stack.pop(), self.loc_of(ins)))

    def truth(self, v, loc):
        if sets.is_set(v):
            return sets.truth(self, v)
        if dicts.is_dict(v):
            return dicts.truth(self, v)
        if objects.is_obj(v):
            return objects.truth(self, v, loc)
        if arrays.is_array(v):
            return array_ops.truth(self, v, loc)
        if lists.is_list(v):
            return lists.truth(self, v)
        if strvalues.is_str(v):
            return strvalues.truth(self, v)
        if isinstance(v, (Var, NpScalar)) or type(v) in (int, float, bool, complex, Cx):
            from . import operators
            return operators.truth(self.fb, v, loc)
        if isinstance(v, (RangeIter, TupleIter)) or v is NULL or v is UNBOUND:
            raise error(loc, f"truth value of a {type(v).__name__} is not supported", "", E_TYPE)
        if isinstance(v, tuple):  # may hold symbolic items: only its length matters
            return len(v) > 0
        try:
            return bool(v)  # any other known object: Python decides
        except Exception:  # noqa: BLE001
            raise error(loc, f"truth value of a {type(v).__name__} is not supported", "",
                        E_TYPE) from None

    def op_IS_OP(self, ins, f):
        b = f.stack.pop()
        a = f.stack.pop()
        if objects.is_obj(a) or objects.is_obj(b):
            same = objects.identical(self, a, b)
            if ins.arg:
                same = self.fb.emit("not", [same]) if isinstance(same, Var) else not same
            f.stack.append(same)
            return
        if isinstance(a, Var) or isinstance(b, Var):
            if a is None or b is None:  # a number is never None
                f.stack.append(bool(ins.arg))
                return
            raise error(self.loc_of(ins), "`is` on numbers is not supported", "use ==", E_TYPE)
        r = a is b
        f.stack.append(r != bool(ins.arg))

    def op_CONTAINS_OP(self, ins, f):
        from . import operators
        loc = self.loc_of(ins)
        b = strvalues.settle(self, f.stack.pop(), loc)
        a = strvalues.settle(self, f.stack.pop(), loc)
        if type(a) is str and type(b) is str:  # both known: Python's answer
            f.stack.append((a in b) != bool(ins.arg))
            return
        if isinstance(b, (frozenset, set)) and all(type(x) in (int, float, bool, str) for x in b):
            b = tuple(b)  # a constant set (`x in {1, 2}`, `s in {"a", "b"}`): order-free
        if (strvalues.involved(a, b) or isinstance(b, tuple) and any(
                strvalues.in_tuples(a, x) for x in b)) and not (
                lists.is_list(b) or sets.is_set(b) or dicts.is_dict(b)):
            r = strvalues.contains(self, a, b, loc)
            f.stack.append(self.fb.emit("not", [r]) if ins.arg and isinstance(r, Var)
                           else (not r) if ins.arg else r)
            return
        if sets.is_set(b):
            r = sets.contains(self, b, a, loc)
            f.stack.append(self.fb.emit("not", [r]) if ins.arg and isinstance(r, Var)
                           else (not r) if ins.arg else r)
            return
        if dicts.is_dict(b) or type(b) is dicts.DictView and b.kind == "keys":
            r = dicts.contains(self, b if dicts.is_dict(b) else b.d, a, loc)
            f.stack.append(self.fb.emit("not", [r]) if ins.arg and isinstance(r, Var)
                           else (not r) if ins.arg else r)
            return
        if lists.is_list(b) or isinstance(b, lists.Literal) and lists.as_list(
                self, b, loc, strict=False) is not None:
            r = lists.contains(self, lists.as_list(self, b, loc), a, loc)
            f.stack.append(self.fb.emit("not", [r]) if ins.arg and isinstance(r, Var)
                           else (not r) if ins.arg else r)
            return
        if not isinstance(b, (tuple, range)):
            raise error(loc, f"`in` on a {type(b).__name__} is not supported",
                        "use `in` with a tuple", E_TYPE)
        r = False
        for x in b:
            eq = operators.compare(self.fb, "==", a, x, loc)
            r = eq if r is False else (True if eq is True else
                                       r if eq is False else self.fb.emit("or", [r, eq]))
            if r is True:
                break
        if ins.arg:
            r = (not r) if not isinstance(r, Var) else self.fb.emit("not", [r])
        f.stack.append(r)

    # --- f-strings (frontend/strings.py) ---------------------------------------------
    def op_FORMAT_VALUE(self, ins, f):  # 3.11, 3.12
        spec = f.stack.pop() if ins.arg & 0x04 else ""
        conv = (None, "s", "r", "a")[ins.arg & 0x03]
        v = f.stack.pop()
        if strfmt.is_run_time_spec(spec):  # f"{x:{w}.{p}f}" (strfmt.py)
            f.stack.append(strfmt.run_time_spec(self, v, conv, spec, self.loc_of(ins)))
            return
        if strvalues.is_str(v):
            f.stack.append(strvalues.format_value(self, v, conv, spec, self.loc_of(ins)))
            return
        f.stack.append(strings.format_value(v, conv, spec, self.loc_of(ins)))

    def op_CONVERT_VALUE(self, ins, f):  # 3.13: !s !r !a, formatted by the next FORMAT_*
        f.stack.append(_Converted(f.stack.pop(), (None, "s", "r", "a")[ins.arg]))

    def op_FORMAT_SIMPLE(self, ins, f):  # 3.13
        self._format(ins, f, "")

    def op_FORMAT_WITH_SPEC(self, ins, f):  # 3.13
        self._format(ins, f, f.stack.pop())

    def _format(self, ins, f, spec):
        v, conv = f.stack.pop(), None
        if isinstance(v, _Converted):
            v, conv = v.value, v.conv
        if strfmt.is_run_time_spec(spec):  # f"{x:{w}.{p}f}" (strfmt.py)
            f.stack.append(strfmt.run_time_spec(self, v, conv, spec, self.loc_of(ins)))
            return
        if strvalues.is_str(v):
            f.stack.append(strvalues.format_value(self, v, conv, spec, self.loc_of(ins)))
            return
        f.stack.append(strings.format_value(v, conv, spec, self.loc_of(ins)))

    def op_BUILD_STRING(self, ins, f):
        n = ins.arg
        parts = list(f.stack[len(f.stack) - n:]) if n else []
        del f.stack[len(f.stack) - n:]
        f.stack.append(strings.build_string(parts, self.loc_of(ins)))

    # --- tuples ----------------------------------------------------------------------
    def op_DELETE_SUBSCR(self, ins, f):
        key = f.stack.pop()
        container = f.stack.pop()
        if lists.is_list(container):  # del xs[i], del xs[a:b:c]
            from . import lists_slices
            lists_slices.delitem(self, container, key, self.loc_of(ins))
            return
        if not dicts.is_dict(container):
            raise error(self.loc_of(ins), "del of an item is only supported on dicts and lists",
                        "", E_UNSUPPORTED_OPCODE)
        dicts.delitem(self, container, key, self.loc_of(ins))

    def op_BUILD_MAP(self, ins, f):
        n = ins.arg
        items = f.stack[len(f.stack) - 2 * n:] if n else []
        del f.stack[len(f.stack) - 2 * n:]
        pairs = [(items[2 * i], items[2 * i + 1]) for i in range(n)]
        site = ("map", self.code, ins.offset)
        f.stack.append(dicts.from_items(self, pairs, site, self.loc_of(ins)))

    def op_BUILD_CONST_KEY_MAP(self, ins, f):
        keys = f.stack.pop()
        n = ins.arg
        values = f.stack[len(f.stack) - n:]
        del f.stack[len(f.stack) - n:]
        site = ("map", self.code, ins.offset)
        f.stack.append(dicts.from_items(self, list(zip(keys, values)), site, self.loc_of(ins)))

    def op_BUILD_SET(self, ins, f):
        n = ins.arg
        items = f.stack[len(f.stack) - n:] if n else []
        del f.stack[len(f.stack) - n:]
        f.stack.append(sets.from_items(self, items, ("set", self.code, ins.offset),
                                       self.loc_of(ins)))

    def op_SET_ADD(self, ins, f):  # set comprehensions
        v = f.stack.pop()
        s = f.stack[-ins.arg]
        if not sets.is_set(s):
            raise error(self.loc_of(ins), "SET_ADD on a non-set", "", E_UNSUPPORTED_OPCODE)
        sets.add(self, s, v, self.loc_of(ins))

    def op_SET_UPDATE(self, ins, f):  # {1, 2, 3}: BUILD_SET 0, then the frozenset constant
        src = f.stack.pop()
        s = f.stack[-ins.arg]
        loc = self.loc_of(ins)
        if isinstance(src, frozenset) and sets.is_set(s) and s.et is None and src:
            s = f.stack[-ins.arg] = sets.from_items(self, [next(iter(src))], s.site, loc)
        sets.update_from_iterable(self, s, src, loc)

    def op_MAP_ADD(self, ins, f):  # dict comprehensions
        value = f.stack.pop()
        key = f.stack.pop()
        d = f.stack[-ins.arg]
        if not dicts.is_dict(d):
            raise error(self.loc_of(ins), "MAP_ADD on a non-dict", "", E_UNSUPPORTED_OPCODE)
        dicts.setitem(self, d, key, value, self.loc_of(ins))

    def op_BUILD_TUPLE(self, ins, f):
        n = ins.arg
        items = tuple(f.stack[len(f.stack) - n:]) if n else ()
        del f.stack[len(f.stack) - n:]
        f.stack.append(items)

    def op_BUILD_LIST(self, ins, f):
        """A list literal: only as an argument of NumPy functions (np.array([...]),
        np.stack([a, b])) or to loop over (arrays.ListLit)."""
        n = ins.arg
        items = tuple(f.stack[len(f.stack) - n:]) if n else ()
        del f.stack[len(f.stack) - n:]
        f.stack.append(lists.Literal(items, ins.offset))

    def op_LIST_APPEND(self, ins, f):  # comprehensions
        v = f.stack.pop()
        loc = self.loc_of(ins)
        lst = lists.as_list(self, f.stack[-ins.arg], loc)
        f.stack[-ins.arg] = lst
        lists.append(self, lst, v, loc)

    def op_LOAD_FAST_AND_CLEAR(self, ins, f):  # 3.12+ inlined comprehensions
        i = self.names.index(ins.argval)
        f.stack.append(f.locals[i])
        f.locals[i] = UNBOUND

    def op_LIST_EXTEND(self, ins, f):  # [1, 2, 3]: BUILD_LIST 0, LOAD_CONST (1, 2, 3)
        src = f.stack.pop()
        lst = f.stack[-ins.arg]
        if lists.is_list(lst) or lists.is_list(src):
            lst = f.stack[-ins.arg] = lists.as_list(self, lst, self.loc_of(ins))
            lists.extend(self, lst, src, self.loc_of(ins))
            return
        if not isinstance(lst, arrays.ListLit) or not isinstance(src, (tuple, arrays.ListLit)):
            raise error(self.loc_of(ins), "lists are not supported", "use tuples",
                        E_UNSUPPORTED_OPCODE)
        f.stack[-ins.arg] = lists.Literal(lst.items + tuple(
            src.items if isinstance(src, arrays.ListLit) else src), getattr(lst, "site", None))

    def op_UNPACK_SEQUENCE(self, ins, f):
        v = f.stack.pop()
        loc = self.loc_of(ins)
        if isinstance(v, range):
            v = tuple(v)
        if lists.is_list(v):  # a, b = s.split(","): its length checked at run time
            from .strlists import unpack
            v = unpack(self, v, ins.arg, loc)
        if arrays.is_array(v):  # y, x = np.mgrid[...]: the items along axis 0
            from .indexing_fancy import unpack
            v = unpack(self, v, ins.arg, loc)
        if not isinstance(v, tuple):
            raise error(loc, f"cannot unpack a {type(v).__name__ if not isinstance(v, Var) else v.type.pyname}",
                        "only tuples can be unpacked", E_TYPE)
        if len(v) != ins.arg:
            if len(v) > ins.arg:
                raise TraceRaise("ValueError", f"too many values to unpack (expected {ins.arg})")
            raise TraceRaise("ValueError",
                             f"not enough values to unpack (expected {ins.arg}, got {len(v)})")
        f.stack.extend(reversed(v))

    def op_BINARY_SUBSCR(self, ins, f):
        idx = f.stack.pop()
        loc = self.loc_of(ins)
        seq = strvalues.settle(self, f.stack.pop(), loc)  # str(n)[1:]: its text
        if dicts.is_dict(seq):
            f.stack.append(dicts.getitem(self, seq, idx, loc))
            return
        if objects.is_obj(seq):
            f.stack.append(objects.getitem(self, seq, idx, loc))
            return
        if arrays.is_array(seq):
            f.stack.append(array_indexing.getitem(self, seq, lists.as_index(self, idx, loc), loc))
            return
        if lists.is_list(seq) or isinstance(seq, lists.Literal):
            f.stack.append(lists.getitem(self, lists.as_list(self, seq, loc), idx, loc))
            return
        if strvalues.is_str(seq) or type(seq) is str:
            f.stack.append(strvalues.getitem(self, seq, idx, loc))
            return
        from . import npfuncs_shape
        if npfuncs_shape.is_grid(seq):  # np.mgrid[...], np.ogrid[...]
            f.stack.append(npfuncs_shape.grid(self, seq, idx, loc))
            return
        if not isinstance(seq, (tuple, range)):
            raise error(loc, "indexing is only supported on tuples", "", E_TYPE)
        if isinstance(idx, slice):
            f.stack.append(seq[idx] if isinstance(seq, tuple) else tuple(seq[idx]))
            return
        from .npscalars import demote, dtype_name, is_np
        if is_np(idx) and dtype_name(idx) != "bool":  # a NumPy integer index: its value
            idx = demote(idx, self.fb, loc)
        if isinstance(idx, Var) and idx.type.name == "i64" and isinstance(seq, tuple):
            f.stack.append(self._dynamic_index(seq, idx, loc))
            return
        if isinstance(idx, Var) or type(idx) not in (int, bool):
            raise error(loc, "a tuple index must be an int known when compiling, or a "
                        "symbolic int on a tuple of numbers of one type",
                        "index tuples with constants or loop over them", E_TYPE)
        try:
            f.stack.append(seq[idx])
        except IndexError:
            raise TraceRaise("IndexError", "tuple index out of range") from None

    def _dynamic_index(self, seq, idx, loc):
        """t[i] with a symbolic int i: IndexError check, then a select chain."""
        from .values import scalar_type
        if seq and all(is_complex(x) for x in seq):  # each part by its own chain
            f = complexes.F(self.fb, loc)
            ps = [complexes.parts(f, x) for x in seq]
            return complexes.make(self._dynamic_index(tuple(p[0] for p in ps), idx, loc),
                                  self._dynamic_index(tuple(p[1] for p in ps), idx, loc))
        types = {scalar_type(x) for x in seq}
        if len(types) != 1 or None in types:
            raise error(loc, "indexing with a run-time index needs a tuple of numbers of "
                        "one type", "make every item the same type, e.g. all floats", E_TYPE)
        fb, n = self.fb, len(seq)
        if n == 0:
            raise TraceRaise("IndexError", "tuple index out of range")
        t = types.pop()
        zero, size = fb.const(0), fb.const(n)
        # the bounds on idx itself: idx + n would overflow int64 for an idx
        # near 2**63 (an OverflowError instead of CPython's IndexError)
        oob = fb.emit("or", [fb.emit("lt", [idx, fb.const(-n)]), fb.emit("ge", [idx, size])])
        fb.raise_if(oob, "IndexError", "tuple index out of range", loc)
        j = fb.emit("select", [fb.emit("lt", [idx, zero]), fb.emit("add", [idx, size]), idx])
        items = [self.materialize(x) for x in seq]
        out = items[-1]
        for k in range(n - 2, -1, -1):
            out = fb.emit("select", [fb.emit("eq", [j, fb.const(k)]), items[k], out])
        return out

    def op_BINARY_SLICE(self, ins, f):  # 3.12+
        stop = f.stack.pop()
        start = f.stack.pop()
        f.stack[-1] = strvalues.settle(self, f.stack[-1], self.loc_of(ins))
        if arrays.is_array(f.stack[-1]) or lists.is_list(f.stack[-1]) or \
                strvalues.is_str(f.stack[-1]) or type(f.stack[-1]) is str:
            f.stack.append(slice(start, stop))
            return self.op_BINARY_SUBSCR(ins, f)
        if isinstance(start, Var) or isinstance(stop, Var):
            raise error(self.loc_of(ins), "slice bounds must be known when compiling", "",
                        E_TYPE)
        f.stack.append(slice(start, stop))
        self.op_BINARY_SUBSCR(ins, f)

    def op_BUILD_SLICE(self, ins, f):
        n = ins.arg
        items = f.stack[len(f.stack) - n:]
        del f.stack[len(f.stack) - n:]
        f.stack.append(slice(*items))

    def op_STORE_SUBSCR(self, ins, f):
        key = f.stack.pop()
        container = f.stack.pop()
        value = f.stack.pop()
        loc = self.loc_of(ins)
        if lists.is_list(container):
            lists.setitem(self, container, key, value, loc)
            return
        if strvalues.is_str(container):
            raise TraceRaise("TypeError", "'str' object does not support item assignment")
        if objects.is_obj(container):
            objects.setitem(self, container, key, value, loc)
            return
        if dicts.is_dict(container):
            dicts.setitem(self, container, key, value, loc)
            return
        if not arrays.is_array(container):
            raise error(loc, "item assignment is only supported on NumPy arrays",
                        "tuples are immutable; build a new one", E_UNSUPPORTED_OPCODE)
        # expressions still pending (`a[0], b = 5.0, a + 1`) read memory before the write
        f.stack[:] = [arrays.settle(self, v, loc) for v in f.stack]
        if lists.is_list(value):  # a[:] = xs
            value = lists.to_array(self, value, loc)
        array_indexing.setitem(self, container, lists.as_index(self, key, loc), value, loc)

    def op_STORE_SLICE(self, ins, f):  # 3.12+
        stop = f.stack.pop()
        start = f.stack.pop()
        container = f.stack.pop()
        value = f.stack.pop()
        f.stack.extend([value, container, slice(start, stop)])
        return self.op_STORE_SUBSCR(ins, f)

    # --- control flow ----------------------------------------------------------------
    def op_RETURN_VALUE(self, ins, f):
        return self.do_return(f.stack.pop(), self.loc_of(ins))

    def op_JUMP_FORWARD(self, ins, f):
        return self.jump(ins.argval, f)

    op_JUMP_BACKWARD = op_JUMP_FORWARD
    op_JUMP_BACKWARD_NO_INTERRUPT = op_JUMP_FORWARD
    op_JUMP = op_JUMP_FORWARD

    def _pop_jump(self, ins, f, when: bool, test):
        v = f.stack.pop()
        cond = test(v, self.loc_of(ins))
        jump, fall = (ins.argval, f), (self.next_offset(ins), f.copy())
        if when:
            return self.branch(cond, *jump, *fall)
        if not isinstance(cond, Var):
            cond = not cond
            return self.branch(cond, *jump, *fall)
        return self.branch(cond, *fall, *jump)  # jump when false: swap targets

    def _truth_test(self, v, loc):
        return self.truth(v, loc)

    def _none_test(self, v, loc):
        return v is None

    def op_POP_JUMP_IF_FALSE(self, ins, f): return self._pop_jump(ins, f, False, self._truth_test)
    def op_POP_JUMP_IF_TRUE(self, ins, f): return self._pop_jump(ins, f, True, self._truth_test)
    def op_POP_JUMP_IF_NONE(self, ins, f): return self._pop_jump(ins, f, True, self._none_test)
    def op_POP_JUMP_IF_NOT_NONE(self, ins, f): return self._pop_jump(ins, f, False, self._none_test)
    # 3.11 spells direction in the name
    op_POP_JUMP_FORWARD_IF_FALSE = op_POP_JUMP_BACKWARD_IF_FALSE = op_POP_JUMP_IF_FALSE
    op_POP_JUMP_FORWARD_IF_TRUE = op_POP_JUMP_BACKWARD_IF_TRUE = op_POP_JUMP_IF_TRUE
    op_POP_JUMP_FORWARD_IF_NONE = op_POP_JUMP_BACKWARD_IF_NONE = op_POP_JUMP_IF_NONE
    op_POP_JUMP_FORWARD_IF_NOT_NONE = op_POP_JUMP_BACKWARD_IF_NOT_NONE = op_POP_JUMP_IF_NOT_NONE

    def _jump_or_pop(self, ins, f, when: bool):  # 3.11 short-circuit and/or
        v = f.stack[-1]
        cond = self.truth(v, self.loc_of(ins))
        fall = f.copy()
        fall.stack.pop()
        if when:
            return self.branch(cond, ins.argval, f, self.next_offset(ins), fall)
        if not isinstance(cond, Var):
            return self.branch(not cond, ins.argval, f, self.next_offset(ins), fall)
        return self.branch(cond, self.next_offset(ins), fall, ins.argval, f)

    def op_JUMP_IF_FALSE_OR_POP(self, ins, f): return self._jump_or_pop(ins, f, False)
    def op_JUMP_IF_TRUE_OR_POP(self, ins, f): return self._jump_or_pop(ins, f, True)

    def op_GET_ITER(self, ins, f):
        v = strvalues.settle(self, f.stack.pop(), self.loc_of(ins))
        if sets.is_set(v):
            f.stack.append(sets.get_iter(self, v))
            return
        if type(v) is TableIter:  # an iterator over a dict or set is its own iterator
            f.stack.append(v)
            return
        if type(v) in (dicts.PyDict, dicts.DictView):
            f.stack.append(dicts.get_iter(self, v))
            return
        if lists.is_list(v):
            f.stack.append(lists.get_iter(self, v))
            return
        if type(v) is str:  # a known string: its characters, known
            v = tuple(v)
        if type(v) is frozenset:  # `for x in {1, 2}`: CPython's constant, in its order
            v = tuple(v)
        if strvalues.is_str(v) or type(v) is strvalues.StrIter:
            f.stack.append(v if type(v) is strvalues.StrIter else
                           strvalues.get_iter(self, v, self.loc_of(ins)))
            return
        if isinstance(v, lists.ITERATORS + (arrays.ArrIter,)):  # iter(enumerate(xs)) is itself
            f.stack.append(v)                                   # (reversed(a) too)
            return
        from .generators import Gen, GenIter, start_iter
        if isinstance(v, GenIter):
            f.stack.append(v)
            return
        if isinstance(v, Gen):  # a generator expression looped over: step by step
            f.stack.append(start_iter(self, v, self.loc_of(ins)))
            return
        if isinstance(v, arrays.ListLit):  # for x in [a, b]: never mutated here
            # rows written as literals (`for r in [[n, 0], [7]]`) are made here: a
            # generator expression's function would otherwise build them from
            # this function's values (an undefined Var in its own)
            v = v.items
        if type(v) is tuple and any(isinstance(x, lists.Literal) for x in v):
            v = tuple(_made(self, x, self.loc_of(ins)) for x in v)  # (CPython: a tuple here)
        if arrays.is_array(v):
            f.stack.append(array_ops.get_iter(self, v, self.loc_of(ins)))
            return
        it = get_iter(self.fb, v, self.loc_of(ins))
        if it is None:
            tn = v.type.pyname if isinstance(v, Var) else type(v).__name__
            raise error(self.loc_of(ins), f"iterating over a {tn} is not supported",
                        "loop over range(...) or a tuple", E_TYPE)
        f.stack.append(it)

    def _exhausted_offset(self, ins) -> int:
        """Where FOR_ITER goes when the iterator is exhausted (after popping
        it): 3.11 the target; 3.12 skips END_FOR; 3.13 END_FOR and POP_TOP."""
        i = self.index[ins.argval]
        if self.version >= (3, 12) and self.instrs[i].opname == "END_FOR":
            i += 1
            if self.version >= (3, 13) and self.instrs[i].opname == "POP_TOP":
                i += 1
        return self.instrs[i].offset

    def op_FOR_ITER(self, ins, f):
        it = f.stack[-1]
        done = f.copy()
        done.stack.pop()
        out = self._exhausted_offset(ins)
        body = self.next_offset(ins)
        if isinstance(it, TupleIter):
            more, item, nxt = tuple_next(it)
            if not more:
                return self.jump(out, done)
            f.stack[-1] = nxt
            f.stack.append(item)
            return self.jump(body, f) if body in self.targets else None
        from . import generators
        steppers = {TableIter: container_values.iter_step, generators.GenIter: generators.iter_step,
                    strvalues.StrIter: strvalues.iter_step}
        if isinstance(it, lists.ITERATORS) or type(it) in steppers:
            # lists, enumerate/zip/reversed with lists, dicts and their views, sets, generators
            more, step = (steppers[type(it)](self, it, self.loc_of(ins)) if type(it) in steppers
                          else lists.iter_step(self, it))
            if more is False:
                return self.jump(out, done)
            if isinstance(more, Var):
                eb, eargs = self.edge(out, done)
                then = self.fb.new_block()
                self.fb.cond_br(more, then, eb, [], eargs)
                self.fb.set_block(then)
            item, nxt = step()
            f.stack[-1] = nxt
            f.stack.append(item)
            return None
        arr = None
        if isinstance(it, arrays.ArrIter):  # for v in a: a range over axis 0
            arr, it = it.arr, it.pos
        if isinstance(it, RangeIter):
            more = range_has_next(self.fb, it)
            if more is False:
                return self.jump(out, done)
            if isinstance(more, Var):
                # Exit edge first; the body continues in a fresh block that the
                # test dominates, so the increment only runs when cur < stop.
                eb, eargs = self.edge(out, done)
                then = self.fb.new_block()
                self.fb.cond_br(more, then, eb, [], eargs)
                self.fb.set_block(then)
            item, nxt = range_advance(self.fb, it)
            if arr is not None:
                item = array_ops.iter_item(self, arr, item, self.loc_of(ins))
                nxt = arrays.ArrIter(arr, nxt)
            f.stack[-1] = nxt
            f.stack.append(item)
            return None
        raise error(self.loc_of(ins), "unsupported iterator", "", E_TYPE)

    # --- calls -----------------------------------------------------------------------
    def op_KW_NAMES(self, ins, f):  # 3.11, 3.12 (3.11's dis leaves argval unresolved)
        f.kwnames = self.code.co_consts[ins.arg]

    def op_CALL(self, ins, f):
        kwnames = f.kwnames or ()
        f.kwnames = None
        return self._call(ins, f, ins.arg, kwnames)

    def op_CALL_KW(self, ins, f):  # 3.13
        kwnames = f.stack.pop()
        return self._call(ins, f, ins.arg, kwnames)

    def _call(self, ins, f, n, kwnames):
        from .calls import call_value
        args = f.stack[len(f.stack) - n:] if n else []
        del f.stack[len(f.stack) - n:]
        b = f.stack.pop()
        a = f.stack.pop()
        if self.version >= (3, 13):  # callable, self_or_null
            fn, self_ = a, b
        else:  # 3.11/3.12: NULL, callable  or  method, self
            fn, self_ = (b, NULL) if a is NULL else (a, b)
        if self_ is not NULL:
            args = [self_] + list(args)
        writes = isinstance(fn, npargs.ArrayMethod) and fn.name == "fill"
        if writes or callable(fn) and getattr(fn, "__module__", None) not in (
                "numpy", "math", "builtins") and not isinstance(fn, type):
            # a Python function may write to arrays: compute pending expressions first
            loc = self.loc_of(ins)
            f.stack[:] = [arrays.settle(self, v, loc) for v in f.stack]
            args = [arrays.settle(self, v, loc) for v in args]
        if fn is super and not args and "__class__" in self.code.co_freevars:  # 3.11
            f.stack.append(objects.SuperProxy(f.locals[self.names.index("__class__")],
                                              f.locals[0]))
            return None
        nkw = len(kwnames)
        pos = list(args[:len(args) - nkw])
        kwargs = dict(zip(kwnames, args[len(args) - nkw:]))
        r = call_value(self, fn, pos, kwargs, self.loc_of(ins))
        if r is None and _never_returns(self):  # every path of the callee raises: the path
            self.fb.raise_("SystemError", "py2wasm: a call that always raises returned",
                           self.loc_of(ins))  # ends here (never run: the raise unwinds)
            return STOP
        if type(r) is TypeFork:  # max(np.int64, float): continue once per result type
            return self.fork(ins, f, r)
        f.stack.append(r)

    # --- raise / assert ----------------------------------------------------------------
    def op_LOAD_ASSERTION_ERROR(self, ins, f):
        f.stack.append(AssertionError)

    def op_RAISE_VARARGS(self, ins, f):
        loc = self.loc_of(ins)
        if ins.arg != 1:
            raise error(loc, "bare raise and raise ... from are not supported",
                        "raise an exception instance", E_UNSUPPORTED_OPCODE)
        exc = f.stack.pop()
        if isinstance(exc, strings.SymExc):  # a message with run-time values
            strings.raise_exc(self.fb, exc, loc)
            return STOP
        if isinstance(exc, type) and issubclass(exc, BaseException):
            exc = exc()
        if not isinstance(exc, BaseException) or not raisable(type(exc)):
            raise error(loc, "only built-in exceptions with known messages can be raised",
                        "raise e.g. ValueError(\"message\")", E_UNSUPPORTED_VALUE)
        self.fb.raise_(type(exc).__name__, str(exc), loc)
        return STOP


def raisable(cls) -> bool:
    """A class compiled code may raise: a built-in exception, or one
    `errors.exception_class` knows (numpy.linalg.LinAlgError)."""
    from ..errors import exception_class
    return exception_class(cls.__name__) is cls


_CLOSURE = object()  # a cell pushed by LOAD_CLOSURE (only ever fed to MAKE_FUNCTION)


class _Converted:
    """3.13's CONVERT_VALUE result: a value and its conversion, for FORMAT_*."""
    __slots__ = ("value", "conv")

    def __init__(self, value, conv):
        self.value = value
        self.conv = conv


def _cell_value(c):
    """A captured value: LOAD_CLOSURE's _Cell (3.11, 3.12) or the value (3.13)."""
    return c.value if isinstance(c, _Cell) else c


class _Cell:
    """LOAD_CLOSURE's value: the captured local's value (3.11 comprehensions
    run at once, so capturing by value is exact)."""
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


class _Named:
    """A stand-in instruction carrying only a name (for fused 3.13 opcodes)."""
    __slots__ = ("argval",)

    def __init__(self, name):
        self.argval = name


for _name in _UNSUPPORTED:
    setattr(Handlers, "op_" + _name, _unsupported)


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
    _unsupported(self, ins, f)


Handlers.op_STORE_ATTR = _store_attr


def _delete_attr(self, ins, f):
    obj = f.stack.pop()
    if not objects.is_obj(obj):
        raise error(self.loc_of(ins), "del of an attribute is only supported on instances",
                    "", E_UNSUPPORTED_OPCODE)
    objects.delattr_(self, obj, ins.argval, self.loc_of(ins))


Handlers.op_DELETE_ATTR = _delete_attr



_BINOPS = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b,
           ast.Mult: lambda a, b: a * b, ast.Div: lambda a, b: a / b,
           ast.FloorDiv: lambda a, b: a // b, ast.Mod: lambda a, b: a % b,
           ast.Pow: lambda a, b: a ** b, ast.LShift: lambda a, b: a << b,
           ast.RShift: lambda a, b: a >> b, ast.BitAnd: lambda a, b: a & b,
           ast.BitOr: lambda a, b: a | b, ast.BitXor: lambda a, b: a ^ b}
_UNOPS = {ast.USub: lambda a: -a, ast.UAdd: lambda a: +a, ast.Invert: lambda a: ~a,
          ast.Not: lambda a: not a}


class _Unknown(Exception):
    pass


def _checked_eval(node):
    """Evaluate a constant expression with every int result checked against
    int64 (OverflowError outside); _Unknown for anything else."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        # a literal of constants is one folded constant too (a tuple; a
        # frozenset for `x in {...}`): `[0, (3 << 62) % 101]`
        return tuple(_checked_eval(e) for e in node.elts)
    if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
        a, b = _checked_eval(node.left), _checked_eval(node.right)
        if type(node.op) in (ast.Pow, ast.LShift) and type(a) is int and type(b) is int \
                and b > 64 and abs(a) >= 2:
            raise OverflowError
        r = _BINOPS[type(node.op)](a, b)
    elif isinstance(node, ast.UnaryOp) and type(node.op) in _UNOPS:
        r = _UNOPS[type(node.op)](_checked_eval(node.operand))
    else:
        raise _Unknown
    if type(r) is int and not -2**63 <= r < 2**63:
        raise OverflowError
    return r


_PLAIN = re.compile(rb"[0-9A-Za-z_.]*")


def _folded_overflows(file: str, ins) -> bool:
    """Is the constant of `ins` CPython's folding of an expression (`2**70`,
    `(2**70) % 5`) with an int result outside int64 along the way?"""
    pos = getattr(ins, "positions", None)
    if not pos or not pos.lineno or pos.col_offset is None or pos.end_col_offset is None:
        return False
    lines = linecache.getlines(file)[pos.lineno - 1:(pos.end_lineno or pos.lineno)]
    if not lines:
        return False
    raw = [ln.encode() for ln in lines]
    if len(raw) == 1:
        seg = raw[0][pos.col_offset:pos.end_col_offset]
    else:
        seg = b"".join([raw[0][pos.col_offset:]] + raw[1:-1] + [raw[-1][:pos.end_col_offset]])
    if _PLAIN.fullmatch(seg.strip()):
        return False  # a literal or a name: no operator to fold (and no parse to pay)
    try:
        tree = ast.parse(seg.decode("utf-8", "replace").strip(), mode="eval")
    except SyntaxError:
        return False
    if not any(isinstance(n, (ast.BinOp, ast.UnaryOp)) for n in ast.walk(tree)):
        return False  # a literal
    try:
        _checked_eval(tree.body)
    except OverflowError:
        return True
    except Exception:  # noqa: BLE001 - not ours to judge: CPython folded it
        return False
    return False


def _never_returns(tr) -> bool:
    """Was the last operation traced a call of a function that always raises
    (ModuleTracer.never_returns)? Then what follows the call is unreachable:
    tracing it could only fail (its result is taken for None)."""
    eqns = tr.fb.block.eqns
    return bool(eqns) and eqns[-1].prim == "call" and \
        eqns[-1].params.get("fn") in getattr(tr.mt, "never_returns", ())


def _made(tr, x, loc):
    """A list literal among the items of an iterated literal, as a list."""
    if isinstance(x, lists.Literal):
        made = lists.as_list(tr, x, loc, strict=False)
        return x if made is None else made
    return x
