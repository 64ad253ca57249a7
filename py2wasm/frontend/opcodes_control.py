"""Handlers of the opcodes that end a block: returns, jumps, conditional
jumps (3.11 spells the direction in the name; JUMP_IF_*_OR_POP is 3.11's
short-circuit), raise and assert.

Place in the pipeline: frontend; `ControlFlowOps` is one of the mixins that
opcodes.Handlers gathers for tracer.FunctionTracer's dispatch table; the
handlers call the tracer's `jump`, `branch` and `do_return`, and return STOP
when the block ended.
"""
from __future__ import annotations

from ..ir import Var
from . import strings
from .state import STOP
from .values import E_UNSUPPORTED_OPCODE, E_UNSUPPORTED_VALUE, error


class ControlFlowOps:
    """Returns, jumps, branches, raise and assert."""

    def op_RETURN_VALUE(self, ins, f):
        return self.do_return(f.stack.pop(), self.loc_of(ins), f)

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

    # --- raise / assert ----------------------------------------------------------------
    def op_LOAD_ASSERTION_ERROR(self, ins, f):
        f.stack.append(AssertionError)

    def op_RAISE_VARARGS(self, ins, f):
        loc = self.loc_of(ins)
        r = self.raise_caught(ins, f)  # `raise e`, bare `raise` in an except block
        if r is not None:
            return r
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
