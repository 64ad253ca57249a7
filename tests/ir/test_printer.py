"""The IR printer's output is stable and readable."""
from py2wasm.ir import F64, FunctionBuilder, Loc, PySignature, format_function


def test_fma_prints_like_a_jaxpr():
    sig = PySignature((("x", F64), ("y", F64), ("z", F64)), F64)
    fb = FunctionBuilder("fma", [F64] * 3, [F64], sig=sig, param_hints=["x", "y", "z"],
                         loc=Loc("fma.py", 2))
    x, y, z = fb.params
    fb.ret([fb.emit("add", [fb.emit("mul", [x, y]), z])])
    text = format_function(fb.finish())
    assert text == (
        "def fma(a_x:f64, b_y:f64, c_z:f64) -> f64:    # (x: float, y: float, z: float) -> float\n"
        "  ^0(a_x:f64, b_y:f64, c_z:f64):\n"
        "    d:f64 = mul a_x b_y                     # fma.py:2\n"
        "    e:f64 = add d c_z\n"
        "    return e")


def _table_module():
    from py2wasm.ir import I64, Module
    m = Module()
    name = m.add_data("digits", bytes(range(20)))
    fb = FunctionBuilder("f", [], [I64])
    fb.ret([fb.emit("load", [fb.emit("data_addr", [], {"name": name})], {"dtype": "uint8"})])
    m.add(fb.finish())
    return m


def test_constant_tables_print_before_the_functions():
    from py2wasm.ir import format_module
    text = format_module(_table_module())
    assert text.startswith("data digits: 20 bytes = 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e "
                           "0f ...\n\ndef f() -> i64:\n")
    assert "    a:i64 = data_addr[name='digits']\n" in text
