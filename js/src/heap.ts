/**
 * Arrays across the "js" ABI (py2wasm/backend/abi.py): the per-call path of
 * functions with array parameters or results, and the memory API a package
 * exports (`alloc`, `array`, `release`).
 *
 * Place in the pipeline: the last stage (`py2wasm/package/`); compiled and
 * minified one export at a time by build.mjs, like runtime.ts and arrays.ts
 * (arrays.ts is the same job for builds of the "host" ABI).
 *
 * Linear memory of a module with arrays:
 *
 *     [0, 16)            never used (no array lives at address 0)
 *     [16, base)         the persistent heap: arrays from `alloc`/`array`,
 *                        managed here (first fit, coalescing free list)
 *     [base, ...)        the per-call arena: copied arguments, then whatever
 *                        the call allocates; reset on every call
 *
 * `base` is mirrored in the module's exported i32 global `py2wasm_base`
 * (written only when the persistent heap changes, never per call). A call:
 * `start` resets the arena top `p` to `base`; `put` gives each array
 * argument its address: a view that already lives in the persistent heap is
 * passed as it is (zero copy), anything else is copied to the arena top
 * (growing the memory as needed); the wrapper passes the final top as the
 * export's first argument (the wasm sets `py2wasm_heap` from it); `back`
 * copies the copied arguments back into the caller's arrays (NumPy code may
 * write into its arguments), also when the call raised; `out` copies an
 * array result out of the arena.
 *
 * Nothing here allocates per call on the 1-D path except result arrays:
 * views of memory are cached per dtype and re-created only after
 * `memory.grow` (which detaches them), the copied-argument list is reused.
 *
 * The scratch views `s0` ... `s10` (one state field per dtype number: a
 * field load is cheaper than an element of an array of views): views of
 * the first SCRATCH bytes of the arena, [base, base + SCRATCH), made by
 * `scr` after the first call that placed a small argument of that dtype
 * (re-made after a grow detaches one, dropped by `start` when base moved
 * since they were made (`sb`: their base) or a new instance starts: a
 * `keep()` call and the `free()` of its result move base up and back, and
 * the next call finds its views still right). The wrappers'
 * inline copy of a small read-only 1-D argument (package/jsabi.py
 * `_small_copy`) writes the elements to slot j (bytes [base + 64j,
 * base + 64j + 64)) at constant indices of that view, when the arena top
 * is exactly there: no index arithmetic on a view of the whole memory, no
 * loop (a 4-element `total` call: 13 -> 9 ns in Node 20).
 * Calls never overlap (wasm cannot call back into the package), so one
 * state per package is enough.
 */
import { grow } from "./arena";
import type { State } from "./runtime";

type Typed = Float64Array | Float32Array | BigInt64Array | Int32Array | Uint8Array | Int16Array
  | Int8Array | Uint32Array | Uint16Array | BigUint64Array;
type Ctor =
  | Float64ArrayConstructor
  | Float32ArrayConstructor
  | BigInt64ArrayConstructor
  | Int32ArrayConstructor
  | Uint8ArrayConstructor
  | Int16ArrayConstructor
  | Int8ArrayConstructor
  | Uint32ArrayConstructor
  | Uint16ArrayConstructor
  | BigUint64ArrayConstructor;

/**
 * The package state with the heap's fields (initialized by the generated
 * `$s` literal): `x` the exports the heap belongs to (a new instance, after
 * `init()` or `release()`, starts an empty heap), `b` base, `p` arena top,
 * `l` the number of live arrays (a count: a Set's add and delete per kept
 * result cost more than the rest of keep()), `r` free blocks sorted by address ([address, size]
 * pairs), `v` cached views per dtype, `s0`...`s10` the scratch views (above), `q`
 * copied arguments of the current call (view, address, dtype; flat; `c`
 * entries used: the array is reused, never shrunk), `sb` the base the
 * scratch views were made at, `z` the sizes of N-d
 * arguments (arrays.ts `argn`), `k` set while `keep()` runs a call (array
 * results then stay in memory: `K` makes them WasmArrays), `w`/`i` the
 * compiled module and imports (`release` re-instantiates them).
 */
export interface HeapState extends State {
  x: unknown;
  b: number;
  p: number;
  l: number;
  k?: boolean;
  K?: (k: number, addr: number, shape: number[], dt?: string) => unknown;
  r: number[][];
  v: (Typed | undefined)[];
  q: unknown[];
  c: number;
  sb: number;
  z: number[];
  w?: WebAssembly.Module;
  i?: WebAssembly.Imports;
}

type Mem = { memory: WebAssembly.Memory; py2wasm_base: WebAssembly.Global };

// dtype index (signature.DTYPE_INDEX) -> TypedArray class. bool is a Uint8Array.
const CLASSES: readonly Ctor[] = [Float64Array, Float32Array, BigInt64Array, Int32Array, Uint8Array, Uint8Array,
  Int16Array, Int8Array, Uint32Array, Uint16Array, BigUint64Array];
// complex dtype -> the class of its parts (re, im interleaved; cxarrays.ts)
const CX: Readonly<Record<string, Ctor>> = { complex128: Float64Array, complex64: Float32Array };
const isCx = (d: unknown): d is string => d === "complex128" || d === "complex64";
const BASE = 16;
// The brand of the arrays `alloc` and `array` return (a registered symbol:
// every piece, and every package, recognizes them).
const BRAND = Symbol.for("py2wasm.array");



/**
 * Start a call: an empty heap for a new instance, the arena top back at
 * base. Throws a TypeError when the module is not loaded (the wrapper's
 * `trap` then explains).
 */
export function start(st: HeapState): void {
  const e = st.e!;
  if (st.x !== e) {
    (e as unknown as Mem).memory.buffer; // not loaded: throws here
    st.x = e;
    st.b = BASE;
    st.l = 0;
    st.r = [];
    st.v = [];
    st.sb = -1;
  }
  if (st.sb !== st.b) { // base moved since the scratch views were made (or none yet)
    dropScratch(st);
    st.sb = st.b;
  }
  st.p = st.b;
  st.c = 0;
}

// The cached view of dtype k over the whole memory (re-created after a grow).
function view(st: HeapState, k: number): Typed {
  let w = st.v[k];
  if (w === undefined || w.length === 0) w = st.v[k] = new CLASSES[k]!((st.e as unknown as Mem).memory.buffer) as Typed;
  return w;
}

// log2 of each dtype's element size: byte address >>> SHIFT[k] = element
// index (addresses are below 2**32: `>>>` stays an integer, no float math).
const SHIFT = [3, 2, 3, 2, 0, 0, 1, 0, 2, 1, 3];
const SIZE = [8, 4, 8, 4, 1, 1, 2, 1, 4, 2, 8];

// Bytes of the arena the scratch views cover: four 64-byte slots
// (jsabi.SCRATCH_SLOTS, jsabi.SMALL_BYTES).
const SCRATCH = 256;
type Scratch = Record<string, Typed | undefined>;

/**
 * (Re-)make the scratch view of dtype k at the current base, growing the
 * memory so that the whole scratch region is in it. The wrappers call it
 * after `put` when the view was missing or detached (the slow path).
 */
export function scr(st: HeapState, k: number): void {
  const m = (st.e as unknown as Mem).memory;
  grow(m, st.b + SCRATCH, "the array arguments");
  (st as unknown as Scratch)[KEYS[k]!] = new CLASSES[k]!(m.buffer, st.b, SCRATCH / SIZE[k]!) as Typed;
}

// The scratch fields' names, as constants: a key made per use ("s" + k) is a
// new string each time, and V8's stores with such keys are slow; stores of
// several made ones per call cost more than a small kernel (saxpy n = 1e3
// through keep(): 1.8 us a call, 0.9 us of them in here).
const KEYS = ["s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10"];

// Forget the scratch views (base moved, or a new instance).
function dropScratch(st: HeapState): void {
  const s = st as unknown as Scratch;
  s.s0 = s.s1 = s.s2 = s.s3 = s.s4 = s.s5 = s.s6 = s.s7 = s.s8 = s.s9 = s.s10 = undefined;
}

// Views of memory made by WasmArray.data carry this mark: their array's
// record (`a` address, `x` the instance, `f` set once freed). Passing one
// costs no `.buffer` / `.byteOffset` (V8 does not inline them: ~10-30 ns
// each, and a TypedArray of at most 64 bytes may live on V8's heap, where
// `.buffer` makes a new ArrayBuffer).
const MARK = Symbol.for("py2wasm.view");
/** The mark (a piece: the wrappers' inline copy leaves marked views to `put`). */
export const mark: symbol = MARK;
interface Rec {
  a: number;
  x: unknown;
  f: number;
}

/**
 * The address of array argument `v` (dtype k): its own when it lives in the
 * persistent heap of this instance (zero copy: the function reads and writes
 * it there): a view from `WasmArray.data`, or any view of the memory longer
 * than 64 bytes; else a copy's, at the arena top, to be copied back after
 * the call unless `ro` (the function never writes it). Small arrays are
 * copied element by element (`set` costs more than the copy below ~16
 * elements); all arithmetic stays in integers, so V8 inlines this into the
 * wrapper.
 */
export function put(st: HeapState, v: Typed, k: number, ro?: number): number {
  const len = v.length;
  const n = len * SIZE[k]!; // not v.byteLength, nor w.byteLength: V8 (Node 20) does not inline them (~9 ns each)
  let w = st.v[k];
  if (w === undefined || w.length === 0) w = view(st, k);
  const h = (v as unknown as Record<symbol, Rec | undefined>)[MARK];
  if (h !== undefined) { // a WasmArray's view: in place
    if (h.f === 0 && h.x === st.e) return h.a;
    throw new Error(`${st.n}: cannot use an array ${h.f ? "that was already freed" : "of an earlier instance (release() or init() freed it)"}`);
  }
  if (n > 64 && v.buffer === w.buffer) { // any other view of the persistent heap
    const o = v.byteOffset;
    if (o + n <= st.b && o >= BASE) return o;
  }
  const a = st.p;
  const end = n < 0x40000000 ? a + ((n + 15) & -16) : a + Math.ceil(n / 16) * 16;
  st.p = end;
  if (end > w.length * SIZE[k]!) {
    grow((st.e as unknown as Mem).memory, end, "the array arguments");
    w = view(st, k);
  }
  const o = a >>> SHIFT[k]!;
  if (len > 16) (w as Float64Array).set(v as Float64Array, o);
  else for (let i = 0; i < len; i++) w[o + i] = v[i]!;
  if (ro) return a; // read-only: nothing to copy back
  const q = st.q, c = st.c;
  q[c] = v;
  q[c + 1] = a;
  q[c + 2] = k;
  st.c = c + 3;
  return a;
}

/** After a call (also one that raised): copy every copied argument back into the caller's array. */
export function back(st: HeapState): void {
  const q = st.q;
  for (let j = 0; j < st.c; j += 3) {
    const v = q[j] as Float64Array, k = q[j + 2] as number;
    q[j] = null; // do not keep the caller's array alive
    const n = v.length;
    if (!n) continue;
    const w = view(st, k) as Float64Array;
    const o = (q[j + 1] as number) >>> SHIFT[k]!;
    if (n > 16) v.set(w.subarray(o, o + n));
    else for (let i = 0; i < n; i++) v[i] = w[o + i]!;
  }
  st.c = 0;
}

// `len` elements of dtype k at element index o of view w, copied into a new
// TypedArray (a loop for small arrays: `slice` costs more below ~16).
function copyOut(w: Typed, k: number, o: number, len: number): Typed {
  if (len > 16) return w.slice(o, o + len) as Typed;
  const r = new CLASSES[k]!(len) as Float64Array;
  for (let i = 0; i < len; i++) r[i] = (w as Float64Array)[o + i]!;
  return r as Typed;
}

/**
 * An array result (dtype k, byte address, sizes) copied out of the arena:
 * a new TypedArray for 1-D, `{data, shape}` for N-d. (Results that are
 * tuples, or arrays of more than 4 dimensions: the sizes come as results.)
 */
export function out(st: HeapState, k: number, addr: number, ...shape: number[]): unknown {
  let len = 1;
  for (let d = 0; d < shape.length; d++) len *= shape[d] = shape[d]! >>> 0;
  if (st.k) return st.K!(k, addr >>> 0, shape);
  let w = st.v[k];
  if (w === undefined || w.length === 0) w = view(st, k);
  const data = copyOut(w, k, (addr >>> 0) >>> SHIFT[k]!, len);
  return shape.length === 1 ? data : { data, shape };
}

/**
 * The result of a function returning one array of `nd` <= 4 dimensions
 * (backend/abi.py `sizes_in_memory`): `addr` its address, the sizes as u32
 * at bytes 0, 4, ... of memory. Copied out like `out`; 1-D needs no
 * Array at all.
 */
export function out1(st: HeapState, k: number, nd: number, addr: number): unknown {
  let u = st.v[8] as Uint32Array | undefined;
  if (u === undefined || u.length === 0) u = view(st, 8) as Uint32Array;
  if (nd === 1 && !st.k) {
    let w = st.v[k];
    if (w === undefined || w.length === 0) w = view(st, k);
    return copyOut(w, k, (addr >>> 0) >>> SHIFT[k]!, u[0]!);
  }
  if (st.k) { // keep(): a WasmArray of this shape (one Array, no rest arguments)
    const shape: number[] = [];
    for (let d = 0; d < nd; d++) shape.push(u[d]!);
    return st.K!(k, addr >>> 0, shape);
  }
  const shape: number[] = [];
  for (let d = 0; d < nd; d++) shape.push(u[d]!);
  return out(st, k, addr, ...shape);
}

/**
 * An array that lives in the module's memory (`alloc`, `array`): `data` is a
 * view of it (re-created when the memory has grown), `shape` its sizes.
 * Passing it (or its `data`) to a function of the package does not copy it.
 * A complex one (dtype "complex128" / "complex64") also has `dtype`, and is
 * a `{dtype, data, shape}` like the complex arrays of cxarrays.ts: `data`
 * the parts interleaved (Float64Array / Float32Array of 2 * `length`
 * numbers); it is passed to complex parameters in place.
 */
export interface WasmArray<T extends Typed = Typed> {
  readonly data: T;
  readonly shape: number[];
  readonly length: number;
  readonly byteOffset: number;
  readonly freed: boolean;
  free(): void;
}

/**
 * The package's memory API (`alloc`, `array`, `release`), bound to its state.
 * Errors: a class that is not one of the package's TypedArray classes or a
 * size that is not a non-negative safe integer: TypeError / RangeError;
 * memory exhausted: Error named MemoryError; `free` twice, or using an array
 * after `free` (or after `release()`/`init()` started a new instance): Error
 * with a message saying so, before anything touches memory.
 */
export function heap(st: HeapState, pkg: string) {
  const dispose: symbol = (Symbol as { dispose?: symbol }).dispose ?? Symbol.for("Symbol.dispose");

  function sync(): Mem {
    const e = st.e;
    if (!e) throw new Error(`${pkg}: the WebAssembly module is not loaded; await init() first`);
    if (st.x !== e) start(st);
    return e as unknown as Mem;
  }

  function setBase(ex: Mem, b: number): void {
    st.b = b; // the scratch views, of the old base, are dropped by the next `start`
    ex.py2wasm_base.value = b;
  }

  class Arr implements WasmArray {
    readonly [BRAND] = true;
    #v: Typed | undefined;
    #m: Rec | undefined; // made with the first view (`data`)
    #x: unknown;
    #f = false;
    constructor(
      private readonly c: Ctor,
      readonly byteOffset: number,
      readonly length: number,
      private readonly size: number,
      private readonly s: number[],
      private readonly parts = 1, // numbers per element (2: complex)
    ) {
      this.#x = st.x;
    }
    #check(what: string): void {
      if (this.#f) throw new Error(`${pkg}: ${what} an array that was already freed`);
      if (this.#x !== st.e) throw new Error(`${pkg}: ${what} an array of an earlier instance (release() or init() freed it)`);
    }
    get freed(): boolean {
      return this.#f || this.#x !== st.e;
    }
    get shape(): number[] {
      return this.s.slice();
    }
    get data(): Typed {
      this.#check("cannot use");
      const v = this.#v;
      if (v !== undefined && (v.length !== 0 || this.length === 0)) return v;
      const w = new this.c((st.e as unknown as Mem).memory.buffer, this.byteOffset, this.length * this.parts) as Typed;
      (w as unknown as Record<symbol, unknown>)[MARK] = this.#m ??= { a: this.byteOffset, x: this.#x, f: 0 };
      return (this.#v = w);
    }
    free(): void {
      this.#check("cannot free");
      this.#f = true;
      const m = this.#m;
      if (m !== undefined) m.f = 1;
      this.#v = undefined;
      st.l--;
      if (this.size) release1(this.byteOffset, this.size);
    }
  }
  (Arr.prototype as unknown as Record<symbol, unknown>)[dispose] = function (this: Arr) {
    if (!this.freed) this.free();
  };

  /** A complex WasmArray: `{dtype, data, shape}`, data the interleaved parts. */
  class CxArr extends Arr {
    constructor(c: Ctor, byteOffset: number, length: number, size: number, s: number[], readonly dtype: string) {
      super(c, byteOffset, length, size, s, 2);
    }
  }

  // Give a block back: into the free list (merged with its neighbours), or,
  // at the end of the heap, lower the base.
  function release1(a: number, n: number): void {
    const ex = sync();
    const r = st.r;
    if (a + n === st.b) { // the top block (a kept result freed before the next call): no list entry
      const last = r[r.length - 1];
      if (last !== undefined && last[0]! + last[1]! === a) {
        r.pop();
        setBase(ex, last[0]!);
      } else setBase(ex, a);
      return;
    }
    let i = 0;
    while (i < r.length && r[i]![0]! < a) i++;
    r.splice(i, 0, [a, n]);
    if (i + 1 < r.length && a + n === r[i + 1]![0]) {
      r[i]![1]! += r[i + 1]![1]!;
      r.splice(i + 1, 1);
    }
    if (i > 0 && r[i - 1]![0]! + r[i - 1]![1]! === a) {
      r[i - 1]![1]! += r[i]![1]!;
      r.splice(i, 1);
    }
    const last = r[r.length - 1];
    if (last && last[0]! + last[1]! === st.b) {
      r.pop();
      setBase(ex, last[0]!);
    }
  }

  function take(n: number): number {
    const ex = sync();
    const r = st.r;
    for (let i = 0; i < r.length; i++) {
      const blk = r[i]!;
      if (blk[1]! >= n) {
        const a = blk[0]!;
        if (blk[1] === n) r.splice(i, 1);
        else (blk[0] = a + n), (blk[1] = blk[1]! - n);
        return a;
      }
    }
    const a = st.b;
    grow(ex.memory, a + n, `an array of ${n} bytes`);
    setBase(ex, a + n);
    return a;
  }

  // A zeroed array of `shape`, elements of class C (complex dtype `dt`: two of them each).
  function make(C: unknown, shape: number[], where: string, dt?: string): Arr {
    const k = CLASSES.indexOf(C as Ctor);
    if (k < 0) {
      throw new TypeError(`${where}: the class must be one of Float64Array, Float32Array, BigInt64Array, Int32Array, Uint8Array, Int16Array, Int8Array, Uint32Array, Uint16Array, BigUint64Array, or the dtype "complex128" or "complex64", got ${typeof C === "function" ? C.name : typeof C === "string" ? JSON.stringify(C) : String(C)}`);
    }
    let len = 1;
    for (const d of shape) {
      if (typeof d !== "number" || !Number.isSafeInteger(d)) throw new TypeError(`${where}: sizes must be integers, got ${String(d)}`);
      if (d < 0) throw new RangeError(`${where}: sizes must not be negative, got ${d}`);
      len *= d;
    }
    const bytes = len * (dt ? 2 : 1) * (C as Ctor).BYTES_PER_ELEMENT;
    const size = Math.max(16, Math.ceil(bytes / 16) * 16);
    const a = take(size);
    const h = dt ? new CxArr(C as Ctor, a, len, size, shape.slice(), dt) : new Arr(C as Ctor, a, len, size, shape.slice());
    st.l++;
    (h.data as Uint8Array).fill(0 as never);
    return h;
  }

  // Make [a, a + n) persistent if it is arena or free memory (true), else
  // leave it (false: it belongs to a live array).
  function reserve(a: number, n: number): boolean {
    const ex = sync();
    const r = st.r;
    if (a >= st.b) {
      if (a > st.b) {
        const last = r[r.length - 1];
        if (last && last[0]! + last[1]! === st.b) last[1]! += a - st.b;
        else r.push([st.b, a - st.b]);
      }
      setBase(ex, a + n);
      return true;
    }
    for (let i = 0; i < r.length; i++) {
      const [s0, n0] = r[i] as [number, number];
      if (s0 <= a && a + n <= s0 + n0) {
        const tail: number[][] = a + n < s0 + n0 ? [[a + n, s0 + n0 - a - n]] : [];
        r.splice(i, 1, ...(a > s0 ? [[s0, a - s0]] : []), ...tail);
        return true;
      }
    }
    return false;
  }

  // An array result of a call made by keep(): a WasmArray, in place when the
  // result is in the arena, else (a view of an argument from alloc()) a copy.
  // (`dt`: a complex result, k the dtype of its parts.)
  st.K = (k: number, addr: number, shape: number[], dt?: string): unknown => {
    const C = CLASSES[k]!;
    let len = 1;
    for (const d of shape) len *= d;
    const n = dt ? 2 * len : len;
    const bytes = n * C.BYTES_PER_ELEMENT;
    const size = Math.ceil(bytes / 16) * 16;
    if (!size || !reserve(addr, size)) {
      const h = make(C, shape, "keep()", dt);
      if (len) (h.data as Float64Array).set(new C((st.e as unknown as Mem).memory.buffer, addr, n) as Float64Array);
      return h;
    }
    const h = dt ? new CxArr(C, addr, len, size, shape, dt) : new Arr(C, addr, len, size, shape);
    st.l++;
    return h;
  };

  // array({dtype: "complex128" | "complex64", shape}) zeroed, or with `data`
  // (the parts interleaved, 2 numbers per element) a copy of a complex array.
  function complexArray(o: { shape?: unknown; dtype?: unknown; data?: unknown }): Arr {
    const dt = o.dtype as string, C = CX[dt]!;
    const shape = typeof o.shape === "number" ? [o.shape] : o.shape;
    if (!Array.isArray(shape)) throw new TypeError(`array(): shape must be an array of sizes, got ${String(o.shape)}`);
    const d = o.data;
    if (d !== undefined && !(d instanceof C)) {
      throw new TypeError(`array(): the data of a ${dt} array must be a ${C.name} (re, im interleaved), got ${ArrayBuffer.isView(d) ? d.constructor.name : String(d)}`);
    }
    const h = make(C, shape, "array()", dt);
    if (d !== undefined) {
      if ((d as Typed).length !== 2 * h.length) {
        h.free();
        throw new RangeError(`array(): shape [${shape.join(", ")}] has ${h.length} complex elements (${2 * h.length} parts), data has ${(d as Typed).length} numbers`);
      }
      (h.data as Float64Array).set(d as Float64Array);
    }
    return h;
  }

  const anyArray = (v: unknown): boolean => isWasmArray(v) || (Array.isArray(v) && v.some(anyArray));

  return {
    /**
     * `alloc(Float64Array, n)`: a zeroed 1-D array of n elements in the
     * module's memory; `alloc("complex128", n)` (or "complex64"): n complex
     * elements.
     */
    alloc(C: unknown, n: unknown): Arr {
      if (isCx(C)) return make(CX[C], [n as number], "alloc()", C);
      return make(C, [n as number], "alloc()");
    },
    /**
     * `array({shape, dtype})` (dtype a NumPy name: "float64", "float32",
     * "int64", "int32", "uint8", "bool") or `array(typedArray)` (a copy of
     * it): a zeroed N-d array in the module's memory.
     */
    array(spec: unknown): Arr {
      if (ArrayBuffer.isView(spec)) {
        const k = CLASSES.indexOf((spec as Typed).constructor as Ctor);
        const h = make(CLASSES[k < 0 ? 99 : k], [(spec as Typed).length], "array()");
        (h.data as Float64Array).set(spec as Float64Array);
        return h;
      }
      const o = (spec ?? {}) as { shape?: unknown; dtype?: unknown; data?: unknown };
      if (isCx(o.dtype)) return complexArray(o);
      const dt = ["float64", "float32", "int64", "int32", "uint8", "bool", "int16", "int8", "uint32", "uint16",
        "uint64"].indexOf(o.dtype as string);
      if (dt < 0) throw new TypeError(`array(): dtype must be one of "float64", "float32", "int64", "int32", "uint8", "bool", "int16", "int8", "uint32", "uint16", "uint64", "complex128", "complex64", got ${String(o.dtype)}`);
      const shape = typeof o.shape === "number" ? [o.shape] : o.shape;
      if (!Array.isArray(shape)) throw new TypeError(`array(): shape must be an array of sizes, got ${String(o.shape)}`);
      return make(CLASSES[dt], shape, "array()");
    },
    /**
     * Give the module's memory back: a new instance (and a new, small
     * memory) replaces the current one. Refused while arrays from alloc()
     * or array() are live. Resolves when done.
     */
    /**
     * `keep(f, ...args)`: call `f` (a function of this package) and return
     * its array results as WasmArrays that stay in the module's memory (free
     * them), instead of copies.
     */
    keep(f: unknown, ...args: unknown[]): unknown {
      if (typeof f !== "function") throw new TypeError(`keep(): the first argument must be a function of ${pkg}, got ${String(f)}`);
      st.k = true;
      let r: unknown;
      try {
        r = f(...args);
      } finally {
        st.k = false;
      }
      if (!isWasmArray(r) && !anyArray(r)) throw new TypeError(`keep(): ${f.name || "the function"} returned no array of ${pkg} (keep() is for this package's functions with array results)`);
      return r;
    },
    async release(): Promise<void> {
      sync();
      if (st.l) {
        throw new Error(`${pkg}: release(): ${st.l} array(s) from alloc()/array() are still live; free() them first`);
      }
      if (!st.w) throw new Error(`${pkg}: release(): the module was loaded without keeping its compiled form`);
      st.e = (await WebAssembly.instantiate(st.w, st.i)).exports as State["e"];
      start(st);
    },
  };
}

/** Is `v` an array from `alloc`/`array` (of any py2wasm package)? */
export function isWasmArray(v: unknown): v is WasmArray {
  return typeof v === "object" && v !== null && (v as Record<symbol, unknown>)[BRAND] === true;
}
