"""Compiled modules carry their own math (tests/mathlib, part 2): through
py2wasm.compile, every math function gives exactly the library's result
(bit for bit) and CPython's exceptions, and the wasm imports nothing."""
import linecache
import math
import struct

import pytest

import py2wasm
from py2wasm.libm import FUNCTIONS, arity
from py2wasm.libm.accuracy import arguments

NAMES = sorted(n for n in FUNCTIONS if n != "fma" or hasattr(math, "fma"))


def _leb(data: bytes, i: int):
    r = shift = 0
    while True:
        b = data[i]
        i += 1
        r |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return r, i


def wasm_section_ids(wasm: bytes) -> list[int]:
    assert wasm[:8] == b"\0asm\x01\0\0\0"
    i, ids = 8, []
    while i < len(wasm):
        sid = wasm[i]
        size, i = _leb(wasm, i + 1)
        ids.append(sid)
        i += size
    return ids


def _compile(src: str, name: str):
    path = f"<libm-wasm-{name}>"
    linecache.cache[path] = (len(src), None, src.splitlines(True), path)
    ns: dict = {}
    exec(compile(src, path, "exec"), ns)
    return ns[name]


def _last_build(cf):
    return list(cf.specializations.values())[-1].build


def _outcome(f, args):
    try:
        return ("ok", struct.pack("<d", f(*args)))
    except (ValueError, OverflowError, ZeroDivisionError) as e:
        return (type(e).__name__, str(e))


@pytest.mark.parametrize("name", NAMES)
def test_compiled_math_is_the_library(name):
    k = arity(name)
    ps = [f"a{i}" for i in range(k)]
    src = (f"import math\n\ndef w_{name}({', '.join(p + ': float' for p in ps)}) -> float:\n"
           f"    return math.{name}({', '.join(ps)})\n")
    py = _compile(src, f"w_{name}")
    cf = py2wasm.compile(py)
    lib = FUNCTIONS[name]
    args = arguments(name, 150, seed=5)
    for a in args[:80] + args[-150:]:
        got = _outcome(cf, a)
        want = _outcome(py, a)  # CPython: exceptions
        if want[0] != "ok":
            assert got == want, (name, a)
            continue
        assert got[0] == "ok", (name, a, got)
        ours = struct.pack("<d", lib(*a))
        g = struct.unpack("<d", got[1])[0]
        assert got[1] == ours or (g != g and lib(*a) != lib(*a)), (name, a, g, lib(*a))
    build = _last_build(cf)
    assert build.manifest.get("imports", {}) == {}
    assert 2 not in wasm_section_ids(build.wasm)  # no import section


def float_ops(x: float, y: float) -> float:
    return x % y + x // y + x ** y + math.sqrt(abs(x)) + math.floor(y)


def test_float_operators_import_nothing():
    cf = py2wasm.compile(float_ops)
    for a in [(7.5, 2.0), (-7.5, 2.0), (2.0, 0.5), (1e300, 3.0)]:
        assert _outcome(cf, a) == _outcome(float_ops, a)
    assert _outcome(cf, (1.0, 0.0)) == _outcome(float_ops, (1.0, 0.0))  # ZeroDivisionError
    build = _last_build(cf)
    assert build.manifest.get("imports", {}) == {}
    assert 2 not in wasm_section_ids(build.wasm)
