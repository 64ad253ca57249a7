"""Lists of class instances (`list[P]`, P a @dataclass or a plain class with
int, float and bool attributes) through a built package in Node: JS arrays
of plain objects both ways, typed in index.d.ts with the instance's object
type, compared with CPython: results and exceptions, and after the call
(also when it raised) the caller's arrays hold the function's lists in
their order, with the caller's own objects (updated in place) where CPython
has the argument's instances, new objects for instances made inside, one
object twice in an array one instance inside, the caller's own array when
the function returns its argument; TypeErrors naming the element for wrong
arguments; and `tsc --strict` accepting typed uses and rejecting wrong ones
(js/src/objects.ts, objstate.ts; py2wasm/package/objlists.py).

Place in the pipeline: tests of the last stage (`package`)."""
from __future__ import annotations

import json

import pytest

from .conftest import HERE, load_python, py2wasm_build, tsc, tsc_rejects_each_line
from .node_app import node_json

MODULE = "instlists_module.py"

# JS: build the arguments (a list: {"objs", "idx"}: one object per entry of
# objs, placed at idx; a single instance: {"obj"}), call, report the result
# and the arguments after, each object and array tagged by identity.
RUNNER = r"""
import * as m from "./pkg/index.js";
const out = [];
for (const [fn, spec] of JSON.parse(process.argv[2])) {
  const tags = new Map();
  const args = spec.map((a, i) => {
    if (a !== null && typeof a === "object" && "objs" in a) {
      const objs = a.objs.map((o) => ({ ...o }));
      objs.forEach((o, j) => tags.set(o, `${i}.${j}`));
      const arr = a.idx.map((j) => objs[j]);
      tags.set(arr, `L${i}`);
      return arr;
    }
    if (a !== null && typeof a === "object" && "obj" in a) {
      const o = { ...a.obj };
      tags.set(o, `${i}`);
      return o;
    }
    return a;
  });
  let k = 0;
  const show = (v) => {
    if (Array.isArray(v)) return { list: tags.get(v) ?? null, items: v.map(show) };
    if (v !== null && typeof v === "object") {
      if (!tags.has(v)) tags.set(v, `n${k++}`);
      return { tag: tags.get(v), attrs: Object.keys(v).sort().map((n) => [n, typeof v[n], v[n]]) };
    }
    return [typeof v, v];
  };
  let r;
  try { r = ["ok", show(m[fn](...args))]; } catch (e) { r = [e.name, e.message.split(" (")[0]]; }
  out.push([r, args.map(show)]);
}
console.log(JSON.stringify(out));
"""


def _cpython(mod, fn, spec):
    """The same outcome in CPython."""
    tags: dict = {}
    keep = []  # (the objects stay alive: ids are not reused)

    def make(i, a):
        if isinstance(a, dict) and "objs" in a:
            cls = mod.Q if a["objs"] and "a" in a["objs"][0] else mod.P
            objs = [cls(**o) for o in a["objs"]]
            for j, o in enumerate(objs):
                tags[id(o)] = f"{i}.{j}"
            arr = [objs[j] for j in a["idx"]]
            tags[id(arr)] = f"L{i}"
            keep.append(arr)
            return arr
        if isinstance(a, dict) and "obj" in a:
            o = mod.P(**a["obj"])
            tags[id(o)] = f"{i}"
            keep.append(o)
            return o
        return a
    args = [make(i, a) for i, a in enumerate(spec)]
    k = [0]

    def show(v):
        if isinstance(v, (list, tuple)):
            return {"list": tags.get(id(v)) if isinstance(v, list) else None,
                    "items": [show(x) for x in v]}
        if hasattr(v, "__dict__"):
            keep.append(v)
            if id(v) not in tags:
                tags[id(v)] = f"n{k[0]}"
                k[0] += 1
            return {"tag": tags[id(v)], "attrs": [[n, "boolean" if type(x) is bool else "number", x]
                                                  for n, x in sorted(vars(v).items())]}
        return ["boolean" if type(v) is bool else "number", v]
    try:
        r = ["ok", show(getattr(mod, fn)(*args))]
    except Exception as e:  # noqa: BLE001
        r = [type(e).__name__, str(e)]
    return [r, [show(a) for a in args]]


def _objs(*rows, idx=None, cls="P"):
    keys = ("x", "n", "on") if cls == "P" else ("a", "k")
    objs = [dict(zip(keys, r)) for r in rows]
    return {"objs": objs, "idx": list(range(len(objs))) if idx is None else idx}


A, B, C = (1.5, 1, True), (-2.0, 5, False), (0.25, 3, True)
CALLS = [
    ("step", [_objs(A, B), 0.5]), ("step", [_objs(A, B, idx=[0, 1, 0, 0]), 1.0]),
    ("step", [_objs(), 2.0]), ("spawn", [3]), ("spawn", [0]),
    ("grow", [_objs(A, B)]), ("grow", [_objs(A, idx=[0, 0])]), ("grow", [_objs()]),
    ("pick", [_objs(A, B, C), 2]), ("pick", [_objs(B, A, idx=[0, 1, 0]), 0]),
    ("move", [_objs(A), _objs(B, C)]), ("move", [_objs(), _objs(C)]),
    ("move", [_objs(A, B), _objs()]),
    ("adopt", [{"obj": dict(zip(("x", "n", "on"), C))}, _objs(A, B)]),
    ("by_a", [_objs((2.5, 1), (-1.0, 2), (0.5, 3), cls="Q")]),
    ("by_a", [_objs((2.5, 1), (-1.0, 2), idx=[0, 1, 0], cls="Q")]),
    ("bump", [_objs((1.0, 1), (2.0, 5), cls="Q"), 9]),
    ("bump", [_objs((1.0, 1), (2.0, 5), (3.0, 0), cls="Q"), 5]),
    ("bump", [_objs((1.0, 4), cls="Q", idx=[0, 0]), 5]),
    ("halves", [_objs(A, B)]),
]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    d = tmp_path_factory.mktemp("instlists")
    py2wasm_build(HERE / MODULE, d / "pkg")
    (d / "package.json").write_text('{"type": "module"}')
    return d


def test_lists_of_instances_match_cpython(app):
    mod = load_python(HERE / MODULE)
    got = node_json(app, "run.mjs", RUNNER, json.dumps(CALLS))
    want = [_cpython(mod, fn, spec) for fn, spec in CALLS]
    bad = [(c, g, w) for c, g, w in zip(CALLS, got, want) if g != w]
    assert not bad, f"{len(bad)} mismatches, e.g. {bad[:2]}"
    assert got[5][0][1]["list"] == "L0"  # grow returns the caller's own array
    assert got[13][1][1]["items"][-1]["tag"] == "0"  # adopt: the caller's single instance


def test_wrong_elements_are_type_errors(app):
    calls = [("step", [[{"x": 1.0, "n": 1}], 1.0]), ("step", [[{"x": 1.0, "n": 1.5, "on": True}], 1.0]),
             ("step", [{"x": 1.0}, 1.0]), ("by_a", [[{"a": "1", "k": 1}]]),
             ("step", [[{"x": 1.0, "n": 2 ** 60, "on": True}], 1.0])]
    got = [r[0] for r in node_json(app, "run.mjs", RUNNER, json.dumps(calls))]
    assert got == [
        ["TypeError", "step(): argument 'ps'[0] must be an object with the fields x, n, on"],
        ["TypeError", "step(): argument 'ps'[0].n must be an integer number"],
        ["TypeError", "step(): argument 'ps' must be an array of P objects"],
        ["TypeError", "by_a(): argument 'qs'[0].a must be a number"],
        ["RangeError", "step(): argument 'ps'[0].n = 1152921504606847000 is not a safe integer"]]


def test_tsc_checks_instance_list_elements(app):
    (app / "ok.ts").write_text(
        'import { step, spawn, grow, by_a } from "./pkg/index.js";\n'
        'const ps = [{ x: 1, n: 2, on: true }];\nconst s: number = step(ps, 0.5);\n'
        'const qs = spawn(2);\nqs[0]!.x = 3;\nconst g = grow(qs);\n'
        'console.log(s + g[0]!.n + by_a([{ a: 1, k: 2 }]), g[1]!.on);\n')
    p = tsc(app, "ok.ts")
    assert p.returncode == 0, p.stdout
    tsc_rejects_each_line(app, "bad.ts", 'import { step, spawn, by_a } from "./pkg/index.js";\n', [
        ("step([{ x: 1, n: 2 }], 0.5);", "TS2741"),
        ("step([{ x: 1, n: 2, on: 1 }], 0.5);", "TS2322"),
        ("by_a([[1, 2]]);", "TS2322"),
        ("const b: boolean = spawn(1)[0]!.x;", "TS2322"),
    ])


def test_lists_of_instances_in_chromium(app):
    """The same calls in headless Chromium (the package's ESM, no bundler)."""
    from .test_browser import drive_page
    script = RUNNER.replace("JSON.parse(process.argv[2])", json.dumps(CALLS)) \
        .replace("console.log(JSON.stringify(out));", "window.__result = { outcomes: out };")
    assert "process." not in script and "window.__result" in script
    (app / "browser_instlists.mjs").write_text(script)
    got = drive_page(app, "instlists.html", "./browser_instlists.mjs")
    assert not got["errors"], got["errors"]
    mod = load_python(HERE / MODULE)
    want = [_cpython(mod, fn, spec) for fn, spec in CALLS]
    # JSON round trip: the page's outcomes come back as JSON (lists for tuples)
    bad = [(c, g, w) for c, g, w in zip(CALLS, got["result"]["outcomes"], json.loads(json.dumps(want)))
           if g != w]
    assert not bad, f"{len(bad)} mismatches, e.g. {bad[:2]}"
