"""Handlers of the subscript opcodes: BINARY_SUBSCR, BINARY_SLICE (3.12+),
BUILD_SLICE, STORE_SUBSCR, STORE_SLICE (3.12+) and DELETE_SUBSCR, each
handed to the module of the container's kind; tuples (with a run-time index:
a bounds check and a select chain) are indexed here.

Place in the pipeline: frontend; `SubscriptOps` is one of the mixins that
opcodes.Handlers gathers for tracer.FunctionTracer's dispatch table.
"""
from __future__ import annotations

from ..ir import Var
from . import (array_flat, array_indexing, arrays, complexes, dicts, lists, npfuncs_rc, objects,
               strvalues)
from .values import E_TYPE, E_UNSUPPORTED_OPCODE, TraceRaise, error, is_complex


class SubscriptOps:
    """Item and slice reads, writes and deletions."""

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
        if array_flat.is_flat(seq):  # a.flat[i], a.flat[i:j]
            f.stack.append(array_flat.getitem(self, seq, idx, loc))
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
        if npfuncs_rc.is_concatenator(seq):  # np.r_[...], np.c_[...]
            f.stack.append(npfuncs_rc.getitem(self, seq, idx, loc))
            return
        if type(seq) is dict:  # a module-level table: frontend/dict_constants.py
            from . import dict_constants
            f.stack.append(dict_constants.subscript(self, seq, idx, loc))
            return
        if not isinstance(seq, (tuple, range)):
            raise error(loc, "indexing is only supported on tuples", "", E_TYPE)
        if isinstance(idx, slice):
            bounds = (idx.start, idx.stop, idx.step)
            if any(b is not None and not hasattr(b, "__index__") for b in bounds):
                raise error(loc, "slicing a tuple with run-time bounds is not supported (the "
                            "result's length would not be known when compiling)",
                            "slice a list or an array instead", E_TYPE)
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
                strvalues.is_str(f.stack[-1]) or type(f.stack[-1]) is str or \
                array_flat.is_flat(f.stack[-1]) or npfuncs_rc.is_concatenator(f.stack[-1]):
            f.stack.append(slice(start, stop))
            return self.op_BINARY_SUBSCR(ins, f)
        if isinstance(start, Var) or isinstance(stop, Var):
            raise error(self.loc_of(ins), "slice bounds must be known when compiling",
                        "slice a list or an array instead", E_TYPE)
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
        if array_flat.is_flat(container):  # a.flat[i] = x, a.flat[i:j] = x
            f.stack[:] = [arrays.settle(self, v, loc) for v in f.stack]
            array_flat.setitem(self, container, key, arrays.settle(self, value, loc), loc)
            return
        if not arrays.is_array(container):
            raise error(loc, "item assignment is only supported on NumPy arrays",
                        "tuples are immutable; build a new one", E_UNSUPPORTED_OPCODE)
        # expressions still pending (`a[0], b = 5.0, a + 1`) read memory before the write
        f.stack[:] = [arrays.settle(self, v, loc) for v in f.stack]
        array_indexing.setitem(self, container, lists.as_index(self, key, loc), value, loc)

    def op_STORE_SLICE(self, ins, f):  # 3.12+
        stop = f.stack.pop()
        start = f.stack.pop()
        container = f.stack.pop()
        value = f.stack.pop()
        f.stack.extend([value, container, slice(start, stop)])
        return self.op_STORE_SUBSCR(ins, f)
