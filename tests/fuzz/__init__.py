"""A differential fuzzer of py2wasm: random well-typed programs, compiled on
every target and compared with CPython/NumPy bit for bit.

Place in the test suite: end-to-end (frontend -> passes -> backend -> runner,
and the npm package in Node). Modules: `values` (edge values, literals, exact
comparison), `program` (the program: a typed Python AST, its source and its
reference source), `gen_scalar` / `gen_array` (generators), `reference` (the
helpers the reference source calls: the documented deviations, modelled),
`oracle` (run and classify), `shrink` (minimal reproductions), `runner` (the
loop and its summary; `python -m tests.fuzz --help`), `node` (the same
programs through the generated npm package). See docs/fuzzing.md.
"""
