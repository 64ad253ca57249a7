"""String annotations (PEP 563) for the signature tests."""
from __future__ import annotations


def f(a: int, b: tuple[int, float], c: bool) -> float:
    return a + b[1]
