"""Graph algorithms on adjacency matrices and edge lists: BFS with a list
queue and a deque, Dijkstra with np.inf and a visited mask, vectorized
Floyd-Warshall with np.minimum and broadcasting, Prim's MST, Kahn's
topological sort, union-find components, PageRank by power iteration,
Bellman-Ford with negative-cycle detection, degree statistics, triangle
counting with matrix powers, bipartiteness by BFS colouring."""
from collections import deque

import numpy as np
import numpy.typing as npt

from ..science.cases import C, rng


def bfs_levels(adj: npt.NDArray[np.int64], src: int) -> npt.NDArray[np.int64]:
    n = adj.shape[0]
    dist = np.full(n, -1, dtype=np.int64)
    dist[src] = 0
    queue = [src]
    head = 0
    while head < len(queue):
        u = queue[head]
        head += 1
        for v in range(n):
            if adj[u, v] and dist[v] < 0:
                dist[v] = dist[u] + 1
                queue.append(v)
    return dist


def bfs_deque_path(adj, s: int, t: int) -> list:
    n = len(adj)
    prev = [-1] * n
    seen = [False] * n
    seen[s] = True
    q = deque([s])
    while q:
        u = q.popleft()
        if u == t:
            break
        for v in np.flatnonzero(adj[u]):
            if not seen[v]:
                seen[v] = True
                prev[v] = u
                q.append(v)
    if not seen[t]:
        return []
    path = [t]
    while path[-1] != s:
        path.append(prev[path[-1]])
    return path[::-1]


def dijkstra(W, src: int):
    n = W.shape[0]
    dist = np.full(n, np.inf)
    dist[src] = 0.0
    done = np.zeros(n, dtype=bool)
    for _ in range(n):
        cand = np.where(done, np.inf, dist)
        u = int(np.argmin(cand))
        if cand[u] == np.inf:
            break
        done[u] = True
        for v in range(n):
            w = W[u, v]
            if w > 0 and dist[u] + w < dist[v]:
                dist[v] = dist[u] + w
    return dist


def floyd_warshall_vec(W):
    D = np.where(W > 0, W, np.inf)
    np.fill_diagonal(D, 0.0)
    for k in range(D.shape[0]):
        D = np.minimum(D, D[:, k, None] + D[None, k, :])
    return D


def floyd_warshall_loops(W):
    n = len(W)
    D = W.astype(float)
    D[D == 0] = np.inf
    for i in range(n):
        D[i, i] = 0.0
    for k in range(n):
        for i in range(n):
            for j in range(n):
                if D[i, k] + D[k, j] < D[i, j]:
                    D[i, j] = D[i, k] + D[k, j]
    return D


def prim_mst(W) -> tuple:
    n = W.shape[0]
    in_tree = np.zeros(n, dtype=bool)
    key = np.full(n, np.inf)
    parent = np.full(n, -1)
    key[0] = 0.0
    total = 0.0
    for _ in range(n):
        u = -1
        best = np.inf
        for v in range(n):
            if not in_tree[v] and key[v] < best:
                best = key[v]
                u = v
        if u < 0:
            raise ValueError("graph is disconnected")
        in_tree[u] = True
        total += key[u]
        for v in range(n):
            if W[u, v] > 0 and not in_tree[v] and W[u, v] < key[v]:
                key[v] = W[u, v]
                parent[v] = u
    return total, parent


def topo_sort(n: int, edges: list) -> list:
    indeg = [0] * n
    succ = [[] for _ in range(n)]
    for a, b in edges:
        succ[a].append(b)
        indeg[b] += 1
    ready = [v for v in range(n) if indeg[v] == 0]
    order = []
    while ready:
        ready.sort(reverse=True)
        u = ready.pop()
        order.append(u)
        for v in succ[u]:
            indeg[v] -= 1
            if indeg[v] == 0:
                ready.append(v)
    if len(order) != n:
        raise ValueError("graph has a cycle")
    return order


def _find(parent, x):
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def union_find_components(n: int, edges):
    parent = list(range(n))
    for a, b in edges:
        ra, rb = _find(parent, a), _find(parent, b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    roots = [_find(parent, i) for i in range(n)]
    return len(set(roots)), roots


def pagerank(A, d: float = 0.85, tol: float = 1e-12, maxit: int = 200):
    n = A.shape[0]
    out = A.sum(axis=1)
    M = np.where(out[:, None] > 0, A / np.maximum(out, 1)[:, None], 1.0 / n).T
    r = np.full(n, 1.0 / n)
    for it in range(maxit):
        r_new = (1 - d) / n + d * M @ r
        if np.abs(r_new - r).sum() < tol:
            return r_new, it
        r = r_new
    return r, maxit


def bellman_ford(n: int, edges, src: int):
    dist = [float("inf")] * n
    dist[src] = 0.0
    for _ in range(n - 1):
        changed = False
        for u, v, w in edges:
            if dist[u] + w < dist[v]:
                dist[v] = dist[u] + w
                changed = True
        if not changed:
            break
    for u, v, w in edges:
        if dist[u] + w < dist[v]:
            raise ValueError("negative cycle")
    return dist


def degree_stats(A: np.ndarray):
    deg = A.sum(axis=0)
    hist = np.bincount(deg)
    return deg, hist, deg.mean(), int(np.argmax(deg))


def count_triangles(A):
    A3 = A @ A @ A
    return int(np.trace(A3)) // 6


def is_bipartite(adj) -> bool:
    n = adj.shape[0]
    color = np.full(n, -1, dtype=np.int8)
    for s in range(n):
        if color[s] >= 0:
            continue
        color[s] = 0
        stack = [s]
        while stack:
            u = stack.pop()
            for v in range(n):
                if adj[u, v]:
                    if color[v] < 0:
                        color[v] = 1 - color[u]
                        stack.append(v)
                    elif color[v] == color[u]:
                        return False
    return True


def _graph(n, p, seed, weighted=False):
    r = rng(800 + seed)
    m = np.triu(r.random((n, n)) < p, 1)
    A = (m | m.T).astype(np.int64)
    if weighted:
        w = np.round(r.uniform(1, 10, (n, n)), 1)
        w = np.triu(w, 1)
        return A * (w + w.T)
    return A


_cycle6 = np.roll(np.eye(6, dtype=np.int64), 1, axis=1) + np.roll(np.eye(6, dtype=np.int64), -1, axis=1)

CASES = [
    C(bfs_levels, (_graph(8, 0.3, 1), 0), (np.zeros((3, 3), dtype=np.int64), 1)),
    C(bfs_deque_path, (_graph(8, 0.3, 1), 0, 7), (np.zeros((3, 3), dtype=np.int64), 0, 2), refused="P2W003"),  # q.append(v): a deque of int cannot hold the np.int64 that np.flatnonzero gives (int(v) compiles)
    C(dijkstra, (_graph(7, 0.4, 2, True), 0), (_graph(4, 0.0, 2, True), 2)),
    C(floyd_warshall_vec, (_graph(6, 0.4, 3, True),)),
    C(floyd_warshall_loops, (_graph(6, 0.4, 3, True),)),
    C(prim_mst, (_graph(6, 0.6, 4, True),), (_graph(4, 0.0, 4, True),)),
    C(topo_sort, (6, [(5, 2), (5, 0), (4, 0), (4, 1), (2, 3), (3, 1)]), (3, [(0, 1), (1, 2), (2, 0)])),
    C(union_find_components, (7, [(0, 1), (2, 3), (1, 3), (5, 6)]), (3, [])),
    C(pagerank, (np.array([[0, 1, 1, 0], [0, 0, 1, 0], [1, 0, 0, 0], [0, 0, 1, 0]], dtype=float),), rtol=1e-13),
    C(bellman_ford, (4, [(0, 1, 4.0), (0, 2, 5.0), (1, 2, -3.0), (2, 3, 2.0)], 0),
      (3, [(0, 1, 1.0), (1, 2, -1.0), (2, 1, -1.0)], 0)),
    C(degree_stats, (_graph(9, 0.3, 5),)),
    C(count_triangles, (_graph(8, 0.5, 6),), (_cycle6,)),
    C(is_bipartite, (_cycle6,), (_graph(7, 0.5, 7),)),
]
