"""gen_array_npindex.py's constructs are all generated (a construct that
silently stopped being generated would leave its bugs unfound), and
`--exclude npindex_array` leaves them out."""
import re

from tests.fuzz.runner import program_for
from tests.fuzz.test_generator import assert_generated, sources

NPINDEX_CONSTRUCTS = {
    "flatnonzero": r"np\.flatnonzero\(",
    "isin": r"np\.isin\(",
    "isin invert": r"np\.isin\([^\n]*invert=True",
    "set operation": r"np\.(union1d|intersect1d|setdiff1d|setxor1d)\(",
    "intersect1d return_indices": r"return_indices=True",
    "take_along_axis": r"np\.take_along_axis\(",
    "ix_ read": r"\]\[np\.ix_\(|\w\[np\.ix_\([^\n]*\)\]( [^=+]|\)|,|$)",
    "ix_ write": r"\[np\.ix_\([^\n]*\] \+?= ",
    "tri indices": r"np\.(triu|tril)_indices_from\(",
    "unravel_index": r"np\.unravel_index\(",
    "ravel_multi_index": r"np\.ravel_multi_index\(",
    "put_along_axis": r"np\.put_along_axis\(",
    "diag_indices_from": r"np\.diag_indices_from\(",
    "reduceat": r"\.reduceat\(",
    "apply_along_axis": r"np\.apply_along_axis\(",
    "piecewise": r"np\.piecewise\(",
}


def test_every_npindex_construct_is_generated():
    assert_generated(NPINDEX_CONSTRUCTS, sources(7, "array", 2000))


def test_exclude_leaves_them_out():
    for i in range(150):
        src = program_for(7, i, "array", exclude=("npindex_array",)).source()
        assert not re.search(r"np\.(flatnonzero|isin|union1d|take_along_axis|ix_|put_along_axis|"
                             r"unravel_index|ravel_multi_index|\w+_indices_from|apply_along_axis|piecewise)\(|\.reduceat\(", src), src
