/**
 * Complex arrays (NumPy complex128 / complex64) across the "js" ABI.
 *
 * Place in the pipeline: runtime pieces (see build.mjs), inlined into
 * packages whose functions take or return complex arrays
 * (py2wasm/package/jsabi.py). In JavaScript a complex array of any ndim is
 * `{ dtype: "complex128", data: Float64Array, shape: [n, ...] }` (complex64:
 * `Float32Array`), `data` holding the parts interleaved, re, im, re, im...
 * in row-major order, so `data.length` is twice the number of elements. The
 * `dtype` field is required: a bare Float64Array (or a real `{data, shape}`)
 * is refused with a TypeError, so a real array of twice the length cannot
 * be taken for a complex one. In linear memory the layout is NumPy's, the
 * same interleaved parts: the wrapper places `data` with heap.ts `put` as
 * a float64 / float32 array (copied in, copied back unless read-only) and
 * passes the element sizes. A complex WasmArray of the memory API (heap.ts:
 * `alloc("complex128", n)`, `array({dtype, shape})`) is such an object whose
 * `data` is a view of linear memory: passed in place, no copy; under
 * `keep()` complex results are WasmArrays too.
 */
import { isWasmArray } from "./heap";
import { show, tag } from "./show";

type Parts = Float64Array | Float32Array;
// complex dtype number (signature.COMPLEX_ARRAYS) -> [dtype, class of its parts]
const PARTS: readonly (readonly [string, Float64ArrayConstructor | Float32ArrayConstructor])[] = [
  ["complex128", Float64Array],
  ["complex64", Float32Array],
];



/**
 * A complex array parameter (complex dtype number `k`, `nd` dimensions):
 * returns its `data` (the interleaved parts) and leaves its sizes, checked,
 * in `st.z[j..j + nd)`. TypeError (naming function and parameter) for
 * anything but `{dtype, data, shape}` with the right dtype string, a `data`
 * of the part class and `nd` integer sizes; RangeError for a negative size
 * or a `data.length` other than twice the number of elements.
 */
export function cxa(st: { z: number[] }, v: unknown, k: number, nd: number, fn: string, p: string, j: number): Parts {
  const [dt, C] = PARTS[k]!;
  const want = `{dtype: "${dt}", data: ${C.name} (re, im interleaved), shape: [${Array(nd).fill("number").join(", ")}]}`;
  const bad = (E: typeof TypeError, why: string) => new E(`${fn}(): argument '${p}' must be a ${dt} array ${want}${why}`);
  if (typeof v !== "object" || v === null || ArrayBuffer.isView(v) || Array.isArray(v)) {
    const hint = tag(v) ? ` (a real array; for complex values pass {dtype: "${dt}", data, shape} with the parts interleaved)` : "";
    throw bad(TypeError, `, got ${show(v)}${hint}`);
  }
  if (isWasmArray(v)) { // from alloc()/array()/keep(): passed in place (its data is a marked view: heap.ts `put`)
    const w = v as { dtype?: unknown; shape: number[]; data: unknown };
    if (w.dtype !== dt) throw bad(TypeError, `, got a WasmArray of ${w.dtype === undefined ? "real numbers" : `dtype ${show(w.dtype)}`}`);
    const s = w.shape;
    if (s.length !== nd) throw bad(TypeError, `, got a WasmArray of shape [${s.join(", ")}]`);
    for (let i = 0; i < nd; i++) st.z[j + i] = s[i]!;
    return w.data as Parts; // throws once freed
  }
  const o = v as { dtype?: unknown; data?: unknown; shape?: unknown };
  if (o.dtype !== dt) {
    throw bad(TypeError, o.dtype === undefined ? ", got an object without dtype (a real array? complex arrays say their dtype)" : `, got dtype ${show(o.dtype)}`);
  }
  const data = o.data;
  if (!(data instanceof C) && tag(data) !== C.name) throw bad(TypeError, `, got data: ${show(data)}`);
  const s = o.shape;
  if (!Array.isArray(s) || s.length !== nd) throw bad(TypeError, `, got shape: ${show(s)}`);
  let n = 1;
  for (let i = 0; i < nd; i++) {
    const x: unknown = s[i];
    if (typeof x !== "number" || !Number.isSafeInteger(x)) throw bad(TypeError, `, got a shape holding ${show(x)}`);
    if (x < 0) throw bad(RangeError, `, got a negative size in shape [${s.join(", ")}]`);
    st.z[j + i] = x;
    n *= x;
  }
  const len = (data as Parts).length;
  if (2 * n !== len) {
    throw bad(RangeError, `: shape [${s.join(", ")}] has ${n} complex elements (${2 * n} parts), data has ${len} numbers`);
  }
  return data as Parts;
}

interface Mem {
  memory: WebAssembly.Memory;
}

/**
 * A new complex array: `shape` elements of dtype `k` at byte address `addr`,
 * copied out; under the memory API's `keep()` a complex WasmArray in place
 * (heap.ts `K`, given the dtype index of the parts: float64 0, float32 1).
 */
function make(st: { e?: unknown; k?: boolean; K?: (k: number, a: number, s: number[], dt?: string) => unknown }, k: number, addr: number, shape: number[]): unknown {
  const [dt, C] = PARTS[k]!;
  if (st.k) return st.K!(k, addr >>> 0, shape, dt);
  let n = 1;
  for (const d of shape) n *= d;
  const data = n ? new C((st.e as Mem).memory.buffer, addr >>> 0, 2 * n).slice() : new C(0);
  return { dtype: dt, data, shape };
}

/** A complex array result (dtype `k`, byte address, sizes as results): a copy, `{dtype, data, shape}`. */
export function cxo(st: { e?: unknown; k?: boolean }, k: number, addr: number, ...shape: number[]): unknown {
  for (let d = 0; d < shape.length; d++) shape[d] = shape[d]! >>> 0;
  return make(st, k, addr, shape);
}

/** A lone complex array result of `nd` <= 4 dimensions: its sizes are u32 at bytes 0, 4, ... of memory. */
export function cxo1(st: { e?: unknown; k?: boolean }, k: number, nd: number, addr: number): unknown {
  const u = new Uint32Array((st.e as Mem).memory.buffer, 0, nd);
  return make(st, k, addr, Array.from(u));
}
