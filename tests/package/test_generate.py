"""The generators on their own: package.json, index.d.ts, index.js, README,
npm name/version checks, the 4 KB budget of the fma package, names that are
reserved words in JavaScript, and refusals that write nothing.

Place in the pipeline: tests of the last stage (`package`).
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass

import pytest
import wasmtime

from py2wasm.package import (UnsupportedSignature, javascript_module, package_json, readme,
                             typescript_declarations, write_package)
from py2wasm.package.entries import ENTRY_FILES
from py2wasm.package.javascript import exception_message
from py2wasm.package.npm_name import check_name, check_version, name_problems

from .conftest import MULTI_NAME, ROOT, node, run, tsc


@dataclass
class FakeBuild:
    """A Build-like object (wasm + manifest) for hand-written modules."""
    wasm: bytes
    manifest: dict


def manifest(functions, exceptions=None, imports=None, module="m"):
    return {"format": 1, "module": module, "source": f"{module}.py", "functions": functions,
            "exceptions": exceptions or {}, "imports": imports or {}}


def fn(name, params, result, doc="", line=1):
    return {"name": name, "doc": doc, "line": line, "result": result,
            "params": [{"name": n, "type": t} for n, t in params]}


@pytest.mark.parametrize("name", ["fma", "my-lib", "a.b_c", "@scope/pkg", "@py2wasm-test/multi-fns", "x" * 214])
def test_valid_npm_names(name):
    assert name_problems(name) == []
    check_name(name)


@pytest.mark.parametrize("name,problem", [
    ("", "greater than zero"), ("Fma", "capital letters"), ("_x", "underscore"), (".x", "period"),
    ("fs", "core module"), ("http", "core module"), ("node_modules", "not a valid"), ("a b", "URL-friendly"),
    ("a/b", "URL-friendly"), ("@s/", "URL-friendly"), ("x" * 215, "214"), ("no!", "special characters"),
    (" x", "spaces"), ("@a/b/c", "URL-friendly")])
def test_invalid_npm_names(name, problem):
    with pytest.raises(ValueError, match="try --name") as e:
        check_name(name)
    assert problem in str(e.value)


@pytest.mark.parametrize("v,ok", [("0.1.0", True), ("1.2.3-beta.1+build.5", True), ("1", False),
                                  ("01.2.3", False), ("1.2", False), ("v1.2.3", False)])
def test_versions(v, ok):
    if ok:
        check_version(v)
    else:
        with pytest.raises(ValueError, match="semver"):
            check_version(v)


def test_cli_refuses_a_bad_name_or_version_before_writing_anything(tmp_path):
    for extra, msg in [(["--name", "Bad Name"], "invalid npm package name"), (["--version", "1"], "invalid npm package version")]:
        out = tmp_path / "out"
        p = run([sys.executable, "-m", "py2wasm.cli", "build", ROOT / "examples" / "fma.py", "-o", out, *extra],
                cwd=ROOT, check=False)
        assert p.returncode == 1 and msg in p.stderr, p.stderr
        assert not out.exists()
    bad = tmp_path / "Upper.py"
    bad.write_text("def f(x):\n    return x\n")
    p = run([sys.executable, "-m", "py2wasm.cli", "build", bad, "-o", tmp_path / "o2"], cwd=ROOT, check=False)
    assert p.returncode == 1 and "from the file name 'Upper.py'" in p.stderr and "try --name upper" in p.stderr


def test_fma_package_is_under_4_kb(packages, tmp_path):
    """What a browser loads for fma (index.js, core.js and the wasm, or the
    inlined core.js) stays under 4 KB; its types under 2 KB."""
    inline = run([sys.executable, "-m", "py2wasm.cli", "build", ROOT / "examples" / "fma.py", "-o", tmp_path / "fma"],
                 cwd=ROOT)
    assert inline.returncode == 0
    for pkg, files in ((packages["fma"], ("index.js", "core.js", "fma.wasm")), (tmp_path / "fma", ("index.js", "core.js"))):
        sizes = {f: (pkg / f).stat().st_size for f in files}
        total = sum(sizes.values())
        print(f"fma package: {sizes}, total {total} bytes")
        assert total < 4096, sizes
        assert (pkg / "index.d.ts").stat().st_size < 2048


def test_package_json_fields(packages):
    meta = json.loads((packages[MULTI_NAME] / "package.json").read_text())
    assert meta["name"] == MULTI_NAME and meta["version"] == "1.2.3" and meta["type"] == "module"
    assert meta["exports"]["."] == {"import": {"types": "./index.d.ts", "default": "./index.js"},
                                    "require": {"types": "./index.d.cts", "default": "./index.cjs"},
                                    "default": {"types": "./index.d.ts", "default": "./index.js"}}
    for cond in meta["exports"]["."].values():
        assert list(cond) == ["types", "default"]  # types must come first
    assert meta["exports"]["./manual"]["import"] == {"types": "./manual.d.ts", "default": "./manual.js"}
    assert meta["files"] == [*ENTRY_FILES, "multi.wasm", "multi.wasm.d.ts", "multi.wasm.d.cts"]
    assert meta["sideEffects"] == ["./index.js", "./index.cjs"] and "dependencies" not in meta
    assert meta["main"] == "./index.cjs" and meta["module"] == "./index.js"
    for f in meta["files"]:
        assert (packages[MULTI_NAME] / f).is_file()


def test_declarations_have_exact_types_and_docstrings(packages):
    dts = (packages[MULTI_NAME] / "index.d.ts").read_text()
    for line in [
        "export declare function floordiv(a: number, b: number): number;",
        "export declare function divmod_(a: number, b: number): readonly [number, number];",
        "export declare function is_pos(x: number): boolean;",
        "export declare function scale(p: readonly [number, number], flag: boolean): readonly [number, readonly [number, boolean]];",
        "export declare function nothing(x: number): void;",
        " * Python's floor division: rounds toward minus infinity.",
        " * Python: `def floordiv(a: int, b: int) -> int` (multi.py:6)",
        " * Tuples in and out.",
        "export declare function init(source?: Source): Promise<void>;",
    ]:
        assert line in dts.splitlines(), line
    fma = (packages["fma"] / "index.d.ts").read_text()
    assert "export declare function fma(x: number, y: number, z: number): number;" in fma
    assert "@throws" not in fma  # fma cannot raise


def test_readme_lists_every_function_with_signature_and_example(packages):
    text = (packages[MULTI_NAME] / "README.md").read_text()
    for sig, example in [("floordiv(a: number, b: number): number", "floordiv(2, 3)"),
                         ("scale(p: readonly [number, number], flag: boolean): readonly [number, readonly [number, boolean]]",
                          "scale([1.5, 3], false)"),
                         ("nothing(x: number): void", "nothing(1.5)")]:
        assert f"### `{sig}`" in text and example in text
    assert f'from "{MULTI_NAME}"' in text and f'require("{MULTI_NAME}")' in text and "RangeError" in text
    assert f"npm install {MULTI_NAME}" in text and f"{MULTI_NAME}/manual" in text and "## License" in text
    assert "pypi.org/project/py2wasm/" not in text
    assert text.count("### `") == 9


def test_exception_messages_end_with_the_source_line():
    e = {"type": "ZeroDivisionError", "message": "float division by zero", "file": "fma.py", "line": 3, "source": "return x / y"}
    assert exception_message(e) == "float division by zero (fma.py:3: return x / y)"
    assert exception_message({**e, "file": "", "line": 0, "source": ""}) == "float division by zero"


def test_refusals_write_nothing(tmp_path):
    wasm = wasmtime.wat2wasm('(module (global (export "py2wasm_exc") (mut i32) (i32.const 0)))')
    bad = [
        (manifest([fn("init", [], "float")]), "clash with the package's own `init`"),
        (manifest([fn("f", [("a", {"array": "complex128", "ndim": 1})], "float")]),  # "host" ABI: no wrapper
         "f(): parameter 'a': complex arrays and NumPy complex scalars need a build of the \"js\" ABI"),
        (manifest([fn("f", [("z", "numpy.complex128")], "float")]), "need a build of the \"js\" ABI"),
        (manifest([fn("f", [("a", {"array": "float64", "ndim": 0})], "float")]), "unsupported array type"),
        (manifest([fn("f", [], "float")], imports={"os": ["getpid"]}), "only supplies 'math'"),
        (manifest([fn("f", [], "float")], imports={"math": ["gamma"]}), "math.gamma"),
        ({**manifest([]), "format": 2}, "manifest format"),
    ]
    for m, msg in bad:
        out = tmp_path / "out"
        with pytest.raises(ValueError, match=msg.replace("(", r"\(").replace(")", r"\)")):
            write_package(FakeBuild(wasm, m), out, name="ok", version="0.1.0")
        assert not out.exists()
    with pytest.raises(UnsupportedSignature):
        typescript_declarations(bad[1][0])


RESERVED_WAT = """
(module
  (global (export "py2wasm_exc") (mut i32) (i32.const 0))
  (func (export "delete") (param f64 f64) (result f64) (f64.sub (local.get 0) (local.get 1)))
  (func (export "swap") (param f64 i64) (result i64 f64) (local.get 1) (local.get 0))
  (func (export "one") (result f64) (f64.const 1))
  (func (export "single") (param f64) (result f64) (local.get 0)))
"""


def test_reserved_words_as_names_and_odd_tuples(tmp_path):
    """A function named `delete`, parameters `new` and `await`, a docstring
    containing `*/`, a one-element tuple result and no parameters: the
    generated JS runs and the declarations typecheck."""
    m = manifest([
        fn("delete", [("new", "float"), ("await", "float")], "float", doc="Subtract. */ not the end"),
        fn("swap", [("p", {"tuple": ["float", "int"]})], {"tuple": ["int", "float"]}),
        fn("one", [], "float"),
        fn("single", [("x", "float")], {"tuple": ["float"]}),
    ], module="odd")
    out = write_package(FakeBuild(wasmtime.wat2wasm(RESERVED_WAT), m), tmp_path / "odd", name="odd", version="0.1.0")
    dts = (out / "index.d.ts").read_text()
    assert "declare function $f0(new_: number, await_: number): number;\nexport { $f0 as delete };" in dts
    assert "Subtract. *\\/ not the end" in dts
    (tmp_path / "use.mjs").write_text(
        'import * as m from "./odd/index.js";\n'
        'const out = [m.delete(5, 3), m.swap([1.5, 7]), m.one(), m.single(2.5)];\n'
        'try { m.delete(1) } catch (e) { out.push(e.message) }\n'
        'try { m.one(1) } catch (e) { out.push(e.message) }\n'
        'console.log(JSON.stringify(out));\n')
    got = json.loads(run([node(), "use.mjs"], cwd=tmp_path).stdout)
    assert got == [2, [7, 1.5], 1, [2.5], "delete(new, await) takes 2 arguments, got 1", "one() takes 0 arguments, got 1"]
    (tmp_path / "use.ts").write_text(
        'import * as m from "./odd/index.js";\n'
        'const a: number = m.delete(5, 3);\nconst b: readonly [number, number] = m.swap([1.5, 7]);\n'
        'const c: readonly [number] = m.single(2.5);\nconsole.log(a, b, c, m.one());\n')
    (tmp_path / "package.json").write_text('{"type": "module"}')
    p = tsc(tmp_path, "use.ts")
    assert p.returncode == 0, p.stdout


def test_pure_generators_agree_with_write_package(packages):
    """The playground calls the pure functions; they produce the written files."""
    from py2wasm.cli import _build
    b = _build(str(ROOT / "examples" / "fma.py"), (), "3", "fma")
    assert typescript_declarations(b.manifest) == (packages["fma"] / "index.d.ts").read_text()
    js = javascript_module(b.manifest, name="fma", auto=None)
    written = (packages["fma"] / "core.js").read_text()
    assert written.endswith(js)  # the written file adds a header comment
    assert readme(b.manifest, name="fma", version="0.1.0") == (packages["fma"] / "README.md").read_text()
    assert package_json(b.manifest, name="fma", version="0.1.0") == json.loads((packages["fma"] / "package.json").read_text())


def test_formatted_exception_messages_and_arena_reset_in_generated_js():
    """An exception entry with run-time values ("args") becomes a function of
    the exports; scalar wrappers reset py2wasm_heap only in modules that
    allocate (their table has the arena's MemoryError); fma's do not."""
    from py2wasm.ir.messages import ALLOC_FAILED
    exc = {
        "1": {"type": "IndexError", "message": "index {0} is out of bounds for axis 0 with size {1}", "args": 2,
              "file": "m.py", "line": 4, "source": "return a[i]"},
        "2": {"type": "MemoryError", "message": ALLOC_FAILED, "file": "m.py", "line": 3, "source": "a = np.zeros(n)"},
        "3": {"type": "ValueError", "message": "{} and {{literal}} {}", "args": 2, "file": "", "line": 0, "source": ""},
    }
    js = javascript_module(manifest([fn("f", [("n", "int")], "float")], exceptions=exc))
    assert ('1:["IndexError",$g=>"index "+$g.py2wasm_exc_arg0.value+" is out of bounds for axis 0 with size "'
            '+$g.py2wasm_exc_arg1.value+" (m.py:4: return a[i])"]') in js
    assert '3:["ValueError",$g=>""+$g.py2wasm_exc_arg0.value+" and {literal} "+$g.py2wasm_exc_arg1.value]' in js
    assert "($s.e.py2wasm_heap.value=16n,$s.e.f($0))" in js
    no_alloc = javascript_module(manifest([fn("f", [("n", "int")], "float")], exceptions={"1": exc["1"]}))
    assert "py2wasm_heap" not in no_alloc
    for bad in ("index {0:>5}", "index {0!r}", "index {x}", "index {2}"):
        with pytest.raises(UnsupportedSignature, match="exception message template"):
            javascript_module(manifest([fn("f", [], "float")], exceptions={"1": {**exc["1"], "message": bad}}))


def test_array_wrappers_use_array_pieces_only_when_needed(packages):
    """Scalar packages carry no array code; array signatures check, copy in,
    copy back in finally and copy results out."""
    fma = (packages["fma"] / "index.js").read_text()
    assert "$arr" not in fma and "$ain" not in fma and "py2wasm_heap" not in fma
    m = manifest([fn("g", [("a", {"array": "float64", "ndim": 2}), ("k", "int")],
                     {"tuple": [{"array": "int64", "ndim": 1}, "bool"]})])
    js = javascript_module(m)
    assert ('const $0=$arr(a,0,2,"g","a");const $4=$int(k,"g","k");let $c,$r;try{$c=$ain($s,[$0]);'
            '$r=$s.e.g($0.a,$0.b[0],$0.b[1],$4)}catch($e){throw $trap($e,$s)}finally{$c&&$c.b()}'
            'return [$c.o(2,$r[0],[$r[1]]),$r[2]!==0];') in js
    dts = typescript_declarations(m)
    assert "export declare function g(a: NDArray<Float64Array, 2>, k: number): readonly [BigInt64Array, boolean];" in dts
    assert "export interface NDArray<T extends TypedArray, N extends number> {" in dts
    assert "NDArray" not in typescript_declarations(manifest([fn("h", [("a", {"array": "bool", "ndim": 1})], "int")]))
