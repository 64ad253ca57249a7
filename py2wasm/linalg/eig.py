"""The general (non-symmetric) real eigenproblem: `eig`, `eigvals`.

Place in the pipeline: part of the linalg library the frontend traces
(`py2wasm/linalg/__init__.py`); written in the compiled Python subset.
The algorithm is EISPACK's, as JAMA gives it: Householder reduction to upper
Hessenberg form (orthes, accumulating the transformations), the Francis
double-shift QR iteration to real Schur form (hqr2, with Wilkinson's and
MATLAB's exceptional shifts), then back-substitution for the eigenvectors
of the triangular form and back-transformation; each vector is scaled to unit
2-norm as LAPACK's geev does (its sign may differ from LAPACK's, and the
eigenvalues come in the order the iteration deflates them, which may differ
from LAPACK's: NumPy does not sort them either).

Results (see docs/arrays.md): NumPy >= 2.5 always returns complex arrays,
built by `eig_complex`/`eigvals_complex` (hqr2's complex back-substitution,
then LAPACK's normalization of complex pairs: `complex_vectors`). NumPy <
2.5 returns real arrays exactly when every eigenvalue is real, a choice on
the data that a compiled function's one result type cannot follow:
`eig`/`eigvals` return the real arrays and raise a run-time error when the
eigenvalues turn out complex (never a wrong answer); `eig_result` is the
one place that builds them. `frontend/linalg_calls.py` picks the variant
for the installed NumPy.
"""
from __future__ import annotations

import math

import numpy as np
from numpy.linalg import LinAlgError

from ._common import assert_square, result_like, work

EPS = 2.220446049250313e-16
COMPLEX_MSG = ("numpy.linalg.eig: the eigenvalues of this matrix are complex, and complex "
               "results are not supported by py2wasm yet")


def hessenberg(h, v):
    """Reduce h (n x n float64) to upper Hessenberg form in place by
    Householder similarities, their product in v (orthes)."""
    n = h.shape[0]
    high = n - 1
    ort = np.zeros(n)
    for m in range(1, high):
        scale = 0.0
        for i in range(m, high + 1):
            scale += abs(float(h[i, m - 1]))
        if scale != 0.0:
            hh = 0.0
            for i in range(high, m - 1, -1):
                ort[i] = float(h[i, m - 1]) / scale
                hh += float(ort[i]) * float(ort[i])
            g = math.sqrt(hh)
            if float(ort[m]) > 0.0:
                g = -g
            hh = hh - float(ort[m]) * g
            ort[m] = float(ort[m]) - g
            for j in range(m, n):
                f = 0.0
                for i in range(high, m - 1, -1):
                    f += float(ort[i]) * float(h[i, j])
                f = f / hh
                for i in range(m, high + 1):
                    h[i, j] -= f * float(ort[i])
            for i in range(0, high + 1):
                f = 0.0
                for j in range(high, m - 1, -1):
                    f += float(ort[j]) * float(h[i, j])
                f = f / hh
                for j in range(m, high + 1):
                    h[i, j] -= f * float(ort[j])
            ort[m] = scale * float(ort[m])
            h[m, m - 1] = scale * g
    for i in range(n):
        for j in range(n):
            v[i, j] = 0.0
        v[i, i] = 1.0
    for m in range(high - 1, 0, -1):
        if float(h[m, m - 1]) != 0.0:
            for i in range(m + 1, high + 1):
                ort[i] = float(h[i, m - 1])
            for j in range(m, high + 1):
                g = 0.0
                for i in range(m, high + 1):
                    g += float(ort[i]) * float(v[i, j])
                g = (g / float(ort[m])) / float(h[m, m - 1])   # two divisions: no underflow
                for i in range(m, high + 1):
                    v[i, j] += g * float(ort[i])


def schur(h, v, d, e):
    """Francis double-shift QR on the Hessenberg h (in place, to real Schur
    form), accumulating into v; eigenvalues' real parts in d, imaginary in e.
    Returns the matrix norm used by the back-substitution."""
    nn = h.shape[0]
    n = nn - 1
    low = 0
    high = nn - 1
    exshift = 0.0
    p = 0.0
    q = 0.0
    r = 0.0
    s = 0.0
    z = 0.0
    x = 0.0
    y = 0.0
    w = 0.0
    norm = 0.0
    for i in range(nn):
        for j in range(max(i - 1, 0), nn):
            norm += abs(float(h[i, j]))
    it = 0
    total = 0
    while n >= low:
        l = n
        while l > low:
            s = abs(float(h[l - 1, l - 1])) + abs(float(h[l, l]))
            if s == 0.0:
                s = norm
            if abs(float(h[l, l - 1])) <= EPS * s:  # <=: an all-zero block deflates
                break
            l -= 1
        if l == n:  # one root
            h[n, n] = float(h[n, n]) + exshift
            d[n] = float(h[n, n])
            e[n] = 0.0
            n -= 1
            it = 0
        elif l == n - 1:  # two roots
            w = float(h[n, n - 1]) * float(h[n - 1, n])
            p = (float(h[n - 1, n - 1]) - float(h[n, n])) / 2.0
            q = p * p + w
            z = math.sqrt(abs(q))
            h[n, n] = float(h[n, n]) + exshift
            h[n - 1, n - 1] = float(h[n - 1, n - 1]) + exshift
            x = float(h[n, n])
            if q >= 0.0:  # a real pair
                if p >= 0.0:
                    z = p + z
                else:
                    z = p - z
                d[n - 1] = x + z
                d[n] = float(d[n - 1])
                if z != 0.0:
                    d[n] = x - w / z
                e[n - 1] = 0.0
                e[n] = 0.0
                x = float(h[n, n - 1])
                s = abs(x) + abs(z)
                p = x / s
                q = z / s
                r = math.sqrt(p * p + q * q)
                p = p / r
                q = q / r
                for j in range(n - 1, nn):
                    z = float(h[n - 1, j])
                    h[n - 1, j] = q * z + p * float(h[n, j])
                    h[n, j] = q * float(h[n, j]) - p * z
                for i in range(0, n + 1):
                    z = float(h[i, n - 1])
                    h[i, n - 1] = q * z + p * float(h[i, n])
                    h[i, n] = q * float(h[i, n]) - p * z
                for i in range(low, high + 1):
                    z = float(v[i, n - 1])
                    v[i, n - 1] = q * z + p * float(v[i, n])
                    v[i, n] = q * float(v[i, n]) - p * z
            else:  # a complex pair
                d[n - 1] = x + p
                d[n] = x + p
                e[n - 1] = z
                e[n] = -z
            n -= 2
            it = 0
        else:  # no convergence yet: a double-shift QR step
            total += 1
            if total > 100 * nn:
                raise LinAlgError("Eigenvalues did not converge")
            x = float(h[n, n])
            y = 0.0
            w = 0.0
            if l < n:
                y = float(h[n - 1, n - 1])
                w = float(h[n, n - 1]) * float(h[n - 1, n])
            if it == 10:  # Wilkinson's exceptional shift
                exshift += x
                for i in range(low, n + 1):
                    h[i, i] -= x
                s = abs(float(h[n, n - 1])) + abs(float(h[n - 1, n - 2]))
                x = 0.75 * s
                y = x
                w = -0.4375 * s * s
            if it == 30:  # MATLAB's exceptional shift
                s = (y - x) / 2.0
                s = s * s + w
                if s > 0.0:
                    s = math.sqrt(s)
                    if y < x:
                        s = -s
                    s = x - w / ((y - x) / 2.0 + s)
                    for i in range(low, n + 1):
                        h[i, i] -= s
                    exshift += s
                    x = 0.964
                    y = x
                    w = x
            it += 1
            m = n - 2
            while m >= l:
                z = float(h[m, m])
                r = x - z
                s = y - z
                p = (r * s - w) / float(h[m + 1, m]) + float(h[m, m + 1])
                q = float(h[m + 1, m + 1]) - z - r - s
                r = float(h[m + 2, m + 1])
                s = abs(p) + abs(q) + abs(r)
                p = p / s
                q = q / s
                r = r / s
                if m == l:
                    break
                if abs(float(h[m, m - 1])) * (abs(q) + abs(r)) < \
                        EPS * (abs(p) * (abs(float(h[m - 1, m - 1])) + abs(z) + abs(float(h[m + 1, m + 1])))):
                    break
                m -= 1
            for i in range(m + 2, n + 1):
                h[i, i - 2] = 0.0
                if i > m + 2:
                    h[i, i - 3] = 0.0
            for k in range(m, n):
                notlast = k != n - 1
                skip = False
                if k != m:
                    p = float(h[k, k - 1])
                    q = float(h[k + 1, k - 1])
                    r = 0.0
                    if notlast:
                        r = float(h[k + 2, k - 1])
                    x = abs(p) + abs(q) + abs(r)
                    if x == 0.0:
                        skip = True
                    else:
                        p = p / x
                        q = q / x
                        r = r / x
                if not skip:
                    s = math.sqrt(p * p + q * q + r * r)
                    if p < 0.0:
                        s = -s
                    if s != 0.0:
                        if k != m:
                            h[k, k - 1] = -s * x
                        elif l != m:
                            h[k, k - 1] = -float(h[k, k - 1])
                        p = p + s
                        x = p / s
                        y = q / s
                        z = r / s
                        q = q / p
                        r = r / p
                        for j in range(k, nn):
                            p = float(h[k, j]) + q * float(h[k + 1, j])
                            if notlast:
                                p = p + r * float(h[k + 2, j])
                                h[k + 2, j] = float(h[k + 2, j]) - p * z
                            h[k, j] = float(h[k, j]) - p * x
                            h[k + 1, j] = float(h[k + 1, j]) - p * y
                        for i in range(0, min(n, k + 3) + 1):
                            p = x * float(h[i, k]) + y * float(h[i, k + 1])
                            if notlast:
                                p = p + z * float(h[i, k + 2])
                                h[i, k + 2] = float(h[i, k + 2]) - p * r
                            h[i, k] = float(h[i, k]) - p
                            h[i, k + 1] = float(h[i, k + 1]) - p * q
                        for i in range(low, high + 1):
                            p = x * float(v[i, k]) + y * float(v[i, k + 1])
                            if notlast:
                                p = p + z * float(v[i, k + 2])
                                v[i, k + 2] = float(v[i, k + 2]) - p * r
                            v[i, k] = float(v[i, k]) - p
                            v[i, k + 1] = float(v[i, k + 1]) - p * q
    return norm


def cdiv(xr, xi, yr, yi):
    """(xr + i xi) / (yr + i yi) as a pair, Smith's way (JAMA's cdiv)."""
    if abs(yr) > abs(yi):
        r = yi / yr
        dd = yr + r * yi
        return (xr + r * xi) / dd, (xi - r * xr) / dd
    r = yr / yi
    dd = yi + r * yr
    return (r * xr + xi) / dd, (r * xi - xr) / dd


def schur_vectors(h, v, d, e, norm):
    """Eigenvectors from the real Schur form h (hqr2's back-substitution,
    real and complex pairs) back-transformed by v, which they overwrite: a
    real eigenvalue's vector in its column; for a complex pair (columns j,
    j+1, e[j] > 0) the real part in column j and the imaginary part in
    column j+1 (the vector of d[j] + i e[j]; its conjugate belongs to d[j] - i e[j])."""
    nn = h.shape[0]
    if norm == 0.0:
        return
    for n in range(nn - 1, -1, -1):
        p = float(d[n])
        q = float(e[n])
        z = 0.0
        s = 0.0
        r = 0.0
        if q == 0.0:
            l = n
            h[n, n] = 1.0
            for i in range(n - 1, -1, -1):
                w = float(h[i, i]) - p
                r = 0.0
                for j in range(l, n + 1):
                    r = r + float(h[i, j]) * float(h[j, n])
                if float(e[i]) < 0.0:
                    z = w
                    s = r
                else:
                    l = i
                    if float(e[i]) == 0.0:
                        if w != 0.0:
                            h[i, n] = -r / w
                        else:
                            h[i, n] = -r / (EPS * norm)
                    else:  # a 2x2 block above: real equations
                        x = float(h[i, i + 1])
                        y = float(h[i + 1, i])
                        q = (float(d[i]) - p) * (float(d[i]) - p) + float(e[i]) * float(e[i])
                        t = (x * s - z * r) / q
                        h[i, n] = t
                        if abs(x) > abs(z):
                            h[i + 1, n] = (-r - w * t) / x
                        else:
                            h[i + 1, n] = (-s - y * t) / z
                    t = abs(float(h[i, n]))
                    if (EPS * t) * t > 1.0:  # overflow control
                        for j in range(i, n + 1):
                            h[j, n] = float(h[j, n]) / t
        elif q < 0.0:  # the second column of a complex pair: both columns
            l = n - 1
            if abs(float(h[n, n - 1])) > abs(float(h[n - 1, n])):
                h[n - 1, n - 1] = q / float(h[n, n - 1])
                h[n - 1, n] = -(float(h[n, n]) - p) / float(h[n, n - 1])
            else:
                cr, ci = cdiv(0.0, -float(h[n - 1, n]), float(h[n - 1, n - 1]) - p, q)
                h[n - 1, n - 1] = cr
                h[n - 1, n] = ci
            h[n, n - 1] = 0.0
            h[n, n] = 1.0
            for i in range(n - 2, -1, -1):
                ra = 0.0
                sa = 0.0
                for j in range(l, n + 1):
                    ra = ra + float(h[i, j]) * float(h[j, n - 1])
                    sa = sa + float(h[i, j]) * float(h[j, n])
                w = float(h[i, i]) - p
                if float(e[i]) < 0.0:
                    z = w
                    r = ra
                    s = sa
                else:
                    l = i
                    if float(e[i]) == 0.0:
                        cr, ci = cdiv(-ra, -sa, w, q)
                        h[i, n - 1] = cr
                        h[i, n] = ci
                    else:  # a 2x2 block above: complex equations
                        x = float(h[i, i + 1])
                        y = float(h[i + 1, i])
                        vr = (float(d[i]) - p) * (float(d[i]) - p) + float(e[i]) * float(e[i]) - q * q
                        vi = (float(d[i]) - p) * 2.0 * q
                        if vr == 0.0 and vi == 0.0:
                            vr = EPS * norm * (abs(w) + abs(q) + abs(x) + abs(y) + abs(z))
                        cr, ci = cdiv(x * r - z * ra + q * sa, x * s - z * sa - q * ra, vr, vi)
                        h[i, n - 1] = cr
                        h[i, n] = ci
                        if abs(x) > abs(z) + abs(q):
                            h[i + 1, n - 1] = (-ra - w * float(h[i, n - 1]) + q * float(h[i, n])) / x
                            h[i + 1, n] = (-sa - w * float(h[i, n]) - q * float(h[i, n - 1])) / x
                        else:
                            cr, ci = cdiv(-r - y * float(h[i, n - 1]), -s - y * float(h[i, n]), z, q)
                            h[i + 1, n - 1] = cr
                            h[i + 1, n] = ci
                    t = max(abs(float(h[i, n - 1])), abs(float(h[i, n])))
                    if (EPS * t) * t > 1.0:  # overflow control
                        for j in range(i, n + 1):
                            h[j, n - 1] = float(h[j, n - 1]) / t
                            h[j, n] = float(h[j, n]) / t
    for j in range(nn - 1, -1, -1):
        for i in range(nn):
            z = 0.0
            for k in range(j + 1):
                z = z + float(v[i, k]) * float(h[k, j])
            v[i, j] = z


def real_vectors(h, v, d, e, norm):
    """Eigenvectors when every eigenvalue is real, each scaled to unit
    2-norm as LAPACK's geev (no sign convention: LAPACK has none)."""
    schur_vectors(h, v, d, e, norm)
    nn = h.shape[0]
    for j in range(nn):
        unit_column(v, j, nn)


def unit_column(v, j, nn):
    """Scale column j of v (nn rows) to unit 2-norm (left alone if zero)."""
    s = 0.0
    for i in range(nn):
        s += float(v[i, j]) * float(v[i, j])
    s = math.sqrt(s)
    if s > 0.0:
        for i in range(nn):
            v[i, j] = float(v[i, j]) / s


def complex_vectors(h, v, d, e, norm, vi):
    """All eigenvectors as complex columns: real parts in v, imaginary parts
    in vi (zeros on entry). Normalized as LAPACK's geev: unit 2-norm, and
    for a complex pair the largest component (the first largest) made real
    by a rotation keeping its real part's sign (dlartg); the conjugate
    eigenvalue gets the conjugate vector."""
    schur_vectors(h, v, d, e, norm)
    nn = h.shape[0]
    j = 0
    while j < nn:
        if float(e[j]) == 0.0:
            unit_column(v, j, nn)
            j += 1
        else:
            s = 0.0
            for i in range(nn):
                s += float(v[i, j]) * float(v[i, j]) + float(v[i, j + 1]) * float(v[i, j + 1])
            s = math.sqrt(s)
            big = -1.0
            k = 0
            for i in range(nn):
                m = float(v[i, j]) * float(v[i, j]) + float(v[i, j + 1]) * float(v[i, j + 1])
                if m > big:
                    big = m
                    k = i
            f = float(v[k, j])
            g = float(v[k, j + 1])
            rr = math.sqrt(f * f + g * g)
            cs = 1.0
            sn = 0.0
            if rr > 0.0:
                if f < 0.0:
                    rr = -rr
                cs = f / rr
                sn = g / rr
            for i in range(nn):
                x = float(v[i, j])
                y = float(v[i, j + 1])
                re = (cs * x + sn * y) / s
                im = (cs * y - sn * x) / s
                v[i, j] = re
                vi[i, j] = im
                v[i, j + 1] = re
                vi[i, j + 1] = -im
            vi[k, j] = 0.0
            vi[k, j + 1] = 0.0
            j += 2


def eig_parts(a):
    """(h, v, d, e, norm): the real Schur form of a's float64 copy, the
    accumulated transformations and the eigenvalues' real and imaginary parts."""
    assert_square(a)  # its callers have checked a.ndim inline
    h = work(a)
    n = h.shape[0]
    for i in range(n):
        for j in range(n):
            x = float(h[i, j])
            if x != x or x == math.inf or x == -math.inf:
                raise LinAlgError("Array must not contain infs or NaNs")
    v = np.zeros((n, n))
    d = np.zeros(n)
    e = np.zeros(n)
    hessenberg(h, v)
    norm = schur(h, v, d, e)
    return h, v, d, e, norm


def all_real(e):
    for i in range(e.shape[0]):
        if float(e[i]) != 0.0:
            return False
    return True


def eig_result(a, h, v, d, e, norm, vectors):
    """NumPy < 2.5's result from the Schur form: (w, v) or w, real arrays
    (NumPy returns real arrays exactly when every eigenvalue is real;
    complex eigenvalues: a run-time error, the result's type being fixed
    when compiling -- see docs/arrays.md)."""
    if not all_real(e):
        raise NotImplementedError(COMPLEX_MSG)
    if vectors:
        real_vectors(h, v, d, e, norm)
    return result_like(d, a), result_like(v, a)


def complex_like(re, im, a):
    """re + i im in NumPy's complex result dtype for the real input a:
    complex64 when a is float32, else complex128."""
    z = re + im * 1j
    if a.dtype == np.float32:
        return z.astype(np.complex64)
    return z


def eig(a):
    if a.ndim < 2:  # inline: a helper that always raises would type as None
        raise LinAlgError("%d-dimensional array given. Array must be at least "
                          "two-dimensional" % a.ndim)
    h, v, d, e, norm = eig_parts(a)
    return eig_result(a, h, v, d, e, norm, True)


def eigvals(a):
    if a.ndim < 2:  # inline: a helper that always raises would type as None
        raise LinAlgError("%d-dimensional array given. Array must be at least "
                          "two-dimensional" % a.ndim)
    h, v, d, e, norm = eig_parts(a)
    return eig_result(a, h, v, d, e, norm, False)[0]


def eig_complex(a):
    """eig as NumPy >= 2.5 (always complex arrays), of a real matrix."""
    if a.ndim < 2:  # inline: a helper that always raises would type as None
        raise LinAlgError("%d-dimensional array given. Array must be at least "
                          "two-dimensional" % a.ndim)
    h, v, d, e, norm = eig_parts(a)
    vi = np.zeros(v.shape)
    complex_vectors(h, v, d, e, norm, vi)
    return complex_like(d, e, a), complex_like(v, vi, a)


def eigvals_complex(a):
    """eigvals as NumPy >= 2.5 (always a complex array), of a real matrix."""
    if a.ndim < 2:  # inline: a helper that always raises would type as None
        raise LinAlgError("%d-dimensional array given. Array must be at least "
                          "two-dimensional" % a.ndim)
    h, v, d, e, norm = eig_parts(a)
    return complex_like(d, e, a)
