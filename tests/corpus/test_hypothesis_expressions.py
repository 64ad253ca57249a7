"""Random arithmetic expression trees over 2-3 int/float variables (+ - * /
// % ** with small exponents, comparisons and chains, and/or/not, abs, min,
max, int(), float(), round(), conditional expressions), written as a module,
compiled once and compared with CPython on hypothesis-drawn inputs plus edge
inputs. The oracle is the same expression with every int operation checked
against int64."""
from hypothesis import given, note
from hypothesis import strategies as st

from . import gen
from .hyp_settings import SETTINGS
from .support import assert_same


@SETTINGS
@given(data=st.data())
def test_random_expression(data):
    sig = data.draw(gen.signature(), label="types")
    ty = data.draw(st.sampled_from([gen.INT, gen.FLOAT, gen.FLOAT, gen.BOOL]), label="result type")
    e = data.draw(gen.expr(ty, gen.env_of(sig), 4), label="expression")
    params = [f"x{i}" for i in range(len(sig))]
    fn, oracle, src = gen.load(params, [f"    return {e.plain}"], [f"    return {e.checked}"])
    note(f"source ({fn.__code__.co_filename}):\n{src}")
    cases = data.draw(st.lists(gen.inputs(sig), min_size=4, max_size=8), label="inputs") + gen.edge_inputs(sig)
    for args in cases:
        assert_same(fn, *args, oracle=oracle)
