"""Dicts of str values: `d[k] = "text"` and `d.setdefault(k, "text")` on a
dict whose value type is already known stored nothing (the known str was
made a run-time block, then the unconverted value was stored: no leaves),
so a dict argument came back holding "" (from JavaScript: "" or a
RangeError on a garbage address). Found by the Node fuzz
(tests/fuzz/gen_boundary.py).

Place in the pipeline: frontend (dicts.py, dicts_calls.py), end to end."""
import copy

import py2wasm


def put_known(d: dict[int, str], k: int) -> int:
    d[-4] = "a"
    d[k] = "bc"
    return len(d)


def put_formatted(d: dict[int, str], k: int) -> int:
    d[k] = f"k={k}"
    d.setdefault(k + 1, "next")
    return len(d)


def local_dict(n: int) -> str:
    d = {0: "x"}
    d[1] = "ab"
    d[n] = f"n={n}"
    d.setdefault(7, "seven")
    return d[1] + d[n] + d[7] + str(len(d))


def test_known_strs_stored_into_dicts():
    cases = [(put_known, ({}, 3)), (put_known, ({-4: "zz", 1: "y"}, 1)),
             (put_formatted, ({}, 2)), (put_formatted, ({3: "q"}, 2)),
             (local_dict, (3,)), (local_dict, (1,)), (local_dict, (7,))]
    for fn, args in cases:
        mine, ref = copy.deepcopy(args), copy.deepcopy(args)
        assert py2wasm.compile(fn)(*mine) == fn(*ref), (fn.__name__, args)
        assert mine == ref, (fn.__name__, args)
