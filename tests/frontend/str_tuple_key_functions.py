"""Functions for tests/frontend/test_str_tuple_keys.py: dict keys and set
elements that are tuples holding strs."""
from __future__ import annotations

import collections


def count_pairs(s: str):
    counts = {}
    words = s.split(",")
    for i in range(len(words)):
        k = (words[i], i % 2)
        counts[k] = counts.get(k, 0) + 1
    out = []
    for k, v in counts.items():
        out.append((k[0], k[1], v))
    return out, ("a", 0) in counts, (words[0], 1) in counts


def group_by_name(s: str):
    d = {("x", 0): 0.5}
    for w in s.split(" "):
        d[(w, len(w))] = d.get((w, len(w)), 0.0) + 1.5
    return list(d.keys()), list(d.values()), len(d)


def lookup_missing(s: str):
    d = {(s, 1): 2}
    return d[(s + "!", 1)]


def nested_key(s: str):
    d = {}
    for i, w in enumerate(s.split(",")):
        d[(i % 2, (w, w[:1]))] = i
    return sorted(d.values()), len(d), (0, ("a", "a")) in d


def set_of_pairs(s: str):
    seen = set()
    dup = 0
    for w in s.split(","):
        if (w, len(w)) in seen:
            dup += 1
        seen.add((w, len(w)))
    return dup, len(seen), sorted(seen), ("b", 1) in seen


def set_literal(s: str):
    t = {("a", 1), (s, 1), ("a", 1)}
    t.discard((s, 1))
    return sorted(t), len(t)


def set_remove_missing(s: str):
    t = {(s, 1)}
    t.remove((s, 2))
    return len(t)


def set_algebra(s: str):
    words = s.split(",")
    a = {(w, 0) for w in words}
    b = {(w, 0) for w in words[1:]}
    b.add(("zz", 0))
    return sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b), (words[0], 0) in (a - b)


def dict_methods(s: str):
    d = {}
    for w in s.split(","):
        d.setdefault((w, len(w)), 0)
        d[(w, len(w))] += 1
    e = dict(d)
    e.update({("new", 3): 7})
    popped = e.pop((s.split(",")[0], len(s.split(",")[0])), -1)
    if ("new", 3) in e:
        del e[("new", 3)]
    c = collections.defaultdict(int)
    for w in s.split(","):
        c[(w[:1], w)] += 2
    out = []
    for k, v in c.items():
        out.append((k[0], k[1], v))
    return popped, len(e), len(d), out
