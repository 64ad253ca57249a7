"""numpy.linalg kernels (tests/linalg/kernels.py) through the npm package in
Node: `py2wasm build` -> import the package's index.js -> the same results as
py2wasm.compile (the same wasm, bit for bit) and as NumPy (within numerical
tolerance); a singular matrix arrives as an Error named LinAlgError whose
message is NumPy's and names the Python line.

Place in the pipeline: tests of the last stage (`package`)."""
from __future__ import annotations

import json

import numpy as np

import py2wasm

from .conftest import ROOT, node, py2wasm_build, run

KERNELS = ROOT / "tests" / "linalg" / "kernels.py"

SCRIPT = r"""
const pkg = await import(process.argv[2]);
const cases = JSON.parse(process.argv[3]);
const nd = (rows) => ({ data: Float64Array.from(rows.flat()), shape: [rows.length, rows[0].length] });
const out = {};
const plain = (v) => v instanceof Float64Array ? Array.from(v)
  : (v && v.data) ? { data: Array.from(v.data), shape: [...v.shape] }
  : Array.isArray(v) ? v.map(plain) : v;
out.solve2 = plain(pkg.solve2(nd(cases.a), Float64Array.from(cases.b)));
out.cholesky_solve = plain(pkg.cholesky_solve(nd(cases.spd), Float64Array.from(cases.b)));
out.det_and_inverse = plain(pkg.det_and_inverse(nd(cases.a)));
out.low_rank = plain(pkg.low_rank(nd(cases.a), 2));
out.fit_line = plain(pkg.fit_line(Float64Array.from(cases.x), Float64Array.from(cases.y)));
try {
  pkg.solve2(nd([[1, 2], [2, 4]]), Float64Array.from([1, 1]));
  out.singular = null;
} catch (e) {
  out.singular = { name: e.name, message: e.message, isError: e instanceof Error };
}
console.log(JSON.stringify(out));
"""


def test_linalg_kernels_from_node(tmp_path):
    # the kernels this script calls (the whole corpus: test_corpus_node.py)
    only = [a for f in ("solve2", "cholesky_solve", "det_and_inverse", "low_rank", "fit_line")
            for a in ("-f", f)]
    pkg = py2wasm_build(KERNELS, tmp_path / "kernels", *only)
    r = np.random.default_rng(3)
    a = r.standard_normal((5, 5))
    spd = a @ a.T + 5 * np.eye(5)
    b = r.standard_normal(5)
    x = np.linspace(0, 1, 12)
    y = 2 * x + 1 + r.normal(0, 0.01, 12)
    cases = {"a": a.tolist(), "spd": spd.tolist(), "b": b.tolist(), "x": x.tolist(),
             "y": y.tolist()}
    (tmp_path / "run.mjs").write_text(SCRIPT)
    p = run([node(), "run.mjs", (pkg / "index.js").as_uri(), json.dumps(cases)], cwd=tmp_path)
    got = json.loads(p.stdout)

    from tests.linalg import kernels as K
    want = {
        "solve2": K.solve2(a, b), "cholesky_solve": K.cholesky_solve(spd, b),
        "low_rank": K.low_rank(a, 2), "fit_line": K.fit_line(x, y),
    }
    for name, w in want.items():
        g = got[name]
        g = np.array(g["data"]).reshape(g["shape"]) if isinstance(g, dict) else np.array(g)
        wasm = py2wasm.compile(getattr(K, name))(*({"solve2": (a, b), "cholesky_solve": (spd, b),
                                                    "low_rank": (a, 2), "fit_line": (x, y)}[name]))
        assert np.array_equal(g, wasm), name  # the same module's arithmetic, bit for bit
        np.testing.assert_allclose(g, w, rtol=1e-9, atol=1e-11, err_msg=name)
    d, inv = got["det_and_inverse"]
    assert np.isclose(d, np.linalg.det(a), rtol=1e-12)
    np.testing.assert_allclose(np.array(inv["data"]).reshape(5, 5), np.linalg.inv(a), rtol=1e-9,
                               atol=1e-12)
    s = got["singular"]
    assert s["isError"] and s["name"] == "LinAlgError"
    assert s["message"].startswith("Singular matrix") and "kernels.py" in s["message"]
