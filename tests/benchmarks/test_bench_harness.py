"""Unit tests of the benchmark harness (benchmarks/harness.py, suite.py,
engines.py): the result check and its float tolerance policy, medians and
ratios, the timing loop, the table and JSON writers, and the reasons an engine
gives when it cannot run. Needs neither Numba nor Pyodide nor clang."""
import json
import math
import sys
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks import engines as E  # noqa: E402
from benchmarks import harness as H  # noqa: E402
from benchmarks import run as R  # noqa: E402
from benchmarks import suite as S  # noqa: E402


# ------------------------------------------------------------ result checking

def test_ints_must_be_exact():
    assert H.check_result(75025, 75025).ok
    assert not H.check_result(75026, 75025).ok
    assert H.check_result(75025.0, 75025).ok          # a JS number that is integral
    assert not H.check_result(75025.5, 75025).ok
    assert not H.check_result(float("nan"), 3).ok
    assert not H.check_result("3", 3).ok


def test_bools():
    assert H.check_result(True, True).ok
    assert H.check_result(1, True).ok                  # wasm i32 0/1
    assert not H.check_result(False, True).ok


def test_float_tolerance_policy():
    want = 0.7853981633974483
    assert H.check_result(want, want).ok
    assert H.check_result(want * (1 + 5e-10), want).ok
    c = H.check_result(want * (1 + 5e-9), want)
    assert not c.ok and "rel. error" in c.detail
    assert H.check_result(want * (1 + 5e-9), want, rtol=1e-8).ok
    assert H.check_result(3, 3.0).ok                   # an int result for a float is only a value
    assert not H.check_result(True, 1.0).ok            # but a bool is not a number here
    assert not H.check_result(1e-300, 0.0).ok          # zero has no relative slack
    assert H.check_result(0.0, 0.0).ok


def test_special_floats():
    nan, inf = float("nan"), float("inf")
    assert H.check_result(nan, nan).ok
    assert not H.check_result(1.0, nan).ok
    assert H.check_result(inf, inf).ok
    assert not H.check_result(-inf, inf).ok
    assert not H.check_result(1e308, inf).ok


def test_arrays():
    w = np.array([1.0, 2.0, 3.0])
    assert H.check_result(w.copy(), w).ok
    assert H.check_result([1.0, 2.0, 3.0], w).ok                 # a list converts
    assert H.check_result(w * (1 + 1e-12), w).ok
    c = H.check_result(np.array([1.0, 2.5, 3.0]), w)
    assert not c.ok and "1 of 3" in c.detail
    assert not H.check_result(w.reshape(3, 1), w).ok and "shape" in H.check_result(w.reshape(3, 1), w).detail
    assert not H.check_result(3.0, w).ok
    m = np.array([[1.0, np.nan], [np.inf, 0.0]])
    assert H.check_result(m.copy(), m).ok
    assert not H.check_result(np.array([[1.0, 0.0], [np.inf, 0.0]]), m).ok
    assert not H.check_result(np.array([[1.0, np.nan], [-np.inf, 0.0]]), m).ok
    # the absolute slack scales with the largest element (near-zero results of sums)
    big = np.array([1e6, 1e-20])
    assert H.check_result(np.array([1e6, 1e-9]), big).ok
    assert H.check_result(np.zeros(0), np.zeros(0)).ok


def test_tuples_and_none():
    assert H.check_result((1, 2.0), (1, 2.0)).ok
    assert H.check_result([1, 2.0], (1, 2.0)).ok
    c = H.check_result((1, 2.5), (1, 2.0))
    assert not c.ok and c.detail.startswith("element 1")
    assert not H.check_result((1,), (1, 2.0)).ok
    assert H.check_result(None, None).ok
    assert not H.check_result(0, None).ok


# ------------------------------------------------------------ medians, ratios, timing

def test_median_and_speedup():
    assert H.median([3.0, 1.0, 2.0]) == 2.0
    assert H.median([4.0, 1.0, 2.0, 3.0]) == 2.5
    assert H.speedup(2.0, 0.5) == 4.0
    assert H.speedup(None, 0.5) is None
    assert H.speedup(1.0, None) is None
    assert H.speedup(1.0, 0.0) is None


def fake_runner(times, result=42):
    """run(calls) returning preset per-call times; records the calls."""
    seen = []

    def run(calls):
        seen.append(calls)
        return times[min(len(seen) - 1, len(times) - 1)], result
    return run, seen


def test_measure_warmup_repeats_budget():
    pol = H.TimingPolicy(warmup=2, warmup_time=0.0, min_repeats=3, max_repeats=5, budget=1.0,
                         long_run=10.0, min_sample=0.0)
    run, seen = fake_runner([0.5])
    out, first = H.measure(run, pol)
    assert out.status == H.OK and first == 42
    # 2 warm-up calls, then 3 samples reach the 1 s budget
    assert len(seen) == 2 + 3 and out.times == [0.5, 0.5, 0.5]
    assert out.median == 0.5
    run, seen = fake_runner([0.01])
    out, _ = H.measure(run, pol)
    assert len(out.times) == 5                          # max_repeats caps a fast kernel


def test_measure_batches_fast_kernels_but_not_in_place_ones():
    pol = H.TimingPolicy(warmup=1, warmup_time=0.0, min_repeats=3, max_repeats=3, budget=0.0,
                         long_run=10.0, min_sample=0.01)
    run, seen = fake_runner([1e-6])
    out, _ = H.measure(run, pol)
    assert seen[-1] > 1000 and out.extra["calls_per_sample"] == seen[-1]
    run, seen = fake_runner([1e-6])
    H.measure(run, pol, batchable=False)
    assert set(seen) == {1}


def test_wrong_answer_is_never_timed():
    pol = H.TimingPolicy(warmup=3, min_repeats=3)
    run, seen = fake_runner([0.1], result=41)
    out, first = H.measure(run, pol, check=lambda got: H.check_result(got, 42))
    assert out.status == H.WRONG and out.times == [] and out.median is None
    assert seen == [1] and "41" in out.reason


def test_call_loop_matches_js_loop_result():
    fma = lambda x, y, z: x * y + z  # noqa: E731
    acc = 0.0
    for _ in range(1000):
        acc = acc * 0.999 + 1.0
    assert H.call_loop(fma, 1000) == acc


# ------------------------------------------------------------ writing

def outcomes():
    return {
        "k1": {"cpython": H.Outcome(H.OK, times=[0.2, 0.1, 0.3]),
               "fast": H.Outcome(H.OK, times=[0.001, 0.002, 0.001]),
               "bad": H.Outcome(H.WRONG, reason="1.5 != 1.0 (rel. error 5.0e-01)"),
               "na": H.unavailable("arrays not supported yet (P2W010 argument of type ndarray is "
                                   "not supported, and this reason is long enough for a note)")},
        "k2": {"cpython": H.failed("RecursionError: maximum recursion depth exceeded"),
               "fast": H.Outcome(H.OK, times=[0.5])},
    }


def test_cells():
    res = outcomes()
    assert H.cell_text(res["k1"]["fast"], 0.2) == "1 ms (200×)"
    assert H.cell_text(res["k1"]["cpython"], 0.2) == "200 ms (1.00×)"
    assert H.cell_text(res["k1"]["bad"], 0.2).startswith("**WRONG**: 1.5 != 1.0")
    assert H.cell_text(H.unavailable("numba is not installed"), 1.0) == "not available: numba is not installed"
    assert H.cell_text(res["k2"]["fast"], None) == "500 ms"      # no baseline, no ratio
    assert H.format_seconds(2.5) == "2.50 s" and H.format_seconds(3e-7) == "300 ns"
    assert H.format_ratio(1234.0) == "1234×" and H.format_ratio(12.34) == "12.3×"
    assert H.format_bytes(2048) == "2.0 KiB"


def test_markdown_table_says_why_and_keeps_every_engine():
    rows = [("k1", "kernel one"), ("k2", "kernel two")]
    cols = [("cpython", "CPython"), ("fast", "Fast"), ("bad", "Bad"), ("na", "NA"), ("gone", "Gone")]
    table, notes = H.markdown_table(rows, cols, outcomes())
    lines = table.splitlines()
    assert lines[0] == "| kernel | CPython | Fast | Bad | NA | Gone |"
    assert len(lines) == 4 and all(ln.count("|") == 7 for ln in lines)
    assert "1 ms (200×)" in lines[2] and "**WRONG**" in lines[2]
    assert "not available: arrays not supported yet" in lines[2] and "[1]" in lines[2]
    assert "not available: not run" in lines[2] and "not available: not run" in lines[3]
    assert "failed: RecursionError" in lines[3]
    assert len(notes) == 1 and notes[0].startswith("NA, kernel one: arrays not supported yet")


def test_pipe_in_reason_does_not_break_the_table():
    res = {"k": {"cpython": H.unavailable("a | b")}}
    table, _ = H.markdown_table([("k", "k")], [("cpython", "CPython")], res)
    assert "a \\| b" in table


def test_json_roundtrip(tmp_path):
    data = {"results": {k: {e: o for e, o in r.items()} for k, r in outcomes().items()},
            "arr": np.arange(3.0), "x": np.float64(1.5)}
    H.write_json(tmp_path / "r.json", data)
    back = json.loads((tmp_path / "r.json").read_text())
    assert back["results"]["k1"]["fast"]["median"] == 0.001
    assert back["results"]["k1"]["na"]["status"] == "unavailable"
    assert back["arr"] == [0.0, 1.0, 2.0] and back["x"] == 1.5


def test_chart(tmp_path):
    pytest.importorskip("matplotlib")
    rows = [("k1", "kernel one"), ("k2", "kernel two")]
    cols = [("cpython", "CPython"), ("fast", "Fast"), ("na", "NA")]
    assert H.write_chart(tmp_path / "c.png", rows, cols, outcomes()) is None
    assert (tmp_path / "c.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_render_markdown_mentions_machine_and_unavailable_engines():
    rows = [("k1", "kernel one")]
    cols = [("cpython", "CPython"), ("na", "NA")]
    data = {"mode": "quick", "date": "2026-01-01T00:00:00+00:00", "total_seconds": 1.0,
            "machine": {"cpu": "Test CPU", "cores": 2, "memory_gib": 4, "python": "3.11", "numpy": "2"},
            "policy": H.QUICK.to_json(), "kernels": [], "engines": {"na": {"available": False}},
            "extra": {}}
    md = R.render_markdown(data, rows, cols, outcomes(), chart_err="matplotlib is not installed")
    assert "Test CPU" in md and "not available: arrays not supported yet" in md
    assert "Chart: not written: matplotlib is not installed" in md


# ------------------------------------------------------------ suite and engines

def test_every_kernel_has_its_sources_and_deterministic_args():
    for quick in (True, False):
        ks = S.kernels(quick)
        assert len({k.id for k in ks}) == len(ks)
        for k in ks:
            assert k.py_path().exists() and k.js_path().exists() and k.c_path().exists(), k.id
            a, b = k.args(), k.args()
            for x, y in zip(a, b):
                assert np.array_equal(x, y)
            if k.result == "out":
                assert S.out_shape(k, a)
            if k.numpy:
                assert k.kind == S.ARRAY
    ids = {k.id for k in S.kernels(False)}
    assert {"fma_py", "fma_js", "series_sum", "collatz", "mandelbrot", "fib", "nbody", "spectral_norm",
            "saxpy_1000", "saxpy_1000000", "fused_1000", "fused_1000000", "dot", "softmax",
            "matmul_64", "matmul_256", "jacobi2d", "conv1d", "pairwise", "floyd_warshall"} <= ids


def test_numpy_versions_agree_with_the_loops():
    for k in S.kernels(True):
        if not k.numpy:
            continue
        mod = E.load_module(k.py_path(), "test")
        a1, a2 = E.fresh_args(k, k.args()), E.fresh_args(k, k.args())
        small = tuple(x[:50] if isinstance(x, np.ndarray) and x.ndim == 1 and len(x) > 50 else x for x in a1)
        if k.module in ("matmul", "jacobi2d", "pairwise", "floyd_warshall"):
            continue        # the 2-D loops are slow in CPython; covered by the smoke run
        small2 = tuple(x.copy() if isinstance(x, np.ndarray) else x for x in small)
        r1 = E.pick_result(k, small, getattr(mod, k.entry)(*small))
        r2 = E.pick_result(k, small2, getattr(mod, k.numpy)(*small2))
        assert H.check_result(r2, r1, rtol=k.rtol).ok, k.id
        del a2


def test_reasons_when_engines_are_missing(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "numba", None)
    assert "numba is not installed" in E.NumbaEngine().availability()
    monkeypatch.setattr(E, "find_clang", lambda: None)
    why = E.CWasm().availability()
    assert why and "clang" in why
    monkeypatch.setattr(E, "PYODIDE_DIR", tmp_path / "nothing")
    why = E.Pyodide().availability()
    assert why and "pyodide" in why
    monkeypatch.setattr(E, "node_version", lambda: None)
    for eng in (E.PlainJS(), E.CWasm(), E.Py2WasmNode(), E.Py2WasmNodeInMemory(), E.Pyodide()):
        assert eng.availability() == "node is not installed"


def test_py2wasm_probe_reason(monkeypatch):
    import py2wasm

    def broken(fn, **kw):
        raise ImportError("cannot import name 'Instance'")
    monkeypatch.setattr(py2wasm, "compile", broken)
    why = E.py2wasm_compile_probe()
    assert why.startswith("py2wasm.compile(fma)(3, -1, 2) raised ImportError")


def test_a_refused_kernel_is_unavailable_not_a_crash():
    class Refuses(E.PythonEngine):
        id, title = "refuses", "Refuses"

        def prepare(self, k):
            raise E.Unavailable("arrays not supported yet (P2W010)")

    k = S.kernels(True)[2]
    res = Refuses().run([k], {k.id: k.args()}, {}, H.QUICK, Path("."))
    assert res[k.id].status == H.UNAVAILABLE and "arrays not supported yet" in res[k.id].reason


def test_condense_compile_error():
    msg = "/x/saxpy.py:6: error[P2W008]: unsupported annotation 'ndarray'\n    def saxpy(...)\nhint: ..."
    assert E.condense_compile_error(msg) == "P2W008 unsupported annotation 'ndarray'"
    assert E.condense_compile_error("plain\nmore") == "plain"


def test_node_result_decoding(tmp_path):
    f = tmp_path / "a.f64"
    np.arange(6.0).tofile(f)
    assert E.decode_result({"int": "12345678901234567890"}) == 12345678901234567890
    assert math.isnan(E.decode_result({"float": "nan"}))
    assert E.decode_result({"float": "-inf"}) == -math.inf
    assert E.decode_result({"array": str(f), "shape": [2, 3]}).tolist() == [[0, 1, 2], [3, 4, 5]]
    assert E.decode_result({"tuple": [1, {"float": "inf"}]}) == (1, math.inf)
    assert E.decode_result(2.5) == 2.5


def test_an_engine_with_a_wrong_answer_is_reported_wrong_and_untimed():
    class OffByOne(E.PythonEngine):
        id, title = "off", "Off by one"

        def prepare(self, k):
            return lambda n: n + 1

    k = S.Kernel("echo", "echo", "fib", "fib", S.SCALAR, lambda rng: (7,))
    res = OffByOne().run([k], {k.id: k.args()}, {k.id: (7,)}, H.QUICK, Path("."))
    o = res[k.id]
    assert o.status == H.WRONG and o.times == [] and "8 != 7" in o.reason
    table, _ = H.markdown_table([(k.id, k.label)], [("off", "Off by one")], {k.id: {"off": o}})
    assert "**WRONG**: 8 != 7" in table


def test_geomean_relative_to_c_wasm():
    from benchmarks import run as R
    ok = lambda t: H.Outcome(H.OK, times=[t])  # noqa: E731
    rows = [("a", "a"), ("b", "b"), ("c", "c")]
    cols = [("c-wasm", "C"), ("pkg", "Package")]
    results = {"a": {"c-wasm": ok(1.0), "pkg": ok(2.0)},
               "b": {"c-wasm": ok(4.0), "pkg": ok(2.0)},
               "c": {"c-wasm": ok(1.0), "pkg": H.unavailable("no")}}
    g, n = R.vs_c_ratios(rows, cols, results)["pkg"]
    assert n == 2 and abs(g - 1.0) < 1e-12
    assert "Package: 1.00× (2 kernels)" in "\n".join(R.vs_c_lines(rows, cols, results))


def test_cpu_clock_counts_this_process_only():
    import time as _t
    H.use_clock("cpu")
    try:
        t0 = H.now()
        _t.sleep(0.2)                 # sleeping costs no CPU time
        assert H.now() - t0 < 0.1
        t, _ = H.timed(sum, (range(200_000),), 3)
        assert t > 0
    finally:
        H.use_clock("wall")
    t0 = H.now()
    _t.sleep(0.05)
    assert H.now() - t0 >= 0.04
