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
