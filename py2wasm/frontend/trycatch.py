"""try/except/else/finally in compiled functions: CPython's exception table
traced over the IR's caught-exception primitives.

Place in the pipeline: frontend; `catch_table` is read by tracer.FunctionTracer
(which installs a `Catcher` on the builder for each instruction a handler
covers, and adds the handlers' edges to the liveness), `TryOps` is one of the
opcode mixins of opcodes.Handlers. The IR side is in ir/primitives.py
(`exc_take`, `exc_code`, `exc_is`, `exc_throw`) and backend/lower_catch.py.

Inside a protected range every equation that may raise is marked catch=True
(it does not trap: its exception's code is left pending) and is followed by
`exc_take` and a branch to the handler, entered as CPython enters it: the
stack cut to the entry's depth, the instruction offset pushed when the entry
says `lasti`, then the exception, a `CaughtExc` (its run-time code). A raise
the tracer makes itself (`raise ValueError("...")`, a known `1 // 0`) goes to
the handler directly. Calls in a protected range go to `soft` variants of
their callees, which return with the exception pending instead of trapping.
The handler's own opcodes (PUSH_EXC_INFO, CHECK_EXC_MATCH -> `exc_is`,
POP_EXCEPT, RERAISE -> `exc_throw`) are traced like any others; `finally`
is the compiler's copies of its body on each path. Outside protected ranges
nothing changes (no check, no cost).
"""
from __future__ import annotations

import dis

from ..ir import I64
from .state import STOP, UNBOUND
from .values import E_UNSUPPORTED_OPCODE, E_UNSUPPORTED_VALUE, error

EXC_SLOT = "<exc_info>"  # the hidden local holding the exception being handled


class CaughtExc:
    """An exception caught by compiled code: its code (an i64 Var)."""
    __slots__ = ("code",)

    def __init__(self, code):
        self.code = code

    def trace_key(self, key_of):
        return ("exc",)

    def trace_leaves(self, leaves, out):
        out.append(self.code)

    def trace_rebuild(self, rebuild, it):
        return CaughtExc(next(it))

    def __repr__(self):
        return f"CaughtExc({self.code})"


class _NoExc:
    def __repr__(self):
        return "NO_EXC"


NO_EXC = _NoExc()  # no exception being handled


def catch_table(tr) -> dict:
    """offset -> exception table entry, for the entries that can reach an
    `except`/`finally` (PUSH_EXC_INFO) of this function. The others (the
    cleanup re-raising from a handler's body, the loop-variable restore of a
    3.12+ inlined comprehension, a generator's StopIteration wrapper) only
    re-raise outwards: without them the exception leaves the function as
    before."""
    code = tr.code
    if not any(i.opname == "PUSH_EXC_INFO" for i in tr.instrs):
        return {}
    entries = dis._parse_exception_table(code)  # noqa: SLF001
    at = {}
    for e in entries:
        for ins in tr.instrs:
            if e.start <= ins.offset < e.end:
                at[ins.offset] = e
    useful: dict[int, bool] = {}

    def reaches(e, depth=0) -> bool:
        if e.target in useful:
            return useful[e.target]
        useful[e.target] = False
        k = tr.index[e.target]
        ins = tr.instrs[k]
        ok = False
        if ins.opname == "PUSH_EXC_INFO":
            ok = True
        elif depth < 8:
            for j in range(k, len(tr.instrs)):
                i = tr.instrs[j]
                if i.opname in ("RERAISE", "RAISE_VARARGS"):
                    outer = at.get(i.offset)
                    ok = outer is not None and reaches(outer, depth + 1)
                    break
                if i.opname in ("RETURN_VALUE", "RETURN_CONST", "CALL_INTRINSIC_1") \
                        or i.opcode in dis.hasjrel or i.opcode in dis.hasjabs:
                    break
        useful[e.target] = ok
        return ok

    return {off: e for off, e in at.items() if reaches(e)}


def handler_edges(table) -> dict:
    """offset -> [handler offset], the exception edges for the liveness."""
    return {off: [e.target] for off, e in table.items()}


class Catcher:
    """Installed on the FunctionBuilder (`fb.catch`) while the tracer traces
    an instruction that exception table entry `entry` covers; `frame` is the
    state before the instruction."""

    def __init__(self, tr, entry, frame):
        self.tr = tr
        self.entry = entry
        self.frame = frame

    def edge(self, code):
        f = self.frame.copy()
        del f.stack[self.entry.depth:]
        if self.entry.lasti:
            f.stack.append(0)  # f_lasti, read by nothing compiled
        f.stack.append(CaughtExc(code))
        return self.tr.edge(self.entry.target, f)

    def after(self, fb, eqn) -> None:
        """After equation `eqn` (catch=True): to the handler if it raised."""
        fb.catch = None
        try:
            code = fb.emit("exc_take", [])
            pending = fb.emit("ne", [code, fb.const(0, I64)])
            hb, hargs = self.edge(code)
            cont = fb.new_block()
            fb.cond_br(pending, hb, cont, hargs, [])
            fb.set_block(cont)
            fb.caught_call = eqn if eqn.prim == "call" else None
        finally:
            fb.catch = self

    def raise_known(self, fb, exc: str, msg: str, loc) -> None:
        """`raise exc(msg)` at `loc`: to the handler."""
        fb.catch = None
        try:
            code = fb.emit("exc_code", [], {"exc": exc, "msg": msg}, loc)
            hb, hargs = self.edge(code)
            fb.br(hb, hargs)
        finally:
            fb.catch = self

    def throw(self, fb, code) -> None:
        hb, hargs = self.edge(code)
        fb.br(hb, hargs)


def throw(tr, exc, loc):
    """Raise caught exception `exc` again (RERAISE, bare `raise`, `raise e`)."""
    fb = tr.fb
    if fb.catch is not None:
        c = fb.catch
        fb.catch = None
        c.throw(fb, exc.code)
        fb.catch = c
        return STOP
    fb.emit_multi("exc_throw", [exc.code], loc=loc)
    fb.raise_("", "", loc)  # not reached: exc_throw raised
    return STOP


def _classes(tr, typ, loc) -> list:
    from .opcodes_control import raisable
    classes = list(typ) if isinstance(typ, tuple) else [typ]
    for c in classes:
        if not (isinstance(c, type) and issubclass(c, BaseException)):
            raise error(loc, f"except {getattr(c, '__name__', repr(c))}: not an exception class",
                        "catch built-in exception classes", E_UNSUPPORTED_VALUE)
        if not raisable(c):
            raise error(loc, f"except {c.__name__}: compiled code cannot raise this class",
                        "catch the built-in exceptions compiled code raises (ValueError, "
                        "ZeroDivisionError, IndexError, KeyError, OverflowError, Exception, ...)",
                        E_UNSUPPORTED_VALUE)
    return classes


def not_a_value(loc, what):
    return error(loc, f"{what} of a caught exception is not supported yet",
                 "compiled code can catch, re-raise (`raise`, `raise e`) or raise a new exception "
                 "with a message of its own", E_UNSUPPORTED_VALUE)


class TryOps:
    """The handler opcodes of try/except/finally (3.11, 3.12, 3.13)."""

    def exc_slot(self) -> int:
        return len(self.names) - 1

    def op_PUSH_EXC_INFO(self, ins, f):
        exc = f.stack.pop()
        k = self.exc_slot()
        f.stack.append(f.locals[k])
        f.locals[k] = exc
        f.stack.append(exc)

    def op_POP_EXCEPT(self, ins, f):
        f.locals[self.exc_slot()] = f.stack.pop()

    def op_CHECK_EXC_MATCH(self, ins, f):
        loc = self.loc_of(ins)
        typ = f.stack.pop()
        exc = f.stack[-1]
        classes = _classes(self, typ, loc)
        if not isinstance(exc, CaughtExc):
            raise error(loc, "except: the exception is not one compiled code raised", "",
                        E_UNSUPPORTED_OPCODE)
        r = None
        for c in classes:
            t = self.fb.emit("exc_is", [exc.code], {"cls": c.__name__}, loc)
            r = t if r is None else self.fb.emit("or", [r, t])
        f.stack.append(r)

    def op_RERAISE(self, ins, f):
        exc = f.stack.pop()
        if not isinstance(exc, CaughtExc):
            raise error(self.loc_of(ins), "re-raising a value compiled code did not catch",
                        "", E_UNSUPPORTED_OPCODE)
        return throw(self, exc, self.loc_of(ins))

    def op_DELETE_FAST(self, ins, f):  # `except E as e` ends with `del e`
        f.locals[self.names.index(ins.argval)] = UNBOUND

    def raise_caught(self, ins, f):
        """RAISE_VARARGS of a caught exception (`raise e`, bare `raise`), or None."""
        if ins.arg == 0:
            exc = f.locals[self.exc_slot()] if self.catch_at is not None and self.names \
                and self.names[-1] == EXC_SLOT else None
            if not isinstance(exc, CaughtExc):
                raise error(self.loc_of(ins), "bare raise outside an except block",
                            "raise an exception instance", E_UNSUPPORTED_OPCODE)
            return throw(self, exc, self.loc_of(ins))
        if ins.arg == 1 and isinstance(f.stack[-1], CaughtExc):
            return throw(self, f.stack.pop(), self.loc_of(ins))
        return None


__all__ = ["CaughtExc", "NO_EXC", "EXC_SLOT", "catch_table", "handler_edges", "Catcher",
           "TryOps", "throw", "not_a_value"]
