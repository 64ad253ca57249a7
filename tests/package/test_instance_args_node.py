"""Dataclass instances as arguments of functions that return None or
always raise, through `py2wasm build` in Node and through
`py2wasm.compile`: `py2wasm build` refused the first ("None inside a tuple")
and crashed on the second (jsabi read states the result did not carry),
and `py2wasm.compile` raised an internal AttributeError for the second;
a list argument returned by a function taking an instance is the caller's
own array (js/src/runtime.ts `byval` copied it);
the caller's object holds the function's changes in every case (also
after the raise). Found by the Node fuzz (tests/fuzz/gen_boundary.py).

Place in the pipeline: tests of the last stage (`package`), and api.py."""
from __future__ import annotations

import json

import pytest

import py2wasm

from .conftest import load_python, node, py2wasm_build, run, tsc

SOURCE = '''
import dataclasses


@dataclasses.dataclass
class D:
    x: float
    n: int


def always(d: D, k: int) -> float:
    d.n += k
    raise ValueError(f"bad k: {k}")


def step(d: D, k: int):
    d.n += k
    d.x = d.x * 2


def maybe(d: D, k: int):
    d.n += k
    if k > 2:
        raise IndexError(f"k={k}")


def trim(d: D, xs: list[int]) -> list[int]:
    xs.pop()
    d.n += 1
    return xs
'''


def test_none_results_and_raising_functions_with_instances(tmp_path):
    src = tmp_path / "inst.py"
    src.write_text(SOURCE)
    py2wasm_build(src, tmp_path / "pkg")
    dts = (tmp_path / "pkg" / "index.d.ts").read_text()
    assert "always(d: { x: number; n: number; }, k: number): void" in dts
    assert "step(d: { x: number; n: number; }, k: number): void" in dts
    (tmp_path / "package.json").write_text('{"type": "module"}')
    (tmp_path / "run.mjs").write_text(
        'import { always, step, maybe, trim } from "./pkg/index.js";\n'
        'const out = [];\n'
        'const d = { x: 1.5, n: 2 };\n'
        'try { always(d, 3); } catch (e) { out.push(e.name, e.message, { ...d }); }\n'
        'out.push(step(d, 4) === undefined, { ...d });\n'
        'try { maybe(d, 5); } catch (e) { out.push(e.name, e.message, { ...d }); }\n'
        'out.push(maybe(d, 1) === undefined, { ...d });\n'
        'const xs = [1, 2, 3];\n'
        'out.push(trim(d, xs) === xs, xs, { ...d });\n'
        'console.log(JSON.stringify(out));\n')
    got = json.loads(run([node(), "run.mjs"], cwd=tmp_path).stdout)
    assert got == [
        "ValueError", 'bad k: 3 (inst.py:13: raise ValueError(f"bad k: {k}"))', {"x": 1.5, "n": 5},
        True, {"x": 3, "n": 9},
        "IndexError", 'k=5 (inst.py:24: raise IndexError(f"k={k}"))', {"x": 3, "n": 14},
        True, {"x": 3, "n": 15},
        True, [1, 2], {"x": 3, "n": 16}]
    (tmp_path / "ok.ts").write_text(
        'import { always, step } from "./pkg/index.js";\n'
        'const d = { x: 1.5, n: 2 };\n'
        'step(d, 1);\n'
        'export const v: void = always(d, 0);\n')
    p = tsc(tmp_path, "ok.ts")
    assert p.returncode == 0, p.stdout + p.stderr


def test_compiled_raising_function_updates_its_instance(tmp_path):
    src = tmp_path / "inst_host.py"
    src.write_text(SOURCE)
    mod = load_python(src)
    d, ref = mod.D(1.5, 2), mod.D(1.5, 2)
    with pytest.raises(ValueError, match="bad k: 3"):
        py2wasm.compile(mod.always)(d, 3)
    with pytest.raises(ValueError):
        mod.always(ref, 3)
    assert d == ref == mod.D(1.5, 5)
    assert py2wasm.compile(mod.step)(d, 4) is None
    assert d == mod.D(3.0, 9)
