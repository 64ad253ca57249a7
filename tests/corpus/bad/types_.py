"""Type errors found while tracing, unstable types."""


def add_string(x):
    y = x * 2.0
    return y + "1"  # BAD[P2W003]


def unstable_type(x):
    r = 0  # BAD[P2W004]
    if x > 0:
        r = 0.5  # BAD[P2W004]
    return r  # BAD[P2W004]
