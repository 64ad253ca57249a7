"""The corpus of realistic NumPy kernels through the npm package in Node,
against NumPy: the kernels of tests/arrays/test_kernels_numpy.py (fancy
indexing, sorting, binning, ufunc methods, Levinson-Durbin, k-NN...) and of
tests/linalg/kernels.py (solvers, factorizations, eig, stacks of matrices,
quantiles, einsum) and of tests/package/numpy_kernels.py (CSR matvec,
k-means, histograms, n-body...) with their example inputs, built into one package (types
from the inputs, arrays C-ordered as JavaScript passes them), called from
Node through the fuzzer's harness (tests/fuzz/node_harness.mjs), results
compared with NumPy within each kernel's tolerance and exceptions by name
and NumPy's message. (tests/package/test_numpy_kernels.py and
test_linalg_node.py build annotated kernel modules with the CLI.)

Place in the pipeline: tests of the last stage (`package`)."""
from __future__ import annotations

import copy
import json
import subprocess

import numpy as np
import pytest

from tests.arrays import test_kernels_numpy as KN
from tests.fuzz.node import _contiguous, decode, encode_arg
from tests.fuzz.node_values import is_record, record_items
from tests.linalg import kernels as KL
from tests.linalg import test_kernels as TL
from tests.package import numpy_kernels as NK
from tests.package import test_numpy_kernels as TN

from .conftest import ROOT, node

HARNESS = ROOT / "tests" / "fuzz" / "node_harness.mjs"
SIGN_FREE = {KL.principal_axes}          # eigenvectors: unique up to sign


def _corpus():
    """(function, args, rtol) for every kernel and example input."""
    out = [(fn, args, rtol) for fn, args, rtol in KN.KERNELS]
    out += [(fn, args, 1e-9) for fn, args in TL.CASES]
    out += [(getattr(NK, name), args, 1e-9) for name, args in TN._cases()]
    return out


def _close(got, want, rtol, sign_free=False):
    if isinstance(want, tuple):
        return isinstance(got, tuple) and len(got) == len(want) and all(
            _close(g, w, rtol, sign_free) for g, w in zip(got, want))
    if isinstance(got, tuple) and got and isinstance(got[0], str):  # decode's complaint
        return False
    if isinstance(want, np.ndarray):
        if not isinstance(got, np.ndarray) or got.shape != want.shape or got.dtype != want.dtype:
            return False
        if want.dtype.kind != "f":
            return bool(np.array_equal(got, want))
        if sign_free:
            got, want = np.abs(got), np.abs(want)
        return bool(np.allclose(got, want, rtol=max(rtol, 1e-12), atol=1e-11, equal_nan=True))
    if isinstance(want, (float, np.floating)):
        return bool(np.isclose(float(got), float(want), rtol=max(rtol, 1e-12), atol=1e-13,
                               equal_nan=True))
    return got == want


@pytest.fixture(scope="module")
def corpus_package(tmp_path_factory):
    from py2wasm.api import build_module
    from py2wasm.frontend import trace_many
    from py2wasm.frontend.signature import types_of_values
    from py2wasm.package import write_package
    entries = {}
    for fn, args, _ in _corpus():
        entries.setdefault(fn.__name__, (fn, [_contiguous(t) for t in types_of_values(args)]))
    assert len(entries) >= 40, sorted(entries)
    module = trace_many(list(entries.values()))
    module.source_file = "corpus.py"
    build = build_module(module, name="corpus", target="simd", abi="js")
    pkg = tmp_path_factory.mktemp("corpus") / "pkg"
    write_package([build], pkg, name="corpus", version="0.0.0")
    return pkg


def test_corpus_in_node_matches_numpy(corpus_package, tmp_path):
    corpus = _corpus()
    cases = [{"fn": fn.__name__, "args": [encode_arg(a) for a in args]} for fn, args, _ in corpus]
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(cases))
    p = subprocess.run([node(), str(HARNESS), str(corpus_package / "index.js"), str(path)],
                       capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    outs = json.loads(p.stdout)
    assert len(outs) == len(corpus)
    bad = []
    for (fn, args, rtol), out in zip(corpus, outs):
        mine = copy.deepcopy(args)
        try:
            want = fn(*mine)
        except Exception as e:  # noqa: BLE001 - the exception Node must show
            err = out.get("error")
            if not (err and err["name"] == type(e).__name__ and
                    err["message"].startswith(str(e) + " (")):
                bad.append((fn.__name__, f"expected {type(e).__name__}({e}), got {out}"))
            continue
        if "ok" not in out:
            bad.append((fn.__name__, f"raised {out['error']}"))
            continue
        got = out["ok"].get("none") if want is None else decode(out["ok"], want)
        if is_record(want):  # NumPy's named tuples (EighResult...) arrive as objects
            want = ("record", type(want).__name__, tuple(sorted(record_items(want))))
        if want is None:  # a function without a result: undefined in JavaScript
            want = True
        if not _close(got, want, rtol, fn in SIGN_FREE):
            bad.append((fn.__name__, f"got {got!r}, NumPy {want!r}"))
        for a, enc in zip(mine, out["after"]):
            if isinstance(a, np.ndarray) and not _close(decode(enc, a), a, rtol):
                bad.append((fn.__name__, "an argument differs after the call"))
    assert not bad, bad
