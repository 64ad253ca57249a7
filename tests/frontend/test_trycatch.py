"""try/except/else/finally in compiled functions (frontend/trycatch.py,
backend/lower_catch.py) against CPython: results, and exceptions escaping
(from the body, re-raised, raised in a handler or in finally) by type and
exact message; exceptions raised in the same function, by an operation or
by a traced callee, inside loops; return/break/continue through finally."""
import math

import numpy as np
import pytest

import py2wasm
from trycatch_functions import library_errors


def checked(a: int, b: int) -> int:
    if b == 3:
        raise ValueError(f"bad b: {b}")
    return a // b


def safe_div(a: int, b: int) -> int:
    try:
        return a // b
    except ZeroDivisionError:
        return -1


def calls_catching(a: int, b: int) -> int:
    s = 0
    for i in range(4):
        s += safe_div(a + i, b - i) + nested(a, b - i, i)
    return s


def callee_errors(a: int, b: int) -> int:
    try:
        r = checked(a, b)
    except ZeroDivisionError:
        r = -1
    except (ValueError, OverflowError):
        r = -2
    else:
        r += 100
    return r


def loop_continue(n: int, k: int) -> int:
    s = 0
    for i in range(n):
        try:
            s += 1000 // (i - k)
        except ZeroDivisionError:
            continue
        finally:
            s += 1
    return s


def index_key(i: int, key: int) -> int:
    xs = [10, 20, 30]
    d = {1: 5, 2: 7}
    try:
        v = xs[i]
    except IndexError:
        v = -1
    try:
        w = d[key]
    except LookupError:
        w = -1
    return v * 100 + w


def reraise(a: int, b: int) -> int:
    try:
        return a // b
    except ZeroDivisionError:
        if a > 0:
            raise
        return 0


def handler_raises(a: int, b: int) -> int:
    try:
        return a // b
    except ZeroDivisionError as e:
        if a < 0:
            raise e
        raise ValueError(f"handled {a}")


def finally_paths(n: int, stop: int) -> int:
    s = 0
    i = 0
    while i < n:
        i += 1
        try:
            if i == stop:
                break
            if i % 3 == 0:
                continue
            if i * 10 > 95:
                return -s
            s += checked(100, i - 5)
        finally:
            s += 1000
    return s


def nested(a: int, b: int, c: int) -> int:
    try:
        try:
            x = a // b
        except ZeroDivisionError:
            x = c % b
        return x + 1
    except ZeroDivisionError:
        return -7
    except Exception:
        return -8


def overflow(x: float, y: float) -> float:
    try:
        r = math.exp(x) + math.log(y) + x ** y + int(x) ** int(y)
    except OverflowError:
        return -1.0
    except ArithmeticError:
        return -2.0
    except ValueError:
        return -3.0
    return r


def powers(x: float, n: int) -> float:
    try:
        return x ** -n + float(n) ** (n - 0.5)
    except ZeroDivisionError:
        return -1.0
    except OverflowError:
        return -2.0
    except ValueError:
        return -3.0


def array_item(a: np.ndarray, i: int) -> float:
    try:
        return a[i] + 1.0 / float(a[i - 1])
    except IndexError:
        return -1.0
    except ZeroDivisionError:
        return -2.0


CASES = [
    (safe_div, [(7, 2), (7, 0), (-7, 0)]),
    (callee_errors, [(7, 2), (7, 0), (7, 3), (-8, 3)]),
    (calls_catching, [(5, 2), (-7, 3), (0, 0)]),
    (loop_continue, [(0, 0), (5, 2), (9, 20), (4, 0)]),
    (index_key, [(0, 1), (2, 2), (3, 1), (-4, 9), (1, 0)]),
    (reraise, [(5, 1), (5, 0), (-5, 0), (0, 0)]),
    (handler_raises, [(5, 1), (5, 0), (-5, 0)]),
    (finally_paths, [(0, 0), (3, 2), (12, 99), (12, 7), (5, 5), (9, 6)]),
    (nested, [(4, 2, 1), (4, 0, 1), (1, 0, 0)]),
    (library_errors, [([1, 2], 2, 4.0, "12"), ([0, 3], 5, -1.0, "x"), ([4], -1, 9.0, " 7 ")]),
    (powers, [(2.0, 0), (0.0, 2), (1e-300, 3), (2.0, 2), (0.0, 0), (3.0, 1)]),
    (array_item, [(np.array([1.0, 2.0, 0.0]), 1), (np.array([1.0, 2.0, 0.0]), 5),
                  (np.array([0.0, 2.0]), 1), (np.array([1.0, 2.0]), -2)]),
    (overflow, [(3.0, 4.0), (1000.0, 1.0), (2.0, 0.0), (0.0, -1.0), (-2.0, 2.0),
                (2.0, 2000.0), (2.0, 7.0)]),
]


def outcome(f, args):
    try:
        return ("ok", f(*args))
    except Exception as e:  # noqa: BLE001 - compared by type and message
        return (type(e).__name__, str(e))


@pytest.mark.parametrize("fn,inputs", CASES, ids=[c[0].__name__ for c in CASES])
def test_against_cpython(fn, inputs):
    c = py2wasm.compile(fn)
    for args in inputs:
        assert outcome(c, args) == outcome(fn, args), (fn.__name__, args, outcome(c, args))


class MyError(Exception):
    pass


def catches_own(a: int) -> int:
    try:
        return 10 // a
    except MyError:
        return 0


def test_uncatchable_class_is_a_located_error():
    with pytest.raises(py2wasm.CompileError) as e:
        py2wasm.compile(catches_own)(1)
    assert "cannot raise" in str(e.value) and "except MyError" in str(e.value)
    assert e.value.line == catches_own.__code__.co_firstlineno + 3



def message_of(a: int) -> int:
    try:
        return 10 // a
    except ZeroDivisionError as e:
        return len(str(e))


def args_of(a: int) -> int:
    try:
        return 10 // a
    except ZeroDivisionError as e:
        return len(e.args)


def test_using_the_exception_is_a_located_error():
    for fn, what in ((message_of, "str(e)"), (args_of, "e.args")):
        with pytest.raises(py2wasm.CompileError) as e:
            py2wasm.compile(fn)(1)
        assert what in str(e.value) and "not supported yet" in str(e.value)
        assert e.value.line == fn.__code__.co_firstlineno + 4
