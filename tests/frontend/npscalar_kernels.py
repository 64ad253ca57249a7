"""A corpus of realistic kernels using NumPy-scalar coefficients and narrow
integer data (linear-algebra updates with np.float64/np.float32 alpha and
beta, signal processing on int16 samples, image code on uint8/uint16), each
with argument sets (test_npscalar_kernels.py compiles and compares them with
NumPy bit for bit). Matrix products use integer-valued data so that the
order of summation (NumPy's BLAS vs py2wasm's loops) cannot matter."""
from __future__ import annotations

import numpy as np

ALPHA = np.float64(1.5)
HALF32 = np.float32(0.5)


def gemm(alpha, beta, C, A, B):
    C[:] = alpha * A @ B + beta * C


def gemv(alpha, beta, A, x, y):
    y[:] = alpha * (A @ x) + beta * y
    return y


def axpy32(alpha, x, y):
    y += alpha * x
    return y


def scal_loop(alpha, x):
    for i in range(x.shape[0]):
        x[i] = alpha * x[i]
    return x


def gain_saturate16(x, g):
    return np.clip(x * g, -32768, 32767).astype(np.int16)


def fir16(x, h):
    n, m = x.shape[0], h.shape[0]
    out = np.zeros(n, dtype=np.int32)
    for i in range(n):
        acc = np.int32(0)
        for k in range(m):
            if i - k >= 0:
                acc += np.int32(x[i - k]) * h[k]
        out[i] = acc
    return out


def moving_average16(x, w):
    n = x.shape[0]
    out = np.zeros(n - w + 1)
    s = np.int64(0)
    for i in range(w):
        s += x[i]
    out[0] = s / w
    for i in range(w, n):
        s += np.int64(x[i]) - x[i - w]
        out[i - w + 1] = s / w
    return out


def rms16(x):
    return np.sqrt(np.mean(x.astype(np.float64) ** 2))


def zero_crossings16(x):
    c = 0
    for i in range(1, x.shape[0]):
        if (x[i - 1] < 0) != (x[i] < 0):
            c += 1
    return c


def peaks16(x):
    count = np.int64(0)
    for i in range(1, x.shape[0] - 1):
        if x[i] > x[i - 1] and x[i] > x[i + 1]:
            count += 1
    return count


def leaky32(x, a):
    y = np.zeros(x.shape[0], dtype=np.float32)
    prev = np.float32(0)
    for i in range(x.shape[0]):
        prev = a * prev + (np.float32(1) - a) * x[i]
        y[i] = prev
    return y


def dot32_loop(x, y):
    s = np.float32(0)
    for i in range(x.shape[0]):
        s += x[i] * y[i]
    return s


def kahan32(x):
    s = np.float32(0)
    c = np.float32(0)
    for i in range(x.shape[0]):
        yv = x[i] - c
        t = s + yv
        c = (t - s) - yv
        s = t
    return s


def brightness_contrast8(img, contrast, bright):
    f = (img.astype(np.float32) - 128) * contrast + 128 + bright
    return np.clip(f, 0, 255).astype(np.uint8)


def gray8(rgb):
    r = rgb[:, :, 0]
    g = rgb[:, :, 1]
    b = rgb[:, :, 2]
    return (0.299 * r + 0.587 * g + 0.114 * b).astype(np.uint8)


def threshold8(img, t):
    return (img > t).astype(np.uint8) * 255


def blend8(a, b, alpha):
    w = np.uint16(alpha)
    return ((a.astype(np.uint16) * w + b.astype(np.uint16) * (255 - w)) // 255).astype(np.uint8)


def lut8(img, gamma):
    lut = np.zeros(256, dtype=np.uint8)
    for v in range(256):
        lut[v] = np.uint8(255.0 * (v / 255.0) ** gamma)
    out = np.zeros(img.shape[0], dtype=np.uint8)
    for i in range(img.shape[0]):
        out[i] = lut[img[i]]
    return out


def histogram16(img, bins):
    hist = np.zeros(bins, dtype=np.int64)
    width = 65536 // bins
    for i in range(img.shape[0]):
        hist[img[i] // width] += 1
    return hist


def box3_16(img):
    a = img.astype(np.uint32)
    return ((a[:-2] + a[1:-1] + a[2:]) // 3).astype(np.uint16)


def normalize16(img):
    return img / np.float32(65535)


def wrap_sum16(x):
    s = np.int16(0)
    for i in range(x.shape[0]):
        s += x[i]
    return s


def jacobi_w(a, w):
    b = a.copy()
    b[1:-1] = a[1:-1] + w * (a[:-2] - 2 * a[1:-1] + a[2:])
    return b


def horner(x):
    c = (np.float64(0.5), np.float64(-1.25), ALPHA, np.float64(2.0))
    r = np.float64(0)
    for k in c:
        r = r * x + k
    return r


def saxpy_int32(a, x, y):
    return a * x + y


def escape32(cr, n):
    x = np.float32(0)
    for i in range(n):
        x = x * x + cr
        if abs(x) > np.float32(2):
            return i
    return n


def mixed_promote(a8, b16, u8, s):
    return a8 + b16, u8 * s, a8 * HALF32, u8 + np.int8(1)


def _rng():
    return np.random.default_rng(20261206)


def cases():
    """(kernel, [argument tuples])."""
    r = _rng()
    ints = lambda lo, hi, *shape, dt=np.float64: r.integers(lo, hi, shape).astype(dt)  # noqa: E731
    i16 = lambda n: r.integers(-32768, 32768, n).astype(np.int16)  # noqa: E731
    u8 = lambda *s: r.integers(0, 256, s).astype(np.uint8)  # noqa: E731
    u16 = lambda n: r.integers(0, 65536, n).astype(np.uint16)  # noqa: E731
    f32 = lambda n: r.standard_normal(n).astype(np.float32)  # noqa: E731
    return [
        (gemm, [(np.float64(1.5), np.float64(1.2), ints(-4, 5, 3, 4), ints(-4, 5, 3, 5),
                 ints(-4, 5, 5, 4)), (ALPHA, np.float64(0.0), ints(-4, 5, 2, 2),
                                      ints(-4, 5, 2, 3), ints(-4, 5, 3, 2))]),
        (gemv, [(np.float64(-2.0), np.float64(0.25), ints(-5, 5, 4, 3), ints(-5, 5, 3),
                 ints(-5, 5, 4))]),
        (axpy32, [(np.float32(0.1), f32(9), f32(9)), (np.float32(3e38), f32(4), f32(4))]),
        (scal_loop, [(np.float32(1.1), f32(7)), (np.float64(0.3), r.standard_normal(5))]),
        (gain_saturate16, [(i16(12), np.float32(1.9)), (i16(5), 0.25)]),
        (fir16, [(i16(16), np.array([3, -2, 7, 1], dtype=np.int16))]),
        (moving_average16, [(i16(20), 4)]),
        (rms16, [(i16(33),)]),
        (zero_crossings16, [(i16(40),)]),
        (peaks16, [(i16(40),), (np.zeros(2, np.int16),)]),
        (leaky32, [(f32(15), np.float32(0.9))]),
        (dot32_loop, [(f32(17), f32(17)), (np.zeros(0, np.float32), np.zeros(0, np.float32))]),
        (kahan32, [(f32(50) * np.float32(1e4),)]),
        (brightness_contrast8, [(u8(4, 5), np.float32(1.3), np.float32(-20)), (u8(6), 0.5, 40)]),
        (gray8, [(u8(3, 4, 3),)]),
        (threshold8, [(u8(10), np.uint8(128)), (u8(2, 3), np.uint8(0))]),
        (blend8, [(u8(8), u8(8), np.uint8(77))]),
        (lut8, [(u8(20), np.float64(0.45))]),
        (histogram16, [(u16(50), 8)]),
        (box3_16, [(u16(12),)]),
        (normalize16, [(u16(6),)]),
        (wrap_sum16, [(i16(30),)]),
        (jacobi_w, [(r.standard_normal(9), np.float64(0.25)), (f32(6), np.float32(0.25))]),
        (horner, [(np.float64(0.7),), (np.float64(-3.0),), (1.5,)]),
        (saxpy_int32, [(np.int32(70000), r.integers(-2**31, 2**31, 6).astype(np.int32),
                        r.integers(-2**31, 2**31, 6).astype(np.int32))]),
        (escape32, [(np.float32(0.3), 50), (np.float32(-2.5), 50), (np.float32(0.25), 10)]),
        (mixed_promote, [(r.integers(-128, 128, 5).astype(np.int8), i16(5), u8(5), 3),
                         (np.array([127], np.int8), np.array([-1], np.int16),
                          np.array([255], np.uint8), np.uint8(2))]),
    ]
