"""Complex arrays through the memory API (tests/package/test_cx_memory_api.py):
functions taking and returning complex128 / complex64 arrays, for
WasmComplexArrays passed in place and kept results."""
import numpy as np
import py2wasm


def cscale(z: py2wasm.c128[:], s: np.complex128) -> None:
    z[:] = z * s


def cdot(a: py2wasm.c128[:], b: py2wasm.c128[:]) -> np.complex128:
    return np.vdot(a, b)


def csolve(a: py2wasm.c128[:, :], b: py2wasm.c128[:]) -> py2wasm.c128[:]:
    return np.linalg.solve(a, b)


def cgrid64(z: py2wasm.c64[:, :]) -> py2wasm.c64[:, :]:
    return z * np.complex64(2 - 1j)


def split(z: py2wasm.c128[:]):
    return z * 2, np.abs(z)


def total(x: py2wasm.f64[:]) -> float:
    return float(np.sum(x))
