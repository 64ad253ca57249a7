"""Test-only evaluator of the IR subset the tracer tests emit, so control
flow (loops, break/continue/else, versioned joins, calls) can be checked
against CPython before py2wasm/ir/interpret.py and the backend exist.
Python semantics on Python numbers; no overflow modelling."""
import math
import operator

from py2wasm import ir

_OPS = {"add": operator.add, "sub": operator.sub, "mul": operator.mul,
        "truediv": operator.truediv, "floordiv": operator.floordiv, "mod": operator.mod,
        "pow": operator.pow, "and": operator.and_, "or": operator.or_, "xor": operator.xor,
        "shl": operator.lshift, "shr": operator.rshift,
        "eq": operator.eq, "ne": operator.ne, "lt": operator.lt, "le": operator.le,
        "gt": operator.gt, "ge": operator.ge, "neg": operator.neg, "abs": abs,
        "invert": operator.invert, "not": operator.not_, "sqrt": math.sqrt}


class Raised(Exception):
    def __init__(self, exc, msg):
        super().__init__(f"{exc}: {msg}")
        self.exc, self.msg = exc, msg


def _convert(v, to):
    if to is ir.F64:
        return float(v)
    if to is ir.I64:
        return int(v)
    return bool(v)


def run(module, name, args, depth=0):
    fn = module.functions[name]
    env = dict(zip((p.id for p in fn.params), args))
    block = fn.entry
    steps = 0
    while True:
        steps += 1
        assert steps < 100000
        for e in block.eqns:
            ins = [env[v.id] for v in e.ins]
            if e.prim == "const":
                out = [e.params["value"]]
            elif e.prim == "convert":
                out = [_convert(ins[0], e.params["to"])]
            elif e.prim == "select":
                out = [ins[1] if ins[0] else ins[2]]
            elif e.prim == "raise_if":
                if ins[0]:
                    raise Raised(e.params["exc"], e.params["msg"])
                out = []
            elif e.prim == "call":
                r = run(module, e.params["fn"], ins, depth + 1)
                out = list(r)
            else:
                try:
                    out = [_OPS[e.prim](*ins)]
                except ZeroDivisionError as z:
                    raise Raised("ZeroDivisionError", str(z))
            for o, v in zip(e.outs, out):
                env[o.id] = v
        t = block.term
        if isinstance(t, ir.Return):
            return tuple(env[v.id] for v in t.values)
        if isinstance(t, ir.Raise):
            raise Raised(t.exc, t.msg)
        if isinstance(t, ir.Br):
            target, vals = t.target, [env[v.id] for v in t.args]
        else:
            c = env[t.cond.id]
            target, vals = (t.then, [env[v.id] for v in t.then_args]) if c else \
                (t.else_, [env[v.id] for v in t.else_args])
        for p, v in zip(target.params, vals):
            env[p.id] = v
        block = target


def call(module, name, args):
    """Run export `name` on Python args (tuples flattened), rebuild the result."""
    fn = module.functions[name]
    flat = []

    def fl(a):
        if isinstance(a, tuple):
            for x in a:
                fl(x)
        else:
            flat.append(a)
    for a in args:
        fl(a)
    out = iter(run(module, name, flat))

    def build(t):
        if isinstance(t, ir.TupleType):
            return tuple(build(e) for e in t.elems)
        if t is ir.NONE:
            return None
        return next(out)
    return build(fn.sig.result)
