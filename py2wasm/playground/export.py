"""`py2wasm playground --export DIR`: the playground as a static site.

Place in the pipeline: like `server.py`, a front over the compiler. Each
example of `examples/` is compiled now (through the same sandboxed compile as
the live server) and its result stored in `DIR/examples.json`; the page
(`static/`) finds no token in its URL, loads that file and runs the
precompiled wasm in the browser. Editing the code then explains how to start
the live server. An example that does not compile keeps its real error.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from .examples import load_examples
from .sandbox import Limits, compile_in_sandbox

STATIC = Path(__file__).resolve().parent / "static"


def export_site(outdir: str | Path, *, limits: Limits = Limits()) -> int:
    """Write the site to `outdir` (created; existing files overwritten).
    Returns the number of examples that compiled."""
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
        ex["compiled"] = result
        ok += bool(result.get("ok"))
    (out / "examples.json").write_text(json.dumps({"mode": "static", "examples": examples}),
                                       encoding="utf-8")
    return ok
