"""Vector versions of linked math-library calls in vector loops: the
straight-line core of the library function widened lane-wise to f64x2, and
the scalar function lane by lane when a lane is outside the core's range.

Place in the pipeline: part of the vectorizer pass (`passes/vectorize.py`
calls `widenable` when it classifies a loop's equations and `emit_call` when
it emits the vector body); runs after `link_math`. It reads the library's IR
(`link_math.library()`, traced from `py2wasm.libm`) and emits the vector
primitives of `ir/primitives.py` ("SIMD", "SIMD bit and conversion lane ops").

Each vectorizable library function F (VECTOR_MATH) is written in `py2wasm.libm`
as `if F_core_ok(x): return F_core(x)` followed by the special cases, where
F_core_ok and F_core are straight-line code (one IR block, no branch); log1p,
sinh, cosh and tanh have two such cores, tried in order. The float32
functions of libm/f32 (expf, logf, log2f, log10f, sinhf, coshf, tanhf) compute in double: their
loops run in f64x2 lanes and round with `vf32` like the scalar loop. For a
call `y = F(x)` on a vector x the vector body becomes

    ... (the body so far)
        cond_br vall(widen(F_core_ok)(x)), ^core, ^lanes  (then the next core's test)
    ^core:  y = widen(F_core)(x)                               -> ^body(y)
    (several cores, every lane in one of them: each core, lanes selected)
    ^lanes: y = vbuild(F(vextract(x, 0)), F(vextract(x, 1)))   -> ^body(y)
    ^body(y): ... the rest of the body

Widening maps each scalar equation to its lane-wise primitive (`add` ->
`vadd`, `f64_to_bits` -> `vbitcast`, `convert` -> `vftoi`/`vitof`, `shl` by a
constant -> `vshl`, calls inlined...). wasm's f64x2 lane operations are the
same IEEE operations as the scalar ones, so every lane computes exactly what
F computes: the simd build equals the mvp build bit for bit. Int operations
wrap in lanes where the scalar ones raise on int64 overflow, and `vftoi` /
`vitof` convert exactly only within int32: the cores' contract (their
docstrings) is that for x with F_core_ok(x) no operation raises and every
converted int is within int32, so the two agree there. A function with a
branch, an explicit `raise_if` or an unmapped primitive is not widenable
(the loop stays scalar).
"""
from __future__ import annotations

import functools

from ..ir import BOOL, F64, I64, Block, Br, CondBr, Eqn, Function, Return, Var
from ..ir.primitives import PRIMITIVES, type_of
from ..ir.types import F64X2, I64X2, M64X2
from .link_math import PREFIX, library

# library function (C name) -> its cores: (range predicate, core), tried in order
VECTOR_MATH = {
    "exp": (("exp_core_ok", "exp_core"),),
    "expm1": (("expm1_core_ok", "expm1_core"),),
    "log": (("log_core_ok", "log_core"),),
    "log2": (("log_core_ok", "log2_core"),),
    "log10": (("log_core_ok", "log10_core"),),
    "log1p": (("log1p_core_ok", "log1p_core"), ("log1p_core2_ok", "log1p_core2")),
    "sinh": (("sinh_core_ok", "sinh_core"), ("sinh_core2_ok", "sinh_core2")),
    "cosh": (("cosh_core_ok", "cosh_core"), ("cosh_core2_ok", "cosh_core2")),
    "tanh": (("tanh_core_ok", "tanh_core"), ("tanh_core1_ok", "tanh_core1"),
             ("tanh_core3_ok", "tanh_core3"), ("tanh_core2_ok", "tanh_core2")),
    # float32 (libm/f32: computed in double, the loop rounds the result)
    "expf": (("expf_core_ok", "exp_d"),),
    "logf": (("logf_core_ok", "logf_core"),),
    "log2f": (("logf_core_ok", "log2f_core"),),
    "log10f": (("logf_core_ok", "log10f_core"),),
    "sinhf": (("sinhf_core_ok", "sinhf_core"), ("sinhf_core2_ok", "sinhf_core2")),
    "coshf": (("coshf_core_ok", "coshf_core"),),
    "tanhf": (("tanhf_core_ok", "tanhf_core"), ("tanhf_core2_ok", "tanhf_core2")),
}
_VTYPE = {F64: F64X2, I64: I64X2, BOOL: M64X2}
_ARITH = {"add": "vadd", "sub": "vsub", "mul": "vmul", "wadd": "vadd", "wsub": "vsub",
          "wmul": "vmul"}
_FLOAT_UNARY = {"neg": "vneg", "abs": "vabs", "fabs": "vabs", "sqrt": "vsqrt",
                "floor": "vfloor", "ceil": "vceil", "trunc": "vtrunc", "nearest": "vnearest",
                "isnan": "visnan", "f32": "vf32"}
_CMP = {"eq": "veq", "ne": "vne", "lt": "vlt", "le": "vle", "gt": "vgt", "ge": "vge"}
_MASK_LOGIC = {"and": "vand", "or": "vor", "xor": "vxor", "not": "vnot"}
_INT_LOGIC = {"and": "vband", "or": "vbor", "xor": "vbxor"}


class Unwidenable(Exception):
    """A library function that cannot be widened (the reason is the message)."""


def _emit(block: Block, prim: str, ins, params=None, loc=None) -> Var:
    params = params or {}
    (t,) = type_of(prim, [v.type for v in ins], params)
    out = Var(t)
    block.eqns.append(Eqn(prim, list(ins), [out], params, loc))
    return out


def _lib_name(c_name: str) -> str:
    return PREFIX + c_name


def _vector_function(callee: str):
    """[(core_ok, core)...] IR names for a call of `callee`, or None."""
    if not callee.startswith(PREFIX):
        return None
    cores = VECTOR_MATH.get(callee[len(PREFIX):])
    return None if cores is None else [(_lib_name(ok), _lib_name(c)) for ok, c in cores]


@functools.lru_cache(maxsize=None)
def _check_widenable(callee: str) -> bool:
    """Dry run: do the callee's core and range predicate widen?"""
    cores = _vector_function(callee)
    if cores is None:
        return False
    lib = library()
    try:
        for name in [n for pair in cores for n in pair]:
            f = lib.functions[name]
            widen(lib, name, Block(0), [Var(_VTYPE[p.type]) for p in f.params])
    except (Unwidenable, KeyError, TypeError):  # TypeError: a lane op's typing rule refused
        return False
    return True


def widenable(e: Eqn) -> bool:
    """Is `e` a call of a library function with a vector version (float64
    operands and result)?"""
    return e.prim == "call" and all(v.type is F64 for v in e.ins + e.outs) and \
        len(e.outs) == 1 and _check_widenable(e.params["fn"])


def widen(lib, name: str, block: Block, args: list[Var], depth: int = 0) -> list[Var]:
    """Emit into `block` the lane-wise version of the one-block library
    function `name` applied to the vectors `args`; its results as vectors."""
    if depth > 16:
        raise Unwidenable("calls nested too deep")
    f: Function = lib.functions[name]
    if len(f.blocks) != 1 or not isinstance(f.blocks[0].term, Return):
        raise Unwidenable(f"{name} is not straight-line code")
    env: dict[int, tuple[str, Var]] = {p.id: ("V", a) for p, a in zip(f.params, args)}
    splats: dict[int, Var] = {}

    def vec(v: Var) -> Var:
        kind, x = env[v.id]
        if kind == "V":
            return x
        if v.id not in splats:
            splats[v.id] = _emit(block, "vsplat", [x], {"vtype": _VTYPE[x.type]})
        return splats[v.id]

    consts = {}
    for e in f.blocks[0].eqns:
        kinds = [env[v.id][0] for v in e.ins]
        if e.prim == "const":
            out = Var(e.outs[0].type)
            block.eqns.append(Eqn("const", [], [out], dict(e.params), e.loc))
            env[e.outs[0].id] = ("U", out)
            consts[e.outs[0].id] = e.params["value"]
            continue
        if e.prim == "call":
            outs = widen(lib, e.params["fn"], block, [vec(v) for v in e.ins], depth + 1)
            for o, x in zip(e.outs, outs):
                env[o.id] = ("V", x)
            continue
        if "V" not in kinds:  # uniform: only pure, non-raising scalar operations
            p = PRIMITIVES[e.prim]
            if not p.pure or p.raises:
                raise Unwidenable(f"a uniform {e.prim} that may raise")
            outs = [Var(o.type) for o in e.outs]
            block.eqns.append(Eqn(e.prim, [env[v.id][1] for v in e.ins], outs, dict(e.params),
                                  e.loc))
            for o, x in zip(e.outs, outs):
                env[o.id] = ("U", x)
            continue
        env[e.outs[0].id] = ("V", _widen_eqn(block, e, vec, consts, env))
    return [vec(v) for v in f.blocks[0].term.values]


def _widen_eqn(block: Block, e: Eqn, vec, consts, env) -> Var:
    p = e.prim
    ts = [v.type for v in e.ins]
    if len(e.outs) != 1:
        raise Unwidenable(f"{p} with {len(e.outs)} results")
    if p in _ARITH and len(set(ts)) == 1 and ts[0] in (F64, I64):
        return _emit(block, _ARITH[p], [vec(v) for v in e.ins])
    if p in ("truediv", "fdiv") and ts == [F64, F64]:
        return _emit(block, "vdiv", [vec(v) for v in e.ins])
    if p in ("neg", "wneg") and ts in ([F64], [I64]):
        return _emit(block, "vneg", [vec(e.ins[0])])
    if p in _FLOAT_UNARY and ts == [F64]:
        return _emit(block, _FLOAT_UNARY[p], [vec(e.ins[0])])
    if p == "copysign":
        return _emit(block, "vcopysign", [vec(v) for v in e.ins])
    if p in _CMP and len(set(ts)) == 1 and ts[0] in (F64, I64):
        return _emit(block, _CMP[p], [vec(v) for v in e.ins])
    if p in _MASK_LOGIC and set(ts) == {BOOL}:
        return _emit(block, _MASK_LOGIC[p], [vec(v) for v in e.ins])
    if p in _INT_LOGIC and ts == [I64, I64]:
        return _emit(block, _INT_LOGIC[p], [vec(v) for v in e.ins])
    if p in ("shl", "shr") and ts == [I64, I64]:
        count = consts.get(e.ins[1].id)
        if type(count) is not int or not 0 <= count < 64 or env[e.ins[0].id][0] != "V":
            raise Unwidenable(f"{p} by a count that is not a constant in 0..63")
        return _emit(block, "v" + p, [vec(e.ins[0]), env[e.ins[1].id][1]])
    if p == "convert" and ts == [F64] and e.params["to"] is I64:
        return _emit(block, "vftoi", [vec(e.ins[0])])
    if p == "convert" and ts == [I64] and e.params["to"] is F64:
        return _emit(block, "vitof", [vec(e.ins[0])])
    if p == "f64_to_bits":
        return _emit(block, "vbitcast", [vec(e.ins[0])], {"vtype": I64X2})
    if p == "f64_from_bits":
        return _emit(block, "vbitcast", [vec(e.ins[0])], {"vtype": F64X2})
    if p == "select" and ts[1] in (F64, I64):
        return _emit(block, "vselect", [vec(v) for v in e.ins])
    raise Unwidenable(f"no lane-wise version of {p}({', '.join(t.name for t in ts)})")


def emit_call(fn: Function, block: Block, e: Eqn, args: list[Var]):
    """The vector version of the library call `e` (widenable) on the f64x2
    vectors `args` (defined in `block` or before it), emitted at the end of
    `block` of `fn`. Returns (block, result vector): what `block` held so
    far moves into a new block (with its parameters; branches to `block`
    now go there) that ends with the branch on the first core's range, and
    `block` becomes the join point, whose parameter is the result, so the
    caller keeps emitting the rest of the body into `block`."""
    cores = _vector_function(e.params["fn"])
    lib = library()
    from .loop_shape import next_label
    label = next_label(fn)
    test = Block(label, block.params, block.eqns)
    for b in fn.blocks:
        t = b.term
        if isinstance(t, Br) and t.target is block:
            t.target = test
        elif isinstance(t, CondBr):
            t.then = test if t.then is block else t.then
            t.else_ = test if t.else_ is block else t.else_
    block.params, block.eqns = [Var(F64X2)], []
    fn.blocks.append(test)
    masks = []
    for core_ok, core in cores:  # every lane in this core's range? then the core
        (mask,) = widen(lib, core_ok, test, args)
        masks.append(mask)
        core_b, nxt = Block(label + 1), Block(label + 2)
        label += 2
        fn.blocks += [core_b, nxt]
        test.term = CondBr(_emit(test, "vall", [mask]), core_b, [], nxt, [])
        (y,) = widen(lib, core, core_b, args)
        core_b.term = Br(block, [y])
        test = nxt
    if len(cores) > 1:  # every lane in some core's range: each core, lanes selected
        anywhere = masks[0]
        for m in masks[1:]:
            anywhere = _emit(test, "vor", [anywhere, m])
        mix_b, nxt = Block(label + 1), Block(label + 2)
        fn.blocks += [mix_b, nxt]
        test.term = CondBr(_emit(test, "vall", [anywhere]), mix_b, [], nxt, [])
        ys = [widen(lib, core, mix_b, args)[0] for _, core in cores]
        y = ys[-1]
        for m, yk in zip(reversed(masks[:-1]), reversed(ys[:-1])):
            y = _emit(mix_b, "vselect", [m, yk, y])  # the first core whose range holds
        mix_b.term = Br(block, [y])
        test = nxt
    lanes = []
    for k in range(F64X2.lanes):  # else the scalar function, lane by lane
        xs = [_emit(test, "vextract", [a], {"lane": k}) for a in args]
        out = Var(F64)
        test.eqns.append(Eqn("call", xs, [out], dict(e.params), e.loc))
        lanes.append(out)
    test.term = Br(block, [_emit(test, "vbuild", lanes, {"vtype": F64X2})])
    return block, block.params[0]


__all__ = ["VECTOR_MATH", "widenable", "widen", "emit_call", "Unwidenable"]
