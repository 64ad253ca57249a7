"""numpy.einsum with subscripts known when compiling, during tracing.

Place in the pipeline: frontend value semantics, dispatched by `npfuncs`.
The subscripts are parsed here (explicit `->` or NumPy's implicit output:
the letters used once, in alphabetical order; a `...` names the broadcast
axes with letters of its own, right-aligned across the operands, first in
an implicit output); a plain matrix or
matrix-vector product goes to `npfuncs_linalg.matmul` (its blocked kernel), and every
other contraction (traces, diagonals, transposes, batched and multi-operand
contractions, `'ij->j'` sums) is one loop nest over the output with an inner
loop nest over the summed letters. Sizes of one letter must agree (ValueError
at run time otherwise; size-1 axes do not broadcast here).
"""
from __future__ import annotations

import numpy as np

from ..ir import F64
from . import arrays as A
from . import array_assign, array_shapes
from .arrays import alloc, ic, icmp, is_array, known, loop_nest, materialize
from .values import E_TYPE, E_UNSUPPORTED_CALL, TraceRaise, error


def _split_ellipsis(term: str, where: str):
    """(letters before '...', letters after, whether there is one); NumPy's
    ValueError for a '.' outside one '...'."""
    if "..." in term:
        head, tail = term.split("...", 1)
        if "." not in head and "." not in tail:
            return head, tail, True
    elif "." not in term:
        return term, "", False
    raise TraceRaise("ValueError", "einstein sum subscripts string contains a '.' that is not "
                     f"part of an ellipsis ('...') in {where}")


def parse(subscripts: str, ndims: list, loc):
    """(input terms, output term) with every '...' replaced by letters of its
    own (the broadcast axes, right-aligned across the operands as NumPy does)
    and the implicit output made explicit: the broadcast axes first, then
    the letters used once in alphabetical order."""
    s = subscripts.replace(" ", "")
    if "->" in s:
        ins, out = s.split("->", 1)
        if "->" in out:
            raise TraceRaise("ValueError", "einstein sum subscript string does not contain "
                             "proper '->' output specified")
    else:
        ins, out = s, None
    terms = ins.split(",")
    nops = len(ndims)
    if len(terms) != nops:
        raise TraceRaise("ValueError", "more operands provided to einstein sum function than "
                         "specified in the subscripts string" if len(terms) < nops else
                         "fewer operands provided to einstein sum function than specified in "
                         "the subscripts string")
    parts = [_split_ellipsis(t, f"operand {i}") for i, t in enumerate(terms)]
    oparts = _split_ellipsis(out, "the output") if out is not None else None
    for t in [h + tl for h, tl, _ in parts] + ([oparts[0] + oparts[1]] if oparts else []):
        for c in t:
            if not c.isascii() or not c.isalpha():
                raise TraceRaise("ValueError", f"invalid subscript '{c}' in einstein sum "
                                 "subscripts string, subscripts must be letters")
    # the broadcast axes of every operand, named by unused letters
    nbroad = []
    for i, ((head, tail, ell), nd) in enumerate(zip(parts, ndims)):
        named = len(head) + len(tail)
        if named > nd or (named < nd and not ell):
            raise TraceRaise("ValueError", f"einstein sum subscripts string contains too many "
                             f"subscripts for operand {i}" if named > nd else
                             "operand has more dimensions than subscripts given in einstein "
                             "sum, but no '...' ellipsis provided to broadcast the extra "
                             "dimensions.")
        nbroad.append(nd - named if ell else 0)
    used = set(s)
    free = [c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" if c not in used]
    broad = "".join(free[:max(nbroad, default=0)])
    terms = [head + (broad[len(broad) - k:] if k else "") + tail
             for (head, tail, _), k in zip(parts, nbroad)]
    if out is None:
        counts = {}
        for t in terms:
            for c in t:
                if c not in broad:
                    counts[c] = counts.get(c, 0) + 1
        out = broad + "".join(sorted(c for c, n in counts.items() if n == 1))
    else:
        head, tail, ell = oparts
        if broad and not ell:
            raise TraceRaise("ValueError", "output has more dimensions than subscripts given in "
                             "einstein sum, but no '...' ellipsis provided to broadcast the "
                             "extra dimensions.")
        out = head + broad + tail
        for c in head + tail:
            if out.count(c) > 1:
                raise TraceRaise("ValueError", f"einstein sum subscripts string includes output "
                                 f"subscript '{c}' multiple times")
            if not any(c in t for t in terms):
                raise TraceRaise("ValueError", f"einstein sum subscripts string included output "
                                 f"subscript '{c}' which never appeared in an input")
    return terms, out


def einsum(tr, args, kwargs, loc):
    fb = tr.fb
    if kwargs:
        raise error(loc, f"argument {next(iter(kwargs))}= of numpy.einsum() is not supported",
                    "", E_UNSUPPORTED_CALL)
    if not args or not isinstance(args[0], str):
        raise error(loc, "numpy.einsum needs its subscripts as a string known when compiling",
                    "write einsum('ij,jk->ik', a, b)", E_TYPE)
    from .npfuncs_sort import as_arr
    ops = [materialize(tr, as_arr(tr, x, loc, "operand"), loc) for x in args[1:]]
    terms, out = parse(args[0], [x.ndim for x in ops], loc)
    dt = np.result_type(*[np.dtype(x.dtype) for x in ops]).name
    if dt == "bool":
        raise error(loc, "numpy.einsum of bool arrays is not supported", "", E_UNSUPPORTED_CALL)
    ops = [x if x.dtype == dt else materialize(tr, A.astype_node(x, dt), loc) for x in ops]
    for i, (t, x) in enumerate(zip(terms, ops)):
        for j, c in enumerate(t):
            first = t.index(c)
            if first == j:
                continue
            n0, n1 = x.shape[first], x.shape[j]
            bad = icmp(fb, "ne", n0, n1)
            # NumPy's words: one operand that is only a view (nothing summed,
            # 'ii->i') takes its single-operand path
            view = len(ops) == 1 and set(t) <= set(out)
            which = "single operand" if view else f"operand {i}"
            msg = (f"dimensions in {which} for collapsing index '{c}' don't match "
                   "({0} != {1})")
            if bad is True:
                raise TraceRaise("ValueError", msg.format(n0, n1))
            if bad is not False:
                fb.emit_multi("raise_if_fmt", [bad, ic(fb, n0), ic(fb, n1)],
                              {"exc": "ValueError", "msg": msg}, loc=loc)
    # each letter's size: its axes broadcast (size 1 stretches), else NumPy's
    # ValueError with the remapped shapes
    sizes = {}
    for t, x in zip(terms, ops):
        for c, n in zip(t, x.shape):
            sizes.setdefault(c, []).append(n)
    bad = False
    for c, ns in sizes.items():
        o = 1
        for n in ns:
            if known(n) and n == 1:
                continue
            if known(o) and o == 1:
                o = n
            else:
                bad = A.bor(fb, bad, A.band(fb, A.band(fb, icmp(fb, "ne", n, o),
                                                       icmp(fb, "ne", n, 1)),
                                            icmp(fb, "ne", o, 1)))
                o = A.isel(fb, icmp(fb, "eq", o, 1), n, o)
        sizes[c] = o
    order = list(out) + [c for c in sizes if c not in out]
    if bad is not False:
        fmt: list = []
        parts = []
        for t, x in zip(terms, ops):
            orig = A._fmt_shape(x.shape, fmt)
            rem = [x.shape[t.index(c)] if c in t else "newaxis" for c in order]
            while rem and rem[0] == "newaxis":
                rem.pop(0)
            txt = []
            for r in rem:
                if isinstance(r, str) or known(r):
                    txt.append(str(r))
                else:
                    txt.append("{%d}" % len(fmt))
                    fmt.append(r)
            # NumPy's 1-tuple comma only when the iteration has one axis
            parts.append(orig + "->(" + ",".join(txt) + ("," if len(order) == 1 else "") + ")")
        msg = ("operands could not be broadcast together with remapped shapes "
               "[original->remapped]: " + " ".join(parts) + " ")
        if bad is True and not fmt:
            raise TraceRaise("ValueError", msg)
        if len(fmt) > 8:
            fmt, msg = [], "operands could not be broadcast together with remapped shapes"
        fb.emit_multi("raise_if_fmt", [fb.const(True) if bad is True else bad]
                      + [ic(fb, v) for v in fmt], {"exc": "ValueError", "msg": msg}, loc=loc)
    fast = _as_matmul(tr, terms, out, ops, loc)
    if fast is not None:
        return fast
    summed = [c for c in sizes if c not in out]
    oshape = tuple(sizes[c] for c in out)
    res = alloc(tr, dt, oshape, loc)
    zero = array_assign.scalar_to_dtype(tr, 0, dt, loc)
    # broadcast (size-1) axes read index 0: stride 0
    strides = [tuple(A.isel(fb, icmp(fb, "eq", n, 1), 0, st) if not (n is sizes[c]) else st
                     for c, n, st in zip(t, x.shape, A.strides_of(fb, x)))
               for t, x in zip(terms, ops)]

    def rnd(v):
        return fb.emit("f32", [v]) if dt == "float32" else (
            fb.emit("wrap", [v], {"dtype": dt}) if dt in ("int32", "uint8") else v)

    def mul(a, b):
        return rnd(fb.emit("mul" if dt in A.FLOATS else "wmul", [a, b]))

    def add(a, b):
        return rnd(fb.emit("add" if dt in A.FLOATS else "wadd", [a, b]))

    def body(oidx, cs):
        env = dict(zip(out, oidx))

        def inner(sidx, acc):
            e = dict(env)
            e.update(zip(summed, sidx))
            p = None
            for t, x, st in zip(terms, ops, strides):
                v = A.load(fb, x, [e[c] for c in t], st)
                p = v if p is None else mul(p, v)
            return [add(acc[0], p)]
        total = loop_nest(fb, [sizes[c] for c in summed], [zero], inner)[0]
        A.store(fb, res, oidx, total)
        return cs
    loop_nest(fb, oshape, [], body)
    if not oshape:  # a full contraction: NumPy's scalar of the dtype
        from .npscalars import make
        return make(dt, A.load(fb, res, []))
    return res


def _as_matmul(tr, terms, out, ops, loc):
    """'ij,jk->ik', 'ij,j->i', 'i,ij->j', 'i,i->' (and their transposed
    outputs): npfuncs_linalg.matmul, else None."""
    if len(ops) != 2:
        return None
    a, b = terms
    if len(set(a)) != len(a) or len(set(b)) != len(b):
        return None
    shared = [c for c in a if c in b]
    if len(shared) != 1 or shared[0] in out:
        return None
    k = shared[0]
    fb = tr.fb
    na, nb = ops[0].shape[a.index(k)], ops[1].shape[b.index(k)]
    one = A.bor(fb, icmp(fb, "eq", na, 1), icmp(fb, "eq", nb, 1))
    if one is True or not (na is nb or (known(na) and known(nb))):
        if one is True:
            return None
        # matmul does not stretch a length-1 contracted axis: those go the loop way
        # (decided when compiling), so this path needs the sizes equal or both > 1
        if one is not False:
            fb.raise_if(A.band(fb, one, icmp(fb, "ne", na, nb)), "ValueError",
                        "numpy.einsum: a length-1 summed axis against a longer one is not "
                        "supported by py2wasm's matrix-product path", loc)
    if not (len(a) in (1, 2) and len(b) in (1, 2)):
        return None
    if (len(a) == 2 and a[1] != k) or (len(b) == 2 and b[0] != k):
        return None
    free = [c for c in a if c != k] + [c for c in b if c != k]
    if sorted(free) != sorted(out):
        return None
    from .npfuncs_linalg import matmul
    r = matmul(tr, ops[0], ops[1], loc)
    if list(out) == free:
        return r
    return array_shapes.transpose(tr, r, None, loc)  # 'ij,jk->ki'
