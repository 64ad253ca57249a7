"""Runtime helpers: small wasm functions for the primitives whose Python
semantics take more than a few instructions (checked int64 multiply, int /
int correctly rounded, int ** int, CPython's float_pow, exact int-float
comparison).

Place in the pipeline: backend. `ModuleContext.helper(name)` adds a helper
the first time a lowering asks for it. A helper that may raise takes the
exception codes as i32 parameters, so each call site raises with its own
source location; Binaryen's optimizer inlines or specializes as it sees fit.
"""
from __future__ import annotations

from . import binaryen as bn
from .binaryen import Op
from .imports import math_function
from .lower_fma import fma_relaxed

I64_MIN = -2**63
TWO63 = 9223372036854775808.0


class _Fn:
    """A helper under construction: typed locals by index."""

    def __init__(self, ctx, params, results):
        self.ctx, self.m = ctx, ctx.m
        self.types = list(params)
        self.nparams = len(params)
        self.results = list(results)

    def local(self, t):
        self.types.append(t)
        return len(self.types) - 1

    def get(self, i):
        return self.m.local_get(i, self.types[i])

    def set(self, i, e):
        return self.m.local_set(i, e)

    def finish(self, name, stmts):
        m = self.m
        body = m.block(None, list(stmts) + [m.unreachable()], bn.tuple_type(self.results))
        m.add_function(name, self.types[:self.nparams], self.results,
                       self.types[self.nparams:], body)


def _ret(m, v):
    return m.return_(v)


def mul_overflows(ctx, name):
    """(a: i64, b: i64) -> i32: a * b leaves int64."""
    f = _Fn(ctx, [bn.i64, bn.i64], [bn.i32])
    m = f.m
    a, b = 0, 1
    f.finish(name, [
        m.if_(m.unary(Op.EqZInt64, f.get(a)), _ret(m, m.i32(0))),
        m.if_(m.binary(Op.EqInt64, f.get(a), m.i64(-1)),
              _ret(m, m.binary(Op.EqInt64, f.get(b), m.i64(I64_MIN)))),
        _ret(m, m.binary(Op.NeInt64,
                         m.binary(Op.DivSInt64, m.binary(Op.MulInt64, f.get(a), f.get(b)), f.get(a)),
                         f.get(b))),
    ])


def int_truediv(ctx, name):
    """(a: i64, b: i64 != 0) -> f64: a / b correctly rounded, signs as CPython."""
    f = _Fn(ctx, [bn.i64, bn.i64], [bn.f64])
    m = f.m
    a, b = 0, 1
    ua, ub, q, r, k, neg = (f.local(bn.i64), f.local(bn.i64), f.local(bn.i64), f.local(bn.i64),
                            f.local(bn.i64), f.local(bn.i32))

    def small(x):  # -2**53 < x < 2**53: CPython's exact double fast path
        return m.binary(Op.LtUInt64, m.binary(Op.AddInt64, f.get(x), m.i64(2**53 - 1)),
                        m.i64(2**54 - 1))

    def mag(x):
        return m.select(m.binary(Op.LtSInt64, f.get(x), m.i64(0)),
                        m.binary(Op.SubInt64, m.i64(0), f.get(x)), f.get(x), bn.i64)

    def sign():
        return m.select(f.get(neg), m.f64(-1.0), m.f64(1.0), bn.f64)

    f.finish(name, [
        m.if_(m.binary(Op.AndInt32, small(a), small(b)),
              _ret(m, m.binary(Op.DivFloat64, m.unary(Op.ConvertSInt64ToFloat64, f.get(a)),
                               m.unary(Op.ConvertSInt64ToFloat64, f.get(b))))),
        f.set(neg, m.binary(Op.LtSInt64, m.binary(Op.XorInt64, f.get(a), f.get(b)), m.i64(0))),
        f.set(ua, mag(a)),
        f.set(ub, mag(b)),
        m.if_(m.unary(Op.EqZInt64, f.get(ua)),
              _ret(m, m.binary(Op.CopySignFloat64, m.f64(0.0), sign()))),
        f.set(q, m.binary(Op.DivUInt64, f.get(ua), f.get(ub))),
        f.set(r, m.binary(Op.RemUInt64, f.get(ua), f.get(ub))),
        f.set(k, m.i64(0)),
        # long division until the quotient has 55 bits (54 + a round bit)
        m.block("done", [m.loop("more", m.block(None, [
            m.br("done", m.binary(Op.GeUInt64, f.get(q), m.i64(2**54))),
            f.set(r, m.binary(Op.ShlInt64, f.get(r), m.i64(1))),
            f.set(q, m.binary(Op.ShlInt64, f.get(q), m.i64(1))),
            m.if_(m.binary(Op.GeUInt64, f.get(r), f.get(ub)), m.block(None, [
                f.set(q, m.binary(Op.OrInt64, f.get(q), m.i64(1))),
                f.set(r, m.binary(Op.SubInt64, f.get(r), f.get(ub))),
            ], bn.none)),
            f.set(k, m.binary(Op.AddInt64, f.get(k), m.i64(1))),
            m.br("more"),
        ], bn.none))], bn.none),
        # sticky bit below the rounding position, then one correct rounding
        f.set(q, m.binary(Op.OrInt64, f.get(q),
                          m.unary(Op.ExtendUInt32, m.binary(Op.NeInt64, f.get(r), m.i64(0))))),
        _ret(m, m.binary(Op.MulFloat64, m.binary(
            Op.MulFloat64, m.unary(Op.ConvertUInt64ToFloat64, f.get(q)),
            m.unary(Op.ReinterpretInt64, m.binary(Op.ShlInt64, m.binary(
                Op.SubInt64, m.i64(1023), f.get(k)), m.i64(52)))), sign())),
    ])


def ipow(ctx, name):
    """(a: i64, b: i64, code_zero_div, code_negative, code_overflow) -> i64."""
    f = _Fn(ctx, [bn.i64, bn.i64, bn.i32, bn.i32, bn.i32], [bn.i64])
    m = f.m
    a, b, c_zero, c_neg, c_ovf = range(5)
    r = f.local(bn.i64)
    mul_ovf = ctx.helper("mul_overflows")

    def checked_mul(dst, x, y):
        return m.block(None, [
            m.if_(m.call(mul_ovf, [f.get(x), f.get(y)], bn.i32), ctx.raise_code(f.get(c_ovf))),
            f.set(dst, m.binary(Op.MulInt64, f.get(x), f.get(y))),
        ], bn.none)

    f.finish(name, [
        m.if_(m.binary(Op.LtSInt64, f.get(b), m.i64(0)), m.block(None, [
            m.if_(m.unary(Op.EqZInt64, f.get(a)), ctx.raise_code(f.get(c_zero))),
            ctx.raise_code(f.get(c_neg)),
        ], bn.unreachable_type)),
        f.set(r, m.i64(1)),
        m.loop("next", m.block(None, [
            m.if_(m.unary(Op.WrapInt64, m.binary(Op.AndInt64, f.get(b), m.i64(1))),
                  checked_mul(r, r, a)),
            f.set(b, m.binary(Op.ShrUInt64, f.get(b), m.i64(1))),
            m.if_(m.unary(Op.EqZInt64, f.get(b)), _ret(m, f.get(r))),
            checked_mul(a, a, a),
            m.br("next"),
        ], bn.none)),
    ])


def _is_odd(m, get_x):
    """fmod(fabs(x), 2.0) == 1.0 for a finite x, without traps."""
    return m.binary(Op.AndInt32, m.binary(Op.AndInt32,
        m.binary(Op.LtFloat64, m.unary(Op.AbsFloat64, get_x()), m.f64(2.0**53)),
        m.binary(Op.EqFloat64, m.unary(Op.TruncFloat64, get_x()), get_x())),
        m.unary(Op.WrapInt64, m.binary(Op.AndInt64, m.unary(Op.TruncSatSFloat64ToInt64, get_x()),
                                        m.i64(1))))


def fpow(ctx, name):
    """(a: f64, b: f64, code_zero_div, code_complex, code_overflow,
    code_complex_overflow) -> f64: CPython's float_pow (Objects/floatobject.c),
    C pow for the finite case. A negative base with a non-integer exponent
    is a complex result (ValueError) unless CPython's complex power
    overflows first (|a| ** b is infinite: OverflowError)."""
    f = _Fn(ctx, [bn.f64, bn.f64, bn.i32, bn.i32, bn.i32, bn.i32], [bn.f64])
    m = f.m
    a, b, c_zero, c_complex, c_ovf, c_complex_ovf = range(6)
    neg, ix = f.local(bn.i32), f.local(bn.f64)
    cpow = math_function(ctx, "pow")
    A = lambda: f.get(a)  # noqa: E731
    B = lambda: f.get(b)  # noqa: E731

    def isinf(x):
        return m.binary(Op.EqFloat64, m.unary(Op.AbsFloat64, x), m.f64(float("inf")))

    def sel(c, x, y):
        return m.select(c, x, y, bn.f64)

    f.finish(name, [
        m.if_(m.binary(Op.EqFloat64, B(), m.f64(0.0)), _ret(m, m.f64(1.0))),
        m.if_(m.binary(Op.NeFloat64, A(), A()), _ret(m, A())),
        m.if_(m.binary(Op.NeFloat64, B(), B()),
              _ret(m, sel(m.binary(Op.EqFloat64, A(), m.f64(1.0)), m.f64(1.0), B()))),
        m.if_(isinf(B()), m.block(None, [
            f.set(a, m.unary(Op.AbsFloat64, A())),
            m.if_(m.binary(Op.EqFloat64, A(), m.f64(1.0)), _ret(m, m.f64(1.0))),
            _ret(m, sel(m.binary(Op.EqInt32, m.binary(Op.GtFloat64, B(), m.f64(0.0)),
                                 m.binary(Op.GtFloat64, A(), m.f64(1.0))),
                        m.unary(Op.AbsFloat64, B()), m.f64(0.0))),
        ], bn.unreachable_type)),
        m.if_(isinf(A()), _ret(m, m.if_(
            m.binary(Op.GtFloat64, B(), m.f64(0.0)),
            sel(_is_odd(m, B), A(), m.unary(Op.AbsFloat64, A())),
            sel(_is_odd(m, B), m.binary(Op.CopySignFloat64, m.f64(0.0), A()), m.f64(0.0))))),
        m.if_(m.binary(Op.EqFloat64, A(), m.f64(0.0)), m.block(None, [
            m.if_(m.binary(Op.LtFloat64, B(), m.f64(0.0)), ctx.raise_code(f.get(c_zero))),
            _ret(m, sel(_is_odd(m, B), A(), m.f64(0.0))),
        ], bn.unreachable_type)),
        f.set(neg, m.i32(0)),
        m.if_(m.binary(Op.LtFloat64, A(), m.f64(0.0)), m.block(None, [
            m.if_(m.binary(Op.NeFloat64, B(), m.unary(Op.FloorFloat64, B())),
                  ctx.raise_code(m.select(
                      isinf(m.call(cpow, [m.unary(Op.NegFloat64, A()), B()], bn.f64)),
                      f.get(c_complex_ovf), f.get(c_complex), bn.i32))),
            f.set(a, m.unary(Op.NegFloat64, A())),
            f.set(neg, _is_odd(m, B)),
        ], bn.none)),
        m.if_(m.binary(Op.EqFloat64, A(), m.f64(1.0)),
              _ret(m, sel(f.get(neg), m.f64(-1.0), m.f64(1.0)))),
        f.set(ix, m.call(cpow, [A(), B()], bn.f64)),
        m.if_(isinf(f.get(ix)), ctx.raise_code(f.get(c_ovf))),
        _ret(m, sel(f.get(neg), m.unary(Op.NegFloat64, f.get(ix)), f.get(ix))),
    ])


def cmp_int_float(ctx, name):
    """(i: i64, x: f64) -> i32: -1, 0, 1 as i <, ==, > x exactly; 2 if x is NaN."""
    f = _Fn(ctx, [bn.i64, bn.f64], [bn.i32])
    m = f.m
    i, x = 0, 1
    t, frac = f.local(bn.i64), f.local(bn.f64)
    f.finish(name, [
        m.if_(m.binary(Op.NeFloat64, f.get(x), f.get(x)), _ret(m, m.i32(2))),
        m.if_(m.binary(Op.GeFloat64, f.get(x), m.f64(TWO63)), _ret(m, m.i32(-1))),
        m.if_(m.binary(Op.LtFloat64, f.get(x), m.f64(-TWO63)), _ret(m, m.i32(1))),
        f.set(t, m.unary(Op.TruncSFloat64ToInt64, f.get(x))),
        m.if_(m.binary(Op.LtSInt64, f.get(i), f.get(t)), _ret(m, m.i32(-1))),
        m.if_(m.binary(Op.GtSInt64, f.get(i), f.get(t)), _ret(m, m.i32(1))),
        f.set(frac, m.binary(Op.SubFloat64, f.get(x), m.unary(Op.TruncFloat64, f.get(x)))),
        _ret(m, m.binary(Op.SubInt32, m.binary(Op.LtFloat64, f.get(frac), m.f64(0.0)),
                         m.binary(Op.GtFloat64, f.get(frac), m.f64(0.0)))),
    ])


def fmod(ctx, name):
    """(x: f64, y: f64) -> f64: C's fmod, exactly (the remainder is always
    representable), by integer long division on the significands (after
    musl's fmod). Bit-identical to any correct libm, and no host call. The
    one fmod of py2wasm: `math.fmod`, float `%` and `//` in every build
    (imports.NATIVE; the math library py2wasm.libm has none)."""
    f = _Fn(ctx, [bn.f64, bn.f64], [bn.f64])
    m = f.m
    x, y = 0, 1
    ux, uy, ex, ey, sx, i = (f.local(bn.i64) for _ in range(6))
    G = f.get

    def b(op, l, r):
        return m.binary(op, l, r)

    def c(v):
        return m.i64(v)

    def zero_x():
        return _ret(m, b(Op.MulFloat64, m.f64(0.0), G(x)))

    def normalize(u, e):
        """Significand with the implicit bit at 52; subnormals shifted up."""
        return m.if_(m.unary(Op.EqZInt64, G(e)), m.block(None, [
            f.set(e, b(Op.SubInt64, c(0), m.unary(Op.ClzInt64, b(Op.ShlInt64, G(u), c(12))))),
            f.set(u, b(Op.ShlInt64, G(u), b(Op.AddInt64, b(Op.SubInt64, c(0), G(e)), c(1)))),
        ], bn.none), f.set(u, b(Op.OrInt64, b(Op.AndInt64, G(u), c(2**52 - 1)), c(2**52))))

    def subtract_step():
        return m.block(None, [
            f.set(i, b(Op.SubInt64, G(ux), G(uy))),
            m.if_(b(Op.GeSInt64, G(i), c(0)), m.block(None, [
                m.if_(m.unary(Op.EqZInt64, G(i)), zero_x()),
                f.set(ux, G(i)),
            ], bn.none)),
        ], bn.none)

    nan = b(Op.DivFloat64, b(Op.MulFloat64, G(x), G(y)), b(Op.MulFloat64, G(x), G(y)))
    f.finish(name, [
        f.set(ux, m.unary(Op.ReinterpretFloat64, G(x))),
        f.set(uy, m.unary(Op.ReinterpretFloat64, G(y))),
        f.set(ex, b(Op.AndInt64, b(Op.ShrUInt64, G(ux), c(52)), c(0x7FF))),
        f.set(ey, b(Op.AndInt64, b(Op.ShrUInt64, G(uy), c(52)), c(0x7FF))),
        f.set(sx, b(Op.AndInt64, G(ux), c(I64_MIN))),
        m.if_(b(Op.OrInt32, b(Op.OrInt32, m.unary(Op.EqZInt64, b(Op.ShlInt64, G(uy), c(1))),
                              b(Op.NeFloat64, G(y), G(y))),
                b(Op.EqInt64, G(ex), c(0x7FF))), _ret(m, nan)),
        m.if_(b(Op.LeUInt64, b(Op.ShlInt64, G(ux), c(1)), b(Op.ShlInt64, G(uy), c(1))),
              m.block(None, [
                  m.if_(b(Op.EqInt64, b(Op.ShlInt64, G(ux), c(1)), b(Op.ShlInt64, G(uy), c(1))),
                        zero_x()),
                  _ret(m, G(x)),
              ], bn.unreachable_type)),
        normalize(ux, ex),
        normalize(uy, ey),
        m.block("reduced", [m.loop("step", m.block(None, [
            m.br("reduced", b(Op.LeSInt64, G(ex), G(ey))),
            subtract_step(),
            f.set(ux, b(Op.ShlInt64, G(ux), c(1))),
            f.set(ex, b(Op.SubInt64, G(ex), c(1))),
            m.br("step"),
        ], bn.none))], bn.none),
        subtract_step(),
        # renormalize: the leading bit back to position 52
        f.set(i, b(Op.SubInt64, m.unary(Op.ClzInt64, G(ux)), c(11))),
        f.set(ux, b(Op.ShlInt64, G(ux), G(i))),
        f.set(ex, b(Op.SubInt64, G(ex), G(i))),
        m.if_(b(Op.GtSInt64, G(ex), c(0)),
              f.set(ux, b(Op.OrInt64, b(Op.SubInt64, G(ux), c(2**52)), b(Op.ShlInt64, G(ex), c(52)))),
              f.set(ux, b(Op.ShrUInt64, G(ux), b(Op.AddInt64, b(Op.SubInt64, c(0), G(ex)), c(1))))),
        _ret(m, m.unary(Op.ReinterpretInt64, b(Op.OrInt64, G(ux), G(sx)))),
    ])


# the helpers that raise, with their result type (their soft variants return its zero)
SOFT_RESULTS = {"ipow": bn.i64, "fpow": bn.f64}

HELPERS = {
    "fmod": fmod,
    "mul_overflows": mul_overflows,
    "int_truediv": int_truediv,
    "ipow": ipow,
    "fpow": fpow,
    "cmp_int_float": cmp_int_float,
    "fma_relaxed": fma_relaxed,  # relaxed-SIMD targets only (lower_fma.py)
}
