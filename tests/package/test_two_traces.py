"""`py2wasm build` traces a module once per build (simd, relaxed-simd) and
the package needs both builds to describe the same module (package/builds.py
`select`): the exception table must not depend on the trace (a tracer
Var's repr, whose id changes from trace to trace, once reached it through
`set.remove` / a missing key of a dict known to be empty).

Place in the pipeline: frontend output seen by the last stage (`package`)."""
from __future__ import annotations

import math

from py2wasm.api import build_module
from py2wasm.frontend import trace_many
from py2wasm.frontend.signature import I64
from py2wasm.package import write_package


def remove_from_empty(x: int) -> int:
    s = set()
    s.remove(x % 7)
    return len(s)


def key_of_empty(k: int) -> int:
    d = {}
    return d[k * 2]


def key_of_empty_tuple(k: int) -> int:
    d = {}
    return d[(k, k + 1)]


def formatted(n: int) -> float:
    if n < 0:
        raise ValueError(f"bad n: {n}")
    return math.sqrt(n)


FNS = [remove_from_empty, key_of_empty, key_of_empty_tuple, formatted]


def test_builds_of_two_traces_describe_one_module(tmp_path):
    builds = []
    for target in ("simd", "relaxed-simd"):
        module = trace_many([(f, [I64]) for f in FNS])
        module.source_file = "two.py"
        builds.append(build_module(module, name="two", target=target, abi="js"))
    assert builds[0].manifest["exceptions"] == builds[1].manifest["exceptions"]
    assert not any("Var(" in str(e) for e in builds[0].manifest["exceptions"].values())
    write_package(builds, tmp_path / "pkg", name="two", version="0.0.0")
    assert (tmp_path / "pkg" / "index.js").is_file()
