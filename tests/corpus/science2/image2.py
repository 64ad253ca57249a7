"""Image processing with np.pad, uint8 arithmetic and dtype conversions,
histogram equalization through a lookup table (fancy indexing), dilation and
opening on bool masks, connected-component labelling with a list as a
stack, a 3x3 median from stacked shifts, RGB to gray, block downsampling
with reshape, unsharp masking with np.clip, integral images."""
import numpy as np
import numpy.typing as npt

from ..science.cases import C, rng


def conv2d_same(img: np.ndarray, k: np.ndarray) -> np.ndarray:
    """'same' correlation with edge padding (np.pad mode='edge')."""
    kh, kw = k.shape
    ph, pw = kh // 2, kw // 2
    p = np.pad(img, ((ph, ph), (pw, pw)), mode="edge")
    out = np.zeros(img.shape, dtype=np.float64)
    for di in range(kh):
        for dj in range(kw):
            out += k[di, dj] * p[di:di + img.shape[0], dj:dj + img.shape[1]]
    return out


def sobel_magnitude_u8(img: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    f = img.astype(np.float64)
    gx = np.zeros_like(f)
    gy = np.zeros_like(f)
    gx[1:-1, 1:-1] = (f[:-2, 2:] + 2 * f[1:-1, 2:] + f[2:, 2:]) - (f[:-2, :-2] + 2 * f[1:-1, :-2] + f[2:, :-2])
    gy[1:-1, 1:-1] = (f[2:, :-2] + 2 * f[2:, 1:-1] + f[2:, 2:]) - (f[:-2, :-2] + 2 * f[:-2, 1:-1] + f[:-2, 2:])
    mag = np.sqrt(gx ** 2 + gy ** 2)
    return np.clip(mag, 0, 255).astype(np.uint8)


def equalize_hist(img: npt.NDArray[np.uint8]):
    hist = np.bincount(img.ravel(), minlength=256)
    cdf = hist.cumsum()
    cdf_min = cdf[cdf > 0][0]
    denom = img.size - cdf_min
    if denom == 0:
        return img.copy()
    lut = np.round((cdf - cdf_min) * 255.0 / denom).clip(0, 255).astype(np.uint8)
    return lut[img]


def dilate(mask: npt.NDArray[np.bool_], iterations: int = 1):
    m = mask.copy()
    for _ in range(iterations):
        p = np.pad(m, 1, constant_values=False)
        m = p[1:-1, 1:-1] | p[:-2, 1:-1] | p[2:, 1:-1] | p[1:-1, :-2] | p[1:-1, 2:]
    return m


def opening(mask):
    p = np.pad(mask, 1, constant_values=True)
    er = p[1:-1, 1:-1] & p[:-2, 1:-1] & p[2:, 1:-1] & p[1:-1, :-2] & p[1:-1, 2:]
    return dilate(er)


def label_components(mask):
    """4-connected labelling with an explicit stack (list of tuples)."""
    h, w = mask.shape
    labels = np.zeros((h, w), dtype=np.int32)
    current = 0
    for i in range(h):
        for j in range(w):
            if mask[i, j] and labels[i, j] == 0:
                current += 1
                stack = [(i, j)]
                labels[i, j] = current
                while stack:
                    r, c = stack.pop()
                    for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                        rr, cc = r + dr, c + dc
                        if 0 <= rr < h and 0 <= cc < w and mask[rr, cc] and labels[rr, cc] == 0:
                            labels[rr, cc] = current
                            stack.append((rr, cc))
    sizes = np.bincount(labels.ravel())[1:]
    return labels, current, sizes


def median3x3(img):
    p = np.pad(img, 1, mode="reflect")
    h, w = img.shape
    stack = np.stack([p[i:i + h, j:j + w] for i in range(3) for j in range(3)], axis=0)
    return np.median(stack, axis=0)


def rgb_to_gray(rgb: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    weights = np.array([0.299, 0.587, 0.114])
    g = rgb[..., :3].astype(np.float64) @ weights
    return np.round(g).astype(np.uint8)


def block_downsample(img, f: int):
    h, w = img.shape
    if h % f or w % f:
        raise ValueError(f"image {h}x{w} not divisible by {f}")
    return img.reshape(h // f, f, w // f, f).mean(axis=(1, 3))


def unsharp_u8(img: npt.NDArray[np.uint8], amount: float):
    f = img.astype(np.float32)
    p = np.pad(f, 1, mode="edge")
    blur = (p[:-2, :-2] + p[:-2, 1:-1] + p[:-2, 2:] + p[1:-1, :-2] + p[1:-1, 1:-1]
            + p[1:-1, 2:] + p[2:, :-2] + p[2:, 1:-1] + p[2:, 2:]) / np.float32(9)
    sharp = f + np.float32(amount) * (f - blur)
    return np.clip(sharp, 0, 255).astype(np.uint8)


def integral_box_sums(img, r: int):
    ii = np.zeros((img.shape[0] + 1, img.shape[1] + 1), dtype=np.int64)
    ii[1:, 1:] = np.cumsum(np.cumsum(img, axis=0), axis=1)
    h, w = img.shape
    out = np.zeros((h - 2 * r, w - 2 * r), dtype=np.int64)
    for i in range(r, h - r):
        for j in range(r, w - r):
            out[i - r, j - r] = (ii[i + r + 1, j + r + 1] - ii[i - r, j + r + 1]
                                 - ii[i + r + 1, j - r] + ii[i - r, j - r])
    return out


def threshold_stats(img, t: float):
    fg = img > t
    if not fg.any():
        return 0, 0.0, 0.0
    ys, xs = np.nonzero(fg)
    return int(fg.sum()), ys.mean(), xs.mean()


def invert_u8(img: npt.NDArray[np.uint8]):
    return 255 - img, np.uint8(255) - img.max(), img.astype(np.int16) - 128


_u8 = rng(500).integers(0, 256, (8, 9)).astype(np.uint8)
_mask = rng(501).random((8, 8)) < 0.45

CASES = [
    C(conv2d_same, (rng(502).normal(size=(6, 7)), np.array([[0, 1, 0], [1, -4, 1], [0, 1, 0]], dtype=float)),
      (rng(503).normal(size=(5, 5)), np.ones((3, 5)) / 15)),
    C(sobel_magnitude_u8, (_u8,)),
    C(equalize_hist, (_u8 // 4 + 40,), (np.full((3, 3), 7, dtype=np.uint8),)),
    C(dilate, (_mask,), (_mask, 2)),
    C(opening, (_mask,)),
    C(label_components, (_mask,), (np.zeros((2, 3), dtype=bool),)),
    C(median3x3, (rng(504).normal(size=(5, 6)),)),
    C(rgb_to_gray, (rng(505).integers(0, 256, (4, 5, 3)).astype(np.uint8),),
      (rng(506).integers(0, 256, (2, 2, 4)).astype(np.uint8),)),
    # mean over axes (1, 3): NumPy sums in its own memory order (1 ulp; open, see the report)
    C(block_downsample, (rng(507).normal(size=(6, 8)), 2), (np.ones((5, 4)), 2), rtol=1e-15),
    C(unsharp_u8, (_u8, 1.5)),
    C(integral_box_sums, (rng(508).integers(0, 100, (6, 7)), 1), (rng(508).integers(0, 100, (6, 7)), 0)),
    C(threshold_stats, (rng(509).normal(size=(5, 5)), 0.5), (np.zeros((2, 2)), 1.0)),
    C(invert_u8, (_u8,)),
]
