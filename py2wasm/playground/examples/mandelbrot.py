"""Mandelbrot set: escape time of one point of the complex plane.

The page calls `mandelbrot` once per pixel to draw the set on a canvas.
"""


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
