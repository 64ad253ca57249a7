"""One handler per CPython opcode (`op_LOAD_FAST`, ...), for 3.11, 3.12, 3.13.

Place in the pipeline: frontend; mixed into `tracer.FunctionTracer`, which
gathers every `op_*` method into its dispatch table. A handler gets the
instruction and the mutable Frame; it returns None to fall through to the
next instruction or `STOP` when it ended the block (jump, branch, return,
raise). Version differences sit under explicit `self.version` checks; see
docs/bytecode.md for each version's quirks.
"""
from __future__ import annotations

from .opcodes_attrs import AttributeOps
from .opcodes_calls import CallOps
from .opcodes_containers import ContainerOps
from .opcodes_control import ControlFlowOps
from .opcodes_iter import IterationOps
from .opcodes_locals import LocalsOps
from .opcodes_operators import OperatorOps
from .opcodes_subscripts import SubscriptOps
from .opcodes_unsupported import UnsupportedOps
from .trycatch import TryOps
from .unpack_star import StarBuildOps, StarUnpackOps, YieldFromOps


class Handlers(TryOps, StarUnpackOps, StarBuildOps, YieldFromOps, LocalsOps, AttributeOps, OperatorOps, ContainerOps, SubscriptOps,
               ControlFlowOps, IterationOps, CallOps, UnsupportedOps):
    """Every opcode handler, one mixin per family of opcodes. UnsupportedOps
    comes last: a family that supports part of a refused opcode overrides it."""
