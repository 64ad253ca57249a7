"""Kernels written with the standard library's containers, as Python
programmers write them: word counts and top-k with collections.Counter,
grouping with defaultdict(list), BFS shortest paths with a deque over a
graph given as a list of lists, Dijkstra with heapq and (dist, node)
tuples, a running median with bisect.insort, k nearest values with
heapq.nsmallest."""
import bisect
import heapq
from collections import Counter, defaultdict, deque

from ..science.cases import C


def top_words(text: str, k: int) -> list:
    counts = Counter(text.lower().split())
    return counts.most_common(k)


def group_means(keys: list[int], xs: list[float]) -> list:
    groups = defaultdict(list)
    for k, x in zip(keys, xs):
        groups[k].append(x)
    return [(k, sum(v) / len(v)) for k, v in groups.items()]


def bfs_shortest(adj: list[list[int]], src: int) -> list:
    dist = [-1] * len(adj)
    dist[src] = 0
    q = deque([src])
    while q:
        u = q.popleft()
        for v in adj[u]:
            if dist[v] == -1:
                dist[v] = dist[u] + 1
                q.append(v)
    return dist


def dijkstra_heap(n: int, edges: list[tuple[int, int, float]], src: int) -> list:
    adj = [[] for _ in range(n)]
    for u, v, w in edges:
        adj[u].append((v, w))
        adj[v].append((u, w))
    dist = [float("inf")] * n
    dist[src] = 0.0
    pq = [(0.0, src)]
    while pq:
        d, u = heapq.heappop(pq)
        if d > dist[u]:
            continue
        for v, w in adj[u]:
            nd = d + w
            if nd < dist[v]:
                dist[v] = nd
                heapq.heappush(pq, (nd, v))
    return dist


def running_median(xs: list[float]) -> list:
    window = []
    out = []
    for x in xs:
        bisect.insort(window, x)
        m = len(window)
        out.append(window[m // 2] if m % 2 else 0.5 * (window[m // 2 - 1] + window[m // 2]))
    return out


def k_nearest(xs: list[float], target: float, k: int) -> list:
    return heapq.nsmallest(k, [(abs(x - target), i) for i, x in enumerate(xs)])


_ADJ = [[1, 2], [0, 3], [0, 3, 4], [1, 2, 5], [2], [3], []]
_EDGES = [(0, 1, 4.0), (0, 2, 1.0), (2, 1, 2.0), (1, 3, 5.0), (2, 3, 8.0), (3, 4, 3.0)]

CASES = [
    C(top_words, ("the cat and the hat and the bat", 2), ("a b c a b a", 5), ("", 3)),
    C(group_means, ([1, 2, 1, 3, 2], [1.0, 2.0, 3.5, -1.0, 0.25]), ([4], [2.5])),
    C(bfs_shortest, (_ADJ, 0), (_ADJ, 5), ([[0]], 0)),
    C(dijkstra_heap, (5, _EDGES, 0), (5, _EDGES, 4), (3, [(0, 1, 1.5)], 2)),
    C(running_median, ([3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0],), ([-0.0, 0.0],)),
    C(k_nearest, ([0.5, 2.0, -1.0, 3.5, 2.25], 2.0, 3), ([1.0, 1.0], 0.0, 5)),
]
