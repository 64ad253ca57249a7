"""Bit-level helpers of the math library (restricted Python).

Place in the pipeline: part of `py2wasm.libm`, the math library written in
the Python subset py2wasm compiles; traced by the frontend like user code and
linked into modules by `passes/link_math.py`. Built on `py2wasm.intrinsics`
(`f64_to_bits`, `f64_from_bits`). Words follow fdlibm: the high word is a
*signed* int32 (sign, exponent, top 20 mantissa bits), the low word an
unsigned 32-bit int; every int stays inside int64.
"""
from ..intrinsics import f64_from_bits, f64_to_bits

INF = float("inf")
# The NaN a domain error returns (log(-1), asin(2), sin(inf), pow(-2, 0.5)):
# glibc computes it as (x-x)/(x-x) or inf-inf, i.e. the CPU's default NaN
# (x86 SSE: sign bit set), and NumPy's ufuncs return glibc's. inf - inf in
# CPython is that same default NaN of the building machine; the constant
# keeps its bits through the tracer and Binaryen.
NAN = INF - INF
TWO1023 = 8.98846567431158e+307  # 2**1023
TWOM1022 = 2.2250738585072014e-308  # 2**-1022
TWO53 = 9007199254740992.0
ABS_MASK = 0x7FFFFFFFFFFFFFFF
HIGH_MASK = -0x100000000  # 0xFFFFFFFF00000000 as a signed int64


def high_word(x: float) -> int:
    return f64_to_bits(x) >> 32


def low_word(x: float) -> int:
    return f64_to_bits(x) & 0xFFFFFFFF


def from_words(hi: int, lo: int) -> float:
    """The float with high word `hi` (taken modulo 2**32) and low word `lo`."""
    h = hi & 0xFFFFFFFF
    if h >= 0x80000000:
        h -= 0x100000000
    return f64_from_bits((h << 32) | lo)


def set_high_word(x: float, hi: int) -> float:
    return from_words(hi, low_word(x))


def clear_low_word(x: float) -> float:
    return f64_from_bits(f64_to_bits(x) & HIGH_MASK)


def scalbn(x: float, n: int) -> float:
    """x * 2**n with one rounding (musl scalbn)."""
    y = x
    if n > 1023:
        y = y * TWO1023
        n -= 1023
        if n > 1023:
            y = y * TWO1023
            n -= 1023
            if n > 1023:
                n = 1023
    elif n < -1022:
        # 2**-1022 * 2**53 keeps the first step exact (no double rounding)
        y = y * (TWOM1022 * TWO53)
        n += 1022 - 53
        if n < -1022:
            y = y * (TWOM1022 * TWO53)
            n += 1022 - 53
            if n < -1022:
                n = -1022
    return y * f64_from_bits((0x3FF + n) << 52)


def is_nan(x: float) -> bool:
    return x != x


SPLIT = 134217729.0  # 2**27 + 1 (Veltkamp splitting)


def two_prod(a: float, b: float):
    """(p, e) with p + e == a * b exactly (Dekker; |a|, |b| < 2**996 and no
    underflow assumed)."""
    p = a * b
    c = SPLIT * a
    ah = c - (c - a)
    al = a - ah
    c = SPLIT * b
    bh = c - (c - b)
    bl = b - bh
    return p, ((ah * bh - p) + ah * bl + al * bh) + al * bl
