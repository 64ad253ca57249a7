"""The standard library's containers for the `py` kind (a mixin of
gen_py.PyGen; `--exclude py_collections` leaves it out): collections.deque
(maxlen, rotate, appendleft, popleft/pop of an empty deque: IndexError,
indexing past the end), collections.Counter (of a list, most_common with
CPython's tie order, total, elements, update, `+`/`-`), defaultdict(list)
and defaultdict(int) grouping, heapq (heapify, heappush, heappop of an
empty heap, heappushpop, heapreplace, nsmallest/nlargest, tuples), bisect
(bisect_left/right with lo, insort) on lists of ints and floats.
"""
from __future__ import annotations

import ast

from .gen_scalar import FLOAT, INT, L, call, const
from .program import T

COLL_HELPER_SRC = '''
def dq_run(xs, k, m):
    q = collections.deque(xs, m % 5)
    q.rotate(k)
    q.append(k)
    if k % 3 == 0:
        q.appendleft(-k)
    s = len(q) + q.count(k)
    if k % 4 == 1:
        s += q.popleft()
    if k % 5 == 2:
        s += q.pop() * 2
    return s + q[k % 3] * 3 + q[-1]


def dq_float(xs, k):
    q = collections.deque()
    for x in xs:
        if x > 0:
            q.append(x)
        else:
            q.appendleft(x)
    q.extend([0.5, -1.5])
    q.rotate(-k)
    t = 0.0
    while len(q) > 1:
        t = t * 0.5 + q.popleft() - q.pop()
    return t + q[0] if q else t


def hq_run(xs, k):
    h = list(xs)
    heapq.heapify(h)
    heapq.heappush(h, k)
    a = heapq.heappop(h)
    b = heapq.heappushpop(h, k * 2)
    c = heapq.heapreplace(h, -k) if k % 2 else 0
    return a * 7 + b + c + sum(heapq.nsmallest(2, h)) - sum(heapq.nlargest(k % 4, h))


def hq_pairs(xs, k):
    h = []
    for i in range(len(xs)):
        heapq.heappush(h, (xs[i] % 7, -i))
    out = 0
    for _ in range(k % 6):
        d, i = heapq.heappop(h)
        out = out * 3 + d - i
    return out


def bs_run(xs, k):
    a = sorted(xs)
    bisect.insort(a, k)
    bisect.insort_left(a, k // 2)
    return bisect.bisect_left(a, k) * 100 + bisect.bisect_right(a, k, k % 3) + len(a)


def bs_float(xs, x):
    a = sorted(xs)
    bisect.insort_right(a, x)
    return a[bisect.bisect_left(a, x) - 1] + bisect.bisect(a, -x)


def ct_run(xs, k):
    c = collections.Counter(xs)
    c.update([k, k, k % 5])
    top = c.most_common(k % 4)
    s = c.total() + c[k] * 10 + len(list(c.elements()))
    for key, n in top:
        s = s * 7 + key * n
    d = collections.Counter(xs[:3])
    e = c - d
    f = c + d
    return s + len(e) * 1000 + sum(f.values())


def dd_run(xs, k):
    g = collections.defaultdict(list)
    c = collections.defaultdict(int)
    for x in xs:
        g[x % 3].append(x)
        c[x] += k
    s = len(g) * 100 + c[k] + len(c)
    for key, v in g.items():
        s = s * 5 + key * len(v) + sum(v)
    return s
'''


class CollectionsPy:
    P_COLL = 0.06

    def _con(self):
        return not self.ex("py_collections")

    def extra_helpers(self):
        out = super().extra_helpers()
        if not self._con():
            return out
        return out + [ast.Import([ast.alias("collections"), ast.alias("heapq"),
                                  ast.alias("bisect")])] + ast.parse(COLL_HELPER_SRC).body

    def e_int(self, d):
        if self._con() and self.rng.random() < self.P_COLL:
            return self.c_int(d)
        return super().e_int(d)

    def e_float(self, d):
        if self._con() and self.rng.random() < self.P_COLL:
            return self.c_float(d)
        return super().e_float(d)

    def c_int(self, d):
        r = self.rng
        k = r.randrange(9)
        li = self.leaf("li")
        n = self.small_int()
        if k == 0:
            return call("dq_run", [li, n, self.small_int()], INT)
        if k == 1:
            return call("hq_run", [li, n], INT)
        if k == 2:
            return call("hq_pairs", [li, n], INT)
        if k == 3:
            return call("bs_run", [li, n], INT)
        if k == 4:
            return call("ct_run", [li, n], INT)
        if k == 5:
            return call("dd_run", [li, n], INT)
        if k == 6:  # a missing key counts 0
            cnt = T(ast.Call(ast.Attribute(ast.Name("collections", L), "Counter", L), [li], []),
                    None)
            return T(ast.Subscript(cnt, n, L), INT)
        if k == 7:
            return T(ast.Call(ast.Attribute(ast.Name("bisect", L), r.choice(
                ["bisect_left", "bisect_right"]), L), [call("sorted", [li], "li"), n], []), INT)
        lst = T(ast.Call(ast.Attribute(ast.Name("heapq", L), r.choice(["nsmallest", "nlargest"]),
                                       L), [const(r.randint(0, 4), INT), li], []), "li")
        return call("sum", [lst], INT)

    def c_float(self, d):
        r = self.rng
        lf = self.leaf("lf")
        if r.random() < 0.5:
            return call("dq_float", [lf, self.small_int()], FLOAT)
        return call("bs_float", [lf, self.leaf(FLOAT)], FLOAT)
