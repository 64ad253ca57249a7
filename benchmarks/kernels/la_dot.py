"""The 1-D dot product as NumPy code (the linear-algebra table, issue 15)."""
import numpy as np

import py2wasm


def dot64(x: py2wasm.f64[:], y: py2wasm.f64[:]) -> float:
    return float(np.dot(x, y))


def dot32(x: py2wasm.f32[:], y: py2wasm.f32[:]) -> float:
    return float(np.dot(x, y))
