"""The opcode handlers' families (frontend/opcodes.py composes the
opcodes_* mixins into Handlers, which tracer.FunctionTracer extends): a name
defined twice along the MRO would silently shadow one definition, so only
the refusals of opcodes_unsupported may be overridden (STORE_ATTR is
partly supported by opcodes_attrs), every opcode of every supported
version's bytecode that the tracer dispatches has one handler, and an
opcode's refusal stays a CompileError naming it."""
import dis

import pytest

import py2wasm
from py2wasm.frontend import opcodes
from py2wasm.frontend.opcodes_unsupported import UnsupportedOps
from py2wasm.frontend.tracer import FunctionTracer


def test_no_name_is_defined_by_two_families():
    owners: dict[str, list[str]] = {}
    for cls in FunctionTracer.__mro__[:-1]:
        for name in vars(cls):
            if not name.startswith("__"):
                owners.setdefault(name, []).append(cls.__name__)
    twice = {n: o for n, o in owners.items() if len(o) > 1}
    assert set(twice) <= {n for n in vars(UnsupportedOps) if n.startswith("op_")}
    assert all(o[-1] == "UnsupportedOps" for o in twice.values()), twice


def test_refusals_come_last_and_are_overridden_only_where_supported():
    mro = opcodes.Handlers.__mro__
    assert mro[-2] is UnsupportedOps
    assert FunctionTracer.DISPATCH["STORE_ATTR"] is not UnsupportedOps.op_STORE_ATTR
    assert FunctionTracer.DISPATCH["IMPORT_NAME"] is UnsupportedOps.op_IMPORT_NAME


def test_dispatch_holds_every_handler():
    handlers = {n[3:] for cls in opcodes.Handlers.__mro__ for n in vars(cls) if n.startswith("op_")}
    assert handlers == set(FunctionTracer.DISPATCH)
    # the opcodes every supported version's plain arithmetic code uses
    assert {"LOAD_FAST", "STORE_FAST", "BINARY_OP", "COMPARE_OP", "RETURN_VALUE",
            "FOR_ITER", "GET_ITER", "CALL"} <= handlers
    assert set(dis.opmap) & handlers  # names are CPython's opnames


def _imports(x: int) -> int:
    import math
    return math.floor(x)


def test_a_refused_opcode_is_a_compile_error():
    with pytest.raises(py2wasm.CompileError, match="import inside a compiled function"):
        py2wasm.compile(_imports)(2)
