"""The second science corpus (tests/corpus/science2/*.py): kernels in other
styles and domains than tests/corpus/science (library calls, broadcasting,
fancy indexing, NumPy scalars, complex numbers, dicts and strings, graphs,
finance), compiled with `py2wasm.compile` for every target and compared
with CPython/NumPy by the same rules as test_science.py (results, argument
arrays after the call, exceptions; `refused=` marks a documented refusal:
a located CompileError with that code and a hint)."""
from __future__ import annotations

import importlib
import pkgutil

import pytest

from tests.corpus.test_science import check_kernel, params

from tests.corpus import science2

MODULES = sorted(m.name for m in pkgutil.iter_modules(science2.__path__))

KERNELS = []
for _m in MODULES:
    KERNELS.extend(importlib.import_module(f"tests.corpus.science2.{_m}").CASES)

@pytest.mark.parametrize("kernel,i,target", params(KERNELS))
def test_science2(kernel, i, target):
    check_kernel(kernel, i, target)


def test_corpus2_size():
    fns = {k.fn for k in KERNELS}
    assert len(fns) >= 60
    assert all(k.argsets for k in KERNELS)
    names = {(f.__module__.rsplit(".", 1)[1], f.__name__) for f in fns}
    assert len(names) == len(fns)
