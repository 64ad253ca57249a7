"""frontend/iterators.py (reversed_range) via calls.py: `reversed(range(...))`
with bounds known only at run time and a known step (1, -1, 3, -2), empty
ranges, ranges at the int64 limits; a run-time step is a located
CompileError."""
import pytest

import py2wasm


def walk(a: int, b: int):
    out = []
    for i in reversed(range(a, b)):
        out.append(i)
    for i in reversed(range(a, b, 3)):
        out.append(i)
    for i in reversed(range(b, a, -2)):
        out.append(i)
    return out


def back(n: int) -> int:
    s = 0
    for i in reversed(range(n)):
        s = s * 3 + i
    return s


def by_step(a: int, s: int):
    return [i for i in reversed(range(0, a, s))]


@pytest.mark.parametrize("a,b", [(0, 5), (2, 11), (5, 0), (-3, 3), (0, 0), (7, 8),
                                 (2**63 - 9, 2**63 - 2), (-2**63 + 2, -2**63 + 9)])
def test_like_cpython(a, b):
    assert py2wasm.compile(walk)(a, b) == walk(a, b)


@pytest.mark.parametrize("n", [0, 1, 5, 30])
def test_loop(n):
    assert py2wasm.compile(back)(n) == back(n)


def test_end_outside_int64_raises_overflow():
    with pytest.raises(OverflowError):
        py2wasm.compile(walk)(-2**63, -2**63 + 4)  # the exclusive end -2**63 - 1


def test_run_time_step_is_a_located_compile_error():
    with pytest.raises(py2wasm.CompileError) as e:
        py2wasm.compile(by_step)(10, 2)
    assert e.value.line and e.value.hint
