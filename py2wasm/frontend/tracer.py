"""The abstract interpreter loop: runs one Python function's bytecode over
trace values and writes one IR function, with block versioning at joins.

Place in the pipeline: frontend core, between the entry points (`trace`,
`calls.ModuleTracer`) and the per-opcode handlers (`opcodes.Handlers`). An IR
block is made per (bytecode offset, key of the abstract state) -- see
`state.py`; numeric values become block parameters, so loops are traced once
per type state. Known branch conditions take one side only. Return sites are
collected and joined at the end: every path must return the same Python type.
"""
from __future__ import annotations

import dis
import inspect
import linecache
import sys

from ..errors import CompileError
from ..ir import (BOOL, F64, I64, FunctionBuilder, Loc, PySignature, PyType, TupleType, Var,
                  flatten)
from ..ir.types import COMPLEX, ListType, NumpyScalarType, OptionalType, ScalarType, python_name
from . import arrays, containers_abi, lists, lists_objects_abi, objects_abi, optionals
from .liveness import live_locals
from .opcodes import Handlers
from .signature import placeholder, trace_type
from .state import STOP, UNBOUND, Frame, key_of, leaves, rebuild, version_class
from .values import (E_GENERATOR, E_UNSTABLE_TYPE, E_UNSUPPORTED_OPCODE,
                     E_UNSUPPORTED_VALUE, TraceRaise, error, scalar_type)

SUPPORTED_VERSIONS = ((3, 11), (3, 12), (3, 13))
MAX_VERSIONS = 16



def check_python_version() -> None:
    v = sys.version_info[:2]
    if v not in SUPPORTED_VERSIONS:
        raise CompileError(f"Python {v[0]}.{v[1]} bytecode is not supported",
                           code=E_UNSUPPORTED_OPCODE,
                           hint="run py2wasm under Python 3.11, 3.12 or 3.13")


class AssumptionFailed(Exception):
    """The traced result type differs from the one assumed for recursion."""

    def __init__(self, got):
        self.got = got


class FunctionTracer(Handlers):
    """Traces `fn` called with `args` (trace values, one per parameter) into
    the IR function `name`. `result` is the result type the function must
    have: from its annotation (coerced to), or assumed for recursion
    (checked), or None (whatever the join of the return sites is)."""

    def __init__(self, mt, fn, args, name, *, result=None, result_is_assumed=False,
                 export=False, site=None, soft=False):
        self.mt = mt
        self.soft = soft  # a callee of a try region: raises return (backend/lower_catch.py)
        self.site = site  # library code (py2wasm.linalg): every location is the user's call
        self.fn = fn
        self.code = code = fn.__code__
        self.genexpr = getattr(fn, "__py2wasm_genexpr__", None)  # frontend/generators.py
        self.version = sys.version_info[:2]
        self.result = result
        self.result_is_assumed = result_is_assumed
        self.export = export
        self.instrs = list(dis.get_instructions(code))
        self.index = {ins.offset: i for i, ins in enumerate(self.instrs)}
        self.targets = {ins.argval for ins in self.instrs
                        if ins.opcode in dis.hasjrel or ins.opcode in dis.hasjabs}
        self.names = list(code.co_varnames) + list(code.co_cellvars) + list(code.co_freevars)
        self._locs: dict[int, Loc] = {}
        self._check_code()
        if self.genexpr == "tuple":  # the items yielded so far: a hidden local (generators.py)
            from .generators import TUPLE_SLOT
            self.names.append(TUPLE_SLOT)
        from . import trycatch
        self.catch_at = trycatch.catch_table(self) or None
        if self.catch_at:  # the exception being handled: a hidden local
            self.names.append(trycatch.EXC_SLOT)
            self.targets |= {e.target for e in self.catch_at.values()}
        self.live = live_locals(self.instrs, self._exhausted_offset,
                                self.catch_at and trycatch.handler_edges(self.catch_at))
        self.nvarnames = len(code.co_varnames)
        locals_ = [UNBOUND] * len(self.names)
        if self.catch_at:
            locals_[-1] = trycatch.NO_EXC
        if self.genexpr == "tuple":
            locals_[self.names.index(TUPLE_SLOT)] = ()
        ncell = len(code.co_varnames) + len(code.co_cellvars)
        for i, cell in enumerate(fn.__closure__ or ()):
            try:
                locals_[ncell + i] = cell.cell_contents
            except ValueError:
                locals_[ncell + i] = UNBOUND
        self.args = args
        params: list = []
        hints: list = []
        for a, n in zip(args, self.names):
            ls = leaves(a, [])
            params.extend(ls)
            hints.extend([n] * len(ls))
        nargs = len(params)
        if self.genexpr == "resume":  # a generator's next(): its frame's address (generators.py)
            params.append(Var(I64, "frame"))
            hints.append("frame")
        comp = getattr(fn, "__py2wasm_comprehension__", False)
        if comp:  # a comprehension's captured locals are parameters (lists.comprehension)
            for cell in fn.__closure__ or ():
                ls = leaves(cell.cell_contents, [])
                params.extend(ls)
                hints.extend([""] * len(ls))
        self.fb = FunctionBuilder(name, [scalar_type(p) for p in params], [],
                                  loc=self.loc_at_line(code.co_firstlineno),
                                  doc=inspect.getdoc(fn) or "", param_hints=hints)
        self.fb.fn.soft = soft
        self.fb.tracer = self  # operators reach the tracer (library calls) through fb
        # a Static (known number passed to library code) stays wrapped in the
        # frame, keyed by its value, so it is still known after a join; loading
        # the local unwraps it (opcodes_locals.op_LOAD_FAST)
        locals_[:len(args)] = Frame(list(args), []).rebuild(self.fb.params).locals
        if self.genexpr == "resume":
            self.gen_frame = self.fb.params[nargs]
        if comp:
            it = iter(self.fb.params[nargs + (self.genexpr == "resume"):])
            for i, cell in enumerate(fn.__closure__ or ()):
                locals_[ncell + i] = rebuild(cell.cell_contents, it)
        if export:  # each array argument is its own memory block (arrays.Arr.root)
            locals_[:len(args)] = [arrays.param_root(v, i) for i, v in
                                   enumerate(locals_[:len(args)])]
            lists.bind_params(self, locals_, len(args))  # empty list arguments learn their type
            if any(isinstance(a, containers_abi.ContainerArg) for a in args):
                loc = self.loc_at_line(code.co_firstlineno)  # dict and set arguments
                locals_[:len(args)] = [containers_abi.enter(self, v, loc)
                                       for v in locals_[:len(args)]]
        self.frame0 = Frame(locals_, [])  # closure cells stay known values
        self.obj_args: list = []  # instance arguments of an exported function (objects.py)
        self.obj_lists: list = []  # (list, entry addresses) of lists of instances (ditto)
        if export and any(isinstance(a, objects_abi.ObjArg) or lists_objects_abi.is_param_value(a)
                          for a in args):
            loc = self.loc_at_line(code.co_firstlineno)
            for i, v in enumerate(locals_[:len(args)]):
                if isinstance(v, objects_abi.ObjArg):
                    locals_[i] = objects_abi.enter(self, v, loc)
                    self.obj_args.append(locals_[i])
                elif lists_objects_abi.is_param_value(v):  # frontend/lists_objects_abi.py
                    self.obj_lists.append(lists_objects_abi.enter(self, v, loc))
                    locals_[i] = self.obj_lists[-1][0]
            objects_abi.publish(self, self.obj_args + [x for lx in self.obj_lists for x in lx],
                                loc)  # for the raising path (api.py)
            self.result = None  # the result is (value, states): CPython ignores the annotation
        if self.genexpr == "list":
            from .generators import start
            self.gen_result = start(self)
        self.blocks: dict = {}  # (offset, key) -> (Block, template Frame)
        self.versions: dict[int, dict] = {}  # offset -> {version_class(key): frames}
        self.queue: list = []
        self.returns: list = []  # (block, value, loc)

    # --- locations ----------------------------------------------------------
    def loc_at_line(self, line, col=None) -> Loc:
        if self.site is not None:
            return self.site
        file = self.code.co_filename
        return Loc(file, line, col, linecache.getline(file, line).strip() if line else "")

    def loc_of(self, ins) -> Loc:
        loc = self._locs.get(ins.offset)
        if loc is None:
            pos = getattr(ins, "positions", None)
            line = pos.lineno if pos and pos.lineno else (ins.starts_line if isinstance(
                ins.starts_line, int) and not isinstance(ins.starts_line, bool) else None)
            if line is None:
                line = self._line_before(ins)
            col = pos.col_offset + 1 if pos and pos.col_offset is not None else None
            loc = self._locs[ins.offset] = self.loc_at_line(line, col)
        return loc

    def _line_before(self, ins):
        line = self.code.co_firstlineno
        for i in self.instrs:
            pos = getattr(i, "positions", None)
            if pos and pos.lineno:
                line = pos.lineno
            if i.offset >= ins.offset:
                break
        return line

    def _check_code(self) -> None:
        code = self.code
        floc = self.loc_at_line(code.co_firstlineno)
        flags = code.co_flags
        if self.genexpr:  # a generator (expression) traced for its consumer
            flags &= ~inspect.CO_GENERATOR
        if flags & (inspect.CO_GENERATOR | inspect.CO_COROUTINE | inspect.CO_ASYNC_GENERATOR
                    | inspect.CO_ITERABLE_COROUTINE):
            gen = not flags & (inspect.CO_COROUTINE | inspect.CO_ASYNC_GENERATOR)
            ys = [i for i in self.instrs if i.opname == "YIELD_VALUE"] if gen else []
            raise error(self.loc_of(ys[0]) if ys else floc,
                        f"{self.fn.__name__}() is a {'generator' if gen else 'coroutine'}",
                        "py2wasm compiles plain functions: no yield, async or await",
                        E_GENERATOR)
        if flags & (inspect.CO_VARARGS | inspect.CO_VARKEYWORDS):
            raise error(floc, f"{self.fn.__name__}() takes *args or **kwargs",
                        "use plain positional parameters", E_UNSUPPORTED_OPCODE)
        table = getattr(code, "co_exceptiontable", b"")
        if self.genexpr and not any(i.opname == "PUSH_EXC_INFO" for i in self.instrs):
            table = b""  # its handler turns a StopIteration into a RuntimeError
        if table:
            withs = [i for i in self.instrs if i.opname in ("BEFORE_WITH", "BEFORE_ASYNC_WITH")]
            if withs:
                raise error(self.loc_of(withs[0]), "with statements are not supported",
                            "remove the with block", E_UNSUPPORTED_OPCODE)
            comps = [i for i in self.instrs if i.opname == "LOAD_FAST_AND_CLEAR"]
            if comps and not any(i.opname == "PUSH_EXC_INFO" for i in self.instrs):
                # 3.12+ inlined comprehensions only: their handlers restore the loop
                # variable when an exception passes through, which compiled code
                # never catches
                table = b""

    # --- the loop -------------------------------------------------------------
    def run(self):
        if self.genexpr == "resume":
            from .generators import resume_dispatch
            resume_dispatch(self)
        elif not optionals.enter(self, self.frame0):  # Optional parameters: split at entry
            self.step_from(0, self.frame0)
        while self.queue:
            offset, key = self.queue.pop()
            block, template = self.blocks[(offset, key)]
            self.fb.set_block(block)
            self.step_from(offset, template.rebuild(block.params))
        self.fb.catch = None
        return self.finish()

    def step_from(self, offset: int, frame: Frame) -> None:
        i = self.index[offset]
        first = True
        while True:
            ins = self.instrs[i]
            if not first and ins.offset in self.targets:
                self.jump(ins.offset, frame)
                return
            first = False
            loc = self.loc_of(ins)
            self.fb.loc = loc
            if self.catch_at is not None:  # in a try region: raises go to its handler
                from .trycatch import Catcher
                entry = self.catch_at.get(ins.offset)
                self.fb.catch = Catcher(self, entry, frame.copy()) if entry else None
            handler = self.DISPATCH.get(ins.opname)
            if handler is None:
                raise error(loc, f"bytecode {ins.opname} is not supported",
                            "this construct is outside the compiled subset (see README)",
                            E_UNSUPPORTED_OPCODE)
            try:
                r = handler(self, ins, frame)
            except TraceRaise as e:
                self.fb.raise_(e.exc, e.msg, loc)
                return
            if r is STOP:
                return
            i += 1

    def next_offset(self, ins) -> int:
        return self.instrs[self.index[ins.offset] + 1].offset

    # --- joins ----------------------------------------------------------------
    def edge(self, offset: int, frame: Frame, widened: bool = False):
        """The IR block for `frame` at `offset` (made and queued if new) and
        the branch arguments that enter it."""
        frame = self.normalized(offset, frame)
        key = frame.key()
        entry = self.blocks.get((offset, key))
        if entry is None:
            # MAX_VERSIONS bounds the type states of a block; walking a tuple (a
            # version per position, bounded by its length) is one state
            classes = self.versions.setdefault(offset, {})
            cls = version_class(key)
            if cls not in classes and not widened and len(classes) >= (
                    MAX_VERSIONS if _walks_tuple(frame) else WIDEN_STRS_AT):
                from .strvalues import widen_known
                wider = widen_known(self, frame, self.fb.loc)
                if wider is not None:  # a known str changing around a loop (`s += "ab"`):
                    return self.edge(offset, wider, True)  # a run-time str from here on
            if cls not in classes and len(classes) >= MAX_VERSIONS:
                raise self._unstable(offset, frame, [fs[0] for fs in classes.values()])
            classes.setdefault(cls, []).append(frame)
            ls, hints = self._leaves_with_hints(frame)
            block = self.fb.new_block([scalar_type(v) for v in ls], hints)
            template = Frame(list(frame.locals), list(frame.stack))
            self.blocks[(offset, key)] = entry = (block, template)
            self.queue.append((offset, key))
        return entry[0], [self.materialize(v) for v in frame.leaves()]

    def normalized(self, offset: int, frame: Frame) -> Frame:
        """`frame` as it enters `offset`: pending values settled, dead locals dropped."""
        live = self.live[offset]
        frame = arrays.settle_frame(self, lists.settle_frame(self, frame.copy(), self.fb.loc),
                                    self.fb.loc)
        from .strvalues import settle_frame
        frame = settle_frame(self, frame, self.fb.loc)  # f-strings crossing a jump: strs
        for i in range(self.nvarnames):
            if self.names[i] not in live:
                frame.locals[i] = UNBOUND
        return frame

    def _leaves_with_hints(self, frame):
        ls, hints = [], []
        for v, n in zip(frame.locals, self.names):
            got = leaves(v, [])
            ls.extend(got)
            hints.extend([n] * len(got))
        for v in frame.stack:
            got = leaves(v, [])
            ls.extend(got)
            hints.extend([""] * len(got))
        return ls, hints

    def _unstable(self, offset, frame, versions):
        ins = self.instrs[self.index[offset]]
        names = []
        for i, n in enumerate(self.names):
            ks = {key_of(f.locals[i]) for f in versions} | {key_of(frame.locals[i])}
            if len(ks) > 1:
                names.append(n)
        what = ", ".join(names) or "a value on the stack"
        return error(self.loc_of(ins),
                     f"the type of {what} keeps changing around this point "
                     f"(more than {MAX_VERSIONS} versions)",
                     f"give {names[0] if names else 'it'} one type on every path, e.g. start "
                     "a float accumulator at 0.0", E_UNSTABLE_TYPE)

    def materialize(self, v) -> Var:
        if isinstance(v, Var):
            return v
        t = scalar_type(v)
        if t is not None and t.is_int and not -2**63 <= v < 2**63:
            raise error(self.fb.loc, f"the int {v} does not fit in 64 bits",
                        "py2wasm ints are 64-bit", E_UNSUPPORTED_VALUE)
        return self.fb.const(v, t)

    def jump(self, offset: int, frame: Frame):
        block, args = self.edge(offset, frame)
        self.fb.br(block, args)
        return STOP

    def branch(self, cond, true_off: int, true_frame: Frame, false_off: int,
               false_frame: Frame):
        """Go to true_off if `cond` (known bool or bool Var) else false_off."""
        if not isinstance(cond, Var):
            return self.jump(true_off if cond else false_off,
                             true_frame if cond else false_frame)
        tb, targs = self.edge(true_off, true_frame)
        eb, eargs = self.edge(false_off, false_frame)
        self.fb.cond_br(cond, tb, eb, targs, eargs)
        return STOP

    def fork(self, ins, frame: Frame, tf):
        """Continue after `ins` with `tf.alts[k]` pushed when `tf.tag` is k
        (a value whose type depends on run-time values, typefork.py): one
        block version per alternative."""
        offset = self.next_offset(ins)
        frame = arrays.settle_frame(self, frame.copy(), self.fb.loc)
        last = len(tf.alts) - 1
        for k, alt in enumerate(tf.alts[:-1]):
            is_k = self.fb.emit("eq", [tf.tag, self.fb.const(k, I64)])
            ta = frame.copy()
            ta.stack.append(alt)
            tb, targs = self.edge(offset, ta)
            if k + 1 == last:
                ea = frame.copy()
                ea.stack.append(tf.alts[last])
                eb, eargs = self.edge(offset, ea)
            else:
                eb, eargs = self.fb.new_block(), []
            self.fb.cond_br(is_k, tb, eb, targs, eargs)
            self.fb.set_block(eb)
        return STOP

    # --- returns --------------------------------------------------------------
    def do_return(self, value, loc, frame=None):
        if self.genexpr == "resume" or self.genexpr and value is None:
            from .generators import final
            value = final(self, value, frame)
        value = lists.check_return(self, value, loc)
        if self.export:  # instances leave as states; instance arguments' states follow
            from .strvalues import exit_value
            value = exit_value(self, value, loc)  # known strs leave in memory
            value = lists_objects_abi.exit_value(self, value, loc)
            value = objects_abi.exit_value(self, value, loc)
            if self.obj_args or self.obj_lists:
                value = (value, tuple(objects_abi.state(self, o, loc) for o in self.obj_args) +
                         tuple(lists_objects_abi.exit_state(self, lst, entry, loc)
                               for lst, entry in self.obj_lists))
                objects_abi.unpublish(self)
        if self.export or self.result is not None:
            value = arrays.settle_return(self, value, loc)
        else:
            value = arrays.settle(self, value, loc)
        self.returns.append((self.fb.block, value, loc))
        return STOP

    def finish(self):
        """Join the return sites. Without a declared result, every site must
        have the same state key (same Python type; known non-numeric values
        such as ranges or functions by identity); the result is a template
        whose numeric leaves are the IR results. Returns (Function, template)."""
        fb = self.fb
        if self.result is None:
            self.returns = _unify_numpy_returns(self.returns)
            from .lists_abi import unify_returns
            self.returns = unify_returns(self.returns)  # `return []` and a typed list
            template = self.returns[0][1] if self.returns else None
            k0 = key_of(template)
            joined = None
            if any(key_of(v) != k0 for _, v, _ in self.returns) and \
                    getattr(self, "gen_info", None) is None:  # None and T: T | None
                # (a generator's step returns None when exhausted: generators.py
                # fills that path with zeros under the yielded type instead)
                joined = optionals.join([v for _, v, _ in self.returns], key_of)
            if joined is not None:
                if self.export:
                    for _, v, loc in self.returns:
                        trace_type(v, loc, "returned value")
                rtypes = [scalar_type(x) for x in leaves(joined, [])]
                for block, v, loc in self.returns:
                    fb.set_block(block)
                    fb.loc = loc
                    fb.ret([self.materialize(x) for x in optionals.fit(joined, v, leaves)])
                fb.fn.result_types = rtypes
                return fb.finish(), joined
            if self.export or any(key_of(v) != k0 for _, v, _ in self.returns):
                for _, v, loc in self.returns:  # an unrepresentable value is the error
                    trace_type(v, loc, "returned value")
            for _, v, loc in self.returns[1:]:
                if key_of(v) != k0:
                    raise self._return_mismatch(template, v, loc)
            rtypes = [scalar_type(x) for x in leaves(template, [])]
            for block, v, loc in self.returns:
                fb.set_block(block)
                fb.loc = loc
                fb.ret([self.materialize(x) for x in leaves(v, [])])
        else:
            rtype = self.result
            if self.export and not self.result_is_assumed:
                rtype = self._numpy_result(rtype)
            types = [(trace_type(v, loc, "returned value"), loc) for _, v, loc in self.returns]
            if self.result_is_assumed:
                for t, loc in types:
                    if t != rtype and not optionals.fits(t, rtype):
                        raise AssumptionFailed(t)
            for (block, v, loc), (t, _) in zip(self.returns, types):
                fb.set_block(block)
                fb.loc = loc
                try:
                    fb.ret(self.coerce_to(v, t, rtype, loc))
                except TraceRaise as e:  # e.g. a known NaN returned as int
                    fb.raise_(e.exc, e.msg, loc)
            template = placeholder(rtype)
            rtypes = flatten(rtype)
        fb.fn.result_types = rtypes
        return fb.finish(), template

    def _numpy_result(self, rtype):
        """An exported function annotated `-> float` (`complex`, tuples of
        them) whose returns are NumPy float64 (complex128) scalars, which are
        floats: the NumPy scalar type, as CPython returns it (paths returning
        Python numbers join as without an annotation)."""
        returns = _unify_numpy_returns(self.returns)
        types = {trace_type(v, loc, "returned value") for _, v, loc in returns}
        if len(types) != 1:
            return rtype
        t = next(iter(types))
        if t == rtype or not _fits(rtype, t):
            return rtype
        self.returns = returns
        return t

    def _return_mismatch(self, va, vb, loc):
        a, b = trace_type(va, loc, "returned value"), trace_type(vb, loc, "returned value")
        if a == b:  # same type, different known objects (e.g. two functions)
            return error(loc, f"{self.fn.__name__}() returns different objects on different "
                         "paths", "return numbers, or the same object on every path",
                         E_UNSTABLE_TYPE)
        nums = {"int", "float"}
        npt = next((t for t in (a, b) if isinstance(t, NumpyScalarType)), None)
        if {python_name(a), python_name(b)} == nums:
            hint = "return a float on every path, e.g. 0.0"
        elif npt is not None:
            name = python_name(npt).replace("numpy.", "np.")
            hint = (f"NumPy 2 computes a Python number with a {name} as {name}: give the "
                    f"value that type on every path, e.g. start an accumulator at {name}(0)")
        elif "complex" in (python_name(a), python_name(b)):
            hint = "return a complex on every path, e.g. start from 0j or use complex(x, 0.0)"
        else:
            hint = "return the same type on every path (bool and int are distinct)"
        return error(loc, f"{self.fn.__name__}() returns {python_name(b)} here but "
                     f"{python_name(a)} elsewhere", hint, E_UNSTABLE_TYPE)

    def coerce_to(self, v, t: PyType, want: PyType, loc) -> list[Var]:
        """The flat IR values of trace value `v` (of type t) as type `want`."""
        if isinstance(want, OptionalType) and t != want:
            return optionals.coerce(self, v, t, want, loc)  # None or T as T | None
        if t == want or isinstance(want, ListType) and isinstance(t, ListType) and t.elem is None \
                or containers_abi.empty_fits(t, want):
            return [self.materialize(x) for x in leaves(v, [])]  # (an empty list of any type)
        if isinstance(want, ScalarType) and isinstance(t, (ScalarType, NumpyScalarType)):
            from . import operators
            return [operators.coerce(self.fb, v, want, loc)]  # a NumPy scalar's value
        if isinstance(want, NumpyScalarType) and isinstance(t, (ScalarType, NumpyScalarType)):
            from . import npscalars  # the annotated NumPy type, as numpy.<type>(v) converts
            return [self.materialize(x) for x in leaves(
                npscalars.construct(self.fb, want.dtype, v, loc), [])]
        if want == COMPLEX and isinstance(t, ScalarType):  # -> complex returning a real
            from . import operators
            return [operators.coerce(self.fb, v, F64, loc), self.fb.const(0.0, F64)]
        if isinstance(want, TupleType) and isinstance(t, TupleType) \
                and len(want.elems) == len(t.elems):
            out = []
            for x, xt, wt in zip(v, t.elems, want.elems):
                out.extend(self.coerce_to(x, xt, wt, loc))
            return out
        raise error(loc, f"{self.fn.__name__}() returns {python_name(t)} here, but its "
                    f"result is {python_name(want)}",
                    "return a value of the annotated type", E_UNSTABLE_TYPE)


_NP_OF_PY = {I64: "int64", F64: "float64", BOOL: "bool"}


def _unify_numpy_returns(returns):
    """A function returning a Python number on some paths and the NumPy
    scalar of the same kind on others (`s = 0.0`, `s += a[i]`, `return s`)
    returns the NumPy scalar on every path (numpy.float64(x) == x; the
    documented deviation: CPython's result type depends on the path)."""
    from .npscalars import dtype_name, is_np, make
    if len(returns) < 2:
        return returns

    def target(vals):
        if all(isinstance(v, tuple) for v in vals) and len({len(v) for v in vals}) == 1:
            cols = [target(list(col)) for col in zip(*vals)]
            return ("t", cols) if any(c is not None for c in cols) else None
        nps_ = {dtype_name(v) for v in vals if is_np(v)}
        pys = {scalar_type(v) for v in vals if not is_np(v)}
        if len(nps_) == 1 and pys and None not in pys:
            d = next(iter(nps_))
            if all(_NP_OF_PY[t] == d for t in pys):
                return d
        return None

    def convert(v, tg):
        if tg is None:
            return v
        if isinstance(tg, tuple):
            items = [convert(x, t) for x, t in zip(v, tg[1])]
            return tuple(items) if type(v) is tuple else type(v)._make(items)
        if is_np(v):
            return v
        return make(tg, v)

    tg = target([v for _, v, _ in returns])
    if tg is None:
        return returns
    return [(b, convert(v, tg), loc) for b, v, loc in returns]


def signature_of(fn, arg_types, result) -> PySignature:
    names = fn.__code__.co_varnames[:fn.__code__.co_argcount]
    return PySignature(tuple(zip(names, arg_types)), result)


def _build_dispatch(cls):
    cls.DISPATCH = {n[3:]: f for n, f in inspect.getmembers(cls, inspect.isfunction)
                    if n.startswith("op_")}
    return cls


_build_dispatch(FunctionTracer)
__all__ = ["FunctionTracer", "AssumptionFailed", "STOP", "check_python_version",
           "signature_of"]


# NumPy scalars that are instances of the annotated Python type: returned as is
# (CPython ignores the annotation; `-> float` returning `a[i]` gives a np.float64).
_SUBCLASS_OF = {F64: "float64", COMPLEX: "complex128"}


def _fits(ann, t) -> bool:
    """t's values are instances of annotation `ann` (leaf by leaf)."""
    if isinstance(ann, TupleType):
        return isinstance(t, TupleType) and len(t.elems) == len(ann.elems) and \
            t.names == ann.names and all(_fits(a, u) for a, u in zip(ann.elems, t.elems))
    return t == ann or ann in _SUBCLASS_OF and t == NumpyScalarType(_SUBCLASS_OF[ann])


# A block entered with a 5th version whose frame holds known strs (changing
# on every pass of a loop: `s += "ab"`) takes them as run-time strs; a loop
# over a tuple (`for w in ("a", "b")`: known strs, one version per item)
# keeps them known up to MAX_VERSIONS.
WIDEN_STRS_AT = 4


def _walks_tuple(frame) -> bool:
    from .iterators import TupleIter
    return any(isinstance(v, TupleIter) for v in frame.stack)
