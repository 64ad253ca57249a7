"""The reference helpers: what the reference source (program.ref_source)
calls where py2wasm documents a deviation from CPython/NumPy, so the oracle
predicts py2wasm's documented behaviour instead of skipping the program.

Modelled deviations (README "Where py2wasm differs", docs/arrays.md):
- `int` is 64-bit: an int operation whose exact result does not fit raises
  OverflowError("integer overflow: ...") (`_chk`, `_ipow`, `_lshift`).
- `int ** negative int` and `negative float ** fractional float` raise
  ValueError (`_ipow`).
- scalars read from arrays and scalar reductions are NumPy scalars, as in
  NumPy (`_s` marks them; nothing to model since NumPy scalars landed).
- transcendental functions (and float `**`) are py2wasm's own library, within 1 ulp of
  CPython's `math` (scalars) and within a few ulp of NumPy (arrays): the
  reference takes py2wasm's values from single-function kernels (compiled
  once, mvp target) after checking them against CPython/NumPy (`_libm`).
- -0.0/+0.0 ties in maximum/minimum/fmax/fmin and max/min reductions give
  the first operand / the running result (`_r_*`).
- integer mean over axes other than the last adds sequentially (float
  sums over every axis and along one axis, and integer means over every
  axis, are NumPy's own: frontend/reduce_order.py); float matrix products
  sum in k order from 0.0, except 1-D dots and matrix-vector products that
  stream the matrix's rows, which sum in the blocked order (`_r_sum`,
  `_r_mean`, `_r_matmul`, `_r_blocked_dot`, ...).
"""
from __future__ import annotations

import math
import struct
import warnings

import numpy as np

INT64_MIN, INT64_MAX = -2**63, 2**63 - 1


class ModelOverflow(OverflowError):
    """py2wasm's documented int64 overflow: compared by type and message prefix."""
    prefix = "integer overflow"


class ModelEither(Exception):
    """py2wasm may raise any of `alternatives`: where a documented run-time
    deviation meets Python's own evaluation of values known when tracing
    (the tracer folds them with CPython's semantics)."""

    def __init__(self, *alternatives):
        self.alternatives = alternatives
        super().__init__(" or ".join(f"{type(a).__name__}({a})" for a in alternatives))


class OracleMismatch(Exception):
    """py2wasm's library value is further from CPython/NumPy than documented."""


def _r_fsum(xs):
    """sum() of a list of floats: 0.0 when empty (README: CPython's int 0)."""
    return sum(xs, 0.0)


def _r_divmod(a, b):
    """divmod of two ints: both parts are int64 (README)."""
    q, m = divmod(a, b)
    return _chk(q), _chk(m)


def _chk(v):
    if type(v) is int and not (INT64_MIN <= v <= INT64_MAX):
        raise ModelOverflow("integer overflow: the result does not fit in a 64-bit int")
    return v


IPOW_MSG = ("integer ** negative integer is not supported: the result would be a float "
            "(write float(x) ** n)")
FPOW_MSG = "negative number cannot be raised to a fractional power (the result would be complex)"


def _ipow(a, b):
    if isinstance(a, np.generic) or isinstance(b, np.generic):
        return _np_pow(a, b)
    if isinstance(a, complex) or isinstance(b, complex):
        # a complex constant CPython's compiler folded (`(-255.5) ** 0.5`) met
        # at run time: CPython's complex power, which py2wasm computes too
        return a ** b
    if type(a) in (int, bool) and type(b) in (int, bool):
        if b < 0:
            raise ValueError(IPOW_MSG)
        if abs(a) <= 1:
            return int(a) ** int(b)
        if b > 64:
            raise ModelOverflow("integer overflow: the result does not fit in a 64-bit int")
        return _chk(int(a) ** int(b))
    a, b = float(a), float(b)
    if a < 0 and not math.isinf(a) and not math.isinf(b) and not math.isnan(b) and b != math.floor(b):
        try:
            a ** b  # a complex result: refused when both are known while tracing
        except Exception as e:  # e.g. OverflowError('complex exponentiation')
            raise ModelEither(ValueError(FPOW_MSG), e) from None
        raise ValueError(FPOW_MSG)
    want = a ** b  # CPython's exceptions are the reference's
    # float ** float is a transcendental function: py2wasm's library value,
    # within 1 ulp of CPython's
    try:
        got = _kernel("def k(x, y):\n    return x ** y\n", "k")(a, b)
    except Exception as e:
        raise OracleMismatch(f"{a!r} ** {b!r}: py2wasm raised {e!r}, CPython {want!r}") from None
    if _ulps(got, want) > 1:
        raise OracleMismatch(f"{a!r} ** {b!r}: py2wasm {got!r}, CPython {want!r} (> 1 ulp)")
    return _choose(("**", a, b), got, want)


def _ipow_const(a, b):
    """`**` on two constant expressions (`(-0.5) ** 3.5`): CPython's compiler
    folds a float power into a constant (its AST optimizer), so the tracer
    sees CPython's value, a complex one included, and no `**` runs
    (program._ToReference marks these). Where CPython's `**` raises it does
    not fold: the model as usual; int powers keep the int64 model."""
    if type(a) is float or type(b) is float:
        try:
            return a ** b
        except Exception:
            pass
    return _ipow(a, b)


def _np_pow(a, b):
    """`**` with a NumPy scalar: NumPy's power (no exception: inf/nan, as
    NumPy 2), float results from py2wasm's library within 1 ulp of NumPy's."""
    with np.errstate(all="ignore"):
        want = a ** b
    if _outside((a, b)):
        return want
    try:
        got = _kernel("def k(x, y):\n    return x ** y\n", "k")(a, b)
    except Exception as e:
        raise OracleMismatch(f"{a!r} ** {b!r}: py2wasm raised {e!r}, NumPy {want!r}") from None
    if type(got) is not type(want):
        raise OracleMismatch(f"{a!r} ** {b!r}: py2wasm {got!r}, NumPy {want!r} (type)")
    if isinstance(want, np.floating):
        g, w = float(got), float(want)
        same = (g != g and w != w) or g == w or _ulps(g, w) <= 1
    else:
        same = got == want
    if not same:
        raise OracleMismatch(f"{a!r} ** {b!r}: py2wasm {got!r}, NumPy {want!r}")
    return _choose(("**", a, b), got, want)


def _lshift(a, b):
    if isinstance(a, np.generic) or isinstance(b, np.generic):
        with np.errstate(all="ignore"):  # NumPy's shift: wraps, counts past the width give 0
            return a << b
    if b < 0:
        return a << b  # CPython's ValueError
    if a == 0:
        return 0
    if b >= 64:
        raise ModelOverflow("integer overflow: the result does not fit in a 64-bit int")
    return _chk(a << b)


def _s(v):
    """A scalar read from an array: a NumPy scalar of the array's dtype, in
    py2wasm as in NumPy (frontend/npscalars.py): nothing to model."""
    return v


# -- transcendental functions: py2wasm's library values, checked -------------

class _LibmChoice:
    """Which value a scalar library call takes in one reference evaluation.

    The tracer folds a call whose arguments it knows (`math.expm1(abs(1.0))`,
    `v ** 0.3` with `v = 2.0`) with CPython's own function, and the compiled
    code computes the others with py2wasm's library: the two may differ by 1
    ulp (the documented promise). Which calls are known while tracing cannot
    be read off the source in general, so the reference evaluates with
    py2wasm's values and records the calls whose two values differ
    (`differ`); the oracle accepts the compiled result if the reference
    gives it with some of those calls taking CPython's value instead
    (`folded`; oracle.run_reference). Every other operation stays bit-exact,
    and each library value is checked within 1 ulp of CPython's."""

    def __init__(self):
        self.folded: frozenset = frozenset()
        self.differ: list | None = None


LIBM = _LibmChoice()


def _key(k):
    return tuple((type(v).__name__, repr(v)) if not isinstance(v, str) else v for v in k)


def _choose(key, got, want):
    key = _key(key)
    if LIBM.differ is not None and key not in LIBM.differ and not _same_bits(got, want):
        LIBM.differ.append(key)
    return want if key in LIBM.folded else got


def _same_bits(a, b) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, (float, np.floating)):
        fa, fb = float(a), float(b)
        return (fa != fa and fb != fb) or struct.pack("<d", fa) == struct.pack("<d", fb)
    return a == b


_KERNELS: dict = {}


def _ordered(x: float) -> int:
    i = struct.unpack("<q", struct.pack("<d", x))[0]
    return i if i >= 0 else -(i & 0x7FFFFFFFFFFFFFFF)


def _ulps(a: float, b: float) -> float:
    if math.isnan(a) or math.isnan(b):
        return 0 if math.isnan(a) and math.isnan(b) else math.inf
    if math.isinf(a) or math.isinf(b):
        if a == b:
            return 0
        # within an ulp of the overflow threshold: allowed like any 1-ulp miss
        return 1 if abs(_ordered(a) - _ordered(b)) <= 1 else math.inf
    return abs(_ordered(a) - _ordered(b))


def _kernel(src: str, name: str):
    fn = _KERNELS.get(src)
    if fn is None:
        import py2wasm
        ns = {"math": math, "np": np}
        exec(src, ns)
        fn = _KERNELS[src] = py2wasm.compile(ns[name], target="mvp")
    return fn


_SUPPORTED_NP = (np.float64, np.float32, np.int64, np.int32, np.int16, np.int8, np.uint64,
                 np.uint32, np.uint16, np.uint8, np.bool_)


def _outside(args) -> bool:
    """A NumPy scalar py2wasm does not compute with (float16 from
    np.round(bool_array, 0)...): the program is refused when compiled, so
    the reference keeps NumPy's own value."""
    return any(isinstance(a, np.generic) and type(a) not in _SUPPORTED_NP for a in args)


def libm_scalar(name: str, *args):
    """math.NAME(*args) as py2wasm computes it, checked within 1 ulp of CPython."""
    want = getattr(math, name)(*args)  # CPython's exceptions are the reference's
    if _outside(args):
        return want
    params = ", ".join(f"x{i}" for i in range(len(args)))
    got = _kernel(f"def k({params}):\n    return math.{name}({params})\n", "k")(*args)
    if _ulps(got, want) > 1:
        raise OracleMismatch(f"math.{name}{args!r}: py2wasm {got!r}, CPython {want!r} (> 1 ulp)")
    return _choose((name,) + args, got, want)


def libm_array(name: str, *args):
    """np.NAME(*args) as py2wasm computes it (args: arrays or Python scalars),
    checked within 4 ulp (float32: 4 float32 ulp) of NumPy."""
    with np.errstate(all="ignore"):
        want = getattr(np, name)(*args)
    if not isinstance(want, np.ndarray):  # scalars only: not an array program
        return want
    if _outside(args) or any(isinstance(a, np.ndarray) and a.dtype.type not in _SUPPORTED_NP
                             for a in args):
        return want
    params = ", ".join(f"x{i}" for i in range(len(args)))
    got = _kernel(f"def k({params}):\n    return np.{name}({params})\n", "k")(*args)
    if got.dtype != want.dtype or got.shape != want.shape:
        raise OracleMismatch(f"np.{name}: py2wasm {got.dtype}{got.shape}, NumPy {want.dtype}{want.shape}")
    if want.dtype.kind == "f":
        g64, w64 = got.astype(np.float64).ravel(), want.astype(np.float64).ravel()
        scale = 2.0 ** 29 if want.dtype == np.float32 else 1.0
        for g, w in zip(g64.tolist(), w64.tolist()):
            if _ulps(g, w) > 4 * scale:
                raise OracleMismatch(f"np.{name}: py2wasm {g!r}, NumPy {w!r} (more than 4 ulp)")
    return got


# -- NumPy deviations ------------------------------------------------------------

def _rows(a: np.ndarray, axis):
    """(a with the reduced axis last, output shape) for a reduction over `axis`."""
    if axis is None:
        return a.reshape(1, -1), None
    axis = axis % a.ndim
    moved = np.moveaxis(a, axis, -1)
    return moved.reshape(-1, a.shape[axis]) if moved.size or a.shape[axis] else \
        moved.reshape(int(np.prod(moved.shape[:-1])), 0), moved.shape[:-1]


def _first_zero_rule(a, res, axis, pick_first):
    """max/min of floats: a -0.0/+0.0 tie gives the running result (the first zero)."""
    if a.dtype.kind != "f" or a.size == 0:
        return res
    rows, shape = _rows(a, axis)
    out = np.array(res, dtype=a.dtype).reshape(-1).copy()
    for r, row in enumerate(rows):
        if out[r] == 0:
            zeros = row[row == 0]
            if zeros.size:
                out[r] = zeros[0]
    return out[0] if shape is None else out.reshape(shape)


def _r_max(a, axis=None):
    return _first_zero_rule(a, np.max(a, axis=axis), axis, True)


def _r_min(a, axis=None):
    return _first_zero_rule(a, np.min(a, axis=axis), axis, True)


def _r_sum(a, axis=None):
    """Float sums: NumPy's own over any axes of any layout (its reduction
    iterator, buffers included: frontend/reduce_iter.py)."""
    return np.sum(a, axis=axis)


def _r_mean(a, axis=None):
    """Float mean: the sum above over n. Integer and bool mean: NumPy's own
    (its buffered float64 sum in its iterator's order, every axis and
    layout: frontend/reduce_iter.py)."""
    if a.dtype.kind == "f":
        s = _r_sum(a, axis)
        n = a.size if axis is None else a.shape[axis % a.ndim]
        with np.errstate(all="ignore"):
            if isinstance(s, np.ndarray):
                return (s / a.dtype.type(n)).astype(a.dtype) if n else np.mean(a, axis=axis)
            return a.dtype.type(s) / a.dtype.type(n) if n else np.mean(a, axis=axis)
    # an empty row: NumPy's 0.0/0.0, the CPU's default NaN (negative on x86)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return np.mean(a, axis=axis)


def _r_astype(a, dt):
    """float -> uint32 of NaN and values outside [0, 2**32): through int64, as
    NumPy's scalar loop (docs/arrays.md); NumPy's SIMD loop, taken for some
    lengths, gives other values (NaN: 2**31 in a 4-element array, 0 in a
    1-element one)."""
    with np.errstate(all="ignore"):
        return a.astype(np.int64).astype(dt)


def _tie_first(fn, a, b):
    res = np.asarray(fn(a, b))
    if res.dtype.kind != "f":
        return res
    aa = np.broadcast_to(np.asarray(a), res.shape)
    bb = np.broadcast_to(np.asarray(b), res.shape)
    tie = (aa == bb)
    if tie.any():
        res = res.copy()
        res[tie] = aa[tie]
    return res


def _r_maximum(a, b):
    return _tie_first(np.maximum, a, b)


def _r_minimum(a, b):
    return _tie_first(np.minimum, a, b)


def _r_fmax(a, b):
    return _tie_first(np.fmax, a, b)


def _r_fmin(a, b):
    return _tie_first(np.fmin, a, b)


_DOT_LANES = {"float64": 4, "float32": 8}  # frontend/matmul_kernels.LANES (1-D dots)
_MV_LANES = {"float64": 2, "float32": 4}  # frontend/matmul_kernels.MV_LANES (A @ x)


def _r_blocked_dot(a2, x, rt, lanes=_MV_LANES):
    """The rows of a2 dotted with x in the blocked order (docs/arrays.md):
    L partial sums over k = j mod L, a k-order tail, tree(partials) + tail;
    L is `lanes[rt]` (matrix-vector rows; _DOT_LANES for a 1-D dot)."""
    L = lanes[rt.name]
    k = x.shape[0]
    nb = k // L
    part = np.zeros((a2.shape[0], L), rt)
    tail = np.zeros(a2.shape[0], rt)
    for q in range(nb):
        part = part + a2[:, q * L:(q + 1) * L] * x[q * L:(q + 1) * L]
    for p in range(nb * L, k):
        tail = tail + a2[:, p] * x[p]
    while part.shape[1] > 1:
        h = part.shape[1] // 2
        part = part[:, :h] + part[:, h:]
    return (part[:, 0] + tail).astype(rt)


def _colmajor(m):
    """m is a column-major 2-D view (py2wasm's matrix-vector kernel streams
    it along its columns, in k order)."""
    return (m.ndim == 2 and m.shape[0] > 1 and m.shape[1] > 1 and
            m.strides[0] == m.itemsize and m.strides[1] != m.itemsize)


def _r_matmul(a, b):
    """Float matrix products sum in k order, starting from 0.0; 1-D dots and
    row-streamed matrix-vector products in the blocked order."""
    res = a @ b
    rt = np.asarray(res).dtype
    if rt.kind != "f":
        return res
    if a.ndim == 1 and b.ndim == 1:
        return rt.type(_r_blocked_dot(a.astype(rt)[None, :], b.astype(rt), rt, _DOT_LANES)[0])
    if a.ndim == 2 and b.ndim == 1 and not _colmajor(a):
        return _r_blocked_dot(a.astype(rt), b.astype(rt), rt)
    if a.ndim == 1 and b.ndim == 2 and _colmajor(b):
        return _r_blocked_dot(b.T.astype(rt), a.astype(rt), rt)
    a2 = a.astype(rt)
    b2 = b.astype(rt)
    if a2.ndim == 1:
        a2 = a2[None, :]
    if b2.ndim == 1:
        b2 = b2[:, None]
    acc = np.zeros((a2.shape[0], b2.shape[1]), dtype=rt)
    for k in range(a2.shape[1]):
        acc = acc + a2[:, k:k + 1] * b2[k:k + 1, :]
    if a.ndim == 1 and b.ndim == 1:
        return acc[0, 0]
    if a.ndim == 1:
        return acc[0]
    if b.ndim == 1:
        return acc[:, 0]
    return acc


def _products_like(fname):
    """np.dot/vdot/inner of 1-D float64 arrays: NumPy's own errors (each
    function words a length mismatch its own way), then `_r_matmul`'s value."""
    def f(a, b):
        with np.errstate(all="ignore"):
            getattr(np, fname)(a, b)
        return _r_matmul(a, b)
    f.__name__ = "_r_" + fname
    return f


_r_dot = _products_like("dot")
_r_vdot = _products_like("vdot")
_r_inner = _products_like("inner")


def _r_sum_kd(a, axis=None, keepdims=False):
    r = _r_sum(a, axis)
    return np.expand_dims(r, axis) if keepdims else r


def _r_max_kd(a, axis=None, keepdims=False):
    r = _r_max(a, axis)
    return np.expand_dims(r, axis) if keepdims else r


def _r_min_kd(a, axis=None, keepdims=False):
    r = _r_min(a, axis)
    return np.expand_dims(r, axis) if keepdims else r


def _r_pow_op(a, b):
    """`a ** b` with a float result: NumPy's operator takes exact fast paths by
    the exponent's value (2: square, 0.5: sqrt, -1: reciprocal); otherwise
    np.power, whose values come from py2wasm's library (libm_array)."""
    if isinstance(a, np.ndarray) and type(b) in (int, float) and b in (2, 0.5, -1):
        with np.errstate(all="ignore"):
            return a ** b
    return libm_array("power", a, b)


# -- np.linalg: LAPACK's algorithms, results equal NumPy's to rounding -------------

def _linalg(name, *args, const=None, kw=None):
    """np.linalg.NAME(*args) as py2wasm computes it (docs/arrays.md "Linear
    algebra": the same algorithms as LAPACK, so results equal NumPy's to
    rounding; NumPy's errors). The value is taken from a one-function kernel
    (compiled once, mvp) after checking it against NumPy: backward errors
    within a small multiple of eps for `inv`/`solve` (|A x - b| / (|A| |x|)),
    `det` within eps times Hadamard's bound, the rest within 1e-9 relative;
    the same exception. A "Singular matrix" in one and a value in the other
    is rounding too when the matrix is that close to singular (cond > 1e12:
    a pivot exactly 0.0 in one elimination order is 1e-17 in another)."""
    eps = float(np.finfo(args[0].dtype).eps) if args[0].dtype.kind == "f" else 2.0**-52
    try:
        with np.errstate(all="ignore"):
            want = getattr(np.linalg, name)(*args, *(() if const is None else (const,)),
                                            **(kw or {}))
            werr = None
    except (np.linalg.LinAlgError, ValueError, TypeError) as e:
        want, werr = None, e
    params = ", ".join(f"x{i}" for i in range(len(args)))
    call = params + ("" if const is None else f", {const!r}") + "".join(
        f", {k}={v!r}" for k, v in (kw or {}).items())  # constants stay constants
    k = _kernel(f"def k({params}):\n    return np.linalg.{name}({call})\n", "k")
    try:
        got, gerr = k(*args), None
    except Exception as e:  # noqa: BLE001 (compared below)
        got, gerr = None, e
    if werr is not None or gerr is not None:
        if werr is not None and gerr is not None and type(werr).__name__ == type(gerr).__name__ \
                and str(werr) == str(gerr):
            raise werr
        singular = [e for e in (werr, gerr) if e is not None and str(e) == "Singular matrix"]
        if len(singular) == 1 and (werr is None or gerr is None):
            with np.errstate(all="ignore"):
                c = np.linalg.cond(args[0].astype(np.float64))
            if not np.all(c < 1e12):
                if gerr is not None:
                    raise gerr
                return got
        raise OracleMismatch(f"np.linalg.{name}: py2wasm {gerr or got!r}, NumPy {werr or want!r}")
    got_a, want_a = np.asarray(got), np.asarray(want)
    if got_a.dtype != want_a.dtype or got_a.shape != want_a.shape:
        raise OracleMismatch(f"np.linalg.{name}: py2wasm {got_a.dtype}{got_a.shape}, "
                             f"NumPy {want_a.dtype}{want_a.shape}")
    if not np.array_equal(np.isfinite(got_a), np.isfinite(want_a)):
        raise OracleMismatch(f"np.linalg.{name}: py2wasm {got!r}, NumPy {want!r}")
    a = args[0].astype(np.float64)
    g, w = got_a.astype(np.float64), want_a.astype(np.float64)
    fin = np.isfinite(g)
    n = max(a.shape[-1], 1) if a.ndim else 1
    if name in ("inv", "solve") and np.all(fin):
        b = np.broadcast_to(np.eye(a.shape[-1]), a.shape) if name == "inv" else \
            args[1].astype(np.float64)
        bb = b if name == "inv" or b.ndim == a.ndim else b[..., None]
        x = g if name == "inv" or b.ndim == a.ndim else g[..., None]
        res = np.abs(a @ x - bb).max(initial=0.0)
        bound = 64 * n * eps * (np.abs(a).max(initial=0.0) * np.abs(x).max(initial=0.0) * n
                                + np.abs(bb).max(initial=0.0))
        if not res <= bound:
            raise OracleMismatch(f"np.linalg.{name}: residual {res} > {bound}")
        return got
    if name == "det":
        had = np.prod(np.sqrt((a * a).sum(axis=-2)), axis=-1)
        bad = np.abs(g - w)[fin] > (64 * n * eps * np.maximum(had, 1e-300))[fin] if g.ndim else \
            (fin and abs(g - w) > 64 * n * eps * max(had, 1e-300))
    else:
        scale = np.abs(w[fin]).max(initial=0.0)
        bad = np.abs(g - w)[fin] > 1e-9 * scale if eps < 1e-10 else \
            np.abs(g - w)[fin] > 1e-3 * scale
    if np.any(bad):
        raise OracleMismatch(f"np.linalg.{name}: py2wasm {got!r}, NumPy {want!r}")
    return got


def _r_linalg_det(a):
    return _linalg("det", a)


def _r_linalg_inv(a):
    return _linalg("inv", a)


def _r_linalg_solve(a, b):
    return _linalg("solve", a, b)


def _r_linalg_norm_axis(a, axis):
    return _linalg("norm", a, kw={"axis": axis})


def _r_linalg_matrix_power(a, k):
    return _linalg("matrix_power", a, const=k)


# -- np.fft: rfft and irfft equal NumPy's to rounding (docs/arrays.md "FFT") ----------

class _FFTInput:
    """The operand of `np.fft.rfft(a)` in a round trip (gen_array_npfft)."""

    def __init__(self, a):
        self.a = a


def _r_fft_keep(a):
    return _FFTInput(a)


def _r_fft_roundtrip(x):
    """np.fft.irfft(np.fft.rfft(a)) as py2wasm computes it: its complex plan
    on the real line, within 2 log2(n) eps max|result| of NumPy's real plan
    (tests/linalg/test_fft.py); NumPy's errors (n < 1)."""
    a = x.a
    try:
        want, werr = np.fft.irfft(np.fft.rfft(a)), None
    except ValueError as e:
        want, werr = None, e
    k = _kernel("def k(x0):\n    return np.fft.irfft(np.fft.rfft(x0))\n", "k")
    try:
        got, gerr = k(a), None
    except Exception as e:  # noqa: BLE001 (compared below)
        got, gerr = None, e
    if werr is not None or gerr is not None:
        if werr is not None and gerr is not None and type(werr) is type(gerr) and \
                str(werr) == str(gerr):
            raise werr
        raise OracleMismatch(f"np.fft round trip: py2wasm {gerr or got!r}, NumPy {werr or want!r}")
    if got.dtype != want.dtype or got.shape != want.shape:
        raise OracleMismatch(f"np.fft round trip: py2wasm {got.dtype}{got.shape}, "
                             f"NumPy {want.dtype}{want.shape}")
    n = max(a.shape[-1], 2)
    eps = float(np.finfo(want.dtype).eps)
    bound = 2 * math.log2(n) * eps * np.abs(want).max(initial=0.0)
    if not np.abs(got.astype(np.float64) - want).max(initial=0.0) <= bound:
        raise OracleMismatch(f"np.fft round trip: py2wasm {got!r}, NumPy {want!r}")
    return got


# -- sorting: py2wasm's sort is a stable merge sort whatever the kind ----------------
# (docs/arrays.md: NumPy's default kind may order equal keys, 0.0 and -0.0
# included, otherwise)

def _r_stable_sort(a, **kw):
    return np.sort(a, kind="stable", **kw)


def _r_stable_argsort(a, **kw):
    return np.argsort(a, kind="stable", **kw)


def _r_stable_sort_inplace(a, **kw):
    a.sort(kind="stable", **kw)


from .gen_array_npnan import _r_nanmax, _r_nanmin  # noqa: E402,F401 (nan* reductions)
