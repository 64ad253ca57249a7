"""Complex arrays in npm packages: `py2wasm build` of
tests/package/complex_arrays_module.py (complex128 temporaries inside the
functions) run in Node, compared with the same functions under
py2wasm.compile (bit for bit: the same wasm code) and with NumPy; and
tests/package/complex_io_module.py, whose complex arrays and NumPy complex
scalars cross the boundary (`{dtype, data, shape}`, `{re, im}`): the same
comparisons, the argument errors, and `tsc --strict` on typed uses.

Place in the pipeline: tests of the last stage (`package`).
"""
from __future__ import annotations

import json
import shutil
import warnings

import numpy as np
import pytest

import py2wasm

from .conftest import HERE, load_python, node, py2wasm_build, run, tsc, tsc_rejects_each_line

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


def test_host_abi_packages_refuse_complex_arrays():
    """Only "js" ABI builds (py2wasm build) have wrappers for complex arrays
    and NumPy complex scalars; a hand-made "host" build is refused, named."""
    from py2wasm.package.javascript import javascript_module
    from py2wasm.package.signature import UnsupportedSignature
    for t in ({"array": "complex128", "ndim": 1}, "numpy.complex64"):
        manifest = {"format": 1, "module": "m", "abi": "host", "functions": [
            {"name": "scale", "params": [{"name": "z", "type": t}], "result": "None"}]}
        with pytest.raises(UnsupportedSignature, match=r"scale\(\): parameter 'z'.*\"js\" ABI"):
            javascript_module(manifest)


# --- complex arrays and NumPy complex scalars as arguments and results ------------------
# tests/package/complex_io_module.py: `{dtype, data, shape}` (data: the parts
# interleaved) and `{re, im}`, compared bit for bit with py2wasm.compile of the
# same functions, and with NumPy / the Python functions.

IO_SCRIPT = """
import * as m from %(url)s;
import { runComplexIO } from %(harness)s;
console.log(JSON.stringify(runComplexIO(m, %(inp)s)));
"""

IO_PAGE_MODULE = """
import * as m from "./pkg/index.js";
import { runComplexIO } from "./complex_io_harness.mjs";
try {
  const inp = await (await fetch(new URL("inp.json", document.baseURI))).json();
  window.__result = { out: runComplexIO(m, inp) };
} catch (e) {
  window.__result = { failure: String(e && e.stack || e) };
}
"""


def _b64(a: np.ndarray) -> str:
    import base64
    return base64.b64encode(np.ascontiguousarray(a).tobytes()).decode()


def _unb64(s: str, dtype) -> np.ndarray:
    import base64
    return np.frombuffer(base64.b64decode(s), dtype=dtype)


def _io_inputs():
    rng = np.random.default_rng(7)
    x = rng.standard_normal(12) + 1j * rng.standard_normal(12)
    x[3] = complex(-0.0, 0.0)
    re, im = np.linspace(-2, 0.5, 11), np.linspace(-1.1, 1.1, 7)
    c = re[None, :] + 1j * im[:, None]
    return {"x": x, "c": c, "amp": rng.standard_normal(9), "phase": rng.uniform(-4, 4, 9),
            "z64": (rng.standard_normal(5) + 1j * rng.standard_normal(5)).astype(np.complex64),
            "g64": (rng.standard_normal((2, 3)) + 1j * rng.standard_normal((2, 3))).astype(np.complex64),
            "n3": rng.standard_normal((2, 3, 4)) + 1j * rng.standard_normal((2, 3, 4))}


def _affine_inputs():
    """2-D complex128 arrays of assorted shapes (empty ones too) holding
    special parts: inf, nan, signed zeros, subnormals, huge values."""
    rng = np.random.default_rng(3)
    special = np.array([0.0, -0.0, 1.0, -2.5, 5e-324, 1e308, -np.inf, np.inf, np.nan, 1e-300])
    out = []
    for shape in [(0, 3), (3, 0), (1, 1), (4, 5), (2, 9), (7, 3)]:
        n = shape[0] * shape[1]
        z = np.empty(shape, dtype=np.complex128)  # parts set directly (1j * inf would be nan+infj)
        z.real, z.imag = rng.choice(special, shape), rng.choice(special, shape)
        out.append(z)
    return out


@pytest.fixture(scope="module")
def io_results(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cxio")
    out = py2wasm_build(HERE / "complex_io_module.py", tmp / "pkg")
    d = _io_inputs()
    inp = {k: {"b": _b64(v), "shape": list(v.shape)} for k, v in d.items()}
    d["affine"] = _affine_inputs()
    inp["affine"] = [{"b": _b64(v), "shape": list(v.shape)} for v in d["affine"]]
    script = tmp / "run.mjs"
    shutil.copy(HERE / "complex_io_harness.mjs", tmp / "complex_io_harness.mjs")
    (tmp / "inp.json").write_text(json.dumps(inp))
    script.write_text(IO_SCRIPT % {"url": json.dumps((out / "index.js").as_uri()), "inp": json.dumps(inp),
                                   "harness": json.dumps((tmp / "complex_io_harness.mjs").as_uri())})
    p = run([node(), script], cwd=tmp)
    return json.loads(p.stdout), d, out


def _cx_js(v, dtype) -> np.ndarray:
    assert v["dtype"] == np.dtype(dtype).name
    part = np.float32 if dtype == np.complex64 else np.float64
    return _unb64(v["data"], part).view(dtype).reshape(v["shape"])


def _same(js: np.ndarray, ref: np.ndarray) -> bool:
    return js.shape == ref.shape and js.dtype == ref.dtype and js.tobytes() == ref.tobytes()


def test_complex_arrays_cross_the_boundary_bit_for_bit(io_results):
    _check_io(io_results[0], io_results[1])


def _check_io(js, d):
    mod = load_python(HERE / "complex_io_module.py")
    comp = {n: py2wasm.compile(getattr(mod, n)) for n in
            ("dft", "mandel", "phasors", "phasor_sum", "scale64", "grid64", "sum64", "conj_inplace", "norms", "affine")}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = comp["dft"](d["x"].copy())
        assert _same(_cx_js(js["dft"], np.complex128), r)
        np.testing.assert_allclose(r, np.fft.fft(d["x"]), rtol=1e-12, atol=1e-12)
        r = comp["mandel"](d["c"].copy(), 30)
        assert js["mandel"]["shape"] == list(r.shape)
        assert _unb64(js["mandel"]["data"], np.int64).tolist() == r.ravel().tolist()
        assert r.tolist() == mod.mandel(d["c"], 30).tolist()
        r = comp["phasors"](d["amp"], d["phase"])
        assert _same(_cx_js(js["phasors"], np.complex128), r)
        assert _same(r, mod.phasors(d["amp"], d["phase"]))  # NumPy's elementwise exp, to the bit
        w = np.complex128(0.5 - 1.25j)
        r = comp["phasor_sum"](d["amp"], d["phase"], w)
        assert js["phasor_sum"] == {"re": r.real, "im": r.imag}
        assert r == mod.phasor_sum(d["amp"], d["phase"], w)
        s = np.complex64(complex(0.1, 0.2))  # Math.fround of each part
        r = comp["scale64"](d["z64"].copy(), s)
        assert _same(_cx_js(js["scale64"], np.complex64), r)
        assert _same(r, mod.scale64(d["z64"], s))
        g, t = comp["grid64"](d["g64"].copy())
        gj, tj = js["grid64"]
        assert _same(_cx_js(gj, np.complex64), g) and _same(g, mod.grid64(d["g64"])[0])
        assert type(t) is np.complex64 and tj == {"re": float(t.real), "im": float(t.imag)}
        r = comp["sum64"](d["g64"].copy())
        assert type(r) is np.complex64 and js["sum64"] == tj == {"re": float(r.real), "im": float(r.imag)}
        np.testing.assert_allclose(r, mod.sum64(d["g64"]), rtol=1e-6)
        assert _same(_cx_js(js["conj"], np.complex128), np.conj(d["x"]))  # written back in place
        r = comp["norms"](d["n3"].copy())
        assert js["norms"]["shape"] == [2, 3, 4]
        assert _unb64(js["norms"]["data"], np.float64).tobytes() == r.tobytes()
        np.testing.assert_allclose(r, np.abs(d["n3"]), rtol=1e-15)
    assert js["empty"] == {"dtype": "complex128", "data": "", "shape": [0]}
    a = np.complex128(complex(-1.5, 0.25))
    assert len(js["affine"]) == len(d["affine"])
    for got, z in zip(js["affine"], d["affine"]):
        r = comp["affine"](z.copy(), a)
        assert _same(_cx_js(got, np.complex128), r)  # NaN payloads and signed zeros included
        with np.errstate(all="ignore"):
            ref = mod.affine(z, a)
        assert r.shape == ref.shape and np.array_equal(r, ref, equal_nan=True)
    assert js["inplace"] == [1, -2, 3, -4]


def test_wrong_complex_arguments_are_clear_errors(io_results):
    _check_errors(io_results[0]["errors"])


def _check_errors(errors):
    assert all(e is not None for e in errors), errors
    kinds = [e[0] for e in errors]
    assert kinds == ["TypeError", "TypeError", "TypeError", "TypeError", "RangeError", "TypeError",
                     "RangeError", "TypeError", "TypeError", "TypeError", "TypeError"], errors
    first = errors[0][1]
    assert "dft()" in first and "'x'" in first and "complex128" in first and "Float64Array" in first
    assert "real array" in first
    assert "without dtype" in errors[1][1]
    assert 'dtype "complex64"' in errors[2][1]
    assert "8 complex elements (16 parts), data has 8 numbers" in errors[4][1]
    assert "scale64()" in errors[8][1] and "'s'" in errors[8][1]
    assert "got a WasmArray" in errors[10][1]


def test_chromium_complex_arrays_match(io_results):
    """The same calls in headless Chromium (the package by relative URL, no
    bundler): the same bytes as Node's, checked the same way."""
    from .test_browser import drive_page
    js_node, d, out = io_results
    app = out.parent
    (app / "page.mjs").write_text(IO_PAGE_MODULE)
    js = drive_page(app, "cx.html", "./page.mjs")["result"]["out"]
    _check_io(js, d)
    _check_errors(js["errors"])
    assert js == js_node


TS_GOOD = """\
import { dft, mandel, phasors, phasor_sum, scale64, grid64, conj_inplace, norms } from "./pkg/index.js";
import type { Complex, Complex128Array, Complex64Array, NDArray } from "./pkg/index.js";
const x: Complex128Array<1> = { dtype: "complex128", data: new Float64Array(8), shape: [4] };
const y: Complex128Array<1> = dft(x);
const re0: number = y.data[0]!;
const n: NDArray<BigInt64Array, 2> = mandel({ dtype: "complex128", data: new Float64Array(12), shape: [2, 3] }, 10);
const p: Complex128Array<1> = phasors(new Float64Array(2), new Float64Array(2));
const s: Complex = phasor_sum(new Float64Array(2), new Float64Array(2), { re: 1, im: 0 });
const z: Complex64Array<1> = scale64({ dtype: "complex64", data: new Float32Array(4), shape: [2] }, { re: 1, im: 2 });
const [g, t]: readonly [Complex64Array<2>, Complex] = grid64({ dtype: "complex64", data: new Float32Array(12), shape: [2, 3] });
conj_inplace(x);
const a: NDArray<Float64Array, 3> = norms({ dtype: "complex128", data: new Float64Array(2), shape: [1, 1, 1] });
console.log(re0, n, p, s, z, g, t, a);
"""

TS_BAD = [  # (code, TypeScript error it must produce)
    ("dft(new Float64Array(8));", "TS2345"),
    ("dft({ data: new Float64Array(8), shape: [4] });", "TS2345"),
    ('dft({ dtype: "complex64", data: new Float32Array(8), shape: [4] });', "TS2322"),
    ('dft({ dtype: "complex128", data: new Float64Array(8), shape: [2, 2] });', "TS2345"),  # or a WasmComplexArray
    ('scale64({ dtype: "complex64", data: new Float32Array(2), shape: [1] }, 2);', "TS2345"),
    ("const f: Float64Array = dft(x);", "TS2740"),
    ('mandel(x, 3);', "TS2345"),
]


def test_declarations_and_readme_document_the_representation(io_results):
    out = io_results[2]
    dts = (out / "index.d.ts").read_text()
    assert "export declare function dft(x: Complex128Array<1> | WasmComplexArray<\"complex128\">): " \
        "Complex128Array<1>;" in dts
    assert "export declare function grid64(z: Complex64Array<2> | WasmComplexArray<\"complex64\">): " \
        "readonly [Complex64Array<2>, Complex];" in dts
    assert 'readonly dtype: "complex128";' in dts and "readonly data: Float32Array;" in dts
    assert "Python: `def scale64(z: c64[:], s: np.complex64) -> c64[:]`" in dts
    assert "re, im interleaved" in dts and "np.complex64: re and im rounded to float32" in dts
    readme = (out / "README.md").read_text()
    assert "Complex128Array<N>" in readme and "`{ re, im }`" in readme


def test_complex_array_types_under_tsc_strict(io_results):
    out = io_results[2]
    app = out.parent
    (app / "package.json").write_text('{"type": "module"}\n')
    (app / "good.ts").write_text(TS_GOOD)
    p = tsc(app, "good.ts")
    assert p.returncode == 0, p.stdout + p.stderr
    header = ('import { dft, mandel, scale64 } from "./pkg/index.js";\n'
              'import type { Complex128Array } from "./pkg/index.js";\n'
              'const x: Complex128Array<1> = { dtype: "complex128", data: new Float64Array(8), shape: [4] };\n')
    tsc_rejects_each_line(app, "bad.ts", header, TS_BAD)
