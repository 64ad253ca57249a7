"""`py2wasm playground --export DIR`: the playground as a static site.

Place in the pipeline: like `server.py`, a front over the compiler. Each
example of `examples/` is compiled now (through the same sandboxed compile as
the live server) and its result stored in `DIR/examples.json`, its package
files (generated `index.js` + wasm) in `DIR/modules/NAME/`; the page
(`static/`) finds no token in its URL, loads examples.json and imports the
precompiled package module, as an npm user's page would. Editing the code then explains how to start
the live server. An example that does not compile keeps its real error.
"""
from __future__ import annotations

import base64
import json
import shutil
from pathlib import Path

from .examples import load_examples
from .sandbox import Limits, compile_in_sandbox

STATIC = Path(__file__).resolve().parent / "static"


def export_site(outdir: str | Path, *, limits: Limits = Limits()) -> tuple[int, int]:
    """Write the site to `outdir` (created; existing files overwritten).
    Returns (examples that compiled, examples)."""
    out = Path(outdir)
    (out / "static").mkdir(parents=True, exist_ok=True)
    for f in STATIC.iterdir():
        if f.is_file():
            shutil.copyfile(f, out / "static" / f.name)
    shutil.copyfile(STATIC / "index.html", out / "index.html")
    examples = load_examples()
    ok = 0
    for ex in examples:
        result = compile_in_sandbox(ex["source"], filename=ex["filename"], opt="O3", limits=limits)
        result.pop("log", None)
        if result.get("ok"):
            mdir = out / "modules" / ex["name"]
            mdir.mkdir(parents=True, exist_ok=True)
            (mdir / "index.js").write_text(result["js"], encoding="utf-8")
            (mdir / f"{result['module']}.wasm").write_bytes(base64.b64decode(result["wasm"]))
            result["module_url"] = f"modules/{ex['name']}/index.js"
        ex["compiled"] = result
        ok += bool(result.get("ok"))
    (out / "examples.json").write_text(json.dumps({"mode": "static", "examples": examples}),
                                       encoding="utf-8")
    return ok, len(examples)
