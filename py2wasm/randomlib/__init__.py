"""`numpy.random.default_rng()` for compiled code: NumPy's PCG64 bit
generator and the Generator methods, written in the Python subset py2wasm
compiles (as `py2wasm/linalg` is for `numpy.linalg`).

Place in the pipeline: a library the frontend traces. When compiled code
calls `np.random.default_rng(seed)`, `frontend/random_calls.py` asks NumPy
for the seeded PCG64 state (a known seed: `bit_generator.state` at trace
time) and traces `generator.make(...)`, which builds an instance of
`generator.Generator`, an ordinary compiled class whose fields are the
128-bit state and increment as two uint64 words each plus PCG64's buffered
32-bit half. Its methods (`random uniform integers standard_normal normal
choice shuffle permutation`) are traced like the user's own methods, so a
generator passed to a helper is one instance advanced in place, as in NumPy.

A seed known only at run time is hashed by `seedseq` (NumPy's SeedSequence
and PCG64's seeding, traced) instead.

Modules: `pcg64` (the 128-bit LCG step and XSL-RR output in uint64 halves,
next_uint64/next_uint32/next_double), `bounded` (NumPy's Lemire bounded
integers and random_interval), `ziggurat` (random_standard_normal),
`generator` (the Generator class), `hooks` (the few functions evaluated at
trace time: sizes, dtypes, refusals; run as plain Python under CPython),
`tables` (the seeded state and NumPy's ziggurat tables, read from NumPy),
`seedseq` (SeedSequence for a run-time int seed).
Every algorithm follows NumPy's `numpy/random/src` step for step, so the
streams are NumPy's bit for bit (tests/randomlib/test_random_calls.py).
"""
