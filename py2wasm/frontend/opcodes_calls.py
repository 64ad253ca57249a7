"""Handlers of the call opcodes: CALL, CALL_KW (3.13) and KW_NAMES (3.11,
3.12), which unpack the callable, `self` or NULL (each version orders them
its own way) and the keyword names, then hand the call to calls.call_value.

Place in the pipeline: frontend; `CallOps` is one of the mixins that
opcodes.Handlers gathers for tracer.FunctionTracer's dispatch table.
"""
from __future__ import annotations

from . import arrays, npargs, objects
from .optionals import split
from .state import NULL, STOP
from .typefork import TypeFork


class CallOps:
    """CALL, CALL_KW and KW_NAMES."""

    def op_KW_NAMES(self, ins, f):  # 3.11, 3.12 (3.11's dis leaves argval unresolved)
        f.kwnames = self.code.co_consts[ins.arg]

    def op_CALL(self, ins, f):
        kwnames = f.kwnames or ()
        f.kwnames = None
        return self._call(ins, f, ins.arg, kwnames)

    def op_CALL_KW(self, ins, f):  # 3.13
        kwnames = f.stack.pop()
        return self._call(ins, f, ins.arg, kwnames)

    def call_star_hypot(self, ins, f):
        """`math.hypot(*xs)` of a run-time list or array (frontend/vecnorm.py);
        `fn(*t)` of tuples and list displays is unpack_star.StarBuildOps'."""
        from .opcodes_unsupported import unsupported
        from . import vecnorm
        xs = f.stack[-1]
        fn, under = (f.stack[-3], f.stack[-2]) if self.version >= (3, 13) else \
            (f.stack[-2], f.stack[-3])
        if under is not NULL:
            return unsupported(self, ins, f)
        r = vecnorm.call(self, fn, xs, {}, self.loc_of(ins))
        del f.stack[-3:]
        f.stack.append(r)

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
        from .trycatch import CaughtExc, not_a_value
        if any(type(v) is CaughtExc for v in args):  # str(e), print(e)...
            raise not_a_value(self.loc_of(ins), f"{getattr(fn, '__name__', 'a call')}(e)")
        nkw = len(kwnames)
        pos = list(args[:len(args) - nkw])
        kwargs = dict(zip(kwnames, args[len(args) - nkw:]))
        r = call_value(self, fn, pos, kwargs, self.loc_of(ins))
        if r is None and _never_returns(self):  # every path of the callee raises: the path
            self.fb.raise_("SystemError", "py2wasm: a call that always raises returned",
                           self.loc_of(ins))  # ends here (never run: the raise unwinds)
            return STOP
        r = split(self.fb, r)  # a callee's T | None result: once for None, once for T
        if type(r) is TypeFork:  # max(np.int64, float): continue once per result type
            return self.fork(ins, f, r)
        f.stack.append(r)


def _never_returns(tr) -> bool:
    """Was the last operation traced a call of a function that always raises
    (ModuleTracer.never_returns)? Then what follows the call is unreachable:
    tracing it could only fail (its result is taken for None)."""
    eqns = tr.fb.block.eqns
    last = eqns[-1] if eqns else getattr(tr.fb, "caught_call", None)  # after a try's check
    return last is not None and last.prim == "call" and \
        last.params.get("fn") in getattr(tr.mt, "never_returns", ())
