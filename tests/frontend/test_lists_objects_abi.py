"""Lists of class instances as arguments and results of `py2wasm.compile`d
functions (frontend/lists_objects_abi.py, api.py): compiled vs CPython on
the same inputs, the result and the caller's lists and instances after the
call (also when it raises) by repr, and which objects are the same object
(an instance twice in a list, results that are the caller's instances or
list); sort/min/max/index/count/in by key, dataclass order and `__lt__`/
`__eq__` at the boundary."""
from __future__ import annotations

import copy

import pytest

import py2wasm
from tests.frontend import list_object_args as F
from tests.frontend.test_npscalars import outcome


def _shape(args, result):
    """repr of the arguments and result, and the identity pattern: each
    object (list or instance) numbered by first appearance."""
    ids: dict = {}

    def walk(v):
        if isinstance(v, (list, tuple)) or hasattr(v, "__dict__"):
            k = ids.setdefault(id(v), len(ids)) if not isinstance(v, tuple) else None
            items = v if isinstance(v, (list, tuple)) else []
            return (k, [walk(x) for x in items])
        return None
    return repr((args, result)), walk((args, result))


def _run(fn, args):
    got_args, want_args = copy.deepcopy(args), copy.deepcopy(args)
    want = outcome(fn, *want_args)
    got = outcome(py2wasm.compile(fn), *got_args)
    assert _shape(got_args, got) == _shape(want_args, want), (fn.__name__, got, want)


def _ps(k):
    a, b = F.P(1.0, 2.0, 1), F.P(-3.5, 0.25, 2)
    return [[a], [a, b], [a, b, a], [F.P(float(i), 1.0 - i, i) for i in range(k)]]


@pytest.mark.parametrize("fn", [F.step, F.every_other, F.pop_and_return])
def test_lists_of_dataclasses(fn):
    for ps in _ps(6):
        _run(fn, (ps, 0.5) if fn is F.step else (ps,))


def test_raise_keeps_what_the_function_did():
    for ps in _ps(5):
        for limit in (0, 2, 9):
            _run(F.fail_midway, (ps, limit))


def test_results_made_inside():
    for n in (0, 1, 5):
        _run(F.spawn, (n,))


def test_order_key_lt_eq_index_count_in():
    q = F.Q(1, 0.5)
    for qs in ([q], [F.Q(3, 1.0), q, F.Q(3, -1.0), q, F.Q(0, 2.0)]):
        _run(F.extremes, (qs,))
    _run(F.extremes, ([],))  # min of an empty list: CPython's ValueError
    b = F.Body(2.0, 1)
    for bs in ([b], [F.Body(5.0, 2), b, F.Body(-1.0, 3), F.Body(2.0, 1)]):
        for probe in (1, 3, 9):
            _run(F.by_mass, (bs, probe))
    _run(F.grow_attr, ([F.Body(1.5, 4), F.Body(2.0, 5)],))


def test_refusals_are_located():
    with pytest.raises(py2wasm.CompileError, match="attributes differ"):
        py2wasm.compile(F.step)([F.P(1.0, 2.0, 1), F.P(1.0, 2.0, 1.5)], 0.5)
    with pytest.raises(py2wasm.CompileError, match="not int, float or bool"):
        py2wasm.compile(F.step)([F.P(1.0, 2.0, (1, 2))], 0.5)
    for nested in ([[F.P(1.0, 2.0, 1)]], ([F.P(1.0, 2.0, 1)], 1)):
        with pytest.raises(py2wasm.CompileError, match="inside a tuple or a list"):
            py2wasm.compile(F.every_other)(nested)
    with pytest.raises(py2wasm.CompileError, match="empty list argument that receives class"):
        py2wasm.compile(F.step)([], 0.5)


def test_instance_moved_between_list_arguments():
    c = py2wasm.compile(F.move_back)
    for k in (1, 3):
        args = ([F.P(0.5, 1.0, 7)], [F.P(float(i), 2.0, i) for i in range(k + 1)])
        _run(F.move_back, args)
        ps, qs = copy.deepcopy(args)
        moved, first = qs[-1], qs[0]
        c(ps, qs)
        assert ps[-1] is moved and (k == 0 or qs[0] is first)
