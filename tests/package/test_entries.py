"""The package's entry points (py2wasm/package/entries.py): the CommonJS
form of the core module, the inline threshold, the exports map; and the
output-folder and metadata rules (outdir.py, metadata.py) as functions.

Place in the pipeline: unit tests of the last stage (`package`); the
end-to-end behaviour is tests/toolchains and tests/cli/test_build_output.py.
"""
from __future__ import annotations

import json
import subprocess

import pytest

from py2wasm.package.entries import INLINE_THRESHOLD, exports_map, should_inline, to_commonjs
from py2wasm.package.metadata import MetadataError, find_pyproject, merge_package_json, tool_table
from py2wasm.package.outdir import OutputDirError, check_outdir, manifest_json, removable

from .conftest import node


def test_to_commonjs_turns_every_generated_export_form_into_exports_and_runs():
    esm = ("const $x=1;\n"
           "export function f(a){return a+$x}\n"
           "export async function g(){return 2}\n"
           "export class C{}\n"
           "export const k=3;\n"
           "function $f0(){return 4}export{$f0 as new};\n")
    cjs = to_commonjs(esm)
    assert cjs.startswith('"use strict";') and "export" not in cjs.replace("exports", "")
    assert 'exports.f=f;' in cjs and 'exports.new=$f0;' in cjs and "exports.C=C;" in cjs
    out = subprocess.run([node(), "-e", cjs + "\nconsole.log(JSON.stringify([exports.f(1), exports.k, exports.new()]))"],
                         capture_output=True, text=True, timeout=60)
    assert json.loads(out.stdout) == [2, 3, 4], out.stderr


@pytest.mark.parametrize("line", ["export default 1;", "let a;export function b(){}", "const u=import.meta.url;",
                                  "await init();", "export * from './x.js';"])
def test_to_commonjs_refuses_what_it_cannot_translate(line):
    with pytest.raises(ValueError, match="cannot turn this generated line into CommonJS"):
        to_commonjs(line + "\n")


def test_inline_threshold_counts_every_build_and_flags_win():
    half = INLINE_THRESHOLD // 2
    assert should_inline({"a.wasm": b"\0" * half, "a.relaxed.wasm": b"\0" * half}, None)
    assert not should_inline({"a.wasm": b"\0" * half, "a.relaxed.wasm": b"\0" * (half + 1)}, None)
    assert should_inline({"a.wasm": b"\0" * (INLINE_THRESHOLD * 4)}, True)
    assert not should_inline({"a.wasm": b"\0"}, False)


def test_exports_have_types_first_in_every_condition():
    m = {"module": "m", "builds": [{"file": "m.relaxed.wasm", "target": "relaxed-simd"}, {"file": "m.wasm", "target": "simd"}]}
    for inline in (True, False):
        ex = exports_map(m, inline=inline)
        assert ("./m.wasm" in ex) is (not inline)
        for key, value in ex.items():
            if isinstance(value, dict):
                for cond in value.values():
                    assert list(cond)[0] == "types", (key, cond)


def test_check_outdir_rules(tmp_path):
    files = {"index.js": b"new", "package.json": b"{}"}
    assert check_outdir(tmp_path / "new", files) is None  # a new folder: fine
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "index.js").write_text("mine")
    with pytest.raises(OutputDirError, match="py2wasm did not write"):
        check_outdir(mine, files)
    assert check_outdir(mine, files, force=True) is None
    ours = tmp_path / "ours"
    ours.mkdir()
    (ours / "index.js").write_bytes(b"old")
    (ours / "old.wasm").write_bytes(b"w")
    (ours / ".py2wasm-manifest.json").write_bytes(manifest_json({"index.js": b"old", "old.wasm": b"w"}))
    previous = check_outdir(ours, files)
    assert set(previous) == {"index.js", "old.wasm"}
    assert removable(ours, previous, files) == [ours / "old.wasm"]
    (ours / "old.wasm").write_bytes(b"edited")  # never removes a file the user changed
    assert removable(ours, previous, files) == []
    (ours / "index.js").write_bytes(b"edited")
    with pytest.raises(OutputDirError, match=r"index.js \(changed since py2wasm wrote it\)"):
        check_outdir(ours, files)


def test_merge_keeps_the_users_keys_and_replaces_ours():
    old = json.dumps({"name": "x", "version": "9.9.9", "exports": {"old": 1}, "scripts": {"t": "1"},
                      "license": "ISC", "description": "mine"}).encode()
    new = json.dumps({"name": "x", "version": "1.0.0", "description": "generated", "exports": {".": "./index.js"},
                      "type": "module"}).encode()
    merged = json.loads(merge_package_json(old, new, {}))
    assert merged["exports"] == {".": "./index.js"} and merged["version"] == "1.0.0"
    assert merged["scripts"] == {"t": "1"} and merged["license"] == "ISC" and merged["description"] == "mine"
    merged = json.loads(merge_package_json(old, new, {"description": "flag"}))
    assert merged["description"] == "generated"  # an explicit value (flag, pyproject) wins
    assert json.loads(merge_package_json(b"not json", new, {})) == json.loads(new)


def test_pyproject_table_found_upward_and_checked(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text('[tool.py2wasm]\nlicense = "MIT"\nkeywords = ["x"]\n')
    found = find_pyproject(tmp_path / "a" / "b")
    assert found == tmp_path / "pyproject.toml"
    assert tool_table(found) == {"license": "MIT", "keywords": ["x"]}
    (tmp_path / "pyproject.toml").write_text('[tool.py2wasm]\nkeywords = "x"\n')
    with pytest.raises(MetadataError, match="keywords has the wrong type"):
        tool_table(found)
    (tmp_path / "pyproject.toml").write_text('[tool.py2wasm\n')
    with pytest.raises(MetadataError, match="cannot read it"):
        tool_table(found)
    assert tool_table(None) == {}
