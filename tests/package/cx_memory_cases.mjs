// Complex arrays through the memory API (js/src/heap.ts, js/src/cxarrays.ts),
// shared by Node (cx_memory_api.mjs, under node --test) and headless
// Chromium (browser_cx_memory.mjs): WasmComplexArrays from alloc/array
// passed in place, keep() giving complex results as WasmComplexArrays,
// free / dispose / release, and the errors. `cxMemoryCases(M, assert)`:
// [name, fn] pairs for package M (built from cx_memory_mod.py).
export function cxMemoryCases(M, assert) {
  const { alloc, array, keep, release } = M;
  const cases = [];
  const test = (name, fn) => cases.push([name, fn]);
  const close = (got, want, tol = 1e-12) => {
    assert.equal(got.length, want.length);
    for (let i = 0; i < want.length; i++) assert.ok(Math.abs(got[i] - want[i]) <= tol, `${i}: ${got[i]} != ${want[i]}`);
  };

  test("alloc(\"complex128\", n): zeroed interleaved parts in the module's memory, passed in place", () => {
    const z = alloc("complex128", 3);
    assert.equal(z.dtype, "complex128");
    assert.equal(z.length, 3);
    assert.deepEqual(z.shape, [3]);
    assert.ok(z.data instanceof Float64Array);
    assert.equal(z.data.length, 6);
    assert.deepEqual([...z.data], [0, 0, 0, 0, 0, 0]);
    assert.ok(z.byteOffset >= 16 && z.byteOffset % 16 === 0);
    z.data.set([1, 2, 3, 4, -1, 0.5]);
    const view = z.data;
    M.cscale(z, { re: 0, im: 1 }); // z *= 1j, written in place: the earlier view sees it
    assert.deepEqual([...view], [-2, 1, -4, 3, -0.5, -1]);
    assert.equal(z.data, view); // no growth, no copy: the same view
    const d = M.cdot(z, z); // vdot(z, z) = sum |z|^2
    assert.equal(d.im, 0);
    assert.equal(d.re, 4 + 1 + 16 + 9 + 0.25 + 1);
    z.free();
    assert.ok(z.freed);
  });

  test("array({dtype, shape}) and array({dtype, data, shape}): N-d complex arrays; np.linalg.solve on them", () => {
    const a = array({ dtype: "complex128", shape: [2, 2] });
    assert.deepEqual(a.shape, [2, 2]);
    assert.equal(a.length, 4);
    a.data.set([2, 0, 0, 1, 0, -1, 1, 0]); // [[2, 1j], [-1j, 1]]
    const b = array({ dtype: "complex128", data: new Float64Array([1, 1, 0, 2]), shape: [2] }); // [1+1j, 2j]
    const x = M.csolve(a, b); // a copy: {dtype, data, shape}
    assert.equal(x.dtype, "complex128");
    assert.deepEqual(x.shape, [2]);
    // det = 2 - 1j * -1j = 1: x0 = (1+1j) - 1j * 2j = 3+1j, x1 = 2 * 2j + 1j * (1+1j) = -1+5j
    close(x.data, [3, 1, -1, 5]);
    // the argument arrays are unchanged
    assert.deepEqual([...b.data], [1, 1, 0, 2]);
    // keep(): the result stays in memory as a WasmComplexArray
    const k = keep(M.csolve, a, b);
    assert.equal(k.dtype, "complex128");
    assert.ok(k.data instanceof Float64Array && !k.freed);
    close(k.data, [3, 1, -1, 5]);
    // ... and can be passed on in place
    M.cscale(k, { re: 2, im: 0 });
    close(k.data, [6, 2, -2, 10]);
    for (const h of [a, b, k]) h.free();
  });

  test("complex64: Float32Array parts; keep() of a tuple with complex and real arrays", () => {
    const g = array({ dtype: "complex64", shape: [2, 3] });
    assert.ok(g.data instanceof Float32Array && g.data.length === 12);
    g.data.set([1, 0, 0, 1, 1, 1, -1, 0, 0, -1, 0.5, 0.25]);
    const r = M.cgrid64(g); // z * (2 - 1j)
    assert.equal(r.dtype, "complex64");
    assert.deepEqual(r.shape, [2, 3]);
    assert.ok(r.data instanceof Float32Array);
    close(r.data, [2, -1, 1, 2, 3, 1, -2, 1, -1, -2, 1.25, 0]);
    const kr = keep(M.cgrid64, g);
    assert.equal(kr.dtype, "complex64");
    close(kr.data, r.data);
    const z = alloc("complex128", 2);
    z.data.set([3, 4, 0, -1]);
    const [twice, mag] = keep(M.split, z);
    assert.equal(twice.dtype, "complex128");
    assert.deepEqual([...twice.data], [6, 8, 0, -2]);
    assert.equal(mag.dtype, undefined); // a real WasmArray
    assert.deepEqual([...mag.data], [5, 1]);
    for (const h of [g, kr, z, twice, mag]) h.free();
  });

  test("errors: dtype, ndim and class mismatches, freed arrays, bad data", () => {
    const z = alloc("complex128", 2);
    const z64 = alloc("complex64", 2);
    const m = alloc("complex128", 4);
    const real = alloc(Float64Array, 4);
    assert.throws(() => M.total(z), (e) => e instanceof TypeError && /argument 'x'/.test(e.message)
      && /WasmArray of dtype "complex128"/.test(e.message)); // a complex array is not a real one of twice the length
    assert.throws(() => M.cscale(z64, { re: 1, im: 0 }), (e) => e instanceof TypeError && /complex128 array/.test(e.message)
      && /WasmArray of dtype "complex64"/.test(e.message));
    assert.throws(() => M.cscale(real, { re: 1, im: 0 }), (e) => e instanceof TypeError && /WasmArray of real numbers/.test(e.message));
    assert.throws(() => M.csolve(m, z), (e) => e instanceof TypeError && /argument 'a'/.test(e.message) && /shape \[4\]/.test(e.message));
    assert.throws(() => M.cscale(z.data, { re: 1, im: 0 }), { name: "TypeError" }); // its bare view is a real array
    assert.throws(() => array({ dtype: "complex128", data: new Float32Array(4), shape: [2] }), { name: "TypeError" });
    assert.throws(() => array({ dtype: "complex64", data: new Float32Array(3), shape: [2] }), { name: "RangeError" });
    assert.throws(() => alloc("complex32", 2), (e) => e instanceof TypeError && /"complex128" or "complex64"/.test(e.message));
    assert.throws(() => alloc("complex128", -1), { name: "RangeError" });
    z.free();
    assert.throws(() => M.cscale(z, { re: 1, im: 0 }), (e) => /already freed/.test(e.message));
    assert.throws(() => z.free(), (e) => /already freed/.test(e.message));
    for (const h of [z64, m, real]) h.free();
  });

  test("dispose, release(): complex arrays count as live arrays", async () => {
    const z = array({ dtype: "complex64", data: new Float32Array([1, 2]), shape: [1] });
    await assert.rejects(release(), (e) => /still live/.test(e.message));
    const dispose = Symbol.dispose ?? Symbol.for("Symbol.dispose");
    z[dispose]();
    assert.ok(z.freed);
    await release();
    const w = alloc("complex128", 1); // a new instance: a fresh heap
    assert.equal(w.byteOffset, 16);
    w.free();
  });

  return cases;
}
