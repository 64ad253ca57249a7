"""Small programs as a user writes them with lists, dicts, sets, records,
classes and generators (issue 18's differential corpus; compared with
CPython by tests/frontend/test_programs.py on 3.11, 3.12 and 3.13)."""
from __future__ import annotations

import collections
import math
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np


# --- lists ---------------------------------------------------------------------------------

def primes_below(n):
    sieve = [True] * n
    out = []
    for i in range(2, n):
        if sieve[i]:
            out.append(i)
            for j in range(i * i, n, i):
                sieve[j] = False
    return out


def edit_distance(a, b):
    n, m = len(a), len(b)
    dp = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        dp[i][0] = i
    for j in range(m + 1):
        dp[0][j] = j
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            dp[i][j] = min(dp[i - 1][j] + 1, dp[i][j - 1] + 1, dp[i - 1][j - 1] + cost)
    return dp[n][m]


def knapsack(weights, values, cap):
    best = [0] * (cap + 1)
    for w, v in zip(weights, values):
        for c in range(cap, w - 1, -1):
            if best[c - w] + v > best[c]:
                best[c] = best[c - w] + v
    return best[cap]


def longest_increasing(xs):
    tails = []
    for x in xs:
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if tails[mid] < x:
                lo = mid + 1
            else:
                hi = mid
        if lo == len(tails):
            tails.append(x)
        else:
            tails[lo] = x
    return len(tails)


def pascal_row(n):
    row = [1]
    for _ in range(n):
        row = [a + b for a, b in zip([0] + row, row + [0])]
    return row


def grid_paths(rows, cols, blocked):
    g = [[0] * cols for _ in range(rows)]
    g[0][0] = 1
    for r in range(rows):
        for c in range(cols):
            if (r, c) in blocked:
                g[r][c] = 0
                continue
            if r > 0:
                g[r][c] += g[r - 1][c]
            if c > 0:
                g[r][c] += g[r][c - 1]
    return g[rows - 1][cols - 1]


def dfs_order(n, edges, start):
    adj = [[] for _ in range(n)]
    for u, v in edges:
        adj[u].append(v)
        adj[v].append(u)
    seen = [False] * n
    stack = [start]
    order = []
    while stack:
        u = stack.pop()
        if seen[u]:
            continue
        seen[u] = True
        order.append(u)
        for v in reversed(adj[u]):
            if not seen[v]:
                stack.append(v)
    return order


def bfs_distances(n, edges, start):
    adj = [[] for _ in range(n)]
    for u, v in edges:
        adj[u].append(v)
    dist = [-1] * n
    dist[start] = 0
    queue = [start]
    head = 0
    while head < len(queue):
        u = queue[head]
        head += 1
        for v in adj[u]:
            if dist[v] < 0:
                dist[v] = dist[u] + 1
                queue.append(v)
    return dist


def components(n, edges):
    parent = list(range(n))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for u, v in edges:
        ru, rv = find(u), find(v)
        if ru != rv:
            parent[ru] = rv
    return len({find(i) for i in range(n)})


def kruskal(n, edges):
    edges = sorted(edges)
    parent = list(range(n))
    total = 0.0
    used = 0
    for w, u, v in edges:
        while parent[u] != u:
            u = parent[u]
        while parent[v] != v:
            v = parent[v]
        if u != v:
            parent[u] = v
            total += w
            used += 1
    return total, used


def running_max(xs):
    out = []
    best = -math.inf
    for x in xs:
        best = max(best, x)
        out.append(best)
    return out


def moving_average(xs, k):
    if k <= 0:
        raise ValueError(f"window must be positive, got {k}")
    out = []
    s = 0.0
    for i, x in enumerate(xs):
        s += x
        if i >= k:
            s -= xs[i - k]
        if i >= k - 1:
            out.append(s / k)
    return out


def merge_sorted(a, b):
    i = j = 0
    out = []
    while i < len(a) and j < len(b):
        if a[i] <= b[j]:
            out.append(a[i])
            i += 1
        else:
            out.append(b[j])
            j += 1
    out.extend(a[i:])
    out.extend(b[j:])
    return out


def insertion_sort(xs):
    xs = xs.copy()
    for i in range(1, len(xs)):
        x = xs[i]
        j = i - 1
        while j >= 0 and xs[j] > x:
            xs[j + 1] = xs[j]
            j -= 1
        xs[j + 1] = x
    return xs


def matrix_transpose(m):
    return [[m[i][j] for i in range(len(m))] for j in range(len(m[0]))]


def spiral(n):
    grid = [[0] * n for _ in range(n)]
    r, c, dr, dc = 0, 0, 0, 1
    for k in range(1, n * n + 1):
        grid[r][c] = k
        nr, nc = r + dr, c + dc
        if not (0 <= nr < n and 0 <= nc < n and grid[nr][nc] == 0):
            dr, dc = dc, -dr
            nr, nc = r + dr, c + dc
        r, c = nr, nc
    return grid


def histogram_bins(xs, lo, hi, nbins):
    counts = [0] * nbins
    width = (hi - lo) / nbins
    for x in xs:
        if lo <= x < hi:
            counts[int((x - lo) / width)] += 1
    return counts


def to_array_stats(rows):
    a = np.array(rows)
    return float(a.mean()), a.sum(axis=0).tolist()


def two_sum(xs, target):
    seen = {}
    for i, x in enumerate(xs):
        if target - x in seen:
            return seen[target - x], i
        seen[x] = i
    return -1, -1


# --- dicts and sets -------------------------------------------------------------------------

def word_lengths_histogram(lengths):
    hist = {}
    for n in lengths:
        hist[n] = hist.get(n, 0) + 1
    return sorted(hist.items())


def mode(xs):
    counts = collections.Counter()
    for x in xs:
        counts[x] += 1
    best, best_n = xs[0], 0
    for x, n in counts.items():
        if n > best_n:
            best, best_n = x, n
    return best


def group_sums(keys, values):
    groups = collections.defaultdict(float)
    for k, v in zip(keys, values):
        groups[k] += v
    return [(k, groups[k]) for k in sorted(groups)]


def collatz_memo(limit):
    memo = {1: 1}
    best, arg = 1, 1
    for start in range(2, limit):
        path = []
        n = start
        while n not in memo:
            path.append(n)
            n = n // 2 if n % 2 == 0 else 3 * n + 1
        length = memo[n]
        for m in reversed(path):
            length += 1
            memo[m] = length
        if length > best:
            best, arg = length, start
    return arg, best


def unique_in_order(xs):
    seen = set()
    out = []
    for x in xs:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def jaccard(a, b):
    sa, sb = set(a), set(b)
    union = sa | sb
    if not union:
        return 1.0
    return len(sa & sb) / len(union)


def degree_table(edges):
    deg = {}
    for u, v in edges:
        deg[u] = deg.get(u, 0) + 1
        deg[v] = deg.get(v, 0) + 1
    return list(deg.items())


def sparse_dot(a, b):
    return sum(v * b[k] for k, v in a.items() if k in b)


def update_inventory(stock, orders):
    for item, qty in orders:
        if stock.get(item, 0) < qty:
            raise KeyError(item)
        stock[item] -= qty
        if stock[item] == 0:
            del stock[item]
    return len(stock)


def visited_cells(moves):
    x = y = 0
    seen = {(0, 0)}
    for dx, dy in moves:
        x += dx
        y += dy
        seen.add((x, y))
    return len(seen)


def shortest_path(n, edges, src):
    dist = {src: 0.0}
    frontier = {src}
    while frontier:
        nxt = set()
        for u in sorted(frontier):
            for a, b, w in edges:
                if a == u and (b not in dist or dist[u] + w < dist[b]):
                    dist[b] = dist[u] + w
                    nxt.add(b)
        frontier = nxt
    return [dist.get(i, -1.0) for i in range(n)]


# --- records and classes ---------------------------------------------------------------------

@dataclass
class Particle:
    x: float
    y: float
    vx: float
    vy: float

    def step(self, dt, g):
        self.vy -= g * dt
        self.x += self.vx * dt
        self.y += self.vy * dt
        if self.y < 0.0:
            self.y = -self.y
            self.vy = -self.vy * 0.9


def simulate(n, steps, dt):
    ps = [Particle(float(i), 10.0 + i, 1.0, 0.0) for i in range(n)]
    for _ in range(steps):
        for p in ps:
            p.step(dt, 9.81)
    return sum(p.y for p in ps), max(p.x for p in ps)


class Account:
    def __init__(self, owner_id, balance):
        self.owner_id = owner_id
        self.balance = balance
        self.history = []

    def withdraw(self, amount):
        if amount > self.balance:
            raise ValueError(f"insufficient funds: {self.balance} < {amount}")
        self.balance -= amount
        self.history.append(-amount)

    def deposit(self, amount):
        self.balance += amount
        self.history.append(amount)


def run_account(ops):
    acc = Account(7, 100.0)
    for op in ops:
        if op >= 0:
            acc.deposit(op)
        else:
            acc.withdraw(-op)
    return acc.balance, len(acc.history)


class Point(NamedTuple):
    x: float
    y: float


def polygon_area(xs, ys):
    pts = [Point(x, y) for x, y in zip(xs, ys)]
    area = 0.0
    for i in range(len(pts)):
        p, q = pts[i], pts[(i + 1) % len(pts)]
        area += p.x * q.y - q.x * p.y
    return abs(area) / 2.0


@dataclass(order=True)
class Job:
    priority: int
    duration: float


def schedule(priorities, durations):
    jobs = sorted(Job(p, d) for p, d in zip(priorities, durations))
    t = 0.0
    finish = 0.0
    for j in jobs:
        t += j.duration
        finish += t
    return finish


class Stack:
    def __init__(self):
        self.items = []

    def push(self, v):
        self.items.append(v)

    def pop(self):
        if not self.items:
            raise IndexError("pop from empty stack")
        return self.items.pop()

    def __len__(self):
        return len(self.items)


def eval_rpn(tokens):
    # tokens: numbers, or -1 (+), -2 (-), -3 (*), -4 (/)
    s = Stack()
    for t in tokens:
        if t >= 0:
            s.push(float(t))
        else:
            b, a = s.pop(), s.pop()
            s.push(a + b if t == -1 else a - b if t == -2 else a * b if t == -3 else a / b)
    return s.pop()


@dataclass
class Vec2:
    x: float
    y: float

    def __add__(self, o):
        return Vec2(self.x + o.x, self.y + o.y)

    def __mul__(self, k):
        return Vec2(self.x * k, self.y * k)

    def norm(self):
        return math.hypot(self.x, self.y)


def centroid(xs, ys):
    acc = Vec2(0.0, 0.0)
    for x, y in zip(xs, ys):
        acc = acc + Vec2(x, y)
    c = acc * (1.0 / len(xs))
    return c.x, c.y, c.norm()


class Node:
    def __init__(self, key):
        self.key = key
        self.left = None
        self.right = None


def bst_sorted(keys):
    root = None
    for k in keys:
        node = Node(k)
        if root is None:
            root = node
            continue
        cur = root
        while True:
            if k < cur.key:
                if cur.left is None:
                    cur.left = node
                    break
                cur = cur.left
            else:
                if cur.right is None:
                    cur.right = node
                    break
                cur = cur.right
    out = []

    def walk(n):
        if n is None:
            return
        walk(n.left)
        out.append(n.key)
        walk(n.right)
    walk(root)
    return out


# --- generators -----------------------------------------------------------------------------

def fib_gen():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


def first_fib_above(limit):
    for f in fib_gen():
        if f > limit:
            return f
    return -1


def windows(xs, k):
    for i in range(len(xs) - k + 1):
        yield sum(xs[i:i + k])


def best_window(xs, k):
    return max(windows(xs, k), default=0.0)


def running_mean(xs):
    total = 0.0
    for i, x in enumerate(xs):
        total += x
        yield total / (i + 1)


def mean_path(xs):
    return list(running_mean(xs))


def chunked_norms(xs, k):
    return [math.sqrt(sum(v * v for v in xs[i:i + k])) for i in range(0, len(xs), k)]


def any_above(xs, t):
    return any(x > t for x in xs), all(x > 0 for x in xs)


# --- lists of arrays, keyed min/max, lists filled by methods (issue 18) -------------------

def kmeans_step(points, centers):
    # points: (n, 2), centers: a list of 2-vectors; one Lloyd iteration
    clusters = [[] for _ in range(len(centers))]
    for p in points:
        best = min(range(len(centers)), key=lambda j: float(((p - centers[j]) ** 2).sum()))
        clusters[best].append(p)
    out = []
    for j, c in enumerate(clusters):
        out.append(np.mean(np.array(c), axis=0) if c else centers[j].copy())
    return np.stack(out)


def trajectory(x0, v, steps, dt):
    xs = [x0.copy()]
    for _ in range(steps):
        x = xs[-1] + v * dt
        xs.append(x)
    path = np.array(xs)
    return path, float(np.linalg.norm(path[-1] - path[0]))


def ragged_blocks(sizes):
    blocks = [np.arange(s, dtype=np.float64) * (i + 1) for i, s in enumerate(sizes)]
    flat = np.concatenate(blocks)
    longest = max(blocks, key=len, default=np.zeros(0))
    return flat, longest, [float(b.sum()) for b in blocks]


def normalize_rows(rows):
    # rows: a list of 1-D arrays, normalized in place (the caller sees it)
    for r in rows:
        n = np.sqrt((r * r).sum())
        if n > 0:
            r /= n
    return len(rows)


class History:
    def __init__(self):
        self.values = []
        self.snapshots = []

    def record(self, v, state):
        self.values.append(v)
        self.snapshots.append(state.copy())

    def best(self):
        return max(range(len(self.values)), key=lambda i: self.values[i], default=-1)


def gradient_descent(a, b, lr, steps):
    x = np.zeros(2)
    h = History()
    for _ in range(steps):
        g = 2 * a * (x - b)
        x = x - lr * g
        h.record(-float(((x - b) ** 2 * a).sum()), x)
    k = h.best()
    return k, h.snapshots[k] if k >= 0 else x, len(h.snapshots)


def closest_pair(xs):
    pairs = [(xs[i], xs[j]) for i in range(len(xs)) for j in range(i + 1, len(xs))]
    return min(pairs, key=lambda p: abs(p[0] - p[1]), default=(0.0, 0.0))


def longest_run(xs):
    runs = []
    cur = []
    for x in xs:
        if cur and x < cur[-1]:
            runs.append(cur)
            cur = []
        cur.append(x)
    if cur:
        runs.append(cur)
    return max((len(r) for r in runs), default=0)
