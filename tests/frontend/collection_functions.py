"""Functions using collections.deque/Counter/defaultdict, heapq and bisect,
compiled by tests/frontend/test_collections.py and compared with CPython.
The `*_program` functions interpret a list of operation codes, so one
compiled function is checked on many operation sequences (hypothesis)."""
from __future__ import annotations

import bisect
import heapq
from collections import Counter, defaultdict, deque

collections_Counter = Counter


# --- operation-sequence interpreters -------------------------------------------------------

def deque_program(ops: list[int], vals: list[float], m: int):
    q = deque()
    b = deque([], m)
    acc = 0.0
    for i in range(len(ops)):
        op = ops[i] % 12
        v = vals[i % len(vals)]
        k = ops[i] // 12 - 3
        for d in (q, b):
            if op == 0:
                d.append(v)
            elif op == 1:
                d.appendleft(v)
            elif op == 2 and (d or k == 0):  # k == 0: pop from an empty deque raises
                acc += d.pop()
            elif op == 3 and (d or k == 0):
                acc += d.popleft()
            elif op == 4:
                d.rotate(k)
            elif op == 5:
                d.extend([v, v + 1.0])
            elif op == 6:
                d.extendleft([v, -v])
            elif op == 7:
                acc += d[k]
            elif op == 8 and (v in d or k == 0):  # ValueError: x is not in deque
                d.remove(v)
            elif op == 9 and d:
                acc += d.count(v) + (v in d) + len(d) + d.index(d[0])
            elif op == 10:
                d[k] = v
            elif op == 11 and k > 2:
                d.clear()
    return list(q), list(b), acc, b.maxlen, len(q) + len(b), bool(q)


def heap_program(ops: list[int], vals: list[float]):
    h = []
    acc = 0.0
    for i in range(len(ops)):
        op = ops[i] % 6
        v = vals[i % len(vals)]
        if op == 0 or op == 1:
            heapq.heappush(h, (v, i))
        elif op == 2:
            d, j = heapq.heappop(h)
            acc = acc * 0.5 + d + j
        elif op == 3:
            d, j = heapq.heappushpop(h, (v, -i))
            acc += d
        elif op == 4:
            d, j = heapq.heapreplace(h, (v, i))
            acc += d
        else:
            h.reverse()
            heapq.heapify(h)
    return h, acc, heapq.nsmallest(3, h), heapq.nlargest(2, h), heapq.nsmallest(1, h)


def bisect_program(xs: list[float], probes: list[float], lo: int):
    a = sorted(xs)
    out = []
    for p in probes:
        out.append(bisect.bisect_left(a, p) * 1000 + bisect.bisect_right(a, p))
        out.append(bisect.bisect_left(a, p, lo) + bisect.bisect_right(a, p, 0, lo))
        bisect.insort(a, p)
        bisect.insort_left(a, -p)
    return out, a


def counter_program(xs: list[int], ys: list[int], n: int):
    c = Counter(xs)
    d = Counter(ys)
    c.update(ys[:3])
    d.subtract(xs[:2])
    e = c + d
    f = c - d
    return (c.most_common(n), d.most_common(), list(e.items()), list(f.items()), c.total(),
            d.total(), list(c.elements()), c[n], len(d), n in c)


def grouping_program(xs: list[int], vals: list[float]):
    g = defaultdict(list)
    s = defaultdict(set)
    cnt = defaultdict(int)
    tot = defaultdict(float)
    for i in range(len(xs)):
        k = xs[i] % 5
        g[k].append(vals[i % len(vals)])
        s[k % 3].add(xs[i])
        cnt[k] += 1
        tot[k] += vals[i % len(vals)]
    groups = [(k, len(v), sum(v)) for k, v in g.items()]
    sizes = [(k, len(v)) for k, v in s.items()]
    return groups, sizes, list(cnt.items()), list(tot.items()), 3 in cnt, len(g), dict(cnt)


# --- kernels ------------------------------------------------------------------------------

def bfs_levels(n: int, stride: int):
    adj = [[(i + 1) % n, (i * stride) % n] for i in range(n)]
    dist = [-1] * n
    dist[0] = 0
    q = deque([0])
    while q:
        u = q.popleft()
        for v in adj[u]:
            if dist[v] < 0:
                dist[v] = dist[u] + 1
                q.append(v)
    return dist


def dijkstra(n: int, seed: int):
    adj = [[(j, float((i * j + seed) % 7 + 1)) for j in range(n) if (i + j + seed) % 3 != 0]
           for i in range(n)]
    dist = [float("inf")] * n
    dist[0] = 0.0
    pq = [(0.0, 0)]
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


def word_counts(text: str, k: int):
    c = Counter(text.split())
    return c.most_common(k)


def sliding_max(n: int, w: int):
    xs = [((i * 37) % 11) * 1.5 for i in range(n)]
    q = deque()
    out = []
    for i in range(n):
        while q and xs[q[-1]] <= xs[i]:
            q.pop()
        q.append(i)
        if q[0] <= i - w:
            q.popleft()
        if i >= w - 1:
            out.append(xs[q[0]])
    return out


def mutate_while_iterating(n: int):
    q = deque([1, 2, 3])
    s = 0
    for x in q:
        s += x
        if x == n:
            q.appendleft(x)
    return s


def elements_loop(n: int):
    c = Counter([i % 3 for i in range(n)])
    s = 0
    for x in c.elements():
        s = s * 10 + x
    return s, sorted(c.elements())


def counter_of_literal(v: int):  # the fuzzer's (seed 5300): a literal of this frame's values
    c = collections_Counter([v, 10, v])
    c.update([v, v + 1])
    return collections_Counter([-v % 101 - 50])[50], list(c.items())


def counter_result(n: int):
    return Counter([i % 4 for i in range(n)])


def defaultdict_result(n: int):
    d = defaultdict(int)
    for i in range(n):
        d[(i * 7) % 5] += i
    return d


def lambda_default(n: int):
    d = defaultdict(lambda: 1.5)
    for i in range(n):
        d[i % 3] *= 2.0
    return list(d.items()), d[7]


# --- refused: located CompileErrors ---------------------------------------------------------

def returns_deque(n: int):
    return deque([n])


def deque_plus_list(n: int):
    return deque([n]) + [1]


def returns_elements(n: int):
    return Counter([n]).elements()


def bisect_key(x: float):
    return bisect.bisect_left([1.0, 2.0], x, key=abs)
