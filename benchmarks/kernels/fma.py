"""Call overhead: `fma` is called a million times from a loop in the host language.

The loop lives in the harness (Python: `benchmarks.harness.call_loop`; JS: the Node
driver), so what is measured is the cost of one call across the boundary of
each engine, not the multiply-add.
"""


def fma(x: float, y: float, z: float) -> float:
    return x * y + z
