"""Lists of lists (frontend/lists.py: an element that is a header address):
as locals (DP tables, adjacency rows, literals, comprehensions, aliasing of
`[row] * n`) and as arguments and results of py2wasm.compile'd functions
(rows stay the caller's objects), compiled vs CPython."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

import py2wasm
from py2wasm import CompileError
from tests.frontend.test_list_args import check


def paths(n: int, m: int):
    t = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        for j in range(m + 1):
            t[i][j] = 1 if i == 0 or j == 0 else t[i - 1][j] + t[i][j - 1]
    return t[n][m], len(t), len(t[-1])


def lcs(a: int, b: int):
    xs = [(a * k) % 7 for k in range(a % 9 + 1)]
    ys = [(b * k) % 7 for k in range(b % 8 + 1)]
    t = [[0] * (len(ys) + 1) for _ in range(len(xs) + 1)]
    for i in range(1, len(xs) + 1):
        for j in range(1, len(ys) + 1):
            if xs[i - 1] == ys[j - 1]:
                t[i][j] = t[i - 1][j - 1] + 1
            else:
                t[i][j] = max(t[i - 1][j], t[i][j - 1])
    return t[len(xs)][len(ys)]


def literal_rows(x: float):
    g = [[1.5, x], [3.0]]
    g.append([x * 2.0])
    g[1].append(4.0)
    s = 0.0
    for row in g:
        for v in row:
            s += v
    return s, len(g), [3.0, 4.0] in g, g.index([3.0, 4.0]), g.count([x * 2.0]), \
        g == [[1.5, x], [3.0, 4.0], [x * 2.0]], g != [[1.5]]


def triangle(n: int):
    return [[i * j for j in range(i)] for i in range(n)]


def shared_rows(n: int):
    row = [0] * 3
    t = [row] * n
    if n:
        t[0][1] = 5
    return t, row


def rows_index(n: int, i: int, j: int):
    g = [[k + r for k in range(r + 1)] for r in range(n)]
    return g[i][j]


def pops_rows(n: int):
    g = [[float(k)] for k in range(n)]
    r = g.pop()
    r.append(-1.0)
    g.insert(0, r)
    g.reverse()
    g.extend([[9.0, 9.5]])
    h = g.copy()
    h.append([0.0])
    return g, len(h), any(g), all([[1.0], []])


def adjacency(n: int):
    g = [[0] for _ in range(n)]
    for v in range(n):
        g[v].clear()
        for w in range(n):
            if (v * w) % 3 == 1:
                g[v].append(w)
    seen = [False] * n
    stack = [0] if n else []
    order = []
    while stack:
        v = stack.pop()
        if seen[v]:
            continue
        seen[v] = True
        order.append(v)
        for w in g[v]:
            if not seen[w]:
                stack.append(w)
    return order


def mutate_rows(g):
    g[0].append(9.0)
    g.append([1.0])
    r = g.pop(1)
    r.append(7.0)
    return len(g)


def row_of(g, i: int):
    return g[i]


def transpose(g):
    if not g:
        return []
    return [[g[i][j] for i in range(len(g))] for j in range(len(g[0]))]


def row_sums(g):
    return [sum(row, 0.0) for row in g]


CASES = [
    (paths, (0, 0)), (paths, (4, 5)), (paths, (10, 3)),
    (lcs, (3, 5)), (lcs, (17, 23)), (lcs, (0, 1)),
    (literal_rows, (2.5,)), (literal_rows, (-0.0,)),
    (triangle, (0,)), (triangle, (5,)),
    (shared_rows, (0,)), (shared_rows, (3,)),
    (rows_index, (4, 2, 1)), (rows_index, (4, 2, 3)), (rows_index, (4, 5, 0)),
    (rows_index, (4, -1, -1)),
    (pops_rows, (0,)), (pops_rows, (4,)),
    (adjacency, (0,)), (adjacency, (7,)), (adjacency, (20,)),
    (mutate_rows, ([[1.0], [2.0, 3.0], []],)), (mutate_rows, ([[1.0]],)),
    (row_of, ([[1, 2], [3]], 1)), (row_of, ([[1, 2], [3]], 2)),
    (transpose, ([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]],)), (transpose, ([],)),
    (transpose, ([[1], [2, 3]],)),
    (row_sums, ([[1.5, 2.0], [], [3.0]],)), (row_sums, ([[True, True], [False]],)), (row_sums, ([[1, 2], []],)),
]


@pytest.mark.parametrize("fn, args", CASES, ids=[f"{f.__name__}-{i}" for i, (f, _) in
                                                 enumerate(CASES)])
def test_nested_lists_match_cpython(fn, args):
    check(fn, *args)


def test_rows_stay_the_callers_objects():
    g = [[1.0], [2.0, 3.0], []]
    r1 = g[1]
    assert py2wasm.compile(mutate_rows)(g) == 3
    assert g == [[1.0, 9.0], [], [1.0]] and r1 == [2.0, 3.0, 7.0]
    g = [[1], [2, 3]]
    assert py2wasm.compile(row_of)(g, 1) is g[1]


def test_refusals_are_located():
    def f(n: int):
        g = [[1.0], [2.0]]
        return sum(g)

    def h(n: int):
        g = [[1.0], [2]]
        return len(g)
    for fn, words in ((f, "list of lists"), (h, "mixing")):
        with pytest.raises(CompileError) as e:
            py2wasm.compile(fn)(1)
        assert words in str(e.value) and e.value.line is not None


def test_untyped_rows_are_refused_with_a_located_error():
    # a row read from a list of empty lists has no element type to learn from
    with pytest.raises(CompileError, match="cannot be inferred") as e:
        py2wasm.compile(mutate_rows)([[], []])
    assert e.value.line is not None


_C: dict = {}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.floats(allow_nan=False), max_size=4), max_size=5),
       st.sampled_from([transpose, row_sums, mutate_rows]))
def test_hypothesis_rows(g, fn):
    if fn is transpose and g and any(len(r) < len(g[0]) for r in g):
        g = [r + [0.0] * (len(g[0]) - len(r)) for r in g]  # CPython's IndexError is tested above
    if fn is mutate_rows and (len(g) < 2 or not any(g)):
        return  # rows of unknown element type cannot learn it: test_untyped_rows_are_refused
    if fn not in _C:
        _C[fn] = py2wasm.compile(fn)
    check(fn, g, cf=_C[fn])


def adjacency_of_empty_rows(n: int):
    g = [[] for _ in range(n)]
    for u in range(n):
        for v in range(n):
            if (u * v) % 3 == 1:
                g[u].append(v)
    order = []
    for row in g:
        row.append(-1)
        order.extend(row)
    return g, order


def appended_empty_rows(n: int):
    g = []
    for _ in range(n):
        g.append([])
    for row in g:
        row.append(1.5)
    if g:
        g[0].append(2.5)
        g.pop().append(0.5)
    return g


@pytest.mark.parametrize("n", [0, 1, 5])
def test_empty_rows_learn_their_type_from_an_append(n):
    check(adjacency_of_empty_rows, n)
    check(appended_empty_rows, n)
