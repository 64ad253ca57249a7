"""The library traced by py2wasm's frontend computes exactly what CPython
computes running its source (tests/mathlib, the bridge between part 1 and
the wasm build): every function of the linked library module, run by the IR
reference interpreter (int64 overflow checked) on a sample of arguments,
is bit-identical to the Python function."""
import struct

import pytest

from py2wasm.ir import verify_module
from py2wasm.ir.interpret import interpret
from py2wasm.libm import FUNCTIONS
from py2wasm.libm.accuracy import arguments
from py2wasm.passes.link_math import library, library_function


def _bits(x):
    return struct.pack("<d", x)


def test_library_module_verifies():
    verify_module(library())


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_traced_equals_source(name):
    lib = library()
    fn = FUNCTIONS[name]
    args = arguments(name, 120, seed=11)[-120:] + arguments(name, 0, seed=11)[:60]
    for a in args:
        want = fn(*a)
        got = interpret(lib, library_function(name), list(a))[0]
        assert _bits(got) == _bits(want) or (got != got and want != want), (name, a, got, want)
