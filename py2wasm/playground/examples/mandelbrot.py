"""Mandelbrot set: escape time of one point of the complex plane, and of a
whole grid of points.

The page draws the set on a canvas twice: calling `mandelbrot` once per
pixel (60,000 calls from JavaScript, each crossing the JS-wasm boundary),
and calling `mandelbrot_grid` once, which loops over the grid inside wasm.
"""
import numpy as np
import numpy.typing as npt


def mandelbrot(cx: float, cy: float, max_iter: int) -> int:
    """Number of iterations before z = z*z + c leaves the radius-2 disc."""
    x = 0.0
    y = 0.0
    for i in range(max_iter):
        x2 = x * x
        y2 = y * y
        if x2 + y2 > 4.0:
            return i
        y = 2.0 * x * y + cy
        x = x2 - y2 + cx
    return max_iter


def mandelbrot_grid(width: int, height: int, x0: float, x1: float, y0: float, y1: float,
                    max_iter: int) -> npt.NDArray[np.int32]:
    """Escape times of a height x width grid over [x0, x1] x [y0, y1] (row 0 at y1)."""
    out = np.zeros((height, width), dtype=np.int32)
    for j in range(height):
        cy = y1 - (y1 - y0) * j / (height - 1)
        for i in range(width):
            out[j, i] = mandelbrot(x0 + (x1 - x0) * i / (width - 1), cy, max_iter)
    return out
