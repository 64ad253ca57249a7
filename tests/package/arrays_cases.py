"""Call cases for the array package (tests/package/arrays.py) with NumPy's
answers, and the check of what JavaScript returned against them: results
and every argument after the call (in-place updates, also after a call
that raised).

Place in the pipeline: tests of the last stage (`package`). Expected values
come from running the same Python functions on NumPy arrays. Results built
from exp (softmax) are compared within a few ulps (py2wasm's own exp is
within 1 ulp of glibc's, docs/arrays.md); everything else must be equal to
the bit. Argument errors have no Python counterpart and are listed with
their exact messages.
"""
from __future__ import annotations

import copy
import math

import numpy as np

from .conftest import HERE, load_python
CLASSES = {"float64": "Float64Array", "float32": "Float32Array", "int64": "BigInt64Array",
           "int32": "Int32Array", "uint8": "Uint8Array", "bool": "Uint8Array",
           "int16": "Int16Array", "int8": "Int8Array", "uint32": "Uint32Array",
           "uint16": "Uint16Array", "uint64": "BigUint64Array"}
APPROX = {"softmax"}


def _elements(a: np.ndarray) -> list[str]:
    if a.dtype.kind == "f":
        return ["-0" if x == 0 and math.copysign(1, x) < 0 else repr(float(x)) for x in a.ravel()]
    return [str(int(x)) for x in a.ravel()]


def encode(v):
    """A Python/NumPy value as the harness's JSON (arguments and expectations)."""
    if isinstance(v, np.ndarray):
        ta = {"ta": CLASSES[v.dtype.name], "v": _elements(v)}
        return ta if v.ndim == 1 else {"nd": ta, "shape": list(v.shape)}
    # NumPy scalars arrive as JS numbers/booleans by kind (README, JS types)
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, (float, np.floating)):
        return {"num": repr(float(v)).replace("inf", "Infinity").replace("nan", "NaN")}
    if isinstance(v, tuple):
        return [encode(x) for x in v]
    return v


def _rng():
    return np.random.default_rng(20261126)


def python_cases() -> list[dict]:
    """Cases compared with NumPy, ordered so that exceptions are followed by
    ordinary calls (the module must stay usable)."""
    m = load_python(HERE / "arrays.py")
    r = _rng()
    f64 = lambda *s: r.standard_normal(s)  # noqa: E731
    calls = [
        ("softmax", (np.array([1.0, 2.0, 3.0, 4.0]),)),
        ("softmax", (f64(100) * 10,)),
        ("softmax", (np.array([-0.0]),)),
        ("softmax", (np.zeros(0),)),
        ("softmax", (np.array([1000.0, -1000.0, 0.5]),)),
        ("jacobi_2d", (3, f64(6, 5), np.zeros((6, 5)))),
        ("jacobi_2d", (2, np.zeros((0, 3)), np.zeros((0, 3)))),
        ("affine", (f64(3, 4), f64(4), 0.5)),
        ("affine", (f64(3, 4), f64(3), 0.5)),  # broadcast ValueError with run-time shapes
        ("affine", (np.zeros((2, 0)), np.zeros(0), 2.0)),
        ("cumsum64", (np.array([2**55, 3, -(2**54) + 1, 7, -(2**62)], dtype=np.int64),)),
        ("scale32", (np.array([0.1, 2.5, -3.0, 1e30], dtype=np.float32),
                     np.array([[1, 2], [3, 2**31 - 1], [-(2**31), 0]], dtype=np.int32))),
        ("brighten", (r.integers(0, 256, (2, 3, 4)).astype(np.uint8),)),
        ("positive", (np.array([1.0, -2.0, 3.0, 0.0, 5.0]), np.array([True, True, False, True, True]))),
        ("stats", (f64(7),)),
        ("set_then_get", (np.array([1.0, 2.0, 3.0]), 1)),
        ("set_then_get", (np.array([1.0, 2.0, 3.0]), 10)),  # IndexError after writing a[0]
        ("set_then_get", (np.array([1.0, 2.0, 3.0]), -3)),
        ("set_then_get", (np.array([1.0, 2.0, 3.0]), -4)),
        ("arange_half", (5,)),
        ("arange_half", (0,)),
        ("total", (1000,)),
        ("pick", ((np.array([1.0, 2.0, 3.0]), 2), np.arange(6, dtype=np.int32).reshape(2, 3))),
        ("pick", ((np.array([1.0, 2.0, 3.0]), 3), np.zeros((1, 1), dtype=np.int32))),
        # integer-valued matrices: exact products, so BLAS's summation order cannot matter
        ("gemm_np", (np.float64(1.5), np.float64(-0.5), np.round(f64(3, 2) * 4), np.round(f64(3, 4) * 4),
                     np.round(f64(4, 2) * 4))),
        ("gain16", (np.array([0, 1000, -32768, 32767, -7, 20000], dtype=np.int16), np.float32(1.7),
                    np.int16(-300))),
        ("gain16", (np.zeros(0, dtype=np.int16), np.float32(0.5), np.int16(1))),  # max of empty
        ("mix8", (np.array([0, 255, 17, 200], dtype=np.uint8), np.array([-128, 127, -1, 55], dtype=np.int8),
                  np.array([65535, 0, 1000, 40000], dtype=np.uint16), np.uint8(3))),
        ("np_scalars", (np.float32(0.1), np.int8(100), np.uint32(2**32 - 1), np.bool_(True))),
        ("np_scalars", (np.float32(-3e38), np.int8(-128), np.uint32(0), np.bool_(False))),
        ("u64ops", (np.array([2**64 - 5, 2**63 + 7, 2**63 + 8], dtype=np.uint64), np.uint64(5))),  # sum wraps to 10
        ("u64ops", (np.array([1, 2], dtype=np.uint64), np.uint64(2**53 - 1))),
    ]
    cases = []
    for fn, args in calls:
        mine = copy.deepcopy(args)
        try:
            with np.errstate(all="ignore"):  # NumPy's wrap-around warnings (np_scalars)
                value = getattr(m, fn)(*mine)
            outcome = {"value": encode(value)}
        except Exception as e:  # the Python exception the package must reproduce
            outcome = {"raises": type(e).__name__, "message": str(e)}
        cases.append({"fn": fn, "args": [encode(a) for a in args], "after": [encode(a) for a in mine],
                      "approx": fn in APPROX, **outcome})
    return cases


def _bool(a):
    return np.array(a, dtype=np.bool_)


# Argument errors: (fn, args, error class, exact message). Arguments are
# the harness's JSON: plain JSON arrays stay JavaScript arrays.
_F = lambda *v: {"ta": "Float64Array", "v": [repr(float(x)) for x in v]}  # noqa: E731
ARGUMENT_CASES = [
    ("softmax", [[1, 2]], "TypeError",
     "softmax(): argument 'x' must be a Float64Array (Python float64 1-D array), got an array of length 2"),
    ("softmax", [{"ta": "Float32Array", "v": ["1", "2"]}], "TypeError",
     "softmax(): argument 'x' must be a Float64Array (Python float64 1-D array), got a Float32Array of length 2"),
    ("softmax", [{"nd": _F(1, 2), "shape": [2]}], "TypeError",
     "softmax(): argument 'x' must be a Float64Array (Python float64 1-D array), got an object"),
    ("jacobi_2d", [1, {"nd": _F(1, 2, 3), "shape": [2, 2]}, {"nd": _F(1, 2, 3, 4), "shape": [2, 2]}], "RangeError",
     "jacobi_2d(): argument 'a' must be {data: Float64Array, shape: [number, number]} (Python float64 2-D array): "
     "shape [2, 2] has 4 elements, data has 3"),
    ("jacobi_2d", [1, _F(1, 2, 3, 4), {"nd": _F(1, 2, 3, 4), "shape": [2, 2]}], "TypeError",
     "jacobi_2d(): argument 'a' must be {data: Float64Array, shape: [number, number]} (Python float64 2-D array), "
     "got a Float64Array of length 4"),
    ("jacobi_2d", [1, {"nd": _F(1, 2, 3, 4), "shape": [2, 2]}, {"nd": _F(1, 2, 3, 4), "shape": [4]}], "TypeError",
     "jacobi_2d(): argument 'b' must be {data: Float64Array, shape: [number, number]} (Python float64 2-D array), "
     "got shape: an array of length 1"),
    ("jacobi_2d", [1, {"nd": _F(1, 2, 3, 4), "shape": [2, 2.5]}, {"nd": _F(1, 2, 3, 4), "shape": [2, 2]}], "TypeError",
     "jacobi_2d(): argument 'a' must be {data: Float64Array, shape: [number, number]} (Python float64 2-D array), "
     "got a shape holding 2.5"),
    ("jacobi_2d", [1, {"nd": _F(), "shape": [-2, 0]}, {"nd": _F(1, 2, 3, 4), "shape": [2, 2]}], "RangeError",
     "jacobi_2d(): argument 'a' must be {data: Float64Array, shape: [number, number]} (Python float64 2-D array), "
     "got a negative size in shape [-2, 0]"),
    ("jacobi_2d", [1.5, {"nd": _F(1, 2, 3, 4), "shape": [2, 2]}, {"nd": _F(1, 2, 3, 4), "shape": [2, 2]}], "TypeError",
     "jacobi_2d(): argument 'steps' must be an integer number (Python int), got 1.5"),
    ("cumsum64", [_F(1, 2)], "TypeError",
     "cumsum64(): argument 'a' must be a BigInt64Array (Python int64 1-D array), got a Float64Array of length 2"),
    ("brighten", [{"nd": {"ta": "Uint8ClampedArray", "v": ["1"]}, "shape": [1, 1, 1]}], "TypeError",
     "brighten(): argument 'img' must be {data: Uint8Array, shape: [number, number, number]} (Python uint8 3-D array), "
     "got data: a Uint8ClampedArray of length 1"),
    ("positive", [_F(1, 2, 3), {"ta": "Uint8Array", "v": ["0", "2", "1"]}], "RangeError",
     "positive(): argument 'mask' is a bool array: its Uint8Array must hold only 0 and 1, element 1 is 2"),
    ("softmax", [], "TypeError", "softmax(x) takes 1 argument, got 0"),
    ("pick", [[_F(1, 2)], {"nd": {"ta": "Int32Array", "v": ["1"]}, "shape": [1, 1]}], "TypeError",
     "pick(): argument 'p' must be an array of 2 items (Python tuple), got an array of length 1"),
    ("pick", [[[1.0, 2.0], 0], {"nd": {"ta": "Int32Array", "v": ["1"]}, "shape": [1, 1]}], "TypeError",
     "pick(): argument 'p[0]' must be a Float64Array (Python float64 1-D array), got an array of length 2"),
    ("np_scalars", [0.5, 300, 1, True], "RangeError",
     "np_scalars(): argument 'n' = 300 is out of bounds for numpy.int8 [-128, 127]"),
    ("np_scalars", [0.5, 3, -1, True], "RangeError",
     "np_scalars(): argument 'u' = -1 is out of bounds for numpy.uint32 [0, 4294967295]"),
    ("np_scalars", [0.5, 2.5, 1, True], "TypeError",
     "np_scalars(): argument 'n' must be an integer number (Python numpy.int8), got 2.5"),
    ("np_scalars", ["0.5", 2, 1, True], "TypeError",
     "np_scalars(): argument 'x' must be a number (Python numpy.float32), got \"0.5\""),
    ("np_scalars", [0.5, 2, 1, 1], "TypeError",
     "np_scalars(): argument 'flag' must be a boolean (Python bool), got 1"),
    ("gain16", [{"ta": "Int32Array", "v": ["1"]}, 1.0, 0], "TypeError",
     "gain16(): argument 'x' must be a Int16Array (Python int16 1-D array), got a Int32Array of length 1"),
    ("mix8", [{"ta": "Uint8Array", "v": ["1"]}, {"ta": "Uint8Array", "v": ["1"]},
              {"ta": "Uint16Array", "v": ["1"]}, 1], "TypeError",
     "mix8(): argument 'b' must be a Int8Array (Python int8 1-D array), got a Uint8Array of length 1"),
    ("u64ops", [{"ta": "BigUint64Array", "v": ["1"]}, -1], "RangeError",
     "u64ops(): argument 'k' = -1 must be a non-negative safe integer (Python numpy.uint64)"),
    ("u64ops", [{"ta": "BigInt64Array", "v": ["1"]}, 1], "TypeError",
     "u64ops(): argument 'a' must be a BigUint64Array (Python uint64 1-D array), got a BigInt64Array of length 1"),
]


def all_cases() -> list[dict]:
    """Python cases followed by argument cases (each followed by an ordinary call)."""
    cases = python_cases()
    first = cases[0]
    for fn, args, cls, msg in ARGUMENT_CASES:
        cases.append({"fn": fn, "args": args, "raises": cls, "message": msg, "argument": True})
        cases.append(first)
    return cases


def calls(cases: list[dict]) -> list[dict]:
    return [{"fn": c["fn"], "args": c["args"]} for c in cases]


def _same(got, want, approx: bool) -> bool:
    """Compare an encoded JS outcome with an encoded NumPy value."""
    if isinstance(want, dict) and "ta" in want:
        if not (isinstance(got, dict) and got.get("ta") == want["ta"] and len(got["v"]) == len(want["v"])):
            return False
        if want["ta"] in ("Float64Array", "Float32Array"):
            for g, w in zip(got["v"], want["v"]):
                g, w = float(g.replace("Infinity", "inf")), float(w)
                if math.isnan(w):
                    if not math.isnan(g):
                        return False
                elif approx:
                    if not math.isclose(g, w, rel_tol=1e-15, abs_tol=1e-300):
                        return False
                elif not (g == w and math.copysign(1, g) == math.copysign(1, w)):
                    return False
            return True
        return got["v"] == want["v"]
    if isinstance(want, dict) and "nd" in want:
        return (isinstance(got, dict) and "nd" in got and got["shape"] == want["shape"] and got.get("shapeIsArray") is not False
                and (got.get("keys") in (None, ["data", "shape"])) and _same(got["nd"], want["nd"], approx))
    if isinstance(want, list):  # a tuple
        g = got.get("tuple") if isinstance(got, dict) else got
        return isinstance(g, list) and len(g) == len(want) and all(_same(x, y, approx) for x, y in zip(g, want))
    if isinstance(want, dict) and "num" in want:
        return _same({"ta": "Float64Array", "v": [got.get("num", "x")]}, {"ta": "Float64Array", "v": [want["num"]]}, approx)
    if isinstance(want, bool):
        return got == {"bool": want}
    if want is None:
        return got == {"none": True}
    if isinstance(want, int):
        return got == {"num": str(want)}
    raise AssertionError(f"cannot compare {want!r}")


def check_array_results(cases: list[dict], results: list[dict], where: str) -> None:
    """Assert that every JS outcome (result and arguments after the call)
    matches NumPy's, or the exact argument error."""
    assert len(results) == len(cases), where
    problems = []
    for c, r in zip(cases, results):
        label = f"{where}: {c['fn']}"
        err = r.get("error")
        if c.get("argument"):
            ok = err and err["name"] == c["raises"] and err["message"] == c["message"]
        elif "raises" in c:
            ok = (err and err["name"] == c["raises"] and not err["typeError"]
                  and err["message"].startswith(c["message"] + " (arrays.py:"))
        else:
            ok = "ok" in r and _same(r["ok"], c["value"], c["approx"])
        if ok and "after" in c:  # in-place updates, also after a raising call
            ok = all(_same(g, w, False) for g, w in zip(r["after"], c["after"]))
        if not ok:
            problems.append(f"{label}{c['args']!r:.300}: expected {c.get('value', c.get('raises'))!r:.300} "
                            f"{c.get('message', '')} after {c.get('after')!r:.300}, got {r!r:.600}")
    assert not problems, "\n".join(problems)
