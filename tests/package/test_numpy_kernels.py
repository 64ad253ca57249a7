"""Realistic NumPy kernels (fancy indexing, sorting, histograms, ufunc
methods, einsum, np.linalg: tests/package/numpy_kernels.py) through the
generated npm package in Node, against NumPy: results, in-place updates of
arguments, and exceptions (name and NumPy's message).

Place in the pipeline: tests of the last stage (`package`).
"""
from __future__ import annotations

import copy
import json
import shutil

import numpy as np
import pytest

from .conftest import HERE, load_python, node, py2wasm_build, run


def _enc(a):
    if isinstance(a, np.ndarray):
        t = {"float64": "f64", "int64": "i64"}[a.dtype.name]
        return {"t": t, "v": [repr(float(x)) if t == "f64" else str(int(x)) for x in a.ravel()],
                "shape": list(a.shape)}
    return a


def _cases():
    r = np.random.default_rng(7)
    dense = r.normal(size=(8, 6)) * (r.uniform(size=(8, 6)) < 0.4)
    indptr, indices, data = [0], [], []
    for i in range(8):
        nz = np.nonzero(dense[i])[0]
        indices.extend(nz)
        data.extend(dense[i, nz])
        indptr.append(len(indices))
    csr = (np.array(data), np.array(indices, dtype=np.int64), np.array(indptr, dtype=np.int64))
    X = np.concatenate([r.normal(loc=c, size=(10, 2)) for c in (-3.0, 0.0, 3.0)])
    m = r.normal(size=(5, 5))
    spd = m @ m.T + 5 * np.eye(5)
    return [
        ("csr_matvec", csr + (r.normal(size=6),)),
        ("csr_matvec", csr + (r.normal(size=4),)),      # IndexError from x[indices]
        ("kmeans_step", (X, X[[0, 12, 25]].copy())),
        ("radial_histogram", (r.uniform(0, 5, size=60), r.uniform(size=60), 6)),
        ("radial_histogram", (np.array([1.0, np.nan]), np.ones(2), 3)),  # ValueError
        ("nbody_energy", (r.normal(size=(7, 3)), r.uniform(0.5, 2, size=7))),
        ("correlation", (r.normal(size=(20, 3)),)),
        ("robust", (r.normal(size=31),)),
        ("scatter_add", (np.zeros(5), np.array([0, 1, 1, 4, 1], dtype=np.int64), np.arange(5.0))),
        ("scatter_add", (np.zeros(5), np.array([0, 9], dtype=np.int64), np.ones(2))),  # IndexError
        ("spd_solve", (spd, r.normal(size=5))),
        ("spd_solve", (-spd, r.normal(size=5))),        # LinAlgError
        ("batched_trace", (r.normal(size=(3, 2, 4)), r.normal(size=(3, 4, 2)))),
        ("ranks", (r.integers(0, 5, size=12).astype(np.float64),)),
    ]


def _close(got, want):
    if isinstance(want, tuple):
        return isinstance(got, list) and len(got) == len(want) and all(
            _close(g, w) for g, w in zip(got, want))
    if isinstance(want, np.ndarray):
        if got["shape"] != list(want.shape):
            return False
        vals = np.array([float(x) for x in got["v"]]).reshape(want.shape)
        if want.dtype.kind == "f":
            return bool(np.allclose(vals, want, rtol=1e-9, atol=1e-12, equal_nan=True))
        return bool(np.array_equal(vals, want))
    if want is None:
        return got is None
    return np.isclose(float(got["num"]), float(want), rtol=1e-9, atol=1e-12, equal_nan=True)


@pytest.fixture(scope="module")
def kernels_app(tmp_path_factory):
    d = tmp_path_factory.mktemp("kernels")
    pkg = py2wasm_build(HERE / "numpy_kernels.py", d / "pkg", "--name", "numpy-kernels")
    app = d / "app"
    (app / "node_modules").mkdir(parents=True)
    (app / "package.json").write_text(json.dumps({"name": "app", "private": True,
                                                  "type": "module"}))
    shutil.copytree(pkg, app / "node_modules" / "numpy-kernels")
    shutil.copy(HERE / "run_numpy_kernels.mjs", app / "run_numpy_kernels.mjs")
    return app


def test_numpy_kernels_in_node_match_numpy(kernels_app, tmp_path):
    m = load_python(HERE / "numpy_kernels.py")
    cases = _cases()
    path = tmp_path / "cases.json"
    path.write_text(json.dumps([{"fn": fn, "args": [_enc(a) for a in args]} for fn, args in cases]))
    got = json.loads(run([node(), "run_numpy_kernels.mjs", path], cwd=kernels_app).stdout)
    assert len(got) == len(cases)
    for (fn, args), g in zip(cases, got):
        mine = copy.deepcopy(args)
        try:
            want = getattr(m, fn)(*mine)
        except Exception as e:  # noqa: BLE001 - the exception Node must show
            assert g.get("raises") == type(e).__name__, (fn, g)
            assert g["message"].startswith(str(e) + " ("), (fn, g["message"], str(e))
            continue
        assert "value" in g, (fn, g)
        assert _close(g["value"], want), (fn, g["value"], want)
        for a, after in zip(mine, g["after"]):
            if isinstance(a, np.ndarray):
                assert _close(after, a), (fn, after, a)
