"""The `str_to_float` primitive (frontend/strvalues.py's float(s)): a str
block in linear memory, its validated ASCII text converted by the host
import py2wasm.str_to_float, compiled vs the IR interpreter (Python's
float() both: the runner's import and ir.interpret)."""
from __future__ import annotations

import pytest

from py2wasm import ir
from py2wasm.ir import I64

from .util import LOC, check_against_interpreter, module_of

TEXTS = ["0", "-0", "1.5", "0.30000000000000004", "1e400", "-1e-400", "2.2250738585072011e-308",
         "4.9e-324", "123456789012345678901234567890e-10", "9" * 40, ".5", "1.", "-7e+2"]


def _module(text: str) -> ir.Module:
    fb = ir.FunctionBuilder("f", [], [], loc=LOC)
    hdr = fb.emit("alloc", [fb.const(8 + 4 * len(text), I64)], loc=LOC)
    fb.emit_multi("store", [hdr, fb.const(len(text), I64)], {"dtype": "int64"})
    for i, ch in enumerate(text):
        addr = fb.emit("wadd", [hdr, fb.const(8 + 4 * i, I64)])
        fb.emit_multi("store", [addr, fb.const(ord(ch), I64)], {"dtype": "int32"})
    out = fb.emit("str_to_float", [hdr], loc=LOC)
    fb.fn.result_types = [out.type]
    fb.ret([out])
    return module_of(fb.finish(), exports=("f",))


@pytest.mark.parametrize("text", TEXTS)
def test_str_to_float_matches_the_interpreter(text):
    inst = check_against_interpreter(_module(text), [()])
    assert inst.build.manifest["imports"] == {"py2wasm": ["str_to_float"]}


# --- str_format: the host's format() into a buffer block ---------------------------------------

def _store_text(fb, hdr, text):
    for i, ch in enumerate(text):
        addr = fb.emit("wadd", [hdr, fb.const(8 + 4 * i, I64)])
        fb.emit_multi("store", [addr, fb.const(ord(ch), I64)], {"dtype": "int32"})


def _format_module(kind: str, conv: str, spec: str, t) -> ir.Module:
    """f(v) -> (count, first code point, last code point) of format(conv(v), spec)."""
    from py2wasm.ir.messages import format_descriptor
    desc_text = format_descriptor(kind, conv, spec)
    fb = ir.FunctionBuilder("f", [t], [], loc=LOC)
    desc = fb.emit("alloc", [fb.const(8 + 4 * len(desc_text), I64)], loc=LOC)
    fb.emit_multi("store", [desc, fb.const(len(desc_text), I64)], {"dtype": "int64"})
    _store_text(fb, desc, desc_text)
    buf = fb.emit("alloc", [fb.const(8 + 4 * 64, I64)], loc=LOC)
    fb.emit_multi("store", [buf, fb.const(64, I64)], {"dtype": "int64"})
    n = fb.emit("str_format", [fb.params[0], desc, buf], loc=LOC)
    first = fb.emit("load", [fb.emit("wadd", [buf, fb.const(8, I64)])], {"dtype": "int32"})
    last_at = fb.emit("wadd", [buf, fb.emit("wadd", [fb.const(4, I64), fb.emit("wmul", [
        n, fb.const(4, I64)])])])
    last = fb.emit("load", [last_at], {"dtype": "int32"})
    fb.fn.result_types = [I64, I64, I64]
    fb.ret([n, first, last])
    return module_of(fb.finish(), exports=("f",))


@pytest.mark.parametrize("kind, conv, spec, t, values", [
    ("float", "", ".3f", ir.F64, [1.5, -0.0, 5e-324, 1e30, float("nan")]),
    ("float", "r", ">20", ir.F64, [0.1, 1e16, -float("inf")]),
    ("float", "", "+.2e", ir.F64, [123.456, 2.5]),
    ("int", "", "#x", I64, [255, -2**63, 0]),
    ("int", "", ",", I64, [10**12, -5]),
    ("bool", "", ">6", ir.BOOL, [True, False]),
])
def test_str_format_matches_the_interpreter(kind, conv, spec, t, values):
    inst = check_against_interpreter(_format_module(kind, conv, spec, t), [(v,) for v in values])
    assert inst.build.manifest["imports"] == {"py2wasm": ["str_format"]}
