"""The kernel corpus of npscalar_kernels.py compiled to wasm (py2wasm.compile)
and compared with NumPy 2, bit for bit: results (type, dtype, every bit),
arguments after the call, and exceptions."""
from __future__ import annotations

import pytest

from tests.frontend.npscalar_kernels import cases
from tests.frontend.test_npscalars import check

CASES = cases()


@pytest.mark.parametrize("fn,args", CASES, ids=[fn.__name__ for fn, _ in CASES])
def test_kernel_matches_numpy(fn, args):
    check(fn, args)
