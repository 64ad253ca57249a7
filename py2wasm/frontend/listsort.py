"""CPython's list sort, written in the Python subset py2wasm compiles and
traced: `list.sort(key=..., reverse=...)` and `sorted(...)` compare items in
exactly the order CPython's `Objects/listobject.c` does (Timsort: natural
runs, binary insertion up to minrun, powersort merge policy, galloping with
an adaptive min_gallop), so results are CPython's bit for bit even when the
order is not total (NaN keys: `nan < x` and `x < nan` are both false, and the
result then depends on the algorithm). Python 3.13 changed how a run is
counted (equal items extend a descending run); `v313` selects that variant,
chosen from the interpreter that compiles, as the rest of the semantics are.

Place in the pipeline: frontend library code, like strlib.py: lists_sort.py
calls `sort_list` through the tracer (`calls.call_python` with a library
site, so the flags below are known when tracing and their branches fold).
`keys` is sorted and `vals` (the list itself, when a key function gave
`keys`: lists_sort._keys computes them first, as CPython does) is permuted
in lockstep; with `hv` false `vals` is `keys` and is not
touched twice. Scratch space is one copy of each list per call.
"""
from __future__ import annotations

MIN_GALLOP = 7


def sort_list(keys, vals, hv, reverse, v313):
    n = len(keys)
    if n < 2:
        return
    if reverse:  # CPython: reverse, stable sort, reverse the values back
        _rev(keys, 0, n)
        if hv:
            _rev(vals, 0, n)
    _timsort(keys, vals, hv, v313, n)
    if reverse:
        _rev(vals, 0, n)


def _rev(a, lo, hi):
    hi -= 1
    while lo < hi:
        t = a[lo]
        a[lo] = a[hi]
        a[hi] = t
        lo += 1
        hi -= 1


def _rev2(keys, vals, hv, lo, hi):
    _rev(keys, lo, hi)
    if hv:
        _rev(vals, lo, hi)


def _minrun(n):
    r = 0
    while n >= 64:
        r |= n & 1
        n >>= 1
    return n + r


def _timsort(keys, vals, hv, v313, n):
    if hv:
        tv = vals.copy()
    else:
        tv = keys
    tk = keys.copy()
    rb = [0] * 0  # the pending runs: base, length, power
    rl = [0] * 0
    rp = [0] * 0
    ms = [MIN_GALLOP]
    minrun = _minrun(n)
    lo = 0
    nrem = n
    while nrem > 0:
        if v313:
            r = _count_run_313(keys, vals, hv, lo, nrem)
        else:
            r = _count_run_311(keys, vals, hv, lo, nrem)
        if r < minrun:
            force = nrem if nrem <= minrun else minrun
            _binarysort(keys, vals, hv, lo, force, r)
            r = force
        top = len(rb)
        if top > 0:  # powersort: merge runs whose power exceeds the new boundary's
            power = _powerloop(rb[top - 1], rl[top - 1], r, n)
            while len(rb) > 1 and rp[len(rb) - 2] > power:
                _merge_at(keys, vals, hv, tk, tv, rb, rl, rp, ms, len(rb) - 2)
            rp[len(rb) - 1] = power
        rb.append(lo)
        rl.append(r)
        rp.append(0)
        lo += r
        nrem -= r
    while len(rb) > 1:
        m = len(rb) - 2
        if m > 0 and rl[m - 1] < rl[m + 1]:
            m -= 1
        _merge_at(keys, vals, hv, tk, tv, rb, rl, rp, ms, m)


def _powerloop(s1, n1, n2, n):
    result = 0
    a = 2 * s1 + n1
    b = a + n1 + n2
    while True:
        result += 1
        if a >= n:
            a -= n
            b -= n
        elif b >= n:
            break
        a <<= 1
        b <<= 1
    return result


def _count_run_311(keys, vals, hv, lo, nrem):
    """The run at lo (3.11, 3.12): ascending (non-decreasing) or strictly
    descending, the latter reversed in place."""
    if nrem == 1:
        return 1
    n = 2
    if keys[lo + 1] < keys[lo]:
        while n < nrem:
            if keys[lo + n] < keys[lo + n - 1]:
                n += 1
            else:
                break
        _rev2(keys, vals, hv, lo, lo + n)
    else:
        while n < nrem:
            if keys[lo + n] < keys[lo + n - 1]:
                break
            n += 1
    return n


def _count_run_313(keys, vals, hv, lo, nrem):
    """The run at lo (3.13): a descending run may hold equal items (each
    group of equal ones reversed first, so the whole reversal keeps them in
    order), and an ascending tail after a descending run extends it."""
    n = 1
    while n < nrem:
        if keys[lo + n] < keys[lo + n - 1]:
            break
        n += 1
    if n == nrem:
        return n
    if n > 1:
        if keys[lo] < keys[lo + n - 1]:
            return n
        _rev2(keys, vals, hv, lo, lo + n)
    n += 1
    neq = 0
    while n < nrem:
        if keys[lo + n] < keys[lo + n - 1]:
            if neq > 0:
                neq += 1
                _rev2(keys, vals, hv, lo + n - neq, lo + n)
                neq = 0
        else:
            if keys[lo + n - 1] < keys[lo + n]:
                break
            neq += 1
        n += 1
    if neq > 0:
        neq += 1
        _rev2(keys, vals, hv, lo + n - neq, lo + n)
    _rev2(keys, vals, hv, lo, lo + n)
    while n < nrem:
        if keys[lo + n] < keys[lo + n - 1]:
            break
        n += 1
    return n


def _binarysort(keys, vals, hv, lo, n, ok):
    """Binary insertion of keys[lo+ok:lo+n] into the sorted keys[lo:lo+ok]."""
    if ok == 0:
        ok = 1
    while ok < n:
        left = 0
        right = ok
        pivot = keys[lo + ok]
        while True:
            m = (left + right) >> 1
            if pivot < keys[lo + m]:
                right = m
            else:
                left = m + 1
            if left >= right:
                break
        m = ok
        while m > left:
            keys[lo + m] = keys[lo + m - 1]
            m -= 1
        keys[lo + left] = pivot
        if hv:
            vp = vals[lo + ok]
            m = ok
            while m > left:
                vals[lo + m] = vals[lo + m - 1]
                m -= 1
            vals[lo + left] = vp
        ok += 1


def _gallop_left(key, a, base, n, hint):
    """k in 0..n with a[base+k-1] < key <= a[base+k], searched from hint."""
    lastofs = 0
    ofs = 1
    if a[base + hint] < key:
        maxofs = n - hint
        while ofs < maxofs:
            if a[base + hint + ofs] < key:
                lastofs = ofs
                ofs = (ofs << 1) + 1
            else:
                break
        if ofs > maxofs:
            ofs = maxofs
        lastofs += hint
        ofs += hint
    else:
        maxofs = hint + 1
        while ofs < maxofs:
            if a[base + hint - ofs] < key:
                break
            lastofs = ofs
            ofs = (ofs << 1) + 1
        if ofs > maxofs:
            ofs = maxofs
        k = lastofs
        lastofs = hint - ofs
        ofs = hint - k
    lastofs += 1
    while lastofs < ofs:
        m = lastofs + ((ofs - lastofs) >> 1)
        if a[base + m] < key:
            lastofs = m + 1
        else:
            ofs = m
    return ofs


def _gallop_right(key, a, base, n, hint):
    """k in 0..n with a[base+k-1] <= key < a[base+k], searched from hint."""
    lastofs = 0
    ofs = 1
    if key < a[base + hint]:
        maxofs = hint + 1
        while ofs < maxofs:
            if key < a[base + hint - ofs]:
                lastofs = ofs
                ofs = (ofs << 1) + 1
            else:
                break
        if ofs > maxofs:
            ofs = maxofs
        k = lastofs
        lastofs = hint - ofs
        ofs = hint - k
    else:
        maxofs = n - hint
        while ofs < maxofs:
            if key < a[base + hint + ofs]:
                break
            lastofs = ofs
            ofs = (ofs << 1) + 1
        if ofs > maxofs:
            ofs = maxofs
        lastofs += hint
        ofs += hint
    lastofs += 1
    while lastofs < ofs:
        m = lastofs + ((ofs - lastofs) >> 1)
        if key < a[base + m]:
            ofs = m
        else:
            lastofs = m + 1
    return ofs


def _copy(dk, dv, d, sk, sv, s, k, hv):
    """dk[d:d+k] = sk[s:s+k] (and the values), front to back."""
    i = 0
    while i < k:
        dk[d + i] = sk[s + i]
        if hv:
            dv[d + i] = sv[s + i]
        i += 1


def _copy_back(dk, dv, d, sk, sv, s, k, hv):
    """The same, back to front (an overlapping move to higher indices)."""
    i = k - 1
    while i >= 0:
        dk[d + i] = sk[s + i]
        if hv:
            dv[d + i] = sv[s + i]
        i -= 1


def _merge_at(keys, vals, hv, tk, tv, rb, rl, rp, ms, i):
    sa = rb[i]
    na = rl[i]
    sb = rb[i + 1]
    nb = rl[i + 1]
    rl[i] = na + nb
    if i == len(rb) - 3:
        rb[i + 1] = rb[i + 2]
        rl[i + 1] = rl[i + 2]
        rp[i + 1] = rp[i + 2]
    rb.pop()
    rl.pop()
    rp.pop()
    k = _gallop_right(keys[sb], keys, sa, na, 0)
    sa += k
    na -= k
    if na == 0:
        return
    nb = _gallop_left(keys[sa + na - 1], keys, sb, nb, nb - 1)
    if nb <= 0:
        return
    if na <= nb:
        _merge_lo(keys, vals, hv, tk, tv, ms, sa, na, sb, nb)
    else:
        _merge_hi(keys, vals, hv, tk, tv, ms, sa, na, sb, nb)


def _merge_lo(keys, vals, hv, tk, tv, ms, sa, na, sb, nb):
    _copy(tk, tv, 0, keys, vals, sa, na, hv)
    dest = sa
    pa = 0
    pb = sb
    keys[dest] = keys[pb]
    if hv:
        vals[dest] = vals[pb]
    dest += 1
    pb += 1
    nb -= 1
    done = nb == 0
    copyb = False
    if not done and na == 1:
        done = True
        copyb = True
    mg = ms[0]
    while not done:
        acount = 0
        bcount = 0
        while True:
            if keys[pb] < tk[pa]:
                keys[dest] = keys[pb]
                if hv:
                    vals[dest] = vals[pb]
                dest += 1
                pb += 1
                bcount += 1
                acount = 0
                nb -= 1
                if nb == 0:
                    done = True
                    break
                if bcount >= mg:
                    break
            else:
                keys[dest] = tk[pa]
                if hv:
                    vals[dest] = tv[pa]
                dest += 1
                pa += 1
                acount += 1
                bcount = 0
                na -= 1
                if na == 1:
                    done = True
                    copyb = True
                    break
                if acount >= mg:
                    break
        if done:
            break
        mg += 1
        while True:
            if mg > 1:
                mg -= 1
            ms[0] = mg
            k = _gallop_right(keys[pb], tk, pa, na, 0)
            acount = k
            if k > 0:
                _copy(keys, vals, dest, tk, tv, pa, k, hv)
                dest += k
                pa += k
                na -= k
                if na == 1:
                    done = True
                    copyb = True
                    break
                if na == 0:
                    done = True
                    break
            keys[dest] = keys[pb]
            if hv:
                vals[dest] = vals[pb]
            dest += 1
            pb += 1
            nb -= 1
            if nb == 0:
                done = True
                break
            k = _gallop_left(tk[pa], keys, pb, nb, 0)
            bcount = k
            if k > 0:
                _copy(keys, vals, dest, keys, vals, pb, k, hv)
                dest += k
                pb += k
                nb -= k
                if nb == 0:
                    done = True
                    break
            keys[dest] = tk[pa]
            if hv:
                vals[dest] = tv[pa]
            dest += 1
            pa += 1
            na -= 1
            if na == 1:
                done = True
                copyb = True
                break
            if acount < MIN_GALLOP and bcount < MIN_GALLOP:
                break
        if done:
            break
        mg += 1
        ms[0] = mg
    if copyb:  # the last of a belongs at the end
        _copy(keys, vals, dest, keys, vals, pb, nb, hv)
        keys[dest + nb] = tk[pa]
        if hv:
            vals[dest + nb] = tv[pa]
    elif na > 0:
        _copy(keys, vals, dest, tk, tv, pa, na, hv)


def _merge_hi(keys, vals, hv, tk, tv, ms, sa, na, sb, nb):
    _copy(tk, tv, 0, keys, vals, sb, nb, hv)
    dest = sb + nb - 1
    pa = sa + na - 1
    pb = nb - 1
    basea = sa
    keys[dest] = keys[pa]
    if hv:
        vals[dest] = vals[pa]
    dest -= 1
    pa -= 1
    na -= 1
    done = na == 0
    copya = False
    if not done and nb == 1:
        done = True
        copya = True
    mg = ms[0]
    while not done:
        acount = 0
        bcount = 0
        while True:
            if tk[pb] < keys[pa]:
                keys[dest] = keys[pa]
                if hv:
                    vals[dest] = vals[pa]
                dest -= 1
                pa -= 1
                acount += 1
                bcount = 0
                na -= 1
                if na == 0:
                    done = True
                    break
                if acount >= mg:
                    break
            else:
                keys[dest] = tk[pb]
                if hv:
                    vals[dest] = tv[pb]
                dest -= 1
                pb -= 1
                bcount += 1
                acount = 0
                nb -= 1
                if nb == 1:
                    done = True
                    copya = True
                    break
                if bcount >= mg:
                    break
        if done:
            break
        mg += 1
        while True:
            if mg > 1:
                mg -= 1
            ms[0] = mg
            k = na - _gallop_right(tk[pb], keys, basea, na, na - 1)
            acount = k
            if k > 0:
                dest -= k
                pa -= k
                _copy_back(keys, vals, dest + 1, keys, vals, pa + 1, k, hv)
                na -= k
                if na == 0:
                    done = True
                    break
            keys[dest] = tk[pb]
            if hv:
                vals[dest] = tv[pb]
            dest -= 1
            pb -= 1
            nb -= 1
            if nb == 1:
                done = True
                copya = True
                break
            k = nb - _gallop_left(keys[pa], tk, 0, nb, nb - 1)
            bcount = k
            if k > 0:
                dest -= k
                pb -= k
                _copy(keys, vals, dest + 1, tk, tv, pb + 1, k, hv)
                nb -= k
                if nb == 1:
                    done = True
                    copya = True
                    break
                if nb == 0:
                    done = True
                    break
            keys[dest] = keys[pa]
            if hv:
                vals[dest] = vals[pa]
            dest -= 1
            pa -= 1
            na -= 1
            if na == 0:
                done = True
                break
            if acount < MIN_GALLOP and bcount < MIN_GALLOP:
                break
        if done:
            break
        mg += 1
        ms[0] = mg
    if copya:  # the first of b belongs at the front
        _copy_back(keys, vals, dest + 1 - na, keys, vals, pa + 1 - na, na, hv)
        dest -= na
        pa -= na
        keys[dest] = tk[pb]
        if hv:
            vals[dest] = tv[pb]
    elif nb > 0:
        _copy(keys, vals, dest - (nb - 1), tk, tv, 0, nb, hv)
