"""passes/ranges.py: a call's i64 results get a range also when a bool
result comes first (a generator's `(more, value)`): the value of
`next(gen, default)` was left without a range, read as unreachable, and
`select more value default` took the default's range, so `v > 0` was
decided True for a value of -4 (found by the Node fuzz, tests/fuzz/node.py,
seed 1 program 121 of the py kind).

Place in the pipeline: passes (`ranges`), checked end to end."""
import py2wasm


def _gen(n):
    for i in range(n):
        if i % 3 != 1:
            yield i * 7 % 11 - 4


def next_or_default(n: int) -> int:
    v = next(_gen(n), 101)
    if v > 0:
        return 1000 + v
    return v


def loop_to_next(n: int) -> int:
    v = next(_gen(n), 101)
    t = 0
    for _ in range(min(max(v, 0), 2)):
        t += 1
    return t * 10 + v


def test_next_with_a_default_keeps_the_generators_values():
    for fn in (next_or_default, loop_to_next):
        c = py2wasm.compile(fn)
        for n in range(0, 6):
            assert c(n) == fn(n), (fn.__name__, n)
