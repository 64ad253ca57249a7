"""Lists, dicts and sets of str as parameters and results, through the npm
package (tests/package/test_strcontainers_node.py): JS `string[]`,
`Map<string, number>`, `Map<number, string>`, `Set<string>` and arrays of
`[string, number]` tuples."""


def word_counts(words: list[str]) -> dict[str, int]:
    d = {}
    for w in words:
        d[w] = d.get(w, 0) + 1
    return d


def tag_all(xs: list[str], tag: str) -> list[str]:
    for i in range(len(xs)):
        xs[i] = xs[i] + tag
    xs.append(str(len(xs)))
    return xs


def push_then_raise(xs: list[str], x: str) -> str:
    xs.append(x)
    xs.insert(0, x + x)
    if len(x) > 2:
        raise ValueError(f"too long: {x}")
    return xs.pop()


def fields(line: str) -> list[str]:
    return line.split(",")


def sort_and_join(xs: list[str]) -> str:
    xs.sort()
    return ",".join(xs)


def count_into(d: dict[str, int], words: list[str]) -> int:
    for w in words:
        d[w] = d.get(w, 0) + 1
    if "" in d:
        del d[""]
    return len(d)


def names(d: dict[int, str]) -> dict[str, int]:
    return {v: k for k, v in d.items()}


def seen_words(s: set[str], words: list[str]) -> int:
    fresh = 0
    for w in words:
        if w not in s:
            fresh += 1
            s.add(w)
    if fresh > 3:
        raise KeyError(f"{fresh} fresh")
    return fresh


def word_set(words: list[str]) -> set[str]:
    return set(words)


def total(recs: list[tuple[str, float]], prefix: str) -> float:
    t = 0.0
    for name, v in recs:
        if name.startswith(prefix):
            t += v
    recs.append((prefix, t))
    recs.sort()
    return t


def lengths(words: list[str]) -> int:
    n = 0
    for w in words:
        n += len(w)
    return n
