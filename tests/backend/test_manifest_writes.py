"""The manifest's read-only array parameters: `ir.writes.module_writes` (a
fixed point over the whole module) runs once per module, not once or twice
per export (a module of n exports was quadratic in n), with the same flags."""
from py2wasm import api, f64
from py2wasm import backend
from py2wasm.backend import manifest
from py2wasm.frontend import trace_many
from py2wasm.ir import writes


def w0(a: f64[:]) -> float:
    a[0] = 1.0
    return a[0]


def r0(a: f64[:]) -> float:
    return a[0] + a[1]


def w1(a: f64[:], b: f64[:]) -> float:
    b[0] = a[0]
    return 0.0


def test_module_writes_once_per_module(monkeypatch):
    calls = []
    real = writes.module_writes

    def counting(module):
        calls.append(module)
        return real(module)

    monkeypatch.setattr(backend, "module_writes", counting)
    monkeypatch.setattr(manifest, "module_writes", counting)
    monkeypatch.setattr(writes, "module_writes", counting)
    module = trace_many([(f, None) for f in (w0, r0, w1)])
    build = api.build_module(module, target="mvp")
    assert len(calls) == 1
    flags = {e["name"]: [p.get("readonly", False) for p in e["params"]]
             for e in build.manifest["functions"]}
    assert flags == {"w0": [False], "r0": [True], "w1": [True, False]}
