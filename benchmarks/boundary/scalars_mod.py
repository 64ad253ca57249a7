"""The JS boundary benchmark's scalar-only module (js_boundary.py): the same
scalar functions as arrays_mod.py in a module without memory."""


def addf(x: float, y: float) -> float:
    return x + y


def addi(x: int, y: int) -> int:
    return x + y


def both(p: bool, q: bool) -> bool:
    return p and not q


def mandel(cr: float, ci: float, maxiter: int) -> int:
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
