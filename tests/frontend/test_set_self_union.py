"""`s | s` is CPython's copy of s (set_or returns it when both operands are
one set) and `s |= s` changes nothing (set_merge): the compiled union merged
s into its copy again, which grew the table and changed the iteration
order ({8, 9, 2} | itself iterated [2, 8, 9], CPython [8, 9, 2]). Found by
the Node fuzz (tests/fuzz/gen_boundary.py, seed 11 #44).

Place in the pipeline: frontend (sets_calls.py), end to end."""
import py2wasm


def self_union(p: set[int]) -> list[int]:
    return list(p | p)


def self_ior(p: set[int]) -> list[int]:
    p |= p
    return list(p)


def test_union_with_itself_keeps_cpythons_order():
    for fn in (self_union, self_ior):
        for s in ({8, 9, 2}, {1, 17, 33, 4}, set(), {5}):
            assert py2wasm.compile(fn)(set(s)) == fn(set(s)), (fn.__name__, s)
