"""py2wasm's float32 math library: the functions NumPy's float32 ufuncs call,
in the restricted Python that py2wasm compiles (like `py2wasm.libm`).

Place in the pipeline: a library *source*, outside the frontend -> ir ->
passes -> backend flow. The frontend marks a float32 ufunc's libm call as
`math[fn=X, dtype="float32"]` (`frontend/ufuncs.py`); `passes/link_math.py`
links the function below for it (IR name `__py2wasm_math_<C name>`, e.g.
`__py2wasm_math_expf`), traced together with the float64 library so shared
helpers (`libm/trig.py`'s `rem_pio2`) are linked once.

Contract of every function: its arguments are float32 values carried as
f64 (exactly representable in float32); it returns an f64 that the caller
rounds to float32 once (IR `f32`); the rounded result is within 1 ulp
(float32) of the correctly rounded one, and equals it except in rare cases
near a float32 rounding boundary. Special values (+-0, +-inf, NaN, domain
edges, overflow/underflow thresholds, huge sin/cos/tan arguments) are exact.
C semantics: NaN for a domain error, +-inf for an overflow, no exceptions.
The algorithms are musl's float32 functions and fdlibm kernels, computed in
double (which the f64 IR gives for free), see each module's docstring.
Measured accuracy and speed: `benchmarks/mathf.py`.

API: `FUNCTIONS`: IR math function name (`ir.primitives.MATH_UNARY`,
`MATH_BINARY`) -> the float32 Python function (named like C: `expf`);
`arity(name)`. Every MATH_UNARY function but erf erfc gamma lgamma (NumPy has
no such ufuncs) and pow, atan2, hypot have one
(not fmod, fma). Modules: `expf.py` (exp expm1 sinh cosh tanh), `logf.py`
(log log2 log10 log1p pow), `trigf.py` (sin cos tan), `invtrigf.py` (asin
acos atan atan2 hypot), `invhypf.py` (asinh acosh atanh); `accuracy.py` is
the measurement tooling (not compiled).
"""
from . import expf as _exp
from . import invhypf as _invhyp
from . import invtrigf as _inv
from . import logf as _log
from . import trigf as _trig

FUNCTIONS = {
    "exp": _exp.expf, "expm1": _exp.expm1f,
    "sinh": _exp.sinhf, "cosh": _exp.coshf, "tanh": _exp.tanhf,
    "log": _log.logf, "log2": _log.log2f, "log10": _log.log10f, "log1p": _log.log1pf,
    "pow": _log.powf,
    "sin": _trig.sinf, "cos": _trig.cosf, "tan": _trig.tanf,
    "asin": _inv.asinf, "acos": _inv.acosf, "atan": _inv.atanf, "atan2": _inv.atan2f,
    "hypot": _inv.hypotf,
    "asinh": _invhyp.asinhf, "acosh": _invhyp.acoshf, "atanh": _invhyp.atanhf,
}


def arity(name: str) -> int:
    return FUNCTIONS[name].__code__.co_argcount


__all__ = ["FUNCTIONS", "arity"]
