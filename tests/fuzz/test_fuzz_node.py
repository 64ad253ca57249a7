"""The fuzzer through the generated npm package in Node (a smaller budget
than test_fuzz_quick): scalar and array programs built into one package with
the package API and called from Node; results, arguments after the call and
exceptions compared with CPython/NumPy through the documented JS mapping
(tests/fuzz/node.py)."""
import shutil

import pytest

from tests.fuzz import node as fuzz_node
from tests.fuzz.runner import QUICK_EXCLUDE, program_for


def test_node_fuzz(tmp_path):
    exe = shutil.which("node")
    if not exe:
        pytest.fail("node is not installed: the npm package tests need Node 20+")
    # NumPy scalar arguments stay in Python (the JS side has numbers and
    # BigInts; its NumPy scalar parameters are tested in tests/package)
    exclude = tuple(QUICK_EXCLUDE) + ("numpy_scalar_args",)
    programs = [program_for(21, i, kind, exclude) for i in range(40)
                for kind in ("scalar", "array")]
    counts, failures = fuzz_node.run_batch(programs, workdir=tmp_path, node=exe)
    report = "\n".join(f"--- {o.status}: {o.detail}\n{p.source()}" for p, o in failures)
    assert not failures, f"{dict(counts)}\n{report}"
    assert counts["ok"] >= 0.9 * len(programs), dict(counts)
