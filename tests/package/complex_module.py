"""Complex numbers through the npm package (tests/package/test_complex.py)."""
import cmath


def cmul(z: complex, w: complex) -> complex:
    """The product z * w."""
    return z * w


def cdiv(z: complex, w: complex) -> complex:
    return z / w


def cpow(z: complex, n: int) -> complex:
    return z ** n


def root_and_modulus(z: complex) -> tuple[complex, float]:
    return cmath.sqrt(z), abs(z)


def mandel(c: complex, n: int) -> int:
    z = 0j
    for i in range(n):
        z = z * z + c
        if abs(z) > 2.0:
            return i
    return n


def phasor(theta: float) -> complex:
    return cmath.exp(1j * theta)


def parts(z: complex) -> tuple[float, float, complex, bool]:
    return z.real, z.imag, z.conjugate(), z == 0
