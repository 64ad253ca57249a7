"""Linear-memory primitives (alloc, load, store) and formatted exceptions
(raise_if_fmt) against the reference interpreter with `ir.memory.Memory`."""
import pytest

from py2wasm import ir
from py2wasm.backend import compile_module
from py2wasm.ir.messages import ALLOC_FAILED
from py2wasm.runner import Instance

from .util import FLOATS, INTS, LOC, check_against_interpreter, module_of

I, F, B = ir.I64, ir.F64, ir.BOOL
COMPUTE = {"float64": F, "float32": F, "int64": I, "int32": I, "uint8": I, "bool": B}


def roundtrip_module(dtype):
    """f(n, v) = load(store(alloc(n) + n - size, v)): the value as memory keeps it."""
    t = COMPUTE[dtype]
    size = ir.types.DTYPES[dtype].size
    fb = ir.FunctionBuilder("f", [I, t], [t], loc=LOC)
    n, v = fb.params
    a = fb.emit("alloc", [n])
    at = fb.emit("sub", [fb.emit("add", [a, n]), fb.const(size)])
    fb.emit_multi("store", [at, v], {"dtype": dtype})
    fb.ret([fb.emit("load", [at], {"dtype": dtype})])
    return module_of(fb.finish())


@pytest.mark.parametrize("dtype", list(COMPUTE))
def test_store_load_roundtrip(dtype):
    t = COMPUTE[dtype]
    vals = {F: FLOATS, I: INTS + [255, 256, -129, 2**31, 2**32 + 7], B: [False, True]}[t]
    sizes = [16, 100, 70000, 300000]  # the last ones grow memory
    check_against_interpreter(roundtrip_module(dtype), [(n, v) for n in sizes for v in vals])


def test_alloc_failure_is_memory_error_and_instance_survives():
    inst = Instance(compile_module(roundtrip_module("int64"), opt="O3"))
    for n in (2**32 + 16, 2**40, -8):
        with pytest.raises(MemoryError, match="Unable to allocate") as info:
            inst.call("f", (n, 1))
        assert str(info.value) == ALLOC_FAILED
    assert inst.call("f", (64, 5)) == 5


def test_arena_is_reset_between_calls():
    inst = Instance(compile_module(roundtrip_module("float64"), opt="O3"))
    mem = inst.instance.exports(inst.store)["memory"]
    inst.call("f", (1_000_000, 1.5))
    size = mem.data_len(inst.store)
    for _ in range(200):
        assert inst.call("f", (1_000_000, 2.5)) == 2.5
    assert mem.data_len(inst.store) == size


def test_raise_if_fmt_message_arguments():
    fb = ir.FunctionBuilder("f", [I, I], [I], loc=LOC)
    i, n = fb.params
    bad = fb.emit("ge", [i, n])
    fb.emit_multi("raise_if_fmt", [bad, i, n], {
        "exc": "IndexError", "msg": "index {0} is out of bounds for axis 0 with size {1}"})
    fb.ret([i])
    m = module_of(fb.finish())
    inst = check_against_interpreter(m, [(0, 10), (9, 10), (10, 10), (-5, -7), (2**63 - 1, 0)])
    with pytest.raises(IndexError) as info:
        inst.call("f", (12, 3))
    assert info.value.args == ("index 12 is out of bounds for axis 0 with size 3",)
    assert compile_module(m).manifest["exceptions"]["1"]["args"] == 2


def offset_module(dtype, off):
    """f(n, v): store v at a + off (the store's constant offset), read it back
    at (a + off - size) + size (the load's), where a = alloc(n)."""
    t = COMPUTE[dtype]
    size = ir.types.DTYPES[dtype].size
    fb = ir.FunctionBuilder("f", [I, t], [t], loc=LOC)
    n, v = fb.params
    a = fb.emit("alloc", [n])
    fb.emit_multi("store", [a, v], {"dtype": dtype, "offset": off})
    back = fb.emit("sub", [fb.emit("add", [a, fb.const(off)]), fb.const(size)])
    fb.ret([fb.emit("load", [back], {"dtype": dtype, "offset": size})])
    return module_of(fb.finish())


@pytest.mark.parametrize("dtype", ["float64", "float32", "int64", "uint8"])
def test_load_and_store_at_a_constant_offset(dtype):
    # IR load/store `offset` (the wasm memarg offset) against the interpreter
    t = COMPUTE[dtype]
    vals = {F: FLOATS, I: [0, 1, -1, 255, 2**40 + 3]}[t]
    for off in (8, 24, 4096):
        check_against_interpreter(offset_module(dtype, off), [(off + 64, v) for v in vals])
