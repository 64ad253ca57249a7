"""Addresses in 32 bits (FunctionLowering._note_narrow_addresses and
lower_memory._addr): a load or store whose address is a `wadd`/`wsub` of
its block used only as addresses is lowered as `i32.add(wrap a, wrap b)`.
The IR's addresses are i64 values modulo 2**64: operands far outside 32
bits whose sum is an address, several accesses through one sum, and a sum
also used as a value (left in 64 bits) all equal the reference interpreter;
the 2-D Jacobi sweep's vector loop computes its addresses in i32."""
import re

import pytest

from py2wasm import ir
from py2wasm.api import build_module
from py2wasm.frontend import trace
from py2wasm.ir.types import ArrayType

from .util import FLOATS, INTS, LOC, check_against_interpreter, module_of

I, F = ir.I64, ir.F64
COMPUTE = {"float64": F, "float32": F, "int64": I, "int32": I, "uint8": I}


def far_module(dtype):
    """f(v, big) stores v at a + 2*size through (a + big) - big, loads it
    back through (a + 3*size) - size, and returns it plus (as an int, for
    int dtypes) the sum a + big used as a value."""
    t = COMPUTE[dtype]
    size = ir.types.DTYPES[dtype].size
    fb = ir.FunctionBuilder("f", [t, I], [t, I], loc=LOC)
    v, big = fb.params
    a = fb.emit("alloc", [fb.const(64)])
    hi = fb.emit("wadd", [fb.emit("wadd", [a, big]), fb.const(2 * size)])
    at = fb.emit("wsub", [hi, big])  # a + 2*size, only modulo 2**64 past the sum
    fb.emit_multi("store", [at, v], {"dtype": dtype})
    fb.emit_multi("store", [at, v], {"dtype": dtype, "offset": size})  # one sum, two accesses
    back = fb.emit("wsub", [fb.emit("wadd", [a, fb.const(3 * size)]), fb.const(size)])
    x = fb.emit("load", [back], {"dtype": dtype})
    y = fb.emit("load", [back], {"dtype": dtype, "offset": size})
    s = fb.emit("add", [x, y]) if t is F else fb.emit("wadd", [x, y])
    used = fb.emit("wsub", [hi, a])  # the sum as a value too: stays 64 bits
    fb.ret([s, used])
    return module_of(fb.finish())


@pytest.mark.parametrize("dtype", list(COMPUTE))
def test_far_operands_and_shared_sums_equal_the_interpreter(dtype):
    t = COMPUTE[dtype]
    vals = FLOATS if t is F else INTS + [255, -129, 2**31]
    bigs = [0, 1, 2**32, 2**32 + 8, -2**32, 2**63 - 1, -2**63, 2**40 + 5, -7]
    check_against_interpreter(far_module(dtype), [(v, b) for v in vals[:6] for b in bigs])


def jacobi(steps: int, a, b) -> None:
    n = a.shape[0]
    for _ in range(steps):
        for i in range(1, n - 1):
            for j in range(1, n - 1):
                b[i, j] = 0.2 * (a[i, j] + a[i, j - 1] + a[i, j + 1] + a[i + 1, j] + a[i - 1, j])


def test_vector_loop_addresses_are_i32():
    mod = trace(jacobi, [I, ArrayType("float64", 2), ArrayType("float64", 2)])
    wat = build_module(mod, target="simd").wat()
    ops = re.findall(r"\((v128\.(?:load|store)[^\n]*)\n\s*\((\S+)", wat)
    assert len(ops) >= 4
    # no wrap of a 64-bit sum: a 32-bit add, or a local holding one
    assert all(op in ("i32.add", "local.get", "local.tee") for _access, op in ops), ops
