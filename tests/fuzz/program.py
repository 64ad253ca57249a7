"""A fuzz program: a Python module AST (helpers and the function `f`) whose
nodes carry their types, plus the argument tuples to call `f` with.

Two sources come from one AST: `source()` is what py2wasm compiles, and
`ref_source()` is what CPython runs as the oracle. They differ only where a
node is marked with a documented deviation: `_refwrap` (wrap the value in a
reference helper, e.g. `_chk` for int64 overflow, `_s` for a scalar read from
an array), `_refcall` (compute the operation with a reference helper, e.g.
`_ipow`), `_refread` (an augmented assignment reads its target through a
helper). The helpers are in `reference.py`.
"""
from __future__ import annotations

import ast
import copy
import linecache
import sys
import types
from dataclasses import dataclass, field

from .values import value_lit

PRELUDE = "import math\nimport numpy as np\n"


def T(node, t, **marks):
    """Tag an expression node with its type and reference marks."""
    node._t = t
    for k, v in marks.items():
        setattr(node, "_" + k, v)
    return node


def _as_load(node):
    node = copy.deepcopy(node)
    for n in ast.walk(node):
        if hasattr(n, "ctx"):
            n.ctx = ast.Load()
    return node


def _constant(node) -> bool:
    """An expression CPython's AST optimizer folds into a constant: numbers
    and the unary and binary operators on them (before the reference's
    rewriting)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, (int, float, complex))
    if isinstance(node, ast.UnaryOp):
        return _constant(node.operand)
    if isinstance(node, ast.BinOp):
        return _constant(node.left) and _constant(node.right) and _within_limits(node)
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Tuple) \
            and node.value.elts and all(_constant(e) for e in node.value.elts) \
            and _constant(node.slice):  # `(1, 2 << 70)[0]`: folded with its tuple
        i = _folded_value(node.slice)
        return type(i) is int and -len(node.value.elts) <= i < len(node.value.elts)
    return False


_MAX_INT_SIZE = 128  # CPython's Python/ast_opt.c (3.11-3.13): bits of a folded int


def _within_limits(node) -> bool:
    """CPython folds `**`, `<<` and `*` of ints only while the result stays
    within 128 bits (safe_power, safe_lshift, safe_multiply in ast_opt.c);
    `302467773016892340 ** 7` is computed at run time."""
    if not isinstance(node.op, (ast.Pow, ast.LShift, ast.Mult)):
        return True
    v, w = _folded_value(node.left), _folded_value(node.right)
    if type(v) is not int or type(w) is not int:  # bools fold as ints too
        return not (isinstance(v, int) and isinstance(w, int))  or _int_limits(node.op, int(v), int(w))
    return _int_limits(node.op, v, w)


def _int_limits(op, v: int, w: int) -> bool:
    vbits, wbits = abs(v).bit_length(), abs(w).bit_length()
    if isinstance(op, ast.Pow):
        return not (w > 0 and vbits > 0 and vbits > _MAX_INT_SIZE // w)
    if isinstance(op, ast.LShift):
        return not (v and w > 0 and (w > _MAX_INT_SIZE or vbits > _MAX_INT_SIZE - w))
    return not (v and w and vbits + wbits > _MAX_INT_SIZE)


def _folded_value(node):
    """The value CPython's AST optimizer folds a constant expression to
    (Python's unbounded ints), or None when it would not fold (an error)."""
    try:
        return eval(compile(ast.fix_missing_locations(ast.Expression(copy.deepcopy(node))),
                            "<fold>", "eval"), {})
    except Exception:  # noqa: BLE001 - not folded: evaluated at run time
        return None


def _drop_model(node, removed: bool = False) -> None:
    """No int64 model inside a constant expression CPython's compiler
    removes (`removed`: py2wasm never sees it, not even its value) or folds."""
    for n in ast.walk(node):
        for a in ("_refcall", "_refwrap"):
            if hasattr(n, a):
                delattr(n, a)
        if removed:
            n._in_folded = True


def _mark_dropped_constants(node) -> None:
    """CPython's compiler drops a folded constant whose truth decides a
    branch: an `and` operand that is true or an `or` operand that is false
    (not the last), the test of `x if C else y`, `if C:` and `while C:`.
    The constant is then never loaded, so its int64 overflow is not py2wasm's
    either."""
    if isinstance(node, ast.BoolOp):
        for v in node.values[:-1]:
            if _constant(v):
                value = _folded_value(v)
                if value is not None and bool(value) == isinstance(node.op, ast.And):
                    _drop_model(v, removed=True)
    if isinstance(node, (ast.IfExp, ast.If, ast.While, ast.Assert)):
        _drop_jump_constants(node.test)
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Tuple) \
            and node.value.elts and all(_constant(e) for e in node.value.elts) \
            and _constant(node.slice):
        # `(10, 256 << 64)[0]`: CPython folds the tuple and the subscript, so
        # only the selected item is ever loaded
        i, n = _folded_value(node.slice), len(node.value.elts)
        if type(i) is int and -n <= i < n and all(
                _folded_value(e) is not None for e in node.value.elts):
            for k, e in enumerate(node.value.elts):
                if k != i % n:
                    _drop_model(e, removed=True)


def _drop_jump_constants(test) -> None:
    """A branch's test is compiled as jumps (compiler_jump_if): `not` and
    `and`/`or` become jumps too, and a constant met on that path is a jump
    whose direction CPython's optimizer knows (its LOAD_CONST is removed):
    `if not (8862187791967666127 ** 2 or 5):` never loads the square."""
    if _constant(test):
        if _folded_value(test) is not None:
            _drop_model(test, removed=True)
        return
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        _drop_jump_constants(test.operand)
    elif isinstance(test, ast.BoolOp):
        for v in test.values:
            _drop_jump_constants(v)


class _ToReference(ast.NodeTransformer):
    def visit(self, node):
        _mark_dropped_constants(node)
        if getattr(node, "_refcall", None) == "_ipow" and isinstance(node, ast.BinOp) \
                and _constant(node):
            node._refcall = "_ipow_const"  # CPython's compiler folds it
        self.generic_visit(node)
        if isinstance(node, ast.AugAssign) and any(
                getattr(node, a, None) for a in ("_refwrap", "_refcall", "_refread")):
            load = _as_load(node.target)
            if getattr(node, "_refread", None):
                load = ast.Call(ast.Name(node._refread, ast.Load()), [load], [])
            binop = ast.BinOp(load, node.op, node.value)
            binop._refwrap = getattr(node, "_refwrap", None)
            binop._refcall = getattr(node, "_refcall", None)
            return ast.Assign([node.target], self._expr(binop))
        if isinstance(node, ast.expr):
            return self._expr(node)
        return node

    @staticmethod
    def _expr(node):
        rc = getattr(node, "_refcall", None)
        rw = getattr(node, "_refwrap", None)
        if rc:
            if isinstance(node, ast.BinOp):
                args, kws = [node.left, node.right], []
            elif isinstance(node, ast.UnaryOp):
                args, kws = [node.operand], []
            elif isinstance(node, ast.Call):
                args, kws = list(node.args), list(node.keywords)
                if isinstance(node.func, ast.Attribute) and getattr(node, "_method", False):
                    args = [node.func.value] + args
            else:
                raise TypeError(f"_refcall on {type(node).__name__}")
            node = ast.Call(ast.Name(rc, ast.Load()), args, kws)
        if rw:
            node = ast.Call(ast.Name(rw, ast.Load()), [node], [])
        return node


_counter = [0]


@dataclass
class Program:
    module: ast.Module
    inputs: list  # of argument tuples
    kind: str = "scalar"
    name: str = "f"
    label: str = ""
    notes: dict = field(default_factory=dict)

    def source(self) -> str:
        return PRELUDE + ast.unparse(ast.fix_missing_locations(copy.deepcopy(self.module))) + "\n"

    def ref_source(self) -> str:
        mod = _ToReference().visit(copy.deepcopy(self.module))
        return PRELUDE + ast.unparse(ast.fix_missing_locations(mod)) + "\n"

    def load(self, reference: bool, namespace: dict | None = None):
        """exec the (reference) source; returns the function `f`. The source
        is registered with linecache so py2wasm's located errors show it."""
        _counter[0] += 1
        filename = f"<fuzz-{self.label or 'p'}-{_counter[0]}{'-ref' if reference else ''}>"
        text = self.ref_source() if reference else self.source()
        linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)
        ns = dict(namespace or {})
        if "\nclass " in text:
            # classes need a module of their own: `@dataclass` reads
            # sys.modules[cls.__module__] (exec without a `__name__` gives
            # 'builtins', whose classes py2wasm does not trace)
            mod = types.ModuleType(f"_fuzz_{_counter[0]}{'_ref' if reference else ''}")
            mod.__dict__.update(ns)
            sys.modules[mod.__name__] = mod
            ns = mod.__dict__
        exec(compile(text, filename, "exec"), ns)
        return ns[self.name]

    def snippet(self, target: str, inputs=None) -> str:
        """A ready-to-paste reproduction: the function, the arguments, and
        the two calls to compare."""
        inputs = self.inputs if inputs is None else inputs
        lines = [self.source().rstrip(), "", "import py2wasm"]
        for args in inputs:
            lines.append(f"def args(): return ({''.join(value_lit(a) + ', ' for a in args)})")
            lines.append(f"print({self.name}(*args()))  # CPython/NumPy")
            lines.append(f"print(py2wasm.compile({self.name}, target={target!r})(*args()))")
        return "\n".join(lines) + "\n"
