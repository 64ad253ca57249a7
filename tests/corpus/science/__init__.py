"""The science corpus: NumPy/Python kernels written as scientists and
engineers write them (signal processing, statistics, numerical methods,
physics, images, geometry, machine learning), each module with `CASES`.
Run by tests/corpus/test_science.py on every wasm target."""
