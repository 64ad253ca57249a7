"""while, for over range (start/stop/step, negative steps), for-else, break,
continue, nested loops, early return."""
from ..support import C

INF = float("inf")
NAN = float("nan")


def sum_range(n):
    s = 0
    for i in range(n):
        s += i
    return s


def sum_range3(start, stop, step):
    s = 0
    for i in range(start, stop, step):
        s += i
    return s


def count_range3(start, stop, step):
    c = 0
    for _ in range(start, stop, step):
        c += 1
    return c


def countdown(n):
    s = 0
    for i in range(n, 0, -1):
        s = s * 3 + i
    return s


def last_index(start, stop, step):
    last = -1
    for i in range(start, stop, step):
        last = i
    return last


def while_sum(n):
    i = 0
    s = 0.0
    while i < n:
        s += 1.0 / (i + 1)
        i += 1
    return s


def find_divisor(n):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        return -1
    return d


def sum_skip_multiples(n, k):
    s = 0
    for i in range(n):
        if i % k == 0:
            continue
        s += i
    return s


def nested_loops(n, m):
    t = 0
    for i in range(n):
        for j in range(m):
            t += i * j - j
    return t


def triangle_count(n):
    c = 0
    for i in range(n):
        for j in range(i):
            if (i + j) % 3 == 0:
                continue
            if j > 5:
                break
            c += 1
    return c


def first_square_above(limit):
    i = 0
    while True:
        if i * i > limit:
            return i
        i += 1


def while_else(n):
    i = n
    while i > 0:
        if i == 7:
            break
        i -= 2
    else:
        return -i
    return i * 100


def float_accumulate(x, n):
    acc = 0.0
    for k in range(n):
        acc = acc * 0.5 + x
    return acc


def loop_var_after(n):
    i = -1
    for i in range(n):
        pass
    return i


def nested_break_outer(n):
    found = 0
    for i in range(1, n):
        for j in range(1, n):
            if i * j == 12:
                found = i * 100 + j
                break
        if found:
            break
    return found


def while_two_conditions(a, b):
    steps = 0
    while a > 0 and b > 0:
        a -= 3
        b -= 2
        steps += 1
    return steps, a, b


def reverse_range_sum(n):
    s = 0
    for i in reversed_ranges(n):
        s += i
    return s


def reversed_ranges(n):
    return range(n - 1, -1, -1)


HELPERS = [reversed_ranges]

CASES = [
    C(sum_range, 0, 1, 10, -5, 100000),
    C(sum_range3, (0, 10, 1), (0, 10, 3), (10, 0, -1), (10, 0, -3), (0, 10, -1), (5, 5, 1), (-10, 10, 7),
      (0, 10, 0), (2**62, 2**62 + 10, 3), (-2**63, -2**63 + 3, 1), (2**63 - 3, 2**63 - 1, 1)),
    C(count_range3, (0, 100, 7), (100, 0, -7), (0, 1, 100), (-5, -50, -5), (0, 0, -1), (1, 2, 0),
      (-2**63, 2**63 - 1, 2**62)),
    C(countdown, 0, 1, 5, 20),
    C(last_index, (0, 10, 3), (10, 0, -4), (0, 0, 1), (-1, -10, -2)),
    C(while_sum, 0, 1, 10, 1000),
    C(find_divisor, 2, 9, 13, 97, 91, 1),
    C(sum_skip_multiples, (20, 3), (10, 1), (0, 5), (10, 0), (10, -3)),
    C(nested_loops, (3, 4), (0, 5), (10, 10), (5, 0)),
    C(triangle_count, 0, 5, 20),
    C(first_square_above, 0, 1, 99, 100, 10**6),
    C(while_else, 10, 9, 7, 0, -3),
    C(float_accumulate, (1.0, 10), (0.1, 60), (-0.0, 0), (-0.0, 1), (NAN, 3), (INF, 5)),
    C(loop_var_after, 0, 1, 10),
    C(nested_break_outer, 5, 13, 2),
    C(while_two_conditions, (10, 10), (0, 5), (7, 100), (100, 7)),
    C(reverse_range_sum, 0, 5, 100),
]
