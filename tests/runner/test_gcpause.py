"""py2wasm/gcpause.py: the collector is paused during a compile and runs
again after it, nested and across threads."""
import gc
import threading

import py2wasm
from py2wasm.gcpause import paused_gc


def test_paused_and_restored_nested():
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled():
    gc.disable()
    try:
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_restored_after_an_error():
    try:
        with paused_gc():
            raise ValueError("x")
    except ValueError:
        pass
    assert gc.isenabled()


def test_concurrent_compiles_restore_it():
    def f(a, b):
        return a * b + 1

    errors = []

    def run(k):
        try:
            assert py2wasm.compile(f)(k, 2) == f(k, 2)
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=run, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert gc.isenabled()


def test_compile_error_restores_it():
    def g(a):
        return undefined_name_xyz + a  # noqa: F821

    try:
        py2wasm.compile(g)(1)
    except Exception:
        pass
    assert gc.isenabled()
