"""Realistic complex kernels compiled vs CPython: fractals, transforms,
transfer matrices, polynomial root finding, wave packets. Kernels that only
use exact complex arithmetic are compared bit for bit; those with abs or
cmath within a few ulps per part (the errors of CPython's own libm and ours
propagate through the loop)."""
import cmath
import math

import pytest

import py2wasm

from .support import INF, check_all


def julia(zr: float, zi: float, c: complex, maxit: int) -> int:
    z = complex(zr, zi)
    n = 0
    while n < maxit and z.real * z.real + z.imag * z.imag <= 4.0:
        z = z * z + c
        n += 1
    return n


def newton_fractal(z: complex, maxit: int):
    """Newton's method on z**3 - 1: the root reached and the iterations."""
    for i in range(maxit):
        dz = (z * z * z - 1) / (3 * z * z)
        z = z - dz
        if abs(dz) < 1e-12:
            return z, i
    return z, maxit


def horner(c0: complex, c1: complex, c2: complex, c3: complex, z: complex) -> complex:
    return ((c3 * z + c2) * z + c1) * z + c0


def transfer_matrix(n_layers: int, k0: float, d: float, n1: complex):
    """Reflection of a stack of thin films (2x2 complex transfer matrices as tuples)."""
    m11, m12, m21, m22 = 1 + 0j, 0j, 0j, 1 + 0j
    for j in range(n_layers):
        n = n1 if j % 2 == 0 else complex(1.5, 0.0)
        delta = k0 * n * d
        c = cmath.cos(delta)
        s = cmath.sin(delta)
        a11, a12, a21, a22 = c, 1j * s / n, 1j * n * s, c
        m11, m12, m21, m22 = (m11 * a11 + m12 * a21, m11 * a12 + m12 * a22,
                              m21 * a11 + m22 * a21, m21 * a12 + m22 * a22)
    r = (m11 + m12 - m21 - m22) / (m11 + m12 + m21 + m22)
    return r, abs(r) ** 2


def goertzel(n: int, k: int) -> complex:
    """One DFT bin of a synthetic signal with the Goertzel recurrence."""
    w = 2.0 * math.pi * k / n
    coeff = 2.0 * math.cos(w)
    s1 = 0.0
    s2 = 0.0
    for t in range(n):
        x = math.sin(0.37 * t) + 0.25 * math.cos(1.3 * t)
        s0 = x + coeff * s1 - s2
        s2 = s1
        s1 = s0
    return complex(s1 - s2 * math.cos(w), s2 * math.sin(w))


def wave_packet(n: int, k: float, sigma: float):
    """Norm and variance of a Gaussian packet psi(x) = exp(-x**2/(4 s**2) + i k x)."""
    norm = 0.0
    mean = 0.0
    acc = 0j
    for j in range(n):
        x = -10.0 + 20.0 * j / n
        psi = cmath.exp(complex(-x * x / (4 * sigma * sigma), k * x))
        p = (psi * psi.conjugate()).real
        norm += p
        mean += x * x * p
        acc += psi
    return norm, mean / norm, acc


def fft(xs):
    """A recursive radix-2 FFT on a tuple of complex (its length is known when
    compiling: the recursion and the butterflies unroll)."""
    if len(xs) == 1:
        return xs
    even = fft(xs[0::2])
    odd = fft(xs[1::2])
    lo = ()
    hi = ()
    for k in tuple(range(len(xs) // 2)):  # lengths stay known (a known int would not)
        t = cmath.exp(-2j * cmath.pi * k / len(xs)) * odd[k]
        lo = lo + (even[k] + t,)
        hi = hi + (even[k] - t,)
    return lo + hi


def fft8(a0: complex, a1: complex, a2: complex, a3: complex,
         a4: complex, a5: complex, a6: complex, a7: complex):
    return fft((a0, a1, a2, a3, a4, a5, a6, a7))


def pick_coefficient(i: int, z: complex) -> complex:
    """A run-time index into a tuple of complex coefficients."""
    coeffs = (1 + 2j, -0.5j, 3.0 + 0j, complex(0.25, -1.0), z)
    return coeffs[i] * z + coeffs[-1 - i]


def scattering_series(x: float, terms: int):
    """A Mie-like partial-wave sum with complex coefficients (recurrences)."""
    total = 0j
    phase = 1 + 0j
    q = complex(math.cos(x), math.sin(x))
    for l in range(1, terms + 1):
        phase = phase * q
        a = phase * (2 * l + 1) / (l * (l + 1) + 1j * x)
        total += a
    return total, abs(total), cmath.phase(total)


def rotate_points(n: int, theta: float) -> complex:
    r = cmath.rect(1.0, theta)
    z = 1 + 0j
    acc = 0j
    for i in range(n):
        z = z * r
        acc += z.conjugate() * (i + 1)
    return acc



def quadratic_roots(a: float, b: float, c: float):
    d = cmath.sqrt(b * b - 4 * a * c)
    return (-b + d) / (2 * a), (-b - d) / (2 * a)


def iir_response(w: float):
    """|H| and phase of H(z) = (b0 + b1 z^-1 + b2 z^-2) / (1 + a1 z^-1 + a2 z^-2) at z = e^{iw}."""
    zi = cmath.exp(-1j * w)
    num = (0.2 * zi + 0.4) * zi + 0.2
    den = (0.3 * zi - 0.5) * zi + 1.0
    h = num / den
    return abs(h), cmath.phase(h)


def series_exp(z: complex, terms: int) -> complex:
    """exp(z) by its power series (term recurrence)."""
    total = 0j
    term = 1 + 0j
    for k in range(1, terms + 1):
        total += term
        term = term * z / k
    return total


def mobius_orbit(z: complex, n: int) -> complex:
    a, b, c, d = 1 + 1j, 0.5 + 0j, -0.25j, 1 - 0.5j
    for _ in range(n):
        z = (a * z + b) / (c * z + d)
    return z


def gauss_sum(p: int) -> complex:
    s = 0j
    for k in range(p):
        s += cmath.exp(2j * cmath.pi * (k * k % p) / p)
    return s


def newton_nth_root(a: complex, n: int, steps: int) -> complex:
    z = 1 + 0.5j
    for _ in range(steps):
        z = z - (z ** n - a) / (n * z ** (n - 1))
    return z


def burning_ship(cr: float, ci: float, maxit: int) -> int:
    z = 0j
    c = complex(cr, ci)
    for i in range(maxit):
        z = complex(abs(z.real), abs(z.imag))
        z = z * z + c
        if z.real * z.real + z.imag * z.imag > 4.0:
            return i
    return maxit


def split_step(psi: complex, energies: int, dt: float) -> complex:
    for k in range(energies):
        e = 0.5 * k * k
        psi = psi * cmath.exp(-1j * dt * e)
        psi = psi / abs(psi) if abs(psi) > 0 else psi
    return psi


def susceptibility(w: float, w0: float, gamma: float):
    chi = 1.0 / complex(w0 * w0 - w * w, -gamma * w)
    return chi.real, chi.imag, abs(chi) ** 2


def jones(theta: float, delta: float):
    """A wave plate (retardance delta, axis theta) applied to horizontal light."""
    c, s = math.cos(theta), math.sin(theta)
    e = cmath.exp(1j * delta)
    m11 = c * c + e * s * s
    m12 = (1 - e) * c * s
    m21 = (1 - e) * c * s
    m22 = s * s + e * c * c
    ex, ey = m11 * 1 + m12 * 0, m21 * 1 + m22 * 0
    return abs(ex) ** 2, abs(ey) ** 2, cmath.phase(ey) if ey != 0 else 0.0

KERNELS = [
    (julia, [(x / 10.0, y / 10.0, -0.8 + 0.156j, 300) for x in range(-15, 16, 5)
             for y in range(-10, 11, 5)], 0),
    (horner, [(1 + 2j, -0.5j, 3.0 + 0j, 0.25 - 1j, z) for z in
              (0j, 1 + 1j, complex(1e154, 1e154), complex(-0.0, 2), complex(math.inf, 0))], 0),
    # cos/sin of the step differ from glibc's by up to 1 ulp; the sum cancels
    (rotate_points, [(50, 0.1), (17, -2.5), (0, 1.0)], 1024),
    (newton_fractal, [(complex(x, y), 50) for x in (-1.5, -0.3, 0.4, 1.2) for y in (-1.1, 0.2, 0.9)],
     8),
    (transfer_matrix, [(10, 2.0, 0.3, 2.0 + 0.1j), (3, 1.0, 1.0, 1.2 - 0.05j)], 64),
    (goertzel, [(64, 3), (100, 7), (5, 0)], 16),
    (wave_packet, [(200, 1.5, 1.0), (50, -3.0, 0.5)], 64),
    (fft8, [(1 + 0j, 2j, 3 + 0j, -1 + 0j, 0.5j, 0j, 2 + 2j, -3j)], 8),
    (pick_coefficient, [(0, 1j), (4, 2 + 0j), (-5, 1 + 1j), (5, 1j), (-6, 1j)], 0),
    (quadratic_roots, [(1.0, 2.0, 5.0), (1.0, -3.0, 2.0), (2.0, 0.0, 0.0), (1.0, 0.0, -0.0), (-1.0, 1e-8, 1.0)], 2),
    (iir_response, [(0.0,), (0.5,), (math.pi,), (-2.0,)], 8),
    (series_exp, [(1 + 1j, 30), (-2 + 0.5j, 40), (0j, 3)], 0),
    (mobius_orbit, [(0.1 + 0.2j, 20), (complex(INF, 0), 3), (0j, 1)], 0),
    (gauss_sum, [(5,), (7,), (13,)], 256),
    (newton_nth_root, [(2 + 0j, 3, 20), (1j, 4, 25), (-8 + 0j, 3, 30)], 16),
    (burning_ship, [(x / 5.0, y / 5.0, 100) for x in range(-10, 5, 3) for y in range(-10, 5, 3)], 0),
    (split_step, [(1 + 0j, 20, 0.01), (0.6 + 0.8j, 50, 0.1)], 64),
    (susceptibility, [(1.0, 2.0, 0.1), (2.0, 2.0, 0.1), (0.0, 1.0, 0.0)], 2),
    (jones, [(0.3, math.pi / 2), (0.0, 1.0), (math.pi / 4, math.pi)], 16),
    (scattering_series, [(0.5, 10), (3.0, 25), (10.0, 40)], 16),
]


@pytest.mark.parametrize("fn, args, ulps", KERNELS, ids=[k[0].__name__ for k in KERNELS])
def test_kernel(fn, args, ulps):
    check_all(fn, py2wasm.compile(fn), args, ulps=ulps)
