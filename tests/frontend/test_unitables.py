"""frontend/unitables.py: the Unicode tables' layout and their on-disk cache
(what compiled code reads is tested exhaustively through compiled code in
tests/frontend/test_str_unicode_case.py)."""
from __future__ import annotations

import os

from py2wasm.frontend import unitables


def _same(a, b):
    return all(getattr(a, k) == getattr(b, k) for k in ("name", "blob", "limit", "default",
                                                         "levels", "pal", "rec", "seq"))


def test_the_cache_gives_back_the_built_table_and_ignores_a_broken_file(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = unitables._build("digit")
    assert unitables._load_cached("digit") is None  # nothing cached yet
    unitables._store_cached(built)
    path = unitables._cache_file("digit")
    assert path.startswith(str(tmp_path)) and os.path.exists(path)
    assert _same(unitables._load_cached("digit"), built)
    with open(path, "w") as f:
        f.write('{"blob": "zz"')
    assert unitables._load_cached("digit") is None  # malformed: built again


def test_an_unwritable_cache_is_no_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file where a directory must go
    unitables._store_cached(unitables._build("decimal"))
    assert unitables._load_cached("decimal") is None


def test_lookups_read_cpython_answers_and_mappings_expand():
    alpha, upper, lower = (unitables.table(n) for n in ("alpha", "upper", "lower"))
    for c in list(range(0, 0x3000)) + list(range(0x1E900, 0x1E960)) + [0x10FFFF, 0xE0100]:
        ch = chr(c)
        assert alpha.lookup(c) == ch.isalpha(), hex(c)
        assert "".join(map(chr, upper.mapping(c))) == ch.upper(), hex(c)
        if c != 0x3A3:
            assert "".join(map(chr, lower.mapping(c))) == ch.lower(), hex(c)
    assert upper.mapping(0xDF) == [ord("S"), ord("S")]  # ß
    assert len(alpha.blob) < 4096 and len(upper.blob) < 4096  # compact
