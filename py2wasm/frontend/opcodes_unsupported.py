"""Handlers of the opcodes py2wasm refuses, each with its CompileError
message and hint (globals stored, `with`, `import`, `*args` calls, ...).

Place in the pipeline: frontend; `UnsupportedOps` is the last of the mixins
that opcodes.Handlers gathers, so a family module that supports part of an
opcode (opcodes_attrs' STORE_ATTR) overrides the refusal and falls back to
`unsupported` for the rest.
"""
from __future__ import annotations

from .values import E_UNSUPPORTED_OPCODE, error

_UNSUPPORTED = {
    "STORE_GLOBAL": ("assigning a global variable is not supported",
                     "return the value instead of storing it in a global"),
    "DELETE_GLOBAL": ("deleting a global is not supported", ""),
    "STORE_ATTR": ("assigning an attribute is not supported", "use local variables"),
    "DELETE_FAST": ("del of a local variable is not supported", "remove the del"),
    "CALL_FUNCTION_EX": ("calls with *args or **kwargs are not supported",
                         "pass the arguments one by one"),
    "BEFORE_WITH": ("with statements are not supported", "remove the with block"),
    "IMPORT_NAME": ("import inside a compiled function is not supported",
                    "import at module level"),
}


def unsupported(self, ins, frame):
    what, hint = _UNSUPPORTED[ins.opname]
    raise error(self.loc_of(ins), what, hint, E_UNSUPPORTED_OPCODE)


class UnsupportedOps:
    """`op_<NAME>` = `unsupported` for every name of `_UNSUPPORTED`."""


for _name in _UNSUPPORTED:
    setattr(UnsupportedOps, "op_" + _name, unsupported)
