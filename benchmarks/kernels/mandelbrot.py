"""Scalar loop with a helper call: escape-time iterations of a mandelbrot point,
summed over an n x n grid of points in [-2, 0.5] x [-1.25, 1.25]."""


def mandel_point(cr: float, ci: float, maxiter: int) -> int:
    zr = 0.0
    zi = 0.0
    for i in range(maxiter):
        zr2 = zr * zr
        zi2 = zi * zi
        if zr2 + zi2 > 4.0:
            return i
        zi = 2.0 * zr * zi + ci
        zr = zr2 - zi2 + cr
    return maxiter


def mandelbrot(n: int, maxiter: int) -> int:
    total = 0
    for y in range(n):
        ci = -1.25 + 2.5 * y / n
        for x in range(n):
            cr = -2.0 + 2.5 * x / n
            total += mandel_point(cr, ci, maxiter)
    return total
