"""The fuzzer through the generated npm package in Node (a smaller budget
than test_fuzz_quick): scalar, array (NumPy scalar arguments included), py
(lists, nested lists, dicts, sets, strs, tuples) and boundary programs
(gen_boundary.py: every type of the README's JS table as argument and
result: lists of bools, strs, lists, tuples; Maps of str keys or values;
Sets; NamedTuples and dataclasses; NumPy scalars) built into one package
per kind with the package API and called from Node; results,
arguments after the call (and whether a result is the argument itself) and
exceptions (name, message, source line) compared with CPython/NumPy
through the documented JS mapping, and the package's index.d.ts checked
with `tsc --strict` against a typed call of each function
(tests/fuzz/node.py)."""
import shutil

import pytest

from tests.fuzz import node as fuzz_node
from tests.fuzz.runner import QUICK_EXCLUDE

BUDGET = {"scalar": 40, "array": 40, "py": 16, "boundary": 16}


@pytest.mark.parametrize("kind", list(BUDGET))
def test_node_fuzz(tmp_path, kind):
    exe = shutil.which("node")
    if not exe:
        pytest.fail("node is not installed: the npm package tests need Node 20+")
    programs = [fuzz_node.node_program(21, i, kind, QUICK_EXCLUDE) for i in range(BUDGET[kind])]
    counts, failures = fuzz_node.run_batch(programs, workdir=tmp_path, node=exe)
    report = "\n".join(f"--- {o.status}: {o.detail}\n{p.source()}" for p, o in failures)
    assert not failures, f"{dict(counts)}\n{report}"
    assert counts["ok"] >= 0.85 * len(programs), dict(counts)
