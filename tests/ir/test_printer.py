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
