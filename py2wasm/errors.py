"""The public exceptions of py2wasm.

Place in the pipeline: raised by every stage. `CompileError` is the one a user
sees for code py2wasm cannot compile: it is located (file, line, column, the
source line), names the construct, carries a stable code and a hint.
"""
from __future__ import annotations

from typing import Optional


class CompileError(Exception):
    """Code outside the subset py2wasm compiles.

    Attributes: `file`, `line`, `col` (may be None), `construct` (what is not
    supported, e.g. "call to open()"), `hint`, `code` (stable id such as
    "P2W104"), `source_line`. `str(err)` is one located message:

        fma.py:3:11: error[P2W104]: call to open() is not supported
            with open(path) as f:
        hint: py2wasm compiles numeric code; file I/O is not supported
    """

    def __init__(self, construct: str, *, file: str = "<unknown>", line: Optional[int] = None,
                 col: Optional[int] = None, hint: str = "", code: str = "P2W000",
                 source_line: str = ""):
        self.construct = construct
        self.file = file
        self.line = line
        self.col = col
        self.hint = hint
        self.code = code
        self.source_line = source_line
        super().__init__(self._format())

    def _format(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        text = f"{where}: error[{self.code}]: {self.construct}"
        if self.source_line:
            text += f"\n    {self.source_line.strip()}"
        if self.hint:
            text += f"\nhint: {self.hint}"
        return text

    def __reduce__(self):
        return (_rebuild, (self.construct, self.file, self.line, self.col, self.hint,
                           self.code, self.source_line))


def _rebuild(construct, file, line, col, hint, code, source_line):
    return CompileError(construct, file=file, line=line, col=col, hint=hint, code=code,
                        source_line=source_line)


# Exceptions compiled code may raise besides Python's builtins, by the name the
# IR carries: NumPy's own (np.linalg).
def exception_class(name: str):
    """The exception class for an IR exception name: a builtin, or
    numpy.linalg.LinAlgError or dataclasses.FrozenInstanceError; None when
    unknown."""
    import builtins
    cls = getattr(builtins, name, None)
    if isinstance(cls, type) and issubclass(cls, BaseException):
        return cls
    if name == "LinAlgError":
        import numpy as np
        return np.linalg.LinAlgError
    if name == "FrozenInstanceError":
        import dataclasses
        return dataclasses.FrozenInstanceError
    return None


def make_exception(cls, message: str) -> BaseException:
    """The instance of `cls` whose str() is `message` (the IR's messages are
    CPython's str(exc)); a KeyError's str() is the repr of its argument, so
    its message `'key'` gives KeyError('key'), `5` KeyError(5) and `(1, 2.5)`
    KeyError((1, 2.5)) (a dict's missing key)."""
    if issubclass(cls, KeyError) and message:
        arg = _key_literal(message)
        if arg is not None and repr(arg) == message:
            return cls(arg)
    return cls(message)


def _key_literal(message: str):
    """The value whose repr is `message` (a str, number, bool or tuple of
    those, nan and inf included), or None."""
    import ast
    special = {"nan": "float('nan')", "inf": "float('inf')"}
    try:
        tree = ast.parse(message, mode="eval")
    except SyntaxError:
        return None

    def value(node):
        if isinstance(node, ast.Constant) and type(node.value) in (str, int, float, bool):
            return node.value
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            v = value(node.operand)
            return -v if type(v) in (int, float) else None
        if isinstance(node, ast.Name) and node.id in special:
            return float(node.id)
        if isinstance(node, ast.Tuple):
            items = [value(e) for e in node.elts]
            return None if any(i is None for i in items) else tuple(items)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and \
                node.value.id == "np" and node.attr in ("True_", "False_"):
            import numpy as np
            return np.bool_(node.attr == "True_")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                isinstance(node.func.value, ast.Name) and node.func.value.id == "np" and \
                len(node.args) == 1 and not node.keywords:  # a NumPy scalar: np.float64(1.5)
            import numpy as np
            t, v = getattr(np, node.func.attr, None), value(node.args[0])
            if isinstance(t, type) and issubclass(t, np.generic) and type(v) in (int, float):
                return t(v)
        return None
    return value(tree.body)
