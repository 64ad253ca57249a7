"""py2wasm's own math library, written in the restricted Python that
py2wasm compiles, so that compiled modules import nothing from their host.

Place in the pipeline: a library *source*, outside the frontend -> ir ->
passes -> backend flow. `passes/link_math.py` traces the functions a module
uses (with the ordinary frontend, `frontend.trace_many`) and links them into
the module, replacing the IR primitive `math[fn=...]` by calls. The same
source runs in plain CPython (the intrinsics in `py2wasm.intrinsics` have
CPython implementations), which is how `tests/mathlib` and
`benchmarks/accuracy.py` measure it against CPython's `math`.

Every function has C libm semantics (IEEE special values, NaN for a domain
error, inf for an overflow, no Python exception): the frontend's `mathlib`
emits CPython's checks around the call, exactly as it did around the host
import. The algorithms are fdlibm's (FreeBSD msun) and musl's, ported with
their copyright notices (gamma/lgamma are CPython's own mathmodule.c code,
`gamma.py`, as CPython does not call the C library for them); the large-argument reduction of sin/cos/tan is a
Payne-Hanek reduction in int64 arithmetic (`trig.py`).

API: `FUNCTIONS`: IR math function name (`ir.primitives.MATH_UNARY`,
`MATH_BINARY`, `MATH_TERNARY`) -> Python function; `arity(name)`. Every
math function but `fmod`: C's fmod is exact, and the backend's runtime
helper (`backend/runtime.py`) computes it in every build, linked or not.
"""
from . import erf as _erf
from . import exp as _exp
from . import fma as _fma
from . import gamma as _gamma
from . import hyperbolic as _hyp
from . import hypot as _hypot
from . import invtrig as _invtrig
from . import log as _log
from . import pow as _pow
from . import trig as _trig

FUNCTIONS = {
    "exp": _exp.exp, "expm1": _exp.expm1,
    "sinh": _hyp.sinh, "cosh": _hyp.cosh, "tanh": _hyp.tanh,
    "log": _log.log, "log1p": _log.log1p, "log2": _log.log2, "log10": _log.log10,
    "asinh": _log.asinh, "acosh": _log.acosh, "atanh": _log.atanh,
    "sin": _trig.sin, "cos": _trig.cos, "tan": _trig.tan,
    "asin": _invtrig.asin, "acos": _invtrig.acos, "atan": _invtrig.atan,
    "atan2": _invtrig.atan2,
    "pow": _pow.pow, "hypot": _hypot.hypot,
    "fma": _fma.fma,
    "erf": _erf.erf, "erfc": _erf.erfc, "gamma": _gamma.gamma, "lgamma": _gamma.lgamma,
}


def arity(name: str) -> int:
    return FUNCTIONS[name].__code__.co_argcount


__all__ = ["FUNCTIONS", "arity"]
