"""backend/binaryen.Module.optimize with a chosen function pipeline
(backend/pipeline.py) in a module that imports host functions: the
per-function passes run on the functions with a body only (run on an import,
Binaryen aborted the whole process: found by the fuzzer's py kind)."""
import pytest

import py2wasm
from py2wasm.backend import pipeline


def parse_twice(s: str, n: int) -> float:
    t = 0.0
    for i in range(n):
        if i % 3 == 0:
            t += float(s)
        else:
            t -= i
    return t + float(s)


@pytest.mark.parametrize("target", ["mvp", "simd", "relaxed-simd"])
@pytest.mark.parametrize("large", [False, True])
def test_chosen_pipeline_in_a_module_with_imports(monkeypatch, target, large):
    # every function gets the chosen pipeline: the many-blocks one, or the large one
    monkeypatch.setattr(pipeline, "LARGE_FUNCTION" if large else "MANY_BLOCKS", 0)
    c = py2wasm.compile(parse_twice, target=target)
    for s, n in (("1.5", 7), (" -2e3 ", 0), ("inf", 4)):
        assert c(s, n) == parse_twice(s, n)
    with pytest.raises(ValueError, match="could not convert string to float: 'x'"):
        c("x", 2)
    assert "str_to_float" in c.specialize("1", 1).wat()
