"""py2wasm's intermediate representation: typed SSA with block arguments.

Place in the pipeline: frontend -> **ir** -> passes -> backend. Knows nothing
of bytecode or Binaryen. See `core` (data), `primitives` (the operations and
their semantics), `builder`, `printer`, `verify`.
"""
from .core import Block, Br, CondBr, Eqn, Function, Loc, Module, Raise, Return, Var
from .builder import FunctionBuilder
from .primitives import PRIMITIVES, type_of
from .printer import format_function, format_module
from .types import (BOOL, DTYPES, F64, I64, NONE, ArrayType, PySignature, PyType,
                    ObjectType, ScalarType, TupleType, flatten, python_name)
from .verify import IRVerificationError, verify_function, verify_module

__all__ = ["Block", "Br", "CondBr", "Eqn", "Function", "Loc", "Module", "Raise", "Return",
           "Var", "FunctionBuilder", "PRIMITIVES", "type_of", "format_function",
           "format_module", "BOOL", "F64", "I64", "NONE", "PySignature", "PyType",
           "ScalarType", "TupleType", "ObjectType", "ArrayType", "DTYPES", "flatten", "python_name", "IRVerificationError",
           "verify_function", "verify_module"]
