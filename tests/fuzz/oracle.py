"""Run a fuzz program under CPython/NumPy (its reference source) and under
`py2wasm.compile(f, target=T)`, and classify the outcome.

Outcomes: "ok"; "wrong answer" (a different result, or different argument
contents after the call: writes are visible to the caller); "wrong exception"
(a different exception type or message, or an exception on one side only);
"internal error" (an exception from py2wasm's internals while compiling, an
unlocated CompileError, or a non-Python exception at run time); "refused" (a
located CompileError: a documented refusal).
"""
from __future__ import annotations

import math
import re
import warnings
from dataclasses import dataclass

import numpy as np

from . import reference
from .values import copy_value, same_value, show

STATUSES = ("ok", "wrong answer", "wrong exception", "internal error", "refused")
TARGETS = ("mvp", "simd", "relaxed-simd")


@dataclass
class Outcome:
    status: str
    detail: str = ""
    index: int = -1  # which input failed
    exc_type: str = ""
    ref_type: str = ""
    exc_msg: str = ""  # py2wasm's exception message, if it raised
    ref_msg: str = ""  # the reference's, if it raised
    where: str = ""  # a wrong answer: "result" or "argument N"

    @property
    def failed(self) -> bool:
        return self.status not in ("ok", "refused")

    def signature(self):
        """What a shrink step must preserve: the status, the exception types
        and messages on both sides (numbers in them may change: a shrink step
        replaces values), what differed."""
        return (self.status, self.exc_type, self.ref_type, _shape(self.exc_msg),
                _shape(self.ref_msg), self.where)


def _shape(msg: str) -> str:
    return re.sub(r"-?\d[\d.e+-]*|nan|inf", "#", msg)


def _ufunc_helpers():
    ns = {}
    for name in dir(reference):
        if name.startswith("_r_") or name in ("_chk", "_ipow", "_ipow_const", "_lshift", "_s"):
            ns[name] = getattr(reference, name)
    for f in ("exp", "log", "sin", "cos", "atan", "tanh", "log1p", "expm1", "atan2", "hypot",
              "tan", "asin", "acos", "sinh", "cosh", "asinh", "acosh", "atanh", "log2", "log10",
              "erf", "pow"):
        ns["_m_" + f] = (lambda f: lambda *a: reference.libm_scalar(f, *a))(f)
    for f in ("exp", "log", "sin", "cos", "tan", "arctan", "arcsin", "arccos", "arcsinh", "tanh",
              "sinh", "cosh", "log1p", "expm1", "log2", "log10", "arctan2", "hypot", "power",
              "exp2", "float_power", "sinc"):
        ns["_np_" + f] = (lambda f: lambda *a: reference.libm_array(f, *a))(f)
    return ns


REF_NS = {"np": np, "math": math}
REF_NS.update(_ufunc_helpers())


class Ref(tuple):
    """A reference outcome (kind, value or exception, arguments after the
    call); `alternatives()` yields the outcomes where library calls the
    tracer may have folded with CPython's value take that value
    (reference._LibmChoice)."""

    def alternatives(self):
        return iter(())


MAX_FOLDED = 4  # library calls whose choice is enumerated (2**4 evaluations at most)


def _evaluate(fn, args, folded=frozenset(), differ=None):
    args = copy_value(args)
    lib = reference.LIBM
    lib.folded, lib.differ = folded, differ
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            return Ref(("value", fn(*args), args))
        except reference.OracleMismatch:
            raise
        except Exception as e:  # the program's own exception
            return Ref(("raise", e, args))
        finally:
            lib.folded, lib.differ = frozenset(), None


def run_reference(fn, args):
    differ = []
    ref = _evaluate(fn, args, differ=differ)
    if differ:
        keys = differ[:MAX_FOLDED]

        def alternatives():
            for m in range(1, 2 ** len(keys)):
                folded = frozenset(k for j, k in enumerate(keys) if m >> j & 1)
                try:
                    yield _evaluate(fn, args, folded)
                except reference.OracleMismatch:
                    continue
        ref.alternatives = alternatives
    return ref


def _exc_matches(got: BaseException, want: BaseException) -> bool:
    if isinstance(want, reference.ModelEither):
        return any(_exc_matches(got, w) for w in want.alternatives)
    if isinstance(want, reference.ModelOverflow):
        return type(got) is OverflowError and str(got).startswith(want.prefix)
    if type(got) is Exception or not isinstance(want, type(got)):
        return False
    return str(got) == str(want)


def _is_internal_runtime(e: BaseException) -> bool:
    mod = type(e).__module__ or ""
    # NumPy's own exception classes (numpy.linalg.LinAlgError) and dataclasses.FrozenInstanceError
    # are documented results
    return mod.startswith(("wasmtime", "py2wasm", "cffi")) or not (
        mod in ("builtins", "dataclasses") or mod.startswith("numpy"))


def compare(ref, got) -> Outcome | None:
    """None when equal; else the failing Outcome (index filled by the caller)."""
    rk, rv, rargs = ref
    gk, gv, gargs = got
    if gk == "raise" and _is_internal_runtime(gv):
        return Outcome("internal error", f"run time {type(gv).__module__}.{type(gv).__name__}: {gv}",
                       exc_type=type(gv).__name__, exc_msg=str(gv))
    ref_msg = str(rv) if rk == "raise" else ""
    got_msg = str(gv) if gk == "raise" else ""
    if rk == "value" and gk == "value":
        if not same_value(rv, gv):
            return Outcome("wrong answer", f"result: expected {show(rv)}, got {show(gv)}",
                           where="result")
    elif rk == "raise" and gk == "raise":
        if not _exc_matches(gv, rv):
            return Outcome("wrong exception", f"expected {type(rv).__name__}({str(rv)!r}), "
                           f"got {type(gv).__name__}({str(gv)!r})", exc_type=type(gv).__name__,
                           exc_msg=got_msg, ref_msg=ref_msg)
    elif rk == "raise":
        return Outcome("wrong exception", f"expected {type(rv).__name__}({str(rv)!r}), "
                       f"got the value {show(gv)}", exc_type="-", ref_msg=ref_msg)
    else:
        return Outcome("wrong exception", f"expected the value {show(rv)}, "
                       f"got {type(gv).__name__}({str(gv)!r})", exc_type=type(gv).__name__,
                       exc_msg=got_msg)
    for i, (a, b) in enumerate(zip(rargs, gargs)):
        if not same_value(a, b):
            return Outcome("wrong answer", f"argument {i} after the call: expected {show(a)}, "
                           f"got {show(b)}", where=f"argument {i}", ref_msg=ref_msg,
                           exc_msg=got_msg)
    return None


def check(program, target: str, inputs=None) -> Outcome:
    """Compile `program` for `target`, run it on each input, compare."""
    import py2wasm

    inputs = program.inputs if inputs is None else inputs
    try:
        ref_fn = program.load(True, REF_NS)
    except Exception as e:  # a generator bug, not py2wasm's
        return Outcome("internal error", f"fuzzer: reference source does not load: {e!r}",
                       exc_type="fuzzer")
    fn = program.load(False, {"np": np, "math": math})
    compiled = py2wasm.compile(fn, target=target)
    for i, args in enumerate(inputs):
        out = _check_one(compiled, ref_fn, args, py2wasm)
        if out is not None:
            out.index = i
            return out
    return Outcome("ok")


def _check_one(compiled, ref_fn, args, py2wasm):
    try:
        ref = run_reference(ref_fn, args)
    except reference.OracleMismatch as e:
        return Outcome("wrong answer", f"library: {e}", exc_type="libm")
    ref_type = type(ref[1]).__name__ if ref[0] == "raise" else "-"
    out = _run_compiled(compiled, ref, args, py2wasm)
    if out is not None:
        out.ref_type = ref_type
    return out


def _run_compiled(compiled, ref, args, py2wasm):
    cargs = copy_value(args)
    try:
        compiled.specialize(*cargs)
    except py2wasm.CompileError as e:
        if e.line is None or not str(e.file).startswith("<fuzz"):
            return Outcome("internal error", f"unlocated CompileError: {e}", exc_type="CompileError")
        return Outcome("refused", f"{e.code}: {e.construct}", exc_type=e.code)
    except Exception as e:
        return Outcome("internal error", f"compile: {type(e).__name__}: {e}", exc_type=type(e).__name__,
                       exc_msg=str(e))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            got = ("value", compiled(*cargs), cargs)
        except Exception as e:
            got = ("raise", e, cargs)
    out = compare(ref, got)
    if out is not None:
        # a library call the tracer folded with CPython's value (documented)
        for alt in ref.alternatives():
            if compare(alt, got) is None:
                return None
    return out
