"""`numpy.fft` for compiled code, written in the Python subset py2wasm
compiles (as `py2wasm/linalg` is for `numpy.linalg`).

Place in the pipeline: a library the frontend traces. When compiled code
calls `np.fft.fft(a, n, axis, norm)`, the tracer (`frontend/fft_calls.py`)
binds NumPy's arguments, checks the axis when compiling and traces
`py2wasm.fftlib.api.c2c(a, n, axis, mode, sign)` instead, specialized for
the argument's dtype and ndim like any user helper, so a module holds only
what it uses. Errors (NumPy's ValueError for n < 1) name the user's line.

Numerics: pocketfft's complex plan (`cfft`: NumPy 2 vendors pocketfft's
C++ header), its factorisation and pass kernels (radix 8, 4, 2, 3, 5, 7,
11 and the generic radix), twiddles computed as its `sincos_2pibyn`
(`twiddle`), Bluestein's algorithm where pocketfft picks it (`plan`), the
normalisation multiplied at the end: results are NumPy's bits wherever the
twiddle tables agree (py2wasm's math.cos/sin against glibc's: docs/arrays.md
"FFT"). The real transforms (rfft, irfft) run the complex plan on the real
line (NumPy uses pocketfft's real plan: results agree to rounding).
Modules: `twiddle`, `cfft` (one line, the factored plan), `plan`
(Bluestein, the choice), `api` (axes, n, norm, dtypes; fftfreq, rfftfreq,
the shifts).
"""
from __future__ import annotations
