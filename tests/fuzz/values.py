"""Edge values, their source literals, and exact (bit-for-bit) comparison of
results: Python scalars by type and bits (NaN equal to NaN whatever its
payload, -0.0 distinct from 0.0), NumPy arrays by dtype, shape and bits,
tuples element by element."""
from __future__ import annotations

import math
import struct

import numpy as np

INT64_MIN = -2**63
INT64_MAX = 2**63 - 1

EDGE_INTS = [0, 1, -1, 2, -2, 3, 7, -7, 10, 255, 256, -128, 2**31 - 1, -2**31, 2**32,
             2**53 + 1, 2**62, -2**62, INT64_MAX, INT64_MIN]
EDGE_FLOATS = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, -2.5, 3.0, 1e300, -1e300, 1e-300,
               5e-324, math.inf, -math.inf, math.nan, 2.0**53, 9.223372036854776e18,
               -9.223372036854776e18, 0.1, 255.5, 2.0**31]


def small_int(rng):
    return rng.choice([0, 1, -1, 2, -2, 3, 4, 5, -3, 7, 10, 100])


def edge_int(rng):
    r = rng.random()
    if r < 0.45:
        return small_int(rng)
    if r < 0.8:
        return rng.choice(EDGE_INTS)
    return rng.randint(INT64_MIN, INT64_MAX)


def edge_float(rng):
    r = rng.random()
    if r < 0.35:
        return rng.choice([0.0, 1.0, -1.0, 0.5, 2.0, -3.5, 1.25])
    if r < 0.75:
        return rng.choice(EDGE_FLOATS)
    if r < 0.9:
        return round(rng.uniform(-10, 10), rng.randint(0, 3))
    return rng.uniform(-1e6, 1e6)


def float_lit(v: float) -> str:
    if math.isnan(v):
        return "math.nan"
    if math.isinf(v):
        return "math.inf" if v > 0 else "-math.inf"
    return repr(v)


def scalar_lit(v) -> str:
    if isinstance(v, np.generic):  # np.float32(nan) is no source text: np.float32(math.nan)
        return f"np.{type(v).__name__}({scalar_lit(v.item())})"
    if isinstance(v, bool):
        return repr(v)
    if isinstance(v, float):
        return float_lit(v)
    return repr(v)


def array_lit(a: np.ndarray) -> str:
    """Source text that rebuilds `a` (dtype, shape, bits up to NaN payloads,
    and the layouts the generators make: Fortran order, a stride-2 view)."""
    if not a.flags.c_contiguous and a.size > 1:
        if a.flags.f_contiguous:
            return f"np.asfortranarray({array_lit(np.ascontiguousarray(a))})"
        if a.ndim == 1:
            return f"np.repeat({array_lit(np.ascontiguousarray(a))}, 2)[::2]"
    flat = a.ravel().tolist()
    if a.dtype.kind == "f":
        items = ", ".join(float_lit(float(v)) for v in flat)
    else:
        items = ", ".join(repr(v) for v in flat)
    text = f"np.array([{items}], dtype=np.{a.dtype.name})"
    if a.ndim != 1:
        text += f".reshape({tuple(a.shape)!r})"
    return text


def value_lit(v) -> str:
    if isinstance(v, np.ndarray):
        return array_lit(v)
    if isinstance(v, list):
        return "[" + ", ".join(value_lit(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{value_lit(k)}: {value_lit(x)}" for k, x in v.items()) + "}"
    if isinstance(v, str):
        return repr(v)
    if isinstance(v, tuple):
        inner = ", ".join(value_lit(x) for x in v)
        return f"({inner},)" if len(v) == 1 else f"({inner})"
    return scalar_lit(v)


def _fbits(x: float) -> int:
    return struct.unpack("<q", struct.pack("<d", x))[0]


# A function returning a Python number on one path and the NumPy scalar of the
# same kind on another returns the NumPy scalar on every path (docs/arrays.md,
# README "NumPy scalars"): CPython's int/float/bool may come back as these.
_SAME_KIND = {int: np.int64, float: np.float64, bool: np.bool_}


def same_scalar(a, b) -> bool:
    if type(a) in _SAME_KIND and type(b) is _SAME_KIND[type(a)]:
        if type(a) is int and not -2**63 <= a < 2**63:
            return False
        a = _SAME_KIND[type(a)](a)  # the documented deviation: compare the values
    if type(a) is not type(b):
        return False
    if isinstance(a, (float, np.floating)):
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return _fbits(a) == _fbits(b)
    if isinstance(a, complex):
        return same_scalar(a.real, b.real) and same_scalar(a.imag, b.imag)
    return a == b


def same_array(a: np.ndarray, b: np.ndarray) -> bool:
    if a.dtype != b.dtype or a.shape != b.shape:
        return False
    if a.dtype.kind == "f":
        na, nb = np.isnan(a), np.isnan(b)
        if not np.array_equal(na, nb):
            return False
        ia = a.view(np.dtype(f"i{a.dtype.itemsize}"))
        ib = b.view(np.dtype(f"i{b.dtype.itemsize}"))
        return bool(np.all((ia == ib) | na))
    return bool(np.array_equal(a, b))


def same_value(a, b) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and same_array(a, b)
    if isinstance(a, list) or isinstance(b, list):  # lists: item by item
        return (type(a) is type(b) and len(a) == len(b)
                and all(same_value(x, y) for x, y in zip(a, b)))
    if isinstance(a, dict) or isinstance(b, dict):  # dicts: items in order
        return (type(a) is type(b) and len(a) == len(b)
                and all(same_value(ka, kb) and same_value(va, vb)
                        for (ka, va), (kb, vb) in zip(a.items(), b.items())))
    if isinstance(a, (set, frozenset)) or isinstance(b, (set, frozenset)):
        # a set result is rebuilt from the compiled set: compared as a set
        return type(a) is type(b) and a == b
    if isinstance(a, str) or isinstance(b, str):
        return type(a) is type(b) and a == b
    if isinstance(a, tuple) or isinstance(b, tuple):
        return (type(a) is type(b) and len(a) == len(b)
                and all(same_value(x, y) for x, y in zip(a, b)))
    return same_scalar(a, b)


def copy_value(v):
    if isinstance(v, np.ndarray):
        return v.copy()
    if isinstance(v, list):
        return [copy_value(x) for x in v]
    if isinstance(v, dict):
        return {k: copy_value(x) for k, x in v.items()}
    if isinstance(v, set):
        return set(v)
    if isinstance(v, tuple):
        items = [copy_value(x) for x in v]
        return type(v)(*items) if hasattr(type(v), "_fields") else tuple(items)  # a NamedTuple
    return v


def show(v) -> str:
    if isinstance(v, np.ndarray):
        return f"{v.dtype.name}{list(v.shape)} {v.tolist()!r}"
    if isinstance(v, (list, dict, set, str)):
        return f"{type(v).__name__} {v!r}"
    if isinstance(v, tuple):
        return "(" + ", ".join(show(x) for x in v) + ")"
    return f"{type(v).__name__} {v!r}"
