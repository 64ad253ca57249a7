"""IR -> IR passes, run between the frontend and the backend.

Place in the pipeline: frontend -> ir -> **passes** -> backend. Each pass
keeps the module valid; `run_passes(..., verify=True)` verifies the result
(before the backend sees it), and with PY2WASM_VERIFY_EACH_PASS=1 (set by
the test suite) after every pass, so a broken pass is caught where it
breaks (verifying costs about as much as a pass: once is the default). Binaryen's optimizer
runs later on the wasm; passes here do what needs Python-level knowledge
(which operations may raise, which values are known). `link_math` runs at
every level, even O0: it makes modules self-contained (`math[fn=...]` becomes
a call of the linked `py2wasm.libm` function).
"""
from __future__ import annotations

import os

from ..ir import Module, verify_module
from .dce import dce
from .fold import fold
from .ifconvert import ifconvert
from .licm import licm
from .inline import inline
from .link_math import link_math
from .vectorize import vectorize
from .ranges import ranges

PIPELINE = (("inline", inline), ("fold", fold), ("ranges", ranges), ("dce", dce))


def run_passes(module: Module, level: int = 1, verify: bool = True, *,
               target: str = "simd", fastmath: bool = False) -> Module:
    """`target` (py2wasm.targets) and `fastmath` are the build's options:
    the vectorizer (level >= 1, SIMD targets) uses them."""
    from ..targets import get_target
    # at every level: compiled modules import nothing (fma on relaxed SIMD:
    # the backend's probed relaxed_madd, with the linked fma as fallback)
    each = verify and os.environ.get("PY2WASM_VERIFY_EACH_PASS", "") not in ("", "0")
    module = link_math(module, keep_math=("fma",) if get_target(target).relaxed else ())
    if each:
        verify_module(module)
    if level > 0:
        for _name, p in PIPELINE:
            module = p(module)
            if each:
                verify_module(module)
        module = vectorize(module, target=target, fastmath=fastmath)  # SIMD targets only
        module = ifconvert(module)  # after the vectorizer, which if-converts into lane masks
        module = licm(module)  # after the vectorizer, which hoists its own addresses
        if each:
            verify_module(module)
    if verify:
        verify_module(module)
    return module


__all__ = ["run_passes", "dce", "fold", "ifconvert", "inline", "licm", "link_math", "ranges", "PIPELINE"]
