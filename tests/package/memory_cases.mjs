// The memory API cases (js/src/heap.ts), shared by Node (memory_api.mjs,
// under node --test) and headless Chromium (browser_memory.mjs): zero-copy
// WasmArrays, aliasing, views across memory.grow, free / dispose, double
// free and use-after-free errors, keep(), release(); and the "js" ABI's int
// results. `memoryCases(M, assert)`: [name, fn] pairs for package M, with
// `assert` node:assert/strict or a stand-in with the same methods.
export function memoryCases(M, assert) {
  const { alloc, array, keep, release } = M;
  const f64 = (...v) => new Float64Array(v);
  const cases = [];
  const test = (name, fn) => cases.push([name, fn]);

  test("alloc: a zeroed array in the module's memory; passing it does not copy it", () => {
    const x = alloc(Float64Array, 4), y = alloc(Float64Array, 4), out = alloc(Float64Array, 4);
    assert.deepEqual([...x.data], [0, 0, 0, 0]);
    assert.equal(x.length, 4);
    assert.deepEqual(x.shape, [4]);
    assert.ok(x.data instanceof Float64Array);
    assert.ok(x.byteOffset >= 16 && x.byteOffset % 16 === 0);
    x.data.set([1, 2, 3, 4]);
    y.data.set([10, 20, 30, 40]);
    const view = out.data;
    M.add_into(x, y, out); // WasmArrays
    assert.deepEqual([...view], [11, 22, 33, 44]); // written in place: the earlier view sees it
    M.add_into(y.data, x.data, out.data); // their views: the same
    assert.deepEqual([...out.data], [11, 22, 33, 44]);
    assert.equal(M.total(x), 10);
    for (const h of [x, y, out]) h.free();
  });

  test("aliasing: the same WasmArray twice aliases like NumPy; other overlapping written arguments are refused", () => {
    const h = array(f64(1, 2, 3));
    M.add_into(h, h, h); // out[i] = x[i] + y[i], all the same memory
    assert.deepEqual([...h.data], [2, 4, 6]);
    // plain TypedArrays sharing memory would be separate copies: refused (NumPy would see one memory)
    const a = f64(1, 2, 3);
    assert.throws(() => M.add_into(a, a, a), (e) => e.name === "ValueError" && /share memory/.test(e.message)
      && /'x' and 'out'/.test(e.message)); // x, y are read-only: only pairs with `out` matter
    assert.deepEqual([...a], [1, 2, 3]); // refused before anything ran
    const b = f64(1, 2, 3, 4, 5);
    assert.throws(() => M.add_into(b.subarray(1), f64(0, 0, 0, 0), b.subarray(0, 4)), { name: "ValueError" });
    assert.deepEqual([...b], [1, 2, 3, 4, 5]);
    M.add_into(b.subarray(1), b.subarray(0, 4), f64(0, 0, 0, 0)); // only read-only ones overlap: fine
    // views of one buffer that do not overlap are separate arrays
    const c = f64(1, 2, 3, 4, 5, 6);
    M.add_into(c.subarray(0, 2), c.subarray(2, 4), c.subarray(4));
    assert.deepEqual([...c], [1, 2, 3, 4, 4, 6]);
    // overlapping views of one WasmArray (both passed in place) are refused too
    const big = alloc(Float64Array, 40);
    assert.throws(() => M.add_into(big.data.subarray(1, 21), big.data.subarray(0, 20), big.data.subarray(20, 40)), // x, out share element 20
      { name: "ValueError" });
    // read-only arguments may share memory: nothing is written through them
    const r = f64(1, 2, 3);
    assert.equal(M.dot2(r, r), 14);
    big.free();
    // a plain array and a WasmArray with the same values: no aliasing
    const o = alloc(Float64Array, 3);
    M.add_into(h, f64(1, 1, 1), o);
    assert.deepEqual([...o.data], [3, 5, 7]);
    h.free();
    o.free();
  });

  test("memory.grow during a call: views read before it are empty, `data` is a fresh view with the same contents", () => {
    const h = array(f64(1.5, 2.5));
    const before = h.data;
    assert.equal(M.grow_then_sum(h, 3_000_000), 5); // 24 MB in the call: the memory grows
    assert.equal(before.length, 0, "the old view is detached by memory.grow");
    assert.deepEqual([...h.data], [1.5, 2.5]);
    assert.equal(M.total(h.data), 4);
    h.free();
  });

  test("free and dispose: double free and use after free are errors, memory is reused", () => {
    const a = alloc(Float64Array, 2), b = alloc(Float64Array, 2), c = alloc(Int32Array, 8);
    const at = b.byteOffset;
    b.free();
    assert.equal(b.freed, true);
    assert.throws(() => b.free(), { message: /already freed/ });
    assert.throws(() => b.data, { message: /already freed/ });
    assert.throws(() => M.total(b), { message: /already freed/ });
    const d = alloc(Float64Array, 2); // first fit: b's block
    assert.equal(d.byteOffset, at);
    assert.equal(typeof Symbol.dispose, "symbol");
    d[Symbol.dispose]();
    assert.equal(d.freed, true);
    d[Symbol.dispose](); // disposing twice is a no-op (`using` may run after an explicit free)
    a.free();
    c.free();
    const e = alloc(Float64Array, 1); // everything freed: the heap starts at 16 again
    assert.equal(e.byteOffset, 16);
    e.free();
  });

  test("bad requests: classes, sizes, dtypes, memory exhaustion", () => {
    assert.throws(() => alloc(Array, 3), TypeError);
    assert.throws(() => alloc(Uint8ClampedArray, 3), TypeError);
    assert.throws(() => alloc(Float64Array, -1), RangeError);
    assert.throws(() => alloc(Float64Array, 1.5), TypeError);
    assert.throws(() => array({ shape: [2], dtype: "float16" }), TypeError);
    assert.throws(() => alloc(Float64Array, 2 ** 30), { name: "MemoryError" });
    const i32 = alloc(Int32Array, 2);
    assert.throws(() => M.total(i32), TypeError); // wrong dtype for the parameter
    i32.free();
    const ok = alloc(Float64Array, 1); // still usable
    ok.free();
  });

  test("N-d: array({shape, dtype}) passes as {data, shape} without a copy", () => {
    const m = array({ shape: [2, 3], dtype: "float64" });
    m.data.set([1, 2, 3, 4, 5, 6]);
    assert.deepEqual([...M.rowsum(m)], [6, 15]);
    assert.deepEqual(m.shape, [2, 3]);
    m.free();
  });

  test("keep: array results stay in memory as WasmArrays; ordinary calls copy them out", () => {
    const h = array(f64(1, 2, 3));
    const copy = M.scaled(h, 2);
    assert.ok(copy instanceof Float64Array);
    assert.deepEqual([...copy], [2, 4, 6]);
    const kept = keep(M.scaled, h, 3);
    assert.deepEqual([...kept.data], [3, 6, 9]);
    assert.notEqual(kept.byteOffset, h.byteOffset);
    M.scaled(h, 5); // a later call does not overwrite a kept result
    assert.deepEqual([...kept.data], [3, 6, 9]);
    const sameKept = keep(M.same, h); // the result is the argument itself: kept as a copy
    assert.notEqual(sameKept.byteOffset, h.byteOffset);
    assert.deepEqual([...sameKept.data], [1, 2, 3]);
    const [p, s, q] = keep(M.split, h);
    assert.equal(s, 6);
    assert.deepEqual([...p.data], [2, 4, 6]);
    assert.deepEqual([...q.data], [2, 3, 4]);
    assert.throws(() => keep(M.total, h), TypeError); // no array result
    for (const x of [h, kept, sameKept, p, q]) x.free();
    const e = alloc(Float64Array, 1);
    assert.equal(e.byteOffset, 16, "kept results freed: nothing left");
    e.free();
  });

  test("release: refused while arrays are live; afterwards the big memory is gone and old arrays are invalid", async () => {
    const small = array(f64(1, 2));
    M.grow_then_sum(small, 25_000_000); // a 200 MB arena
    const memory = () => small.data.buffer.byteLength; // a view's buffer is the whole memory
    assert.ok(memory() > 200e6, `memory ${memory()}`);
    await assert.rejects(release(), { message: /still live/ });
    const stale = small;
    small.free();
    await release();
    assert.throws(() => stale.data, { message: /freed/ });
    const h = array(f64(4, 5)); // the new instance works, with a small memory again
    assert.ok(h.data.buffer.byteLength <= 65536 * 2, `memory after release ${h.data.buffer.byteLength}`);
    assert.equal(M.total(h), 9);
    assert.equal(h.byteOffset, 16);
    const stale2 = h;
    await assert.rejects(release(), { message: /still live/ });
    h.free();
    await release();
    assert.throws(() => stale2.free(), { message: /freed/ });
  });

  test("int results: exact up to 2**53 - 1, beyond it a RangeError carrying the BigInt", () => {
    assert.equal(M.big(8796093022207), 9007199254739968); // < 2**53
    assert.throws(() => M.big(2 ** 43), (e) => e instanceof RangeError && e.value === 2n ** 53n);
    assert.throws(() => M.big(-(2 ** 43)), (e) => e instanceof RangeError && e.value === -(2n ** 53n));
    assert.throws(() => M.big(2 ** 52), (e) => e.value === 2n ** 62n);
    // several ints beyond the range in a tuple: the leftmost is reported
    assert.throws(() => M.ints(2 ** 50), (e) => e.value === 2n ** 60n);
    assert.throws(() => M.ints(2 ** 42), (e) => e.value === 2n ** 53n); // the second only
    assert.deepEqual(M.ints(3), [3072, 6144]);
    assert.equal(M.big(-0), 0);
    assert.throws(() => M.big(2 ** 53), RangeError);
    assert.throws(() => M.big(NaN), TypeError);
    assert.throws(() => M.big(Infinity), TypeError);
    assert.throws(() => M.big(1n), TypeError);
  });

  test("a view kept from `data` after free() or release() is refused, not read", async () => {
    const h = array(f64(1, 2, 3));
    const view = h.data;
    assert.equal(M.total(view), 6); // a small view: in place, no copy
    h.free();
    assert.throws(() => M.total(view), { message: /already freed/ });
    const g = array(f64(5));
    const old = g.data;
    g.free();
    await release();
    assert.throws(() => M.total(old), { message: /freed/ });
    const big = alloc(Float64Array, 100); // a view longer than 64 bytes: found by its buffer
    big.data.fill(0.5);
    assert.equal(M.total(big.data), 50);
    assert.equal(M.total(big.data.subarray(10, 20)), 5); // a subarray of it (80 bytes: in place)
    big.free();
  });

  test("small and large plain TypedArrays are copies; results are new arrays", () => {
    for (const n of [0, 1, 4, 8, 9, 17, 1000]) {
      const a = Float64Array.from({ length: n }, (_, i) => i + 0.5);
      assert.equal(M.total(a), (n * n) / 2);
      const s = M.scaled(a, 2);
      assert.ok(s instanceof Float64Array && s.length === n && s !== a);
      assert.deepEqual([...s], [...a].map((x) => 2 * x));
      assert.equal(s.buffer.byteLength, 8 * n, "the result owns its buffer (not a view of memory)");
    }
  });

  test("small read-only arguments (the inline copy into the scratch slots) of every size, dtype and position", () => {
    // wsum: five read-only arguments of five dtypes: slots 0-3 of the scratch views, the fifth through put
    const expect = (a, b, c, d, e) => [a, b, c, d, e].reduce((s, x, k) => s + (k + 1) * x.reduce((t, v) => t + v, 0), 0);
    const mk = (C, n, k) => C.from({ length: n }, (_, i) => (i * 3 + k) % 7);
    for (const n of [0, 1, 2, 3, 7, 8, 9, 16, 17, 64, 65]) {
      for (const m of [0, 1, 5, 8, 9]) {
        const args = [mk(Int32Array, n, 1), mk(Float32Array, m, 2), mk(Uint8Array, n, 3), mk(Float64Array, m, 4), mk(Int16Array, n, 5)];
        assert.equal(M.wsum(...args), expect(...args), `n = ${n}, m = ${m}`);
        assert.equal(M.dot2(args[3], args[3]), args[3].reduce((t, v) => t + v * v, 0)); // slots 0 and 1
        assert.equal(M.total(args[3]), expect([], [], [], args[3], []) / 4);
      }
    }
    // a first argument that does not take the inline copy (large, or a WasmArray in place): the second
    // is then not at its scratch slot, and still right
    const big = Float64Array.from({ length: 20 }, (_, i) => i);
    assert.equal(M.dot2(big, big), 2470);
    const w = array(f64(1, 2, 3));
    assert.equal(M.dot2(w, f64(4, 5, 6)), 32);
    assert.equal(M.dot2(f64(4, 5, 6), w.data), 32);
    w.free();
    // subarrays (a byteOffset) and an empty array
    const base = f64(9, 1, 2, 3, 9);
    assert.equal(M.total(base.subarray(1, 4)), 6);
    assert.equal(M.total(new Float64Array(0)), 0);
  });

  test("the scratch slots move with the heap: alloc() after small calls is never overwritten by later ones", async () => {
    assert.equal(M.total(f64(1, 2, 3, 4)), 10); // the scratch views are made at the current base
    const h = alloc(Float64Array, 32); // the base moves past the old scratch region
    h.data.fill(7);
    const g = array(f64(5, 6));
    for (let i = 0; i < 50; i++) assert.equal(M.dot2(f64(1, 1, 1, i), f64(2, 2, 2, 1)), 6 + i);
    assert.deepEqual([...h.data], Array(32).fill(7), "the WasmArray allocated after the first call is intact");
    assert.deepEqual([...g.data], [5, 6]);
    h.free(); // the base moves back down
    assert.equal(M.wsum(new Int32Array([1]), new Float32Array([1]), new Uint8Array([1]), f64(1), new Int16Array([1])), 15);
    assert.deepEqual([...g.data], [5, 6]);
    // a call that grows the memory (the scratch views detach), then small calls again
    assert.equal(M.grow_then_sum(f64(1, 2), 300_000), 4);
    assert.equal(M.total(f64(0.5, 0.25)), 0.75);
    assert.deepEqual([...g.data], [5, 6]);
    g.free();
    await release(); // a new instance: a new memory, new scratch views
    assert.equal(M.dot2(f64(1, 2), f64(3, 4)), 11);
    const k = array(f64(8, 8, 8));
    assert.equal(M.total(f64(1, 1)), 2);
    assert.deepEqual([...k.data], [8, 8, 8]);
    k.free();
  });

  test("keep() and free() move the base up and back: small calls in between stay right, kept results intact", () => {
    let last = null;
    const kept = [];
    for (let i = 0; i < 40; i++) {
      if (last && i % 3 !== 0) last.free(); // mostly the top block: base back down
      else if (last) kept.push([last, 2 * (i - 2)]); // made by the round before: kept alive, the base stays up
      last = keep(M.scaled, f64(1, i - 1), 2); // a small argument through the scratch slots
      assert.deepEqual([...last.data], [2, 2 * (i - 1)]);
      assert.equal(M.dot2(f64(1, 1, 1, i), f64(2, 2, 2, 1)), 6 + i); // scratch slots 0 and 1
      assert.equal(M.total(f64(i, 1, 1)), i + 2);
      if (i === 20) for (const [a] of kept.splice(0, 3)) a.free(); // holes below the base
    }
    for (const [a, v] of kept) assert.deepEqual([...a.data], [2, v]);
    for (const [a] of kept) a.free();
    last.free();
  });

  test("N-d results: up to 4-D the sizes come back in memory, 5-D as results; keep() of both", () => {
    const a = Float64Array.from({ length: 12 }, (_, i) => i);
    const r4 = M.blocks(a, 2);
    assert.deepEqual(r4.shape, [2, 2, 3, 1]);
    assert.ok(r4.data instanceof Float64Array);
    assert.deepEqual([...r4.data], [...a].map((x) => 2 * x));
    const r5 = M.blocks5(a, 2);
    assert.deepEqual(r5.shape, [2, 1, 2, 3, 1]);
    assert.ok(r5.data instanceof Int32Array);
    assert.deepEqual([...r5.data], [...a]);
    assert.deepEqual(M.blocks(new Float64Array(0), 0).shape, [0, 2, 3, 1]); // empty: sizes still right
    const k4 = keep(M.blocks, a.subarray(0, 6), 1), k5 = keep(M.blocks5, a.subarray(0, 6), 1);
    assert.deepEqual(k4.shape, [1, 2, 3, 1]);
    assert.deepEqual([...k4.data], [0, 2, 4, 6, 8, 10]);
    assert.deepEqual(k5.shape, [1, 1, 2, 3, 1]);
    assert.deepEqual([...k5.data], [0, 1, 2, 3, 4, 5]);
    const one = M.scaled(f64(7), 3); // a later call: the sizes in memory are this call's
    assert.deepEqual([...one], [21]);
    assert.deepEqual([...k4.data], [0, 2, 4, 6, 8, 10]);
    k4.free();
    k5.free();
    assert.throws(() => M.blocks(a, 5), { name: "ValueError" }); // 12 elements into 5 x 2 x 3
  });
  return cases;
}
