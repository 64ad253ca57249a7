"""Lists, dicts and sets of str through the generated npm package:
`py2wasm build` of tests/package/strcontainers_module.py -> `npm pack` ->
offline install -> Node. Results and the caller's arrays, Maps and Sets
after the call (also after an exception) compared with CPython on a seeded
random corpus of non-ASCII, astral and lone-surrogate text; argument checks;
`tsc --strict` accepts typed uses of `string[]` / `Map<string, number>` /
`Set<string>` and rejects wrong ones.

A Set of strings is compared as a set: CPython's order for str sets follows
its randomized str hash. Place in the pipeline: tests of the last stage
(`package`).
"""
from __future__ import annotations

import json
import random

import pytest

from .conftest import node, run, tsc, tsc_rejects_each_line
from .node_app import check_outcomes, chromium_outcomes, installed_app, node_json

NAME = "@py2wasm-test/strcontainers"
# JS strings are UTF-16: a high surrogate right before a low one is one code
# point there (js/src/strings.ts), so the corpus has lone surrogates only apart
ALPHABET = ["a", "b", ",", " ", "é", "ß", "日", "\U0001F600", "\ud800", "x"]


def _word(rng, n=4):
    w = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, n)))
    return w.replace("\ud800\ud800", "\ud800")


def _cases():
    rng = random.Random(1819)
    out = []
    for n in [0, 1, 2, 3, 5, 9]:
        words = [_word(rng) for _ in range(n)]
        out.append(("word_counts", [words]))
        out.append(("tag_all", [list(words), _word(rng, 2)]))
        out.append(("push_then_raise", [list(words), _word(rng)]))
        out.append(("fields", [",".join(words)]))
        out.append(("sort_and_join", [list(words)]))
        out.append(("count_into", [{_word(rng): rng.randint(-3, 3) for _ in range(n)}, words]))
        out.append(("names", [{rng.randint(-9, 9): _word(rng) for _ in range(n)}]))
        out.append(("seen_words", [{_word(rng) for _ in range(n)}, words]))
        out.append(("word_set", [words]))
        out.append(("total", [[(_word(rng), rng.uniform(-5, 5)) for _ in range(n)],
                              _word(rng, 1)]))
        out.append(("lengths", [words]))
    return out


def _enc(v):
    if isinstance(v, dict):
        return {"map": [[_enc(k), _enc(x)] for k, x in v.items()]}
    if isinstance(v, set):
        return {"set": [_enc(x) for x in v]}
    if isinstance(v, (list, tuple)):
        return [_enc(x) for x in v]
    if isinstance(v, (str, bool)):
        return v
    return {"n": repr(float(v)) if isinstance(v, float) else str(v)}


def _same(got, want) -> bool:
    if isinstance(want, str):
        return got == want
    if isinstance(want, dict):
        return isinstance(got, dict) and "map" in got and _same(got["map"],
                                                                [list(i) for i in want.items()])
    if isinstance(want, set):  # no order promised (see the module docstring)
        return isinstance(got, dict) and "set" in got and len(got["set"]) == len(want) and \
            all(isinstance(x, str) for x in got["set"]) and set(got["set"]) == want
    if isinstance(want, (list, tuple)):
        return isinstance(got, list) and len(got) == len(want) and all(map(_same, got, want))
    if isinstance(want, bool):
        return got is want
    return isinstance(got, dict) and "n" in got and float(got["n"]) == want


@pytest.fixture(scope="module")
def sapp(tmp_path_factory):
    app = installed_app(tmp_path_factory, "strcontainers_module.py", NAME,
                        ("containers_harness.mjs",), "cases.json",
                        [{"fn": fn, "args": _enc(args)} for fn, args in _cases()])
    (app / "run.mjs").write_text(
        'import { readFileSync } from "node:fs";\n'
        f'import * as pkg from "{NAME}";\n'
        'import { runContainerCases } from "./containers_harness.mjs";\n'
        'console.log(JSON.stringify(runContainerCases(pkg, JSON.parse('
        'readFileSync(process.argv[2], "utf8")))));\n')
    (app / "browser_strcontainers.mjs").write_text(
        f'import * as pkg from "{NAME}";\n'
        'import { runContainerCases } from "./containers_harness.mjs";\n'
        'try {\n'
        '  const cases = await (await fetch(new URL("cases.json", document.baseURI))).json();\n'
        '  window.__result = { outcomes: runContainerCases(pkg, cases) };\n'
        '} catch (e) {\n'
        '  window.__result = { failure: String(e && e.stack || e) };\n'
        '}\n')
    return app


def test_node_str_containers_match_cpython_with_the_callers_objects_after(sapp):
    _check(node_json(sapp, "run.mjs", None, "cases.json"))


def test_chromium_str_containers_match_cpython(sapp):
    _check(chromium_outcomes(sapp, "strcontainers.html", "./browser_strcontainers.mjs", NAME))


def _check(outcomes):
    # tag_all returns the caller's own array
    check_outcomes(outcomes, "strcontainers_module.py", _cases(), _same, returns_own=("tag_all",))


def test_argument_checks(sapp):
    script = f"""
import {{ word_counts, count_into, seen_words, total }} from "{NAME}";
const out = [];
for (const f of [() => word_counts(["a", 1]), () => count_into(new Map([[1, 2]]), []),
                 () => seen_words(new Set(["a", 2]), []), () => total([["a", "b"]], "a"),
                 () => word_counts("ab")]) {{
  try {{ out.push(JSON.stringify(f())); }} catch (e) {{ out.push(`${{e.name}}: ${{e.message}}`); }}
}}
const s = new Set(["x", "y"]), before = [...s];
seen_words(s, ["x"]);
out.push(JSON.stringify([...s]) === JSON.stringify(before) ? "order kept" : "reordered");
console.log(JSON.stringify(out));
"""
    (sapp / "checks.mjs").write_text(script)
    got = json.loads(run([node(), "checks.mjs"], cwd=sapp).stdout)
    assert got[0] == ("TypeError: word_counts(): argument 'words'[1] must be a string "
                      "(Python str), got 1")
    assert got[1] == ("TypeError: count_into(): a key of 'd' must be a string (Python str), "
                      "got 1")
    assert got[2].startswith("TypeError: seen_words(): an element of 's' must be a string")
    assert got[3].startswith("TypeError: total(): argument 'recs'[0][1] must be a number")
    assert got[4].startswith("TypeError: word_counts(): argument 'words' must be an array "
                             "(Python list[str])")
    assert got[5] == "order kept"


def test_many_calls_keep_memory_flat(sapp):
    script = f"""
import * as pkg from "{NAME}";
const words = Array.from({{ length: 500 }}, (_, i) => "w" + (i % 37) + "é😀");
const mem = () => {{ const a = pkg.alloc(Float64Array, 1), n = a.data.buffer.byteLength; a.free(); return n; }};
pkg.word_counts(words); pkg.count_into(new Map(), words);
const before = mem();
for (let i = 0; i < 3000; i++) {{ pkg.word_counts(words); pkg.count_into(new Map([["a", 1]]), words); }}
console.log(JSON.stringify([before, mem()]));
"""
    (sapp / "flat.mjs").write_text(script)
    before, after = json.loads(run([node(), "flat.mjs"], cwd=sapp).stdout)
    assert after == before


def test_declarations(sapp):
    dts = (sapp / "node_modules" / NAME / "index.d.ts").read_text()
    for line in ["export declare function word_counts(words: readonly string[]): "
                 "Map<string, number>;",
                 "export declare function tag_all(xs: string[], tag: string): string[];",
                 "export declare function fields(line: string): string[];",
                 "export declare function names(d: Map<number, string>): Map<string, number>;",
                 "export declare function seen_words(s: Set<string>, words: readonly string[]): "
                 "number;",
                 "export declare function word_set(words: readonly string[]): Set<string>;",
                 "export declare function total(recs: (readonly [string, number])[], "
                 "prefix: string): number;"]:
        assert line in dts.splitlines(), (line, dts)


GOOD_TS = f"""\
import {{ word_counts, tag_all, fields, names, seen_words, word_set, total }} from "{NAME}";
const c: Map<string, number> = word_counts(["a", "b"]);
const t: string[] = tag_all(["x"], "!");
const f: string[] = fields("a,b");
const n: Map<string, number> = names(new Map([[1, "one"]]));
const k: number = seen_words(new Set(["a"]), f);
const s: Set<string> = word_set(t);
const r: number = total([["a", 1.5]], "a");
console.log(c, t, f, n, k, s, r);
"""

BAD_TS = [  # (code, TypeScript error it must produce)
    ("word_counts([1, 2]);", "TS2322"),
    ("const x: Map<number, number> = word_counts([\"a\"]);", "TS2322"),
    ("seen_words(new Set([1]), []);", "TS2345"),
    ("names(new Map([[\"a\", \"b\"]]));", "TS2345"),
    ("const y: number[] = fields(\"a\");", "TS2322"),
]


def test_typed_str_container_consumer_is_accepted_by_tsc_strict(sapp):
    (sapp / "good.ts").write_text(GOOD_TS)
    p = tsc(sapp, "good.ts")
    assert p.returncode == 0, p.stdout + p.stderr


def test_mistyped_str_container_consumer_is_rejected_line_by_line(sapp):
    header = (f'import {{ word_counts, names, seen_words, fields }} from "{NAME}";\n')
    tsc_rejects_each_line(sapp, "bad.ts", header, BAD_TS)


def test_lists_of_str_lists_are_refused_for_javascript():
    from py2wasm.ir.types import STR, ListType, to_json
    from py2wasm.package.signature import UnsupportedSignature, check_type, ts_type
    assert ts_type(to_json(ListType(STR))) == "string[]"
    with pytest.raises(UnsupportedSignature, match="list\\[str\\]"):
        check_type(to_json(ListType(ListType(STR))), "rows(): parameter 'xs'")
