"""Unnest the Relooper's chains of code that follows code.

Place in the pipeline: backend, in `lower_function` right after the
Relooper renders a function that gets a pipeline of its own
(`backend/pipeline.py`: many basic blocks or a large size), before
Binaryen's optimizer. Binaryen 116's Relooper renders "this shape, then the
next" as `(block <this> (block <next...>))`: every loop or branch in
sequence nests the rest of the function one level deeper (300 whole-array
statements: 612 levels), and merge-blocks, which merges each nested block
into its parent, then costs size x depth (2,000 array statements: 15 s of a
31 s compile). Here a chain of trailing unnamed blocks is unnested at once,
in linear time, and its statements regrouped in named blocks of at most
CHUNK children (nested like the lowering's `_chunked`; nothing branches to
those names, which remove-unused-names drops). Nothing branches to an
unnamed block either, and the statements end the parent exactly as they
ended the innermost block (same value, same type): the code means the same.
Functions with Binaryen's default pipeline are left as they are (their
wasm stays byte for byte what it was).
"""
from __future__ import annotations

import cffi

from . import binaryen as bn

_ffi = cffi.FFI()
_ffi.include(bn.ffi)
_ffi.cdef("""
typedef uint32_t BinaryenExpressionId;
BinaryenExpressionId BinaryenExpressionGetId(BinaryenExpressionRef expr);
BinaryenExpressionId BinaryenBlockId(void);
BinaryenExpressionId BinaryenLoopId(void);
BinaryenExpressionId BinaryenIfId(void);
const char* BinaryenBlockGetName(BinaryenExpressionRef expr);
BinaryenIndex BinaryenBlockGetNumChildren(BinaryenExpressionRef expr);
BinaryenExpressionRef BinaryenBlockGetChildAt(BinaryenExpressionRef expr, BinaryenIndex index);
BinaryenIndex BinaryenBlockAppendChild(BinaryenExpressionRef expr, BinaryenExpressionRef childExpr);
BinaryenExpressionRef BinaryenBlockRemoveChildAt(BinaryenExpressionRef expr, BinaryenIndex index);
BinaryenExpressionRef BinaryenLoopGetBody(BinaryenExpressionRef expr);
BinaryenExpressionRef BinaryenIfGetIfTrue(BinaryenExpressionRef expr);
BinaryenExpressionRef BinaryenIfGetIfFalse(BinaryenExpressionRef expr);
""")
_lib = _ffi.dlopen(bn._library_path())  # noqa: SLF001 - the same library binaryen.py opens
NULL = _ffi.NULL
BLOCK, LOOP, IF = _lib.BinaryenBlockId(), _lib.BinaryenLoopId(), _lib.BinaryenIfId()

# blocks named by the lowering's _chunked (and here) hold runs of statements
# already nested: nothing to flatten inside
CHUNK_PREFIXES = (b"chunk", b"flat")
CHUNK = 64  # children per block of the rebuilt sequence


def _is_unnamed_block(lib, e) -> bool:
    return lib.BinaryenExpressionGetId(e) == BLOCK and lib.BinaryenBlockGetName(e) == NULL


def flatten(expr, m) -> int:
    """Unnest the chains of trailing unnamed blocks everywhere in the
    control structure of `expr` (blocks, loops, ifs; straight-line
    statements are not entered), on Module `m`. A chain's statements are
    regrouped in named blocks of at most CHUNK children, nested (like the
    lowering's `_chunked`): merge-blocks later merges every block into its
    parent, rebuilding the parent's list once per merge, so one flat list of
    n blocks would cost n^2 too; runs of CHUNK keep it O(n x CHUNK).
    Returns the number of blocks unnested."""
    lib = _lib
    get_id, nchildren, child_at = (lib.BinaryenExpressionGetId, lib.BinaryenBlockGetNumChildren,
                                   lib.BinaryenBlockGetChildAt)
    block_name = lib.BinaryenBlockGetName
    unnested = 0
    stack = [expr]
    while stack:
        e = stack.pop()
        kind = get_id(e)
        if kind == BLOCK:
            name = block_name(e)
            if name != NULL and _ffi.string(name).startswith(CHUNK_PREFIXES):
                continue
            n = nchildren(e)
            items = [child_at(e, i) for i in range(n)]
            if items and _is_unnamed_block(lib, items[-1]):
                while items and _is_unnamed_block(lib, items[-1]):
                    last = items.pop()
                    items.extend(child_at(last, i) for i in range(nchildren(last)))
                    unnested += 1
                for i in range(n - 1, -1, -1):
                    lib.BinaryenBlockRemoveChildAt(e, i)
                for it in _nest(m, items):
                    lib.BinaryenBlockAppendChild(e, it)
            stack.extend(items)
        elif kind == LOOP:
            stack.append(lib.BinaryenLoopGetBody(e))
        elif kind == IF:
            stack.append(lib.BinaryenIfGetIfTrue(e))
            f = lib.BinaryenIfGetIfFalse(e)
            if f != NULL:
                stack.append(f)
    return unnested


def _nest(m, items: list) -> list:
    while len(items) > CHUNK:
        out = []
        for k in range(0, len(items), CHUNK):
            m.flat_blocks = getattr(m, "flat_blocks", 0) + 1
            out.append(m.block(f"flat{m.flat_blocks}", items[k:k + CHUNK], bn.auto))
        items = out
    return items
