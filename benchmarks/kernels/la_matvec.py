"""Matrix-vector products in both orientations as NumPy code (the
linear-algebra table, issue 15): `A @ x` (a dot product per row) and
`x @ A` (rows of A scaled and summed)."""
import py2wasm


def ax64(a: py2wasm.f64[:, :], x: py2wasm.f64[:]) -> py2wasm.f64[:]:
    return a @ x


def xa64(x: py2wasm.f64[:], a: py2wasm.f64[:, :]) -> py2wasm.f64[:]:
    return x @ a


def ax32(a: py2wasm.f32[:, :], x: py2wasm.f32[:]) -> py2wasm.f32[:]:
    return a @ x


def xa32(x: py2wasm.f32[:], a: py2wasm.f32[:, :]) -> py2wasm.f32[:]:
    return x @ a
