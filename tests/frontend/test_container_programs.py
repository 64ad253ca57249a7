"""Random programs over dicts, sets, instances and generators (frontend/
dicts.py, sets.py, objects.py, generators.py): hypothesis writes a function
of a menu of statements (inserts, lookups, deletes, pops, iteration in
CPython's order, methods mutating an instance, loops over a generator,
branches and loops nesting them), compiles it for a target and compares it
with CPython on several inputs, results (including the containers' contents
in iteration order) bit for bit, exceptions by type and message.
PY2WASM_CONTAINER_PROGRAMS=N runs N programs (40 by default)."""
from __future__ import annotations

import linecache
import os
import textwrap

import numpy as np
from hypothesis import given, note, settings, strategies as st

import py2wasm
from tests.frontend.test_npscalars import outcome

PRELUDE = '''
import numpy as np


class Acc:
    def __init__(self, k):
        self.k = k
        self.total = 0

    def add(self, v):
        self.total = (self.total + v * self.k) % 1000003
        return self


def gen(n, x):
    for i in range(n):
        yield i * x % 97


'''

KEYS = ["x % 7", "y % 5", "x * 1000003 % 11", "(x + y) % 9", "3", "-2", "y - x",
        "x * 999983 % 13 - 6", "i % 3"]
VALS = ["x", "y", "1", "t % 100", "i"]


@st.composite
def statement(draw, depth=0, in_loop=False):
    keys = KEYS if in_loop else KEYS[:-1]
    vals = VALS if in_loop else VALS[:-1]
    k = draw(st.sampled_from(keys))
    v = draw(st.sampled_from(vals))
    simple = [
        f"d[{k}] = {v}",
        f"t = (t + d.get({k}, 0)) % 1000003",
        f"if {k} in d:\n    del d[{k}]",
        f"t = (t + d.pop({k}, 1)) % 1000003",
        f"d.setdefault({k}, {v})",
        f"s.add({k})",
        f"s.discard({k})",
        "if s:\n    t = (t + s.pop()) % 1000003",
        "for kk in d:\n    t = (t * 3 + kk) % 1000003",
        "for kk in s:\n    t = (t * 5 + kk) % 1000003",
        "for kk, vv in d.items():\n    t = (t + kk * vv) % 1000003",
        f"acc.add({k})",
        "t = (t + acc.total) % 1000003",
        f"for gv in gen({k} % 4 + 1, {v}):\n    t = (t * 7 + gv) % 1000003",
        "t = (t + len(d) * 7 + len(s)) % 1000003",
        f"u = {{{k}, {v}}} | s\nt = (t + len(u)) % 1000003",
        f"c = {{kk: kk * 2 for kk in s}}\nt = (t + sum(c.values())) % 1000003",
        f"t = (t + d[{k}]) % 1000003",  # may raise KeyError
        f"s.remove({k})",  # may raise KeyError
    ]
    if depth < 2:
        choice = draw(st.integers(0, len(simple) + 1))
        if choice == len(simple):
            a = draw(statement(depth + 1, in_loop))
            b = draw(statement(depth + 1, in_loop))
            return f"if {k} > {v}:\n" + textwrap.indent(a, "    ") + "\nelse:\n" + \
                textwrap.indent(b, "    ")
        if choice == len(simple) + 1:
            body = draw(statement(depth + 1, True))
            n = draw(st.integers(0, 4))
            return f"for i in range({n}):\n" + textwrap.indent(body, "    ")
        return simple[choice]
    return draw(st.sampled_from(simple))


_COUNTER = [0]


def _load(body: str):
    _COUNTER[0] += 1
    name = f"<container program {_COUNTER[0]}>"
    src = PRELUDE + "def prog(x: int, y: int):\n" + textwrap.indent(
        "d = {0: 0}\ns = {0}\nacc = Acc(3)\nt = 0\n" + body + "\n"
        "return t, np.array(list(d), dtype=np.int64), np.array(list(d.values()), "
        "dtype=np.int64), np.array(list(s), dtype=np.int64), acc.total\n", "    ")
    linecache.cache[name] = (len(src), None, src.splitlines(True), name)
    ns: dict = {"__name__": "container_programs"}
    exec(compile(src, name, "exec"), ns)
    return ns["prog"], src


INPUTS = [(0, 0), (1, 2), (-3, 7), (12, -5), (2**24, 3), (-(2**25), -(2**23))]  # no int64 overflow


@settings(max_examples=int(os.environ.get("PY2WASM_CONTAINER_PROGRAMS", "40")), deadline=None)
@given(st.lists(statement(), min_size=1, max_size=8), st.sampled_from(["mvp", "simd",
                                                                        "relaxed-simd"]))
def test_random_container_programs(stmts, target):
    fn, src = _load("\n".join(stmts))
    note(src)
    cf = py2wasm.compile(fn, target=target)
    for args in INPUTS:
        want = outcome(fn, *args)
        got = outcome(cf, *args)
        assert repr(got) == repr(want), (args, got, want)


def test_the_generator_makes_every_statement():
    # each menu entry appears in some drawn program: the menu is exercised, not just parsed
    fn, _ = _load("d[x % 7] = x\ns.add(3)\nfor gv in gen(2, y):\n    t = (t * 7 + gv) % 1000003")
    cf = py2wasm.compile(fn)
    assert repr(outcome(cf, 5, 6)) == repr(outcome(fn, 5, 6))
    assert isinstance(outcome(fn, 5, 6)[1][1], np.ndarray)
