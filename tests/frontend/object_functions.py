"""Functions using the user's classes (dataclasses, plain classes, NamedTuples)
for tests/frontend/test_objects.py: each is run by CPython and compiled."""
from __future__ import annotations

import collections
import dataclasses
import math
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np


# --- dataclasses --------------------------------------------------------------------------

@dataclass
class Vec:
    x: float
    y: float = 0.0

    def norm(self):
        return math.sqrt(self.x * self.x + self.y * self.y)

    def scale(self, k):
        self.x *= k
        self.y *= k

    def __add__(self, o):
        if isinstance(o, Vec):
            return Vec(self.x + o.x, self.y + o.y)
        return NotImplemented

    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y)

    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)

    def __rmul__(self, k):
        return Vec(k * self.x, k * self.y)

    def __neg__(self):
        return Vec(-self.x, -self.y)

    def __abs__(self):
        return self.norm()

    def __iadd__(self, o):
        self.x += o.x
        self.y += o.y
        return self


def vec_ops(a: float, b: float, k: float):
    u = Vec(a, b)
    v = Vec(b)
    w = u + v * k - (-u)
    z = 2.0 * w
    z += u
    return z.x, z.y, abs(z), u == Vec(a, b), u != v, w.norm()


def vec_mutate(a: float, n: int) -> float:
    v = Vec(a, 1.0)
    for i in range(n):
        v.scale(0.5)
        v.x += i
    return v.x + v.y


@dataclass(order=True)
class Item:
    key: int
    weight: float = 1.0


def ordering(a: int, b: int, wa: float, wb: float):
    p = Item(a, wa)
    q = Item(b, wb)
    return p < q, p <= q, p > q, p >= q, p == q, p != q


@dataclass
class Stats:
    n: int = 0
    mean: float = 0.0
    m2: float = 0.0
    history: list = field(default_factory=lambda: [0.0])

    def push(self, x):
        self.n += 1
        d = x - self.mean
        self.mean += d / self.n
        self.m2 += d * (x - self.mean)
        self.history.append(x)

    @property
    def variance(self):
        return self.m2 / (self.n - 1)


def welford(a: float, b: float, c: float):
    s = Stats()
    s.push(a)
    s.push(b)
    s.push(c)
    return s.n, s.mean, s.variance, len(s.history), s.history[2]


def welford_short(a: float) -> float:
    s = Stats()
    s.push(a)
    return s.variance  # ZeroDivisionError: one value


@dataclass(frozen=True)
class Point:
    x: float
    y: float

    def moved(self, dx):
        return dataclasses.replace(self, x=self.x + dx)


def frozen_ok(a: float, b: float):
    p = Point(a, b)
    q = p.moved(1.0)
    return q.x, q.y, p == q, dataclasses.astuple(q)


def frozen_assign(a: float) -> float:
    p = Point(a, a)
    p.x = 2.0
    return p.x


def frozen_delete(a: float, n: int) -> float:
    p = Point(a, a)
    if n > 0:
        del p.x  # FrozenInstanceError, not the AttributeError of an unset field
    if n > 1:
        del p.z
    return p.x


class Guarded:
    def __init__(self, v):
        self._v = v

    @property
    def v(self):
        return self._v

    @property
    def w(self):
        return self._v * 2

    @w.deleter
    def w(self):
        self._v = -1


def property_delete(n: int) -> int:
    g = Guarded(n)
    if n > 0:
        del g.w  # the deleter runs
    if n > 5:
        del g.v  # AttributeError: no deleter
    return g.v


@dataclass
class Derived:
    a: float
    b: float
    total: float = field(init=False)

    def __post_init__(self):
        if self.a < 0:
            raise ValueError("a must be >= 0")
        self.total = self.a + self.b


def post_init(a: float, b: float) -> float:
    d = Derived(a, b)
    return d.total * 2.0


# --- plain classes ------------------------------------------------------------------------

class Counter:
    step = 1           # a class attribute, shadowed by the instance's once assigned
    LIMIT = 10

    def __init__(self, start):
        self.value = start

    def bump(self):
        self.value += self.step
        if self.value > self.LIMIT:
            self.step = -1
        return self

    @staticmethod
    def twice(x):
        return 2 * x

    @classmethod
    def fresh(cls, v):
        return cls(v)

    def __len__(self):
        return self.value if self.value > 0 else 0

    def __bool__(self):
        return self.value != 3


def counter(n: int, start: int):
    c = Counter.fresh(start)
    for _ in range(n):
        c.bump()
    return c.value, c.step, Counter.twice(c.value), len(c), bool(c), Counter.step


def truthiness(start: int) -> int:
    c = Counter(start)
    if c:
        return 1
    return 0


class Temperature:
    def __init__(self, celsius):
        self._c = celsius

    @property
    def fahrenheit(self):
        return self._c * 9.0 / 5.0 + 32.0

    @fahrenheit.setter
    def fahrenheit(self, f):
        self._c = (f - 32.0) * 5.0 / 9.0


def properties(c: float, f: float):
    t = Temperature(c)
    a = t.fahrenheit
    t.fahrenheit = f
    return a, t._c


class Node:
    def __init__(self, value, nxt=None):
        self.value = value
        self.next = self if nxt is None else nxt


class Chain:
    def __init__(self):
        self.count = 0

    def __getitem__(self, i):
        if i < 0 or i >= self.count:
            raise IndexError("chain index out of range")
        return i * 10

    def __setitem__(self, i, v):
        self.count = v

    def __call__(self, k):
        return self.count * k


def chain_ops(n: int, i: int):
    c = Chain()
    c[0] = n
    return c[i], c(3)


def aliasing(a: float):
    p = Vec(a, a)
    q = p
    q.x = 5.0
    r = Vec(a, a)
    return p.x, p is q, p is r, p is not r, r.x


def bump_vec(v):
    v.x += 1.0


def mutate_in_callee(a: float, n: int) -> float:
    v = Vec(a)
    for _ in range(n):
        bump_vec(v)
    return v.x


def conditional_field(a: float) -> float:
    c = Counter(0)
    if a > 0:
        c.extra = a
    return c.extra  # AttributeError when a <= 0


def missing_attr(a: float) -> float:
    v = Vec(a)
    return v.z


def holders(a: float, b: int):
    v = Vec(a, 2.0)
    c = Counter(b)
    c.vec = v          # an instance holding another
    c.pair = (a, b)    # a tuple
    c.z = complex(a, 1.0)
    c.f32 = np.float32(a)
    c.vec.x = 7.0
    return v.x, c.pair[1], c.z.imag, c.f32 * np.float32(2)


def introspection(a: float):
    v = Vec(a)
    c = Counter(1)
    setattr(c, "value", 5)
    return (isinstance(v, Vec), isinstance(v, Counter), type(v) is Vec, hasattr(v, "x"),
            hasattr(v, "nope"), getattr(c, "value"), hasattr(c, "extra"))


def _walk(cur, n):
    s = 0.0
    k = 0
    while k < n:
        s += cur.value
        cur = cur.next
        k += 1
    return s


def _chain(head, n):
    cur = head
    for i in range(1, n):
        nd = Node(float(i), head)
        cur = nd
        head = nd
    return cur


def wrong_kind(n: int) -> float:
    head = Node(0.0, Counter(0))   # `next`: a Counter here, a Node below: refused
    return _walk(_chain(head, n), n)


class Base:
    def __init__(self, x):
        self.x = x

    def f(self):
        return self.x + self.g()

    def g(self):
        return 1.0


class Child(Base):
    def g(self):
        return 100.0


def inheritance(x: float):
    return Base(x).f(), Child(x).f(), isinstance(Child(x), Base)


class Empty:
    pass


def no_init_args(x: float) -> float:
    e = Empty()
    e.v = x
    return e.v


def type_change(n: int) -> float:
    c = Counter(0)     # value: an int
    c.value = 0.5      # then a float: refused when compiling
    return c.value


def store_array(a):
    c = Counter(0)
    c.arr = a
    return 1.0


def objects_in_loop(n: int) -> float:
    total = Vec(0.0)
    for i in range(n):
        total += Vec(float(i), 1.0)
    return total.x + total.y


# --- NamedTuples --------------------------------------------------------------------------

class P3(NamedTuple):
    x: float
    y: float
    z: float = 0.0

    def dot(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z


Pair = collections.namedtuple("Pair", ["lo", "hi"])


def namedtuples(a: float, b: float):
    p = P3(a, b)
    q = p._replace(z=2.0)
    x, y, z = q
    r = Pair(min(a, b), max(a, b))
    return p.dot(q), q[2], x + y + z, r.hi - r.lo, len(q), p == P3(a, b, 0.0)


def namedtuple_loop(n: int) -> float:
    acc = P3(0.0, 0.0)
    for i in range(n):
        acc = P3(acc.x + i, acc.y - i, acc.z + 0.5)
    return acc.x + acc.y + acc.z


def namedtuple_result(a: float):
    return P3(a, 2.0 * a)


def linked(n: int) -> float:
    head = Node(0.0)
    return _walk(_chain(head, n), n)


class Shape:
    def __init__(self, n):
        self.n = n

    def area(self):
        return 0.0

    def describe(self):
        return self.area() * self.n


class Square(Shape):
    def __init__(self, n, side):
        super().__init__(n)
        self.side = side

    def area(self):
        return self.side * self.side + super().area()


class Cube(Square):
    def area(self):
        return 6 * super().area()


class Plain:
    def __init__(self):
        super().__init__()
        self.v = 1


def with_super(n: int, s: float):
    return Square(n, s).describe(), Cube(n, s).describe(), Plain().v


# --- attributes that are an instance or None (objects.Nullable) -------------------------

class LNode:
    def __init__(self, value, nxt=None):
        self.value = value
        self.next = nxt


class Tree:
    def __init__(self, key):
        self.key = key
        self.left = None
        self.right = None


def insert(root, key):
    if key < root.key:
        if root.left is None:
            root.left = Tree(key)
        else:
            insert(root.left, key)
    else:
        if root.right is None:
            root.right = Tree(key)
        else:
            insert(root.right, key)


def depth(t):
    if t is None:
        return 0
    return 1 + max(depth(t.left), depth(t.right))


def tree_total(t) -> int:
    if t is None:
        return 0
    return t.key + tree_total(t.left) + tree_total(t.right)


def none_linked(n: int):
    head = None
    for i in range(n):
        head = LNode(i * 1.5, head)
    s = 0.0
    cur = head
    while cur is not None:
        s += cur.value
        cur = cur.next
    return s


def bst(n: int):
    root = Tree(50)
    for i in range(n):
        insert(root, (i * 37) % 101)
    return depth(root), tree_total(root)


def none_attribute(n: int):
    head = LNode(1.0)
    return head.next.value
