"""The per-function wrappers of `index.js` for builds of the "js" ABI
(py2wasm/backend/abi.py; `manifest["abi"] == "js"`, what `py2wasm build`
compiles).

Place in the pipeline: the last stage (`package`), called by
`javascript.javascript_module` (which keeps the wrappers of "host" builds).
A wrapper does only what its signature needs, in code V8 inlines:
1. the argument count (`arguments.length`, no rest array; parameters with a
   Python default are JS default parameters, so the count may be shorter),
   then an inline
   check per scalar (`JS_SCALARS`: `typeof x == "number"`,
   `typeof x == "number" && (x|0) === x || Number.isSafeInteger(x)`, ...); only when it fails is its piece called
   (`flt`, `int`, `bool`: they throw the TypeError / RangeError naming
   function and parameter); the values go to the export as they are (`int`
   crosses as f64, no BigInt);
2. an array argument: `x instanceof Float64Array` (else the `arg1` piece: a
   WasmArray's view, or through `arr` other realms and the errors; N-d
   `{data, shape}` and bool arrays go to `argn`, which leaves the checked
   sizes in `$s.z` (no allocation) and calls `arr` for the rest: WasmArrays,
   the 0/1 check of bool arrays, the errors); inside `try`,
   `start` resets the arena, `put` places each array (zero copy when it lives
   in the persistent heap; a small read-only 1-D one is copied inline into a
   scratch view of the arena's first slots instead, `_small_copy`), the
   export gets the arena top first; `back`
   copies copied arguments back in `finally`, except those the manifest
   marks `"readonly"` (ir/writes.py proved the function never writes them);
   two array arguments over one ArrayBuffer (`a.buffer === b.buffer`, each
   read once, tested inline for pairs of which one may be written) go to
   `ovl`, which throws a
   ValueError when their bytes overlap (each is copied on its own and the
   function is compiled for separate memory: NumPy's answer would differ),
   except the same view of the module's memory twice (one WasmArray: in place);
3. results: float as is, bool `!== 0`, int `r === r ? r : big()` (NaN = out
   of the safe range, the exact value in `py2wasm_big`), arrays via `out`
   (a copy, or a WasmArray under `keep()`), tuples as arrays; a result that
   is one array of up to 4 dimensions comes as its address alone, its sizes
   in memory (`out1`; backend/abi.py `sizes_in_memory`): no multi-value
   result, which V8 turns into an Array per call.
No closure, no allocation per call beyond a multi-value result array.
"""
from __future__ import annotations

import json
from typing import Any

from ..backend.abi import sizes_in_memory
from .signature import (ARRAY_CLASSES, COMPLEX_ARRAYS, DTYPE_INDEX, MEMORY_EXPORTS,
                        NP_INT_RANGES, NUMPY_COMPLEX, NUMPY_SCALARS, count_leaves, field_key,
                        has_array, has_list, has_state, is_array, is_complex_array, is_list, is_str,
                        is_container, container_spec, base_kind,
                        is_record, js_default, leaves, list_kind, object_params, returns_states, shape_checks)
from .objlists import arg_js as objlist_arg, is_obj_list, raise_kinds as objlist_kinds
from .optionals import arg_js as optional_arg, result_js as optional_result, single as optional_single
from .signature import is_optional
from .typedlists import arg_js as typed_arg_js, is_array_list, is_typed_list
from .typedlists import resets as typed_resets, result_js as typed_result_js

# manifest scalar type -> (inline check of `{v}`, true when accepted; the value
# passed to the wasm; the runtime piece called when the check fails: it
# throws the TypeError / RangeError naming function and parameter).
# An int: an int32 number passes the first test (`x|0` is cheap where the
# number is known; measured in Node 20: ~0.7 ns less per argument than
# Number.isSafeInteger alone), any other safe integer the second.
_SAFE_INT = '(typeof {v}=="number"&&({v}|0)==={v}||Number.isSafeInteger({v}))'
JS_SCALARS = {
    "float": ('typeof {v}=="number"', "{v}", "flt"),
    "int": (_SAFE_INT, "{v}", "int"),
    "bool": ('typeof {v}=="boolean"', "{v}?1:0", "bool"),
    "numpy.float64": ('typeof {v}=="number"', "{v}", "flt"),
    "numpy.float32": ('typeof {v}=="number"', "Math.fround({v})", "f32"),
    "numpy.int64": (_SAFE_INT, "{v}", "int"),
    "numpy.uint64": ("(Number.isSafeInteger({v})&&{v}>=0)", "{v}", "u64"),
    "numpy.bool_": ('typeof {v}=="boolean"', "{v}?1:0", "bool"),
}
for _t, (_lo, _hi) in NP_INT_RANGES.items():  # narrow ints: in range, else the nint piece's RangeError
    JS_SCALARS[_t] = (f"(Number.isSafeInteger({{v}})&&{{v}}>={_lo}&&{{v}}<={_hi})", "{v}", "nint")
# manifest scalar type -> the JS value of raw result `{r}` (and the pieces it uses)
JS_RESULTS = {
    "float": ("{r}", ()),
    "int": ("({r}==={r}?{r}:$big($s,{fn}))", ("big",)),
    "bool": ("{r}!==0", ()),
    "numpy.float64": ("{r}", ()),
    "numpy.float32": ("{r}", ()),
    "numpy.int64": ("({r}==={r}?{r}:$big($s,{fn}))", ("big",)),
    "numpy.uint64": ("({r}==={r}?{r}:$big($s,{fn},1))", ("big",)),
    "numpy.bool_": ("{r}!==0", ()),
}
for _t in NP_INT_RANGES:  # always within the safe range
    JS_RESULTS[_t] = ("{r}", ())
# a complex argument: {re, im}, checked inline (else the cpx piece's TypeError)
_COMPLEX_CHECK = ('(typeof {v}=="object"&&{v}!==null&&typeof {v}.re=="number"&&'
                  'typeof {v}.im=="number")')


def _s(text: str) -> str:
    return json.dumps(text)


def _result(t: Any, fn: str, n_leaves: int, used: set[str]) -> str:
    counter = iter(range(n_leaves))

    def raw() -> str:
        k = next(counter)
        return "$r" if n_leaves == 1 else f"$r[{k}]"

    def build(ty: Any) -> str:
        if is_optional(ty):  # T | None: null when its flag is 0 (package/optionals.py)
            return optional_result(ty, raw, build)
        if is_str(ty):  # js/src/strings.ts `sout`
            used.add("sout")
            return f"$sout($s,{raw()})"
        if is_container(ty):  # js/src/containers.ts `cout`
            used.add("cout")
            return f"$cout($s,{raw()},{_s(container_spec(ty))},{_s(fn)})"
        if is_typed_list(ty):  # lists of NumPy arrays / scalars (typedlists.py)
            return typed_result_js(ty, raw(), fn, used)
        if is_list(ty):  # js/src/lists.ts `lout`
            used.add("lout")
            return f"$lout($s,{raw()},{list_kind(ty)},{_s(fn)})"
        if is_complex_array(ty):  # {dtype, data, shape}: cxarrays.ts `cxo`
            used.add("cxo")
            vals = [raw() for _ in range(1 + ty["ndim"])]
            return f"$cxo($s,{COMPLEX_ARRAYS[ty['array']][1]},{','.join(vals)})"
        if is_array(ty):
            used.add("out")
            vals = [raw() for _ in range(1 + ty["ndim"])]
            return f"$out($s,{DTYPE_INDEX[ty['array']]},{','.join(vals)})"
        if ty in ("complex", *NUMPY_COMPLEX):  # complex64: float32 parts, exact as f64
            re = raw()
            return f"{{re:{re},im:{raw()}}}"
        if ty == "None":  # a function with instance arguments returning None: (None, states)
            return "undefined"
        if isinstance(ty, str):
            expr, pieces = JS_RESULTS[ty]
            used.update(pieces)
            return expr.format(r=raw(), fn=_s(fn))
        if is_record(ty):
            return "{" + ",".join(f"{field_key(n)}:{build(e)}"
                                  for n, e in zip(ty["names"], ty["tuple"])) + "}"
        return "[" + ",".join(build(e) for e in ty["tuple"]) + "]"

    return build(t)


# dtype -> log2 of its element size: 1-D read-only arguments of these get
# the inline copy of `_small_copy` (bool arrays are checked by `arr`).
SMALL_COPY = {"float64": 3, "float32": 2, "int64": 3, "int32": 2, "uint8": 0, "int16": 1, "int8": 0,
              "uint32": 2, "uint16": 1, "uint64": 3}
SMALL_BYTES = 64  # the size of a scratch slot: an argument of at most this many bytes may be copied inline
SMALL_UNROLL = 8  # the copy of the first this many elements is unrolled (then a loop)
SCRATCH_SLOTS = 4  # slots of the scratch views (js/src/heap.ts SCRATCH = SCRATCH_SLOTS * SMALL_BYTES)


def _small_copy(var: str, dt: int, shift: int, slot: int) -> str:
    """Place read-only 1-D argument `var` (dtype number `dt`), the `slot`-th
    array argument placed: when it is small (at most SMALL_BYTES), not a
    WasmArray's view (those go to `put`, in place), the arena top is at
    scratch slot `slot` (always so for the first array argument: `start`
    just put it at base) and the dtype's scratch view (js/src/heap.ts
    `s0`...`s10`) is live, copy it there element by element at constant
    indices (the first SMALL_UNROLL unrolled, monomorphic for V8, no call);
    else `put` (then `scr` makes the scratch view if it was missing). Reads
    no `byteLength` / `buffer` (V8 does not inline them)."""
    w, n, a = f"{var}w", f"{var}n", f"{var}a"
    if slot >= SCRATCH_SLOTS:
        return f"const {a}=$put($s,{var},{dt},1);"
    m = SMALL_BYTES >> shift  # elements that fit in the slot
    u = min(m, SMALL_UNROLL)
    o = (slot * SMALL_BYTES) >> shift
    # the first u unrolled (if(n>0){w[o]=v[0];if(n>1){...}}), the rest of the slot in a loop
    copy = f"for(let $i={u};$i<{n};$i++){w}[{o}+$i]={var}[$i];" if m > u else ""
    for i in reversed(range(u)):
        copy = f"if({n}>{i}){{{w}[{o + i}]={var}[{i}];{copy}}}"
    at = f"&&{a}===$s.b+{slot * SMALL_BYTES}" if slot else ""
    return (f"const {w}=$s.s{dt},{n}={var}.length;let {a}=$s.p;"
            f"if({n}<={m}&&{w}!==undefined&&{w}.length!==0{at}&&{var}[$mark]===undefined){{{copy}"
            f"$s.p={a}+{SMALL_BYTES}}}else{{{a}=$put($s,{var},{dt},1);({w}===undefined||{w}.length===0)&&$scr($s,{dt})}}")


def _object_kinds(f: dict) -> str:
    """js/src/objects.ts's [name, code] pairs of each instance argument's
    attributes (from the states following the result)."""
    def code(t):
        if t in ("complex", *NUMPY_COMPLEX):
            return "c"
        if t == "numpy.uint64":
            return "u"
        return {"float": "f", "int": "i", "bool": "b"}[base_kind(t)]
    out = []
    if returns_states(f):  # the states' attributes (a list's: its items', after the marker)
        for st in f["result"]["tuple"][1]["tuple"]:
            lst = st.get("object") == "list"
            e = st["tuple"][2]["list"] if lst else st
            out.append(([["", "L"]] if lst else []) +
                       [[n, code(x)] for n, x in list(zip(e["names"], e["tuple"]))[2:]])
    else:  # every path raises: the parameters' attributes
        for i in object_params(f):
            t = f["params"][i]["type"]
            out.append(objlist_kinds(t) if is_obj_list(t) else
                       [[n, code(e)] for n, e in zip(t["names"], t["tuple"])])
    return json.dumps(out, separators=(",", ":"))


def function_js(f: dict, local: str, pnames: list[str]) -> tuple[str, set[str]]:
    """The body of wrapper `local(pnames...)` for manifest entry `f`, and
    the runtime pieces it uses."""
    fn = f["name"]
    params = f["params"]
    used = {"trap", "argc"}
    labels = _s(fn)
    n = len(params)
    req = sum(1 for p in params if "default" not in p)  # Python defaults: optional in JS
    plist = "[" + ",".join(_s(p["name"]) for p in params) + "]"
    if not n:
        body = [f"arguments.length&&$argc(arguments.length,{labels},[]);"]
    elif req == n:
        body = [f"arguments.length!=={n}&&$argc(arguments.length,{labels},{plist});"]
    else:
        body = [f"(arguments.length<{req}||arguments.length>{n})&&$argc(arguments.length,{labels},"
                f"{plist},{req});"]
    args: list[str] = []
    places: list[str] = []
    writable = False  # an array argument the function may write: copied back in `finally`
    zslot = 0  # the next free slot of $s.z (sizes of N-d arguments)
    datas: list = []  # (data variable, label, may be written) of each array argument
    lists_back = False  # a list argument the function may change: read back in `finally`
    containers_back = False  # a dict or set argument: rewritten in `finally`
    arrays_in_lists = False  # a list of arrays: its arrays are copied back (`back`)
    typed_back: set = set()  # `aback` / `nback`: typed lists read back in `finally`
    for k, p in enumerate(params):
        t, pn = p["type"], pnames[k]

        body.extend(shape_checks(t, pn, labels, p["name"], used))

        def scalar_js(leaf):  # the checks and wasm values of a number, bool or complex
            if leaf.type in ("complex", *NUMPY_COMPLEX):
                used.add("cpx")
                a = [f"Math.fround({leaf.access}.re)", f"Math.fround({leaf.access}.im)"] if \
                    leaf.type == "numpy.complex64" else [f"{leaf.access}.re", f"{leaf.access}.im"]
                return [f"{_COMPLEX_CHECK.format(v=leaf.access)}||$cpx({leaf.access},{labels},"
                        f"{_s(leaf.label)});"], a
            check, value, piece = JS_SCALARS[leaf.type]
            extra = ""
            if leaf.type in NUMPY_SCALARS and NUMPY_SCALARS[leaf.type][1] is not None:
                extra = f"{NUMPY_SCALARS[leaf.type][1]},"  # the nint piece's type number
            used.add(piece)
            return [f"{check.format(v=leaf.access)}||${piece}({leaf.access},{extra}{labels},"
                    f"{_s(leaf.label)});"], [value.format(v=leaf.access)]
        for leaf in leaves(t, pn, p["name"]):
            if is_optional(leaf.type) and optional_single(leaf.type["optional"]):
                # a str or list | None: checked and placed unless null (package/optionals.py)
                e, v, var = leaf.type["optional"], leaf.access, f"${len(places)}"
                if is_str(e):
                    used |= {"start", "schk", "sput"}
                    body.append(f"{v}==null||typeof {v}==\"string\"||$schk({v},{labels},"
                                f"{_s(leaf.label)});")
                    places.append(f"const {var}a={v}==null?0:$sput($s,{v});")
                else:
                    used |= {"start", "lchk", "lput"}
                    ro = ",1" if p.get("readonly") else ""
                    body.append(f"{v}==null||$lchk({v},{list_kind(e)},{labels},{_s(leaf.label)});")
                    places.append(f"const {var}a={v}==null?0:$lput($s,{v},{list_kind(e)}{ro});")
                    lists_back = lists_back or not ro
                args.extend([f"{v}==null?0:1", f"{var}a"])
                continue
            if is_optional(leaf.type):  # null or undefined: None (package/optionals.py)
                checks, vals = optional_arg(leaf, labels, used, scalar_js, leaves)
                body.extend(checks)
                args.extend(vals)
                continue
            if is_str(leaf.type):  # js/src/strings.ts: checked, placed after `start`
                used |= {"start", "schk", "sput"}
                var = f"${len(places)}"
                body.append(f"typeof {leaf.access}==\"string\"||$schk({leaf.access},{labels},"
                            f"{_s(leaf.label)});")
                places.append(f"const {var}a=$sput($s,{leaf.access});")
                args.append(f"{var}a")
                continue
            if is_obj_list(leaf.type):  # a list of instances (package/objlists.py): refilled
                used |= {"start", "ochk", "oput"}  # by `byval` / `objr`, never read back here
                var = f"${len(places)}"
                chk, place = objlist_arg(leaf.type, leaf.access, var, labels, leaf.label)
                body.append(chk)
                places.append(place)
                args.append(f"{var}a")
                continue
            if is_container(leaf.type):  # js/src/containers.ts: a Map or Set, rewritten after
                used |= {"start", "cchk", "cput"}
                var = f"${len(places)}"
                spec = _s(container_spec(leaf.type, readonly=bool(p.get("readonly"))))
                body.append(f"$cchk({leaf.access},{spec},{labels},{_s(leaf.label)});")
                places.append(f"const {var}a=$cput($s,{leaf.access},{spec});")
                containers_back = True
                args.append(f"{var}a")
                continue
            if is_typed_list(leaf.type):  # lists of NumPy arrays / scalars (typedlists.py)
                var = f"${len(places)}"
                chk, place, pieces = typed_arg_js(leaf.type, leaf.access, var, labels, leaf.label,
                                                  bool(p.get("readonly")))
                used |= pieces
                body.append(chk)
                places.append(place)
                arrays_in_lists = arrays_in_lists or is_array_list(leaf.type)
                typed_back |= set() if p.get("readonly") else {
                    "aback" if is_array_list(leaf.type) else "nback"}
                args.append(f"{var}a")
                continue
            if is_list(leaf.type):  # js/src/lists.ts: checked, placed after `start`, read back
                used |= {"start", "lchk", "lput"}
                var = f"${len(places)}"
                kind = list_kind(leaf.type)
                ro = ",1" if p.get("readonly") else ""
                body.append(f"$lchk({leaf.access},{kind},{labels},{_s(leaf.label)});")
                places.append(f"const {var}a=$lput($s,{leaf.access},{kind}{ro});")
                lists_back = lists_back or not ro
                args.append(f"{var}a")
                continue
            if is_complex_array(leaf.type):
                var = f"${len(places)}"
                code, place, dims = complex_array_arg(leaf, var, labels, zslot, p.get("readonly", False))
                used |= {"start", "put", "cxa"}
                body.append(code)
                places.append(place)
                zslot += leaf.type["ndim"]
                writable = writable or not p.get("readonly")
                args.extend([f"{var}a"] + dims)
                continue
            if is_array(leaf.type):
                used |= {"start", "put"}
                var = f"${len(places)}"
                dt, nd = DTYPE_INDEX[leaf.type["array"]], leaf.type["ndim"]
                check = f"$arr({leaf.access},{dt},{nd},{labels},{_s(leaf.label)})"
                cls = ARRAY_CLASSES[leaf.type["array"]]
                if nd == 1 and leaf.type["array"] != "bool":
                    used.add("arg1")
                    body.append(f"const {var}={leaf.access} instanceof {cls}?{leaf.access}:"
                                f"$arg1({leaf.access},{dt},{labels},{_s(leaf.label)});")
                    dims = [f"{var}.length"]
                    data = var
                else:  # N-d, or bool: `argn` checks it, its sizes go to $s.z[z..]
                    used.add("argn")
                    body.append(f"const {var}=$argn($s,{leaf.access},{dt},{nd},{labels},{_s(leaf.label)},{zslot});")
                    dims = [f"$s.z[{zslot + d}]" for d in range(nd)]
                    zslot += nd
                    data = var
                ro = ",1" if p.get("readonly") else ""  # never written: no copy back
                datas.append((data, leaf.label, not ro))
                if not ro:
                    writable = True
                if ro and nd == 1 and leaf.type["array"] in SMALL_COPY:
                    used |= {"mark", "scr"}
                    places.append(_small_copy(var, dt, SMALL_COPY[leaf.type["array"]], len(places)))
                else:
                    places.append(f"const {var}a=$put($s,{data},{dt}{ro});")
                args.extend([f"{var}a"] + dims)
                continue
            checks, vals = scalar_js(leaf)  # np.complex64(z): each part rounded to float32
            body.extend(checks)
            args.extend(vals)
    pairs = [(a, b) for i, a in enumerate(datas) for b in datas[i + 1:] if a[2] or b[2]]
    if pairs:  # arguments sharing memory: refused (`ovl`); each `.buffer` read once (~35 ns)
        used.add("ovl")
        for v in dict.fromkeys(x[0] for pr in pairs for x in pr):
            body.append(f"const {v}b={v}.buffer;")
        for (va, la, _), (vb, lb, _) in pairs:
            body.append(f"{va}b==={vb}b&&$ovl($s,{va},{vb},{labels},{_s(la)},{_s(lb)});")
    others = "[" + ",".join(d[0] for d in datas) + "]"  # the array parameters' data (aput)
    places = [x.replace("\0OTHERS\0", others) for x in places]
    writable = writable or arrays_in_lists
    rt = f["result"]
    nres = 1 if sizes_in_memory(rt) else count_leaves(rt)
    target = f"$s.e.{fn}" if fn.isidentifier() else f"$s.e[{_s(fn)}]"
    catch = "catch($e){throw $trap($e,$s)}"
    if object_params(f):  # instances get their state at the raise (js/src/objects.ts)
        used.add("objr")
        objs = "[" + ",".join(pnames[i] for i in object_params(f)) + "]"
        catch = f"catch($e){{$objr($s,{objs},{_object_kinds(f)});throw $trap($e,$s)}}"
    lists = has_list(rt) or any(has_list(p["type"]) for p in params)
    reset = "$s.L=$s.C=undefined;" + typed_resets(f) if lists else ""  # the call's placed lists, dicts and sets
    if places:
        call = f"{target}($s.p,{','.join(args)})"
        pre = "$start($s);" + reset + "".join(places)
        fin = "$s.c&&$back($s);" if writable else ""
        if writable:
            used.add("back")
        if lists_back:
            used.add("lback")
            fin += f"$lback($s,{labels});"
        if containers_back:
            used.add("cback")
            fin += f"$cback($s,{labels});"
        for piece in sorted(typed_back):  # after `back`: the arrays' data is the caller's again
            used.add(piece)
            fin += f"${piece}($s{',' + labels if piece == 'nback' else ''});"
        fin = f"finally{{{fin}}}" if fin else ""
    else:
        if has_array(rt):  # array results only: the arena still has to belong to this instance
            used.add("start")
            pre = "$start($s);" + reset
        else:
            pre = ""
        call = f"{target}({','.join(args)})"
        fin = ""
    if nres == 0:
        body.append(f"try{{{pre}{call}}}{catch}{fin}")
    elif rt == "float" and not fin and not object_params(f):
        body.append(f"try{{{pre}return {call}}}{catch}")
    else:
        if is_list(rt) or is_str(rt) or is_container(rt):  # its header's (its block's) address
            expr = _result(rt, fn, 1, used)
        elif sizes_in_memory(rt) and is_complex_array(rt):
            used.add("cxo1")
            expr = f"$cxo1($s,{COMPLEX_ARRAYS[rt['array']][1]},{rt['ndim']},$r)"
        elif sizes_in_memory(rt):  # the address alone; the sizes are in memory (backend/abi.py)
            used.add("out1")
            expr = f"$out1($s,{DTYPE_INDEX[rt['array']]},{rt['ndim']},$r)"
        else:
            expr = _result(rt, fn, nres, used)
        objs = object_params(f)
        if objs or has_state(rt):  # instances by value: states copied back, results rebuilt
            used.add("byval")
            expr = f"$byval({expr},{'[' + ','.join(pnames[i] for i in objs) + ']' if objs else 'null'})"
        body.append(f"let $r;try{{{pre}$r={call}}}{catch}{fin}return {expr};")
    sig = [pn + (f"={js_default(p['default'])}" if "default" in p else "") for pn, p in zip(pnames, params)]
    return f"function {local}({','.join(sig)}){{{''.join(body)}}}", used


def complex_array_arg(leaf, var: str, labels: str, zslot: int, readonly: bool) -> tuple[str, str, list[str]]:
    """A complex array argument (js/src/cxarrays.ts): the check (`cxa`
    returns its `data`, the interleaved parts, and leaves its sizes in
    `$s.z[zslot..]`), its placement (heap.ts `put` of the parts as a
    float64 / float32 array: copied in, copied back unless read-only) and
    the wasm size arguments."""
    _cls, k, part = COMPLEX_ARRAYS[leaf.type["array"]]
    nd = leaf.type["ndim"]
    code = f"const {var}=$cxa($s,{leaf.access},{k},{nd},{labels},{_s(leaf.label)},{zslot});"
    place = f"const {var}a=$put($s,{var},{DTYPE_INDEX[part]}{',1' if readonly else ''});"
    return code, place, [f"$s.z[{zslot + d}]" for d in range(nd)]


def memory_api_js(name: str) -> str:
    """The line exporting the memory API, bound to the package state."""
    return f"export const{{{','.join(MEMORY_EXPORTS)}}}=$heap($s,{_s(name)});"


# Fields of the package state the array pieces use (js/src/heap.ts HeapState).
# `s0`... one per dtype: the scratch views (all present from the start: one map for V8).
STATE_FIELDS = ("x:0,b:16,p:16,l:0,r:null,v:[],q:[],c:0,sb:-1,z:[],"
                + ",".join(f"s{k}:void 0" for k in range(len(DTYPE_INDEX))))
