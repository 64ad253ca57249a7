"""Star-unpacking (frontend/unpack_star.py) against CPython: lists of every
length (the short ones: CPython's ValueError and message), tuples, the
starred target first, middle and last, and inside try."""
import py2wasm


def head_rest(xs: list[int]) -> int:
    a, *rest = xs
    return a * 1000 + len(rest) * 10 + sum(rest)


def first_mid_last(xs: list[float]) -> float:
    first, *mid, last = xs
    mid.append(0.5)
    return first - last + sum(mid) * len(mid)


def init_last(a: int, b: int, c: int) -> int:
    *init, last = (a, b, c)
    x, *y = (a,)
    return sum(init) * last + x + len(y)


def guarded(xs: list[int]) -> int:
    try:
        a, b, *rest = xs
    except ValueError:
        return -1
    return a - b + len(rest)


def outcome(f, args):
    try:
        return ("ok", f(*args))
    except Exception as e:  # noqa: BLE001 - compared by type and message
        return (type(e).__name__, str(e))


def test_against_cpython():
    lists = [[], [4], [4, 5], [4, 5, 6], list(range(9))]
    for fn in (head_rest, first_mid_last, guarded):
        c = py2wasm.compile(fn)
        for xs in lists:
            xs = [float(x) for x in xs] if fn is first_mid_last else xs
            assert outcome(c, (xs,)) == outcome(fn, (xs,)), (fn.__name__, xs)
    c = py2wasm.compile(init_last)
    for args in [(1, 2, 3), (-4, 0, 7)]:
        assert c(*args) == init_last(*args)


def _g(a, b, c):
    return a * 100 + b * 10 + c


def star_calls(a: int, b: int, c: int) -> int:
    args = (a, b)
    t = (*args, c)
    xs = [*args, c, *t]
    return _g(*args, c) + _g(*t) + _g(*[c, b, a]) + len(xs) * xs[4] + xs[-1]


def test_star_items_and_calls():
    c = py2wasm.compile(star_calls)
    for args in [(1, 2, 3), (-4, 0, 7)]:
        assert c(*args) == star_calls(*args)


def of_a_display(n: int, x: float):
    first, *rest = [n, 2, 3, 4]
    *init, last = [x, x * 2]
    a, *b, c = [n, x]
    return first, rest, [*rest, n], init, last, a, b, c


def test_star_unpack_of_a_list_display():
    """a list display's items are known in number: split when compiling,
    the starred target a new list"""
    c = py2wasm.compile(of_a_display)
    for args in [(7, 2.5), (0, -1.0)]:
        assert repr(c(*args)) == repr(of_a_display(*args))
