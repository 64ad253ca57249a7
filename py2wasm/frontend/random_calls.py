"""Calls of `numpy.random` during tracing.

Place in the pipeline: frontend. `calls.call_value` asks this module first
(after the forbidden-call checks):

- `np.random.default_rng(seed)` with a seed known when compiling: NumPy
  itself computes the seeded PCG64 state (`randomlib/tables.py`), and the
  call is traced as `py2wasm.randomlib.generator.make(<four uint64 words>)`,
  an instance of the compiled Generator class (`randomlib/generator.py`);
  with a run-time int seed, as `randomlib/seedseq.make_seeded(seed)`
  (NumPy's SeedSequence hashing, traced); without a seed, or with a seed
  that is not an int, it is a located CompileError.
- a method call on such an instance (`rng.random(5)`) is traced as library
  code (`call_python(..., site=loc)`), so its exceptions and errors name the
  user's line and sizes known when compiling stay known inside it;
- the trace-time hooks of `randomlib/hooks.py` called from that library code
  are evaluated here on their known arguments (a `hooks.Refused` becomes a
  located CompileError);
- every other `numpy.random` function (the legacy `np.random.rand`,
  `np.random.seed`...) is a located CompileError with a hint.
"""
from __future__ import annotations

import inspect

from .values import E_UNSUPPORTED_CALL, TraceRaise, error

NO = object()
_HINT = "create a generator with a known seed: rng = np.random.default_rng(42)"


def _numpy_random(fn) -> bool:
    mod = getattr(fn, "__module__", None) or ""
    return mod == "numpy.random" or mod.startswith("numpy.random.")


def call(tr, fn, args, kwargs, loc):
    from ..randomlib import generator, hooks
    try:
        if fn in hooks.TRACE_TIME:
            try:
                return fn(*args, **kwargs)
            except hooks.Refused as e:
                raise error(loc, e.message, e.hint, E_UNSUPPORTED_CALL) from None
    except TypeError:  # an unhashable callee: not a hook
        pass
    try:
        kind = hooks.EMITTERS.get(fn)
    except TypeError:
        kind = None
    if kind is not None:
        return _emit(tr, kind, list(args), loc)
    if inspect.ismethod(fn) and getattr(fn.__func__, "__module__", "") == generator.__name__:
        from .calls import call_python
        from .objects import is_obj
        if is_obj(fn.__self__):
            return call_python(tr, fn.__func__, [fn.__self__] + list(args), dict(kwargs), loc,
                               site=loc, public=f"numpy.random.Generator.{fn.__name__}")
    if not _numpy_random(fn):
        return NO
    import numpy as np
    name = getattr(fn, "__name__", None) or type(fn).__name__  # np.random.rand: a RandomState method
    if fn is np.random.default_rng:
        return _default_rng(tr, list(args), dict(kwargs), loc)
    raise error(loc, f"numpy.random.{name}() is not supported",
                "use the Generator API: " + _HINT + ", then rng.random(n), "
                "rng.integers(low, high, n), rng.normal(loc, scale, n)...", E_UNSUPPORTED_CALL)


def _default_rng(tr, args, kwargs, loc):
    import numpy as np
    if kwargs or len(args) > 1:
        raise error(loc, "numpy.random.default_rng() takes one seed here",
                    _HINT, E_UNSUPPORTED_CALL)
    seed = args[0] if args else None
    if seed is None:
        raise error(loc, "numpy.random.default_rng() without a seed is not supported",
                    "a compiled function cannot draw OS entropy; " + _HINT, E_UNSUPPORTED_CALL)
    from ..ir import I64, Var
    from .calls import call_python
    from .values import NpScalar
    if isinstance(seed, Var) and seed.type == I64 or isinstance(seed, NpScalar) and \
            seed.dtype in ("int64", "int32", "int16", "int8", "uint32", "uint16", "uint8"):
        from ..randomlib import seedseq  # NumPy's SeedSequence, traced
        return call_python(tr, seedseq.make_seeded, [seed], {}, loc, site=loc,
                           public="numpy.random.default_rng")
    if type(seed) is bool or not isinstance(seed, (int, np.integer)):
        raise error(loc, "numpy.random.default_rng(seed): the seed must be an int",
                    "a known int or a run-time int (not a float, a bool, a uint64 or a "
                    "sequence); " + _HINT, E_UNSUPPORTED_CALL)
    from ..randomlib import generator, tables
    try:
        state = tables.seeded_state(int(seed))
    except (ValueError, TypeError) as e:  # NumPy's own error for a negative seed
        raise TraceRaise(type(e).__name__, str(e)) from None
    return call_python(tr, generator.make, list(state), {}, loc, site=loc,
                       public="numpy.random.default_rng")


def _emit(tr, kind, args, loc):
    """randomlib/hooks.py's primitives: the ziggurat blob's address (added
    to the module's constant data) and loads from it."""
    from .arrays import ic
    if kind == "data":
        from ..randomlib.tables import ziggurat_blob  # found: the methods checked
        name = tr.mt.module.add_data("numpy_ziggurat", ziggurat_blob())
        return tr.fb.emit("data_addr", [], {"name": name}, loc=loc)
    return tr.fb.emit("load", [ic(tr.fb, args[0])], {"dtype": kind})
