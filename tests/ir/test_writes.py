"""ir/writes.py: which array parameters a function may write (the manifest's
"readonly" marks, which let hosts skip copying arguments back), checked on
compiled functions and against what the compiled code actually does."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import py2wasm
from py2wasm.cli import _build

HERE = Path(__file__).resolve().parent

EXPECTED = {  # function -> its array parameters marked read-only
    "reads": {"a", "b"},
    "writes_second": {"a"},
    "writes_through_view": {"b"},
    "writes_in_callee": {"a"},
    "returns_new": {"a"},
    "fill_2d": {"v"},
    "picks": set(),
    "recursive_read": {"a"},
    "writes_through_list": {"b"},
}


@pytest.fixture(scope="module")
def manifest():
    return _build(str(HERE / "writes_mod.py"), tuple(EXPECTED), "3", "writes_mod").manifest


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_readonly_marks(manifest, name):
    f = next(f for f in manifest["functions"] if f["name"] == name)
    ro = {p["name"] for p in f["params"] if p.get("readonly")}
    assert ro == EXPECTED[name]
    assert all("array" in p["type"] for p in f["params"] if p.get("readonly"))


def test_marks_agree_with_what_the_code_does():
    """No parameter marked read-only is changed by a call (under
    py2wasm.compile, where every argument is copied back when it changed)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("writes_mod", HERE / "writes_mod.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    m = _build(str(HERE / "writes_mod.py"), tuple(EXPECTED), "3", "writes_mod").manifest
    args = {
        "reads": lambda: (np.arange(4.0), np.ones(3)),
        "writes_second": lambda: (np.arange(4.0), np.zeros(4)),
        "writes_through_view": lambda: (np.arange(4.0), np.ones(2)),
        "writes_in_callee": lambda: (np.arange(3.0), np.zeros(3)),
        "returns_new": lambda: (np.arange(3.0),),
        "fill_2d": lambda: (np.zeros((2, 3)), np.arange(3.0)),
        "picks": lambda: (np.ones(2), np.ones(2), False),
        "recursive_read": lambda: (np.arange(3.0), 5),
        "writes_through_list": lambda: (np.zeros((2, 2)), np.ones(1)),
    }
    for f in m["functions"]:
        a = args[f["name"]]()
        before = [x.copy() if isinstance(x, np.ndarray) else x for x in a]
        py2wasm.compile(getattr(mod, f["name"]))(*a)
        for p, x, b in zip(f["params"], a, before):
            if p.get("readonly"):
                assert np.array_equal(x, b), (f["name"], p["name"])
