"""Image processing: 2-D convolution, Sobel edges, a box blur from an
integral image, Otsu thresholding of uint8 images, flood fill with a stack,
bilinear resizing, morphological erosion."""
import numpy as np
import numpy.typing as npt

from .cases import C, rng


def convolve2d(img, kernel):
    """'valid' 2-D convolution (kernel flipped), loops as in a textbook."""
    kh, kw = kernel.shape
    h, w = img.shape
    if kh > h or kw > w:
        raise ValueError(f"kernel {kh}x{kw} larger than image {h}x{w}")
    out = np.zeros((h - kh + 1, w - kw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            acc = 0.0
            for u in range(kh):
                for v in range(kw):
                    acc += img[i + u, j + v] * kernel[kh - 1 - u, kw - 1 - v]
            out[i, j] = acc
    return out


def sobel(img):
    gx = (img[:-2, 2:] + 2 * img[1:-1, 2:] + img[2:, 2:]
          - img[:-2, :-2] - 2 * img[1:-1, :-2] - img[2:, :-2])
    gy = (img[2:, :-2] + 2 * img[2:, 1:-1] + img[2:, 2:]
          - img[:-2, :-2] - 2 * img[:-2, 1:-1] - img[:-2, 2:])
    return np.hypot(gx, gy), np.arctan2(gy, gx)


def box_blur(img, r: int):
    """Mean over (2r+1)^2 windows from a summed-area table, edges clamped."""
    h, w = img.shape
    sat = np.zeros((h + 1, w + 1))
    sat[1:, 1:] = img.cumsum(axis=0).cumsum(axis=1)
    out = np.empty((h, w))
    for i in range(h):
        i0 = max(i - r, 0)
        i1 = min(i + r + 1, h)
        for j in range(w):
            j0 = max(j - r, 0)
            j1 = min(j + r + 1, w)
            s = sat[i1, j1] - sat[i0, j1] - sat[i1, j0] + sat[i0, j0]
            out[i, j] = s / ((i1 - i0) * (j1 - j0))
    return out


def otsu_threshold(img: npt.NDArray[np.uint8]) -> int:
    hist = np.bincount(img.ravel(), minlength=256)
    total = img.size
    sum_all = np.dot(np.arange(256), hist)
    w_b = 0
    sum_b = 0
    best = -1.0
    thresh = 0
    for t in range(256):
        w_b += hist[t]
        if w_b == 0:
            continue
        w_f = total - w_b
        if w_f == 0:
            break
        sum_b += t * hist[t]
        m_b = sum_b / w_b
        m_f = (sum_all - sum_b) / w_f
        between = w_b * w_f * (m_b - m_f) ** 2
        if between > best:
            best = between
            thresh = t
    return thresh


def binarize(img, t: int):
    out = np.zeros_like(img)
    out[img > t] = 255
    return out


def flood_fill(grid, r0: int, c0: int, new: int):
    """4-connected flood fill with an explicit stack; returns the filled count."""
    h, w = grid.shape
    old = grid[r0, c0]
    if old == new:
        return 0
    stack = [(r0, c0)]
    count = 0
    while stack:
        r, c = stack.pop()
        if r < 0 or r >= h or c < 0 or c >= w:
            continue
        if grid[r, c] != old:
            continue
        grid[r, c] = new
        count += 1
        stack.append((r + 1, c))
        stack.append((r - 1, c))
        stack.append((r, c + 1))
        stack.append((r, c - 1))
    return count


def bilinear_resize(img, new_h: int, new_w: int):
    h, w = img.shape
    out = np.empty((new_h, new_w), dtype=np.float64)
    sy = (h - 1) / max(new_h - 1, 1)
    sx = (w - 1) / max(new_w - 1, 1)
    for i in range(new_h):
        y = i * sy
        y0 = int(y)
        y1 = min(y0 + 1, h - 1)
        fy = y - y0
        for j in range(new_w):
            x = j * sx
            x0 = int(x)
            x1 = min(x0 + 1, w - 1)
            fx = x - x0
            top = img[y0, x0] * (1 - fx) + img[y0, x1] * fx
            bot = img[y1, x0] * (1 - fx) + img[y1, x1] * fx
            out[i, j] = top * (1 - fy) + bot * fy
    return out


def erode(mask):
    """Binary erosion with a 3x3 cross; the border is background."""
    out = np.zeros_like(mask)
    out[1:-1, 1:-1] = (mask[1:-1, 1:-1] & mask[:-2, 1:-1] & mask[2:, 1:-1]
                       & mask[1:-1, :-2] & mask[1:-1, 2:])
    return out


def gamma_lut(img, gamma: float):
    lut = np.array([min(255, int(round(255.0 * (i / 255.0) ** gamma))) for i in range(256)],
                   dtype=np.uint8)
    return lut[img]


_img = rng(1).random((8, 9))
_u8 = rng(2).integers(0, 256, (6, 7)).astype(np.uint8)
_two = np.where(rng(3).random((10, 10)) < 0.4, 40, 200).astype(np.uint8)
_grid = np.array([[0, 0, 1, 0], [0, 1, 1, 0], [0, 0, 1, 1], [1, 0, 0, 0]])

CASES = [
    C(convolve2d, (_img, np.array([[1.0, 2.0, 1.0], [0.0, 0.0, 0.0], [-1.0, -2.0, -1.0]])),
      (_img[:2, :2], np.ones((3, 3)))),
    C(sobel, (_img,), ulps=1),
    C(box_blur, (_img, 1), (_img, 3)),
    C(otsu_threshold, (_two,), (_u8,), (np.full((3, 3), 7, dtype=np.uint8),)),
    C(binarize, (_u8, 128)),
    C(flood_fill, (_grid.copy(), 0, 0, 5), (_grid.copy(), 1, 2, 1), (_grid.copy(), 1, 2, 7)),
    C(bilinear_resize, (_img, 5, 13), (_img[:1, :1], 3, 3)),
    C(erode, (rng(4).random((6, 6)) < 0.8,)),
    C(gamma_lut, (_u8, 2.2), ulps=1),
]
