"""Programs and int64 limits shared by the tests of the loop passes that
guard checked arithmetic (tests/passes/test_ifconvert.py,
tests/passes/test_rare_exit.py): Collatz steps, whose `3 * x + 1` overflows
int64 just above MAX // 3, alone and with a trip bound."""

MAX, MIN = 2**63 - 1, -2**63
TARGETS = ["mvp", "simd", "relaxed-simd"]


def collatz_steps(x: int) -> int:
    steps = 0
    while x != 1:
        if x % 2 == 0:
            x = x // 2
        else:
            x = 3 * x + 1
        steps += 1
    return steps


def halve_or_triple(x: int, n: int) -> int:  # collatz steps with a trip bound: negative x too
    steps = 0
    while n > 0 and x != 1:
        if x % 2 == 0:
            x = x // 2
        else:
            x = 3 * x + 1
        steps += 1
        n -= 1
    return x * 1000 + steps
