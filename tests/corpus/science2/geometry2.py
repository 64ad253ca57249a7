"""Computational geometry with broadcasting: pairwise distance matrices,
np.cross for triangle areas and normals, perimeters with np.roll, closest
pair, point-to-segment distances, bounding boxes, 3-D rotations from
axis-angle, quaternion products, Graham scan sorted by math.atan2 with a
key function, winding numbers, Kabsch-free centroid alignment."""
import math

import numpy as np
import numpy.typing as npt

from ..science.cases import C, rng


def pairwise_distances(X: npt.NDArray[np.float64], Y: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    diff = X[:, np.newaxis, :] - Y[np.newaxis, :, :]
    return np.sqrt(np.sum(diff * diff, axis=-1))


def pdist_gram(X):
    sq = np.sum(X ** 2, axis=1)
    D2 = sq[:, None] + sq[None, :] - 2.0 * X @ X.T
    D2 = np.maximum(D2, 0.0)
    return np.sqrt(D2)


def mesh_areas_normals(verts, faces):
    a = verts[faces[:, 0]]
    b = verts[faces[:, 1]]
    c = verts[faces[:, 2]]
    n = np.cross(b - a, c - a)
    area = 0.5 * np.linalg.norm(n, axis=1)
    unit = n / np.linalg.norm(n, axis=1, keepdims=True)
    return area, unit, area.sum()


def polygon_perimeter(xy):
    d = np.roll(xy, -1, axis=0) - xy
    return np.sum(np.hypot(d[:, 0], d[:, 1]))


def closest_pair(pts):
    n = len(pts)
    if n < 2:
        raise ValueError("need at least two points")
    best = math.inf
    bi, bj = -1, -1
    for i in range(n - 1):
        for j in range(i + 1, n):
            d = math.dist(pts[i], pts[j])
            if d < best:
                best, bi, bj = d, i, j
    return bi, bj, best


def point_segment_distance(p, a, b) -> float:
    ab = b - a
    denom = float(np.dot(ab, ab))
    if denom == 0.0:
        return float(np.linalg.norm(p - a))
    t = np.dot(p - a, ab) / denom
    t = min(1.0, max(0.0, t))
    proj = a + t * ab
    return float(np.linalg.norm(p - proj))


def bounding_box(points):
    lo = points.min(axis=0)
    hi = points.max(axis=0)
    center = (lo + hi) / 2
    return lo, hi, center, np.prod(hi - lo)


def rotation_matrix(axis, theta: float):
    axis = np.asarray(axis, dtype=float)
    axis = axis / math.sqrt(np.dot(axis, axis))
    a = math.cos(theta / 2.0)
    b, c, d = -axis * math.sin(theta / 2.0)
    aa, bb, cc, dd = a * a, b * b, c * c, d * d
    bc, ad, ac, ab, bd, cd = b * c, a * d, a * c, a * b, b * d, c * d
    return np.array([[aa + bb - cc - dd, 2 * (bc + ad), 2 * (bd - ac)],
                     [2 * (bc - ad), aa + cc - bb - dd, 2 * (cd + ab)],
                     [2 * (bd + ac), 2 * (cd - ab), aa + dd - bb - cc]])


def quat_multiply(q, r):
    w0, x0, y0, z0 = q
    w1, x1, y1, z1 = r
    return np.array([w0 * w1 - x0 * x1 - y0 * y1 - z0 * z1,
                     w0 * x1 + x0 * w1 + y0 * z1 - z0 * y1,
                     w0 * y1 - x0 * z1 + y0 * w1 + z0 * x1,
                     w0 * z1 + x0 * y1 - y0 * x1 + z0 * w1], dtype=np.float64)


def graham_scan(points: list) -> list:
    start = min(points, key=lambda p: (p[1], p[0]))

    def angle(p):
        return (math.atan2(p[1] - start[1], p[0] - start[0]), (p[0] - start[0]) ** 2 + (p[1] - start[1]) ** 2)

    rest = sorted([p for p in points if p != start], key=angle)
    hull = [start]
    for p in rest:
        while len(hull) > 1:
            o, a = hull[-2], hull[-1]
            if (a[0] - o[0]) * (p[1] - o[1]) - (a[1] - o[1]) * (p[0] - o[0]) > 0:
                break
            hull.pop()
        hull.append(p)
    return hull


def winding_number(px: float, py: float, poly) -> int:
    wn = 0
    n = len(poly)
    for i in range(n):
        x0, y0 = poly[i]
        x1, y1 = poly[(i + 1) % n]
        is_left = (x1 - x0) * (py - y0) - (px - x0) * (y1 - y0)
        if y0 <= py:
            if y1 > py and is_left > 0:
                wn += 1
        elif y1 <= py and is_left < 0:
            wn -= 1
    return wn


def center_and_rms(A, B):
    """RMS deviation of two point sets after removing their centroids."""
    if A.shape != B.shape:
        raise ValueError("point sets differ in shape")
    Ac = A - A.mean(axis=0)
    Bc = B - B.mean(axis=0)
    return np.sqrt(((Ac - Bc) ** 2).sum() / A.shape[0])


def triangle_angles(a, b, c):
    def ang(u, v):
        cosang = np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v))
        return math.degrees(math.acos(max(-1.0, min(1.0, cosang))))
    return ang(b - a, c - a), ang(a - b, c - b), ang(a - c, b - c)


_pts = rng(600).uniform(-1, 1, (7, 2))
_verts = np.array([[0.0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1]])
_faces = np.array([[0, 1, 2], [0, 1, 3], [1, 2, 4], [0, 2, 3]])

CASES = [
    C(pairwise_distances, (_pts, rng(601).uniform(-1, 1, (4, 2)))),
    C(pdist_gram, (rng(602).normal(size=(5, 3)),), rtol=1e-12),
    C(mesh_areas_normals, (_verts, _faces)),
    C(polygon_perimeter, (np.array([[0.0, 0.0], [3.0, 0.0], [3.0, 4.0]]),), (_pts,)),
    C(closest_pair, (_pts,), (_pts[:1],)),
    C(point_segment_distance, (np.array([0.5, 1.0]), np.array([0.0, 0.0]), np.array([1.0, 0.0])),
      (np.array([2.0, 1.0]), np.array([0.0, 0.0]), np.array([1.0, 0.0])),
      (np.array([2.0, 1.0]), np.array([1.0, 1.0]), np.array([1.0, 1.0]))),
    C(bounding_box, (rng(603).normal(size=(9, 3)),)),
    C(rotation_matrix, ([0.0, 0.0, 1.0], 0.7), (np.array([1.0, 2.0, 2.0]), 2.0), ulps=2),
    C(quat_multiply, (np.array([1.0, 0.5, -0.2, 0.3]), np.array([0.2, -1.0, 0.4, 0.0])),),
    C(graham_scan, ([(0.0, 0.0), (2.0, 0.0), (1.0, 1.0), (2.0, 2.0), (0.0, 2.0), (1.0, 3.0)],),
      ([(1.0, 1.0), (0.0, 0.0), (3.0, 1.0)],), ulps=1),
    C(winding_number, (0.5, 0.5, [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)]),
      (2.0, 0.5, [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)])),
    C(center_and_rms, (_pts, _pts + 0.1 * rng(604).normal(size=(7, 2))), (_pts, _pts[:3])),
    C(triangle_angles, (np.array([0.0, 0.0]), np.array([1.0, 0.0]), np.array([0.0, 1.0])),
      (np.array([0.0, 0.0, 0.0]), np.array([1.0, 2.0, 0.0]), np.array([-1.0, 0.5, 3.0])), ulps=2),
]
