"""backend/flatten.py: a function with many loops and branches in sequence
is unnested before Binaryen's optimizer (its wasm nests a bounded depth, not
one level per statement) and still computes what CPython computes."""
import numpy as np

import py2wasm
from py2wasm.backend import compile_module, flatten, pipeline
from py2wasm.frontend import trace, types_of_values


def _load(tmp_path, src):
    path = tmp_path / "seq.py"
    path.write_text(src)
    ns = {}
    exec(compile(src, str(path), "exec"), ns)
    return ns["f"]


def _depth(text: str) -> int:
    """The deepest parenthesis nesting of the function `$fn.f`."""
    body = text[text.index("(func $fn.f"):]
    body = body[:body.index("\n (func", 1)] if "\n (func" in body[1:] else body
    d = best = 0
    for ch in body:
        if ch == "(":
            d += 1
            best = max(best, d)
        elif ch == ")":
            d -= 1
    return best


def test_loops_in_sequence_are_unnested_and_run(tmp_path, monkeypatch):
    n = 300  # 1,200+ basic blocks: past pipeline.MANY_BLOCKS
    lines = []
    for k in range(n):
        if k % 3 == 0:
            lines += ["    for i in range(x.shape[0]):", f"        x[i] = x[i] * 0.5 + {k % 7}.0"]
        elif k % 3 == 1:
            lines += [f"    if s > {k % 5}.0:", "        s = s - x[0]", "    else:", "        s = s + 1.0"]
        else:
            lines += ["    s = s + np.sum(x * 2.0)"]
    src = "import numpy as np\ndef f(x):\n    s = 0.0\n" + "\n".join(lines) + "\n    return s\n"
    fn = _load(tmp_path, src)
    module = trace(fn, list(types_of_values([np.arange(5.0)])))
    nblocks = sum(len(f.reachable_blocks()) for f in module.functions.values())
    assert nblocks > pipeline.MANY_BLOCKS
    from py2wasm.backend import binaryen as bn
    with monkeypatch.context() as mp:  # the lowering's structure, before any Binaryen pass
        mp.setattr(bn.Module, "optimize", lambda self, level, custom=None: None)
        build = compile_module(module, opt="O3")
    assert _depth(build.text) < 60  # not one level (or two) per statement: ~700 before
    x = np.arange(5.0)
    assert py2wasm.compile(fn)(x.copy()) == fn(x.copy())


def test_unnests_trailing_unnamed_blocks_only():
    from py2wasm.backend import binaryen as bn
    with bn.Module(simd=False, relaxed=False) as m:
        inner = m.block(None, [m.nop(), m.nop()], bn.auto)
        named = m.block("keep", [m.nop(), m.block(None, [m.nop()], bn.auto)], bn.auto)
        outer = m.block(None, [m.nop(), m.block(None, [named, inner], bn.auto)], bn.auto)
        assert flatten.flatten(outer, m) == 3  # outer's tail, then inner; named's own tail
        m.add_function("g", [], [], [], outer)
        m.validate()
        text = m.emit_text()
    assert "$keep" in text  # a named block (a branch target) is never dissolved
