"""Functions ordering lists (tests/frontend/test_lists_order.py): `<`
`<=` `>` `>=` of lists, sorting lists of lists, min/max of lists of lists
and of tuples."""
from __future__ import annotations


def order_floats(a: list[float], b: list[float]) -> tuple[bool, bool, bool, bool]:
    return a < b, a <= b, a > b, a >= b


def order_ints(a: list[int], b: list[int]) -> tuple[bool, bool, bool, bool]:
    return a < b, a <= b, a > b, a >= b


def order_nested(a: list[list[int]], b: list[list[int]]) -> tuple[bool, bool, bool, bool]:
    return a < b, a <= b, a > b, a >= b


def order_strs(a: list[str], b: list[str]) -> tuple[bool, bool]:
    return a < b, a >= b


def order_records(a: list[tuple[int, float]], b: list[tuple[int, float]]) -> tuple[bool, bool]:
    return a < b, a >= b


def order_literal(n: int) -> tuple[bool, bool, bool]:
    row = [1, 2, n]
    return row < [1, 2, 3], [] < row, row <= []


def sort_rows(rows: list[list[int]]) -> list[list[int]]:
    rows.sort()
    return rows


def sorted_rows_reverse(rows: list[list[float]]) -> list[list[float]]:
    return sorted(rows, reverse=True)


def sort_made_rows(n: int) -> list[list[int]]:
    rows = [[i % 3, n - i] for i in range(n)] + [[1], []]
    rows.sort()
    return rows


def min_max_rows(rows: list[list[float]]) -> tuple[list[float], list[float]]:
    return min(rows), max(rows)


def min_max_records(recs: list[tuple[int, float]]) -> tuple[tuple[int, float], tuple[int, float]]:
    return min(recs), max(recs)


def min_rows_default(rows: list[list[int]]) -> list[int]:
    return min(rows, default=[-1])
