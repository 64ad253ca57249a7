"""Record parameters in a package that also has the memory API (arrays,
lists or strs: `ts_param_type` declares its parameters): a @dataclass and a
NamedTuple are plain objects in index.d.ts there too (they were declared
`readonly [number, number]`, which the wrapper refuses), `tsc --strict`
accepts a typed call, and the argument check names the class.

Place in the pipeline: tests of the last stage (`package`)."""
from __future__ import annotations

import json

from .conftest import node, py2wasm_build, run, tsc

SOURCE = '''
import dataclasses
import typing


@dataclasses.dataclass
class D:
    x: float
    n: int


class P(typing.NamedTuple):
    x: float
    n: int


def bump(d: D, s: str) -> int:
    d.n += len(s)
    return d.n


def norm(p: P, xs: list[float]) -> float:
    return p.x * p.n + sum(xs)
'''


def test_record_parameters_are_objects_next_to_lists_and_strs(tmp_path):
    (tmp_path / "recs.py").write_text(SOURCE)
    py2wasm_build(tmp_path / "recs.py", tmp_path / "pkg")
    dts = (tmp_path / "pkg" / "index.d.ts").read_text()
    assert "bump(d: { x: number; n: number; }, s: string): number" in dts
    assert "norm(p: { readonly x: number; readonly n: number; }, xs: readonly number[]): number" in dts
    (tmp_path / "package.json").write_text('{"type": "module"}')
    (tmp_path / "ok.ts").write_text(
        'import { bump, norm } from "./pkg/index.js";\n'
        'const d = { x: 1.5, n: 2 };\n'
        'export const a: number = bump(d, "abc");\n'
        'export const b: number = norm({ x: 0.5, n: 4 }, [1, 2]);\n')
    p = tsc(tmp_path, "ok.ts")
    assert p.returncode == 0, p.stdout + p.stderr
    (tmp_path / "run.mjs").write_text(
        'import { bump, norm } from "./pkg/index.js";\n'
        'const d = { x: 1.5, n: 2 };\n'
        'const out = [bump(d, "abc"), d, norm({ x: 0.5, n: 4 }, [1, 2])];\n'
        'try { bump([1.5, 2], "a"); } catch (e) { out.push(e.name, e.message); }\n'
        'console.log(JSON.stringify(out));\n')
    got = json.loads(run([node(), "run.mjs"], cwd=tmp_path).stdout)
    assert got == [5, {"x": 1.5, "n": 5}, 5.0, "TypeError",
                   "bump(): argument 'd' must be an object with the fields x, n (Python D), "
                   "got an array of length 2"]
