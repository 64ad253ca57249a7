"""`T | None` through the npm package (package/optionals.py): JavaScript's
`null` (or an omitted argument) is None, in parameters and results;
index.d.ts says `number | null`; `tsc --strict` accepts the typed uses and
refuses a `number` where the result may be null; results equal CPython's.

Place in the pipeline: tests of the last stage (`package`)."""
from __future__ import annotations

import json

from .conftest import load_python, node, py2wasm_build, run, tsc, tsc_rejects_each_line

SOURCE = '''
from typing import Optional


def find(xs: list[int], t: int) -> int | None:
    for i, x in enumerate(xs):
        if x == t:
            return i
    return None


def scale(x: float, k: Optional[float] = None) -> float:
    if k is None:
        k = 2.0
    return x * k


def bounds(a: float, b: float, c: float):
    lo = None
    for x in (a, b, c):
        if x > 0 and (lo is None or x < lo):
            lo = x
    return lo, lo is None


def pick(p: tuple[int, bool] | None) -> tuple[int, bool] | None:
    if p is None or p[1]:
        return None
    return (p[0] * 2, p[1])


def shout(s: str | None = None) -> str | None:
    if s is None:
        return None
    return s.upper() + "!"


def squares(n: int) -> list[int] | None:
    if n < 0:
        return None
    return [i * i for i in range(n)]


def total(xs: list[float] | None) -> float:
    if xs is None:
        return -1.0
    xs.append(0.5)
    return sum(xs)
'''

CALLS = [("find", [[3, 1, 4], 4]), ("find", [[3, 1, 4], 9]), ("find", [[], 0]),
         ("scale", [1.5]), ("scale", [1.5, None]), ("scale", [1.5, 3.0]),
         ("bounds", [1.0, -2.0, 0.5]), ("bounds", [-1.0, -2.0, 0.0]),
         ("pick", [None]), ("pick", [[5, False]]), ("pick", [[5, True]]),
         ("shout", ["ab"]), ("shout", [None]), ("shout", []), ("squares", [3]),
         ("squares", [-1]), ("total", [None]), ("total", [[1.5, 2.0]])]


def test_null_crosses_as_none(tmp_path):
    (tmp_path / "opt.py").write_text(SOURCE)
    pkg = py2wasm_build(tmp_path / "opt.py", tmp_path / "pkg")
    dts = (pkg / "index.d.ts").read_text()
    assert "find(xs: readonly number[], t: number): number | null" in dts
    assert "scale(x: number, k?: number | null): number" in dts
    assert "bounds(a: number, b: number, c: number): readonly [number | null, boolean]" in dts
    assert "shout(s?: string | null): string | null" in dts
    assert "squares(n: number): number[] | null" in dts
    (tmp_path / "package.json").write_text('{"type": "module"}')
    (tmp_path / "run.mjs").write_text(
        'import * as m from "./pkg/index.js";\n'
        'const out = JSON.parse(process.argv[2]).map(([f, a]) => m[f](...a));\n'
        'try { m.scale(1.5, "x"); } catch (e) { out.push(e.name); }\n'
        'const xs = [1, 2]; out.push(m.total(xs), xs);\n'
        'try { m.pick(5); } catch (e) { out.push(e.name); }\n'
        'console.log(JSON.stringify(out));\n')
    got = json.loads(run([node(), "run.mjs", json.dumps(CALLS)], cwd=tmp_path).stdout)
    mod = load_python(tmp_path / "opt.py")

    def plain(v):
        return list(map(plain, v)) if isinstance(v, tuple) else v
    want = [plain(getattr(mod, f)(*[tuple(x) if isinstance(x, list) and f == "pick" else x
                                    for x in a])) for f, a in CALLS]
    assert got == want + ["TypeError", 3.5, [1, 2, 0.5], "TypeError"]  # a list argument is read back
    (tmp_path / "ok.ts").write_text(
        'import { find, scale, pick } from "./pkg/index.js";\n'
        'const i: number | null = find([1, 2], 2);\n'
        'export const j: number = i === null ? -1 : i + 1;\n'
        'export const s: number = scale(1) + scale(1, null) + scale(1, 2);\n'
        'export const p = pick(null) ?? pick([1, false]);\n')
    p = tsc(tmp_path, "ok.ts")
    assert p.returncode == 0, p.stdout + p.stderr
    tsc_rejects_each_line(tmp_path, "bad.ts", 'import { find } from "./pkg/index.js";\n',
                          [("export const k: number = find([1], 1);", "TS2322")])
