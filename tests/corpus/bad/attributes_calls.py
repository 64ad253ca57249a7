"""Unknown attributes, unsupported C functions, unsupported signatures,
and an error located in a helper in another file."""
import math
import time

from . import helper_other_file


def unknown_math_attr(x):
    y = x + 1.0
    return math.nosuch(y)  # BAD[P2W005]


def unsupported_c_function(x):
    t = time.time()  # BAD[P2W002]
    return x + t


def star_args(*args):  # BAD
    return args[0]


def star_kwargs(x, **kw):  # BAD
    return x


def error_in_helper(x):
    return helper_other_file.helper(x) + 1.0
