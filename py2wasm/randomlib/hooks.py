"""Functions randomlib's traced code calls that run at trace time.

Place in the pipeline: frontend/random_calls.py evaluates a call of any
function marked here (`@trace_time`) on its known arguments when tracing,
instead of tracing its body: sizes and dtypes are known when compiling, and
what NumPy accepts but py2wasm does not is refused where it is asked for.
Under CPython they are plain functions, so randomlib runs unchanged.
"""
from __future__ import annotations

TRACE_TIME = set()
EMITTERS = {}  # function -> its IR emitter (frontend/random_calls.py)


class Refused(Exception):
    """A form py2wasm does not compile: the frontend turns it into a
    located CompileError (message, hint)."""

    def __init__(self, message, hint=""):
        super().__init__(message)
        self.message, self.hint = message, hint


def trace_time(fn):
    TRACE_TIME.add(fn)
    return fn


@trace_time
def shape_of(size, what):
    """size= as a tuple: None -> None, an int -> (n,), a tuple -> itself.
    Run-time ints are allowed as items (the frontend passes them through)."""
    if size is None or type(size) is tuple:
        return size
    if _int_like(size):
        return (size,)
    shown = repr(size) if type(size) in (float, str) else \
        "a list" if type(size).__name__ == "PyList" else type(size).__name__
    raise Refused(f"Generator.{what}(size={shown}) is not supported",
                  "size= must be an int or a tuple of ints")


def _int_like(v):
    """A known int (not a bool), or a run-time int or integer NumPy scalar."""
    import numpy as np
    if type(v) is bool:
        return False
    if isinstance(v, (int, np.integer)):
        return True
    from ..ir import I64, Var
    from ..frontend.values import NpScalar
    if isinstance(v, Var):
        return v.type == I64
    return isinstance(v, NpScalar) and v.dtype != "bool" and not v.dtype.startswith("float")


@trace_time
def scalar_args(what, *values):
    """Refuse array (or other non-scalar) parameters: NumPy broadcasts
    them, py2wasm draws with scalar parameters only."""
    for v in values:
        if v is None or type(v) in (int, float, bool) or _int_like(v):
            continue
        from ..frontend.values import NpScalar
        from ..ir import F64, Var
        if isinstance(v, (Var, NpScalar)) and (not isinstance(v, Var) or v.type == F64):
            continue
        raise Refused(f"Generator.{what}() with an array or non-number parameter is not "
                      "supported", "pass numbers; for one parameter per element, loop and "
                      "draw one value at a time (the same stream as NumPy only for scalar "
                      "parameters)")
    return True


@trace_time
def int_bounds(low, high, endpoint):
    """NumPy's int64 bounds checks on known ints: (code, low, high,
    endpoint), code 1 when low is out of bounds, 2 when high is, 3 when a
    low above int64 exceeds high (the values then 0); a known high of 2**63 without endpoint becomes 2**63 - 1 with
    endpoint=True, as NumPy's closed interval."""
    import numpy as np
    known_lo = isinstance(low, (int, np.integer)) and type(low) is not bool
    known_hi = isinstance(high, (int, np.integer)) and type(high) is not bool
    if known_lo and int(low) < -2**63:
        return 1, 0, 0, True
    if known_lo and int(low) > 2**63 - 1:  # above any int64 high: NumPy's low > high
        if known_hi and int(high) - (0 if endpoint else 1) > 2**63 - 1:
            return 2, 0, 0, True
        return 3, 0, 0, endpoint
    if known_hi and type(endpoint) is bool:
        closed = int(high) - (0 if endpoint else 1)
        if closed > 2**63 - 1:
            return 2, 0, 0, True
        if closed == 2**63 - 1 and not endpoint:
            return 0, low, 2**63 - 1, True
    elif known_hi and int(high) > 2**63:
        return 2, 0, 0, True
    return 0, low, high, endpoint


@trace_time
def float_kind(dtype, what, allow32):
    """np.float64 or np.float32 (a type: known values that are not numbers
    stay known across the tracer's block joins, ints do not)."""
    import numpy as np
    try:
        dt = np.dtype(dtype)
    except TypeError:
        raise Refused(f"Generator.{what}(dtype={dtype!r}) is not supported", "") from None
    if dt == np.float64:
        return np.float64
    if dt == np.float32 and allow32:
        return np.float32
    raise Refused(f"Generator.{what}(dtype={dt.name}) is not supported",
                  "float64" + (" or float32" if allow32 else "") + " only")


@trace_time
def int_dtype_ok(dtype, what):
    import numpy as np
    try:
        dt = np.dtype(dtype)
    except TypeError:
        dt = None
    if dt != np.int64:
        raise Refused(f"Generator.{what}(dtype={dtype!r}) is not supported",
                      "int64 results only: draw int64 and use .astype()")
    return True


@trace_time
def refuse(what, hint):
    raise Refused(what, hint)


@trace_time
def zig_tables():
    """NumPy's (ki, wi, fi), or a refusal when they were not found (the
    methods drawing normals ask first)."""
    from .tables import ziggurat
    t = ziggurat()
    if t is None:
        raise Refused("Generator.standard_normal() needs NumPy's ziggurat tables, which were "
                      "not found in numpy.random._generator",
                      "use another NumPy build, or draw uniform numbers")
    return t


@trace_time
def is_array(a):
    """Is `a` an array (a NumPy array under CPython, an array trace value
    when compiling)?"""
    import numpy as np
    if isinstance(a, np.ndarray):
        return True
    try:
        from ..frontend import arrays
    except ImportError:  # pragma: no cover
        return False
    return bool(arrays.is_array(a))


# -- NumPy's ziggurat tables as constant data --------------------------------------
# One blob (tables.ziggurat_blob): ki as 256 uint64, then wi and fi as 256
# float64 each. When compiling, zig_base() is the IR primitive data_addr of
# that blob (a module carries it only when a function draws normals) and
# load_i64/load_f64 are loads; under CPython they read the bytes.

def emitter(name):
    def mark(fn):
        EMITTERS[fn] = name
        return fn
    return mark


@emitter("data")
def zig_base():
    return 0


@emitter("int64")
def load_i64(addr):
    import struct
    from .tables import ziggurat_blob
    return struct.unpack_from("<q", ziggurat_blob(), addr)[0]


@emitter("float64")
def load_f64(addr):
    import struct
    from .tables import ziggurat_blob
    return struct.unpack_from("<d", ziggurat_blob(), addr)[0]
