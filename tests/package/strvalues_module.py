"""Functions with str arguments and results, built into an npm package by
tests/package/test_strvalues_node.py and called from Node and Chromium."""


def length(s: str) -> int:
    return len(s)


def at(s: str, i: int) -> str:
    return s[i]


def reverse(s: str) -> str:
    return s[::-1]


def shout(s: str) -> str:
    return s.upper() + "!"


def greet(name: str = "wörld \U0001F600", n: int = 1) -> str:
    return f"hello {name} #{n}"


def parse(s: str) -> int:
    return int(s)


def csv_total(line: str) -> float:
    total = 0.0
    for field in line.split(","):
        total += int(field)
    return total


def count_words(text: str, word: str) -> int:
    n = 0
    for w in text.split():
        if w == word:
            n += 1
    return n


def pieces(s: str, sep: str) -> tuple[int, str]:
    parts = s.split(sep)
    return len(parts), "|".join(parts)


def code(s: str) -> int:
    return ord(s)


def char(n: int) -> str:
    return chr(n)


def replace_all(s: str, a: str, b: str) -> str:
    return s.replace(a, b)


def digits_only(s: str) -> str:
    for ch in s:
        if not "0" <= ch <= "9":
            raise ValueError(f"not digits: {s!r} [{s:>6}] {s!a}")
    return s


def mean(line: str) -> float:
    total = 0.0
    n = 0
    for field in line.split(","):
        total += float(field)
        n += 1
    return total / n


def to_float(s: str) -> float:
    return float(s)


def headline(s: str) -> str:
    return s.title() + "|" + s.casefold() + "|" + s.lower() + "|" + s.swapcase()


def letters(s: str) -> tuple[bool, bool, bool, bool]:
    return s.isalpha(), s.isupper(), s.istitle(), s.isidentifier()
