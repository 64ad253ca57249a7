"""The CFG walks the passes share (ir/dominators.py `predecessors`,
`reverse_postorder`; ir/core.py `Block.edges`): a counting loop, a CondBr
whose two edges go to one block, and an unreachable block."""
from py2wasm.ir import I64, Block, Br, CondBr, FunctionBuilder
from py2wasm.ir.dominators import Dominators, predecessors, reverse_postorder


def loop_with_double_edge():
    """entry -> head; head -cond-> body | done; body -cond-> head | head
    (both edges of one CondBr, with different arguments); an unreachable
    block branching to done."""
    fb = FunctionBuilder("f", [I64], [I64], param_hints=["n"])
    (n,) = fb.params
    head = fb.new_block([I64], ["i"])
    body, done = fb.new_block(), fb.new_block()
    fb.br(head, [fb.const(0)])
    fb.set_block(head)
    (i,) = head.params
    fb.cond_br(fb.emit("lt", [i, n]), body, done)
    fb.set_block(body)
    one, two = fb.const(1), fb.const(2)
    fb.cond_br(fb.emit("lt", [i, fb.const(5)]), head, head,
               [fb.emit("add", [i, one])], [fb.emit("add", [i, two])])
    fb.set_block(done)
    fb.ret([i])
    fn = fb.finish()
    dead = Block(max(b.label for b in fn.blocks) + 1, [], [], Br(done, []))
    fn.blocks.append(dead)
    return fn, head, body, done, dead


def test_edges_lists_both_edges_of_a_condbr_into_one_block():
    fn, head, body, done, dead = loop_with_double_edge()
    t = body.term
    assert isinstance(t, CondBr) and t.then is t.else_ is head
    assert body.edges() == [(head, t.then_args), (head, t.else_args)]
    assert body.successors() == [head]
    assert fn.entry.edges() == [(head, fn.entry.term.args)]
    assert done.edges() == []


def test_predecessors_per_block_and_per_edge():
    fn, head, body, done, dead = loop_with_double_edge()
    dom = Dominators(fn)
    reach = predecessors(dom.rpo)
    assert reach[id(head)] == [fn.entry, body]
    assert reach[id(done)] == [head]  # the unreachable block is not in rpo
    every = predecessors(fn.blocks, per_edge=True)
    assert every[id(head)] == [fn.entry, body, body]  # one entry per edge
    assert every[id(done)] == [head, dead]
    assert every[id(dead)] == []


def test_reverse_postorder_is_the_dominators_order():
    fn, head, body, done, dead = loop_with_double_edge()
    order = reverse_postorder(fn.entry)
    assert order == Dominators(fn).rpo
    assert order[0] is fn.entry and dead not in order
    assert order.index(head) < order.index(body) and order.index(head) < order.index(done)
