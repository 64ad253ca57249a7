"""math.fma: the library's software fma is the correctly rounded x*y + z,
bit for bit (tests/mathlib).

Under any Python it is compared with the exact rational result rounded by
float(Fraction); when a Python 3.13 interpreter is available, the compiled
math.fma (frontend + link_math, run by the IR interpreter and as wasm through
py2wasm.compile) is also compared with CPython 3.13's math.fma, exceptions
included, and the module imports nothing.
"""
import math
import os
import shutil
import subprocess
import sys
import textwrap
from fractions import Fraction

import pytest

from py2wasm.libm.accuracy import measure
from py2wasm.libm.fma import fma


def test_fma_is_correctly_rounded():
    r = measure("fma", n=60000)
    assert r.max_ulp == 0, (r.worst, r.got, r.want)


def test_fma_hard_cases():
    # double rounding traps: the sticky bit decides
    x, y = 1.0 + 2.0**-52, 1.0 - 2.0**-53
    exact = Fraction(x) * Fraction(y) - 1  # 2**-53 - 2**-105
    assert fma(x, y, -1.0) == float(exact) == 2.0**-53 - 2.0**-105
    assert x * y - 1.0 == 0.0  # what rounding twice gives
    assert fma(1.0 + 2.0**-30, 1.0 + 2.0**-30, -(1.0 + 2.0**-29)) == 2.0**-60
    assert fma(0.1, 10.0, -1.0) == float(Fraction(0.1) * 10 - 1)
    assert fma(2.0**-1022, 2.0**-52, 0.0) == 5e-324
    assert fma(2.0**-1022, 0.75 * 2.0**-52, 0.0) == 5e-324  # rounds up in the subnormals
    assert fma(2.0**-1022, 0.5 * 2.0**-52, 0.0) == 0.0  # tie to even
    assert fma(2.0**-1022, 0.5 * 2.0**-52, 5e-324) == 1e-323
    assert math.copysign(1.0, fma(-1.0, 0.0, 0.0)) == 1.0
    assert math.copysign(1.0, fma(-1.0, 0.0, -0.0)) == -1.0
    assert fma(1.7976931348623157e308, 2.0, -1.7976931348623157e308) == 1.7976931348623157e308


def _python313():
    if sys.version_info >= (3, 13):
        return [sys.executable], {}
    exe = shutil.which("python3.13")
    if exe is None:
        return None, None
    env = dict(os.environ, PYENV_VERSION="3.13.0")
    try:
        ok = subprocess.run([exe, "-c", "import math, py2wasm; math.fma"], env=env,
                            capture_output=True, timeout=60).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        ok = False
    return ([exe], env) if ok else (None, None)


_CHECK_313 = textwrap.dedent('''
    import math, random, struct
    from py2wasm.frontend import trace
    from py2wasm.ir.interpret import interpret
    from py2wasm.passes.link_math import link_math
    from py2wasm.libm.accuracy import arguments

    def f(x: float, y: float, z: float) -> float:
        return math.fma(x, y, z)

    m = link_math(trace(f))
    assert not any(e.prim == "math" for b in m.functions["f"].blocks for e in b.eqns)
    bad = 0
    args = arguments("fma", 3000, seed=3)
    for a in args:
        try:
            want = ("ok", struct.pack("<d", math.fma(*a)))
        except Exception as e:
            want = (type(e).__name__, str(e))
        try:
            got = ("ok", struct.pack("<d", interpret(m, "f", list(a))[0]))
        except Exception as e:
            got = (type(e).__name__, str(e))
        if got != want and not (got[0] == want[0] == "ok" and
                                math.isnan(struct.unpack("<d", got[1])[0]) and
                                math.isnan(struct.unpack("<d", want[1])[0])):
            bad += 1
            print("MISMATCH", a, got, want)
    import py2wasm
    cf = py2wasm.compile(f)
    for a in args[:1500]:
        try:
            want = ("ok", struct.pack("<d", math.fma(*a)))
        except Exception as e:
            want = (type(e).__name__, str(e))
        try:
            got = ("ok", struct.pack("<d", cf(*a)))
        except Exception as e:
            got = (type(e).__name__, str(e))
        if got != want and not (got[0] == want[0] == "ok" and
                                math.isnan(struct.unpack("<d", got[1])[0]) and
                                math.isnan(struct.unpack("<d", want[1])[0])):
            bad += 1
            print("WASM MISMATCH", a, got, want)
    build = list(cf.specializations.values())[-1].build
    assert build.manifest["imports"] == {}, build.manifest["imports"]
    print("checked", len(args), "bad", bad)
''')


def test_compiled_fma_matches_cpython_313():
    exe, env = _python313()
    if exe is None:
        pytest.skip("no Python 3.13 interpreter with py2wasm importable")
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    r = subprocess.run(exe + ["-c", _CHECK_313], env=env, cwd=root, capture_output=True,
                       text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    assert "bad 0" in r.stdout, r.stdout[-3000:]
