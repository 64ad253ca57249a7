"""numpy.einsum with '...' (frontend/npfuncs_einsum.py): the broadcast axes
right-aligned across operands, size-1 broadcast axes stretching, explicit
and implicit outputs, and NumPy's ValueErrors, against NumPy under the IR
interpreter and as wasm; hypothesis over shapes and subscripts."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from tests.arrays.harness import check
from tests.arrays.wasm_harness import check_wasm

R = np.random.default_rng(7)


def arr(*shape, dtype=np.float64):
    if np.issubdtype(dtype, np.integer):
        return R.integers(-9, 10, size=shape).astype(dtype)
    return R.normal(size=shape).astype(dtype)


def e_batched_matmul(a, b): return np.einsum("...ij,...jk->...ik", a, b), np.einsum("...ij,...jk", a, b)
def e_transpose(a): return np.einsum("...ij->...ji", a), np.einsum("ij...->...ij", a), np.einsum("ij...", a)
def e_diag(a): return np.einsum("...ii->...i", a), np.einsum("...ii", a)
def e_rowdot(a, b): return np.einsum("...i,...i->...", a, b), np.einsum("...i,...i", a, b)
def e_sum_lead(a): return np.einsum("i...->...", a), np.einsum("...->...", a), np.einsum("...", a)
def e_mixed(a, b): return np.einsum("i...,i...", a, b), np.einsum("...,...", a, b)
def e_mat_vec(a, x): return np.einsum("...ij,j->...i", a, x)
def e_full(a, b): return np.einsum("...ij,...ij->", a, b) if a.ndim == 0 else np.einsum("...i->", a) + 0 * b.sum()
def e_bad_out(a): return np.einsum("...i->i", a)
def e_bad_dots(a): return np.einsum("..i", a)
def e_bad_out_dots(a): return np.einsum("...i->...i...", a)
def e_too_many(a): return np.einsum("ijkl...", a)
def e_bad_bcast(a, b): return np.einsum("...a,...a->...", a, b)


CASES = [
    (e_batched_matmul, (arr(2, 3, 4), arr(2, 4, 5))),
    (e_batched_matmul, (arr(3, 4), arr(4, 5))),                     # no broadcast axes
    (e_batched_matmul, (arr(2, 1, 3, 4), arr(5, 4, 2))),            # 2-d and 1-d batch, size 1 stretches
    (e_batched_matmul, (arr(2, 3, 4, dtype=np.int32), arr(4, 2, dtype=np.int64))),
    (e_batched_matmul, (arr(2, 3, 4, dtype=np.float32), arr(2, 4, 1, dtype=np.float32))),
    (e_transpose, (arr(2, 3, 4),)),
    (e_transpose, (arr(2, 3),)),
    (e_diag, (arr(2, 3, 3),)),
    (e_diag, (arr(3, 3),)),
    (e_rowdot, (arr(2, 1, 3), arr(4, 3))),
    (e_rowdot, (arr(3), arr(3))),
    (e_rowdot, (arr(0, 3), arr(3))),
    (e_sum_lead, (arr(3, 2, 4),)),
    (e_sum_lead, (arr(5),)),
    (e_mixed, (arr(3, 2), arr(3, 2))),
    (e_mixed, (arr(3), arr(2, 3))),
    (e_mat_vec, (arr(2, 2, 3, 4)[:, :, ::2, ::-1], arr(4))),          # strided views
    (e_full, (arr(3, 4), arr(1))),
    (e_bad_out, (arr(1, 3),)),
    (e_bad_dots, (arr(3),)),
    (e_bad_out_dots, (arr(2, 3),)),
    (e_too_many, (arr(2, 3, 4),)),
    (e_bad_bcast, (arr(2, 3), arr(3, 3))),
]


@pytest.mark.parametrize("fn,args", CASES)
def test_einsum_ellipsis_ir(fn, args):
    check(fn, *args, rtol=1e-12)


@pytest.mark.parametrize("fn,args", CASES[:8])
def test_einsum_ellipsis_wasm(fn, args):
    check_wasm(fn, *args, rtol=1e-12)


FORMS = ["...ij,...jk->...ik", "...ij,...jk", "i...j,j...->...i", "...ij,...ij->...",
         "...ij,...jk->ik...", "...ij,...j"]


def _pair(form):
    def ein_pair(a, b):
        return np.einsum(form, a, b)
    return ein_pair


PAIRS = {form: _pair(form) for form in FORMS}


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_einsum_ellipsis_hypothesis(data):
    """Random broadcast shapes (size-1 axes stretch, b may have fewer
    broadcast axes) with letters before and after '...'."""
    nb = data.draw(st.integers(0, 3), label="broadcast axes")
    batch = data.draw(st.lists(st.integers(1, 3), min_size=nb, max_size=nb), label="batch")
    kb = data.draw(st.integers(0, nb), label="b's broadcast axes")
    bbatch = [1 if data.draw(st.booleans()) else n for n in batch[nb - kb:]]
    dims = {c: data.draw(st.integers(1, 3), label=c) for c in "ijk"}
    form = data.draw(st.sampled_from(FORMS), label="subscripts")
    ta, tb = form.split("->")[0].split(",")

    def shape(term, broad):
        pre, post = term.split("...")
        return tuple(dims[c] for c in pre) + tuple(broad) + tuple(dims[c] for c in post)
    check(PAIRS[form], arr(*shape(ta, batch)), arr(*shape(tb, bbatch)), rtol=1e-12)
