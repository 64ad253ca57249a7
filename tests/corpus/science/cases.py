"""`C(fn, *argsets, ulps=0, rtol=0)`: a kernel and the argument sets it runs
on. `ulps` allows results of transcendental functions to differ by that
many units in the last place; `rtol` is for documented summation-order
deviations (matrix products, np.linalg: docs/arrays.md). `refused="P2W..."`
marks a kernel outside the documented subset: compiling it must raise a
CompileError with that code, located in the kernel's file, with a hint."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class C:
    fn: object
    argsets: tuple
    ulps: int = 0
    rtol: float = 0.0
    refused: str = ""

    def __init__(self, fn, *argsets, ulps=0, rtol=0.0, refused=""):
        self.fn, self.argsets, self.ulps, self.rtol = fn, argsets, ulps, rtol
        self.refused = refused  # outside the documented subset: this CompileError code


def rng(seed: int):
    return np.random.default_rng(1000 + seed)
