"""passes/link_math.py: library functions are copied into each module
structurally (`_copy_function`): the copy prints like a deepcopy and shares
nothing mutable with the cached library."""
from __future__ import annotations

import copy
import importlib

from py2wasm.ir import BOOL, F64, I64
from py2wasm.ir.printer import format_function
from py2wasm.ir.types import NONE

L = importlib.import_module("py2wasm.passes.link_math")


def test_copy_is_a_deep_copy():
    lib = L.library()
    memo = {id(t): t for t in (I64, F64, BOOL, NONE)}
    for fn in lib.functions.values():
        got = L._copy_function(fn)
        want = copy.deepcopy(fn, dict(memo))
        assert format_function(got) == format_function(want)
        assert got.blocks and all(b is not c for b, c in zip(got.blocks, fn.blocks))
        for b, c in zip(got.blocks, fn.blocks):
            assert b.eqns is not c.eqns and all(x is not y for x, y in zip(b.params, c.params))
            for e, d in zip(b.eqns, c.eqns):
                assert e is not d and e.params is not d.params
                assert all(x is not y for x, y in zip(e.outs, d.outs))
        before = format_function(fn)
        got.blocks[0].eqns.clear()  # passes mutate the copy: the library is untouched
        assert format_function(fn) == before
