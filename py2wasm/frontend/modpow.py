"""Three-argument pow(base, exp, mod) on run-time int64 values, emitted as IR
loops with CPython's semantics (Objects/longobject.c long_pow).

Place in the pipeline: frontend value semantics, used by `builtins` for
`pow(b, e, m)` when an argument is symbolic. The result is exact: products
are reduced modulo |m| without leaving int64 (a direct product while |m| <=
3037000500, else shift-and-add). CPython's order of checks is kept: m == 0
is a ValueError, |m| == 1 gives 0, a negative exponent uses the modular
inverse of the base (ValueError if there is none), and a negative m gives a
result in (m, 0].

m == -2**63 (|m| = 2**63 does not fit int64) takes its own path: residues
modulo 2**63 are the low 63 bits of wrapping products. e == -2**63 works
too: the exponent's bits are read as unsigned (logical shifts).
"""
from __future__ import annotations

from ..ir import I64, Var
from ..ir.messages import cpython_message
from .operators import materialize

ZERO_MOD = cpython_message(pow, 2, 5, 0)            # pow() 3rd argument cannot be 0
NOT_INVERTIBLE = cpython_message(pow, 2, -1, 4)     # base is not invertible ...
SMALL = 3037000500  # (SMALL - 1) ** 2 < 2**63: products of residues fit


class _Loops:
    def __init__(self, fb, loc, am: Var):
        self.fb, self.loc, self.am = fb, loc, am
        self.small = self("le", am, self.c(SMALL))

    def __call__(self, prim, *ins, **params) -> Var:
        return self.fb.emit(prim, list(ins), params or None, loc=self.loc)

    def c(self, v: int) -> Var:
        return self.fb.const(v, I64)

    def loop(self, init: list[Var], cond, body) -> list[Var]:
        """while cond(*state): state = body(*state); returns the final state."""
        fb = self.fb
        head = fb.new_block([v.type for v in init])
        fb.br(head, init)
        fb.set_block(head)
        state = list(head.params)
        go = cond(*state)
        inner, out = fb.new_block(), fb.new_block([v.type for v in init])
        fb.cond_br(go, inner, out, [], state)
        fb.set_block(inner)
        fb.br(head, body(*state))
        fb.set_block(out)
        return list(out.params)

    def addmod(self, a: Var, b: Var) -> Var:
        """(a + b) mod am for a, b in [0, am), without overflow."""
        r = self("sub", a, self("sub", self.am, b))
        neg = self("lt", r, self.c(0))
        return self("add", r, self("select", neg, self.am, self.c(0)))

    def mulmod(self, a: Var, b: Var) -> Var:
        """(a * b) mod am for a, b in [0, am)."""
        fb = self.fb
        fast, slow, join = fb.new_block(), fb.new_block(), fb.new_block([I64])
        fb.cond_br(self.small, fast, slow)
        fb.set_block(fast)
        fb.br(join, [self("mod", self("mul", a, b), self.am)])
        fb.set_block(slow)

        def body(r, x, k):
            odd = self("ne", self("and", k, self.c(1)), self.c(0))
            return [self("select", odd, self.addmod(r, x), r), self.addmod(x, x),
                    self("shr", k, self.c(1))]
        r, _, _ = self.loop([self.c(0), a, b], lambda r, x, k: self("gt", k, self.c(0)), body)
        fb.br(join, [r])
        fb.set_block(join)
        return join.params[0]

    def invmod(self, a: Var) -> Var:
        """The inverse of a in [0, am) modulo am (CPython long_invmod)."""
        def body(x, n, b, c):
            q = self("floordiv", x, n)
            return [n, self("mod", x, n), c, self("sub", b, self("mul", q, c))]
        g, _, b, _ = self.loop([a, self.am, self.c(1), self.c(0)],
                               lambda x, n, b, c: self("ne", n, self.c(0)), body)
        self.fb.raise_if(self("ne", g, self.c(1)), *NOT_INVERTIBLE, loc=self.loc)
        return self("mod", b, self.am)


def pow3(fb, base, exp, mod, loc) -> Var:
    """pow(base, exp, mod) for ints (type-checked by the caller)."""
    b, e, m = (materialize(fb, v, I64, loc) for v in (base, exp, mod))
    emit = lambda p, *ins: fb.emit(p, list(ins), loc=loc)  # noqa: E731
    c = lambda v: fb.const(v, I64)  # noqa: E731
    fb.raise_if(emit("eq", m, c(0)), *ZERO_MOD, loc=loc)
    done = fb.new_block([I64])
    min_m, other = fb.new_block(), fb.new_block()
    fb.cond_br(emit("eq", m, c(-2**63)), min_m, other)
    fb.set_block(min_m)
    fb.br(done, [_pow_mod_min(fb, b, e, loc)])
    fb.set_block(other)
    am = emit("abs", m)
    one, main = fb.new_block(), fb.new_block()
    fb.cond_br(emit("eq", am, c(1)), one, main)
    fb.set_block(one)
    fb.br(done, [c(0)])
    fb.set_block(main)
    L = _Loops(fb, loc, am)
    x = emit("mod", b, am)
    # a negative exponent: the inverse of the base to the power -e
    neg_e, pos_e, exp_ready = fb.new_block(), fb.new_block(), fb.new_block([I64, I64])
    fb.cond_br(emit("lt", e, c(0)), neg_e, pos_e)
    fb.set_block(neg_e)
    fb.br(exp_ready, [L.invmod(x), emit("wneg", e)])  # -(-2**63) stays 2**63's bits
    fb.set_block(pos_e)
    fb.br(exp_ready, [x, e])
    fb.set_block(exp_ready)
    x, e = exp_ready.params

    def body(r, a, k):
        odd = emit("ne", emit("and", k, c(1)), c(0))
        mul_b, skip, nxt = fb.new_block(), fb.new_block(), fb.new_block([I64])
        fb.cond_br(odd, mul_b, skip)
        fb.set_block(mul_b)
        fb.br(nxt, [L.mulmod(r, a)])
        fb.set_block(skip)
        fb.br(nxt, [r])
        fb.set_block(nxt)
        r2 = nxt.params[0]
        k2 = emit("and", emit("shr", k, c(1)), c(_LOW63))  # a logical shift
        # square only while bits remain (saves the last, unused squaring)
        sq, last, nxt2 = fb.new_block(), fb.new_block(), fb.new_block([I64])
        fb.cond_br(emit("ne", k2, c(0)), sq, last)
        fb.set_block(sq)
        fb.br(nxt2, [L.mulmod(a, a)])
        fb.set_block(last)
        fb.br(nxt2, [a])
        fb.set_block(nxt2)
        return [r2, nxt2.params[0], k2]
    r, _, _ = L.loop([c(1), x, e], lambda r, a, k: emit("ne", k, c(0)), body)
    # a negative modulus: the result is in (m, 0]
    shift = emit("and", emit("lt", m, c(0)), emit("ne", r, c(0)))
    fb.br(done, [emit("sub", r, emit("select", shift, am, c(0)))])
    fb.set_block(done)
    return done.params[0]


_LOW63 = 2**63 - 1


def _pow_mod_min(fb, base: Var, exp: Var, loc) -> Var:
    """pow(base, exp, -2**63): modulo 2**63 a residue is the low 63 bits, so
    wrapping (mod 2**64) products masked give exact results; the inverse of
    an odd base is Newton's iteration y = y * (2 - x * y) (6 steps double 3
    correct bits to 64); the result is in (-2**63, 0]."""
    emit = lambda p, *ins: fb.emit(p, list(ins), loc=loc)  # noqa: E731
    c = lambda v: fb.const(v, I64)  # noqa: E731
    x = emit("and", base, c(_LOW63))
    neg_e, pos_e, ready = fb.new_block(), fb.new_block(), fb.new_block([I64, I64])
    fb.cond_br(emit("lt", exp, c(0)), neg_e, pos_e)
    fb.set_block(neg_e)
    fb.raise_if(emit("eq", emit("and", x, c(1)), c(0)), *NOT_INVERTIBLE, loc=loc)
    y = x
    for _ in range(6):
        y = emit("wmul", y, emit("wsub", c(2), emit("wmul", x, y)))
    fb.br(ready, [emit("and", y, c(_LOW63)), emit("wneg", exp)])
    fb.set_block(pos_e)
    fb.br(ready, [x, exp])
    fb.set_block(ready)
    x, k = ready.params
    L = _Loops(fb, loc, c(2**62))  # only its loop helper is used

    def body(r, a, k):
        odd = emit("ne", emit("and", k, c(1)), c(0))
        r = emit("select", odd, emit("wmul", r, a), r)
        return [r, emit("wmul", a, a), emit("and", emit("shr", k, c(1)), c(_LOW63))]
    r, _, _ = L.loop([c(1), x, k], lambda r, a, k: emit("ne", k, c(0)), body)
    r = emit("and", r, c(_LOW63))
    return emit("select", emit("ne", r, c(0)), emit("wadd", r, c(-2**63)), r)
