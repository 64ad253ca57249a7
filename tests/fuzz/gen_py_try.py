"""try/except/else/finally for the `py` kind (a mixin of gen_py.PyGen;
`--exclude py_try` leaves it out).

A block of generated statements (which may raise: divisions, indexing, dict
lookups, conversions, calls) in a `try` with one or two `except` clauses of
the classes compiled code raises (single classes, tuples, bases such as
ArithmeticError, LookupError and Exception, sometimes `as e`), whose handler
assigns, re-raises (`raise`, `raise e`) or raises a new ValueError; an `else`
and a `finally` that assign. Inside loops the body may `break` or `continue`
through the `finally`.
"""
from __future__ import annotations

import ast

from .gen_scalar import L, S, const

CLASSES = ["ZeroDivisionError", "ValueError", "IndexError", "KeyError", "OverflowError",
           "ArithmeticError", "LookupError", "Exception", ("ZeroDivisionError", "ValueError"),
           ("IndexError", "KeyError", "OverflowError")]


def _cls(c):
    if isinstance(c, tuple):
        return ast.Tuple([ast.Name(n, L) for n in c], L)
    return ast.Name(c, L)


class TryPy:
    def _tron(self):
        return not self.ex("py_try")

    def stmt(self, depth):
        if depth < 3 and self._tron() and self.rng.random() < 0.06:
            out = self.try_stmt(depth)
            if out:
                return out
        return super().stmt(depth)

    def _set(self, iv):
        return ast.Assign([ast.Name(iv, S)], self.small_int())

    def try_stmt(self, depth):
        r = self.rng
        iv = self._int_var()
        if iv is None:
            return None
        body = self.block(depth + 1)
        if self.loop_depth and r.random() < 0.25:
            jump = r.choice([ast.Break, ast.Continue])()
            body.append(ast.If(self.expr("bool", 2), [jump], []))
        handlers = []
        for c in r.sample(CLASSES, r.choice([1, 1, 2])):
            ev = "e" if r.random() < 0.3 else None
            k = r.random()
            if k < 0.7:
                hbody = [self._set(iv)]
            elif k < 0.85:
                hbody = [ast.If(self.expr("bool", 2), [ast.Raise(ast.Name(ev, L) if ev else None, None)],
                                []), self._set(iv)]
            else:
                hbody = [ast.Raise(ast.Call(ast.Name("ValueError", L), [const("handled", "str")], []),
                                   None)]
            handlers.append(ast.ExceptHandler(_cls(c), ev, hbody))
        orelse = [self._set(iv)] if r.random() < 0.3 else []
        final = [self._set(iv)] if r.random() < 0.3 else []
        return [ast.Try(body, handlers, orelse, final)]
