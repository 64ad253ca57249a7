"""The second science corpus (tests/corpus/science2/*.py): kernels in other
styles and domains than tests/corpus/science (library calls, broadcasting,
fancy indexing, NumPy scalars, complex numbers, dicts and strings, graphs,
finance), compiled with `py2wasm.compile` for every target and compared
with CPython/NumPy by the same rules as test_science.py (results, argument
arrays after the call, exceptions; `refused=` marks a documented refusal:
a located CompileError with that code and a hint)."""
from __future__ import annotations

import copy
import importlib
import pkgutil

import pytest

import py2wasm
from tests.corpus.test_science import TARGETS, compiled, outcome, same

from tests.corpus import science2

MODULES = sorted(m.name for m in pkgutil.iter_modules(science2.__path__))

KERNELS = []
for _m in MODULES:
    KERNELS.extend(importlib.import_module(f"tests.corpus.science2.{_m}").CASES)

PARAMS = [pytest.param(k, i, target, id=f"{k.fn.__module__.rsplit('.', 1)[1]}.{k.fn.__name__}"
                       f"-{i}-{target}")
          for k in KERNELS for i in range(len(k.argsets)) for target in TARGETS]


@pytest.mark.parametrize("kernel,i,target", PARAMS)
def test_science2(kernel, i, target):
    args = kernel.argsets[i]
    if kernel.refused:  # outside the documented subset: a located CompileError with a hint
        with pytest.raises(py2wasm.CompileError) as e:
            compiled(kernel.fn, target)(*copy.deepcopy(args))
        assert e.value.code == kernel.refused, str(e.value)
        assert e.value.file == kernel.fn.__code__.co_filename and e.value.line, str(e.value)
        assert e.value.hint, str(e.value)
        return
    want = outcome(kernel.fn, copy.deepcopy(args))
    got = outcome(compiled(kernel.fn, target), copy.deepcopy(args))
    if want[0] != "ok" or got[0] != "ok":
        assert got[:2] == want[:2], f"compiled {got[:2]!r}, CPython {want[:2]!r}"
        return
    d = same(got[1], want[1], kernel.ulps, kernel.rtol)
    assert d is None, d
    d = same(got[2], want[2], kernel.ulps, kernel.rtol, "arguments after the call")
    assert d is None, d


def test_corpus2_size():
    fns = {k.fn for k in KERNELS}
    assert len(fns) >= 60
    assert all(k.argsets for k in KERNELS)
    names = {(f.__module__.rsplit(".", 1)[1], f.__name__) for f in fns}
    assert len(names) == len(fns)
