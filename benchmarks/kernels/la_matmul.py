"""Matrix products as NumPy code (the linear-algebra table, issue 15): what
`a @ b` costs in each engine. py2wasm runs its blocked, register-tiled
kernel; the C version is the loop a C programmer writes for row-major data."""
import py2wasm


def matmul64(a: py2wasm.f64[:, :], b: py2wasm.f64[:, :]) -> py2wasm.f64[:, :]:
    return a @ b


def matmul32(a: py2wasm.f32[:, :], b: py2wasm.f32[:, :]) -> py2wasm.f32[:, :]:
    return a @ b
