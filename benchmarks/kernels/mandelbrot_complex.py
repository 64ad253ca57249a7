"""mandelbrot.py written with Python complex numbers: `z = z * z + c` (the
escape test on the squared modulus, as in mandelbrot.py, so both kernels
compute the same iteration counts bit for bit)."""


def mandel_point(c: complex, maxiter: int) -> int:
    z = 0j
    for i in range(maxiter):
        if z.real * z.real + z.imag * z.imag > 4.0:
            return i
        z = z * z + c
    return maxiter


def mandelbrot_complex(n: int, maxiter: int) -> int:
    total = 0
    for y in range(n):
        ci = -1.25 + 2.5 * y / n
        for x in range(n):
            total += mandel_point(complex(-2.0 + 2.5 * x / n, ci), maxiter)
    return total
