"""sep.join(generator) (frontend/generators.consume): the generator is
drained into a list first, as str.join does in CPython; a known or a
run-time separator, filters, empty results; compiled vs CPython."""
from __future__ import annotations

import pytest

import py2wasm
from tests.frontend.test_lists_ofarrays import check


def upper_reversed(s: str) -> str:
    return "".join(c.upper() for c in reversed(s))


def filtered(s: str, sep: str) -> str:
    return sep.join(c for c in s if c != "x")


def squares(n: int) -> str:
    return ",".join(str(i * i) for i in range(n))


def nested_in_loop(words: list) -> int:
    total = 0
    for w in words:
        total += len("-".join(ch for ch in w))
    return total


@pytest.mark.parametrize("fn, args", [
    (upper_reversed, ("abc",)), (upper_reversed, ("",)), (filtered, ("axbxc", "-")),
    (filtered, ("xx", "::")), (squares, (5,)), (squares, (0,)),
    (nested_in_loop, (["ab", "", "cde"],))])
def test_join_of_a_generator_as_cpython(fn, args):
    check(fn, *args)


def tuple_of_generator(n: int):
    return tuple(i for i in range(n))


def test_other_consumers_are_still_refused():
    with pytest.raises(py2wasm.CompileError) as e:
        py2wasm.compile(tuple_of_generator)(3)
    assert e.value.code == "P2W007"
