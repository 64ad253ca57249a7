"""Complex arrays in npm packages: `py2wasm build` of
tests/package/complex_arrays_module.py (complex128 temporaries inside the
functions) run in Node, compared with the same functions under
py2wasm.compile (bit for bit: the same wasm code) and with NumPy; a complex
array or NumPy complex scalar at the boundary is refused at build time with
a message naming the function and the parameter.

Place in the pipeline: tests of the last stage (`package`).
"""
from __future__ import annotations

import json
import sys
import warnings

import numpy as np
import pytest

import py2wasm

from .conftest import HERE, load_python, node, py2wasm_build, run

SCRIPT = """
import * as m from %(url)s;
const f = (xs) => Float64Array.from(xs);
const out = {};
const [r, i] = m.rotate(f(%(re)s), f(%(im)s), 0.75);
out.rotate = [Array.from(r), Array.from(i)];
out.dft = Array.from(m.dft_power(f(%(x)s)));
const g = m.mandel_grid(f(%(gre)s), f(%(gim)s), 25);
out.mandel = {data: Array.from(g.data, Number), shape: g.shape};
const t = m.total(f(%(re)s), f(%(im)s));
out.total = [t.re, t.im];
console.log(JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cxarrays")
    out = py2wasm_build(HERE / "complex_arrays_module.py", tmp / "pkg")
    rng = np.random.default_rng(1)
    data = {"re": rng.standard_normal(9).tolist(), "im": rng.standard_normal(9).tolist(),
            "x": rng.standard_normal(16).tolist(), "gre": np.linspace(-2, 0.5, 11).tolist(),
            "gim": np.linspace(-1, 1, 7).tolist()}
    script = tmp / "run.mjs"
    script.write_text(SCRIPT % {"url": json.dumps((out / "index.js").as_uri()),
                                **{k: json.dumps(v) for k, v in data.items()}})
    p = run([node(), script], cwd=tmp)
    return json.loads(p.stdout), {k: np.array(v) for k, v in data.items()}


def _bits_equal(a, b):
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return a.shape == b.shape and a.tobytes() == b.tobytes()


def test_node_matches_compiled_and_numpy(results):
    js, d = results
    mod = load_python(HERE / "complex_arrays_module.py")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r, i = py2wasm.compile(mod.rotate)(d["re"], d["im"], 0.75)
        assert _bits_equal(js["rotate"][0], r) and _bits_equal(js["rotate"][1], i)
        nr, ni = mod.rotate(d["re"], d["im"], 0.75)
        np.testing.assert_allclose(r, nr, rtol=1e-15, atol=1e-15)
        np.testing.assert_allclose(i, ni, rtol=1e-15, atol=1e-15)
        dft = py2wasm.compile(mod.dft_power)(d["x"])
        assert _bits_equal(js["dft"], dft)
        np.testing.assert_allclose(dft, mod.dft_power(d["x"]), rtol=1e-12, atol=1e-12)
        g = mod.mandel_grid(d["gre"], d["gim"], 25)
        assert js["mandel"]["shape"] == list(g.shape)
        assert js["mandel"]["data"] == g.ravel().tolist()
        t = mod.total(d["re"], d["im"])
        assert js["total"] == [t.real, t.imag]  # NumPy's pairwise sum, to the bit


def test_complex_array_at_the_boundary_is_refused(tmp_path):
    src = tmp_path / "cxparam.py"
    src.write_text("import py2wasm\n\n\ndef scale(z: py2wasm.c128[:], s: float):\n"
                   "    return z * s\n")
    p = run([sys.executable, "-m", "py2wasm.cli", "build", src, "-o",
             tmp_path / "out"], check=False, cwd=HERE.parent.parent)
    assert p.returncode != 0
    msg = p.stdout + p.stderr
    assert "scale()" in msg and "'z'" in msg and "complex128 arrays" in msg
