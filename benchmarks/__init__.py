"""The py2wasm benchmark suite (run it with `python3 benchmarks/run.py`)."""
