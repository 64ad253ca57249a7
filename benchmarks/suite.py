"""The kernels of the benchmark suite and their sizes.

Each kernel is defined once per language in `benchmarks/kernels/`: NAME.py
(the Python source every Python engine and py2wasm run; for array kernels
also NAME_numpy, the idiomatic NumPy version), NAME.js (plain JavaScript) and
NAME.c (C for clang -> wasm32). A `Kernel` here says which function to call,
with which arguments (made deterministically from a seed), what the result is
(the return value, or an argument updated in place) and its size in the
quick and the full run.

Calling conventions outside Python (one per language, used by the Node driver):
- JavaScript and the py2wasm npm package: numbers; a 1-D array is a
  Float64Array, an N-d array `{data: Float64Array, shape: [...]}` (the
  convention of the NumPy-arrays issue); results are returned the same way.
- C: a number per scalar (int -> i32, float -> f64); an array is its pointer
  followed by one i32 per dimension; a result array ("out") is one more
  pointer at the end; int results are i64.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

import numpy as np

KERNEL_DIR = Path(__file__).resolve().parent / "kernels"

SCALAR = "scalar"
ARRAY = "array"
CALLS_PY = "calls_py"     # fma called from a Python loop
CALLS_JS = "calls_js"     # fma called from a JavaScript loop


@dataclass
class Kernel:
    id: str                       # row id, unique
    label: str                    # row title in the table
    module: str                   # kernels/<module>.py/.js/.c
    entry: str                    # the function to call
    kind: str                     # scalar | array | calls_py | calls_js
    make_args: Callable[[np.random.Generator], tuple]
    result: Any = "return"        # "return" | "out" | ("arg", index)
    numpy: Optional[str] = None   # name of the NumPy version in the module
    numpy_reason: str = ""        # why there is no NumPy column
    rtol: float = 1e-9
    seed: int = 0
    notes: str = ""

    @property
    def mutates(self) -> bool:
        return isinstance(self.result, tuple)

    def args(self) -> tuple:
        return self.make_args(np.random.default_rng(self.seed))

    def py_path(self) -> Path:
        return KERNEL_DIR / f"{self.module}.py"

    def js_path(self) -> Path:
        return KERNEL_DIR / f"{self.module}.js"

    def c_path(self) -> Path:
        return KERNEL_DIR / f"{self.module}.c"


NUMPY_SOURCE = "the source is NumPy code (= CPython column)"  # why a row has no NumPy column


def uniform_pair(shape_a, shape_b, dtype="float64"):
    """make_args of two arrays of `dtype`, uniform in [0.5, 1.5)."""
    return lambda rng: (rng.uniform(0.5, 1.5, shape_a).astype(dtype),
                        rng.uniform(0.5, 1.5, shape_b).astype(dtype))


def stencil_args(shape, steps):
    """make_args of a stencil: (steps, a, a copy of a), a uniform in [0, 1)."""
    def make(rng):
        a = rng.uniform(0.0, 1.0, shape)
        return (steps, a, a.copy())
    return make


def _vec(n, lo=0.5, hi=1.5):
    return lambda rng: rng.uniform(lo, hi, n)


def _fmt(n: int) -> str:
    """1000000 -> '1e6', 256 -> '256'."""
    if n >= 1000 and n % 10 ** (len(str(n)) - 1) == 0 and str(n)[0] == "1":
        return f"1e{len(str(n)) - 1}"
    return f"{n:,}".replace(",", "\u202f") if n >= 10000 else str(n)


def _scalar_kernels(q: bool) -> list[Kernel]:
    calls = 100_000 if q else 1_000_000
    series = 1_000_000 if q else 10_000_000
    collatz = 20_000 if q else 100_000
    mandel = (60, 100) if q else (200, 200)
    steps = 10_000 if q else 100_000
    spec = 50 if q else 200
    return [
        Kernel("fma_py", f"fma ×{_fmt(calls)} calls from Python", "fma", "fma", CALLS_PY,
               lambda rng: (calls,), numpy_reason="a Python call loop"),
        Kernel("fma_js", f"fma ×{_fmt(calls)} calls from JS", "fma", "fma", CALLS_JS,
               lambda rng: (calls,), numpy_reason="a JavaScript call loop",
               notes="CPython column: the same calls from a Python loop"),
        Kernel("series_sum", f"series sum n={_fmt(series)}", "series_sum", "series_sum", SCALAR,
               lambda rng: (series,), numpy_reason="scalar loop"),
        Kernel("collatz", f"collatz n={_fmt(collatz)}", "collatz", "collatz", SCALAR,
               lambda rng: (collatz,), numpy_reason="scalar loop"),
        Kernel("mandelbrot", f"mandelbrot {mandel[0]}² points, {mandel[1]} iter",
               "mandelbrot", "mandelbrot", SCALAR, lambda rng: mandel, numpy_reason="scalar loop"),
        Kernel("mandelbrot_complex", f"mandelbrot with complex z*z+c, {mandel[0]}² points",
               "mandelbrot_complex", "mandelbrot_complex", SCALAR, lambda rng: mandel,
               numpy_reason="scalar loop",
               notes="JS and C write the complex product out with two doubles"),
        Kernel("fib", "fib(25)", "fib", "fib", SCALAR, lambda rng: (25,),
               numpy_reason="recursion"),
        Kernel("nbody", f"n-body {_fmt(steps)} steps", "nbody", "nbody", SCALAR,
               lambda rng: (steps,), numpy_reason="scalar loop"),
        Kernel("spectral_norm", f"spectral norm n={spec}", "spectral_norm", "spectral_norm",
               ARRAY, lambda rng: (spec,), numpy_reason="loop over two vectors"),
    ]


def _array_kernels(q: bool) -> list[Kernel]:
    big = 100_000 if q else 1_000_000
    mm = (32, 64) if q else (64, 256)
    jac = (64, 5) if q else (256, 10)
    conv = 10_000 if q else 100_000
    pw = 100 if q else 500
    fw = 50 if q else 150

    def fw_matrix(n):
        def make(rng):
            d = rng.uniform(1.0, 100.0, (n, n))
            d[rng.uniform(size=(n, n)) < 0.7] = 1e9     # sparse graph: most edges absent
            np.fill_diagonal(d, 0.0)
            return (d,)
        return make

    ks = []
    for n in (1000, big):
        ks.append(Kernel(f"saxpy_{n}", f"saxpy n={_fmt(n)}", "saxpy", "saxpy", ARRAY,
                         (lambda n: lambda rng: (2.5, rng.uniform(0.5, 1.5, n), rng.uniform(0.5, 1.5, n)))(n),
                         result="out", numpy="saxpy_numpy"))
    for n in (1000, big):
        ks.append(Kernel(f"fused_{n}", f"fused sqrt(a²+b²)·c+1 n={_fmt(n)}", "fused", "fused", ARRAY,
                         (lambda n: lambda rng: tuple(rng.uniform(0.5, 1.5, n) for _ in range(3)))(n),
                         result="out", numpy_reason=NUMPY_SOURCE))
    ks += [
        Kernel("dot", f"dot n={_fmt(big)}", "dot", "dot", ARRAY,
               lambda rng: (rng.uniform(0.5, 1.5, big), rng.uniform(0.5, 1.5, big)),
               numpy="dot_numpy"),
        Kernel("softmax", f"softmax n={_fmt(big)}", "softmax", "softmax", ARRAY,
               lambda rng: (rng.uniform(-5.0, 5.0, big),), result="out",
               numpy_reason=NUMPY_SOURCE),
    ]
    for n in mm:
        ks.append(Kernel(f"matmul_{n}", f"matmul {n}×{n}", "matmul", "matmul", ARRAY,
                         (lambda n: lambda rng: (rng.uniform(0.5, 1.5, (n, n)), rng.uniform(0.5, 1.5, (n, n))))(n),
                         result="out", numpy="matmul_numpy"))
    ks += [
        Kernel("jacobi2d", f"jacobi 2-D {jac[0]}², {jac[1]} steps", "jacobi2d", "jacobi2d", ARRAY,
               stencil_args((jac[0], jac[0]), jac[1]), result=("arg", 1), numpy="jacobi2d_numpy"),
        Kernel("conv1d", f"conv1d n={_fmt(conv)}, 16 taps", "conv1d", "conv1d", ARRAY,
               lambda rng: (rng.uniform(-1.0, 1.0, conv), rng.uniform(-1.0, 1.0, 16)),
               result="out", numpy="conv1d_numpy", rtol=1e-8),
        Kernel("pairwise", f"pairwise distances {pw}×3", "pairwise", "pairwise", ARRAY,
               lambda rng: (rng.uniform(0.0, 1.0, (pw, 3)),), result="out", numpy="pairwise_numpy"),
        Kernel("floyd_warshall", f"floyd-warshall n={fw}", "floyd_warshall", "floyd_warshall", ARRAY,
               fw_matrix(fw), result=("arg", 0), numpy="floyd_warshall_numpy"),
    ]
    return ks


def _linalg_kernels(q: bool) -> list[Kernel]:
    """The linear-algebra table (issue 15): products, matrix-vector in both
    orientations, the 1-D dot and stencils on slices, float64 and float32,
    each written as NumPy code (the CPython column is NumPy). float32 sums
    may differ from NumPy's in the last bits (BLAS's order is not ours):
    checked to 1e-4 relative."""
    mm = (32, 64) if q else (64, 256, 512, 1024)
    mv = (200,) if q else (500, 1000, 2000)
    dot = 100_000 if q else 1_000_000
    jac = (64, 5) if q else (256, 10)
    heat = (16, 2) if q else (64, 10)
    ks = []
    for bits, dt in ((64, "float64"), (32, "float32")):
        tol = 1e-9 if bits == 64 else 1e-4
        for n in mm:
            ks.append(Kernel(f"matmul{bits}_{n}", f"a @ b float{bits} {n}×{n}", "la_matmul",
                             f"matmul{bits}", ARRAY, uniform_pair((n, n), (n, n), dt),
                             result="out", numpy_reason=NUMPY_SOURCE, rtol=tol))
        for n in mv:
            for op, label, shapes in (("ax", "A @ x", ((n, n), n)), ("xa", "x @ A", (n, (n, n)))):
                ks.append(Kernel(f"{op}{bits}_{n}", f"{label} float{bits} {n}×{n}", "la_matvec",
                                 f"{op}{bits}", ARRAY, uniform_pair(*shapes, dt), result="out",
                                 numpy_reason=NUMPY_SOURCE, rtol=tol))
        ks.append(Kernel(f"dot{bits}", f"np.dot(x, y) float{bits} n={_fmt(dot)}", "la_dot",
                         f"dot{bits}", ARRAY, uniform_pair(dot, dot, dt),
                         numpy_reason=NUMPY_SOURCE, rtol=1e-9 if bits == 64 else 1e-3))

    ks += [
        Kernel("jacobi2d_slices", f"jacobi 2-D slices {jac[0]}², {jac[1]} steps", "la_stencil",
               "jacobi2d", ARRAY, stencil_args((jac[0], jac[0]), jac[1]), result=("arg", 1),
               numpy_reason=NUMPY_SOURCE),
        Kernel("heat3d_slices", f"7-point 3-D slices {heat[0]}³, {heat[1]} steps", "la_stencil",
               "heat3d", ARRAY, stencil_args((heat[0],) * 3, heat[1]), result=("arg", 1),
               numpy_reason=NUMPY_SOURCE),
    ]
    return ks


SUITES = ("main", "linalg")


def kernels(quick: bool, suite: str = "main") -> list[Kernel]:
    """The kernels of a suite: "main" (the README's table) or "linalg"
    (`run.py --suite linalg`, the linear-algebra table)."""
    if suite == "linalg":
        return _linalg_kernels(quick)
    return _scalar_kernels(quick) + _array_kernels(quick)


def out_dtype(args: tuple) -> str:
    """The dtype of a result array: float32 when the arguments are float32."""
    arrays = [a for a in args if isinstance(a, np.ndarray)]
    return "float32" if arrays and all(a.dtype == np.float32 for a in arrays) else "float64"


def out_shape(k: Kernel, args: tuple) -> Optional[tuple]:
    """Shape of the result array a C kernel writes to its trailing `out` pointer."""
    if k.result != "out":
        return None
    m = k.module
    if m in ("saxpy",):
        return (len(args[1]),)
    if m in ("fused", "softmax"):
        return (len(args[0]),)
    if m == "conv1d":
        return (len(args[0]) - len(args[1]) + 1,)
    if m in ("matmul", "la_matmul"):
        return (args[0].shape[0], args[1].shape[1])
    if m == "pairwise":
        return (args[0].shape[0], args[0].shape[0])
    if m == "la_matvec":  # A @ x: A's rows; x @ A: A's columns
        return (args[0].shape[0],) if args[0].ndim == 2 else (args[1].shape[1],)
    raise ValueError(f"no out shape for {k.id}")
