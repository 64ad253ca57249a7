"""Functions for tests/frontend/test_pop_before_push.py: lists popped on a
path traced before their first push, and calls that always raise."""
from __future__ import annotations


def rpn_local(tokens: list[int]) -> float:
    st = []
    for t in tokens:
        if t < 0:
            b = st.pop()
            a = st.pop()
            st.append(a + b if t == -1 else a * b if t == -2 else a / b)
        else:
            st.append(float(t))
    return st.pop()


class Machine:
    def __init__(self):
        self.stack = []

    def binop(self, op):
        b = self.stack.pop()
        a = self.stack.pop()
        self.stack.append(a - b if op == 0 else a * b)

    def push(self, v):
        self.stack.append(v)

    def top(self):
        if not self.stack:
            raise IndexError("empty machine")
        return self.stack.pop()


def run_machine(tokens: list[int]) -> int:
    m = Machine()
    for t in tokens:
        if t < 0:
            m.binop(t + 2)
        else:
            m.push(t)
    return m.top()


def fail(n):
    raise ValueError(f"bad n: {n}")


def uses_failing_result(n: int) -> float:
    if n > 3:
        x = fail(n)
        return x * 2.0
    return n * 0.5


def only_pops(n: int) -> int:
    st = []
    if n > 0:
        return st.pop()
    return n
