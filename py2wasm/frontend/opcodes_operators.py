"""Handlers of the operator opcodes: BINARY_OP, COMPARE_OP, the unary
operators, IS_OP, CONTAINS_OP and truth (TO_BOOL, and `truth` for branches),
each dispatched to the module of its operands' kind (sets, dicts, objects,
lists, run-time strings, arrays) or to operators.py for numbers.

Place in the pipeline: frontend; `OperatorOps` is one of the mixins that
opcodes.Handlers gathers for tracer.FunctionTracer's dispatch table.
"""
from __future__ import annotations

from ..ir import Var
from . import array_ops, arrays, complexes, dicts, lists, objects, sets, str_tuples, strings, strvalues
from .iterators import RangeIter, TupleIter
from .state import NULL, UNBOUND
from .values import E_TYPE, E_UNSUPPORTED_OPCODE, Cx, NpScalar, error


def _cmp_op(ins) -> str:
    r = ins.argrepr
    if r.startswith("bool(") and r.endswith(")"):  # 3.13: COMPARE_OP with bool conversion
        r = r[5:-1]
    return r


class OperatorOps:
    """Binary, comparison, unary, identity, membership and truth."""

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
        if any(dicts.is_dict(v) and v.counter for v in (a, b)):  # collections_counter.py
            from .collections_counter import binary as counter_binary
            f.stack.append(counter_binary(self, op, a, b, self.loc_of(ins)))
            return
        if dicts.is_dict_value(a) or dicts.is_dict_value(b):
            raise error(self.loc_of(ins), f"operator {ins.argrepr} on dicts is not supported",
                        "use the dict's methods (update, copy)", E_TYPE)
        if objects.is_obj(a) or objects.is_obj(b):
            f.stack.append(objects.binary(self, op, ins.argrepr.endswith("="), a, b,
                                          self.loc_of(ins)))
            return
        if any(lists.is_list(v) and v.kind == "deque" for v in (a, b)):
            from .collections_deque import refuse_operator
            refuse_operator(ins.argrepr, self.loc_of(ins))
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
        f.stack.append(arrays.scalar_if_0d(self, operators.binary(
            self.fb, op, a, b, self.loc_of(ins), tr=self), self.loc_of(ins)))

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
        deques = [lists.is_list(v) and v.kind == "deque" for v in (a, b)]
        if any(deques) and not all(deques):  # a deque equals only deques (collections_deque)
            from .collections_deque import compare_other
            f.stack.append(compare_other(_cmp_op(ins), a, b))
            return
        if any(isinstance(v, arrays.ListLit) or lists.is_list(v) for v in (a, b)):
            f.stack.append(lists.compare(self, _cmp_op(ins), a, b, self.loc_of(ins)))
            return
        if strvalues.involved(a, b):  # run-time strings (strvalues.py)
            f.stack.append(strvalues.compare(self, _cmp_op(ins), a, b, self.loc_of(ins)))
            return
        if str_tuples.in_tuples(a, b):  # tuples holding run-time strings
            f.stack.append(str_tuples.compare_tuples(self, _cmp_op(ins), a, b, self.loc_of(ins)))
            return
        self._check_operands(ins, (a, b))
        r = complexes.fast_abs_compare(self, f, _cmp_op(ins), a, b, self.loc_of(ins))
        if r is None:
            r = operators.compare(self.fb, _cmp_op(ins), a, b, self.loc_of(ins))
        f.stack.append(arrays.scalar_if_0d(self, r, self.loc_of(ins)))

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
        f.stack.append(arrays.scalar_if_0d(self, operators.unary(
            self.fb, op, f.stack.pop(), self.loc_of(ins)), self.loc_of(ins)))

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
        if ins.argrepr == "INTRINSIC_LIST_TO_TUPLE":  # (*t, x) (unpack_star.py)
            return self.op_LIST_TO_TUPLE(ins, f)
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
        if _holds_itself(a, b):  # CPython's identity shortcut: `x in (.., x, ..)`
            f.stack.append(not ins.arg)
            return
        if type(b) is dict:  # `k in TABLE`, a module-level dict: frontend/dict_constants.py
            from . import dict_constants
            r = dict_constants.contains(self, b, a, loc)
            f.stack.append(_negated(self.fb, r, ins.arg))
            return
        if (strvalues.involved(a, b) or isinstance(b, tuple) and any(
                str_tuples.in_tuples(a, x) for x in b)) and not (
                lists.is_list(b) or sets.is_set(b) or dicts.is_dict(b)):
            r = strvalues.contains(self, a, b, loc)
            f.stack.append(_negated(self.fb, r, ins.arg))
            return
        if sets.is_set(b):
            r = sets.contains(self, b, a, loc)
            f.stack.append(_negated(self.fb, r, ins.arg))
            return
        if dicts.is_dict(b) or type(b) is dicts.DictView and b.kind == "keys":
            r = dicts.contains(self, b if dicts.is_dict(b) else b.d, a, loc)
            f.stack.append(_negated(self.fb, r, ins.arg))
            return
        if lists.is_list(b) or isinstance(b, lists.Literal) and lists.as_list(
                self, b, loc, strict=False) is not None:
            r = lists.contains(self, lists.as_list(self, b, loc), a, loc)
            f.stack.append(_negated(self.fb, r, ins.arg))
            return
        if type(b).__name__ == "SymRange":  # run-time bounds: frontend/seq_builtins.py
            from .seq_builtins import contains_range
            r = contains_range(self, a, b, loc)
            f.stack.append(_negated(self.fb, r, ins.arg))
            return
        from .arrays import is_array
        if is_array(b):  # ndarray.__contains__: (b == a).any(), a Python bool
            r = _array_contains(self, b, a, loc)
            f.stack.append(_negated(self.fb, r, ins.arg))
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


def _holds_itself(a, b) -> bool:
    """`a in b` is True before any `==` when the tuple or list literal b holds
    the object a itself (PySequence_Contains compares by identity first, so
    a NaN finds itself). A traced value is one object: the same Var is the
    same CPython object, a distinct Var may not be (README, deviations)."""
    from .lists import Literal
    items = b if isinstance(b, tuple) else b.items if isinstance(b, Literal) else ()
    return any(x is a for x in items)


def _negated(fb, r, negate):
    """`in`'s answer r (a bool or an IR bool), negated for `not in`."""
    if not negate:
        return r
    return fb.emit("not", [r]) if isinstance(r, Var) else not r


def _array_contains(tr, arr, v, loc):
    """`v in arr` as NumPy's array_contains: `(arr == v).any()` (NumPy's
    comparison: broadcasting, exact for out-of-range ints), as a bool."""
    import numpy as np

    from . import nplib
    from .npscalars import demote
    eq = nplib.call(tr, np.equal, [arr, v], {}, loc)
    return demote(nplib.call(tr, np.any, [eq], {}, loc), tr.fb, loc)
