"""numpy.linalg during tracing: `det inv solve cholesky norm` on 2-D arrays.

Place in the pipeline: frontend value semantics, dispatched by `npfuncs` for
functions of `numpy.linalg`. Arguments are checked here with NumPy's
messages (LinAlgError for non-square input, ValueError for mismatched
right-hand sides); the factorizations are `linalg_kernels` (plain Python
compiled by the tracer into the module only when used), run on float64
copies. `norm` is NumPy's own formulas over the fused reductions.

Integer and bool input is computed in float64 (as NumPy); float32 input is
computed in float64 and the result rounded to float32 (NumPy uses LAPACK's
float32 routines: results agree to float32 rounding, not to the bit).
"""
from __future__ import annotations

import numpy as np

from ..ir import F64
from . import arrays as A
from . import linalg_kernels as L
from .arrays import Arr, alloc, ic, icmp, is_array, known, materialize
from .npfuncs_sort import as_arr, kernel
from .values import E_TYPE, E_UNSUPPORTED_CALL, TraceRaise, error


def _square(tr, a, loc, name):
    """A fresh C-contiguous float64 copy of the square 2-D array a (NumPy's
    LinAlgError for other shapes) and the result dtype."""
    fb = tr.fb
    a = as_arr(tr, a, loc)
    if a.ndim < 2:
        raise TraceRaise("LinAlgError", f"{a.ndim}-dimensional array given. Array must be at "
                         "least two-dimensional")
    if a.ndim > 2:
        raise error(loc, f"numpy.linalg.{name} of stacked (>2-D) matrices is not supported",
                    "loop over the matrices", E_UNSUPPORTED_CALL)
    msg = "Last 2 dimensions of the array must be square"
    bad = icmp(fb, "ne", a.shape[0], a.shape[1])
    if bad is True:
        raise TraceRaise("LinAlgError", msg)
    if bad is not False:
        fb.raise_if(bad, "LinAlgError", msg, loc)
    out_dt = "float32" if a.dtype == "float32" else "float64"
    m = A.copy(tr, A.astype_node(a, "float64"), loc)
    return Arr("float64", m.ptr, (a.shape[0], a.shape[0]), None, m.root), out_dt


def _result(tr, x, dt, loc):
    return x if dt == "float64" else A.copy(tr, A.astype_node(x, dt), loc)


def det(tr, a, loc):
    fb = tr.fb
    m, dt = _square(tr, a, loc, "det")
    piv = alloc(tr, "int64", (m.shape[0],), loc)
    r = kernel(tr, L.det_lu, [m, piv], loc)
    return fb.emit("f32", [r]) if dt == "float32" else r


def solve(tr, a, b, loc):
    fb = tr.fb
    m, dt = _square(tr, a, loc, "solve")
    b = as_arr(tr, b, loc, "b")
    n = m.shape[0]
    if b.ndim == 1:
        msg = ("solve1: Input operand 1 has a mismatch in its core dimension 0, with gufunc "
               "signature (m,m),(m)->(m) (size {0} is different from {1})")
    elif b.ndim == 2:
        msg = ("solve: Input operand 1 has a mismatch in its core dimension 0, with gufunc "
               "signature (m,m),(m,n)->(m,n) (size {0} is different from {1})")
    else:
        raise error(loc, "numpy.linalg.solve with stacked right-hand sides is not supported",
                    "loop over them", E_UNSUPPORTED_CALL)
    bad = icmp(fb, "ne", b.shape[0], n)
    if bad is True:
        raise TraceRaise("ValueError", msg.format(b.shape[0], n))
    if bad is not False:
        fb.emit_multi("raise_if_fmt", [bad, ic(fb, b.shape[0]), ic(fb, n)],
                      {"exc": "ValueError", "msg": msg}, loc=loc)
    dt = np.result_type(np.dtype(dt), np.dtype(b.dtype), np.float64).name \
        if b.dtype != "float32" or dt != "float32" else "float32"
    rhs = A.copy(tr, A.astype_node(b, "float64"), loc)
    k = rhs.shape[1] if b.ndim == 2 else 1
    rhs2 = Arr("float64", rhs.ptr, (n, k), None, rhs.root)
    piv = alloc(tr, "int64", (n,), loc)
    kernel(tr, L.solve_lu, [m, piv, rhs2], loc)
    res = Arr("float64", rhs.ptr, (n,) if b.ndim == 1 else (n, k), None, rhs.root)
    return _result(tr, res, dt, loc)


def inv(tr, a, loc):
    m, dt = _square(tr, a, loc, "inv")
    n = m.shape[0]
    eye = alloc(tr, "float64", (n, n), loc)
    fb = tr.fb
    A.assign(tr, eye, 0.0, loc)

    def body(idx, cs):
        A.store(fb, eye, [idx[0], idx[0]], fb.const(1.0))
        return cs
    A.loop_nest(fb, (n,), [], body)
    piv = alloc(tr, "int64", (n,), loc)
    kernel(tr, L.solve_lu, [m, piv, eye], loc)
    return _result(tr, eye, dt, loc)


def cholesky(tr, a, upper, loc):
    if type(upper) is not bool:
        raise error(loc, "numpy.linalg.cholesky upper= must be a known bool", "", E_TYPE)
    m, dt = _square(tr, a, loc, "cholesky")
    n = m.shape[0]
    if upper:  # NumPy reads the upper triangle: the lower one of a.T
        m = A.copy(tr, A.transpose(tr, m, None, loc), loc)
    out = alloc(tr, "float64", (n, n), loc)
    kernel(tr, L.cholesky_lower, [m, out], loc)
    res = A.transpose(tr, out, None, loc) if upper else out
    return _result(tr, res, dt, loc)


# --- norm ---------------------------------------------------------------------------------------

def norm(tr, x, ord, axis, keepdims, loc):
    """NumPy's norm formulas (numpy/linalg/_linalg.py) over the reductions."""
    from .nplib import reduce
    fb = tr.fb
    x = as_arr(tr, x, loc)
    if type(keepdims) is not bool:
        raise error(loc, "numpy.linalg.norm keepdims= must be a known bool", "", E_TYPE)
    if x.dtype not in A.FLOATS:
        x = A.astype_node(x, "float64")
    x = materialize(tr, x, loc)
    nd = x.ndim
    absx = A.ufunc_node(tr, np.absolute, [x], loc)
    if axis is None and not keepdims and (ord is None or (ord in ("f", "fro") and nd == 2) or
                                          (ord in (2, 2.0) and nd == 1)):
        # sqrt(x.ravel() . x.ravel())
        from .npfuncs_sort import flat
        from .nplib import dot
        v = flat(tr, x, loc)
        s = dot(tr, v, v, loc)
        return fb.emit("sqrt", [s if not isinstance(s, (int, float)) else fb.const(float(s))])
    if axis is None:
        axis = tuple(range(nd))
    if isinstance(axis, int):
        axis = (axis,)
    if not isinstance(axis, tuple):
        raise error(loc, "numpy.linalg.norm axis= must be an int or a tuple of ints", "", E_TYPE)
    axis = tuple(A.normalize_axis(ax, nd, loc) for ax in axis)
    if len(axis) == 1:
        ax = axis[0]
        if ord in (None, 2, 2.0):
            s = reduce(tr, "sum", A.ufunc_node(tr, np.multiply, [x, x], loc), ax, keepdims, loc)
            return A.ufunc_node(tr, np.sqrt, [s], loc) if is_array(s) else fb.emit("sqrt", [s])
        if ord in (float("inf"),):
            return _max_initial0(tr, absx, ax, keepdims, loc)
        if ord in (float("-inf"),):
            return reduce(tr, "min", absx, ax, keepdims, loc)
        if ord in (0, 0.0):
            return reduce(tr, "sum", A.astype_node(A.ufunc_node(tr, np.not_equal, [x, 0], loc),
                                                   x.dtype), ax, keepdims, loc)
        if ord in (1, 1.0):
            return reduce(tr, "sum", absx, ax, keepdims, loc)
        if isinstance(ord, (int, float)) and not isinstance(ord, bool):
            s = reduce(tr, "sum", A.ufunc_node(tr, np.power, [absx, float(ord)], loc), ax,
                       keepdims, loc)
            return A.ufunc_node(tr, np.power, [s, 1.0 / ord], loc) if is_array(s) else \
                _pow(tr, s, 1.0 / ord, loc)
        raise TraceRaise("ValueError", f"Invalid norm order '{ord}' for vectors") \
            if isinstance(ord, str) else error(loc, f"numpy.linalg.norm ord={ord!r} is not supported", "",
                                 E_UNSUPPORTED_CALL)
    if len(axis) == 2:
        r, c = axis
        if r == c:
            raise TraceRaise("ValueError", "Duplicate axes given.")
        if ord in (None, "fro", "f"):
            s = reduce(tr, "sum", A.ufunc_node(tr, np.multiply, [x, x], loc), axis, keepdims, loc)
            return A.ufunc_node(tr, np.sqrt, [s], loc) if is_array(s) else fb.emit("sqrt", [s])
        if ord in (1, -1, float("inf"), float("-inf")):
            kind = "max" if ord in (1, float("inf")) else "min"
            if ord in (1, -1):
                s = reduce(tr, "sum", absx, r, False, loc)
                res = reduce(tr, kind, s, c - 1 if c > r else c, False, loc)
            else:
                s = reduce(tr, "sum", absx, c, False, loc)
                res = reduce(tr, kind, s, r - 1 if r > c else r, False, loc)
            if keepdims:
                raise error(loc, "numpy.linalg.norm keepdims= with a matrix ord is not "
                            "supported", "", E_UNSUPPORTED_CALL)
            return res
        raise error(loc, f"numpy.linalg.norm ord={ord!r} for matrices is not supported",
                    "supported: None, 'fro', 1, -1, inf, -inf", E_UNSUPPORTED_CALL)
    raise TraceRaise("ValueError", "Improper number of dimensions to norm.")


def _max_initial0(tr, absx, ax, keepdims, loc):
    """abs(x).max(axis, initial=0): 0 for an empty axis (NumPy's inf-norm)."""
    from .nplib import reduce
    fb = tr.fb
    n = absx.shape[ax]
    empty = icmp(fb, "eq", n, 0)
    if empty is False:
        return reduce(tr, "max", absx, ax, keepdims, loc)
    shape = tuple(s if d != ax else 1 for d, s in enumerate(absx.shape)) if keepdims else \
        tuple(s for d, s in enumerate(absx.shape) if d != ax)
    if empty is True:
        return 0.0 if not shape else A.copy(tr, A.astype_node(_zeros(tr, absx.dtype, shape, loc),
                                                             absx.dtype), loc)
    out = alloc(tr, absx.dtype, shape if shape else (1,), loc)
    full, zero, join = fb.new_block(), fb.new_block(), fb.new_block()
    fb.cond_br(empty, zero, full)
    fb.set_block(zero)
    A.assign(tr, out, 0.0, loc)
    fb.br(join)
    fb.set_block(full)
    r = reduce(tr, "max", absx, ax, keepdims, loc)
    if is_array(r):
        A.assign(tr, out, r, loc)
    else:
        A.store(fb, out, [0], A.scalar_to_dtype(tr, r, absx.dtype, loc))
    fb.br(join)
    fb.set_block(join)
    return out if shape else A.load(fb, out, [0])


def _zeros(tr, dt, shape, loc):
    z = alloc(tr, dt, shape, loc)
    A.assign(tr, z, 0, loc)
    return z


def _pow(tr, s, e, loc):
    from . import operators
    return operators.binary(tr.fb, "**", s, e, loc)


def matrix_power(tr, a, n, loc):
    """NumPy's binary decomposition (inv first for a negative power)."""
    from .nplib import matmul
    if type(n) is not int:
        raise TraceRaise("TypeError", "exponent must be an integer") if not isinstance(
            n, (int, float)) or isinstance(n, float) else error(
            loc, "numpy.linalg.matrix_power needs the exponent known when compiling",
            "write the power as a constant", E_UNSUPPORTED_CALL)
    x = as_arr(tr, a, loc)
    fb = tr.fb
    if x.ndim < 2:
        raise TraceRaise("LinAlgError", f"{x.ndim}-dimensional array given. Array must be at "
                         "least two-dimensional")
    if x.ndim > 2:
        raise error(loc, "numpy.linalg.matrix_power of stacked matrices is not supported", "",
                    E_UNSUPPORTED_CALL)
    bad = icmp(fb, "ne", x.shape[0], x.shape[1])
    msg = "Last 2 dimensions of the array must be square"
    if bad is True:
        raise TraceRaise("LinAlgError", msg)
    if bad is not False:
        fb.raise_if(bad, "LinAlgError", msg, loc)
    x = materialize(tr, x, loc)
    if n == 0:
        out = alloc(tr, x.dtype, x.shape, loc)
        A.assign(tr, out, 0, loc)

        def body(idx, cs):
            A.store(fb, out, [idx[0], idx[0]], A.scalar_to_dtype(tr, 1, x.dtype, loc))
            return cs
        A.loop_nest(fb, (x.shape[0],), [], body)
        return out
    if n < 0:
        x = inv(tr, x, loc)
        n = -n
    if n == 1:
        return x
    if n == 2:
        return matmul(tr, x, x, loc)
    if n == 3:
        return matmul(tr, matmul(tr, x, x, loc), x, loc)
    z = result = None
    while n > 0:
        z = x if z is None else matmul(tr, z, z, loc)
        n, bit = divmod(n, 2)
        if bit:
            result = z if result is None else matmul(tr, result, z, loc)
    return result


def qr(tr, a, mode, loc):
    if mode not in ("reduced", "complete", "r"):
        raise error(loc, f"numpy.linalg.qr mode={mode!r} is not supported",
                    "use 'reduced', 'complete' or 'r'", E_UNSUPPORTED_CALL)
    x = as_arr(tr, a, loc)
    if x.ndim < 2:
        raise TraceRaise("LinAlgError", f"{x.ndim}-dimensional array given. Array must be at "
                         "least two-dimensional")
    if x.ndim > 2:
        raise error(loc, "numpy.linalg.qr of stacked matrices is not supported", "",
                    E_UNSUPPORTED_CALL)
    dt = "float32" if x.dtype == "float32" else "float64"
    fb = tr.fb
    m, n = x.shape
    w = A.copy(tr, A.astype_node(x, "float64"), loc)
    k = A.imin(fb, m, n)
    tau = alloc(tr, "float64", (k,), loc)
    kernel(tr, L.householder_qr, [w, tau], loc)
    rrows = m if mode == "complete" else k
    r = alloc(tr, "float64", (rrows, n), loc)

    def body(idx, cs):
        i, j = idx
        inside = fb.emit("and", [fb.emit("le", [i, j]), fb.emit("lt", [i, ic(fb, m)])])
        safe_i = fb.emit("select", [fb.emit("lt", [i, ic(fb, m)]), i, fb.const(0)])
        v = A.load(fb, w, [safe_i, j])
        A.store(fb, r, idx, fb.emit("select", [inside, v, fb.const(0.0)]))
        return cs
    A.loop_nest(fb, (rrows, n), [], body)
    if mode == "r":
        return _result(tr, r, dt, loc)
    q = alloc(tr, "float64", (m, m if mode == "complete" else k), loc)
    kernel(tr, L.form_q, [w, tau, q], loc)
    return _result(tr, q, dt, loc), _result(tr, r, dt, loc)


def eigh(tr, a, uplo, vectors, loc, name):
    if uplo not in ("L", "U"):
        raise TraceRaise("ValueError", "UPLO argument must be 'L' or 'U'")
    m, dt = _square(tr, a, loc, name)
    if uplo == "U":
        m = A.copy(tr, A.transpose(tr, m, None, loc), loc)
    n = m.shape[0]
    v = alloc(tr, "float64", (n, n), loc)
    w = alloc(tr, "float64", (n,), loc)
    kernel(tr, L.jacobi_eigh, [m, v, w, vectors], loc)
    if not vectors:
        return _result(tr, w, dt, loc)
    return _result(tr, w, dt, loc), _result(tr, v, dt, loc)


def svd(tr, a, full_matrices, compute_uv, loc):
    """One-sided Jacobi; U, S, Vh with descending S (NumPy's SVDResult order)."""
    if type(full_matrices) is not bool or type(compute_uv) is not bool:
        raise error(loc, "numpy.linalg.svd full_matrices= and compute_uv= must be known bools",
                    "", E_TYPE)
    fb = tr.fb
    x = as_arr(tr, a, loc)
    if x.ndim < 2:
        raise TraceRaise("LinAlgError", f"{x.ndim}-dimensional array given. Array must be at "
                         "least two-dimensional")
    if x.ndim > 2:
        raise error(loc, "numpy.linalg.svd of stacked matrices is not supported", "",
                    E_UNSUPPORTED_CALL)
    dt = "float32" if x.dtype == "float32" else "float64"
    x = materialize(tr, x, loc)
    m0, n0 = x.shape
    wide = icmp(fb, "lt", m0, n0)
    big, k = A.imax(fb, m0, n0), A.imin(fb, m0, n0)
    # the tall orientation: x, or x.T for a wide x (chosen at run time)
    st0, st1 = A.strides_of(fb, x)
    src = Arr(x.dtype, x.ptr, (big, k), (A.isel(fb, wide, st1, st0), A.isel(fb, wide, st0, st1)),
              x.root)
    w = A.copy(tr, A.astype_node(src, "float64"), loc)
    v = alloc(tr, "float64", (k, k), loc)
    sv = alloc(tr, "float64", (k,), loc)
    kernel(tr, L.jacobi_svd, [w, v, sv], loc)
    if not compute_uv:
        return _result(tr, sv, dt, loc)
    u = alloc(tr, "float64", (big, big if full_matrices else k), loc)
    kernel(tr, L.orthonormal_columns, [w, sv, u], loc)
    # tall: A = U S V^T; wide: A^T = U S V^T, so A = V S U^T
    uo = alloc(tr, "float64", (m0, m0 if full_matrices else k), loc)
    vo = alloc(tr, "float64", (n0 if full_matrices else k, n0), loc)

    def fill(a_u, a_v):
        A.assign(tr, uo, a_u, loc)
        A.assign(tr, vo, A.transpose(tr, a_v, None, loc), loc)
    if known(wide):
        fill(v, u) if wide else fill(u, v)
    else:
        yes, no, join = fb.new_block(), fb.new_block(), fb.new_block()
        fb.cond_br(wide, yes, no)
        fb.set_block(yes)
        fill(v, u)
        fb.br(join)
        fb.set_block(no)
        fill(u, v)
        fb.br(join)
        fb.set_block(join)
    return _result(tr, uo, dt, loc), _result(tr, sv, dt, loc), _result(tr, vo, dt, loc)


def lstsq(tr, a, b, rcond, loc):
    """Minimum-norm least squares from the SVD (NumPy's rank rule: singular
    values above rcond * s[0], rcond = eps * max(M, N) by default)."""
    from .nplib import matmul, reduce
    fb = tr.fb
    x = as_arr(tr, a, loc)
    bb = as_arr(tr, b, loc, "b")
    if x.ndim != 2:
        raise TraceRaise("LinAlgError", f"{x.ndim}-dimensional array given. Array must be "
                         "two-dimensional") if x.ndim < 2 else error(
            loc, "numpy.linalg.lstsq of stacked matrices is not supported", "",
            E_UNSUPPORTED_CALL)
    if bb.ndim not in (1, 2):
        raise error(loc, "numpy.linalg.lstsq with a right-hand side above 2-D is not supported",
                    "", E_UNSUPPORTED_CALL)
    m, n = x.shape
    bad = icmp(fb, "ne", bb.shape[0], m)
    if bad is True:
        raise TraceRaise("LinAlgError", "Incompatible dimensions")
    if bad is not False:
        fb.raise_if(bad, "LinAlgError", "Incompatible dimensions", loc)
    u, sv, vh = svd(tr, x, False, True, loc)
    k = sv.shape[0]
    if rcond is None:
        rc = fb.emit("mul", [fb.const(float(np.finfo(np.float64).eps)),
                             fb.emit("convert", [ic(fb, A.imax(fb, m, n))], {"to": F64})])
    else:
        rc = fb.const(float(rcond)) if known(rcond) else rcond
    # cutoff = rcond * s[0] (no s[0] to read when k == 0)
    if known(k):
        s0 = A.load(fb, sv, [fb.const(0)]) if k > 0 else fb.const(0.0)
    else:
        tmp = alloc(tr, "float64", (1,), loc)
        A.store(fb, tmp, [0], fb.const(0.0))
        s0_ptr = fb.emit("select", [fb.emit("gt", [k, fb.const(0)]), ic(fb, sv.ptr),
                                    ic(fb, tmp.ptr)])
        s0 = fb.emit("load", [s0_ptr], {"dtype": "float64"})
    cut = fb.emit("mul", [rc, s0])
    keep = A.ufunc_node(tr, np.greater, [sv, cut], loc)
    rank = reduce(tr, "sum", keep, None, False, loc)
    inv_s = A.where_node(tr, keep, A.ufunc_node(tr, np.divide, [1.0, sv], loc), 0.0, loc)
    b2 = bb if bb.ndim == 2 else A.getitem(tr, bb, (slice(None), None), loc)
    b2 = A.astype_node(b2, "float64") if b2.dtype != "float64" else b2
    c = matmul(tr, A.transpose(tr, u, None, loc), b2, loc)
    c = A.ufunc_node(tr, np.multiply, [c, A.getitem(tr, materialize(tr, inv_s, loc),
                                                    (slice(None), None), loc)], loc)
    sol = matmul(tr, A.transpose(tr, vh, None, loc), materialize(tr, c, loc), loc)
    nrhs = b2.shape[1]
    full = A.band(fb, icmp(fb, "eq", rank, n), icmp(fb, "gt", m, n))
    rlen = A.isel(fb, full, nrhs, 0)
    r = materialize(tr, A.ufunc_node(tr, np.subtract, [matmul(tr, x if x.dtype == "float64"
                                                              else A.astype_node(x, "float64"),
                                                              sol, loc), b2], loc), loc)
    sq = reduce(tr, "sum", A.ufunc_node(tr, np.multiply, [r, r], loc), 0, False, loc)
    resid = alloc(tr, "float64", (rlen,), loc)
    A.assign(tr, resid, A.getitem(tr, sq, slice(0, rlen), loc), loc)
    xs = sol if bb.ndim == 2 else A.getitem(tr, sol, (slice(None), 0), loc)
    return xs, resid, rank, sv


def FUNCS(REQ):
    return {
        "det": ([("a", REQ)], lambda tr, loc, a: det(tr, a, loc)),
        "inv": ([("a", REQ)], lambda tr, loc, a: inv(tr, a, loc)),
        "solve": ([("a", REQ), ("b", REQ)], lambda tr, loc, a, b: solve(tr, a, b, loc)),
        "cholesky": ([("a", REQ), ("upper", False)],
                     lambda tr, loc, a, upper: cholesky(tr, a, upper, loc)),
        "matrix_power": ([("a", REQ), ("n", REQ)],
                         lambda tr, loc, a, n: matrix_power(tr, a, n, loc)),
        "qr": ([("a", REQ), ("mode", "reduced")], lambda tr, loc, a, mode: qr(tr, a, mode, loc)),
        "eigh": ([("a", REQ), ("UPLO", "L")],
                 lambda tr, loc, a, UPLO: eigh(tr, a, UPLO, True, loc, "eigh")),
        "eigvalsh": ([("a", REQ), ("UPLO", "L")],
                     lambda tr, loc, a, UPLO: eigh(tr, a, UPLO, False, loc, "eigvalsh")),
        "lstsq": ([("a", REQ), ("b", REQ), ("rcond", None)],
                  lambda tr, loc, a, b, rcond: lstsq(tr, a, b, rcond, loc)),
        "svd": ([("a", REQ), ("full_matrices", True), ("compute_uv", True)],
                lambda tr, loc, a, full_matrices, compute_uv: svd(tr, a, full_matrices,
                                                                   compute_uv, loc)),
        "norm": ([("x", REQ), ("ord", None), ("axis", None), ("keepdims", False)],
                 lambda tr, loc, x, ord, axis, keepdims: norm(tr, x, ord, axis, keepdims, loc)),
    }
