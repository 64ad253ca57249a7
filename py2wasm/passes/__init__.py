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
from .jam import jam
from .licm import licm
from .inline import inline
from .link_math import link_math
from .loop_version import version_loops
from .vectorize import vectorize
from .offsets import offsets
from .ranges import ranges
from .rare_exit import rare_exit
from .rotate import rotate

PIPELINE = (("inline", inline), ("fold", fold), ("ranges", ranges), ("version_loops", version_loops),
            ("jam", jam), ("dce", dce))


def run_passes(module: Module, level: int = 1, verify: bool = True, *,
               target: str = "simd", fastmath: bool = False) -> Module:
    """`target` (py2wasm.targets) and `fastmath` are the build's options:
    the vectorizer (level >= 1, SIMD targets) uses them. The same as
    `target_passes(shared_passes(...), ...)`."""
    module = shared_passes(module, level, verify, keep_math=keep_math(target))
    return target_passes(module, level, verify, target=target, fastmath=fastmath)


def keep_math(target: str) -> tuple:
    """The `math` functions link_math leaves to the backend on `target`:
    compiled modules import nothing (fma on relaxed SIMD: the backend's
    probed relaxed_madd, with the linked fma as fallback)."""
    from ..targets import get_target
    return ("fma",) if get_target(target).relaxed else ()


def shared_passes(module: Module, level: int = 1, verify: bool = True, *,
                  keep_math: tuple = ()) -> Module:
    """The passes before the target's: link_math (at every level) and
    PIPELINE (level >= 1). Their result depends on the target only through
    `keep_math`, so one result serves several targets (a copy each)."""
    each = verify and os.environ.get("PY2WASM_VERIFY_EACH_PASS", "") not in ("", "0")
    module = link_math(module, keep_math=keep_math)
    if each:
        verify_module(module)
    if level > 0:
        aside = _set_aside(module)
        for _name, p in PIPELINE:
            module = p(module)
            if each:
                verify_module(module)
        _put_back(module, aside)
    return module


def _protected(fn) -> bool:
    """A function that catches exceptions (equations marked catch=True) or
    returns with them pending (`soft`): the passes, which move, merge and
    inline raising equations, leave it as the frontend made it."""
    return fn.soft or any(e.params.get("catch") for b in fn.blocks for e in b.eqns)


def _set_aside(module):
    """Take the protected functions, and every function they call, out of
    the passes' reach: each is replaced by a stub of the same signature that
    calls itself (never inlined, nothing known of its result), so callers
    elsewhere still verify and no pass learns from (or specializes for) the
    call sites it cannot see."""
    from ..ir import FunctionBuilder
    from .inline import _callees
    work = [n for n, f in module.functions.items() if _protected(f)]
    keep: dict = {}
    while work:
        n = work.pop()
        if n in keep or n not in module.functions:
            continue
        keep[n] = module.functions[n]
        work.extend(_callees(keep[n]))
    for n, f in keep.items():
        fb = FunctionBuilder(n, [p.type for p in f.params], f.result_types, sig=f.sig, loc=f.loc)
        outs = fb.emit_multi("call", fb.params, {"fn": n, "results": list(f.result_types)})
        fb.ret(outs)
        module.functions[n] = fb.finish()
    return keep


def _put_back(module, keep) -> None:
    module.functions.update(keep)


def target_passes(module: Module, level: int = 1, verify: bool = True, *,
                  target: str = "simd", fastmath: bool = False) -> Module:
    """The target's passes after `shared_passes` (level >= 1): the vectorizer
    (SIMD targets only), if-conversion, rare checks as side exits, loop-invariant address arithmetic,
    constant address offsets and loop rotation; then the verifier."""
    each = verify and os.environ.get("PY2WASM_VERIFY_EACH_PASS", "") not in ("", "0")
    if level > 0:
        aside = _set_aside(module)
        module = vectorize(module, target=target, fastmath=fastmath)  # SIMD targets only
        module = ifconvert(module)  # after the vectorizer, which if-converts into lane masks
        module = rare_exit(module)  # after ifconvert, whose two-operand checks it moves out
        module = licm(module)  # after the vectorizer, which hoists its own addresses
        module = offsets(module)  # after licm, which splits addresses into base + varying part
        module = rotate(module)  # last: the passes above find loops with their test on top
        _put_back(module, aside)
        if each:
            verify_module(module)
    if verify:
        verify_module(module)
    return module


__all__ = ["run_passes", "shared_passes", "target_passes", "keep_math", "dce", "fold", "ifconvert",
           "inline", "jam", "licm", "link_math", "offsets", "ranges", "rare_exit", "rotate", "version_loops", "PIPELINE"]
