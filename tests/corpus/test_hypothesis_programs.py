"""Small random programs: int and float locals, assignments, augmented
assignments, if/else, for over range (literal bounds with negative steps,
or a bound computed from the inputs), for-else, while with a bounded
counter, break and continue; returning an int, a float or a tuple. Written as
a module, compiled once, compared with CPython (int operations checked
against int64 in the oracle) on hypothesis-drawn and edge inputs."""
from hypothesis import given, note
from hypothesis import strategies as st

from . import gen
from .hyp_settings import SETTINGS
from .support import assert_same


@SETTINGS
@given(data=st.data())
def test_random_program(data):
    sig = data.draw(gen.signature(), label="types")
    plain, checked = data.draw(gen.program_body(sig), label="program")
    params = [f"x{i}" for i in range(len(sig))]
    fn, oracle, src = gen.load(params, plain, checked)
    note(f"source ({fn.__code__.co_filename}):\n{src}")
    cases = data.draw(st.lists(gen.inputs(sig), min_size=4, max_size=8), label="inputs") + gen.edge_inputs(sig)
    for args in cases:
        assert_same(fn, *args, oracle=oracle)
