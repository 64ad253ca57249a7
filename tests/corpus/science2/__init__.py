"""The second science corpus: kernels deliberately different in style and
domain from tests/corpus/science (NumPy library calls such as np.convolve,
np.histogram, np.cov, np.polyfit, np.linalg.eig; broadcasting with
np.newaxis; fancy indexing; NumPy scalars; complex arithmetic; dicts and
strings in bioinformatics; graph algorithms; finance). Each module has
`CASES`; run by tests/corpus/test_science2.py on every wasm target."""
