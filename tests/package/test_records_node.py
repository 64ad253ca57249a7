"""NamedTuple and dataclass parameters and results through a built package
in Node: plain objects `{x, y, z}` both ways (typed in index.d.ts as objects
with those fields), CPython's results, a TypeError naming the fields for a
wrong argument, `tsc --strict` accepting typed uses and rejecting wrong ones;
dataclass instances by value: the caller's object gets the changes, a
returned argument is the caller's object itself.

Place in the pipeline: tests of the last stage (`package`)."""
from __future__ import annotations

import json

from .conftest import HERE, load_python, node, py2wasm_build, run, tsc, tsc_rejects_each_line

RUNNER = r"""
import * as m from "./pkg/index.js";
const out = [];
for (const [fn, args] of JSON.parse(process.argv[2])) {
  try { out.push(["ok", m[fn](...args)]); } catch (e) { out.push([e.name, e.message.split(" (")[0]]); }
}
console.log(JSON.stringify(out));
"""


def _plain(v):
    if hasattr(v, "_asdict"):
        return {k: _plain(x) for k, x in v._asdict().items()}
    if isinstance(v, tuple):
        return [_plain(x) for x in v]
    return v


def test_namedtuples_are_objects_in_javascript(tmp_path):
    mod = load_python(HERE / "records_module.py")
    py2wasm_build(HERE / "records_module.py", tmp_path / "pkg")
    calls = [("swap", (mod.P3(1.0, 2.5, -3.0),)), ("norm", (mod.P3(3.0, 4.0),)),
             ("widen", (mod.Span(-2, 5), 3)), ("widen", (mod.Span(0, 0), -1)),
             ("both", (mod.P3(0.5, 1.0, 2.0), mod.Span(1, 4)))]
    want = []
    for fn, args in calls:
        try:
            want.append(["ok", _plain(getattr(mod, fn)(*args))])
        except ValueError as e:
            want.append(["ValueError", str(e)])
    js_calls = [[fn, [_plain(a) for a in args]] for fn, args in calls]
    js_calls.append(["swap", [[1, 2, 3]]])
    (tmp_path / "run.mjs").write_text(RUNNER)
    got = json.loads(run([node(), "run.mjs", json.dumps(js_calls)], cwd=tmp_path).stdout)
    assert got[:-1] == want
    assert got[-1] == ["TypeError", "swap(): argument 'p' must be an object with the fields x, y, z"]
    dts = (tmp_path / "pkg" / "index.d.ts").read_text()
    assert "swap(p: { readonly x: number; readonly y: number; readonly z: number; })" in dts
    assert "`def swap(p: P3) -> P3`" in dts


def test_tsc_checks_record_fields(tmp_path):
    py2wasm_build(HERE / "records_module.py", tmp_path / "pkg")
    (tmp_path / "package.json").write_text('{"type": "module"}')
    (tmp_path / "ok.ts").write_text(
        'import { swap, widen } from "./pkg/index.js";\n'
        'const p = swap({ x: 1, y: 2, z: 3 });\nconst n: number = p.x + p.y + p.z;\n'
        'const s = widen({ lo: 1, hi: 2 }, 3);\nconsole.log(n, s.lo, s.hi);\n')
    p = tsc(tmp_path, "ok.ts")
    assert p.returncode == 0, p.stdout
    tsc_rejects_each_line(tmp_path, "bad.ts", 'import { swap, widen } from "./pkg/index.js";\n', [
        ("swap([1, 2, 3]);", "TS2345"),
        ("swap({ x: 1, y: 2 });", "TS2345"),
        ("widen({ lo: 1, hi: 2 }, 3).lo = 5;", "TS2540"),
    ])


INSTANCES = r"""
import * as m from "./pkg/index.js";
const out = [];
for (const [fn, args] of JSON.parse(process.argv[2])) {
  let r;
  try { r = ["ok", m[fn](...args)]; } catch (e) { r = [e.name, e.message.split(" (")[0]]; }
  // the result, the arguments after the call, and which argument the result is
  out.push([r, args, args.indexOf(r[1])]);
}
console.log(JSON.stringify(out));
"""


def test_dataclass_instances_cross_by_value(tmp_path):
    mod = load_python(HERE / "records_module.py")
    py2wasm_build(HERE / "records_module.py", tmp_path / "pkg")
    V = mod.Vec
    calls = [("scale", lambda: (V(3.0, 4.0, 1), 2.0)), ("make", lambda: (1.5,)),
             ("bump", lambda: (V(1.0, 2.0),)), ("pair", lambda: (V(1.0, 2.0, 3), V(5.0, 6.0))),
             ("pair", lambda: (V(1.0, 2.0, -1), V(5.0, 6.0)))]

    def plain(v):
        if isinstance(v, V):
            return dict(vars(v))
        if isinstance(v, tuple):
            return [plain(x) for x in v]
        return v
    want = []
    for fn, make in calls:
        args = make()
        try:
            res = getattr(mod, fn)(*args)
            r = ["ok", plain(res)]
        except ValueError as e:
            res, r = None, ["ValueError", str(e)]
        want.append([r, [plain(a) for a in args], next((i for i, a in enumerate(args) if a is res), -1)])
    js_calls = [[fn, [plain(a) for a in make()]] for fn, make in calls]
    (tmp_path / "run.mjs").write_text(INSTANCES)
    got = json.loads(run([node(), "run.mjs", json.dumps(js_calls)], cwd=tmp_path).stdout)
    # (a raising call leaves its arguments as the function left them, as in CPython)
    assert got == want
    dts = (tmp_path / "pkg" / "index.d.ts").read_text()
    assert "scale(v: { x: number; y: number; n: number; }, k: number): number;" in dts
    assert "make(a: number): { x: number; y: number; n: number; };" in dts
