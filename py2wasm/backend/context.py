"""Per-module lowering state: the Binaryen module, the exception table, the
host imports and the runtime helpers a module uses.

Place in the pipeline: backend, shared by `lower_function`, `lower_ops`,
`runtime` and `imports`. Everything here is created on demand, so a module
only contains (and imports) what its functions use.
"""
from __future__ import annotations

from . import binaryen as bn
from .exceptions import EXC_GLOBAL, ExceptionTable


class ModuleContext:
    """`target` is the build's `py2wasm.targets.Target` (which wasm features
    lowerings may use: `ctx.target.simd`, `ctx.target.relaxed`)."""

    def __init__(self, m: bn.Module, ir_functions: frozenset = frozenset(), target=None):
        from ..targets import get_target
        self.m = m
        self.target = get_target("simd" if target is None else target)
        self.ir_functions = ir_functions  # IR function names of the module
        self.exceptions = ExceptionTable()
        self.imports: dict[str, list[str]] = {}
        self._helpers: set[str] = set()

    def raise_code(self, code_expr) -> object:
        """`global.set $py2wasm_exc code; unreachable` (code: an i32 expression)."""
        m = self.m
        soft = getattr(self, "soft_result", None)
        if soft is not None:  # a soft helper (`helper(..., soft=True)`): return zero instead
            zero = m.i64(0) if soft == bn.i64 else m.f64(0.0) if soft == bn.f64 else m.i32(0)
            return m.block(None, [m.global_set(EXC_GLOBAL, code_expr), m.return_(zero)],
                           bn.unreachable_type)
        return m.block(None, [m.global_set(EXC_GLOBAL, code_expr), m.unreachable()],
                       bn.unreachable_type)

    def helper(self, name: str, soft: bool = False) -> str:
        """The internal name of runtime helper `name`, added on first use.
        `soft`: the variant that returns zero with its exception pending
        instead of trapping (for try regions, backend/lower_catch.py)."""
        from .runtime import HELPERS, SOFT_RESULTS
        internal = "py2wasm." + name + (".soft" if soft else "")
        if internal not in self._helpers:
            self._helpers.add(internal)
            self.soft_result = SOFT_RESULTS[name] if soft else None
            try:
                HELPERS[name](self, internal)
            finally:
                self.soft_result = None
        return internal

    @staticmethod
    def function_name(ir_name: str) -> str:
        """The wasm-internal name of IR function `ir_name`."""
        return "fn." + ir_name

    def host_import(self, module: str, field: str, params, results) -> str:
        internal = f"{module}.{field}"
        fields = self.imports.setdefault(module, [])
        if field not in fields:
            fields.append(field)
            self.m.add_function_import(internal, module, field, params, results)
        return internal
