"""Module-level dicts read with run-time keys (frontend/dict_constants.py):
`TABLE[k]` (CPython's KeyError), `TABLE.get(k, default)`, `k in TABLE` /
`not in`, str and int keys, str/int/float values, inside loops and
generators; writes into a module-level dict stay refused; compiled vs CPython."""
from __future__ import annotations

import numpy as np
import pytest

import py2wasm
from tests.frontend.test_lists_ofarrays import check

COMP = {"A": "T", "T": "A", "C": "G", "G": "C"}
CODE = {"A": 0, "C": 1, "G": 2, "T": 3}
W = {1: 0.5, 2: 0.25, 7: -1.0}
MIXED = {"a": 1, "b": "x"}


def reverse_complement(s: str) -> str:
    return "".join(COMP[c] for c in reversed(s))


def translate_get(s: str) -> str:
    out = ""
    for c in s:
        out += COMP.get(c, "N")
    return out


def encode(s: str):
    x = np.zeros(len(s), dtype=np.int64)
    for i, c in enumerate(s):
        x[i] = CODE[c] if c in CODE else -1
    return x


def weights(ks: list) -> float:
    t = 0.0
    for k in ks:
        t += W.get(k, 0.0)
        if k not in W:
            t -= 1
    return t + W[7]


def lookup(s: str) -> int:
    return CODE[s]


def write_table(s: str) -> int:
    CODE[s] = 9
    return len(CODE)


def mixed_values(s: str) -> int:
    return MIXED[s]


@pytest.mark.parametrize("fn, args", [
    (reverse_complement, ("ACGT",)), (reverse_complement, ("",)), (translate_get, ("ACXG",)),
    (encode, ("ACGTN",)), (weights, ([1, 2, 3, 7],)), (lookup, ("G",)), (lookup, ("Z",))])
def test_module_dicts_as_cpython(fn, args):
    check(fn, *args)


@pytest.mark.parametrize("fn", [write_table, mixed_values])
def test_outside_the_subset(fn):
    with pytest.raises(py2wasm.CompileError) as e:
        py2wasm.compile(fn)("A")
    assert e.value.line
