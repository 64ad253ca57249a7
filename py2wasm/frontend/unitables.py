"""Unicode tables for run-time strings, built from the running interpreter.

Place in the pipeline: frontend data (no tracing here). The traced
functions of strcase.py and strlib.py look characters up in these tables
(unilookup.py); the bytes become constant
data of the IR module (`ir.Module.add_data`, the `data_addr` primitive) and
wasm data segments in the backend, only in modules whose functions use
them. Every answer is CPython's own: the tables are made by asking the
interpreter doing the compiling (`str.isalpha`, `str.upper`, ...) about
every code point, so they follow its Unicode version (3.11, 3.12 and 3.13
differ); they are built on first use in a process and kept per version in
memory and in the user's cache directory ($XDG_CACHE_HOME or ~/.cache,
py2wasm/unicode-<Unicode version>-py<version>-<this module's hash>/: a
rebuild takes a few seconds), never committed as data.

A table maps a code point c to a small unsigned value in two or three
stages: c >= `limit` gives `default`; below it, the top array is indexed
by c's high bits, each next array by (the previous value << its shift) |
c's next bits, the last array's entry is the value (or its index in a
byte palette, `pal`, when at most 16 distinct values need 5+ bits).
Identical blocks of each stage are shared; the block sizes are chosen for
the smallest total; entries are packed 1, 2, 4, 8 or 16 bits (little-endian
within bytes). Two-stage, with shift s:

    value = A1[A0[c >> s] << s | c & (2**s - 1)]

The bytes: the arrays top first (each 4-aligned), the palette, then a
mapping table's records (`rec`) and sequences (`seq`).

Tables:
- a class table per predicate (`isalpha`, `isalnum`, `isprintable`,
  identifier start and continue, `isdigit`, `isdecimal`, `isnumeric`): 1
  bit a code point;
- `decimal_value`: unicodedata.decimal(ch, -1) + 1 (int() and float() read
  any script's decimal digits);
- `case`: the case flags UPPER, LOWER, TITLE (CPython's
  Py_UNICODE_ISUPPER/ISLOWER/ISTITLE); a character is cased (Unicode's
  Cased, CPython's _PyUnicode_IsCased) when it has one of them;
- `case_ignorable`: 1 bit, Unicode's Case_Ignorable (with Cased, the
  properties of the Final_Sigma rule: both read back from `str.lower`);
- a mapping per case operation (`lower`, `upper`, `title`, `fold`: the
  full mappings, `ß` -> `SS`): the value indexes a record (i32) in the
  table's record array at `rec`: `r & 3 == 0` maps c to c + (r >> 2);
  otherwise the mapping is `r & 3` code points at `seq + 4 * (r >> 2)`.
"""
from __future__ import annotations

import functools

UPPER, LOWER, TITLE, CASED, CASE_IGNORABLE = 1, 2, 4, 8, 16
NCODES = 0x110000


class Table:
    """One table: its bytes (`blob`) and how to read it (module docstring).
    `levels`: (offset, bits, shift) of each array, the top one first (its
    shift 0); `pal`: offset of a byte palette the last array indexes (or -1)."""
    __slots__ = ("name", "blob", "limit", "default", "levels", "pal", "rec", "seq")

    def __init__(self, name, blob, limit, default, levels, pal=-1, rec=0, seq=0):
        self.name, self.blob, self.limit, self.default = name, blob, limit, default
        self.levels, self.pal, self.rec, self.seq = levels, pal, rec, seq

    def _get(self, off, bits, i):
        b = self.blob
        if bits == 16:
            return b[off + 2 * i] | b[off + 2 * i + 1] << 8
        per = 8 // bits
        return b[off + i // per] >> (i % per * bits) & ((1 << bits) - 1)

    def lookup(self, c: int) -> int:
        """The value of code point c, read from the bytes as compiled code does."""
        if c >= self.limit:
            return self.default
        total = sum(sh for _, _, sh in self.levels)
        v = 0
        for off, bits, sh in self.levels:
            total -= sh
            i = c >> total if not sh else v << sh | (c >> total) & ((1 << sh) - 1)
            v = self._get(off, bits, i)
        return self.blob[self.pal + v] if self.pal >= 0 else v

    def record(self, v: int) -> int:
        return int.from_bytes(self.blob[self.rec + 4 * v:self.rec + 4 * v + 4], "little",
                              signed=True)

    def mapping(self, c: int) -> list[int]:
        """The code points a mapping table maps c to."""
        r = self.record(self.lookup(c))
        if r & 3 == 0:
            return [c + (r >> 2)]
        at = self.seq + 4 * (r >> 2)
        return [int.from_bytes(self.blob[at + 4 * j:at + 4 * j + 4], "little")
                for j in range(r & 3)]


def _bits(top: int) -> int:
    return next(b for b in (1, 2, 4, 8, 16) if top < 1 << b)


def _pack(values, bits: int) -> bytes:
    if bits == 16:
        return b"".join(v.to_bytes(2, "little") for v in values)
    per = 8 // bits
    out = bytearray((len(values) + per - 1) // per)
    for i, v in enumerate(values):
        out[i // per] |= v << (i % per * bits)
    return bytes(out)


def _align(n: int, a: int = 4) -> int:
    return (n + a - 1) // a * a


def _blocks(values, shift: int):
    """(index per block, the distinct blocks flattened) of `values` (a NumPy
    array) cut in blocks of 2**shift (the last padded with 0: never read)."""
    import numpy as np
    size = 1 << shift
    n = -(-len(values) // size) * size
    padded = np.zeros(n, dtype=np.int64)
    padded[:len(values)] = values
    rows = padded.reshape(-1, size)
    seen: dict = {}
    index = np.fromiter((seen.setdefault(r, len(seen)) for r in map(bytes, rows)),
                        dtype=np.int64, count=len(rows))
    first = np.zeros(len(seen), dtype=np.int64)
    first[index[::-1]] = np.arange(len(rows) - 1, -1, -1)  # each block's first row
    return index, rows[first].reshape(-1)


def _cost(values) -> int:
    return (len(values) * _bits(int(values.max()) if len(values) else 0) + 7) // 8 + 3


def _multi_stage(name: str, values, extra: bytes = b"", rec_len: int = 0) -> Table:
    """The smallest table of `values` (one per code point) in two or three
    stages; `extra` (records, sequences) goes after it."""
    import numpy as np
    values = np.asarray(values, dtype=np.int64)
    default = int(values[-1])
    differ = np.nonzero(values != default)[0]
    limit = int(differ[-1]) + 1 if len(differ) else 0
    values = values[:limit]
    pal = None
    distinct = np.unique(values)
    if len(distinct) and distinct[-1] >= 16 and len(distinct) <= 16:  # values by a byte palette
        pal = distinct.tolist()
        values = np.searchsorted(distinct, values)
    best = None
    for s0 in range(3, 11):
        index, flat = _blocks(values, s0)
        options = [(_cost(index) + _cost(flat), (s0,), [index, flat])]
        for s1 in range(2, 10):
            index1, flat1 = _blocks(index, s1)
            options.append((_cost(index1) + _cost(flat1) + _cost(flat), (s1, s0),
                            [index1, flat1, flat]))
        for opt in options:
            if best is None or opt[0] < best[0]:
                best = opt
    _, shifts, arrays = best
    shifts = (0,) + shifts
    blob = b""
    levels = []
    for arr, sh in zip(arrays, shifts):
        arr = arr.tolist()
        bits = _bits(max(arr, default=0))
        levels.append((len(blob), bits, sh))
        blob += _pack(arr, bits)
        blob += bytes(_align(len(blob)) - len(blob))
    p = -1
    if pal is not None:
        p = len(blob)
        blob += bytes(pal) + bytes(_align(len(pal)) - len(pal))
    rec = len(blob)
    blob += extra
    return Table(name, blob, limit, default, tuple(levels), p, rec, rec + rec_len)


@functools.lru_cache(maxsize=None)
def _all() -> str:
    """Every code point, in order, one str."""
    import numpy as np
    return np.arange(NCODES, dtype="<u4").tobytes().decode("utf-32-le", "surrogatepass")


_PREDICATES = {
    "alpha": lambda ch: ch.isalpha(),
    "alnum": lambda ch: ch.isalnum(),
    "printable": lambda ch: ch.isprintable(),
    "id_start": lambda ch: ch.isidentifier(),          # XID_Start or '_'
    "id_continue": lambda ch: ("a" + ch).isidentifier(),  # XID_Continue
    "digit": lambda ch: ch.isdigit(),
    "decimal": lambda ch: ch.isdecimal(),
    "numeric": lambda ch: ch.isnumeric(),
}


@functools.lru_cache(maxsize=None)
def case_flags() -> tuple[int, ...]:
    """UPPER | LOWER | TITLE | CASED | CASE_IGNORABLE of every code point."""
    import numpy as np
    text = _all()
    rest = text[1:]  # NUL (neither cased nor case-ignorable) separates the samples below

    def flags(pred, s=text):
        return np.fromiter(map(pred, s), dtype=bool, count=len(s))
    u, lo, it = flags(str.isupper), flags(str.islower), flags(str.istitle)
    # ISTITLE: str.istitle() of one character is ISTITLE or ISUPPER, and
    # (ch + "A").isupper() is False when ch is lower or title
    t = it & ~u
    for c in np.nonzero(it & u)[0]:
        t[c] = not (text[c] + "A").isupper()
    cased = u | lo | t  # Unicode's Cased: Uppercase, Lowercase or Lt
    # "AΣx": Σ is final (ς) unless x is cased and not case-ignorable
    after = [False] + [p[1] == "ς" for p in
                       "\0".join("AΣ" + ch for ch in rest).lower().split("\0")]
    # "AxΣ": final when x is case-ignorable (skipped back to the cased A) or cased
    before = [False] + [p[-1] == "ς" for p in
                        "\0".join("A" + ch + "Σ" for ch in rest).lower().split("\0")]
    ci = np.where(cased, np.array(after), np.array(before))
    out = (u * UPPER) | (lo * LOWER) | (t * TITLE) | (cased * CASED) | (ci * CASE_IGNORABLE)
    return tuple(out.tolist())


@functools.lru_cache(maxsize=None)
def full_mapping(op: str) -> list[str]:
    """CPython's full `op` mapping ("lower", "upper", "title", "fold") of
    every code point (title: the titlecase mapping str.title() gives a
    word's first character; lower: U+03A3 not final)."""
    text = "\0".join(_all()[1:])
    meth = {"lower": str.lower, "upper": str.upper, "title": str.title,
            "fold": str.casefold}[op]
    parts = meth(text).split("\0")  # NUL is neither cased nor case-ignorable
    parts.insert(0, "\0")
    assert len(parts) == NCODES
    return parts


def _build_mapping(op: str) -> Table:
    import numpy as np
    parts = full_mapping(op)
    single = "".join(p if len(p) == 1 else "\0" for p in parts)
    ords = np.frombuffer(single.encode("utf-32-le", "surrogatepass"), dtype="<u4").astype(np.int64)
    recs = (ords - np.arange(NCODES)) * 4  # a delta d: d * 4
    seq: list[int] = []
    seqs: dict = {}
    for c in np.nonzero(np.fromiter(map(len, parts), dtype=np.int64, count=NCODES) != 1)[0]:
        m = parts[c]
        at = seqs.get(m)
        if at is None:
            at = seqs[m] = len(seq)
            seq.extend(map(ord, m))
        recs[c] = at * 4 + len(m)  # a sequence: its offset * 4 + its length
    records, values = np.unique(recs, return_inverse=True)
    rec = b"".join(int(r).to_bytes(4, "little", signed=True) for r in records)
    extra = rec + b"".join(v.to_bytes(4, "little") for v in seq)
    return _multi_stage(op, values.reshape(-1), extra, len(rec))


@functools.lru_cache(maxsize=None)
def table(name: str) -> Table:
    """Table `name` of the running interpreter's Unicode version (made once
    per process; kept on disk between processes: `_cached`)."""
    t = _load_cached(name)
    if t is None:
        t = _build(name)
        _store_cached(t)
    return t


def _cache_file(name: str) -> str:
    """The table's file in the user's cache, keyed by the interpreter, its
    Unicode version and this module's source (a change rebuilds)."""
    import hashlib
    import os
    import sys
    import unicodedata
    with open(__file__, "rb") as f:
        src = hashlib.sha256(f.read()).hexdigest()[:12]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    ver = "%d.%d.%d" % sys.version_info[:3]
    return os.path.join(base, "py2wasm", f"unicode-{unicodedata.unidata_version}-py{ver}-{src}",
                        f"{name}.json")


_FIELDS = ("limit", "default", "levels", "pal", "rec", "seq")


def _load_cached(name: str):
    """The table from the cache, or None (absent, unreadable or malformed:
    it is built again)."""
    import json
    try:
        with open(_cache_file(name), encoding="ascii") as f:
            d = json.load(f)
        levels = tuple(tuple(int(x) for x in lv) for lv in d["levels"])
        return Table(name, bytes.fromhex(d["blob"]), *(int(d[k]) for k in _FIELDS[:2]), levels,
                     *(int(d[k]) for k in _FIELDS[3:]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _store_cached(t: Table) -> None:
    """Write the table to the cache (atomically; any failure: not cached)."""
    import json
    import os
    path = _cache_file(t.name)
    d = {k: getattr(t, k) for k in _FIELDS}
    d["blob"] = t.blob.hex()
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="ascii") as f:
            json.dump(d, f)
        os.replace(tmp, path)
    except OSError:
        pass


def _build(name: str) -> Table:
    if name == "case":  # UPPER | LOWER | TITLE (CASED: any of them)
        return _multi_stage(name, [f & (UPPER | LOWER | TITLE) for f in case_flags()])
    if name == "case_ignorable":
        return _multi_stage(name, [1 if f & CASE_IGNORABLE else 0 for f in case_flags()])
    if name in ("lower", "upper", "title", "fold"):
        return _build_mapping(name)
    if name == "decimal_value":  # unicodedata.decimal(ch, -1) + 1: int() and float() read it
        import unicodedata
        return _multi_stage(name, [unicodedata.decimal(ch, -1) + 1 for ch in _all()])
    pred = _PREDICATES[name]
    return _multi_stage(name, [1 if pred(ch) else 0 for ch in _all()])


def data_name(name: str) -> str:
    """The IR data name of table `name` (the Unicode version in it: one
    module never mixes versions, but a name says what it holds)."""
    import unicodedata
    return f"unicode{unicodedata.unidata_version}.{name}"


TABLES = ("alpha", "alnum", "printable", "id_start", "id_continue", "case",
          "case_ignorable", "lower", "upper", "title", "fold", "digit", "decimal", "numeric",
          "decimal_value")
__all__ = ["Table", "table", "data_name", "TABLES", "UPPER", "LOWER", "TITLE", "CASED",
           "CASE_IGNORABLE"]
