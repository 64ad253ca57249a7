"""Functions over run-time strings compiled by test_strvalues.py (a plain
module: pytest rewrites the asserts of test modules). Each is compared with
CPython on the same arguments."""
from typing import NamedTuple


def length(s: str) -> int:
    return len(s)


def item(s: str, i: int) -> str:
    return s[i]


def slice3(s: str, a: int, b: int, c: int) -> str:
    return s[a:b:c]


def slices(s: str) -> tuple:
    return s[1:], s[:-1], s[::-1], s[::2], s[-3:], s[2:1]


def concat3(s: str, t: str) -> str:
    return s + t + s


def repeat(s: str, n: int) -> str:
    return s * n + "|" + n * s


def comparisons(s: str, t: str) -> tuple:
    return s == t, s != t, s < t, s <= t, s > t, s >= t, s == "abc", "b" < s


def contains(s: str, t: str) -> tuple:
    return t in s, t not in s, "a" in s, s in ("x", "yz", t)


def searches(s: str, t: str, a: int, b: int) -> tuple:
    return (s.find(t), s.rfind(t), s.count(t), s.startswith(t), s.endswith(t),
            s.find(t, a), s.find(t, a, b), s.rfind(t, a, b), s.count(t, a, b),
            s.startswith(t, a), s.startswith(t, a, b), s.endswith(t, a, b))


def index_of(s: str, t: str) -> int:
    return s.index(t) * 1000 + s.rindex(t)


def replaced(s: str, old: str, new: str, n: int) -> tuple:
    return s.replace(old, new), s.replace(old, new, n)


def stripped(s: str) -> tuple:
    return s.strip(), s.lstrip(), s.rstrip()


def stripped_chars(s: str, chars: str) -> tuple:
    return s.strip(chars), s.lstrip(chars), s.rstrip(chars), s.strip("ab ")


def split_space(s: str) -> tuple:
    words = s.split()
    return "|".join(words), len(words), "|".join(s.split(None, 1))


def split_sep(s: str, sep: str, n: int) -> tuple:
    parts = s.split(sep)
    return "/".join(parts), len(parts), "/".join(s.split(sep, n)), ",".join(s.split(","))


def iterate(s: str) -> tuple:
    spaces = 0
    rev = ""
    for ch in s:
        if ch == " ":
            spaces += 1
        rev = ch + rev
    return spaces, rev


def ords(s: str) -> int:
    total = 0
    for ch in s:
        total = total * 31 % 1000003 + ord(ch)
    return total


def from_code(n: int) -> str:
    return chr(n) + chr(65)


def classes(s: str) -> tuple:
    return s.isdigit(), s.isalpha(), s.isalnum(), s.islower(), s.isupper(), s.isdecimal()


def spaces(s: str) -> bool:
    return s.isspace()


def cases(s: str) -> tuple:
    return s.lower(), s.upper()


def to_int(s: str) -> int:
    return int(s)


def int_text(n: int, b: bool) -> str:
    return str(n) + ":" + f"{n}|{b}|{-(n // 3)}"


def chars_list(s: str) -> int:
    xs = list(s)
    return len(xs) * 1000 + len(set_free_count(xs))


def set_free_count(xs):
    out = []
    for x in xs:
        if x not in out:
            out.append(x)
    return out


def truthy(s: str) -> int:
    if s:
        return 1
    return 0 if not s else 2


def message(s: str) -> int:
    if not s.isdigit():
        raise ValueError(f"not digits: {s!r} (plain: {s})")
    return int(s)


def formatted(s: str, n: int) -> str:
    return f"<{s}:{n}>" + f"{s}"


def constant_result(n: int) -> str:
    if n > 0:
        return "positive"
    return "not positive"


# --- the corpus: string-using kernels ---------------------------------------------------

def csv_sum(line: str) -> float:
    """The sum of a CSV line of integers."""
    total = 0.0
    for field in line.split(","):
        total += int(field)
    return total


def csv_column_max(text: str, col: int) -> int:
    """The largest value of column `col` of comma-separated rows."""
    best = -1
    for row in text.split("\n"):
        if not row.strip():
            continue
        cells = row.split(",")
        v = int(cells[col])
        if v > best:
            best = v
    return best


def longest_word(text: str) -> str:
    best = ""
    for w in text.split():
        if len(w) > len(best):
            best = w
    return best


def count_word(text: str, word: str) -> int:
    n = 0
    for w in text.split():
        if w.strip(".,;!?").lower() == word:
            n += 1
    return n


def is_palindrome(s: str) -> bool:
    t = ""
    for ch in s:
        if ch.isalnum():
            t += ch.lower()
    return t == t[::-1]


def caesar(s: str, k: int) -> str:
    out = []
    for ch in s:
        c = ord(ch)
        if 97 <= c <= 122:
            out.append(chr((c - 97 + k) % 26 + 97))
        elif 65 <= c <= 90:
            out.append(chr((c - 65 + k) % 26 + 65))
        else:
            out.append(ch)
    return "".join(out)


def run_length(s: str) -> str:
    if not s:
        return ""
    out = ""
    prev = s[0]
    n = 0
    for ch in s:
        if ch == prev:
            n += 1
        else:
            out += prev + str(n)
            prev = ch
            n = 1
    return out + prev + str(n)


def parse_key_values(text: str, key: str) -> int:
    """The int value of `key` in 'a=1;b=2' text, -1 when absent."""
    for pair in text.split(";"):
        if "=" not in pair:
            continue
        i = pair.index("=")
        if pair[:i].strip() == key:
            return int(pair[i + 1:])
    return -1


def vowel_count(s: str) -> int:
    n = 0
    for ch in s.lower():
        if ch in "aeiou":
            n += 1
    return n


def digit_sum(s: str) -> int:
    total = 0
    for ch in s:
        if ch.isdigit():
            total += ord(ch) - ord("0")
    return total


def tokens_to_ints(s: str) -> int:
    """Sum of the whitespace-separated integers; ValueError for a bad token."""
    total = 0
    for tok in s.split():
        total += int(tok)
    return total


def title_words(s: str) -> str:
    words = []
    for w in s.split(" "):
        if w:
            words.append(w[0].upper() + w[1:].lower())
        else:
            words.append(w)
    return " ".join(words)


def hamming(a: str, b: str) -> int:
    if len(a) != len(b):
        raise ValueError("lengths differ")
    d = 0
    for i in range(len(a)):
        if a[i] != b[i]:
            d += 1
    return d


# --- dicts with str keys ----------------------------------------------------------------

def word_histogram(text: str) -> str:
    """'word=count;' for each distinct word, in first-seen order."""
    counts = {}
    for w in text.split():
        counts[w] = counts.get(w, 0) + 1
    out = ""
    for w, n in counts.items():
        out += w + "=" + str(n) + ";"
    return out


def most_common(text: str) -> tuple:
    counts = {}
    for w in text.lower().split():
        if w in counts:
            counts[w] += 1
        else:
            counts[w] = 1
    best = ""
    top = 0
    for w in counts:
        if counts[w] > top:
            best = w
            top = counts[w]
    return best, top, len(counts)


def lookup(text: str, key: str) -> int:
    table = {"one": 1, "two": 2, "three": 3}
    for pair in text.split(","):
        if ":" in pair:
            k = pair[:pair.index(":")]
            table[k] = int(pair[pair.index(":") + 1:])
    return table[key]


def group_by_initial(text: str) -> str:
    groups = {}
    for w in text.split():
        k = w[0]
        if k not in groups:
            groups[k] = 0
        groups[k] += len(w)
    out = ""
    for k, v in groups.items():
        out += f"{k}{v} "
    if "x" in groups:
        del groups["x"]
    return out + str(len(groups))


def renamed(text: str) -> str:
    names = {"a": "alpha", "b": "beta"}
    out = []
    for w in text.split():
        out.append(names.get(w, w))
        names.setdefault(w, w.upper())
    return " ".join(out) + "|" + names.pop(text.split()[0] if text.split() else "a", "?")


# --- sets of strs, sorting, min and max -----------------------------------------------

def distinct_words(text: str) -> tuple:
    seen = set()
    for w in text.split():
        seen.add(w)
    seen.discard("x")
    n = len(seen)
    has_a = "a" in seen
    total = 0
    for w in seen:  # py2wasm's order (CPython's depends on PYTHONHASHSEED): order-free use
        total += len(w)
    return n, has_a, total, len({ch for ch in text})


def remove_word(text: str, w: str) -> int:
    s = set(text.split())
    s.remove(w)
    return len(s)


def sorted_words(text: str) -> str:
    words = text.split()
    words.sort()
    r = sorted(text.split(), reverse=True)
    return " ".join(words) + "|" + ",".join(r) + "|" + "".join(sorted(text))


def extremes(text: str) -> tuple:
    words = text.split()
    return min(words), max(words), min(text), max(text)


def to_float(s: str) -> float:
    return float(s)


def float_fields(line: str) -> float:
    """The mean of a CSV line of floats."""
    total = 0.0
    n = 0
    for field in line.split(","):
        total += float(field)
        n += 1
    return total / n


def to_int_base(s: str, base: int) -> int:
    return int(s, base)


# --- lists of strs ------------------------------------------------------------------------

def list_edits(s: str) -> str:
    words = s.split()
    words.append("end")
    words.insert(0, "start")
    words.pop(1)
    words[0] = words[0].upper()
    return ",".join(words[::-1]) + "|" + str(len(words + ["x"]) + len(words * 2))


def head_and_rest(s: str) -> tuple:
    key, value = s.split("=", 1)
    return key.strip(), value.strip()


def known_list_membership(s: str) -> int:
    n = 0
    for ch in s:
        if ch in ["a", "e", "é"]:
            n += 1
    return n + (s in ["x", "yz"]) * 100


def tuple_compare(s: str, t: str) -> tuple:
    x = (s, len(s))
    y = (t, 1)
    return (x == y, x != y, x < y, x <= y, x > y, x >= y, (s,) < (s, 1),
            ((s, 1), 2) == ((t, 1), 2), (s, 1) in ((t, 1), ("a", 1)))


def min_max_of_strs(s: str, t: str) -> tuple:
    return max(s, t), min(s, t, "m"), max(t, s)


class Named(NamedTuple):
    name: str
    n: int


def named_tuples(s: str, t: str) -> tuple:
    a = Named(s, 1)
    b = Named(t, 1)
    return a == b, a < b, a == ("a", 1), a.name + b.name


def formatted_as_text(s: str, n: int, x: float):
    """str(n), repr(x), format(), f-strings used as strings: compared, repeated,
    indexed, sliced, measured, parsed, iterated."""
    t = str(n)
    return (t == "2", "2" == f"{n}", (str(n), 1) == ("2", 1), t < s, t * 2, 2 * f"<{n}>",
            repr(x)[::-1], f"{x:.1f}"[1:], len(f"{n}{s}"), int(f"{n}7"), float(str(n) + ".5"),
            [c for c in f"{n}"], sorted(repr(s)), max(str(n)), "1" in t, ord(t[0]),
            format(n, ">4") * 2, ("%d" % n)[-1])
