"""math.erf/erfc/gamma/lgamma in an npm package: `py2wasm build` of
tests/package/specialmath_module.py, imported by Node (ESM). The wasm
carries py2wasm's libm (no host imports): values are the library's bit for
bit, exceptions arrive as Errors named like CPython's, with its messages."""
from __future__ import annotations

import json
import math

from py2wasm.libm import FUNCTIONS

from .conftest import HERE, node, py2wasm_build, run

XS = [0.3, -1.7, 2.5, 4.5, -2.5, 0.0, -2.0, 200.0, 1e-320, 30.0, 171.5]


def _python(fn, x):
    try:
        return ["ok", fn(x)]
    except (ValueError, OverflowError) as e:
        return [type(e).__name__, str(e)]


def test_node_special_math(tmp_path):
    out = py2wasm_build(HERE / "specialmath_module.py", tmp_path / "pkg")
    script = f"""
const m = await import({json.dumps((out / "index.js").as_uri())});
const xs = {json.dumps(XS)};
const res = {{}};
for (const name of ["tail", "gamma", "lgamma"]) {{
  res[name] = xs.map((x) => {{
    try {{ return ["ok", m[name](x)]; }} catch (e) {{ return [e.name, e.message.split(" (")[0]]; }}
  }});
}}
console.log(JSON.stringify(res));
"""
    got = json.loads(run([node(), "--input-type=module", "-e", script]).stdout)
    for name, lib, py in (("tail", "erfc", math.erfc), ("gamma", "gamma", math.gamma),
                          ("lgamma", "lgamma", math.lgamma)):
        for x, g in zip(XS, got[name]):
            want = _python(py, x)
            if want[0] != "ok":
                assert g == want, (name, x, g)
            else:
                assert g == ["ok", FUNCTIONS[lib](x)], (name, x, g)
