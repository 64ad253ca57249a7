"""Lists of class instances (frontend/lists_objects.py): compiled vs
CPython, results by repr and exceptions by type and message: the list
holds the instances themselves (changes through either reference seen),
sort/min/max with a key or the class's own order, CPython's TypeError for a
class without one, `in`/`index`/`count` by identity then `==`."""
from __future__ import annotations

import pytest

import py2wasm
from tests.frontend import list_object_functions as F
from tests.frontend.test_npscalars import outcome


@pytest.mark.parametrize("fn, args", [
    (F.particles, (5, 0.25)), (F.particles, (0, 0.25)), (F.aliases, (3,)), (F.aliases, (1,)),
    (F.sort_by_key, (7,)), (F.ordered, (6,)), (F.ordered, (0,)),
    (F.unordered_min, (1,)), (F.unordered_min, (2,)), (F.unordered_min, (0,)),
    (F.unordered_sort, (1,)), (F.unordered_sort, (3,)), (F.dfs, (7,)), (F.tree, (4,)),
    (F.membership, (2,)), (F.membership, (3,)), (F.index, (1,)), (F.index, (-3,)),
    (F.returns_list, (1,)),  # (tests/frontend/test_lists_objects_abi.py: lists crossing)
])
def test_lists_of_instances_match_cpython(fn, args):
    want = outcome(fn, *args)
    got = outcome(py2wasm.compile(fn), *args)
    assert repr(got) == repr(want), (fn.__name__, args, got, want)

