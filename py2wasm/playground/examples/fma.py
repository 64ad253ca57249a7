"""Fused multiply-add: the smallest py2wasm function.

Parameters without annotations compile as float.
"""


def fma(x, y, z):
    """Return x * y + z."""
    return x * y + z
