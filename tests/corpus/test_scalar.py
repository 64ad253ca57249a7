"""The differential scalar corpus: every function in tests/corpus/scalar/*.py,
on each of its inputs, compiled by py2wasm and compared with CPython.
One test id per function and input: `test_scalar[<module>.<fn>(<args>)]`."""
import importlib
import inspect
import pkgutil

import pytest

from . import scalar
from .support import In, assert_same, checked_twin, short_repr, validate_case

MODULES = [importlib.import_module(f"{scalar.__name__}.{m.name}")
           for m in pkgutil.iter_modules(scalar.__path__)]


def _params():
    out = []
    for mod in MODULES:
        short = mod.__name__.rsplit(".", 1)[1]
        for case in mod.CASES:
            for inp in case.inputs:
                if isinstance(inp, In):
                    args, kwargs, dev = inp.args, inp.kwargs or {}, inp.deviation
                else:
                    args, kwargs, dev = inp, {}, None
                shown = ", ".join([short_repr(a) for a in args] + [f"{k}={short_repr(v)}" for k, v in kwargs.items()])
                out.append(pytest.param(case.fn, args, kwargs, case.ulps, dev,
                                        id=f"{short}.{case.fn.__name__}({shown})"))
    return out


PARAMS = _params()


def test_ids_are_unique():
    ids = [p.id for p in PARAMS]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    assert not dup, f"duplicate inputs: {dup}"


@pytest.mark.parametrize("fn, args, kwargs, ulps, deviation", PARAMS)
def test_scalar(fn, args, kwargs, ulps, deviation):
    assert_same(fn, *args, kwargs=kwargs, ulps=ulps, deviation=deviation, oracle=checked_twin(fn))


def _public_functions(mod):
    return [f for name, f in vars(mod).items()
            if inspect.isfunction(f) and f.__module__ == mod.__name__ and not name.startswith("_")]


@pytest.mark.parametrize("mod", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[1])
def test_every_function_has_cases(mod):
    """A corpus function without inputs would silently test nothing."""
    tested = {c.fn for c in mod.CASES}
    helpers = set(getattr(mod, "HELPERS", ()))
    missing = [f.__name__ for f in _public_functions(mod) if f not in tested and f not in helpers]
    assert not missing, f"{mod.__name__}: functions without CASES: {missing}"
    for c in mod.CASES:
        assert len(c.inputs) >= 3, f"{c.fn.__name__}: only {len(c.inputs)} inputs"


def test_corpus_is_sound_under_cpython():
    """Runs in every mode (CI included): the expected values are CPython's,
    every input runs, the deviation markers are exact."""
    for p in PARAMS:
        fn, args, kwargs, ulps, deviation = p.values
        try:
            validate_case(fn, args, kwargs, deviation, checked_twin(fn))
        except AssertionError as e:
            raise AssertionError(f"{p.id}: {e}") from None


def test_corpus_size():
    fns = {c.fn for m in MODULES for c in m.CASES}
    assert len(fns) >= 150, len(fns)
