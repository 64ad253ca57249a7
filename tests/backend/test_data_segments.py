"""Constant tables (`ir.Module.data`, the `data_addr` primitive): passive
data segments copied into the per-call arena on first use (backend/lower_data.py),
compiled vs the IR interpreter, on every target."""
from __future__ import annotations

import pytest

from py2wasm import ir
from py2wasm.backend import compile_module
from py2wasm.ir import I64
from py2wasm.runner import Instance

from .util import LOC, check_against_interpreter

TARGETS = ("mvp", "simd", "relaxed-simd")
T1 = bytes(range(256)) * 3 + b"\x01\x02\x03"
T2 = bytes((7 * i + 3) % 256 for i in range(1000))


def _module(with_alloc=False, unused=False) -> ir.Module:
    """f(i) = T1[i] + 1000 * T2[i] (uint8 loads; i in range, not checked),
    optionally allocating a block first (the arena holds both)."""
    m = ir.Module()
    a = m.add_data("t1", T1)
    b = m.add_data("t2", T2)
    if unused:
        m.add_data("never", b"\xff" * 4096)
    fb = ir.FunctionBuilder("f", [I64], [], loc=LOC)
    i = fb.params[0]
    if with_alloc:
        blk = fb.emit("alloc", [fb.const(64, I64)], loc=LOC)
        fb.emit_multi("store", [blk, fb.const(-1, I64)], {"dtype": "int64"})
    x = fb.emit("load", [fb.emit("wadd", [fb.emit("data_addr", [], {"name": a}, loc=LOC), i])],
                {"dtype": "uint8"})
    y = fb.emit("load", [fb.emit("wadd", [fb.emit("data_addr", [], {"name": b}, loc=LOC), i])],
                {"dtype": "uint8"})
    r = fb.emit("add", [x, fb.emit("mul", [y, fb.const(1000, I64)])])
    fb.fn.result_types = [I64]
    fb.ret([r])
    m.add(fb.finish())
    m.functions["f"].sig = ir.PySignature((("i", I64),), I64)
    m.exports = ["f"]
    m.source_file = "prim.py"
    ir.verify_module(m)
    return m


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("with_alloc", [False, True])
def test_tables_read_back_as_the_interpreter_reads_them(target, with_alloc):
    m = _module(with_alloc)
    build = compile_module(m, name="t", target=target)
    inst = Instance(build)
    for i in (0, 1, 255, 256, 500, 767, 768, 769, 770, 999):
        want = (T1[i] if i < len(T1) else 0) + 1000 * T2[i]
        if i < len(T1):
            assert inst.call("f", (i,)) == want
    check_against_interpreter(m, [(i,) for i in range(0, 771, 7)])


def test_every_call_copies_again_after_the_arena_reset():
    """Calls in a row (each resets the arena, the wrapper the copies)."""
    inst = Instance(compile_module(_module(with_alloc=True), name="t"))
    for _ in range(3):
        for i in (3, 600):
            assert inst.call("f", (i,)) == T1[i] + 1000 * T2[i]


def test_only_used_tables_become_segments():
    used = compile_module(_module(), name="t").wasm
    more = compile_module(_module(unused=True), name="t").wasm
    assert len(more) == len(used)
    assert T2 in used and T1 in used


def test_segments_are_passive_and_the_module_validates_at_O0():
    build = compile_module(_module(), name="t", opt="O0")
    assert "memory.init" in build.text
    assert "(data $0" in build.text or "(data " in build.text


def test_add_data_deduplicates_and_renames():
    m = ir.Module()
    assert m.add_data("a", b"xyz") == "a"
    assert m.add_data("b", b"xyz") == "a"  # same bytes: one table
    assert m.add_data("a", b"other") == "a_2"  # the name is taken by other bytes
    assert m.data == {"a": b"xyz", "a_2": b"other"}


def _overwriting_module() -> ir.Module:
    """g(i) = T1[i] (its copy at the arena's start); f(i, n) = T1[i] after
    allocating n >= i + 8 bytes there and storing -1 over entry i of where
    g's copy was."""
    m = ir.Module()
    a = m.add_data("t1", T1)

    def read(fb, i):
        return fb.emit("load", [fb.emit("wadd", [fb.emit("data_addr", [], {"name": a}, loc=LOC),
                                                 i])], {"dtype": "uint8"})
    fb = ir.FunctionBuilder("f", [I64, I64], [], loc=LOC)
    i, n = fb.params
    blk = fb.emit("alloc", [n], loc=LOC)
    at = fb.emit("wadd", [blk, fb.emit("and", [i, fb.const(~7, I64)])])
    fb.emit_multi("store", [at, fb.const(-1, I64)], {"dtype": "int64"})
    fb.fn.result_types = [I64]
    fb.ret([read(fb, i)])
    m.add(fb.finish())
    gb = ir.FunctionBuilder("g", [I64], [], loc=LOC)
    gb.fn.result_types = [I64]
    gb.ret([read(gb, gb.params[0])])
    m.add(gb.finish())
    m.functions["f"].sig = ir.PySignature((("i", I64), ("n", I64)), I64)
    m.functions["g"].sig = ir.PySignature((("i", I64),), I64)
    m.exports = ["f", "g"]
    m.source_file = "prim.py"
    ir.verify_module(m)
    return m


@pytest.mark.parametrize("abi", ["host", "js"])
def test_a_call_never_reads_an_earlier_calls_copy(abi):
    """Each export's wrapper forgets the copies on entry: a call whose arena
    covers where the last call's copy was makes its own (else it reads -1)."""
    m = _overwriting_module()
    build = compile_module(m, name="t", abi=abi)
    assert build.text.count("(global.set $py2wasm_data0") >= 3  # two wrappers and the copy
    if abi == "host":
        inst = Instance(build)
        for i in (5, 100, 700):
            assert inst.call("g", (i,)) == T1[i]  # the copy at the arena's start
            assert inst.call("f", (i, 1024)) == T1[i]  # the arena over it: a new copy
        check_against_interpreter(m, [(5, 1024), (700, 2048)])
