"""Random programs aimed at the JS boundary (the Node fuzz path, node.py):
parameters and results of every type the npm package's JS types table
documents, mutated in place and raising half way.

gen_py.py's programs take lists of ints and floats, list[list[int]],
dict[int, int] and str; this kind adds list[bool], list[str],
list[list[float]], list[tuple[float, int]], dict[int, float], dict[str, int],
dict[int, str], set[int], set[str], a NamedTuple, a dataclass instance and
NumPy scalars, as arguments and as results (the argument itself, a new
container, a new record). Each program is a few statements over its
parameters: mutations (append, pop, item and key assignment, del, sort,
remove, attribute writes) some of which raise (IndexError, KeyError,
ValueError, and a ValueError with an f-string message), reads into an
accumulator, then a return. What the caller's objects hold after the
call (also after a raise), the result and the exception are what node.py
compares.

Values stay small (no int overflow), float lists hold no NaN (sorting), a
container being iterated is never mutated.
"""
from __future__ import annotations

import ast
import random

from .program import Program

FLOATS = ["0.0", "-0.0", "1.0", "-1.5", "2.5", "0.1", "1e300", "-7.0", "math.inf", "5e-324"]
INTS = ["0", "1", "-1", "2", "3", "7", "-4", "42", "-50"]
STRS = ['""', '"a"', '"bc"', '"x y"', '"é"', '"😀"', '"-3"', '"a,b"']
BOOLS = ["True", "False"]

HELPERS = '''
class P(typing.NamedTuple):
    x: float
    n: int


@dataclasses.dataclass
class D:
    x: float
    n: int
'''


def _f(r):
    return r.choice(FLOATS)


def _i(r):
    return r.choice(INTS)


def _idx(r):
    return r.choice(["0", "1", "-1", "2", "5", "-3"])


# type -> (annotation, Python value maker, mutations, reads: f-strings of templates
# with {v} the parameter, {f} a float, {i} an int, {k} an index, {s} a str, {b} a bool)
TYPES = {
    "lf": ("list[float]",
           lambda r: [r.choice([0.0, -0.0, 1.5, -2.0, 0.1, 1e300, float("inf")]) for _ in range(r.randint(0, 4))],
           ["{v}.append({f})", "{v}.pop()", "{v}[{k}] = {f}", "{v}.sort()", "{v}.reverse()",
            "{v}.insert({k}, {f})", "del {v}[{k}]", "{v}.remove({f})", "{v}.extend([{f}, {f}])",
            "{v}.clear()", "{v} += [{f}]"],
           ["len({v})", "{v}[{k}]", "sum({v})", "max({v})", "{v}.index({f})", "{v}.count({f})"]),
    "li": ("list[int]", lambda r: [r.randint(-9, 9) for _ in range(r.randint(0, 5))],
           ["{v}.append({i})", "{v}.pop({k})", "{v}[{k}] = {i}", "{v}.sort()", "{v}.insert({k}, {i})",
            "del {v}[{k}]", "{v}.remove({i})", "{v}[{k}] += {i}", "{v}.sort(reverse=True)"],
           ["len({v})", "{v}[{k}]", "sum({v})", "min({v})", "{v}.index({i})"]),
    "lb": ("list[bool]", lambda r: [r.random() < 0.5 for _ in range(r.randint(0, 4))],
           ["{v}.append({b})", "{v}.pop()", "{v}[{k}] = {b}", "{v}.reverse()"],
           ["len({v})", "{v}[{k}]", "sum({v})", "{v}.count({b})"]),
    "ls": ("list[str]", lambda r: [r.choice(["", "a", "bc", "é", "x y"]) for _ in range(r.randint(0, 4))],
           ["{v}.append({s})", "{v}.pop()", "{v}[{k}] = {s}", "{v}.sort()", "{v}.remove({s})"],
           ["len({v})", "len({v}[{k}])", "{v}.index({s})"]),
    "llf": ("list[list[float]]",
            lambda r: [[r.choice([0.0, 1.5, -2.0]) for _ in range(r.randint(0, 3))] for _ in range(r.randint(0, 3))],
            ["{v}[{k}].append({f})", "{v}.append([{f}])", "{v}[{k}][{k}] = {f}", "{v}.pop()",
             "{v}[{k}].pop()"],
            ["len({v})", "len({v}[{k}])", "{v}[{k}][{k}]", "sum(len(r) for r in {v})"]),
    "lt": ("list[tuple[float, int]]",
           lambda r: [(r.choice([0.5, -1.0, 2.0]), r.randint(-3, 3)) for _ in range(r.randint(0, 4))],
           ["{v}.append(({f}, {i}))", "{v}.sort()", "{v}.pop({k})", "{v}[{k}] = ({f}, {i})"],
           ["len({v})", "{v}[{k}][0]", "{v}[{k}][1]"]),
    "dif": ("dict[int, float]", lambda r: {r.randint(-3, 6): r.choice([0.5, -0.0, 2.0]) for _ in range(r.randint(0, 4))},
            ["{v}[{i}] = {f}", "del {v}[{i}]", "{v}.pop({i})", "{v}.setdefault({i}, {f})", "{v}.clear()",
             "{v}[{i}] += {f}"],
            ["len({v})", "{v}[{i}]", "{v}.get({i}, {f})", "sum({v}.values())"]),
    "dsi": ("dict[str, int]", lambda r: {r.choice(["", "a", "bc", "é"]): r.randint(-5, 5) for _ in range(r.randint(0, 3))},
            ["{v}[{s}] = {i}", "del {v}[{s}]", "{v}.pop({s})", "{v}[{s}] += 1"],
            ["len({v})", "{v}[{s}]", "{v}.get({s}, 0)"]),
    "dis": ("dict[int, str]", lambda r: {r.randint(-3, 4): r.choice(["", "a", "bc"]) for _ in range(r.randint(0, 3))},
            ["{v}[{i}] = {s}", "del {v}[{i}]", "{v}.pop({i})"],
            ["len({v})", "len({v}[{i}])"]),
    "si": ("set[int]", lambda r: {r.randint(-5, 9) for _ in range(r.randint(0, 5))},
           ["{v}.add({i})", "{v}.discard({i})", "{v}.remove({i})", "{v}.clear()", "{v}.pop()"],
           ["len({v})", "({i} in {v})", "sum({v})", "min({v})"]),
    "ss": ("set[str]", lambda r: {r.choice(["", "a", "bc", "é", "x y"]) for _ in range(r.randint(0, 4))},
           ["{v}.add({s})", "{v}.discard({s})", "{v}.remove({s})"],
           ["len({v})", "({s} in {v})"]),
    "str": ("str", lambda r: r.choice(["", "abc", "1,2,3", "é😀x", " -7 "]), [],
            ["len({v})", "{v}[{k}]", "{v}.count({s})", "int({v})", "{v}.find({s})"]),
    "p": ("P", None, [], ["{v}.x", "{v}.n", "{v}[{k}]"]),
    "d": ("D", None, ["{v}.x = {f}", "{v}.n += {i}", "{v}.n = {v}.n * 2"], ["{v}.x", "{v}.n"]),
    "f32": ("np.float32", lambda r: None, [], ["{v}"]),
    "i16": ("np.int16", lambda r: None, [], ["{v}"]),
    "u8": ("np.uint8", lambda r: None, [], ["{v}"]),
    "b_": ("np.bool_", lambda r: None, [], ["{v}"]),
}


class BoundaryGen:
    def __init__(self, rng: random.Random):
        self.rng = rng

    def fill(self, template, v):
        r = self.rng
        out = template
        for key, make in (("{v}", lambda: v), ("{f}", lambda: _f(r)), ("{i}", lambda: _i(r)),
                          ("{k}", lambda: _idx(r)), ("{s}", lambda: r.choice(STRS)),
                          ("{b}", lambda: r.choice(BOOLS))):
            while key in out:
                out = out.replace(key, make(), 1)
        return out

    def value(self, t, ns):
        r = self.rng
        if t == "p":
            return ns["P"](r.choice([0.5, -0.0, 3.0]), r.randint(-4, 4))
        if t == "d":
            return ns["D"](r.choice([0.5, -1.0, 1e300]), r.randint(-4, 4))
        if t in ("f32", "i16", "u8", "b_"):
            import numpy as np
            return {"f32": lambda: np.float32(r.choice([0.1, -2.5, 1e38, 0.0])),
                    "i16": lambda: np.int16(r.choice([-32768, 7, 0, 32767])),
                    "u8": lambda: np.uint8(r.choice([0, 255, 9])),
                    "b_": lambda: np.bool_(r.random() < 0.5)}[t]()
        return TYPES[t][1](r)

    def read(self, t, v):
        e = self.fill(self.rng.choice(TYPES[t][3]), v)
        if t in ("ls", "ss", "str") and "len(" not in e and "count" not in e and "index" not in e \
                and "find" not in e and "int(" not in e and " in " not in e:
            e = f"len({e})"  # a str item: its length
        if t == "lb" or " in " in e or t == "b_":
            e = f"int({e})"
        return f"float({e})"

    def source(self):
        r = self.rng
        kinds = r.sample(sorted(TYPES), r.randint(1, 3))
        params = [f"p{i}" for i in range(len(kinds))]
        lines = ["def f(" + ", ".join(f"{p}: {TYPES[t][0]}" for p, t in zip(params, kinds)) + "):",
                 "    acc = 0.0"]
        for _ in range(r.randint(1, 5)):
            j = r.randrange(len(kinds))
            t, p = kinds[j], params[j]
            k = r.random()
            if k < 0.45 and TYPES[t][2]:
                lines.append("    " + self.fill(r.choice(TYPES[t][2]), p))
            elif k < 0.85:
                lines.append(f"    acc += {self.read(t, p)}")
            else:
                lines.append(f"    if acc > {r.choice(['0.0', '1.0', '-1.0'])}:")
                lines.append('        raise ValueError(f"bad acc {acc}")'
                             if t in ("p", "d", "f32", "i16", "u8", "b_")
                             else f'        raise ValueError(f"bad {p}: {{len({p})}} items, acc={{acc}}")')
        lines.append("    return " + self.result(kinds, params))
        return "\n".join(lines) + "\n"

    def result(self, kinds, params):
        r = self.rng
        j = r.randrange(len(kinds))
        t, p = kinds[j], params[j]
        k = r.random()
        if k < 0.3:
            return p  # the argument itself (a list, dict, set, record...)
        if k < 0.4:
            return "acc"
        if k < 0.5:
            return "P(acc, 3)"
        if k < 0.6:
            return "D(acc, -2)"
        if k < 0.7:
            return f"(acc, {p})"
        if k < 0.8:  # (the repr of a run-time container is refused: P2W010)
            if t == "str":
                return f'f"{{acc}}:{{{p}!r}}"'
            return f'f"{{acc}}:{{len({p})}}"' if t not in ("f32", "i16", "u8", "b_", "p", "d") \
                else 'f"{acc}"'
        if t in ("lf", "li", "lb", "llf", "lt", "ls"):
            return r.choice([f"{p}[::-1]", f"{p} + {p}", f"[x for x in {p}]", f"sorted({p})"]
                            if t != "llf" else [f"{p}[::-1]", f"[r + [acc] for r in {p}]"])
        if t in ("dif", "dsi", "dis"):
            return f"{{k: v for k, v in {p}.items()}}"
        if t in ("si", "ss"):
            return f"{p} | {p}"
        return "[acc, acc * 2]"


def generate(rng: random.Random, opts=None, label="") -> Program:
    import dataclasses  # noqa: F401 - the helper source uses them
    import math
    import typing

    import numpy as np
    g = BoundaryGen(rng)
    src = g.source()
    text = "import dataclasses\nimport typing\n" + HELPERS + "\n\n" + src
    mod = ast.parse(text)
    ns = {"np": np, "math": math, "dataclasses": dataclasses, "typing": typing}
    exec(compile(text, f"<boundary-{label}>", "exec"), ns)  # the records, for the argument values
    kinds = [a.annotation for a in mod.body[-1].args.args]
    names = {"list[float]": "lf", "list[int]": "li", "list[bool]": "lb", "list[str]": "ls",
             "list[list[float]]": "llf", "list[tuple[float, int]]": "lt", "dict[int, float]": "dif",
             "dict[str, int]": "dsi", "dict[int, str]": "dis", "set[int]": "si", "set[str]": "ss",
             "str": "str", "P": "p", "D": "d", "np.float32": "f32", "np.int16": "i16",
             "np.uint8": "u8", "np.bool_": "b_"}
    ts = [names[ast.unparse(k)] for k in kinds]
    inputs = [tuple(g.value(t, ns) for t in ts) for _ in range(3)]
    return Program(mod, inputs, kind="boundary", label=label)
