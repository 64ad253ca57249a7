"""Shared driving of the package tests that install one generated package in
a small Node app: `py2wasm build` of a test module -> `npm pack` -> offline
install -> the harness files and a JSON file of cases beside it
(`installed_app`), and the comparison of the outcomes the harness reports
with CPython's, results and the caller's arguments after the call
(`check_outcomes`).

Place in the pipeline: tests of the last stage (`package`).
"""
from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

from .conftest import HERE, load_python, npm, py2wasm_build, run


def installed_app(tmp_path_factory, module: str, name: str, files, cases_file: str,
                  cases) -> Path:
    """A Node app (an ES module package) with `module`'s npm package (named
    `name`) installed offline, `files` copied from tests/package and `cases`
    written as JSON to `cases_file`."""
    d = tmp_path_factory.mktemp(Path(module).stem)
    pkg = py2wasm_build(HERE / module, d / "pkg", "--name", name)
    info = json.loads(run([npm(), "pack", "--json", "--pack-destination", d, pkg]).stdout)[0]
    app = d / "app"
    app.mkdir()
    (app / "package.json").write_text(json.dumps({"name": "app", "private": True, "type": "module"}))
    run([npm(), "install", "--offline", "--no-audit", "--no-fund", d / info["filename"]], cwd=app)
    for f in files:
        shutil.copy(HERE / f, app / f)
    (app / cases_file).write_text(json.dumps(cases))
    return app


def check_outcomes(outcomes, module: str, cases, same, returns_own=(),
                   entry=copy.deepcopy, as_js=lambda v: v) -> None:
    """Each outcome `{"ok" | "error" + "message", "after", "ident"}` of a
    case `(fn, args)` against CPython running `module`'s `fn` on
    `entry(args)`: the same result (`same(got, as_js(want))`) or exception
    (type, message prefix), the caller's arguments alike after the call, and
    for the functions in `returns_own` the caller's own object returned."""
    mod = load_python(HERE / module)
    assert len(outcomes) == len(cases)
    bad = []
    for (fn, args), got in zip(cases, outcomes):
        args = entry(args)
        try:
            want = ("ok", as_js(getattr(mod, fn)(*args)))
        except Exception as e:  # noqa: BLE001
            want = (type(e).__name__, str(e))
        if want[0] == "ok":
            ok = "ok" in got and same(got["ok"], want[1])
            if ok and fn in returns_own:
                ok = got["ident"] == 0
        else:
            ok = got.get("error") == want[0] and got.get("message", "").startswith(want[1])
        if not (ok and same(got["after"], as_js(args))):
            bad.append((fn, args, got, want))
    assert not bad, f"{len(bad)} mismatches, e.g. {bad[:3]}"


def node_json(app: Path, script_name: str, script: str | None = None, *args):
    """What a Node script in `app` prints, as JSON (`script`: its text, written
    first; None: the file is already there)."""
    from .conftest import node
    if script is not None:
        (app / script_name).write_text(script)
    return json.loads(run([node(), script_name, *args], cwd=app).stdout)


def chromium_outcomes(app: Path, page: str, module: str, name: str):
    """The outcomes a browser harness module reports in headless Chromium,
    with `name` imported through an import map (no bundler); no page errors."""
    from .test_browser import drive_page
    got = drive_page(app, page, module, {"imports": {name: f"./node_modules/{name}/index.js"}})
    assert not got["errors"], got["errors"]
    return got["result"]["outcomes"]
