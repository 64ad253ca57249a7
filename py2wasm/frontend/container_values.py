"""The trace values dicts and sets share: a bound method of one (`d.get`,
`s.add`) and an iterator over one's table.

Place in the pipeline: frontend; dicts.py and sets.py make these values,
opcodes_iter.py steps the iterators (`iter_step`) and calls.py the methods
(dicts.call / sets.call). Each is keyed by its table: `c` is the PyDict or
PySet, whose module runs the method or the step.
"""
from __future__ import annotations


class ContainerMethod:
    """`c.name` of dict or set `c`, not called yet."""
    __slots__ = ("c", "name")

    def __init__(self, c, name):
        self.c = c
        self.name = name


class TableIter:
    """An iterator over the table of dict or set `c` from position `pos`;
    `size` its length when iteration started (CPython raises when it
    changes); `kind` what a dict's iterator yields ("keys", "values",
    "items"), None for a set's."""
    __slots__ = ("c", "kind", "pos", "size")

    def __init__(self, c, kind, pos, size):
        self.c = c
        self.kind = kind
        self.pos = pos
        self.size = size

    def trace_key(self, key_of):
        return ("tableiter", self.kind, self.c.trace_key(key_of), key_of(self.pos),
                key_of(self.size))

    def trace_leaves(self, leaves, out):
        out.append(self.c.hdr)
        leaves(self.pos, out)
        leaves(self.size, out)

    def trace_rebuild(self, rebuild, it):
        c = self.c.trace_rebuild(rebuild, it)
        pos = rebuild(self.pos, it)
        return TableIter(c, self.kind, pos, rebuild(self.size, it))


def of(v, cls) -> bool:
    """Is `v` a method of, or an iterator over, a container of type `cls`?"""
    return type(v) in (ContainerMethod, TableIter) and type(v.c) is cls


def iter_step(tr, it: TableIter, loc):
    """(more, step) of opcodes_iter's FOR_ITER: the container's module steps it."""
    from . import dicts, sets
    return (dicts if type(it.c) is dicts.PyDict else sets).iter_step(tr, it, loc)
