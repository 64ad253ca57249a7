"""py2wasm.compile's call path over the runner: one specialization per
argument-type signature, the positional fast path never mixes them up, and
keyword/default calls still bind like Python."""
import py2wasm


def scale(x, k=2):
    return x * k


def test_specializations_do_not_mix_through_the_fast_path():
    f = py2wasm.compile(scale)
    for _ in range(3):
        assert f(3, 4) == 12 and type(f(3, 4)) is int
        assert f(1.5, 2.0) == 3.0 and type(f(1.5, 2.0)) is float
        assert f(True, 3) == 3 and type(f(True, 3)) is int
        assert f(2, 0.5) == 1.0 and type(f(2, 0.5)) is float
    assert len(f.specializations) == 4


def test_defaults_and_keywords_bind_like_python():
    f = py2wasm.compile(scale)
    assert f(5) == 10
    assert f(x=5, k=3) == 15
    assert f(5, k=1.5) == 7.5
    assert f(5) == 10  # the two-argument fast path did not capture the one-argument call


def test_tuples_go_through_the_checked_path():
    def swap(p):
        a, b = p
        return b, a
    f = py2wasm.compile(swap)
    assert f((1, 2.5)) == (2.5, 1)
    assert f((1.5, 2)) == (2, 1.5)
