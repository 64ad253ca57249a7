"""Lists whose first use on the traced path is `pop()` (their element type is
learned from a later push: frontend/lists.py, and opcodes.py ending a path at
a call whose every path raises, calls.ModuleTracer.never_returns): compiled
vs CPython."""
from __future__ import annotations

import pytest

import py2wasm
from tests.frontend import pop_first_functions as F
from tests.frontend.test_npscalars import outcome


@pytest.mark.parametrize("fn, arg_sets", [
    (F.rpn_local, [([3, 4, -1, 2, -2],), ([1, 0, -3],), ([5, -1],), ([],), ([2, 5, -3],)]),
    (F.run_machine, [([3, 4, -1, 2, -2],), ([5, -1],), ([],), ([7],)]),
    (F.uses_failing_result, [(1,), (5,)]),
    (F.only_pops, [(0,), (2,)]),
])
def test_pop_before_push_matches_cpython(fn, arg_sets):
    cf = py2wasm.compile(fn)
    for args in arg_sets:
        want = outcome(fn, *[list(a) if isinstance(a, list) else a for a in args])
        got = outcome(cf, *[list(a) if isinstance(a, list) else a for a in args])
        assert repr(got) == repr(want), (fn.__name__, args, got, want)
