"""The generators produce the constructs docs/fuzzing.md lists (a construct
that silently stopped being generated would leave its bugs unfound)."""
import re

from tests.fuzz.runner import program_for


_SOURCES: dict = {}


def sources(seed: int, kind: str, n: int) -> list:
    """The sources of programs 0..n-1 of `kind` ("mixed": scalar and array
    alternately), each generated once for every test that reads it."""
    got = _SOURCES.setdefault((seed, kind), [])
    for i in range(len(got), n):
        got.append(program_for(seed, i, ("scalar", "array")[i % 2] if kind == "mixed" else kind)
                   .source())
    return got[:n]


def assert_generated(constructs: dict, srcs) -> None:
    """Every construct's pattern occurs in at least one of the sources."""
    seen = {k: sum(1 for src in srcs if re.search(pat, src, re.M))
            for k, pat in constructs.items()}
    assert all(seen.values()), seen

CONSTRUCTS = {
    "raise with a formatted message": r"raise \w+Error\(f'",
    "assert": r"\bassert ",
    "bounded recursion": r"def r0\(n, x\):",
    "for ... else": r"\n( +)for .*\n(?:\1 .*\n)+\1else:",
    "tuple assignment": r"\n +\w+, \w+ = ",
    "while": r"\bwhile ",
    "var/std": r"(\.|np\.)(var|std)\(",
    "augmented assignment through a view": r"\[[^\]]*:[^\]]*\] (\+|-|\*|//|/|\^)= ",
    "NumPy scalar constructor": r"np\.(u?int\d+|float\d+)\((?!math)",
    "keepdims": r"keepdims=True",
    "negative-step view": r"::-1\]",
    "matrix product": r" @ ",
}

# the widened scalar generator (gen_scalar_extra.py)
SCALAR_EXTRA_CONSTRUCTS = {
    "divmod": r"\bdivmod\(",
    "two-argument pow": r"\bpow\([^,()]+, [^,()]+\)",
    "round to tens": r"\bround\([^)]*, -\d+\)",
    "more math": r"math\.(tan|asin|acos|sinh|cosh|asinh|acosh|atanh|log2|log10|erf|degrees|radians|pow)\(",
    "and/or of numbers": r"\((p\d|v\d+) (and|or) ",
    "tuple at a run-time index": r"\)\[(p\d|v\d+)",
    "while ... else": r"\n( +)while .*\n(?:\1 .*\n)+\1else:",
    "negative range step": r"range\(.*, -\d\)",
    "elif": r"\belif\b",
    "lambda": r"= lambda a:",
    "module constant": r"\nC\d = ",
    "keyword argument": r"\bg\d\([^)]*p\d=",
    "default parameter": r"def g\d\([^)]*=",
    "augmented shift/power": r" (<<|>>|\*\*|//|%)= ",
}

# the widened array generator (gen_array_more.py)
ARRAY_CONSTRUCTS = {
    "integer-array index": r"\[(:, )?np\.array\(\[",
    "nonzero/where index": r"\[np\.(nonzero|where)\(",
    "sort": r"np\.(sort|argsort)\(",
    "in-place sort": r"\.sort\((kind|axis|\))",
    "diff": r"np\.diff\(",
    "ufunc method": r"np\.\w+\.(reduce|accumulate)\(",
    "NumPy scalar with an array": r"np\.(u?int\d+|float\d+)\([^()]*\) [-+*/%&]+ ",
    "complex intermediate": r"(1j|\dj\)|complex(64|128)\)).*\.(real|imag)\b",
    "3-D view": r"np\.transpose\(.*\[(None, :, :|:, None, :)\]",
    "linalg": r"np\.linalg\.(det|inv|solve|norm|matrix_power)\(",
    "in-place through .T": r"\.T\[.*\] (\+|-|\*)= ",
}


def test_every_array_construct_is_generated():
    # the rarest construct: about 1 program in 120
    assert_generated(ARRAY_CONSTRUCTS, sources(6, "array", 1200))


def test_every_scalar_extra_construct_is_generated():
    assert_generated(SCALAR_EXTRA_CONSTRUCTS, sources(5, "scalar", 200))


def test_every_construct_is_generated():
    assert_generated(CONSTRUCTS, sources(5, "mixed", 800))  # keepdims: about 1 array program in 100


PY_CONSTRUCTS = {
    "list comprehension": r"\[[^\]]* for \w+ in ",
    "list method": r"\.(append|insert|remove|sort|reverse|extend)\(",
    "list pop": r"\.pop\(",
    "index/count": r"\.(index|count)\(",
    "slice": r"\[[^\]]*:[^\]]*\]",
    "dict get": r"\.get\(",
    "dict items loop": r"for \w+, \w+ in .*\.items\(\)",
    "set": r"\b(set\(|\.add\(|\.discard\()",
    "enumerate/zip": r"\b(enumerate|zip)\(",
    "sorted": r"\bsorted\(",
    "str split/join": r"\.(split|join)\(",
    "int()/float() of a str": r"\b(int|float)\(p\d\)",
    "f-string value": r"= f'",
    "dataclass": r"\bPt\(",
    "generator": r"\bgen0\(",
    "generator expression": r"\((\w+ \* \w+|\w+ [<>=]+ [^)]*) for \w+ in ",
    "np.array of a list": r"np\.array\(\w+",
    "tolist": r"\.tolist\(\)",
    # gen_py_more.py
    "list of lists": r": list\[list\[int\]\]|\]\[[^\]]+\] (\+)?= |\[\[",
    "nested comprehension": r" for \w+ in [^\]]* for \w+ in ",
    "in-place list/set operator": r"\w+ (\+|\*|\||&|\^|-)= (?!1$)",
    "popitem/update/clear": r"\.(popitem|update|clear)\(",
    "key= lambda": r"key=lambda ",
    "default=": r"default=",
    "str method with bounds": r"\.(find|count|rfind|startswith|endswith)\('[^']*', ",
    "format/repr/% as values": r"\b(format|repr)\(|' % \(|\.format\(",
    "generator of a list": r"\bgen1\(",
    "dataclass method": r"\.(walk|moved)\(|dataclasses\.replace\(",
    "del / slice assignment": r"\bdel \w+\[|\w+\[[^\]]*:[^\]]*\] = ",
    "early exit in a loop": r"for (\w+) in .*:\n +if .*\1.*:\n +(return|raise|break)",
    # gen_py_extra.py
    "frozen dataclass": r"\bFz\(",
    "frozen field assigned or deleted": r"(\bdel t\d+\.|t\d+\.)[xy]( = |\n)",
    "NamedTuple": r"\bNt\(",
    "_replace": r"\._replace\(",
    "property/classmethod/staticmethod": r"\bAcc(\.make|\.sq)?\(",
    "generator with return": r"\bgen2\(",
    "dict of strs": r"\{'[^']*': ",
    "set of strs": r"= \{'[^']*'(, |\})",
    "int(s, base)": r"\bint\(\w+, \d+\)",
    "key=abs/len": r"key=(abs|len)\b",
    "case methods": r"\.(title|capitalize|swapcase|casefold)\(\)",
    # gen_py_try.py
    "try/except": r"\btry:\n(.|\n)*except \(?[A-Z]",
    "Optional result": r"(?<!def )\b(ofind|omin)\(",
    "default-None parameter": r"(?<!def )\boscale\(",
}


def test_every_py_construct_is_generated():
    """The `py` kind (gen_py.py) generates what docs/fuzzing.md lists."""
    assert_generated(PY_CONSTRUCTS, sources(5, "py", 150))


def test_iterated_ranges_are_bounded():
    """sum/min/max of a range the py kind builds has ends reduced to
    [-1000, 1000): CPython's own sum(range(0, ~7e18, 3)) never finishes
    (seed 902000 #31 stalled a run), while len() and `in` keep any ends."""
    srcs = sources(5, "py", 150)
    iterated = [m for src in srcs
                for m in re.findall(r"\b(?:sum|min|max)\(range\(([^\n]*)", src)]
    assert iterated
    assert all(m.count("% 2000 - 1000") >= 2 for m in iterated), iterated[:3]
    assert any(re.search(r"\blen\(range\((?!\()", src) for src in srcs)


# gen_array_extra.py: constructs the hidden fuzzers use that ours did not
EXTRA_CONSTRUCTS = {
    "np.where with a scalar branch": r"np\.where\([^\n]*, (-?\d|True|False|np\.\w+\()",
    "clip/maximum with a scalar": r"np\.(clip|maximum|minimum|fmax|fmin)\(",
    "edge Python int": r"\b(2147483648|4294967296|9223372036854775808|18446744073709551615|300|256)\b",
    "integer division or shift by an array": r"np\.(floor_divide|remainder|left_shift|right_shift)\(",
    "rearranging": r"np\.(roll|flip|tile|repeat|triu|tril|fliplr|flipud)\(",
    "axis argmax/any/count_nonzero": r"(argmax|argmin|any|all|count_nonzero)\([^\n]*axis=",
    "joining": r"np\.(concatenate|stack|hstack|vstack)\(",
    "reshape with -1": r"reshape\([^\n]*-1",
    "unique/searchsorted/outer": r"np\.(unique|searchsorted|outer)\(",
    "array helper": r"def h0\(x\):",
    "while over an array": r"while i\d+ < len\(",
    "chained comparison": r"-?\d < p\d < \d",
}


def test_every_extra_array_construct_is_generated():
    assert_generated(EXTRA_CONSTRUCTS, sources(7, "array", 600))


# gen_array_wide.py: creation with dtypes, views written through, overlaps, out=, element loops
WIDE_CONSTRUCTS = {
    "arange with a dtype": r"np\.arange\([^\n]*dtype=",
    "linspace endpoint": r"np\.linspace\([^\n]*endpoint=",
    "2-D creation": r"np\.(zeros|ones|full|eye|identity)\(\(|np\.(eye|identity)\(",
    "*_like with dtype": r"_like\([^\n]*dtype=",
    "array from scalars": r"np\.array\(\[",
    "outer broadcasting": r"\[:, (None|np\.newaxis)\]",
    "unary operator": r"(~|-)\(?p\d|abs\(p\d",
    "view chain": r"w\d+ = v\d+",
    "overlapping in-place": r"(p|a)\d+\[[^\]]*\] [-+*/%]+= (p|a)\d+\[",
    "out=": r"out=",
    "fill": r"\.fill\(|\[\.\.\.\] =",
    "element loop": r"for (x\d+|\(?i\d+, x\d+|x\d+, y\d+) in ",
}


def test_every_wide_array_construct_is_generated():
    assert_generated(WIDE_CONSTRUCTS, sources(7, "array", 600))


# gen_array_npufuncs.py: the ninth session's ufuncs
NPUFUNC_CONSTRUCTS = {
    "one-operand ufunc": r"np\.(signbit|spacing|cbrt|exp2|sinc|ptp)\(",
    "two-operand ufunc": r"np\.(copysign|heaviside|nextafter|ldexp|gcd|lcm|float_power)\(",
    "fmod": r"np\.fmod\(",
    "fix": r"np\.fix\(",
    "two-result ufunc": r"np\.(divmod|modf|frexp)\([^\n]*\)\[[01]\]",
}


def test_every_npufunc_construct_is_generated():
    assert_generated(NPUFUNC_CONSTRUCTS, sources(7, "array", 1500))


# gen_array_npnan.py: isclose, nan_to_num, the nan* functions, allclose/array_equal, builtins
NPNAN_CONSTRUCTS = {f: r"np\." + f + r"\(" for f in (
    "isclose", "nan_to_num", "nancumsum", "nancumprod", "nansum", "nanmean", "nanvar", "nanstd",
    "nanmax", "nanmin", "nanprod", "nanargmax", "nanargmin", "allclose", "array_equal",
    "array_equiv", "cumulative_sum", "cumulative_prod", "finfo")}
NPNAN_CONSTRUCTS["sum(a, np.float64(0))"] = r"sum\(\w+, np\.float64\(0\)\)"
NPNAN_CONSTRUCTS["max(a) / min(a)"] = r"(max|min)\(p\d+\)"


def test_every_npnan_construct_is_generated():
    # rarer since the other generators joined
    assert_generated(NPNAN_CONSTRUCTS, sources(7, "array", 2000))


NPRANDOM_CONSTRUCTS = {
    "random(shape)": r"default_rng\([^\n]*\)\.random\([^\n]*\.shape\)",
    "uniform": r"\.uniform\(",
    "integers": r"\.integers\(",
    "standard_normal": r"\.standard_normal\(",
    "normal": r"\.normal\(",
    "float32 draws": r"\.random\([^\n]*dtype=np\.float32",
    "permutation": r"\.permutation\(",
    "choice": r"\.choice\(",
    "generator variable": r"g\d+ = np\.random\.default_rng\(",
    "run-time seed": r"default_rng\(len\(",
}


def test_every_nprandom_construct_is_generated():
    assert_generated(NPRANDOM_CONSTRUCTS, sources(7, "array", 1500))


# gen_array_npshape.py: diagonal, atleast_2d, squeeze, moveaxis/rot90, broadcast_to, joins, splits
NPSHAPE_CONSTRUCTS = {
    "diagonal": r"(np\.diagonal\(|\.diagonal\()",
    "atleast_2d": r"np\.atleast_2d\(",
    "squeeze": r"np\.squeeze\(",
    "moveaxis or rot90": r"np\.(moveaxis|rot90)\(",
    "swapaxes": r"(np\.swapaxes\(|\.swapaxes\()",
    "trace": r"(np\.trace\(|\.trace\()",
    "broadcast_to": r"np\.broadcast_to\(",
    "column_stack": r"np\.column_stack\(",
    "dstack": r"np\.dstack\(",
    "split part": r"np\.(array_split|split|hsplit)\([^\n]*\)\[",
    "split unpacked": r"v\d+, v\d+ = np\.array_split\(",
    "delete, insert or trim_zeros": r"np\.(delete|insert|trim_zeros)\(",
    "resize": r"np\.resize\(",
    "tri": r"np\.tri\(",
}


def test_every_npshape_construct_is_generated():
    assert_generated(NPSHAPE_CONSTRUCTS, sources(7, "array", 1500))


# gen_array_npflat.py: weighted averages, a.flat, a.item(i)
NPFLAT_CONSTRUCTS = {
    "average along an axis": r"np\.average\([^\n]*axis=[^\n]*weights=",
    "whole average": r"np\.average\(\w+\)",
    "flat element": r"\.flat\[[^]:\n]*\]",
    "flat slice": r"\.flat\[[^]\n]*:",
    "item(i)": r"\.item\([^)]",
}


def _assert_excluded(name, *needles):
    """`--exclude name` leaves every one of `needles` out."""
    for i in range(100):
        src = program_for(7, i, "array", exclude=(name,)).source()
        assert not any(n in src for n in needles), (name, i)


def test_every_npflat_construct_is_generated_and_excluded():
    assert_generated(NPFLAT_CONSTRUCTS, sources(7, "array", 1500))
    _assert_excluded("npflat", ".flat[", "np.average")


# gen_array_npfft.py: np.fft expressions with real results
NPFFT_CONSTRUCTS = {
    "abs or real of fft/ifft": r"np\.fft\.i?fft\(",
    "rfft round trip": r"np\.fft\.irfft\(np\.fft\.rfft\(",
    "fftfreq": r"np\.fft\.r?fftfreq\(",
    "fftshift": r"np\.fft\.i?fftshift\(",
}


def test_every_npfft_construct_is_generated_and_excluded():
    assert_generated(NPFFT_CONSTRUCTS, sources(7, "array", 300))
    _assert_excluded("npfft", "np.fft")
