// Complex arrays and NumPy complex scalars through a generated package
// (tests/package/test_complex_arrays.py): the same calls in Node and in Chromium.
// Arrays travel as base64 of their bytes (atob/btoa: both environments).
export function runComplexIO(m, inp) {
  const raw = (b64, C) => { const u = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)); return new C(u.buffer); };
  const enc = (a) => btoa(String.fromCharCode(...new Uint8Array(a.buffer, a.byteOffset, a.byteLength)));
  const cx = (dtype, key) => ({dtype, data: raw(inp[key].b, dtype === "complex64" ? Float32Array : Float64Array),
                                shape: inp[key].shape});
  const arr = (v) => v.dtype ? {dtype: v.dtype, data: enc(v.data), shape: v.shape}
    : v.data ? {data: enc(v.data), shape: v.shape} : ArrayBuffer.isView(v) ? {data: enc(v)} : v;
  const out = {};
  out.dft = arr(m.dft(cx("complex128", "x")));
  out.mandel = arr(m.mandel(cx("complex128", "c"), 30));
  const amp = raw(inp.amp.b, Float64Array), phase = raw(inp.phase.b, Float64Array);
  out.phasors = arr(m.phasors(amp, phase));
  out.phasor_sum = m.phasor_sum(amp, phase, {re: 0.5, im: -1.25});
  out.scale64 = arr(m.scale64(cx("complex64", "z64"), {re: 0.1, im: 0.2}));
  const [g, s] = m.grid64(cx("complex64", "g64"));
  out.grid64 = [arr(g), s];
  out.sum64 = m.sum64(cx("complex64", "g64"));
  const z = cx("complex128", "x");
  m.conj_inplace(z);
  out.conj = arr(z);
  out.norms = arr(m.norms(cx("complex128", "n3")));
  const w = m.array(Float64Array.from([1, 2, 3, 4]));  // a real WasmArray's view, used in place
  m.conj_inplace({dtype: "complex128", data: w.data, shape: [2]});
  out.inplace = Array.from(w.data);
  w.free();
  out.empty = arr(m.dft({dtype: "complex128", data: new Float64Array(0), shape: [0]}));
  out.affine = inp.affine.map((c) => arr(m.affine(
    {dtype: "complex128", data: raw(c.b, Float64Array), shape: c.shape}, {re: -1.5, im: 0.25})));
  const errors = [];
  const bad = [
    () => m.dft(new Float64Array(8)),
    () => m.dft({data: new Float64Array(8), shape: [4]}),
    () => m.dft({dtype: "complex64", data: new Float32Array(8), shape: [4]}),
    () => m.dft({dtype: "complex128", data: new Float32Array(8), shape: [4]}),
    () => m.dft({dtype: "complex128", data: new Float64Array(8), shape: [8]}),
    () => m.dft({dtype: "complex128", data: new Float64Array(8), shape: [2, 2]}),
    () => m.dft({dtype: "complex128", data: new Float64Array(8), shape: [-4]}),
    () => m.dft([1, 0, 2, 0]),
    () => m.scale64({dtype: "complex64", data: new Float32Array(2), shape: [1]}, 2),
    () => m.phasor_sum(amp, phase, {re: 1}),
    () => { const w = m.array(new Float64Array(4)); try { m.dft(w); } finally { w.free(); } },
  ];
  for (const f of bad) {
    try { f(); errors.push(null); } catch (e) { errors.push([e.name, e.message]); }
  }
  out.errors = errors;
  return out;
}
