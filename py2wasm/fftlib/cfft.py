"""The complex FFT of one line: pocketfft's `cfftp` plan, ported.

Place in the pipeline: part of the fft library the frontend traces
(`py2wasm/fftlib/__init__.py`); written in the compiled Python subset.
The length is factored as pocketfft does (8s, then 4s, then one 2 moved to
the front, then odd primes ascending) and each factor runs its pass: radix
2, 4 and 8, the hard-coded odd radices 3, 5, 7 and 11 (one kernel here, with
pocketfft's literal constants and its order of additions), and the generic
radix (`passg`) for larger primes. Complex values are two arrays (real and
imaginary parts) of the working dtype, float64 or float32: every operation
is the C++ one, rounded in that dtype, so the results are NumPy's to the
bit where NumPy uses this plan (it uses Bluestein's algorithm instead for
some lengths >= 50 with a large prime factor: there the results agree to
rounding). `s` is +1.0 for the backward transform, -1.0 for the forward
one: multiplying a twiddle's imaginary part by it is exactly pocketfft's
`special_mul<fwd>` / `ROTM90`.
"""
from __future__ import annotations

import numpy as np

# cos and sin of 2 pi q / p, q = 1 .. (p - 1) / 2, pocketfft's literals
_C3 = (-0.5,)
_S3 = (0.8660254037844386467637231707529362,)
_C5 = (0.3090169943749474241022934171828191, -0.8090169943749474241022934171828191)
_S5 = (0.9510565162951535721164393333793821, 0.5877852522924731291687059546390728)
_C7 = (0.6234898018587335305250048840042398, -0.2225209339563144042889025644967948,
       -0.9009688679024191262361023195074451)
_S7 = (0.7818314824680298087084445266740578, 0.9749279121818236070181316829939312,
       0.433883739117558120475768332848359)
_C11 = (0.8412535328311811688618116489193677, 0.4154150130018864255292741492296232,
        -0.1423148382732851404437926686163697, -0.6548607339452850640569250724662936,
        -0.9594929736144973898903680570663277)
_S11 = (0.5406408174555975821076359543186917, 0.9096319953545183714117153830790285,
        0.9898214418809327323760920377767188, 0.7557495743542582837740358439723444,
        0.2817325568414296977114179153466169)


def factorize(n):
    """pocketfft's cfftp::factorize: an int64 array of factors and its count."""
    fact = np.zeros(64, dtype=np.int64)
    nf = 0
    ln = n
    while ln % 8 == 0:
        fact[nf] = 8
        nf += 1
        ln = ln >> 3
    while ln % 4 == 0:
        fact[nf] = 4
        nf += 1
        ln = ln >> 2
    if ln % 2 == 0:
        ln = ln >> 1
        fact[nf] = 2
        nf += 1
        t = fact[0]
        fact[0] = fact[nf - 1]
        fact[nf - 1] = t
    d = 3
    while d * d <= ln:
        while ln % d == 0:
            fact[nf] = d
            nf += 1
            ln = ln // d
        d += 2
    if ln > 1:
        fact[nf] = ln
        nf += 1
    return fact, nf


def _odd_table(p, cs, sn):
    """cos and sin of 2 pi q / p for q < p (pocketfft's literals, by symmetry)."""
    h = (p - 1) // 2
    for q in range(1, h + 1):
        c = 0.0
        s = 0.0
        if p == 3:
            c = _C3[q - 1]
            s = _S3[q - 1]
        elif p == 5:
            c = _C5[q - 1]
            s = _S5[q - 1]
        elif p == 7:
            c = _C7[q - 1]
            s = _S7[q - 1]
        else:
            c = _C11[q - 1]
            s = _S11[q - 1]
        cs[q] = c
        sn[q] = s
        cs[p - q] = c
        sn[p - q] = -s


def _pass2(ido, l1, ar, ai, br, bi, tw, s):
    for k in range(l1):
        for i in range(ido):
            c0 = i + ido * (2 * k)
            c1 = i + ido * (1 + 2 * k)
            h0 = i + ido * k
            h1 = i + ido * (k + l1)
            br[h0] = ar[c0] + ar[c1]
            bi[h0] = ai[c0] + ai[c1]
            dr = ar[c0] - ar[c1]
            di = ai[c0] - ai[c1]
            if i == 0:
                br[h1] = dr
                bi[h1] = di
            else:
                t = l1 * i
                wr = tw[2 * t]
                wi = s * tw[2 * t + 1]
                br[h1] = dr * wr - di * wi
                bi[h1] = dr * wi + di * wr


def _pass4(ido, l1, ar, ai, br, bi, tw, s):
    for k in range(l1):
        for i in range(ido):
            c0 = i + ido * (4 * k)
            c1 = c0 + ido
            c2 = c1 + ido
            c3 = c2 + ido
            t2r = ar[c0] + ar[c2]
            t2i = ai[c0] + ai[c2]
            t1r = ar[c0] - ar[c2]
            t1i = ai[c0] - ai[c2]
            t3r = ar[c1] + ar[c3]
            t3i = ai[c1] + ai[c3]
            ur = ar[c1] - ar[c3]
            ui = ai[c1] - ai[c3]
            t4r = -(s * ui)
            t4i = s * ur
            h0 = i + ido * k
            h1 = h0 + ido * l1
            h2 = h1 + ido * l1
            h3 = h2 + ido * l1
            br[h0] = t2r + t3r
            bi[h0] = t2i + t3i
            if i == 0:
                br[h2] = t2r - t3r
                bi[h2] = t2i - t3i
                br[h1] = t1r + t4r
                bi[h1] = t1i + t4i
                br[h3] = t1r - t4r
                bi[h3] = t1i - t4i
            else:
                x3r = t2r - t3r
                x3i = t2i - t3i
                x2r = t1r + t4r
                x2i = t1i + t4i
                x4r = t1r - t4r
                x4i = t1i - t4i
                t = l1 * i
                wr = tw[2 * t]
                wi = s * tw[2 * t + 1]
                br[h1] = x2r * wr - x2i * wi
                bi[h1] = x2r * wi + x2i * wr
                wr = tw[4 * t]
                wi = s * tw[4 * t + 1]
                br[h2] = x3r * wr - x3i * wi
                bi[h2] = x3r * wi + x3i * wr
                wr = tw[6 * t]
                wi = s * tw[6 * t + 1]
                br[h3] = x4r * wr - x4i * wi
                bi[h3] = x4r * wi + x4i * wr


def _sm(xr, xi, tw, t, s, br, bi, h):
    """(br, bi)[h] = x times the twiddle t (pocketfft's special_mul)."""
    wr = tw[2 * t]
    wi = s * tw[2 * t + 1]
    br[h] = xr * wr - xi * wi
    bi[h] = xr * wi + xi * wr


def _pass8(ido, l1, ar, ai, br, bi, tw, s):
    hs = 0.7071067811865476
    for k in range(l1):
        for i in range(ido):
            c0 = i + ido * (8 * k)
            a1r = ar[c0 + ido] + ar[c0 + 5 * ido]
            a1i = ai[c0 + ido] + ai[c0 + 5 * ido]
            a5r = ar[c0 + ido] - ar[c0 + 5 * ido]
            a5i = ai[c0 + ido] - ai[c0 + 5 * ido]
            a3r = ar[c0 + 3 * ido] + ar[c0 + 7 * ido]
            a3i = ai[c0 + 3 * ido] + ai[c0 + 7 * ido]
            a7r = ar[c0 + 3 * ido] - ar[c0 + 7 * ido]
            a7i = ai[c0 + 3 * ido] - ai[c0 + 7 * ido]
            tr = a1r
            ti = a1i
            a1r = a1r + a3r
            a1i = a1i + a3i
            a3r = tr - a3r
            a3i = ti - a3i
            tr = a3r
            a3r = -(s * a3i)  # ROTX90
            a3i = s * tr
            tr = a7r
            a7r = -(s * a7i)  # ROTX90
            a7i = s * tr
            tr = a5r
            ti = a5i
            a5r = a5r + a7r
            a5i = a5i + a7i
            a7r = tr - a7r
            a7i = ti - a7i
            tr = a5r
            a5r = hs * (a5r - s * a5i)  # ROTX45
            a5i = hs * (a5i + s * tr)
            tr = a7r
            a7r = hs * (-(s * a7i) - a7r)  # ROTX135
            a7i = hs * (s * tr - a7i)
            a0r = ar[c0] + ar[c0 + 4 * ido]
            a0i = ai[c0] + ai[c0 + 4 * ido]
            a4r = ar[c0] - ar[c0 + 4 * ido]
            a4i = ai[c0] - ai[c0 + 4 * ido]
            a2r = ar[c0 + 2 * ido] + ar[c0 + 6 * ido]
            a2i = ai[c0 + 2 * ido] + ai[c0 + 6 * ido]
            a6r = ar[c0 + 2 * ido] - ar[c0 + 6 * ido]
            a6i = ai[c0 + 2 * ido] - ai[c0 + 6 * ido]
            tr = a0r
            ti = a0i
            a0r = a0r + a2r
            a0i = a0i + a2i
            a2r = tr - a2r
            a2i = ti - a2i
            tr = a6r
            a6r = -(s * a6i)  # ROTX90
            a6i = s * tr
            tr = a4r
            ti = a4i
            a4r = a4r + a6r
            a4i = a4i + a6i
            a6r = tr - a6r
            a6i = ti - a6i
            h = i + ido * k
            st = ido * l1
            br[h] = a0r + a1r
            bi[h] = a0i + a1i
            if i == 0:
                br[h + 4 * st] = a0r - a1r
                bi[h + 4 * st] = a0i - a1i
                br[h + 2 * st] = a2r + a3r
                bi[h + 2 * st] = a2i + a3i
                br[h + 6 * st] = a2r - a3r
                bi[h + 6 * st] = a2i - a3i
                br[h + st] = a4r + a5r
                bi[h + st] = a4i + a5i
                br[h + 5 * st] = a4r - a5r
                bi[h + 5 * st] = a4i - a5i
                br[h + 3 * st] = a6r + a7r
                bi[h + 3 * st] = a6i + a7i
                br[h + 7 * st] = a6r - a7r
                bi[h + 7 * st] = a6i - a7i
            else:
                t = l1 * i
                _sm(a0r - a1r, a0i - a1i, tw, 4 * t, s, br, bi, h + 4 * st)
                _sm(a2r + a3r, a2i + a3i, tw, 2 * t, s, br, bi, h + 2 * st)
                _sm(a2r - a3r, a2i - a3i, tw, 6 * t, s, br, bi, h + 6 * st)
                _sm(a4r + a5r, a4i + a5i, tw, t, s, br, bi, h + st)
                _sm(a4r - a5r, a4i - a5i, tw, 5 * t, s, br, bi, h + 5 * st)
                _sm(a6r + a7r, a6i + a7i, tw, 3 * t, s, br, bi, h + 3 * st)
                _sm(a6r - a7r, a6i - a7i, tw, 7 * t, s, br, bi, h + 7 * st)


def _pass_odd(ido, l1, p, ar, ai, br, bi, tw, s, wk):
    """pocketfft's pass3, pass5, pass7 and pass11 (the same pattern: sums
    and differences of mirrored inputs, then per output pair the cosine sum
    and the rotated sine sum, in the C++ order of additions)."""
    h = (p - 1) // 2
    cs = np.zeros(p, dtype=wk.dtype)  # the constants in the working dtype (T0)
    sn = np.zeros(p, dtype=wk.dtype)
    _odd_table(p, cs, sn)
    sar = np.zeros(h + 1, dtype=wk.dtype)
    sai = np.zeros(h + 1, dtype=wk.dtype)
    sbr = np.zeros(h + 1, dtype=wk.dtype)
    sbi = np.zeros(h + 1, dtype=wk.dtype)
    for k in range(l1):
        for i in range(ido):
            base = i + ido * (p * k)
            t0r = ar[base]
            t0i = ai[base]
            accr = t0r
            acci = t0i
            for m in range(1, h + 1):
                x = base + ido * m
                y = base + ido * (p - m)
                sar[m] = ar[x] + ar[y]
                sai[m] = ai[x] + ai[y]
                sbr[m] = ar[x] - ar[y]
                sbi[m] = ai[x] - ai[y]
                accr = accr + sar[m]
                acci = acci + sai[m]
            h0 = i + ido * k
            br[h0] = accr
            bi[h0] = acci
            for u in range(1, h + 1):
                car = t0r
                cai = t0i
                cbi = t0r * 0.0
                cbr = t0r * 0.0
                for m in range(1, h + 1):
                    q = (u * m) % p
                    x = cs[q]
                    car = car + x * sar[m]
                    cai = cai + x * sai[m]
                    y = s * sn[q]
                    if m == 1:
                        cbi = y * sbr[m]
                        cbr = y * sbi[m]
                    else:
                        cbi = cbi + y * sbr[m]
                        cbr = cbr + y * sbi[m]
                cbr = -cbr
                ha = i + ido * (k + l1 * u)
                hb = i + ido * (k + l1 * (p - u))
                if i == 0:
                    br[ha] = car + cbr
                    bi[ha] = cai + cbi
                    br[hb] = car - cbr
                    bi[hb] = cai - cbi
                else:
                    dar = car + cbr
                    dai = cai + cbi
                    dbr = car - cbr
                    dbi = cai - cbi
                    t = u * l1 * i
                    wr = tw[2 * t]
                    wi = s * tw[2 * t + 1]
                    br[ha] = dar * wr - dai * wi
                    bi[ha] = dar * wi + dai * wr
                    t = (p - u) * l1 * i
                    wr = tw[2 * t]
                    wi = s * tw[2 * t + 1]
                    br[hb] = dbr * wr - dbi * wi
                    bi[hb] = dbr * wi + dbi * wr


def _passg(ido, ip, l1, ar, ai, br, bi, tw, s):
    """pocketfft's generic radix pass (a prime factor above 11). The result
    is left in (ar, ai), as in the C++ (which then swaps twice)."""
    ipph = (ip + 1) // 2
    idl1 = ido * l1
    walr = np.zeros(ip, dtype=ar.dtype)
    wali = np.zeros(ip, dtype=ar.dtype)
    walr[0] = 1.0
    for i in range(1, ip):
        t = i * l1 * ido
        walr[i] = tw[2 * t]
        wali[i] = s * tw[2 * t + 1]
    for k in range(l1):
        for i in range(ido):
            br[i + ido * k] = ar[i + ido * (ip * k)]
    for j in range(1, ipph):
        jc = ip - j
        for k in range(l1):
            for i in range(ido):
                x = i + ido * (j + ip * k)
                y = i + ido * (jc + ip * k)
                br[i + ido * (k + l1 * j)] = ar[x] + ar[y]
                bi[i + ido * (k + l1 * j)] = ai[x] + ai[y]
                br[i + ido * (k + l1 * jc)] = ar[x] - ar[y]
                bi[i + ido * (k + l1 * jc)] = ai[x] - ai[y]
    for k in range(l1):
        for i in range(ido):
            bi[i + ido * k] = ai[i + ido * (ip * k)]
    for k in range(l1):
        for i in range(ido):
            tr = br[i + ido * k]
            ti = bi[i + ido * k]
            for j in range(1, ipph):
                tr = tr + br[i + ido * (k + l1 * j)]
                ti = ti + bi[i + ido * (k + l1 * j)]
            ar[i + ido * k] = tr
            ai[i + ido * k] = ti
    for l in range(1, ipph):
        lc = ip - l
        for ik in range(idl1):
            ar[ik + idl1 * l] = br[ik] + walr[l] * br[ik + idl1] + walr[2 * l] * br[ik + idl1 * 2]
            ai[ik + idl1 * l] = bi[ik] + walr[l] * bi[ik + idl1] + walr[2 * l] * bi[ik + idl1 * 2]
            ar[ik + idl1 * lc] = -(wali[l] * bi[ik + idl1 * (ip - 1)]) - \
                wali[2 * l] * bi[ik + idl1 * (ip - 2)]
            ai[ik + idl1 * lc] = wali[l] * br[ik + idl1 * (ip - 1)] + \
                wali[2 * l] * br[ik + idl1 * (ip - 2)]
        iwal = 2 * l
        j = 3
        jc = ip - 3
        while j < ipph - 1:
            iwal += l
            if iwal > ip:
                iwal -= ip
            xr = walr[iwal]
            xi = wali[iwal]
            iwal += l
            if iwal > ip:
                iwal -= ip
            x2r = walr[iwal]
            x2i = wali[iwal]
            for ik in range(idl1):
                ar[ik + idl1 * l] += br[ik + idl1 * j] * xr + br[ik + idl1 * (j + 1)] * x2r
                ai[ik + idl1 * l] += bi[ik + idl1 * j] * xr + bi[ik + idl1 * (j + 1)] * x2r
                ar[ik + idl1 * lc] -= bi[ik + idl1 * jc] * xi + bi[ik + idl1 * (jc - 1)] * x2i
                ai[ik + idl1 * lc] += br[ik + idl1 * jc] * xi + br[ik + idl1 * (jc - 1)] * x2i
            j += 2
            jc -= 2
        while j < ipph:
            iwal += l
            if iwal > ip:
                iwal -= ip
            xr = walr[iwal]
            xi = wali[iwal]
            for ik in range(idl1):
                ar[ik + idl1 * l] += br[ik + idl1 * j] * xr
                ai[ik + idl1 * l] += bi[ik + idl1 * j] * xr
                ar[ik + idl1 * lc] -= bi[ik + idl1 * jc] * xi
                ai[ik + idl1 * lc] += br[ik + idl1 * jc] * xi
            j += 1
            jc -= 1
    # shuffling and twiddling
    for j in range(1, ipph):
        jc = ip - j
        for k in range(l1):
            for i in range(ido):
                x = i + ido * (k + l1 * j)
                y = i + ido * (k + l1 * jc)
                t1r = ar[x]
                t1i = ai[x]
                t2r = ar[y]
                t2i = ai[y]
                if i == 0:
                    ar[x] = t1r + t2r
                    ai[x] = t1i + t2i
                    ar[y] = t1r - t2r
                    ai[y] = t1i - t2i
                else:
                    x1r = t1r + t2r
                    x1i = t1i + t2i
                    x2r = t1r - t2r
                    x2i = t1i - t2i
                    t = j * l1 * i
                    wr = tw[2 * t]
                    wi = s * tw[2 * t + 1]
                    ar[x] = x1r * wr - x1i * wi
                    ai[x] = x1r * wi + x1i * wr
                    t = jc * l1 * i
                    wr = tw[2 * t]
                    wi = s * tw[2 * t + 1]
                    ar[y] = x2r * wr - x2i * wi
                    ai[y] = x2r * wi + x2i * wr


def cfft(cr, ci, fct, s, tw, wr, wi):
    """Transform the line (cr, ci) in place (pocketfft's pass_all): s = -1.0
    forward, +1.0 backward; `fct` the normalisation factor (1.0: none);
    `tw` the twiddle table of the length (twiddle.sincos_2pibyn, in the
    working dtype); (wr, wi) scratch arrays of the same length."""
    n = cr.shape[0]
    if n == 1:
        cr[0] = cr[0] * fct
        ci[0] = ci[0] * fct
        return
    fact, nf = factorize(n)
    l1 = 1
    in_c = True
    for f in range(nf):
        ip = fact[f]
        l2 = ip * l1
        ido = n // l2
        if ip == 8:
            if in_c:
                _pass8(ido, l1, cr, ci, wr, wi, tw, s)
            else:
                _pass8(ido, l1, wr, wi, cr, ci, tw, s)
            in_c = not in_c
        elif ip == 4:
            if in_c:
                _pass4(ido, l1, cr, ci, wr, wi, tw, s)
            else:
                _pass4(ido, l1, wr, wi, cr, ci, tw, s)
            in_c = not in_c
        elif ip == 2:
            if in_c:
                _pass2(ido, l1, cr, ci, wr, wi, tw, s)
            else:
                _pass2(ido, l1, wr, wi, cr, ci, tw, s)
            in_c = not in_c
        elif ip == 3 or ip == 5 or ip == 7 or ip == 11:
            if in_c:
                _pass_odd(ido, l1, ip, cr, ci, wr, wi, tw, s, cr)
            else:
                _pass_odd(ido, l1, ip, wr, wi, cr, ci, tw, s, cr)
            in_c = not in_c
        else:
            if in_c:
                _passg(ido, ip, l1, cr, ci, wr, wi, tw, s)
            else:
                _passg(ido, ip, l1, wr, wi, cr, ci, tw, s)
        l1 = l2
    if not in_c:
        if fct != 1.0:
            for i in range(n):
                cr[i] = wr[i] * fct
                ci[i] = wi[i] * fct
        else:
            for i in range(n):
                cr[i] = wr[i]
                ci[i] = wi[i]
    elif fct != 1.0:
        for i in range(n):
            cr[i] = cr[i] * fct
            ci[i] = ci[i] * fct
