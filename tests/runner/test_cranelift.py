"""runner/cranelift.py: the largest function body of a wasm binary and the
Cranelift level chosen from it."""
import wasmtime

import py2wasm
from py2wasm.runner import cranelift, engine


def _leb(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _section(sid, payload):
    return bytes([sid]) + _leb(len(payload)) + payload


def _module(body_sizes):
    """() -> () functions whose bodies are `nop`s (sizes in bytes, >= 2)."""
    types = _section(1, b"\x01\x60\x00\x00")
    funcs = _section(3, _leb(len(body_sizes)) + b"\x00" * len(body_sizes))
    bodies = b"".join(_leb(n) + b"\x00" + b"\x01" * (n - 2) + b"\x0b" for n in body_sizes)
    code = _section(10, _leb(len(body_sizes)) + bodies)
    return b"\x00asm\x01\x00\x00\x00" + types + funcs + code


def test_largest_body_of_a_handmade_module():
    for sizes in ([2], [5, 300, 17], [200_000, 3]):
        wasm = _module(sizes)
        wasmtime.Module.validate(engine(), wasm)  # a valid module
        assert cranelift.largest_body(wasm) == max(sizes)
    assert cranelift.largest_body(b"\x00asm\x01\x00\x00\x00") == 0
    assert cranelift.largest_body(b"\x00asm\x01\x00\x00\x00\x0a\x05\x01") == 0  # truncated


def test_level_follows_the_largest_body():
    assert cranelift.opt_level(_module([100, cranelift.LARGE_BODY])) == "speed"
    assert cranelift.opt_level(_module([100, cranelift.LARGE_BODY + 1])) == "none"


def test_a_large_function_runs_at_level_none(tmp_path):
    src = "def f(a):\n" + "    a = a * 3 + 1\n    a = a % 1000003\n" * 3000 + "    return a\n"
    path = tmp_path / "big.py"
    path.write_text(src)
    ns = {}
    exec(compile(src, str(path), "exec"), ns)
    cf = py2wasm.compile(ns["f"])
    assert cf(7) == ns["f"](7)
    assert cranelift.largest_body(cf.wasm) > cranelift.LARGE_BODY  # compiled at "none"
    assert cf(-5) == ns["f"](-5)
