"""Call cases for the built packages with CPython's answers, and the check
of what JavaScript returned against them.

Place in the pipeline: tests of the last stage (`package`). Expected values
come from running the same Python functions in CPython. Where py2wasm's
documented JS policy differs from Python (an int result beyond 2**53 - 1 is
a RangeError carrying the BigInt), the expectation says so. Argument errors
have no Python counterpart and are listed with their exact messages.
"""
from __future__ import annotations

import json
import math

from .conftest import ARRAYS_NAME, HERE, MULTI_NAME, ROOT, load_python

SAFE = 2**53 - 1


def _arg(v):
    if isinstance(v, float) and not math.isfinite(v):
        return {"num": repr(v).replace("inf", "Infinity").replace("nan", "NaN")}
    if isinstance(v, tuple):
        return [_arg(x) for x in v]
    return v


def _expect(fn, args, *, approx=False, name_only=False):
    """What CPython does, as a case dict."""
    try:
        value = fn(*args)
    except Exception as e:  # the Python exception the package must reproduce
        return {"fn": fn.__name__, "args": [_arg(a) for a in args], "raises": type(e).__name__,
                "message": str(e), "name_only": name_only}
    return {"fn": fn.__name__, "args": [_arg(a) for a in args], "value": value, "approx": approx}


def python_cases() -> dict[str, list[dict]]:
    """Per package: cases compared with CPython (ordered: an exception is
    followed by ordinary calls, so the module must stay usable)."""
    fma = load_python(ROOT / "examples" / "fma.py").fma
    m = load_python(HERE / "multi.py")
    a = load_python(HERE / "arrays.py")
    inf, nan = math.inf, math.nan
    return {
        "fma": [_expect(fma, a) for a in [(3, -1, 2), (0.1, 0.2, 0.3), (1e308, 10.0, -inf), (2.5, -0.0, -0.0),
                                          (nan, 1.0, 2.0), (-1.5, 4.0, 1e-300)]],
        MULTI_NAME: [
            _expect(m.floordiv, (7, -2)), _expect(m.floordiv, (-7, 2)), _expect(m.floordiv, (7, 0)),
            _expect(m.floordiv, (7, 2)), _expect(m.floordiv, (SAFE, 1)), _expect(m.floordiv, (-SAFE, 3)),
            _expect(m.floordiv, (-SAFE, 1)), _expect(m.floordiv, (-0, 5)),
            _expect(m.big, (8796093022207,)), _expect(m.big, (-8796093022207,)),  # +-(2**53 - 1024): exact
            _expect(m.big, (2**43,)),  # 2**53: the first int beyond the safe range
            _expect(m.divmod_, (-7, 2)), _expect(m.divmod_, (7, 0)), _expect(m.divmod_, (12, -5)),
            _expect(m.is_pos, (-1.0,)), _expect(m.is_pos, (2.0,)), _expect(m.is_pos, (nan,)), _expect(m.is_pos, (0.0,)),
            _expect(m.scale, ((1.5, 3), True)), _expect(m.scale, ((1.5, -3), False)),
            _expect(m.big, (2**40,)), _expect(m.big, (-(2**43),)), _expect(m.big, (2**44,)), _expect(m.big, (3,)),
            _expect(m.depth, (100,)), _expect(m.depth, (10**7,), name_only=True), _expect(m.depth, (7,)),
            _expect(m.root, (4.0,)), _expect(m.root, (-1.0,)), _expect(m.root, (2.0,), approx=True),
            _expect(m.hyp, (2.0, 0.5), approx=True), _expect(m.hyp, (1.0, nan)), _expect(m.hyp, (-1.0, inf), approx=True),
            _expect(m.nothing, (1.0,)),
        ],
        # the same boundary in a module with array functions (tests/package/arrays.py)
        ARRAYS_NAME: [
            _expect(a.big_here, (3,)), _expect(a.big_here, (8796093022207,)), _expect(a.big_here, (-8796093022207,)),
            _expect(a.big_here, (2**43,)), _expect(a.big_here, (-(2**43),)), _expect(a.big_here, (-5,)),
            _expect(a.floordiv_here, (7, -2)), _expect(a.floordiv_here, (SAFE, 1)), _expect(a.floordiv_here, (-SAFE, 3)),
            _expect(a.floordiv_here, (7, 0)), _expect(a.floordiv_here, (-SAFE, -1)),
            _expect(a.half, (3.0,)), _expect(a.half, (-0.0,)), _expect(a.half, (nan,)), _expect(a.half, (-inf,)),
            _expect(a.half, (5e-324,)),
            _expect(a.both_here, (True, False)), _expect(a.both_here, (True, True)), _expect(a.both_here, (False, False)),
        ],
    }


# Argument errors: (package, fn, args, error class, exact message).
ARGUMENT_CASES = [
    ("fma", "fma", [1, 2], "TypeError", "fma(x, y, z) takes 3 arguments, got 2"),
    ("fma", "fma", [1, 2, 3, 4], "TypeError", "fma(x, y, z) takes 3 arguments, got 4"),
    ("fma", "fma", [1, "2", 3], "TypeError", "fma(): argument 'y' must be a number (Python float), got \"2\""),
    ("fma", "fma", [1, 2, None], "TypeError", "fma(): argument 'z' must be a number (Python float), got null"),
    (MULTI_NAME, "floordiv", [1.5, 2], "TypeError", "floordiv(): argument 'a' must be an integer number (Python int), got 1.5"),
    (MULTI_NAME, "floordiv", [1, 2**53], "RangeError",
     "floordiv(): argument 'b' = 9007199254740992 is not a safe integer (|b| must be at most Number.MAX_SAFE_INTEGER)"),
    (MULTI_NAME, "floordiv", [-(2**53), 1], "RangeError",
     "floordiv(): argument 'a' = -9007199254740992 is not a safe integer (|a| must be at most Number.MAX_SAFE_INTEGER)"),
    (MULTI_NAME, "floordiv", [{"num": "NaN"}, 1], "TypeError",
     "floordiv(): argument 'a' must be an integer number (Python int), got NaN"),
    (MULTI_NAME, "floordiv", [1, {"num": "-Infinity"}], "TypeError",
     "floordiv(): argument 'b' must be an integer number (Python int), got -Infinity"),
    (MULTI_NAME, "floordiv", [1, "2"], "TypeError", "floordiv(): argument 'b' must be an integer number (Python int), got \"2\""),
    (MULTI_NAME, "is_pos", [True], "TypeError", "is_pos(): argument 'x' must be a number (Python float), got true"),
    (MULTI_NAME, "scale", [[1.5, 2], 0], "TypeError", "scale(): argument 'flag' must be a boolean (Python bool), got 0"),
    (MULTI_NAME, "scale", [[1.5], True], "TypeError",
     "scale(): argument 'p' must be an array of 2 items (Python tuple), got an array of length 1"),
    (MULTI_NAME, "scale", [[1.5, 2.5], True], "TypeError",
     "scale(): argument 'p[1]' must be an integer number (Python int), got 2.5"),
    (MULTI_NAME, "scale", [[1.5, 2], 1], "TypeError", "scale(): argument 'flag' must be a boolean (Python bool), got 1"),
    (ARRAYS_NAME, "floordiv_here", [1, 2**53], "RangeError",
     "floordiv_here(): argument 'b' = 9007199254740992 is not a safe integer (|b| must be at most Number.MAX_SAFE_INTEGER)"),
    (ARRAYS_NAME, "floordiv_here", [-(2**53), 1], "RangeError",
     "floordiv_here(): argument 'a' = -9007199254740992 is not a safe integer (|a| must be at most Number.MAX_SAFE_INTEGER)"),
    (ARRAYS_NAME, "floordiv_here", [1.5, 2], "TypeError",
     "floordiv_here(): argument 'a' must be an integer number (Python int), got 1.5"),
    (ARRAYS_NAME, "big_here", [{"num": "NaN"}], "TypeError",
     "big_here(): argument 'n' must be an integer number (Python int), got NaN"),
    (ARRAYS_NAME, "half", [True], "TypeError", "half(): argument 'x' must be a number (Python float), got true"),
    (ARRAYS_NAME, "both_here", [1, True], "TypeError", "both_here(): argument 'p' must be a boolean (Python bool), got 1"),
    (ARRAYS_NAME, "half", [], "TypeError", "half(x) takes 1 argument, got 0"),
]


def all_cases() -> dict[str, list[dict]]:
    """Python cases followed by argument cases, per package (the JSON the
    harness runs: only fn and args matter to it)."""
    cases = python_cases()
    for pkg, fn, args, cls, msg in ARGUMENT_CASES:
        cases[pkg].append({"fn": fn, "args": args, "raises": cls, "message": msg, "argument": True})
        cases[pkg].append(cases[pkg][0])  # and the module still works afterwards
    return cases


def calls_json(cases: dict[str, list[dict]]) -> str:
    """What the JS harness runs: only each case's function and arguments."""
    return json.dumps({pkg: [{"fn": c["fn"], "args": c["args"]} for c in cs] for pkg, cs in cases.items()},
                      allow_nan=False)


def _decode(v):
    if "num" in v:
        return float(v["num"])
    if "tuple" in v:
        return tuple(_decode(x) for x in v["tuple"])
    if "none" in v:
        return None
    return v["value"]


def _same(a, b, approx) -> bool:
    if isinstance(a, tuple) or isinstance(b, tuple):
        return isinstance(a, tuple) and isinstance(b, tuple) and len(a) == len(b) and all(
            _same(x, y, approx) for x, y in zip(a, b))
    if isinstance(b, bool) or isinstance(a, bool):
        return type(a) is type(b) and a == b
    if b is None or a is None:
        return a is b
    a, b = float(a), float(b)
    if math.isnan(b):
        return math.isnan(a)
    if approx:
        return math.isclose(a, b, rel_tol=4e-16, abs_tol=0.0) or a == b
    return a == b and math.copysign(1, a) == math.copysign(1, b)


def check_results(cases: list[dict], results: list[dict], where: str) -> None:
    """Assert that every JS outcome matches CPython's (or the documented policy)."""
    assert len(results) == len(cases), where
    problems = []
    for c, r in zip(cases, results):
        label = f"{where}: {c['fn']}{tuple(c['args'])}"
        if c.get("argument"):
            err = r.get("error")
            ok = err and err["name"] == c["raises"] and err["message"] == c["message"]
        elif "raises" in c:
            err = r.get("error")
            if c["raises"] == "RecursionError":
                ok = err and err["name"] == "RecursionError" and err["rangeError"]
            else:
                msg_ok = c.get("name_only") or any(err and err["message"].startswith(f"{c['message']} ({src}.py:")
                                                   for src in ("multi", "fma", "arrays"))
                ok = err and err["name"] == c["raises"] and msg_ok and not err["typeError"]
        elif isinstance(c["value"], int) and not isinstance(c["value"], bool) and abs(c["value"]) > SAFE:
            err = r.get("error")
            ok = err and err["rangeError"] and err["value"] == str(c["value"])
        else:
            ok = "ok" in r and _same(_decode(r["ok"]), c["value"], c.get("approx"))
        if not ok:
            problems.append(f"{label}: expected {c.get('value', c.get('raises'))!r} {c.get('message', '')}, got {r}")
    assert not problems, "\n".join(problems)
