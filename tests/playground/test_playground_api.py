"""The compile endpoint's answer (per module: manifest, IR, WAT, d.ts, JS,
wasm, sizes; or the located CompileError) and the generated package files it
serves to the page's worker."""
from __future__ import annotations

import base64
import http.client
import json

from py2wasm.package import javascript_module, typescript_declarations


def post(server, source, **extra):
    conn = http.client.HTTPConnection(server.host, server.port, timeout=60)
    conn.request("POST", "/api/compile", body=json.dumps({"source": source, **extra}),
                 headers={"Content-Type": "application/json", "X-Py2wasm-Token": server.token})
    r = conn.getresponse()
    body = json.loads(r.read())
    conn.close()
    return r.status, body


def get(server, path):
    conn = http.client.HTTPConnection(server.host, server.port, timeout=30)
    conn.request("GET", path)
    r = conn.getresponse()
    data = r.read()
    conn.close()
    return r.status, r.getheader("Content-Type"), data


SRC = ('def scale(x: float, k: int) -> float:\n    """x times k."""\n    return x * k\n\n\n'
       'def is_pos(x: float) -> bool:\n    return x > 0\n')


def test_compile_answers_every_stage(server):
    st, r = post(server, SRC, filename="demo.py")
    assert st == 200 and r["ok"], r
    assert r["module"] == "demo"
    fns = {f["name"]: f for f in r["manifest"]["functions"]}
    assert set(fns) == {"scale", "is_pos"}
    assert fns["scale"]["params"] == [{"name": "x", "type": "float"}, {"name": "k", "type": "int"}]
    assert fns["scale"]["result"] == "float" and fns["scale"]["doc"] == "x times k."
    assert "def scale(" in r["ir"] and "def is_pos(" in r["ir"]
    assert '(export "scale"' in r["wat"] and '(export "is_pos"' in r["wat"]
    wasm = base64.b64decode(r["wasm"])
    assert wasm[:4] == b"\0asm" and r["size"] == len(wasm) and 0 < r["size_gzip"]
    # the same generators as `py2wasm build`
    assert r["dts"] == typescript_declarations(r["manifest"])
    assert r["js"] == javascript_module(r["manifest"], name="demo")
    # the worker imports the package entry; its wasm sits beside it
    st, ctype, js = get(server, "/" + r["module_url"])
    assert st == 200 and ctype.startswith("text/javascript") and js.decode() == r["js"]
    st, ctype, w = get(server, "/" + r["module_url"].replace("index.js", "demo.wasm"))
    assert st == 200 and ctype == "application/wasm" and w == wasm
    st, _, _ = get(server, "/api/module/" + "0" * 32 + "/index.js")
    assert st == 404


def test_compile_error_is_located_for_the_editor(server):
    st, r = post(server, "def f(x):\n    y = x + 1\n    return list(map(abs, [y]))\n")
    assert st == 200 and r["ok"] is False
    e = r["error"]
    assert e["kind"] == "compile" and e["line"] == 3 and e["code"].startswith("P2W")
    assert e["message"] and e["hint"]


def test_syntax_error_is_located(server):
    st, r = post(server, "def f(x):\n    return x +\n")
    assert r["error"]["kind"] == "compile" and r["error"]["line"] == 2
    assert "syntax error" in r["error"]["message"]


def test_opt_level_changes_the_build_and_bad_level_is_refused(server):
    _, o0 = post(server, SRC, opt="O0")
    _, o3 = post(server, SRC, opt="O3")
    assert o0["ok"] and o3["ok"] and o0["wat"] != o3["wat"]
    _, bad = post(server, SRC, opt="O9")
    assert bad["ok"] is False and bad["error"]["kind"] == "request"
