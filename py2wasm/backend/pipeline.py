"""Which Binaryen function pipeline each lowered function gets: a cost model.

Place in the pipeline: backend, between `lower_function` (which reports a
function's size and shape) and `binaryen.Module.optimize` (which runs the
passes). Binaryen's default -O2/-O3 function pipeline is the best choice for
ordinary functions (every benchmark kernel has under 30 basic blocks and a
few hundred IR equations), but some of its passes grow faster than linearly
with two measures of a function:

- its size (IR equations): coalesce-locals costs locals^2 and ssa-nomerge
  makes a local per value (20,000 equations: ~1 s, and 4x that at twice it);
- its number of basic blocks (IR blocks: ifs, loops, the loops of array
  code): precompute-propagate and Stack IR's optimizer work on a LocalGraph
  in which a local.get is reached by the sets of every branch before it that
  may have been skipped (`if a > 3: a += 1` 2,000 times in a row: 10 s, 6x
  the time of 1,000), and code-pushing on flattened blocks costs statements x
  branches per block.

`choose` returns None (the default pipeline) or a `binaryen.FunctionPipeline`
whose passes stay linear in both measures. Measured times: docs/scaling.md.
"""
from __future__ import annotations

from typing import Optional

from . import binaryen as bn

# IR equations beyond which a function gets LARGE_FUNCTION_PASSES
LARGE_FUNCTION = 20000
# IR basic blocks beyond which propagation through locals and Stack IR are
# left out (500 ifs in a row: 0.3 s of Binaryen; the benchmark kernels: < 30)
MANY_BLOCKS = 500

LARGE = bn.FunctionPipeline(bn.LARGE_FUNCTION_PASSES,
                            bn.without_code_pushing(bn.LARGE_FUNCTION_PASSES), dae=False)
BRANCHY = bn.FunctionPipeline(bn.for_many_blocks(bn.DEFAULT_FUNCTION_PASSES),
                              bn.for_many_blocks(bn.CLEANUP_PASSES), stack_ir=False)
LARGE_BRANCHY = bn.FunctionPipeline(bn.for_many_blocks(LARGE.passes),
                                    bn.for_many_blocks(bn.CLEANUP_PASSES), stack_ir=False,
                                    dae=False)


def choose(size: int, blocks: int) -> Optional[bn.FunctionPipeline]:
    """The pipeline for a function of `size` IR equations in `blocks` basic
    blocks (None: Binaryen's default)."""
    large, branchy = size > LARGE_FUNCTION, blocks > MANY_BLOCKS
    if large:
        return LARGE_BRANCHY if branchy else LARGE
    return BRANCHY if branchy else None
