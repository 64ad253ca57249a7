"""Calls of `numpy.fft` functions during tracing.

Place in the pipeline: frontend. `calls._array_call` asks `implementation`
first for every numpy callee; a `numpy.fft` function listed here is bound
with NumPy's signature, its axes are checked and normalised when compiling
(a located CompileError for an axis out of range, as other axis= arguments),
`norm` and the direction become a known mode (an invalid norm raises
NumPy's ValueError where the call runs), and the call is traced as a
call of the implementation in `py2wasm/fftlib/api.py` (a Python function
in the compiled subset) located at the user's call. The n-d transforms
(fft2, fftn, rfftn, irfftn...) are NumPy's loops, unrolled here: one 1-D
transform per axis, the last axis first (irfftn: its ifft axes first to
last, then irfft on the last). Functions of
`numpy.fft` not listed (hfft, ihfft, out=) are refused by the callers
(complex_calls/nplib: "numpy.fft.hfft() is not supported").
"""
from __future__ import annotations

from .values import E_TYPE, E_UNSUPPORTED_CALL, TraceRaise, error

_NAMES = ("fft", "ifft", "rfft", "irfft", "fft2", "ifft2", "rfft2", "irfft2", "fftn", "ifftn",
          "rfftn", "irfftn", "fftfreq", "rfftfreq", "fftshift", "ifftshift")


def implementation(fn):
    """The name of the numpy.fft function `fn` handled here, or None."""
    name = getattr(fn, "__name__", None)
    if name not in _NAMES:
        return None
    import numpy as np
    if getattr(np.fft, name, None) is not fn:
        return None
    return name


def _mode(norm, forward, loc):
    """0: no scaling, 1: 1/sqrt(n), 2: 1/n."""
    if norm is None or (type(norm) is str and norm == "backward"):
        return 0 if forward else 2
    if type(norm) is str and norm == "ortho":
        return 1
    if type(norm) is str and norm == "forward":
        return 2 if forward else 0
    if type(norm) is str:  # NumPy's ValueError (its two wordings), raised where the call runs
        sep = "," if forward else ", "
        raise TraceRaise("ValueError", f'Invalid norm value {norm}; should be "backward"{sep}'
                         '"ortho" or "forward".')
    raise error(loc, "numpy.fft: norm= must be a string known when compiling", "",
                E_UNSUPPORTED_CALL)


def _axis(ax, ndim, loc):
    if type(ax) is not int:
        raise error(loc, "numpy.fft: axis= must be an int known when compiling", "",
                    E_UNSUPPORTED_CALL)
    if not -ndim <= ax < ndim:
        raise error(loc, f"axis {ax} is out of bounds for array of dimension {ndim}", "",
                    E_TYPE)
    return ax % ndim


def _n(n, loc):
    if n is None:
        return -1
    return n


def _bind(loc, name, args, kwargs, params):
    from . import npargs
    return npargs.bind(loc, name, args, kwargs, params)


def call(tr, fn, name, args, kwargs, loc):
    from . import npfuncs_create
    from .calls import call_python
    from ..fftlib import api
    public = f"numpy.fft.{name}"

    def run(impl, *a):
        return call_python(tr, impl, list(a), {}, loc, site=loc, public=public)

    if name in ("fftfreq", "rfftfreq"):
        b = _bind(loc, name, args, kwargs, [("n", None), ("d", 1.0)])
        return run(api.fftfreq if name == "fftfreq" else api.rfftfreq, b["n"], b["d"])
    if name in ("fftshift", "ifftshift"):
        b = _bind(loc, name, args, kwargs, [("x", None), ("axes", None)])
        x = npfuncs_create.as_array(tr, b["x"], loc)
        axes = b["axes"]
        if axes is None:
            axes = tuple(range(x.ndim))
        elif type(axes) is int:
            axes = (axes,)
        elif type(axes) in (tuple, list) and all(type(v) is int for v in axes):
            axes = tuple(axes)
        else:
            raise error(loc, f"{public}(): axes= must be ints known when compiling", "",
                        E_UNSUPPORTED_CALL)
        if not axes or x.ndim == 0:
            raise error(loc, f"{public}() over no axes is not supported", "",
                        E_UNSUPPORTED_CALL)
        r = x
        for ax in axes:
            r = run(api.roll_axis, r, _axis(ax, x.ndim, loc), 1 if name == "fftshift" else -1)
        return r
    one_d = name in ("fft", "ifft", "rfft", "irfft")
    if one_d:
        b = _bind(loc, name, args, kwargs, [("a", None), ("n", None), ("axis", -1),
                                            ("norm", None), ("out", None)])
        sizes, axes = (b["n"],), (b["axis"],)
    else:
        dflt = (-2, -1) if name.endswith("2") else None
        b = _bind(loc, name, args, kwargs, [("a", None), ("s", None), ("axes", dflt),
                                            ("norm", None), ("out", None)])
        sizes, axes = b["s"], b["axes"]
    if b["out"] is not None:
        raise error(loc, f"{public}(out=...) is not supported", "use the result",
                    E_UNSUPPORTED_CALL)
    a = npfuncs_create.as_array(tr, b["a"], loc)
    if a.ndim == 0:
        raise error(loc, f"{public}() of a 0-d array is not supported", "", E_UNSUPPORTED_CALL)
    real_in = name.startswith("rfft")
    if real_in and a.dtype.startswith("complex"):
        raise error(loc, f"{public}() of a complex array is not supported (NumPy raises "
                    "TypeError)", "use numpy.fft.fft", E_TYPE)
    if not one_d:
        sizes, axes = _axes_sizes(public, a.ndim, sizes, axes, loc)
    else:
        axes = (_axis(axes[0], a.ndim, loc),)
    base = name.rstrip("2").rstrip("n") if not one_d else name
    forward = base in ("fft", "rfft")
    mode = _mode(b["norm"], forward, loc)
    sign = -1.0 if forward else 1.0
    k = len(axes)
    r = a
    if base == "irfft":  # NumPy's irfftn: ifft over all but the last axis, then irfft
        if type(sizes[k - 1]) is int and sizes[k - 1] == -1:  # NumPy: m points, not 2(m - 1)
            raise error(loc, f"{public}() with -1 as the last axis's size in s= is not "
                        "supported", "give the output length, or leave s= out",
                        E_UNSUPPORTED_CALL)
        for ii in range(k - 1):
            r = run(api.c2c, r, _n(sizes[ii], loc), axes[ii], mode, 1.0)
        return run(api.c2r, r, _n(sizes[k - 1], loc), axes[k - 1], mode)
    if base == "rfft":  # rfftn: rfft over the last axis, then fft over the others
        r = run(api.r2c, r, _n(sizes[k - 1], loc), axes[k - 1], mode)
        for ii in range(k - 2, -1, -1):
            r = run(api.c2c, r, _n(sizes[ii], loc), axes[ii], mode, -1.0)
        return r
    for ii in range(k - 1, -1, -1):
        r = run(api.c2c, r, _n(sizes[ii], loc), axes[ii], mode, sign)
    return r


def _axes_sizes(public, ndim, s, axes, loc):
    """NumPy's _cook_nd_args (s= and axes= known when compiling)."""
    if s is not None and not (type(s) in (tuple, list)):
        raise error(loc, f"{public}(): s= must be a tuple known when compiling", "",
                    E_UNSUPPORTED_CALL)
    if axes is None:
        if s is None:
            axes = tuple(range(ndim))
        else:
            axes = tuple(range(ndim - len(s), ndim))
    elif type(axes) not in (tuple, list):
        raise error(loc, f"{public}(): axes= must be a tuple of ints known when compiling", "",
                    E_UNSUPPORTED_CALL)
    axes = tuple(_axis(ax, ndim, loc) for ax in axes)
    if s is None:
        s = tuple(None for _ in axes)
    if len(s) != len(axes):
        raise error(loc, "Shape and axes have different lengths.", "", E_TYPE)
    if not axes:
        raise error(loc, f"{public}() over no axes is not supported", "", E_UNSUPPORTED_CALL)
    return tuple(s), axes
