"""Functions formatting run-time values into string values (frontend/strfmt.py),
compiled by tests/frontend/test_strfmt.py and compared with CPython."""
from __future__ import annotations

import numpy as np


def float_forms(x: float) -> str:
    return "|".join([str(x), repr(x), f"{x}", f"{x!r}", f"{x!s:>30}", format(x),
                     f"{x:.3f}", f"{x:.0f}", f"{x:#.0f}", f"{x:.17f}", f"{x:f}", f"{x:F}",
                     f"{x:e}", f"{x:.0e}", f"{x:#.0e}", f"{x:+.2e}", f"{x:.16E}",
                     f"{x:g}", f"{x:.1g}", f"{x:.17g}", f"{x:#g}", f"{x:G}", f"{x:.3}",
                     f"{x:n}", f"{x:%}", f"{x:.1%}", f"{x:,}", f"{x:_.2f}", f"{x:,.3f}",
                     f"{x:12.4f}", f"{x:<12.3e}", f"{x:*^15g}", f"{x:=+12.2f}", f"{x:012.3f}",
                     f"{x: .3f}", f"{x:z.1f}", f"{x:015,.2f}"])


def float_wide(x: float) -> str:
    return f"{x:.40f}|{x:.60e}|{x:.40g}|{x:.330f}|{x:.120}"


def int_forms(n: int) -> str:
    return "|".join([str(n), repr(n), f"{n}", f"{n:5d}", f"{n:#x}", f"{n:#X}", f"{n:x}",
                     f"{n:o}", f"{n:#o}", f"{n:b}", f"{n:#b}", f"{n:,}", f"{n:_}", f"{n:_x}",
                     f"{n:_b}", f"{n:+d}", f"{n: d}", f"{n:08d}", f"{n:<8}", f"{n:^9}",
                     f"{n:*>+12,}", f"{n:=10}", f"{n:020_b}", f"{n:e}", f"{n:.2f}", f"{n:%}",
                     f"{n:g}", f"{n:n}", f"{n!r:>25}", f"{n:.3}"])


def bool_forms(b: bool) -> str:
    return "|".join([str(b), repr(b), f"{b}", f"{b:d}", f"{b:>6}", f"{b!r:^9}", f"{b:.2f}",
                     f"{b:#x}", f"{b:e}"])


def str_forms(s: str) -> str:
    return "|".join([f"{s}", f"{s!r}", f"{s!a}", f"{s:>8}", f"{s:<8}", f"{s:*^9}", f"{s:.2}",
                     f"{s:8.3}", f"{s!r:>12}", f"{s!a:.4}", repr(s), ascii(s), format(s, "^7")])


def percent_forms(x: float, n: int, s: str) -> str:
    return "|".join(["%d items, %.2f" % (n, x), "%s" % x, "%r" % x, "%5.1f%%" % x,
                     "%e" % x, "%-12.3E|" % x, "%+g" % x, "% .4G" % x, "%010.3f" % x,
                     "%x %X %#x %o %#o" % (n, n, n, n, n),
                     "%5d|%-5d|%05d|%+d|% d" % (n, n, n, n, n),
                     "%i %u" % (n, n), "%s=%r" % (s, s), "%8s|%-8s|%.2s|%a" % (s, s, s, s),
                     "%f" % n, "%s" % n, "%r" % n, "[%s]" % s, "%d" % True, "%s" % (n > 0)])


def percent_of_float_as_int(x: float) -> str:
    return "%d|%i|%5d|%+d|% 08d|%-6u|%#d" % (x, x, x, x, x, x, x) + "%d" % np.float32(x)


def format_method(x: float, n: int, s: str) -> str:
    return "|".join(["{} {:.3f} {:>10} {:05d} {!r}".format(x, x, s, n, s),
                     "{0} {0:e} {1:#x} {2}".format(x, n, s),
                     "{a:.2%} {b:,} {c!r:>9}".format(a=x, b=n, c=s),
                     "{{literal}} {:{w}.{p}f}".format(x, w=10, p=2),
                     "{}".format(s), "{:^7}".format(n)])


def messages(x: float, n: int) -> float:
    if n == 1:
        raise ValueError(f"bad x: {x:.3f} ({x!r}, {n:#x})")
    if n == 2:
        raise ValueError("bad x: %.3f (n=%d)" % (x, n))
    if n == 3:
        raise ValueError("bad x: {:.3e} {}".format(x, n))
    if n == 4:
        msg = f"x={x:.2f}"
        if x > 0:
            msg = msg + "!"
        raise ValueError(msg)
    return x


def loop_accumulate(xs: list[float]) -> str:
    out = ""
    for x in xs:
        out += f"{x:.2f};"
    return out


def table(n: int) -> str:
    out = ""
    for i in range(n):
        out += "%3d %8.4f %s\n" % (i, i / 7, repr(i * 0.1))
    return out


def error_spec(s: str) -> str:
    return f"{s:d}"


def error_percent_type(s: str) -> str:
    return "%d" % s


def error_percent_count(n: int) -> str:
    return "%d %d" % (n,)


def error_percent_extra(n: int) -> str:
    return "%d" % (n, n)


def error_float_spec(x: float) -> str:
    return f"{x:d}"


def error_int_spec(n: int) -> str:
    return f"{n:s}"


def error_format_index(x: float) -> str:
    return "{} {}".format(x)


def runtime_specs(x: float, w: int, p: int) -> str:
    return f"[{x:{w}.{p}f}|{x:>{w}}|{x:0{w}.{p}e}|{x:.{p}g}|{x:+{w}}|{x!r:^{w}}]" + \
        "{:{}.{}f}|{:_>{w}}".format(x, w, p, "ab", w=w)


def runtime_str_specs(s: str, w: int, n: int) -> str:
    return f"[{s:{w}}|{s!r:>{w}}|{s:*^{w}}|{n:{w}}|{n:#0{w}x}|{s:.{w}}]"


def runtime_spec_message(x: float, w: int) -> float:
    if x < 0:
        raise ValueError(f"negative: {x:{w}.3f}")
    return x


def refused_runtime_spec(x: float, w: int) -> str:
    return f"{x:1{w}}"


def refused_char(n: int) -> str:
    return f"{n:c}"


def refused_mapping(n: int) -> str:
    return "%(n)d" % {"n": n}


def refused_star(n: int, w: int) -> str:
    return "%*d" % (w, n)


def refused_runtime_template(s: str, n: int) -> str:
    return s % n


def refused_attribute(x: float) -> str:
    return "{0.real}".format(x)


def numpy_forms(x: float, n: int) -> str:
    a = np.float32(x)
    b = np.int32(n)
    u = np.uint8(n)
    return f"{a}|{a!r}|{a:.3f}|{a:e}|{b}|{b!r}|{b:#x}|{u:08b}|{np.float64(x):.2%}|" + repr(b) \
        + format(a, "g") + "%s %d" % (a, b)
