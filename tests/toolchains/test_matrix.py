"""The toolchain matrix: a package from `py2wasm build`, packed with
`npm pack`, used from every JavaScript toolchain we promise, with the
versions pinned in tests/toolchains/package-lock.json (installed by
scripts/setup-toolchains.sh with `npm ci`).

Place in the pipeline: end-to-end tests of the last stage (`package`:
entries.py, loader.py, the package.json writer, readme.py's recipes).

Two packages of tests/toolchains/demo.py:
- `p2w-demo`, the default (the wasm inlined): every toolchain with no
  configuration at all;
- `p2w-demo-files` (`--no-inline-wasm`: .wasm files next to the JS): the
  toolchains that need no configuration for it, and the generated README's
  recipes for the others.
Each case runs the toolchain in a project folder under tests/toolchains/work/
(Node finds the pinned tools in tests/toolchains/node_modules and the
package in the project's node_modules), runs or loads the result (Node, or
headless Chromium through tests/package/browser_driver.mjs), and checks the
numbers, `loaded()`, and for pages a console without errors. A missing tool
fails the test; nothing is skipped.
"""
from __future__ import annotations

import http.server
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TOOLS = HERE / "node_modules"
APPS = HERE / "apps"
DRIVER = ROOT / "tests" / "package" / "browser_driver.mjs"
INLINE, FILES = "p2w-demo", "p2w-demo-files"
EXPECTED = {"fma": -1, "scaled": 7, "scaled2": 11, "total": 7}


def node() -> str:
    exe = shutil.which("node")
    if not exe:
        pytest.fail("node is not installed")
    return exe


def tool(rel: str) -> Path:
    p = TOOLS / rel
    if not p.exists():
        pytest.fail(f"{p} is missing: run scripts/setup.sh (scripts/setup-toolchains.sh)")
    return p


def run(cmd, cwd, check=True, timeout=240, env=None) -> subprocess.CompletedProcess:
    p = subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True, timeout=timeout,
                       env={**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "0", **(env or {})}, stdin=subprocess.DEVNULL)
    if check and p.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, cmd))} failed ({p.returncode}):\n{p.stdout[-4000:]}\n{p.stderr[-4000:]}")
    return p


def check_result(result) -> None:
    assert isinstance(result, dict), result
    assert {k: result.get(k) for k in EXPECTED} == EXPECTED, result
    assert result.get("loaded") in ("mvp", "simd", "relaxed-simd"), result


def node_result(cmd, cwd) -> dict:
    """Run a Node program that prints the result as JSON on its last line."""
    out = run(cmd, cwd).stdout.strip().splitlines()
    assert out, "no output"
    return json.loads(out[-1])


@pytest.fixture(scope="session")
def app() -> Path:
    """A project with both packages installed from their tarballs."""
    node()
    (HERE / "work").mkdir(exist_ok=True)
    d = Path(tempfile.mkdtemp(prefix="run-", dir=HERE / "work"))
    dist = d / "dist"
    for name, extra in ((INLINE, []), (FILES, ["--no-inline-wasm"])):
        run([sys.executable, "-m", "py2wasm.cli", "build", HERE / "demo.py", "-o", dist / name, "--name", name,
             "--license", "MIT", "--description", "toolchain matrix demo", *extra], cwd=ROOT)
    tarballs = d / "tarballs"
    tarballs.mkdir()
    for name in (INLINE, FILES):
        info = json.loads(run(["npm", "pack", "--json", "--pack-destination", tarballs, dist / name], cwd=d).stdout)
        (tarballs / f"{name}.tgz").write_bytes((tarballs / info[0]["filename"]).read_bytes())
    a = d / "app"
    a.mkdir()
    (a / "package.json").write_text(json.dumps({"name": "matrix-app", "private": True}))
    run(["npm", "install", "--offline", "--no-audit", "--no-fund", "--loglevel=error",
         tarballs / f"{INLINE}.tgz", tarballs / f"{FILES}.tgz"], cwd=a)
    yield a
    shutil.rmtree(d, ignore_errors=True)


def case(app: Path, name: str, pkg: str = INLINE, page: str | None = None, pkg_json: dict | None = None) -> Path:
    """A project folder for one case: compute.js importing `pkg`, and the
    page or worker app files when `page` is "page" or "worker"."""
    d = app / name
    shutil.rmtree(d, ignore_errors=True)
    d.mkdir()
    (d / "compute.js").write_text((APPS / "compute.js").read_text().replace('"PKG"', json.dumps(pkg)))
    if page:
        script = {"page": "page.js", "worker": "worker-page.js"}[page]
        shutil.copy(APPS / script, d / script)
        if page == "worker":
            shutil.copy(APPS / "worker.js", d / "worker.js")
        (d / "index.html").write_text((APPS / "index.html").read_text().replace("SCRIPT", script))
    if pkg_json is not None:
        (d / "package.json").write_text(json.dumps(pkg_json))
    return d


def browse(*urls: str) -> dict:
    p = run([node(), DRIVER, *urls], ROOT, env={"PY2WASM_JS_DIR": str(HERE)}, timeout=180)
    return json.loads(p.stdout)


def check_page(url: str) -> None:
    got = browse(url)[url]
    assert got["errors"] == [], got
    check_result(got["result"])


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".js": "text/javascript", ".mjs": "text/javascript"}

    def log_message(self, *a):
        pass


def serve_and_check(directory: Path, path: str = "/index.html") -> None:
    """Serve a built site statically and check its page in Chromium."""
    handler = lambda *a, **k: _Handler(*a, directory=str(directory), **k)  # noqa: E731
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    try:
        check_page(f"http://127.0.0.1:{srv.server_address[1]}{path}")
    finally:
        srv.shutdown()
        srv.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def vite_bin(v: int) -> Path:
    return tool(f"vite{v}/bin/vite.js")


def dev_server_check(cmd, cwd, port: int) -> None:
    """Start a dev server, wait for it, check its page, stop it."""
    log = tempfile.TemporaryFile(mode="w+")
    p = subprocess.Popen([str(c) for c in cmd], cwd=cwd, stdout=log, stderr=subprocess.STDOUT,
                         stdin=subprocess.DEVNULL, start_new_session=True,
                         env={**os.environ, "NO_COLOR": "1", "BROWSER": "none"})
    url = f"http://127.0.0.1:{port}/index.html"
    try:
        deadline = time.monotonic() + 60
        while True:
            if p.poll() is not None:
                log.seek(0)
                raise AssertionError(f"dev server exited ({p.returncode}):\n{log.read()[-4000:]}")
            try:
                urllib.request.urlopen(url, timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise AssertionError("dev server did not start in 60 s")
                time.sleep(0.3)
        try:
            check_page(url)
        except AssertionError as e:
            log.seek(0)
            raise AssertionError(f"{e}\nserver log:\n{log.read()[-3000:]}") from None
    finally:
        os.killpg(p.pid, signal.SIGTERM)
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
        log.close()


# ---------------------------------------------------------------- Node, TypeScript, test runners

def test_node_require(app):
    d = case(app, "node-require")
    (d / "main.cjs").write_text(f'const m = require("{INLINE}");\n'
                                'console.log(JSON.stringify({fma: m.fma(3, -1, 2), scaled: m.scaled(3), '
                                'scaled2: m.scaled(3, 3, 2), total: m.total(new Float64Array([1, 2, 3])), loaded: m.loaded()}));\n')
    check_result(node_result([node(), "main.cjs"], d))


def test_node_esm(app):
    d = case(app, "node-esm")
    (d / "main.mjs").write_text('import { result } from "./compute.js";\nconsole.log(JSON.stringify(result));\n')
    (d / "package.json").write_text('{"type": "module"}')
    check_result(node_result([node(), "main.mjs"], d))


@pytest.mark.parametrize("pkg", [INLINE, FILES])
@pytest.mark.parametrize("kind", ["commonjs", "module"])
def test_typescript_project(app, kind, pkg):
    """A strict TypeScript project (nodenext) type-checks, emits CommonJS or
    ESM, and runs: `require` gets index.cjs / index.d.cts."""
    d = case(app, f"ts-{kind}-{pkg}", pkg=pkg, pkg_json={"type": kind})
    (d / "compute.js").unlink()
    (d / "main.ts").write_text(
        f'import {{ fma, scaled, total, loaded, initSync }} from "{pkg}";\n'
        f'import {{ init }} from "{pkg}/manual";\n'
        "const r: { fma: number; scaled: number; scaled2: number; total: number; loaded: string | undefined } =\n"
        "  { fma: fma(3, -1, 2), scaled: scaled(3), scaled2: scaled(3, 3, 2), total: total(new Float64Array([1, 2, 3])), loaded: loaded() };\n"
        "const f: (b: Uint8Array) => void = initSync;\n"
        "const g: () => Promise<void> = init;\n"
        "void f; void g;\n"
        "console.log(JSON.stringify(r));\n")
    (d / "bad.ts").write_text(f'import {{ scaled }} from "{pkg}";\nscaled();\nscaled(1, 2, 3, 4);\n')
    (d / "tsconfig.json").write_text(json.dumps({"compilerOptions": {
        "module": "nodenext", "moduleResolution": "nodenext", "target": "es2022", "strict": True,
        "outDir": "out", "skipLibCheck": False, "types": []}, "files": ["main.ts"]}))
    run([node(), tool("typescript/bin/tsc"), "-p", "."], d)
    js = (d / "out" / "main.js").read_text()
    assert ("require(" in js) == (kind == "commonjs"), js
    check_result(node_result([node(), "out/main.js"], d))
    (d / "tsconfig.bad.json").write_text(json.dumps({"extends": "./tsconfig.json", "files": ["bad.ts"],
                                                      "compilerOptions": {"noEmit": True, "pretty": False}}))
    bad = run([node(), tool("typescript/bin/tsc"), "-p", "tsconfig.bad.json"], d, check=False)
    assert bad.returncode != 0 and "bad.ts(2," in bad.stdout and "bad.ts(3," in bad.stdout, bad.stdout


@pytest.mark.parametrize("pkg", [INLINE, FILES])
def test_jest_babel(app, pkg):
    """Jest's default setup: babel (preset-env) turns `import` into
    `require`, which gets the synchronous CommonJS entry (the file-based
    package reads its .wasm with fs)."""
    d = case(app, f"jest-{pkg}", pkg=pkg, pkg_json={"name": "jest-case", "private": True})
    preset = str(tool("@babel/preset-env"))
    (d / "babel.config.js").write_text(
        f"module.exports = {{ presets: [[{json.dumps(preset)}, {{ targets: {{ node: 'current' }} }}]] }};\n")
    (d / "demo.test.js").write_text(
        'import { result } from "./compute.js";\n'
        f"test('the package computes', () => {{ expect(result).toMatchObject({json.dumps(EXPECTED)}); }});\n")
    p = run([node(), tool("jest/bin/jest.js"), "--rootDir", d, "--ci", "--colors=false"], d, check=False)
    assert p.returncode == 0 and "1 passed" in p.stderr, p.stdout + p.stderr


@pytest.mark.parametrize("pkg", [INLINE, FILES])
def test_vitest(app, pkg):
    d = case(app, f"vitest-{pkg}", pkg=pkg, pkg_json={"type": "module"})
    (d / "demo.test.js").write_text(
        'import { test, expect } from "vitest";\nimport { result } from "./compute.js";\n'
        f"test('the package computes', () => {{ expect(result).toMatchObject({json.dumps(EXPECTED)}); }});\n")
    p = run([node(), tool("vitest/vitest.mjs"), "run", "--root", d], d, check=False)
    assert p.returncode == 0 and "1 passed" in p.stdout, p.stdout + p.stderr


# ---------------------------------------------------------------- bundlers run in Node

MAIN_PRINT = 'import { result } from "./compute.js";\nconsole.log(JSON.stringify(result));\n'


@pytest.mark.parametrize("fmt", ["default", "esm"])
def test_esbuild(app, fmt):
    """esbuild --bundle (default: iife, browser platform) with no options."""
    d = case(app, f"esbuild-{fmt}")
    (d / "main.js").write_text(MAIN_PRINT)
    out = "out.mjs" if fmt == "esm" else "out.js"
    p = run([tool("esbuild/bin/esbuild"), "main.js", "--bundle", f"--outfile={out}",
             *(["--format=esm"] if fmt == "esm" else [])], d)
    assert "warning" not in p.stderr.lower(), p.stderr
    check_result(node_result([node(), out], d))


def test_rollup(app):
    d = case(app, "rollup")
    (d / "main.js").write_text(MAIN_PRINT)
    resolve = tool("@rollup/plugin-node-resolve/dist/es/index.js")
    (d / "rollup.config.mjs").write_text(
        f"import {{ nodeResolve }} from {json.dumps(resolve.as_uri())};\n"
        "export default { input: 'main.js', output: { file: 'out.mjs', format: 'es' }, plugins: [nodeResolve()] };\n")
    p = run([node(), tool("rollup/dist/bin/rollup"), "-c"], d)
    assert "(!)" not in p.stderr, p.stderr
    check_result(node_result([node(), "out.mjs"], d))


# ---------------------------------------------------------------- bundlers and dev servers in Chromium

@pytest.mark.parametrize("pkg", [INLINE, FILES])
def test_webpack(app, pkg):
    """webpack 5 with no configuration file (production mode), the page in
    Chromium. The file-based package's .wasm is emitted as an asset."""
    d = case(app, f"webpack-{pkg}", pkg=pkg, page="page")
    shutil.move(d / "page.js", d / "src.js")
    p = run([node(), tool("webpack-cli/bin/cli.js"), "--mode", "production", "--entry", "./src.js",
             "--output-path", d / "site", "--no-color"], d)
    assert "WARNING" not in p.stdout and "ERROR" not in p.stdout, p.stdout
    (d / "site" / "index.html").write_text((APPS / "index.html").read_text()
                                           .replace('type="module" src="./SCRIPT"', 'src="./main.js"'))
    serve_and_check(d / "site")


@pytest.mark.parametrize("v", [5, 6, 7, 8])
def test_vite_build(app, v):
    """`vite build` with no configuration; the built site in Chromium."""
    d = case(app, f"vite{v}-build", page="page")
    p = run([node(), vite_bin(v), "build", "--outDir", "site", "--logLevel", "warn"], d)
    assert "warn" not in (p.stdout + p.stderr).lower(), p.stdout + p.stderr
    serve_and_check(d / "site")


@pytest.mark.parametrize("v", [5, 6, 7, 8])
def test_vite_dev(app, v):
    """`vite` (dev server, dependency pre-bundling) with no configuration."""
    d = case(app, f"vite{v}-dev", page="page")
    port = free_port()
    dev_server_check([node(), vite_bin(v), "--port", port, "--strictPort", "--host", "127.0.0.1"], d, port)


@pytest.mark.parametrize("v", [5, 8])
def test_vite_worker_build(app, v):
    """A module Worker bundled by `vite build` in Vite's default worker
    format (iife), with no configuration."""
    d = case(app, f"vite{v}-worker", page="worker")
    run([node(), vite_bin(v), "build", "--outDir", "site", "--logLevel", "warn"], d)
    serve_and_check(d / "site")


@pytest.mark.parametrize("pkg", [INLINE, FILES])
def test_browser_without_a_bundler(app, pkg):
    """A plain page importing the package through an import map."""
    d = case(app, f"importmap-{pkg}", pkg=pkg, page="page")
    html = (d / "index.html").read_text().replace(
        "<body>", f'<body><script type="importmap">{{"imports": {{"{pkg}": "../node_modules/{pkg}/index.js"}}}}</script>')
    (d / "index.html").write_text(html)
    serve_and_check(app, f"/{d.name}/index.html")


# ---------------------------------------------------------------- the file-based package and its README recipes

def test_files_node_require_and_import(app):
    """--no-inline-wasm: require reads the .wasm with fs synchronously;
    import loads it with top-level await."""
    d = case(app, "files-node", pkg=FILES)
    (d / "main.cjs").write_text(f'const m = require("{FILES}");\n'
                                'console.log(JSON.stringify({fma: m.fma(3, -1, 2), scaled: m.scaled(3), '
                                'scaled2: m.scaled(3, 3, 2), total: m.total(new Float64Array([1, 2, 3])), loaded: m.loaded()}));\n')
    check_result(node_result([node(), "main.cjs"], d))
    (d / "main.mjs").write_text(MAIN_PRINT)
    check_result(node_result([node(), "main.mjs"], d))


def test_files_esbuild_recipe(app):
    """The README's esbuild recipe: the /manual entry, the .wasm embedded
    with --loader:.wasm=binary, initSync; default format (iife)."""
    d = case(app, "files-esbuild")
    (d / "main.js").write_text(
        f'import {{ initSync, fma, scaled, total, loaded }} from "{FILES}/manual";\n'
        f'import wasm from "{FILES}/demo.wasm";\n'
        "initSync(wasm);\n"
        "console.log(JSON.stringify({fma: fma(3, -1, 2), scaled: scaled(3), scaled2: scaled(3, 3, 2), "
        "total: total(new Float64Array([1, 2, 3])), loaded: loaded()}));\n")
    run([tool("esbuild/bin/esbuild"), "main.js", "--bundle", "--outfile=out.js", "--loader:.wasm=binary", "--target=es2022"], d)
    check_result(node_result([node(), "out.js"], d))


def test_files_rollup_recipe(app):
    """The README's rollup recipe for the file-based package: the /manual
    entry, the .wasm copied next to the bundle, init with its URL."""
    d = case(app, "files-rollup")
    (d / "main.js").write_text(
        f'import {{ init, fma, scaled, total, loaded }} from "{FILES}/manual";\n'
        'await init(new URL("./demo.wasm", import.meta.url));\n'
        "console.log(JSON.stringify({fma: fma(3, -1, 2), scaled: scaled(3), scaled2: scaled(3, 3, 2), "
        "total: total(new Float64Array([1, 2, 3])), loaded: loaded()}));\n")
    resolve = tool("@rollup/plugin-node-resolve/dist/es/index.js")
    (d / "rollup.config.mjs").write_text(
        f"import {{ nodeResolve }} from {json.dumps(resolve.as_uri())};\n"
        "export default { input: 'main.js', output: { file: 'out/main.mjs', format: 'es' }, plugins: [nodeResolve()] };\n")
    run([node(), tool("rollup/dist/bin/rollup"), "-c"], d)
    shutil.copy(app / "node_modules" / FILES / "demo.wasm", d / "out" / "demo.wasm")
    check_result(node_result([node(), "out/main.mjs"], d))


VITE_RECIPE = {5: {"optimizeDeps": {"exclude": [FILES]}, "build": {"target": "es2022"}},
               6: {"optimizeDeps": {"exclude": [FILES]}, "build": {"target": "es2022"}},
               7: {"optimizeDeps": {"exclude": [FILES]}},
               8: {}}


@pytest.mark.parametrize("v", [5, 6, 7, 8])
def test_files_vite_recipe(app, v):
    """The README's Vite recipe for the file-based package, dev and build."""
    d = case(app, f"files-vite{v}", pkg=FILES, page="page")
    (d / "vite.config.mjs").write_text(f"export default {json.dumps(VITE_RECIPE[v])};\n")
    run([node(), vite_bin(v), "build", "--outDir", "site", "--logLevel", "warn"], d)
    serve_and_check(d / "site")
    port = free_port()
    dev_server_check([node(), vite_bin(v), "--port", port, "--strictPort", "--host", "127.0.0.1"], d, port)


def test_files_vite_worker_recipe(app):
    """The README's Vite worker recipe for the file-based package (its
    top-level await needs ES module workers): `worker: { format: "es" }`."""
    d = case(app, "files-vite8-worker", pkg=FILES, page="worker")
    (d / "vite.config.mjs").write_text('export default { worker: { format: "es" } };\n')
    run([node(), vite_bin(8), "build", "--outDir", "site", "--logLevel", "warn"], d)
    serve_and_check(d / "site")


# ---------------------------------------------------------------- the packed tarball

@pytest.mark.parametrize("pkg", [INLINE, FILES])
def test_publint_and_attw(app, pkg):
    tgz = app.parent / "tarballs" / f"{pkg}.tgz"
    p = run([node(), tool("publint/src/cli.js"), "--strict", tgz], app, check=False)
    assert p.returncode == 0 and "All good" in p.stdout, p.stdout + p.stderr
    p = run([node(), tool("@arethetypeswrong/cli/dist/index.js"), tgz, "--format", "ascii"], app, check=False)
    assert p.returncode == 0 and "No problems found" in p.stdout, p.stdout + p.stderr
