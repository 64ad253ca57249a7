"""& | ^ ~ << >> on ints (negative too) and bools; shift counts >= 64 and negative."""
from ..support import C

MAXI = 2**63 - 1
MINI = -2**63


def band(a, b):
    return a & b


def bor(a, b):
    return a | b


def bxor(a, b):
    return a ^ b


def invert(a):
    return ~a


def lshift(a, n):
    return a << n


def rshift(a, n):
    return a >> n


def popcount(n):
    c = 0
    while n:
        c += n & 1
        n >>= 1
    return c


def low_bits(n, k):
    return n & ((1 << k) - 1)


def is_power_of_two(n):
    return n > 0 and n & (n - 1) == 0


def swap_xor(a, b):
    a ^= b
    b ^= a
    a ^= b
    return a, b


def mix_hash(h):
    h ^= h >> 33
    h = (h * 0xff51afd7) & 0xFFFFFFFF
    h ^= h >> 15
    return h


def bool_bits(p, q):
    return p & q, p | q, p ^ q


def bit_length(n):
    k = 0
    while n > 0:
        n >>= 1
        k += 1
    return k


CASES = [
    C(band, (12, 10), (-1, 255), (-8, 7), (MINI, -1), (MAXI, MINI), (True, 3), (0, -1)),
    C(bor, (12, 10), (-8, 7), (MINI, MAXI), (False, 4), (0, 0)),
    C(bxor, (12, 10), (-1, 5), (MINI, -1), (True, 1), (7, 7)),
    C(invert, 0, -1, 5, MAXI, MINI),
    C(lshift, (1, 0), (1, 62), (1, 63), (-1, 63), (1, 64), (3, 61), (3, 62), (-3, 61), (0, 1000), (5, -1),
      (0, -1), (MINI, 0), (True, 3), (1, 200), (0, 2**40)),
    C(rshift, (256, 4), (-256, 4), (-1, 1), (-1, 63), (-1, 64), (-1, 1000), (MAXI, 63), (MAXI, 64),
      (MINI, 63), (MINI, 64), (5, 2**40), (5, -1), (True, 0), (7, 0)),
    C(popcount, 0, 1, 255, MAXI, 2**40 + 7),
    C(low_bits, (255, 4), (-1, 8), (MAXI, 62), (12345, 0), (1, 63), (5, -1)),
    C(is_power_of_two, 0, 1, 2, 3, 1024, 2**62, -4, MAXI),
    C(swap_xor, (3, 5), (-1, 0), (MINI, MAXI)),
    C(mix_hash, 0, 1, 123456789, MAXI, -5),
    C(bool_bits, (True, False), (True, True), (False, False)),
    C(bit_length, 0, 1, 255, 256, MAXI, -3),
]
