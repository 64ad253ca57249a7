"""The playground's examples menu: Python sources, their plain-JS twins and
the page's defaults for each.

Place in the pipeline: data for `server.py` (`/api/examples`) and `export.py`
(precompiled into the static site). Each example is `NAME.py` with an optional
`NAME.js` beside it: an ES module exporting a plain-JavaScript function of
the same name for the wasm-vs-JS timing (a twin must compute the same
result). `args` are the form's initial values per function, `canvas` asks the
page to draw a function over the plane (mandelbrot): `function` called once
per pixel, and `grid` (optional) called once for the whole grid, its
(height, width) result colored the same way, each timed against its twin.
"""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent

EXAMPLES = [
    {"name": "fma", "title": "fma: x * y + z",
     "args": {"fma": ["3", "-1", "2"]}},
    {"name": "mandelbrot", "title": "Mandelbrot set (canvas)",
     "args": {"mandelbrot": ["-0.75", "0.1", "1000"],
              "mandelbrot_grid": ["300", "200", "-2.2", "0.8", "-1.0", "1.0", "256"]},
     "canvas": {"function": "mandelbrot", "grid": "mandelbrot_grid", "width": 300, "height": 200,
                "x": [-2.2, 0.8], "y": [-1.0, 1.0], "max_iter": 256}},
    {"name": "softmax", "title": "softmax of an array (NumPy)",
     "args": {"softmax": ["1, 2, 3, 4"]}},
    {"name": "nbody", "title": "n-body steps",
     "args": {"energy_after": ["100000", "0.001"]}},
    {"name": "fib", "title": "recursive fib",
     "args": {"fib": ["27"]}},
]


def load_examples() -> list[dict]:
    """Every example with its `source` (and `js` twin source, or null)."""
    out = []
    for ex in EXAMPLES:
        d = dict(ex)
        d["filename"] = f"{ex['name']}.py"
        d["source"] = (HERE / d["filename"]).read_text(encoding="utf-8")
        js = HERE / f"{ex['name']}.js"
        d["js"] = js.read_text(encoding="utf-8") if js.is_file() else None
        out.append(d)
    return out
