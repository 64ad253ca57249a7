"""Looking code points up in Unicode tables from traced library code.

Place in the pipeline: frontend library code (strcase.py and strlib.py call
`_lookup`; the tracer traces it like them). The tables are unitables.py's,
known by number (`T[k]`, made on first use while tracing: the traced code
indexes a known tuple by a known int, so every branch on a table's shape
is decided while tracing and the compiled lookup is a few loads and
shifts). `_data(k)` is the address of table k in the module's constant
data (the IR primitive `data_addr`: only modules whose functions use a
table carry it, strvalues.py adds it), `_u8 _u16 _i32` load from it.
"""
from __future__ import annotations


def _data(name):  # the address of table `name` (primitive: strvalues.py)
    raise AssertionError("traced only")


def _u8(addr):  # the unsigned byte at addr (primitive)
    raise AssertionError("traced only")


def _u16(addr):  # the unsigned 16-bit word at addr (primitive)
    raise AssertionError("traced only")


def _i32(addr):  # the signed 32-bit word at addr (primitive)
    raise AssertionError("traced only")


# Tables by number (the traced code indexes a known tuple by a known int)
NAMES = ("alpha", "alnum", "printable", "id_start", "id_continue", "case", "case_ignorable",
         "lower", "upper", "title", "fold", "digit", "decimal", "numeric", "decimal_value")
(ALPHA, ALNUM, PRINTABLE, ID_START, ID_CONTINUE, CASE, CASE_IGNORABLE, MLOWER, MUPPER, MTITLE,
 MFOLD, DIGIT, DECIMAL, NUMERIC, DECIMAL_VALUE) = range(15)
_LOG_PER = {1: 3, 2: 2, 4: 1, 8: 0, 16: 0}
_MADE: dict = {}


def _ascii_runs(values):
    """(runs, rest): the runs (first, last, value) of the 128 ASCII values
    that differ from `rest`, their most common value."""
    rest = max(set(values), key=values.count)
    runs = []
    for c, v in enumerate(values):
        if v == rest:
            continue
        if runs and runs[-1][1] == c - 1 and runs[-1][2] == v:
            runs[-1][1] = c
        else:
            runs.append([c, c, v])
    return tuple(tuple(r) for r in runs), rest


class _Tables(tuple):
    """T[k] = (k, limit, default, levels, pal, rec, seq, total shift,
    ascii runs, ascii rest, ascii record runs, ascii record rest) of table
    k (levels: (offset, bits, shift, log2 values per byte); the ASCII runs
    answer code points below 128 with a few comparisons, no memory: the
    values, and for a mapping table the records), made from
    unitables.table on first use: indexing happens while tracing, so a
    function builds only the tables its traced path reads."""

    def __getitem__(self, k):
        d = _MADE.get(k)
        if d is None:
            from .unitables import table
            t = table(NAMES[k])
            levels = tuple((off, bits, sh, _LOG_PER[bits]) for off, bits, sh in t.levels)
            values = [t.lookup(c) for c in range(128)]
            records = [t.record(v) for v in values] if t.seq > t.rec else [0] * 128
            d = _MADE[k] = ((k, t.limit, t.default, levels, t.pal, t.rec, t.seq,
                             sum(sh for _, _, sh in t.levels)) + _ascii_runs(values)
                            + _ascii_runs(records))
        return d


def _ascii(runs, rest, c):
    """The value of ASCII code point c by its runs (known: unrolled)."""
    for r in runs:
        if r[0] <= c and c <= r[1]:
            return r[2]
    return rest


T = _Tables(range(len(NAMES)))


def _lookup(tid, c):
    """The value of code point c in table number tid (unitables.Table.lookup)."""
    t = T[tid]
    if c < 128:
        return _ascii(t[8], t[9], c)
    if c >= t[1]:
        return t[2]
    base = _data(tid)
    total = t[7]
    v = 0
    for lv in t[3]:
        off = lv[0]
        bits = lv[1]
        sh = lv[2]
        total -= sh
        if sh == 0:
            i = c >> total
        else:
            i = (v << sh) | ((c >> total) & ((1 << sh) - 1))
        if bits == 16:
            v = _u16(base + off + 2 * i)
        elif bits == 8:
            v = _u8(base + off + i)
        else:
            lp = lv[3]
            v = (_u8(base + off + (i >> lp)) >> ((i & ((1 << lp) - 1)) * bits)) & ((1 << bits) - 1)
    if t[4] >= 0:
        v = _u8(base + t[4] + v)
    return v


def _record(tid, c):
    """The i32 record of code point c in mapping table tid (unitables.py)."""
    t = T[tid]
    if c < 128:
        return _ascii(t[10], t[11], c)
    return _i32(_data(tid) + t[5] + 4 * _lookup(tid, c))


def _seq(tid, j):
    """Code point j of mapping table tid's sequences."""
    return _i32(_data(tid) + T[tid][6] + 4 * j)
