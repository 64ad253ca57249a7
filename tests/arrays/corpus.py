"""The differential corpus of array functions: each entry is a Python function
and the argument sets it runs on (NumPy arrays of several shapes, including
empty, length-1 and non-contiguous views). Every function is compiled and
compared with NumPy by tests/arrays/test_corpus.py.
"""
from __future__ import annotations

import numpy as np

R = np.random.default_rng(1234)


def f64(*shape, lo=-3.0, hi=3.0):
    return R.uniform(lo, hi, size=shape)


def i64(*shape, lo=-20, hi=20, dtype=np.int64):
    return R.integers(lo, hi, size=shape).astype(dtype)


# --- elementwise ----------------------------------------------------------------------------

def ew_add(a, b): return a + b
def ew_sub(a, b): return a - b
def ew_mul(a, b): return a * b
def ew_div(a, b): return a / b
def ew_floordiv(a, b): return a // b
def ew_mod(a, b): return a % b
def ew_pow_scalar(a): return a ** 2
def ew_pow_float(a): return np.abs(a) ** 0.5
def ew_neg(a): return -a
def ew_pos(a): return +a
def ew_abs(a): return abs(a)
def ew_cmp(a, b): return a < b, a <= b, a == b, a != b, a > b, a >= b
def ew_scalar_mix(a, x: float): return (a * x + 1) / (x - a)
def ew_int_scalar(a, k: int): return a * k - k
def ew_fused(a, b, c): return np.sqrt(a * a + b * b) * c
def ew_chain(a): return ((a + 1.0) * 2.0 - a / 3.0) ** 2


UNARY_FLOAT = ["sqrt", "exp", "log", "log1p", "expm1", "sin", "cos", "tan", "arcsin",
               "arccos", "arctan", "sinh", "cosh", "tanh", "abs", "fabs", "sign", "floor",
               "ceil", "trunc", "rint", "negative", "square", "reciprocal", "isnan", "isinf",
               "isfinite", "logical_not", "log2", "log10", "arcsinh"]
BINARY_FLOAT = ["arctan2", "hypot", "maximum", "minimum", "fmax", "fmin", "power",
                "logical_and", "logical_or", "logical_xor", "add", "subtract", "multiply",
                "divide", "floor_divide", "remainder"]


def _unary(name):
    fn = getattr(np, name)

    def f(a):
        return fn(a)
    f.__name__ = f"np_{name}"
    return f


def _binary(name):
    fn = getattr(np, name)

    def f(a, b):
        return fn(a, b)
    f.__name__ = f"np_{name}"
    return f


def np_where(a, b): return np.where(a > 0, a, b)
def np_where_scalar(a): return np.where(a > 0, a, 0.0)
def np_clip(a): return np.clip(a, -1.0, 1.5)
def np_clip_method(a): return a.clip(-1, 1)
def np_round(a): return np.round(a)


# --- indexing and views ------------------------------------------------------------------------

def ix_get(a, i: int): return a[i]
def ix_get2(m, i: int, j: int): return m[i, j], m[i][j]
def ix_set(a, i: int, x: float):
    a[i] = x
    return a.sum()
def ix_slices(a): return a[1:], a[:-1], a[::2], a[::-1], a[1:-1:3], a[-3:], a[5:1:-1]
def ix_sym_slice(a, i: int, j: int): return a[i:j], a[i:], a[:j], a[j:i:-1]
def ix_2d_views(m): return m[1:, :2], m[:, 1], m[1], m.T, m[::-1, ::-1], m[None, :, 0], m[..., -1]
def ix_slice_assign(a, b):
    a[1:-1] = b[1:-1] * 2.0
    a[0] = -1.0
def ix_broadcast_assign(m, v):
    m[:, :] = v
    m[0] = 5.0
def ix_assign_self_overlap(a):
    a[1:] = a[:-1] + 1.0
def ix_for_row(m):
    s = 0.0
    for row in m:
        for v in row:
            s += v * v
    return s
def ix_for_vals(a):
    n = 0
    for v in a:
        if v > 0:
            n += 1
    return n
def ix_loop_index(a):
    s = 0.0
    for i in range(len(a)):
        s += a[i] * i
    return s
def ix_newaxis_outer(a, b): return a[:, None] * b[None, :]
def ix_strided_in(m): return m[::2, 1::2] * 2.0


# --- attributes and methods --------------------------------------------------------------------

def at_shape(m): return m.shape, m.ndim, m.size, len(m)
def at_reshape(a): return a.reshape(2, -1), a.reshape((-1,)), np.reshape(a, (a.size // 2, 2))
def at_ravel(m): return m.ravel(), m.flatten(), m.T.ravel(), np.ravel(m)
def at_copy(m):
    c = m.copy()
    c[0, 0] = 99.0
    return c, m
def at_astype(a): return a.astype(np.int32), a.astype(np.float32), a.astype(np.int64), a.astype(bool), a.astype(np.uint8)
def at_transpose(t): return t.transpose(), t.transpose(1, 0, 2), np.transpose(t, (2, 0, 1))
def at_fill(a, x: float):
    a.fill(x)
def at_inplace_ops(a, b):
    a += b
    a -= 1.0
    a *= b
    a /= 2.0
def at_inplace_int(a):
    a += 3
    a *= 2
    a //= 3


# --- reductions --------------------------------------------------------------------------------

def rd_all(a): return np.sum(a), np.prod(a), np.mean(a), a.sum(), a.mean()
def rd_minmax(a): return np.min(a), np.max(a), a.argmin(), a.argmax(), np.amin(a), np.amax(a)
def rd_stats(a): return np.std(a), np.var(a), a.std(), a.var(ddof=1)
def rd_bool(a): return np.any(a > 1), np.all(a > -10), (a > 0).any(), (a > 0).all()
def rd_axis0(m): return m.sum(axis=0), m.max(axis=0), m.min(axis=-1), m.mean(axis=1)
def rd_axis_keep(m): return m.sum(axis=1, keepdims=True), np.max(m, axis=0, keepdims=True)
def rd_axis_tuple(t): return t.sum(axis=(0, 2)), t.max(axis=(1,)), t.mean(axis=(0, 1))
def rd_arg_axis(m): return m.argmax(axis=0), m.argmin(axis=1)
def rd_std_axis(m): return m.std(axis=0), m.var(axis=1)
def rd_cumsum(a): return np.cumsum(a), a.cumprod()
def rd_cumsum_axis(m): return np.cumsum(m, axis=0), m.cumsum(axis=1), np.cumprod(m, axis=1)
def rd_fused(a, b): return np.sum((a - b) ** 2)
def rd_int(a): return a.sum(), a.max(), a.min(), a.prod(), a.mean()


# --- creation ----------------------------------------------------------------------------------

def cr_basic(n: int): return np.zeros(n), np.ones(n), np.full(n, 7.5), np.zeros((n, 2), dtype=np.int32)
def cr_like(a): return np.zeros_like(a), np.ones_like(a), np.full_like(a, 3), np.empty_like(a).shape
def cr_arange(n: int): return np.arange(n), np.arange(2, n), np.arange(n, 0, -2), np.arange(0.0, n, 0.5)
def cr_linspace(n: int): return np.linspace(0.0, 1.0, n), np.linspace(-1, 1, n, endpoint=False)
def cr_eye(n: int): return np.eye(n), np.identity(n), np.eye(n, n + 1, 1), np.eye(3, dtype=np.int32)
def cr_array(x: float): return np.array((1.0, x, 3.0)), np.array(((1, 2), (3, 4))), np.array((x, 2.0), dtype=np.float32)
def cr_empty_shape(n: int): return np.empty((n, 3)).shape


# --- linear algebra ------------------------------------------------------------------------------

def la_matmul(a, b): return a @ b
def la_dot(a, b): return np.dot(a, b)
def la_matvec(m, v): return m @ v, v @ m.T
def la_matmul_fn(a, b): return np.matmul(a, b)
def la_outer(a, b): return np.outer(a, b)
def la_inner(a, b): return np.inner(a, b), a.dot(b)
def la_trace(m): return np.trace(m)
def la_batched(a, b): return a @ b


# --- joining -----------------------------------------------------------------------------------

def jn_concat(a, b): return np.concatenate((a, b)), np.concatenate((a, b, a))
def jn_concat2d(m, n): return np.concatenate((m, n), axis=0), np.concatenate((m, m), axis=1)
def jn_stack(a, b): return np.stack((a, b)), np.stack((a, b), axis=1), np.vstack((a, b)), np.hstack((a, b))


# --- kernels -------------------------------------------------------------------------------------

def softmax(x):
    e = np.exp(x - np.max(x))
    return e / np.sum(e)


def softmax_rows(x):
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def jacobi_2d(steps: int, a, b) -> None:
    for _ in range(steps):
        b[1:-1, 1:-1] = 0.2 * (a[1:-1, 1:-1] + a[1:-1, :-2] + a[1:-1, 2:] + a[2:, 1:-1]
                               + a[:-2, 1:-1])
        a[1:-1, 1:-1] = 0.2 * (b[1:-1, 1:-1] + b[1:-1, :-2] + b[1:-1, 2:] + b[2:, 1:-1]
                               + b[:-2, 1:-1])


def stencil_1d(a):
    out = np.zeros_like(a)
    out[1:-1] = (a[:-2] + 2.0 * a[1:-1] + a[2:]) / 4.0
    return out


def pairwise_dist(x):
    n = x.shape[0]
    d = np.empty((n, n))
    for i in range(n):
        for j in range(n):
            d[i, j] = np.sqrt(np.sum((x[i] - x[j]) ** 2))
    return d


def pairwise_broadcast(x):
    diff = x[:, None, :] - x[None, :, :]
    return np.sqrt((diff * diff).sum(axis=2))


def histogram(a, nbins: int):
    h = np.zeros(nbins, dtype=np.int64)
    lo = a.min()
    hi = a.max()
    w = (hi - lo) / nbins
    for v in a:
        k = int((v - lo) / w) if w > 0 else 0
        if k >= nbins:
            k = nbins - 1
        h[k] += 1
    return h


def mlp_layer(x, w, b):
    return np.maximum(x @ w + b, 0.0)


def mandelbrot(n: int, maxit: int):
    out = np.zeros((n, n), dtype=np.int32)
    for i in range(n):
        for j in range(n):
            cr = -2.0 + 2.5 * j / n
            ci = -1.25 + 2.5 * i / n
            zr = 0.0
            zi = 0.0
            k = 0
            while k < maxit and zr * zr + zi * zi < 4.0:
                zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
                k += 1
            out[i, j] = k
    return out


def nbody_step(pos, vel, mass, dt: float):
    n = pos.shape[0]
    acc = np.zeros_like(pos)
    for i in range(n):
        for j in range(n):
            if i != j:
                d = pos[j] - pos[i]
                r2 = np.sum(d * d) + 0.01
                acc[i] += mass[j] * d / (r2 * np.sqrt(r2))
    vel += acc * dt
    pos += vel * dt
    return np.sum(vel * vel)


def normalize_rows(m):
    return m / np.sqrt((m * m).sum(axis=1, keepdims=True))


def running_mean(a, k: int):
    c = np.cumsum(a)
    out = np.empty(len(a) - k + 1)
    out[0] = c[k - 1] / k
    out[1:] = (c[k:] - c[:-k]) / k
    return out


def poly_eval(x, c):
    r = np.zeros_like(x)
    for k in range(len(c)):
        r = r * x + c[k]
    return r


def saxpy(a: float, x, y):
    y[:] = a * x + y


def count_positive_rows(m):
    return (m > 0).sum(axis=1)


def float32_kernel(a, b):
    return a * b + 1.5


def helper_scale(a, s: float):
    return a * s


def call_helper(a):
    return helper_scale(a, 2.0) + helper_scale(a, 3.0)


def swap_loop(a, b, steps: int):
    for _ in range(steps):
        b[:] = a * 0.5
        a, b = b, a
    return a.sum() + b.sum()


def matmul_chain(a, b, c):
    return (a @ b) @ c


def tuple_result(a):
    return a.min(), a.max(), a * 2.0


def logistic(x):
    return 1.0 / (1.0 + np.exp(-x))


def relu_grad(x, g):
    return np.where(x > 0, g, 0.0)


def cosine_sim(a, b):
    return np.dot(a, b) / (np.sqrt(np.dot(a, a)) * np.sqrt(np.dot(b, b)))


def variance_manual(a):
    m = a.mean()
    return ((a - m) ** 2).mean()


def clamp_inplace(a):
    a[a.size - 1] = 0.0
    a[:] = np.clip(a, -1.0, 1.0)


def uint8_image(img):
    return (img // 2 + img // 4).astype(np.uint8), img.astype(np.float64) / 255.0


def int32_ops(a, b):
    return a + b, a * b, a // 3, a % 5, -a, np.abs(a), a.sum(), a.max()


def bool_ops(a, b):
    return a & b, a | b, a ^ b, ~a, np.logical_and(a, b), a.sum(), a.any(), a.all()


def float32_ops(a, b):
    return a + b, a * b, a / b, np.sqrt(np.abs(a)), a.sum(), a.max(), (a * 2.0).dtype == np.float32


def list_literals(x: float):
    return np.array([1.0, 2.0, x]), np.array([[1, 2], [3, 4]]), np.array([x, 2], dtype=np.float32)


def list_args(a, b):
    s = 0.0
    for v in [a, b]:
        s += v.sum()
    return np.stack([a, b]), np.concatenate([a, b, a]), np.vstack([a, b]), s


def division_edges(a, b):
    return a // b, a % b, a / b


def cast_edges(a):
    return a.astype(np.int64), a.astype(np.int32), a.astype(bool), a.astype(np.uint8)


def mixed_compare(a, b):
    return a < b, a == b, np.maximum(a, b), np.where(a > 0, a, b)


def round_decimals(a):
    return np.round(a, 2), np.round(a, -2), a.round(1), np.around(a)


def keepdims_all(m):
    return (np.argmax(m, keepdims=True), m.min(keepdims=True), m.sum(keepdims=True),
            m.mean(keepdims=True), m.any(keepdims=True), np.argmin(m, axis=1, keepdims=True))


def pending_then_fill(a):
    # the pending a + 1.0 is computed before fill() writes a (NumPy's order)
    return a + 1.0, a.fill(0.0), a * 1.0


def pending_then_store(a):
    a[0], b = 5.0, a + 1.0  # b is computed before a[0] is written
    return b


def misc_api(a, x: float):
    b = np.asarray(a)
    c = np.ascontiguousarray(a[::2])
    return (np.sqrt(x), np.exp(x), np.maximum(x, 1.0), np.float64(x), np.int64(3),
            a[:1].item(), np.shape(a), np.size(a), np.ndim(a), np.vdot(a, a), b.sum(),
            c, np.amin(a), np.amax(a), np.reshape(a, (-1, 1)).shape, np.transpose(a).shape,
            np.pi * a[0], np.log(np.abs(x) + 1.0))


def int_power(a, b):
    return a ** b, a ** 3, np.power(a, 2)


def mask_get(a):
    return a[a > 0.5], a[a > 0.5].sum(), a[a > 10].shape


def mask_set(a, b):
    a[a > 0.5] = 0.0
    b[b < 0.3] = b[b < 0.3] * 10
    return a.sum() + b.sum()


def mask_index(a, m):
    return a[m]


def mask_assign(a, v):
    a[a > 2] = v


def mask_inplace(a):
    a[a > 0.5] += 1.0
    a[a < 0.2] *= -1.0
