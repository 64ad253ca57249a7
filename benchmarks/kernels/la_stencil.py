"""Stencils on slices as NumPy code (the linear-algebra table, issue 15):
the 2-D Jacobi sweep of PolyBench and a 7-point 3-D heat sweep, `steps`
times from a into b and back, in place on the caller's arrays."""
import py2wasm


def jacobi2d(steps: int, a: py2wasm.f64[:, :], b: py2wasm.f64[:, :]) -> None:
    for _ in range(steps):
        b[1:-1, 1:-1] = 0.2 * (a[1:-1, 1:-1] + a[1:-1, :-2] + a[1:-1, 2:] + a[2:, 1:-1] + a[:-2, 1:-1])
        a[1:-1, 1:-1] = 0.2 * (b[1:-1, 1:-1] + b[1:-1, :-2] + b[1:-1, 2:] + b[2:, 1:-1] + b[:-2, 1:-1])


def heat3d(steps: int, a: py2wasm.f64[:, :, :], b: py2wasm.f64[:, :, :]) -> None:
    c = 1.0 / 7.0
    for _ in range(steps):
        b[1:-1, 1:-1, 1:-1] = c * (a[1:-1, 1:-1, 1:-1] + a[:-2, 1:-1, 1:-1] + a[2:, 1:-1, 1:-1]
                                   + a[1:-1, :-2, 1:-1] + a[1:-1, 2:, 1:-1]
                                   + a[1:-1, 1:-1, :-2] + a[1:-1, 1:-1, 2:])
        a[1:-1, 1:-1, 1:-1] = c * (b[1:-1, 1:-1, 1:-1] + b[:-2, 1:-1, 1:-1] + b[2:, 1:-1, 1:-1]
                                   + b[1:-1, :-2, 1:-1] + b[1:-1, 2:, 1:-1]
                                   + b[1:-1, 1:-1, :-2] + b[1:-1, 1:-1, 2:])
