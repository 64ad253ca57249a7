"""Did CPython fold an int expression that overflows int64 into a constant?

Place in the pipeline: frontend; opcodes_locals.LocalsOps.checked_const asks
`folded_overflows` about each int/float/tuple constant it loads: `2**70` is
an int result like any other, so it raises OverflowError where the
expression is, while a literal stays a value. The expression is re-read from
the source (the instruction's positions) and evaluated with every int result
checked against int64.
"""
from __future__ import annotations

import ast
import linecache
import re


_BINOPS = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b,
           ast.Mult: lambda a, b: a * b, ast.Div: lambda a, b: a / b,
           ast.FloorDiv: lambda a, b: a // b, ast.Mod: lambda a, b: a % b,
           ast.Pow: lambda a, b: a ** b, ast.LShift: lambda a, b: a << b,
           ast.RShift: lambda a, b: a >> b, ast.BitAnd: lambda a, b: a & b,
           ast.BitOr: lambda a, b: a | b, ast.BitXor: lambda a, b: a ^ b}
_UNOPS = {ast.USub: lambda a: -a, ast.UAdd: lambda a: +a, ast.Invert: lambda a: ~a,
          ast.Not: lambda a: not a}


class _Unknown(Exception):
    pass


def _checked_eval(node):
    """Evaluate a constant expression with every int result checked against
    int64 (OverflowError outside); _Unknown for anything else."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        # a literal of constants is one folded constant too (a tuple; a
        # frozenset for `x in {...}`): `[0, (3 << 62) % 101]`
        return tuple(_checked_eval(e) for e in node.elts)
    if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
        a, b = _checked_eval(node.left), _checked_eval(node.right)
        if type(node.op) in (ast.Pow, ast.LShift) and type(a) is int and type(b) is int \
                and b > 64 and abs(a) >= 2:
            raise OverflowError
        r = _BINOPS[type(node.op)](a, b)
    elif isinstance(node, ast.UnaryOp) and type(node.op) in _UNOPS:
        r = _UNOPS[type(node.op)](_checked_eval(node.operand))
    elif isinstance(node, ast.Subscript) and isinstance(node.value, ast.Tuple):
        # `(10, 256 << 64)[0]`: CPython folds the tuple and the subscript; only
        # the selected item is an expression of the program's
        i, n = _checked_eval(node.slice), len(node.value.elts)
        if type(i) is not int or not -n <= i < n:
            raise _Unknown
        r = _checked_eval(node.value.elts[i])
    else:
        raise _Unknown
    if type(r) is int and not -2**63 <= r < 2**63:
        raise OverflowError
    return r


_PLAIN = re.compile(rb"[0-9A-Za-z_.]*")


def folded_overflows(file: str, ins) -> bool:
    """Is the constant of `ins` CPython's folding of an expression (`2**70`,
    `(2**70) % 5`) with an int result outside int64 along the way?"""
    pos = getattr(ins, "positions", None)
    if not pos or not pos.lineno or pos.col_offset is None or pos.end_col_offset is None:
        return False
    lines = linecache.getlines(file)[pos.lineno - 1:(pos.end_lineno or pos.lineno)]
    if not lines:
        return False
    raw = [ln.encode() for ln in lines]
    if len(raw) == 1:
        seg = raw[0][pos.col_offset:pos.end_col_offset]
    else:
        seg = b"".join([raw[0][pos.col_offset:]] + raw[1:-1] + [raw[-1][:pos.end_col_offset]])
    if _PLAIN.fullmatch(seg.strip()):
        return False  # a literal or a name: no operator to fold (and no parse to pay)
    try:
        tree = ast.parse(seg.decode("utf-8", "replace").strip(), mode="eval")
    except SyntaxError:
        return False
    if not any(isinstance(n, (ast.BinOp, ast.UnaryOp, ast.Subscript)) for n in ast.walk(tree)):
        return False  # a literal
    body = tree.body
    if isinstance(body, ast.Dict):
        # BUILD_CONST_KEY_MAP's tuple of keys spans the whole display
        body = ast.Tuple([k for k in body.keys if k is not None], ast.Load())
    try:
        _checked_eval(body)
    except OverflowError:
        return True
    except Exception:  # noqa: BLE001 - not ours to judge: CPython folded it
        return False
    return False
