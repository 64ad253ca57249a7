"""Functions randomlib's traced code calls that run at trace time.

Place in the pipeline: frontend/random_calls.py evaluates a call of any
function marked here (`@trace_time`) on its known arguments when tracing,
instead of tracing its body: sizes and dtypes are known when compiling, and
what NumPy accepts but py2wasm does not is refused where it is asked for.
Under CPython they are plain functions, so randomlib runs unchanged.
"""
from __future__ import annotations

TRACE_TIME = set()


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
    if type(size) in (list,):
        return tuple(size)
    if type(size) is bool or type(size) is float:
        raise Refused(f"Generator.{what}(size={size!r}) is not supported",
                      "size= must be an int or a tuple of ints")
    return (size,)


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
def zig_ki():
    return zig_tables()[0]


@trace_time
def zig_wi():
    return zig_tables()[1]


@trace_time
def zig_fi():
    return zig_tables()[2]


@trace_time
def zig_tables():
    """NumPy's (ki, wi, fi); call it where the tables are used (known
    tuples, indexed by a run-time layer), not once into a variable that
    would cross a loop's join."""
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
