"""Lists of NumPy arrays (frontend/lists_ofarrays.py, runner/list_arrays.py):
comprehensions of arrays, append/pop/insert/indexing/iteration, writes
through an element reaching the array (and the caller's array), np.array /
np.stack / np.concatenate / np.vstack / np.hstack of such a list with
NumPy's ValueErrors, lists of arrays as arguments and results; compiled vs
CPython/NumPy, with hypothesis over shapes, dtypes and list operations."""
from __future__ import annotations

import copy

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import py2wasm
from py2wasm import CompileError
from tests.frontend.test_list_args import same


def outcome(fn, args):
    try:
        return ("ok", fn(*args), args)
    except Exception as e:  # noqa: BLE001 - the exception is the outcome
        return ("raised", type(e).__name__, str(e), args)


def check(fn, *args, cf=None):
    want = outcome(fn, copy.deepcopy(list(args)))
    got = outcome(cf or py2wasm.compile(fn), copy.deepcopy(list(args)))
    assert same_deep(got, want), (fn.__name__, args, got, want)


def same_deep(a, b):
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(
            same_deep(x, y) for x, y in zip(a, b))
    if isinstance(a, np.generic) and isinstance(b, np.generic):
        return type(a) is type(b) and same(a.item(), b.item())
    return same(a, b)


# --- inside a function --------------------------------------------------------------------

def zeros_then_write(k: int):
    xs = [np.zeros(3) for _ in range(k)]
    xs[0][1] = 2.0
    s = 0.0
    for a in xs:
        s += float(a.sum())
    return s, len(xs), np.array(xs)


def grow_and_stack(k: int):
    xs = []
    for i in range(k):
        xs.append(np.arange(3.0) * i)
    return np.array(xs), np.stack(xs, axis=1), np.concatenate(xs), np.vstack(xs), np.hstack(xs)


def ragged(k: int):
    xs = [np.ones(i + 1, np.int32) for i in range(k)]
    return np.concatenate(xs), np.array(xs).shape


def ragged_2d(k: int):
    xs = [np.ones((2, 2 + i % 2)) for i in range(k)]
    return np.array(xs)


def ragged_stack(k: int):
    return np.stack([np.zeros(i % 2 + 1) for i in range(k)])


def concat_mismatch(k: int):
    xs = [np.zeros((2, 3)), np.zeros((k, 4))]
    xs.append(np.zeros((1, 3)))
    return np.concatenate(xs, axis=0)


def pop_insert(k: int):
    xs = [np.full(2, float(i)) for i in range(k)]
    a = xs.pop()
    xs.insert(0, a * 10)
    b = np.ones(2)
    xs.append(b)
    b[0] = 7.0  # the list holds the object: the write is seen through xs[-1]
    last = xs[-1]
    last[1] = -1.0  # and this one through b
    return np.array(xs), b, len(xs)


def views_of_a_matrix(n: int):
    m = np.arange(12).reshape(3, 4) * n
    cols = [m[:, j] for j in range(4)]
    cols[1][0] = 100  # a view: writes m
    rows = [m[i] for i in range(3)]
    rows.reverse()
    return m, np.vstack(cols), np.stack(rows), cols[2].sum()


def pop_empty(k: int):
    xs = [np.zeros(2) for _ in range(k)]
    xs.pop()
    return len(xs)


def index_out_of_range(k: int):
    xs = [np.zeros(2) for _ in range(k)]
    return xs[2].sum()


def stack_empty(k: int):
    xs = [np.zeros(2) for _ in range(k)]
    return np.stack(xs)


def concatenate_empty(k: int):
    xs = [np.zeros(2) for _ in range(k)]
    return np.concatenate(xs)


def enumerate_and_zip(k: int):
    xs = [np.arange(4.0) + i for i in range(k)]
    ys = xs[1:] + xs[:1]
    out = 0.0
    for i, (a, b) in enumerate(zip(xs, ys)):
        out += i * float(a @ b)
    return out, len(ys), np.stack(ys[::-1])


def list_of_2d(k: int):
    blocks = [np.eye(2) * (i + 1) for i in range(k)]
    acc = np.zeros((2, 2))
    for b in blocks:
        acc = acc @ b + b
    return acc, np.concatenate(blocks, axis=1)


CASES = [(zeros_then_write, (3,)), (zeros_then_write, (1,)), (zeros_then_write, (0,)),
         (grow_and_stack, (3,)), (grow_and_stack, (1,)),
         (ragged, (1,)), (ragged, (3,)), (ragged_2d, (1,)), (ragged_2d, (2,)),
         (ragged_stack, (1,)), (ragged_stack, (2,)),
         (concat_mismatch, (2,)), (concat_mismatch, (5,)),
         (pop_insert, (3,)), (pop_insert, (1,)), (pop_insert, (0,)),
         (views_of_a_matrix, (1,)), (views_of_a_matrix, (-2,)),
         (pop_empty, (1,)), (pop_empty, (0,)), (index_out_of_range, (2,)),
         (index_out_of_range, (3,)), (stack_empty, (0,)), (stack_empty, (2,)),
         (concatenate_empty, (0,)), (enumerate_and_zip, (3,)), (enumerate_and_zip, (1,)),
         (list_of_2d, (3,)), (list_of_2d, (1,))]


@pytest.mark.parametrize("fn, args", CASES, ids=[f"{f.__name__}-{i}" for i, (f, _) in
                                                 enumerate(CASES)])
def test_lists_of_arrays_match_numpy(fn, args):
    check(fn, *args)


def test_np_array_of_an_empty_list_of_arrays_is_a_clear_error_not_a_wrong_shape():
    def f(k: int):
        return np.array([np.zeros(2) for _ in range(k)])
    cf = py2wasm.compile(f)
    assert same(cf(2), f(2))
    with pytest.raises(ValueError, match="empty list of arrays"):
        cf(0)  # NumPy: a 1-D float64 array of shape (0,); the compiled list's type says 2-D


# --- arguments and results ----------------------------------------------------------------

def total_then_write(xs):
    s = 0.0
    for a in xs:
        s += float(a.sum())
    xs[0][0] = 5.0
    return s


def reshuffle(xs):
    xs.append(xs[0] * 2)
    b = xs.pop(0)
    xs.insert(0, b[::-1])
    xs[-1][0] = -3.0
    return len(xs)


def made(k):
    return [np.arange(i) * 1.5 for i in range(k)]


def returns_argument(xs):
    return xs


def stacked(xs):
    return np.stack(xs), np.concatenate(xs, axis=1), xs[-1].T


def transposes(xs):
    return [a.T for a in xs]


ARGS = [(total_then_write, ([np.ones(2), np.arange(3.0)],)),
        (total_then_write, ([],)),
        (reshuffle, ([np.ones(2), np.arange(3.0)],)),
        (made, (3,)), (made, (0,)),
        (returns_argument, ([np.ones(2), np.zeros(0)],)),
        (stacked, ([np.ones((2, 3)), np.arange(6.0).reshape(2, 3)],)),
        (stacked, ([np.ones((2, 3)), np.zeros((3, 3))],)),
        (transposes, ([np.arange(6, dtype=np.int32).reshape(2, 3)],)),
        (total_then_write, ([np.arange(6.0).reshape(2, 3)[:, 1]],))]


@pytest.mark.parametrize("fn, args", ARGS, ids=[f"{f.__name__}-{i}" for i, (f, _) in
                                                enumerate(ARGS)])
def test_lists_of_arrays_as_arguments_and_results(fn, args):
    check(fn, *args)


def test_the_callers_objects_come_back():
    cf = py2wasm.compile(returns_argument)
    a, b = np.ones(2), np.arange(3.0)
    xs = [a, b]
    r = cf(xs)
    assert r is xs and r[0] is a and r[1] is b
    c = np.zeros(2)
    ys = [c, c]  # one array twice: one block, both writes seen

    def twice(ys):
        ys[0][0] = 1.0
        ys[1][1] = 2.0
        return ys[0].sum()
    assert py2wasm.compile(twice)(ys) == 3.0 and c.tolist() == [1.0, 2.0] and ys[1] is c


def test_a_caller_array_changed_before_the_call_raised_is_updated():
    def f(xs):
        xs[0][0] = 9.0
        return xs[5]
    a = np.zeros(2)
    with pytest.raises(IndexError, match="list index out of range"):
        py2wasm.compile(f)([a])
    assert a.tolist() == [9.0, 0.0]


def test_a_list_of_arrays_of_mixed_dtypes_is_refused():
    with pytest.raises(CompileError) as e:
        py2wasm.compile(total_then_write)([np.ones(2), np.ones(2, np.int32)])
    assert e.value.code == "P2W010"


@pytest.mark.parametrize("body", [
    "return a in xs", "return xs.index(a)", "return xs.count(a)", "xs.sort()",
    "return sum(xs)", "return max(xs)", "return xs == xs"])
def test_comparing_or_sorting_arrays_in_a_list_is_refused(body):
    src = f"def f(k):\n    xs = [np.zeros(2) for _ in range(k)]\n    a = xs[0]\n    {body}\n"
    ns = {"np": np}
    exec(compile(src, "<refused>", "exec"), ns)
    with pytest.raises(CompileError) as e:
        py2wasm.compile(ns["f"])(2)
    assert e.value.code == "P2W002", str(e.value)


# --- hypothesis ---------------------------------------------------------------------------

def ops(xs, prog):
    out = []
    for op, v in prog:
        if op == 0:
            xs.append(np.full(3, v * 1.0))
        elif op == 1 and xs:
            out.append(float(xs.pop(v % len(xs)).sum()))
        elif op == 2 and xs:
            xs[v % len(xs)][v % 3] += 1.0
        elif op == 3:
            xs.insert(v, xs[-1] * 2 if xs else np.zeros(3))
        elif op == 4 and xs:
            xs[v % len(xs)] = xs[0] - 1.0
    return (np.array(xs) if xs else np.zeros((0, 3))), out


_OPS = py2wasm.compile(ops)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-2, 2).map(lambda v: np.full(3, float(v))), max_size=3),
       st.lists(st.tuples(st.integers(0, 4), st.integers(-4, 4)), max_size=8))
def test_list_operations_match_cpython(xs, prog):
    want = outcome(ops, copy.deepcopy([xs, prog]))
    got = outcome(_OPS, copy.deepcopy([xs, prog]))
    assert same_deep(got, want), (got, want)


def joined0(xs):
    return np.concatenate(xs, axis=0), np.stack(xs, axis=0)


def joined1(xs):
    return np.concatenate(xs, axis=1), np.stack(xs, axis=1)


def joined_last(xs):
    return np.concatenate(xs, axis=-1), np.stack(xs, axis=-1)


_JOINED = {0: joined0, 1: joined1, -1: joined_last}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(1, 3)), min_size=1, max_size=4),
       st.sampled_from(["float64", "float32", "int64", "int16", "uint8", "bool"]),
       st.sampled_from([0, 1, -1]))
def test_concatenate_and_stack_match_numpy(shapes, dtype, axis):
    xs = [(np.arange(r * c) % 5).astype(dtype).reshape(r, c) for r, c in shapes]
    fn = _JOINED[axis]
    want = outcome(fn, [xs])
    got = outcome(py2wasm.compile(fn), [xs])
    assert same_deep(got[:3], want[:3]), (got, want)


# --- an array's address in a list: the passes and the host must see the aliasing ---------

def accumulate_through_both(n: int):
    acc = np.zeros(1)
    xs = [acc]
    for _ in range(n):
        acc[0] += 1.0  # passes/promote.py must not keep acc[0] in a register:
        xs[0][0] += 10.0  # this writes the same element through a pointer read from the list
    return acc[0], xs[0][0]


def write_param_through_views(m):
    cols = [m[:, j] for j in range(m.shape[1])]
    cols[-1][0] = -5.0  # writes the caller's m (ir/writes.py: its address escaped)
    return len(cols)


@pytest.mark.parametrize("fn, args", [(accumulate_through_both, (5,)),
                                      (accumulate_through_both, (0,)),
                                      (write_param_through_views, (np.ones((2, 3)),))])
def test_an_array_reached_through_a_list_is_the_same_memory(fn, args):
    check(fn, *args)
