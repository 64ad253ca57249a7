"""Handlers of the loop opcodes: GET_ITER makes the iterator of each kind
of value (ranges, tuples, lists, dicts, sets, strings, arrays, generators)
and FOR_ITER steps it, leaving the loop where each version puts the exit
(3.12's END_FOR, 3.13's END_FOR and POP_TOP).

Place in the pipeline: frontend; `IterationOps` is one of the mixins that
opcodes.Handlers gathers for tracer.FunctionTracer's dispatch table; the
iterators live in iterators.py, container_values.py, lists_iter.py,
strvalues.py, array_ops.py and generators.py.
"""
from __future__ import annotations

from ..ir import Var
from . import array_ops, arrays, container_values, dicts, lists, sets, strvalues
from .container_values import TableIter
from .iterators import RangeIter, TupleIter, get_iter, range_advance, range_has_next, tuple_next
from .values import E_TYPE, error


class IterationOps:
    """GET_ITER and FOR_ITER."""

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
        from . import array_flat
        if array_flat.is_flat(v):  # for x in a.flat
            f.stack.append(array_flat.get_iter(self, v, self.loc_of(ins)))
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
        done = f.copy()
        done.stack.pop()
        return self.iter_next(ins, f, self._exhausted_offset(ins), done)

    def iter_next(self, ins, f, out, done):
        """Step the iterator on top of the stack: push its next item and go
        on, or go to `out` in state `done` when it is exhausted (FOR_ITER;
        SEND of `yield from`, unpack_star.py)."""
        it = f.stack[-1]
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
                self._loop_test(more, out, done)
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
            if isinstance(more, Var):  # the increment only runs when cur < stop
                self._loop_test(more, out, done)
            item, nxt = range_advance(self.fb, it)
            if arr is not None:
                item = array_ops.iter_item(self, arr, item, self.loc_of(ins))
                nxt = arrays.ArrIter(arr, nxt)
            f.stack[-1] = nxt
            f.stack.append(item)
            return None
        raise error(self.loc_of(ins), "unsupported iterator", "", E_TYPE)

    def _loop_test(self, more, out, done):
        """FOR_ITER's run-time test `more`: the exit edge (to `out` in state
        `done`) first; the body continues in a fresh block that the test
        dominates."""
        eb, eargs = self.edge(out, done)
        then = self.fb.new_block()
        self.fb.cond_br(more, then, eb, [], eargs)
        self.fb.set_block(then)


def _made(tr, x, loc):
    """A list literal among the items of an iterated literal, as a list."""
    if isinstance(x, lists.Literal):
        made = lists.as_list(tr, x, loc, strict=False)
        return x if made is None else made
    return x
