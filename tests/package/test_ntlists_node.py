"""Lists of NamedTuples through a built package in Node: arrays of plain
objects `{x, y}` both ways (typed in index.d.ts as arrays of objects with
those fields), CPython's results, the caller's array holding the function's
changes after the call (also when it threw), a TypeError naming the fields
for a wrong element, and `tsc --strict` accepting typed uses and rejecting
wrong ones.

Place in the pipeline: tests of the last stage (`package`)."""
from __future__ import annotations

import copy
import json

from .conftest import HERE, load_python, node, py2wasm_build, run, tsc, tsc_rejects_each_line

RUNNER = r"""
import * as m from "./pkg/index.js";
const out = [];
for (const [fn, args] of JSON.parse(process.argv[2])) {
  let r;
  try { r = ["ok", m[fn](...args)]; } catch (e) { r = [e.name, e.message.split(" (")[0]]; }
  out.push([r, args]);
}
console.log(JSON.stringify(out));
"""


def _plain(v):
    if hasattr(v, "_asdict"):
        return {k: _plain(x) for k, x in v._asdict().items()}
    if isinstance(v, (tuple, list)):
        return [_plain(x) for x in v]
    return v


def test_namedtuple_lists_are_arrays_of_objects(tmp_path):
    mod = load_python(HERE / "ntlists_module.py")
    py2wasm_build(HERE / "ntlists_module.py", tmp_path / "pkg")
    Pt, Item = mod.Pt, mod.Item
    calls = [("mirrored", ([Pt(1.0, 2.5), Pt(-3.0, 0.5)],)), ("mirrored", ([],)),
             ("add_origin", ([Pt(2.0, 1.0), Pt(-1.0, 4.0)], 2)),
             ("add_origin", ([Pt(2.0, 1.0)], 7)),
             ("total", ([Item("a", 3, True), Item("b", 4, False), Item("c", 5, True)],)),
             ("restock", ([Item("bolt", 2, False)], 3)), ("first", ([Pt(0.5, 1.5)],)),
             ("first", ([],))]
    want = []
    for fn, args in calls:
        args = copy.deepcopy(args)
        try:
            r = ["ok", _plain(getattr(mod, fn)(*args))]
        except (ValueError, IndexError) as e:
            r = [type(e).__name__, str(e)]
        want.append([r, _plain(args)])
    js_calls = [[fn, _plain(args)] for fn, args in calls]
    js_calls.append(["mirrored", [[[1, 2]]]])
    js_calls.append(["total", [[{"name": "a", "qty": 1.5, "ok": True}]]])
    (tmp_path / "run.mjs").write_text(RUNNER)
    got = json.loads(run([node(), "run.mjs", json.dumps(js_calls)], cwd=tmp_path).stdout)
    assert got[:-2] == want
    assert got[-2][0] == ["TypeError", "mirrored(): argument 'ps'[0] must be an object with "
                          "the fields x, y, got an array of length 2"]
    assert got[-1][0][0] == "TypeError" and "'items'[0].qty" in got[-1][0][1]
    dts = (tmp_path / "pkg" / "index.d.ts").read_text()
    assert "mirrored(ps: readonly ({ readonly x: number; readonly y: number; })[]): " \
           "({ readonly x: number; readonly y: number; })[]" in dts


def test_tsc_checks_namedtuple_list_elements(tmp_path):
    py2wasm_build(HERE / "ntlists_module.py", tmp_path / "pkg")
    (tmp_path / "package.json").write_text('{"type": "module"}')
    (tmp_path / "ok.ts").write_text(
        'import { mirrored, total } from "./pkg/index.js";\n'
        'const ps = mirrored([{ x: 1, y: 2 }]);\nconst n: number = ps[0]!.x + ps.length;\n'
        'console.log(n, total([{ name: "a", qty: 2, ok: true }]));\n')
    p = tsc(tmp_path, "ok.ts")
    assert p.returncode == 0, p.stdout
    tsc_rejects_each_line(tmp_path, "bad.ts", 'import { mirrored, total } from "./pkg/index.js";\n', [
        ("mirrored([[1, 2]]);", "TS2322"),
        ("total([{ name: 1, qty: 2, ok: true }]);", "TS2322"),
        ("mirrored([{ x: 1, y: 2 }])[0]!.x = 5;", "TS2540"),
    ])
