"""Geometry kernels: point in polygon, convex hull (monotone chain),
haversine distances, the shoelace area, segment intersection, centroids."""
import math

import numpy as np

from .cases import C, rng


def point_in_polygon(x: float, y: float, poly) -> bool:
    """Ray casting (even-odd rule)."""
    n = len(poly)
    inside = False
    j = n - 1
    for i in range(n):
        xi, yi = poly[i, 0], poly[i, 1]
        xj, yj = poly[j, 0], poly[j, 1]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def points_in_polygon(pts, poly):
    out = np.zeros(pts.shape[0], dtype=bool)
    for k in range(pts.shape[0]):
        out[k] = point_in_polygon(pts[k, 0], pts[k, 1], poly)
    return out


def _cross(o, a, b):
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def convex_hull(points):
    """Andrew's monotone chain; returns the hull vertices counter-clockwise."""
    order = np.lexsort((points[:, 1], points[:, 0]))
    pts = points[order]
    if len(pts) < 3:
        return pts
    lower = []
    for p in pts:
        while len(lower) >= 2 and _cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper = []
    for k in range(len(pts) - 1, -1, -1):
        p = pts[k]
        while len(upper) >= 2 and _cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return np.array(lower[:-1] + upper[:-1])


def haversine(lat1, lon1, lat2, lon2):
    """Great-circle distances in km between arrays of coordinates in degrees."""
    r = 6371.0
    p1 = np.radians(lat1)
    p2 = np.radians(lat2)
    dphi = p2 - p1
    dlmb = np.radians(lon2 - lon1)
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return 2 * r * np.arcsin(np.sqrt(a))


def shoelace_area(xy):
    x = xy[:, 0]
    y = xy[:, 1]
    return 0.5 * abs(np.sum(x * np.roll(y, -1)) - np.sum(y * np.roll(x, -1)))


def segments_intersect(p1x: float, p1y: float, p2x: float, p2y: float,
                       q1x: float, q1y: float, q2x: float, q2y: float):
    """Intersection point of two segments, or None."""
    rx, ry = p2x - p1x, p2y - p1y
    sx, sy = q2x - q1x, q2y - q1y
    den = rx * sy - ry * sx
    if den == 0:
        return None
    t = ((q1x - p1x) * sy - (q1y - p1y) * sx) / den
    u = ((q1x - p1x) * ry - (q1y - p1y) * rx) / den
    if 0 <= t <= 1 and 0 <= u <= 1:
        return (p1x + t * rx, p1y + t * ry)
    return None


def polygon_centroid(xy):
    n = xy.shape[0]
    a = 0.0
    cx = 0.0
    cy = 0.0
    for i in range(n):
        x0, y0 = xy[i]
        x1, y1 = xy[(i + 1) % n]
        cr = x0 * y1 - x1 * y0
        a += cr
        cx += (x0 + x1) * cr
        cy += (y0 + y1) * cr
    if a == 0:
        raise ValueError("degenerate polygon")
    a *= 0.5
    return cx / (6 * a), cy / (6 * a)


def rotate_points(pts, theta: float):
    c, s = math.cos(theta), math.sin(theta)
    R = np.array([[c, -s], [s, c]])
    return pts @ R.T


_poly = np.array([[0.0, 0.0], [4.0, 0.0], [4.0, 3.0], [2.0, 5.0], [0.0, 3.0]])

CASES = [
    C(point_in_polygon, (1.0, 1.0, _poly), (5.0, 1.0, _poly), (2.0, 4.5, _poly)),
    C(points_in_polygon, (rng(1).uniform(-1, 5, (20, 2)), _poly)),
    C(convex_hull, (rng(2).normal(size=(15, 2)),), (np.array([[0.0, 0.0], [1.0, 1.0]]),)),
    C(haversine, (np.array([52.52, 48.85, -33.86]), np.array([13.40, 2.35, 151.2]),
                  np.array([40.71, 51.51, 35.68]), np.array([-74.0, -0.13, 139.69])), ulps=4),
    C(shoelace_area, (_poly,), (np.zeros((0, 2)),)),
    C(segments_intersect, (0.0, 0.0, 2.0, 2.0, 0.0, 2.0, 2.0, 0.0),
      (0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 1.0, 1.0), (0.0, 0.0, 1.0, 1.0, 2.0, 0.0, 3.0, -5.0)),
    # (a tuple on one path, None on another: tuple[float, float] | None)
    C(polygon_centroid, (_poly,), (np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0]]),)),
    C(rotate_points, (rng(3).normal(size=(6, 2)), 0.3), rtol=1e-13),
]
