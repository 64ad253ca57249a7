"""Differential corpus: every function of tests/arrays/corpus.py, compiled by
the frontend and run by the IR interpreter on linear memory, against NumPy:
results (values, dtypes, shapes), argument arrays after the call (in-place
updates), and exceptions (type and NumPy's message). Shapes include empty,
length-1 and non-contiguous (strided view) arguments."""
import numpy as np
import pytest

from tests.arrays import corpus as C
from tests.arrays.harness import check

f64, i64 = C.f64, C.i64


from tests.arrays.harness import strided as _strided


VEC = [f64(0), f64(1), f64(7), _strided(f64(5))]
VEC2 = [(f64(0), f64(0)), (f64(1), f64(4)), (f64(6), f64(6)), (_strided(f64(3)), f64(3))]
MAT = [f64(0, 3), f64(1, 1), f64(3, 4), _strided(f64(2, 5))]

CASES = []


def case(fn, *argsets, **kw):
    for args in argsets:
        CASES.append(pytest.param(fn, args, kw, id=f"{fn.__name__}-{len(CASES)}"))


for a, b in VEC2:
    for fn in (C.ew_add, C.ew_sub, C.ew_mul, C.ew_div, C.ew_floordiv, C.ew_mod, C.ew_cmp):
        case(fn, (a, b))
for a in VEC + MAT:
    for fn in (C.ew_pow_scalar, C.ew_pow_float, C.ew_neg, C.ew_pos, C.ew_abs, C.ew_chain):
        case(fn, (a,))
case(C.ew_add, (f64(3, 4), f64(4)), (f64(3, 1), f64(1, 4)), (f64(3), f64(4)), (f64(2, 3), f64(3, 2)))
case(C.ew_cmp, (i64(5), f64(5)), (i64(4, dtype=np.int32), 2.5))
case(C.ew_scalar_mix, (f64(5), 0.5), (i64(4, dtype=np.int32), 2.0), (f64(3), 1e300))
case(C.ew_int_scalar, (i64(5, dtype=np.int32), 7), (i64(5, 0, 200, dtype=np.uint8), 3),
     (i64(5, 0, 200, dtype=np.uint8), 300), (i64(3), 2**62))
case(C.ew_fused, (f64(4), f64(4), f64(4)), (f64(2, 3), f64(3), 2.0))
for name in C.UNARY_FLOAT:
    case(C._unary(name), (f64(6),), (_strided(f64(2, 3)),), (f64(0),), rtol=1e-13)
for name in C.BINARY_FLOAT:
    case(C._binary(name), (f64(6), f64(6)), (f64(2, 3), f64(3)), rtol=1e-13)
case(C._binary("power"), (f64(6, lo=0.1), 1.5), (i64(5, 0, 5), i64(5, 0, 4)))
for name in ("abs", "sign", "negative", "square", "floor", "maximum"):
    fn = C._unary(name) if name != "maximum" else C._binary(name)
    args = (i64(7, dtype=np.int32),) if name != "maximum" else (i64(7), i64(7, dtype=np.int32))
    case(fn, args)
case(C.np_where, (f64(6), f64(6)), (f64(2, 3), f64(3)))
case(C.np_where_scalar, (f64(6),), (i64(5),))
case(C.np_clip, (f64(8),), (f64(2, 2),))
case(C.np_clip_method, (i64(8),), (f64(3),))
case(C.np_round, (np.array([0.5, 1.5, 2.5, -0.5, 1.4999]),))
case(C.ix_get, (f64(10), 3), (f64(10), -1), (f64(10), 10), (f64(10), -11), (f64(0), 0),
     (i64(4, dtype=np.uint8), 2))
case(C.ix_get2, (f64(3, 4), 2, 3), (f64(3, 4), -3, -4), (f64(3, 4), 1, 4), (f64(3, 4), 3, 0))
case(C.ix_set, (f64(5), 2, 1.5), (f64(5), 5, 1.0), (i64(5), 1, 2.7), (i64(5), 1, float("nan")),
     (i64(3, dtype=np.int32), 0, 1e10))
case(C.ix_slices, (f64(10),), (f64(1),), (f64(0),), (_strided(f64(6)),))
case(C.ix_sym_slice, (f64(10), 2, 7), (f64(10), -3, 100), (f64(10), 8, 2), (f64(0), 1, 2),
     (f64(5), -100, -1))
case(C.ix_2d_views, (f64(3, 4),), (f64(2, 2),), (_strided(f64(3, 3)),))
case(C.ix_slice_assign, (f64(6), f64(6)), (f64(2), f64(2)), (i64(5), f64(5)))
case(C.ix_broadcast_assign, (f64(3, 4), f64(4)), (f64(3, 4), f64(3)), (f64(2, 2), 1.5))
case(C.ix_assign_self_overlap, (f64(6),), (f64(1),))
case(C.ix_for_row, (f64(3, 4),), (f64(0, 3),), (_strided(f64(2, 3)),))
case(C.ix_for_vals, (f64(7),), (i64(5, dtype=np.int32),))
case(C.ix_loop_index, (f64(6),), (f64(0),))
case(C.ix_newaxis_outer, (f64(3), f64(4)))
case(C.ix_strided_in, (f64(5, 6),))
case(C.at_shape, (f64(3, 4),), (f64(0, 2),))
case(C.at_reshape, (f64(6),), (f64(12),), (f64(5),), (f64(0),))
case(C.at_ravel, (f64(3, 4),), (_strided(f64(2, 3)),))
case(C.at_copy, (f64(2, 3),))
case(C.at_astype, (f64(6, lo=-100, hi=300),), (i64(4),), (f64(0),))
case(C.at_transpose, (f64(2, 3, 4),))
case(C.at_fill, (f64(4), 2.5), (i64(3), 7.9))
case(C.at_inplace_ops, (f64(5), f64(5)), (f64(2, 3), f64(3)), (f64(3), f64(4)))
case(C.at_inplace_int, (i64(5),), (i64(5, dtype=np.int32),), (i64(4, 0, 250, dtype=np.uint8),))
for a in VEC + MAT + [f64(2, 3, 4)]:
    case(C.rd_all, (a,), rtol=1e-10)
    case(C.rd_minmax, (a,))
    case(C.rd_stats, (a,), rtol=1e-10)
    case(C.rd_bool, (a,))
case(C.rd_minmax, (np.array([1.0, np.nan, 3.0]),), (np.array([2.0, 5.0, 5.0, 1.0]),))
for m in MAT[1:] + [f64(4, 0)]:
    case(C.rd_axis0, (m,), rtol=1e-10)
    case(C.rd_axis_keep, (m,), rtol=1e-10)
    case(C.rd_arg_axis, (m,))
    case(C.rd_std_axis, (m,), rtol=1e-10)
    case(C.rd_cumsum_axis, (m,), rtol=1e-10)
case(C.rd_axis_tuple, (f64(2, 3, 4),), (f64(1, 1, 2),), rtol=1e-10)
case(C.rd_cumsum, (f64(6),), (f64(2, 3),), (f64(0),), (i64(5, dtype=np.int32),), rtol=1e-10)
case(C.rd_fused, (f64(7), f64(7)), (f64(2, 3), f64(3)), rtol=1e-10)
case(C.rd_int, (i64(6),), (i64(6, dtype=np.int32),), (i64(5, 0, 250, dtype=np.uint8),),
     (i64(4, 0, 2, dtype=bool),))
case(C.cr_basic, (0,), (1,), (5,), (-1,))
case(C.cr_like, (f64(3),), (i64(2, 3, dtype=np.int32),))
case(C.cr_arange, (0,), (1,), (7,))
case(C.cr_linspace, (0,), (1,), (2,), (9,), (-1,))
case(C.cr_eye, (0,), (1,), (4,))
case(C.cr_array, (2.5,))
case(C.cr_empty_shape, (3,), (0,))
case(C.la_matmul, (f64(3, 4), f64(4, 2)), (f64(1, 1), f64(1, 1)), (f64(0, 3), f64(3, 2)),
     (f64(2, 3), f64(4, 2)), (i64(3, 3), i64(3, 2)), (f64(3, 4).T, f64(3, 2)), rtol=1e-10)
case(C.la_dot, (f64(5), f64(5)), (f64(3, 4), f64(4)), (f64(0), f64(0)), (f64(3), f64(4)),
     rtol=1e-10)
case(C.la_matvec, (f64(3, 4), f64(4)), (f64(2, 2), f64(2)), rtol=1e-10)
case(C.la_matmul_fn, (f64(2, 3), f64(3, 4)), (f64(3), f64(3, 2)), rtol=1e-10)
case(C.la_outer, (f64(3), f64(4)), (f64(2, 2), f64(3)))
case(C.la_inner, (f64(5), f64(5)), rtol=1e-10)
case(C.la_trace, (f64(3, 3),), (f64(2, 4),), (i64(3, 3, dtype=np.int32),))
case(C.la_batched, (f64(2, 3, 4), f64(2, 4, 2)), (f64(2, 3, 4), f64(4, 5)),
     (f64(3, 2), f64(2, 2, 4)), rtol=1e-10)
case(C.jn_concat, (f64(3), f64(2)), (f64(0), f64(2)), (f64(2), i64(2)))
case(C.jn_concat2d, (f64(2, 3), f64(1, 3)), (f64(2, 3), f64(2, 2)))
case(C.jn_stack, (f64(3), f64(3)), (f64(3), f64(4)))
case(C.softmax, (f64(5),), (f64(1),), (f64(0),), rtol=1e-12)
case(C.softmax_rows, (f64(3, 4),), rtol=1e-12)
case(C.jacobi_2d, (2, f64(5, 6), f64(5, 6)), (1, f64(2, 2), f64(2, 2)), (3, f64(4, 3), f64(4, 3)),
     rtol=1e-12)
case(C.stencil_1d, (f64(6),), (f64(2),), (f64(1),))
case(C.pairwise_dist, (f64(4, 3),), (f64(1, 2),), rtol=1e-10)
case(C.pairwise_broadcast, (f64(4, 3),), rtol=1e-10)
case(C.histogram, (f64(20), 5), (np.array([1.0, 1.0]), 3))
case(C.mlp_layer, (f64(2, 3), f64(3, 4), f64(4)), (f64(1, 3), f64(3, 2), f64(2)), rtol=1e-10)
case(C.mandelbrot, (4, 20),)
case(C.nbody_step, (f64(3, 3), f64(3, 3), f64(3, lo=0.1), 0.01), rtol=1e-10)
case(C.normalize_rows, (f64(3, 4),), rtol=1e-12)
case(C.running_mean, (f64(8), 3), (f64(3), 3), rtol=1e-10)
case(C.poly_eval, (f64(5), f64(4)), (f64(3), f64(0)), rtol=1e-12)
case(C.saxpy, (2.0, f64(5), f64(5)), (2.0, f64(5), f64(4)))
case(C.count_positive_rows, (f64(3, 4),))
case(C.float32_kernel, (f64(5).astype(np.float32), f64(5).astype(np.float32)))
case(C.call_helper, (f64(4),))
case(C.swap_loop, (f64(4), f64(4), 3))
case(C.matmul_chain, (f64(2, 3), f64(3, 4), f64(4, 2)), rtol=1e-10)
case(C.tuple_result, (f64(4),))
case(C.logistic, (f64(6, lo=-50, hi=50),), rtol=1e-13)
case(C.relu_grad, (f64(5), f64(5)))
case(C.cosine_sim, (f64(6), f64(6)), rtol=1e-10)
case(C.variance_manual, (f64(7),), rtol=1e-10)
case(C.clamp_inplace, (f64(5),))
case(C.uint8_image, (i64(3, 4, lo=0, hi=256, dtype=np.uint8),))
case(C.int32_ops, (i64(6, dtype=np.int32), i64(6, dtype=np.int32)),
     (np.array([2**31 - 1, -2**31], dtype=np.int32), np.array([1, -1], dtype=np.int32)))
case(C.bool_ops, (i64(5, 0, 2, dtype=bool), i64(5, 0, 2, dtype=bool)))
case(C.float32_ops, (f64(5).astype(np.float32), f64(5, lo=0.5).astype(np.float32)))
# (sum of uint8 is uint64 in NumPy, int64 here: a documented deviation)
case(C.rd_axis0, (i64(3, 4, dtype=np.int32),), (i64(2, 2, lo=0, hi=2, dtype=bool),))
case(C.rd_arg_axis, (i64(3, 4, dtype=np.int32),), (i64(2, 3, lo=0, hi=250, dtype=np.uint8),))
E = np.array
case(C.division_edges,
     (E([7.0, -7.0, 7.0, -7.0, 0.0, 1.0, -1.0, np.inf, 5.0]),
      E([2.0, 2.0, -2.0, -2.0, 0.0, 0.0, 0.0, 2.0, np.inf])),
     (E([7, -7, 7, -7, 0, 5, -2**63, 3]), E([2, 2, -2, -2, 0, 0, -1, -1])),
     (E([7, -7, 100, 0], dtype=np.int32), E([2, 0, -3, 0], dtype=np.int32)),
     (E([7, 200, 0, 9], dtype=np.uint8), E([2, 0, 0, 4], dtype=np.uint8)))
case(C.cast_edges, (E([1.7, -1.7, 0.0, -0.0, 255.9, 256.5, -1.5, 1e10]),),
     (E([1, -1, 2**40, 300]),), (E([True, False]),))
case(C.mixed_compare, (E([1, 2**53 + 1, -3]), E([1.0, 2.0**53, -3.5])),
     (E([1, 2, 3], dtype=np.int32), E([1.5, 2.0, 2.5], dtype=np.float32)),
     (E([1, 0, 255], dtype=np.uint8), E([1, -1, 7], dtype=np.int32)))
case(C.round_decimals, (E([1.25, 2.5, -3.675, 1234.5678, np.nan, np.inf, -0.004]),),
     (f64(5).astype(np.float32),))
case(C.keepdims_all, (f64(3, 4),), (i64(2, 3, dtype=np.int32),),
     (f64(2, 3).astype(np.float32),))
case(C.misc_api, (f64(4), 2.5), (f64(1), -1.0))
case(C.int_power, (i64(4, lo=0, hi=5), i64(4, lo=0, hi=4)),
     (i64(3, lo=-3, hi=3, dtype=np.int32), i64(3, lo=0, hi=5, dtype=np.int32)),
     (E([2, 3]), E([1, -1])))
case(C.mask_get, (f64(7),), (f64(3, 4),), (f64(0),), (i64(5, dtype=np.int32),))
case(C.mask_set, (f64(6), f64(6)), (f64(2, 3), f64(3)))
case(C.mask_index, (f64(2, 3), E([[True, False, True], [False, False, True]])),
     (f64(2, 3), np.ones((2, 4), bool)), (f64(3), np.ones(4, bool)))
case(C.mask_assign, (np.arange(6.0), np.arange(3.0)), (np.arange(6.0), np.arange(1.0)),
     (np.arange(6.0), np.arange(2.0)), (np.arange(6, dtype=np.int32), 9.7))
case(C.mask_inplace, (f64(9, lo=0, hi=1),), (f64(3, 3, lo=0, hi=1),))
case(C.pending_then_fill, (f64(3),))
case(C.pending_then_store, (f64(3),))
case(C.list_literals, (2.5,))
case(C.list_args, (f64(3), f64(3)), (f64(0), f64(0)))


@pytest.mark.parametrize("fn,args,kw", CASES)
def test_corpus(fn, args, kw):
    check(fn, *args, **kw)


def test_corpus_size():
    """The issue asks for at least 150 array functions in the corpus."""
    names = {p.values[0].__name__ for p in CASES}
    assert len(names) >= 150, len(names)
