"""Shared hypothesis settings for the generated suites: modest run time
(each example compiles one new function), no deadline (compiling is slow the
first time), derandomized by default so CI is reproducible
(PY2WASM_HYPOTHESIS_RANDOM=1 explores new examples), no shrinking by default
(each shrink step is a new compile; PY2WASM_HYPOTHESIS_SHRINK=1 turns it on)."""
import os

from hypothesis import HealthCheck, Phase, settings

_phases = [Phase.explicit, Phase.reuse, Phase.generate]
if os.environ.get("PY2WASM_HYPOTHESIS_SHRINK") == "1":
    _phases.append(Phase.shrink)

SETTINGS = settings(
    max_examples=int(os.environ.get("PY2WASM_HYPOTHESIS_EXAMPLES", "60")),
    deadline=None,
    derandomize=os.environ.get("PY2WASM_HYPOTHESIS_RANDOM") != "1",
    phases=_phases,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    print_blob=True,
)
