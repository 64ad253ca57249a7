"""`yield from` in generator functions consumed by compiled code
(frontend/unpack_star.YieldFromOps) against CPython: inner generators,
ranges, tuples, generator expressions, nesting, an exception raised after
a delegation; consumed by for, sum and list."""
import py2wasm
from yield_from_functions import chained, failing, nested


def consume(n: int) -> int:
    s = 0
    for v in chained(n, (3, 4)):
        s = s * 3 + v
    return s + sum(nested(n)) + len(list(chained(n, (5,))))


def consume_failing(n: int) -> int:
    s = 0
    for v in failing(n):
        s += v
    return s


def outcome(f, args):
    try:
        return ("ok", f(*args))
    except Exception as e:  # noqa: BLE001 - compared by type and message
        return (type(e).__name__, str(e))


def test_against_cpython():
    c = py2wasm.compile(consume)
    for n in range(5):
        assert c(n) == consume(n), n
    c = py2wasm.compile(consume_failing)
    for n in (2, 3, 4):
        assert outcome(c, (n,)) == outcome(consume_failing, (n,)), n
