"""cmath: py2wasm/libm/cmath.py (run in CPython) against CPython's cmath,
and compiled code against both (frontend/cmathlib.py).

- exceptions (ValueError/OverflowError) exactly where CPython raises them;
- special values (an infinite or NaN part: CPython's C99 tables and
  explicit cases) and points on the branch cuts (signed zeros decide the
  side) bit for bit;
- accuracy on finite arguments, against mpmath: each part within 1 ulp of
  CPython's, or no further from the exact value than CPython's own result
  is (2 ulps for the product formulas of exp/cos/sin/cosh/sinh/log10, 4
  for tan/tanh, whose formulas CPython also evaluates with a few ulps of
  error);
- compiled code equals the library run in CPython bit for bit (the same
  IEEE operations), and raises at the caller's line.
"""
import cmath
import itertools
import math
import random

import pytest

import py2wasm
from py2wasm.libm import cmath as lib

from .support import INF, NAN, SPECIAL, check_all, outcome, same_outcome, ulp_diff

NAMES = ["sqrt", "exp", "log", "log10", "cos", "sin", "tan", "cosh", "sinh", "tanh", "acos",
         "asin", "atan", "acosh", "asinh", "atanh"]
EXTRA = [1.0 + 2**-52, 1 - 2**-53, 0.71, 1.73, 1e-310, 2.2250738585072014e-308, 1e154,
         1.4e154, 1e308, 0.25, 700.0, 710.0, -710.0, 1.5707963267948966, math.pi]
GRID = [complex(a, b) for a in SPECIAL + EXTRA for b in SPECIAL + EXTRA]
# on and next to the branch cuts: both signs of zero, tiny offsets
CUTS = [complex(x, s * t) for x in (-3.0, -1.5, -1.0, -0.5, 0.5, 1.0, 1.5, 3.0, -1e300)
        for s in (1, -1) for t in (0.0, 5e-324, 1e-300, 1e-8)]
CUTS += [complex(s * t, y) for y in (-3.0, -1.5, -1.0, 1.0, 1.5, 3.0, 1e300)
         for s in (1, -1) for t in (0.0, 5e-324, 1e-300, 1e-8)]
_rng = random.Random(7)
RANDOM = [complex(_rng.uniform(-1, 1) * 10**_rng.randint(-8, 8),
                  _rng.uniform(-1, 1) * 10**_rng.randint(-8, 8)) for _ in range(400)]
RANDOM += [complex(_rng.uniform(-3, 3), _rng.uniform(-3, 3)) for _ in range(400)]
TOLERANCE = {"exp": 2, "cos": 2, "sin": 2, "cosh": 2, "sinh": 2, "log10": 2, "tan": 4,
             "tanh": 4}


def _exact(name, z):
    """The value of cmath function `name` at z to 120 bits (mpmath), or None
    where mpmath is not installed (the 3.12/3.13 environments here: the
    accuracy checks then only bound the distance to CPython's value, 16x the
    tolerance; exceptions and special values are checked exactly anyway)."""
    try:
        import mpmath
    except ImportError:
        return None
    mpmath.mp.prec = 120
    fn = {"log10": lambda w: mpmath.log(w, 10)}.get(name) or getattr(mpmath, name)
    return fn(mpmath.mpc(z.real, z.imag))

ERRORS = {0: "ok", lib.EDOM: "ValueError", lib.ERANGE: "OverflowError"}


def _lib_outcome(name, z):
    re, im, err = lib.FUNCTIONS[name](z.real, z.imag)
    return (ERRORS[err], complex(re, im) if err == 0 else None)


def _cpython_outcome(name, z):
    try:
        return ("ok", getattr(cmath, name)(z))
    except ValueError:
        return ("ValueError", None)
    except OverflowError:
        return ("OverflowError", None)


@pytest.mark.parametrize("name", NAMES)
def test_library_special_values_and_branch_cuts_exact(name):
    """Exceptions everywhere; values bit for bit where a part is not finite
    and on the cuts (up to the accuracy tolerance for the finite cut points)."""
    bad = []
    for z in GRID + CUTS:
        got, want = _lib_outcome(name, z), _cpython_outcome(name, z)
        if got[0] != want[0]:
            bad.append((z, got, want))
            continue
        if got[0] != "ok":
            continue
        special = not (math.isfinite(z.real) and math.isfinite(z.imag))
        if special:
            if ulp_diff(got[1].real, want[1].real) or ulp_diff(got[1].imag, want[1].imag):
                bad.append((z, got, want))
        elif not _accurate(name, z, got[1], want[1]):
            bad.append((z, got, want))
    assert not bad, f"{name}: {len(bad)} mismatches, e.g. {bad[:4]}"


def _accurate(name, z, got, want):
    """Each part within 1 ulp of CPython's, or no further from the exact
    value than max(tolerance, CPython's distance)."""
    tol = TOLERANCE.get(name, 1)
    exact = None
    for part in ("real", "imag"):
        g, w = getattr(got, part), getattr(want, part)
        if ulp_diff(g, w) <= 1:
            continue
        if exact is None:
            exact = _exact(name, z)
            if exact is None:  # no reference: a coarse bound (the 3.11 run has mpmath)
                return ulp_diff(got.real, want.real) <= 16 * tol and \
                    ulp_diff(got.imag, want.imag) <= 16 * tol
        x = float(getattr(exact, part))
        if ulp_diff(g, x) > max(tol, ulp_diff(w, x)):
            return False
    return True


@pytest.mark.parametrize("name", NAMES)
def test_library_accuracy_vs_exact(name):
    """Each part within 1 ulp of CPython's, or at most as far from the exact
    value as CPython's (with the documented tolerance)."""
    bad = []
    tol = TOLERANCE.get(name, 1)
    for z in RANDOM:
        got, want = _lib_outcome(name, z), _cpython_outcome(name, z)
        assert got[0] == want[0], (z, got, want)
        if got[0] != "ok":
            continue
        if not _accurate(name, z, got[1], want[1]):
            bad.append((z, got[1], want[1]))
    assert not bad, f"{name}: {len(bad)} parts too far, e.g. {bad[:4]}"


def test_rect_phase_polar_library():
    vals = SPECIAL + EXTRA
    for r, phi in itertools.product(vals, vals):
        re, im, err = lib.rect(r, phi)
        want = _cpython_outcome_rect(r, phi)
        assert ERRORS[err] == want[0], (r, phi)
        if err == 0:
            tol = 0 if not (math.isfinite(r) and math.isfinite(phi)) else 1
            assert ulp_diff(re, want[1].real) <= tol and ulp_diff(im, want[1].imag) <= tol, \
                (r, phi, complex(re, im), want)


def _cpython_outcome_rect(r, phi):
    try:
        return ("ok", cmath.rect(r, phi))
    except ValueError:
        return ("ValueError", None)
    except OverflowError:
        return ("OverflowError", None)


# --- compiled -------------------------------------------------------------------------

def _compiled_each(name):
    ns = {"cmath": cmath}
    exec(f"def f(z):\n    return cmath.{name}(z)\n", ns)
    return ns["f"]


@pytest.mark.parametrize("name", NAMES)
def test_compiled_equals_library_bit_for_bit(name):
    fn = _compiled_each(name)
    c = py2wasm.compile(fn)
    bad = []
    for z in GRID[::3] + CUTS + RANDOM[::4]:
        got = outcome(c, (z,))
        lib_got = _lib_outcome(name, z)
        want = outcome(fn, (z,))
        if got[0] != want[0]:  # exception type and CPython's message
            bad.append((z, got, want))
        elif got[0] != "ok":
            if got[1] != want[1]:
                bad.append((z, got, want))
        elif not same_outcome(got, ("ok", lib_got[1])):
            bad.append((z, got, lib_got))
    assert not bad, f"{name}: {len(bad)} mismatches, e.g. {bad[:4]}"


def test_compiled_real_arguments_and_other_functions():
    def f(x, y):
        return (cmath.sqrt(x), cmath.log(x, y), cmath.phase(complex(x, y)),
                cmath.polar(complex(x, y)), cmath.rect(x, y), cmath.isnan(complex(x, y)),
                cmath.isinf(complex(x, y)), cmath.isfinite(complex(x, y)), cmath.exp(x * 1j),
                cmath.log10(y))
    c = py2wasm.compile(f)
    vals = [0.0, -0.0, 1.0, -1.0, 2.0, 0.5, 1e300, -1e-300, INF, -INF, NAN]
    check_all(f, c, list(itertools.product(vals, vals)), ulps=2)


def test_phase_underflow_is_overflow_error():
    def f(z):
        return cmath.phase(z)
    c = py2wasm.compile(f)
    check_all(f, c, [(complex(1e300, -1e-300),), (complex(1e300, 5e-324),), (complex(1e300, -1e-10),),
                     (complex(-1e300, -1e-300),), (complex(INF, -1.0),), (complex(1e300, 0.0),),
                     (complex(1e308, 1e-17),), (complex(1e300, -0.0),)])


def test_compiled_log_with_base_errors():
    def f(z, b):
        return cmath.log(z, b)
    c = py2wasm.compile(f)
    check_all(f, c, [(0j, 2.0), (2j, 1.0), (2j, 0.0), (0j, 0.0), (1 + 1j, 1j), (4 + 0j, 2.0),
                     (complex(INF, 1), 2.0), (1j, complex(NAN, 0))], ulps=2)


def test_compiled_overflow_and_domain_errors_name_the_line():
    def f(z):
        return cmath.exp(z)
    c = py2wasm.compile(f)
    with pytest.raises(OverflowError, match="math range error") as ei:
        c(complex(1000.0, 1.0))
    assert any("cmath.exp(z)" in n for n in ei.value.__notes__)
    g = py2wasm.compile(lambda z: cmath.atanh(z))
    with pytest.raises(ValueError, match="math domain error"):
        g(1 + 0j)


def test_constants_and_known_arguments_fold():
    def f(x):
        return cmath.pi * x + cmath.e + cmath.tau, cmath.infj, cmath.sqrt(-1), cmath.exp(1j * cmath.pi)
    c = py2wasm.compile(f)
    check_all(f, c, [(1.0,), (NAN,)])


def test_phasor_kernel():
    """exp(1j * theta) phasors summed (a DFT bin)."""
    def bin_power(n, k):
        acc = 0j
        for t in range(n):
            x = math.cos(0.3 * t) + 0.5 * math.sin(1.7 * t)
            acc += x * cmath.exp(-2j * cmath.pi * k * t / n)
        return abs(acc), cmath.phase(acc)
    c = py2wasm.compile(bin_power)
    check_all(bin_power, c, [(16, 1), (32, 3), (7, 0)], ulps=64)


def test_type_errors():
    def f(z):
        return cmath.sqrt((z, z))
    with pytest.raises(py2wasm.CompileError, match="must be a real number|complex"):
        py2wasm.compile(f)(1j)


from hypothesis import given, settings, strategies as st  # noqa: E402

_parts = st.one_of(st.sampled_from(SPECIAL + EXTRA), st.floats(allow_nan=True, allow_infinity=True),
                   st.floats(-4, 4))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.sampled_from(NAMES), _parts, _parts)
def test_library_hypothesis(name, x, y):
    z = complex(x, y)
    got, want = _lib_outcome(name, z), _cpython_outcome(name, z)
    assert got[0] == want[0], (name, z, got, want)
    if got[0] != "ok":
        return
    if not (math.isfinite(x) and math.isfinite(y)):
        assert ulp_diff(got[1].real, want[1].real) == 0 and \
            ulp_diff(got[1].imag, want[1].imag) == 0, (name, z, got, want)
    else:
        assert _accurate(name, z, got[1], want[1]), (name, z, got, want)


def test_isclose():
    def f(a, b, r, t):
        return (cmath.isclose(a, b), cmath.isclose(a, b, rel_tol=r), cmath.isclose(a, b, abs_tol=t),
                cmath.isclose(a, b, rel_tol=r, abs_tol=t))
    c = py2wasm.compile(f)
    zs = [1 + 1j, 1 + 1.0000000001j, complex(INF, 0), complex(INF, 1), complex(NAN, 0), 0j,
          complex(1e308, 1e308), complex(-1e308, -1e308), 1e-10j]
    check_all(f, c, [(a, b, r, t) for a in zs for b in zs for r, t in
                     ((1e-9, 0.0), (0.5, 1e-9), (-1.0, 0.0), (0.0, -1.0))])
