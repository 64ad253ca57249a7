"""np.lib.stride_tricks.sliding_window_view (frontend/npshape_views.py)
compiled vs NumPy on every target: 1-D and 2-D windows, axis= (an axis
windowed twice), reductions over the windows, the read-only view (NumPy's
ValueError on a write), NumPy's ValueErrors for negative, too large and
mismatched windows."""

import numpy as np
import pytest

from tests.arrays.like_numpy import check_like_numpy

from numpy.lib.stride_tricks import sliding_window_view
ARGS = [(np.arange(10.0), 3), (np.arange(12.0).reshape(3, 4)[:, ::-1], 2), (np.arange(3.0), 5)]
def sw_sw(x, k):
    w = sliding_window_view(x.ravel(), 3)
    return w.mean(axis=1), w.shape, np.lib.stride_tricks.sliding_window_view(x.ravel(), k).sum(-1)
def sw_sw2d(x, k):
    y = x.reshape(x.shape[0], -1) if x.ndim == 2 else x.reshape(1, -1)
    return sliding_window_view(y, (1, 2)).sum(axis=(-1, -2)), sliding_window_view(y, 2, axis=1).max(-1), sliding_window_view(y, (1, 1), axis=(1, 1)).shape
def sw_sw_ro(x, k):
    w = sliding_window_view(x.ravel(), 2)
    w[0, 0] = 5
    return w
def sw_sw_neg(x, k): return sliding_window_view(x.ravel(), -k)
def sw_sw_count(x, k): return sliding_window_view(x, (2, 2))


@pytest.mark.parametrize("target", ["mvp", "simd", "relaxed-simd"])
@pytest.mark.parametrize("fn", [sw_sw, sw_sw2d, sw_sw_ro, sw_sw_neg, sw_sw_count],
                         ids=lambda f: f.__name__)
def test_sliding_window_view_like_numpy(fn, target):
    check_like_numpy(fn, ARGS, target)