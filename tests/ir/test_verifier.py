"""The IR verifier accepts well-formed IR and rejects each kind of breakage."""
import pytest

from py2wasm.ir import (BOOL, F64, I64, Br, FunctionBuilder, IRVerificationError, Module,
                        PySignature, Var, verify_function, verify_module)


def counting_loop():
    fb = FunctionBuilder("count", [I64], [I64], param_hints=["n"])
    (n,) = fb.params
    head = fb.new_block([I64, I64], ["i", "s"])
    body, done = fb.new_block(), fb.new_block()
    fb.br(head, [fb.const(0), fb.const(0)])
    fb.set_block(head)
    i, s = head.params
    fb.cond_br(fb.emit("lt", [i, n]), body, done)
    fb.set_block(body)
    fb.br(head, [fb.emit("add", [i, fb.const(1)]), fb.emit("add", [s, i])])
    fb.set_block(done)
    fb.ret([s])
    return fb


def test_accepts_loop_with_block_arguments():
    verify_function(counting_loop().finish())


def test_rejects_missing_terminator():
    fb = FunctionBuilder("f", [I64], [I64])
    with pytest.raises(IRVerificationError, match="no terminator"):
        verify_function(fb.finish())


def test_rejects_branch_arity_and_type_mismatch():
    fb = counting_loop()
    fn = fb.finish()
    entry = fn.entry
    entry.term = Br(entry.term.target, entry.term.args[:1])
    with pytest.raises(IRVerificationError, match="passes 1 args for 2 params"):
        verify_function(fn)
    entry.term = Br(entry.term.target, [Var(F64), Var(F64)])
    with pytest.raises(IRVerificationError):
        verify_function(fn)


def test_rejects_use_not_dominated_by_definition():
    fb = FunctionBuilder("f", [BOOL], [I64])
    (c,) = fb.params
    a, b, j = fb.new_block(), fb.new_block(), fb.new_block()
    fb.cond_br(c, a, b)
    fb.set_block(a)
    x = fb.const(1)
    fb.br(j)
    fb.set_block(b)
    fb.br(j)
    fb.set_block(j)
    fb.ret([x])  # x is defined only on one path
    with pytest.raises(IRVerificationError, match="does not dominate"):
        verify_function(fb.finish())


def test_rejects_wrong_return_type():
    fb = FunctionBuilder("f", [I64], [F64])
    fb.ret(fb.params)
    with pytest.raises(IRVerificationError, match="returns"):
        verify_function(fb.finish())


def test_builder_types_equations_as_they_are_made():
    fb = FunctionBuilder("f", [I64, F64], [F64])
    x, y = fb.params
    with pytest.raises(TypeError, match="one type"):
        fb.emit("add", [x, y])
    assert fb.emit("truediv", [x, x]).type is F64
    assert fb.emit("lt", [x, y]).type is BOOL  # exact mixed comparison


def test_rejects_call_signature_mismatch_and_bad_export():
    callee = FunctionBuilder("g", [I64], [I64])
    callee.ret(callee.params)
    fb = FunctionBuilder("f", [F64], [I64], sig=PySignature((("x", F64),), I64))
    (r,) = fb.emit_multi("call", fb.params, {"fn": "g", "results": [I64]})
    fb.ret([r])
    m = Module()
    m.add(callee.finish())
    m.add(fb.finish())
    m.exports.append("f")
    with pytest.raises(IRVerificationError, match="call to g"):
        verify_module(m)
    m2 = Module()
    m2.add(counting_loop().finish())
    m2.exports.append("count")
    with pytest.raises(IRVerificationError, match="no Python signature"):
        verify_module(m2)


def _uses_table(name):
    m = Module()
    m.add_data("t", b"\x01\x02")
    fb = FunctionBuilder("f", [], [I64])
    fb.ret([fb.emit("load", [fb.emit("data_addr", [], {"name": name})], {"dtype": "uint8"})])
    m.add(fb.finish())
    return m


def test_data_addr_names_a_table_of_the_module():
    verify_module(_uses_table("t"))
    with pytest.raises(IRVerificationError, match="data_addr of unknown table 'u'"):
        verify_module(_uses_table("u"))


def test_rejects_empty_or_non_bytes_tables():
    m = _uses_table("t")
    m.data["t"] = b""
    with pytest.raises(IRVerificationError, match="non-empty bytes"):
        verify_module(m)
    m.data["t"] = bytearray(b"x")
    with pytest.raises(IRVerificationError, match="non-empty bytes"):
        verify_module(m)


def test_interpreter_reads_tables_and_copies_once_per_call():
    from py2wasm.ir.interpret import interpret
    from py2wasm.ir.memory import Memory
    mem = Memory()
    m = _uses_table("t")
    assert interpret(m, "f", [], memory=mem) == [1]
    top = mem.top
    assert interpret(m, "f", [], memory=mem) == [1] and mem.top == top  # same call: one copy
    mem.reset()
    assert interpret(m, "f", [], memory=mem) == [1] and mem.top == top  # after a reset: again
