"""A persistent (immutable, structure-sharing) map from small non-negative
ints to values, for analyses that keep one map per program point.

Place in the pipeline: a utility of the passes (`ranges` keeps the facts
known at every equation in one). `m.set(k, v)` returns a new map and leaves
`m` unchanged, copying only the path to `k` (O(log n) time and memory)
instead of the whole map, so a function with n facts costs O(n log n), not
O(n^2), however long its straight-line code is. Keys are dense: callers map
their own keys to 0..size-1 (`PMap.empty(size)`).
"""
from __future__ import annotations

BITS = 4
WIDTH = 1 << BITS
MASK = WIDTH - 1


class PMap:
    """A trie of `WIDTH`-way tuples, `levels` deep; leaves hold the values."""
    __slots__ = ("root", "levels")

    def __init__(self, root, levels: int):
        self.root, self.levels = root, levels

    @classmethod
    def empty(cls, size: int) -> "PMap":
        """An empty map for keys 0..size-1."""
        levels = 1
        while WIDTH ** levels < size:
            levels += 1
        return cls(None, levels)

    def get(self, key: int, default=None):
        node = self.root
        shift = BITS * (self.levels - 1)
        while shift >= 0:
            if node is None:
                return default
            node = node[(key >> shift) & MASK]
            shift -= BITS
        return default if node is None else node

    def set(self, key: int, value) -> "PMap":
        if key >> (BITS * self.levels):
            raise KeyError(f"key {key} outside this map's range")
        return PMap(_set(self.root, key, value, BITS * (self.levels - 1)), self.levels)


_EMPTY = (None,) * WIDTH


def _set(node, key, value, shift):
    if shift < 0:
        return value
    node = _EMPTY if node is None else node
    i = (key >> shift) & MASK
    return node[:i] + (_set(node[i], key, value, shift - BITS),) + node[i + 1:]
