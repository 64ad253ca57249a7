/**
 * NumPy arrays across the wasm ABI: the runtime pieces a generated package
 * inlines for functions whose signature has array parameters or results.
 *
 * Place in the pipeline: the last stage (`py2wasm/package/`); compiled and
 * minified one export at a time by build.mjs, like runtime.ts. The ABI is
 * docs/internals.md section 4, "Arrays"; py2wasm/runner/arrays.py is the
 * reference host (wasmtime) implementation of the same steps:
 *
 * 1. `arr` checks each array argument (TypedArray class for the dtype,
 *    ndim, shape) before anything runs;
 * 2. `ain` resets the per-call arena (`py2wasm_heap` = 16), bump-allocates
 *    every argument (16-byte aligned, growing the memory as needed) and
 *    copies the bytes in;
 * 3. the generated wrapper calls the export with (address, shape...) per
 *    array, and in `finally` calls the context's `b` (copy every argument
 *    back into the caller's TypedArray, also when the call raised);
 * 4. the context's `o` copies each array result out of linear memory into a
 *    new TypedArray (1-D) or `{data, shape}` (N-d), re-reading
 *    `memory.buffer` because the call may have grown the memory.
 *
 * A module whose code never reads or writes elements has no `memory` export:
 * the argument bytes then live in a JavaScript buffer kept in the package
 * state (results are views of arguments, read from there).
 */
import type { State } from "./runtime";
import { isWasmArray } from "./heap";
import { show, tag } from "./show";

/** The TypedArray classes of the dtypes, in the order of `DTYPES`. */
type Ctor =
  | Float64ArrayConstructor
  | Float32ArrayConstructor
  | BigInt64ArrayConstructor
  | Int32ArrayConstructor
  | Int16ArrayConstructor
  | Int8ArrayConstructor
  | BigUint64ArrayConstructor
  | Uint32ArrayConstructor
  | Uint16ArrayConstructor
  | Uint8ArrayConstructor;
type Typed =
  | Float64Array
  | Float32Array
  | BigInt64Array
  | Int32Array
  | Int16Array
  | Int8Array
  | BigUint64Array
  | Uint32Array
  | Uint16Array
  | Uint8Array;

/**
 * A checked array argument: `v` the caller's TypedArray, `c` its class,
 * `s` its shape, `b` the shape as wasm i64 values, `a` its address once
 * copied in.
 */
export interface Arg {
  v: Typed;
  c: Ctor;
  s: number[];
  b: bigint[];
  a: bigint;
}

/** The part of the package state the array pieces use (`m`: the host buffer of a module without memory). */
type ArrayState = State & { m?: Uint8Array };

/** What a call's context offers the wrapper: copy arguments back, copy a result out. */
export interface Context {
  b(): void;
  o(k: number, addr: bigint, shape: readonly bigint[]): Typed | { data: Typed; shape: number[] };
}

// dtype index (the generator's numbering) -> [dtype name, TypedArray class].
const DTYPES: readonly (readonly [string, Ctor])[] = [
  ["float64", Float64Array],
  ["float32", Float32Array],
  ["int64", BigInt64Array],
  ["int32", Int32Array],
  ["uint8", Uint8Array],
  ["bool", Uint8Array],
  ["int16", Int16Array],
  ["int8", Int8Array],
  ["uint32", Uint32Array],
  ["uint16", Uint16Array],
  ["uint64", BigUint64Array],
];



/**
 * An array parameter of dtype number `k` (DTYPES) and `nd` dimensions:
 * 1-D a TypedArray of the dtype's class (bool: a Uint8Array holding only 0
 * and 1), N-d `{data, shape}` with `shape` an array of `nd` non-negative
 * integers whose product is `data.length`. The class must match exactly (a
 * Uint8ClampedArray is not a Uint8Array; a Node Buffer is one). Wrong class
 * or ndim: TypeError; a negative size, a shape that does not match the
 * data, or a bool byte other than 0/1: RangeError. Both name the function
 * and the parameter.
 */
export function arr(v: unknown, k: number, nd: number, fn: string, p: string): Arg {
  const [dt, C] = DTYPES[k]!;
  const bad = (E: typeof TypeError, why: string) =>
    new E(`${fn}(): argument '${p}' must be ${nd === 1 ? `a ${C.name}` : `{data: ${C.name}, shape: [${Array(nd).fill("number").join(", ")}]}`} (Python ${dt} ${nd}-D array)${why}`);
  if (isWasmArray(v) && (v as { dtype?: unknown }).dtype !== undefined) { // complex: its data holds 2 parts per element
    throw bad(TypeError, `, got a WasmArray of dtype ${show((v as { dtype?: unknown }).dtype)}`);
  }
  if (nd === 1 && isWasmArray(v)) {
    v = v.data; // an array from alloc(): its view (throws once freed)
    if (v instanceof C && dt !== "bool") return { v: v as Typed, c: C, s: [(v as Typed).length], b: [BigInt((v as Typed).length)], a: 0n };
  }
  let data: unknown = v;
  let shape: number[];
  if (nd === 1) {
    if (tag(v) !== C.name) throw bad(TypeError, `, got ${show(v)}`);
    shape = [(v as Typed).length];
  } else {
    const o = v as { data?: unknown; shape?: unknown } | null;
    if (typeof o !== "object" || o === null || ArrayBuffer.isView(o) || Array.isArray(o)) throw bad(TypeError, `, got ${show(v)}`);
    data = o.data;
    if (tag(data) !== C.name) throw bad(TypeError, `, got data: ${show(data)}`);
    const s = o.shape;
    if (!Array.isArray(s) || s.length !== nd) throw bad(TypeError, `, got shape: ${show(s)}`);
    for (const x of s) {
      if (typeof x !== "number" || !Number.isSafeInteger(x)) throw bad(TypeError, `, got a shape holding ${show(x)}`);
      if (x < 0) throw bad(RangeError, `, got a negative size in shape [${s.join(", ")}]`);
    }
    shape = s.slice();
    const n = shape.reduce((a, b) => a * b, 1);
    const len = (data as Typed).length;
    if (n !== len) throw bad(RangeError, `: shape [${shape.join(", ")}] has ${n} elements, data has ${len}`);
  }
  if (dt === "bool") {
    const i = (data as Uint8Array).findIndex((x) => x > 1);
    if (i >= 0) {
      throw new RangeError(`${fn}(): argument '${p}' is a bool array: its Uint8Array must hold only 0 and 1, element ${i} is ${(data as Uint8Array)[i]}`);
    }
  }
  return { v: data as Typed, c: C, s: shape, b: shape.map(BigInt), a: 0n };
}

// An element view of `len` elements of class C at byte address `addr` of a
// buffer (argument and result addresses are 16-byte aligned).
type AnyCtor = new (b: ArrayBufferLike, offset: number, length: number) => Typed;
const at = (C: Ctor, buf: ArrayBufferLike, addr: number, len: number): Typed => new (C as AnyCtor)(buf, addr, len);

function memoryError(message: string, cause?: unknown): Error {
  const e = new Error(message, { cause });
  e.name = "MemoryError";
  return e;
}

/**
 * Start a call: reset the arena, copy the checked array arguments in (each
 * gets its address in `a`) and return the call's context. Throws an Error
 * named MemoryError when the arguments do not fit in wasm32's 4 GiB or the
 * memory cannot grow. Throws a TypeError when the module is not loaded
 * (the wrapper's `trap` then explains).
 */
export function ain(st: ArrayState, args: readonly Arg[]): Context {
  const ex = st.e!;
  const mem = ex["memory"] as WebAssembly.Memory | undefined;
  const heap = ex["py2wasm_heap"] as WebAssembly.Global | undefined;
  if (!mem) st.m ??= new Uint8Array(0);
  let buf = mem ? mem.buffer : st.m!.buffer;
  let top = 16;
  for (const x of args) {
    const n = x.v.byteLength;
    const addr = top;
    top = Math.ceil((addr + n) / 16) * 16;
    if (top > 2 ** 32) throw memoryError("Unable to allocate the array arguments: wasm32 linear memory (4 GiB) is exhausted");
    if (top > buf.byteLength) {
      if (mem) {
        try {
          mem.grow(Math.ceil((top - buf.byteLength) / 65536));
        } catch (e) {
          throw memoryError("Unable to allocate the array arguments: the wasm linear memory cannot grow", e);
        }
      } else {
        const m = new Uint8Array(Math.ceil(top / 65536) * 65536);
        m.set(st.m!);
        st.m = m;
      }
      buf = mem ? mem.buffer : st.m!.buffer;
    }
    if (n) (at(x.c, buf, addr, x.v.length) as Float64Array).set(x.v as Float64Array);
    x.a = BigInt(addr);
  }
  if (heap) heap.value = BigInt(top);
  return new Call(mem, st, args);
}

/** A call in progress; its memory may grow while it runs, so `buffer` is read again. */
class Call implements Context {
  constructor(
    private readonly mem: WebAssembly.Memory | undefined,
    private readonly st: ArrayState,
    private readonly args: readonly Arg[],
  ) {}

  buf(): ArrayBufferLike {
    return this.mem ? this.mem.buffer : this.st.m!.buffer;
  }

  /** Copy every argument back into the caller's TypedArray. */
  b(): void {
    const buf = this.buf();
    for (const x of this.args) {
      if (x.v.length) (x.v as Float64Array).set(at(x.c, buf, Number(x.a), x.v.length) as Float64Array);
    }
  }

  /** Copy a result (dtype number `k`, address, shape) into a new TypedArray; N-d: `{data, shape}`. */
  o(k: number, addr: bigint, shape: readonly bigint[]): Typed | { data: Typed; shape: number[] } {
    const C = DTYPES[k]![1];
    const s = shape.map(Number);
    const len = s.reduce((a, b) => a * b, 1);
    // a copy (slice): the result must not alias linear memory (the next call reuses the arena)
    const data = len ? at(C, this.buf(), Number(addr), len).slice() : new C(0);
    return s.length === 1 ? data : { data, shape: s };
  }
}

/**
 * A 1-D array parameter of the "js" ABI (py2wasm/package/jsabi.py) that is
 * not simply an instance of its dtype's class (the wrapper checks that
 * inline): a WasmArray gives its view (no allocation: the fast path of
 * zero-copy calls; a freed one throws), anything else goes through `arr`.
 */
export function arg1(v: unknown, k: number, fn: string, p: string): Typed {
  if (isWasmArray(v) && k !== 5 && (v as { dtype?: unknown }).dtype === undefined) {
    const d = v.data as unknown;
    if (d instanceof DTYPES[k]![1]) return d as Typed;
  }
  return arr(v, k, 1, fn, p).v;
}

/**
 * An N-d array parameter of the "js" ABI (`nd` > 1, or a bool array):
 * returns its data TypedArray and leaves its sizes, checked, in `st.z[j]`,
 * `st.z[j + 1]`, ... (the wrapper passes them on; `j` is the parameter's
 * first slot), so that a call allocates nothing. A plain `{data, shape}`
 * of the dtype's class is checked here; anything else (WasmArrays, other
 * realms, bool arrays and their 0/1 check, and every error) goes through
 * `arr`.
 */
export function argn(st: { z: number[] }, v: unknown, k: number, nd: number, fn: string, p: string, j: number): Typed {
  const z = st.z;
  if (k !== 5 && typeof v === "object" && v !== null && !isWasmArray(v)) {
    const { data, shape } = v as { data?: unknown; shape?: unknown };
    if (data instanceof DTYPES[k]![1] && Array.isArray(shape) && shape.length === nd) {
      let n = 1;
      let i = 0;
      for (; i < nd; i++) {
        const x: unknown = shape[i];
        if (typeof x !== "number" || !Number.isSafeInteger(x) || x < 0) break;
        z[j + i] = x;
        n *= x;
      }
      if (i === nd && n === (data as Typed).length) return data as Typed;
    }
  }
  const a = arr(v, k, nd, fn, p);
  for (let i = 0; i < nd; i++) z[j + i] = a.s[i]!;
  return a.v;
}

/**
 * Two array arguments `a`, `b` over the same ArrayBuffer (the wrapper tests
 * `a.buffer === b.buffer` inline, for each pair of array parameters of which
 * one may be written): throws an Error named `ValueError` when their bytes
 * overlap, since each is copied into wasm memory on its own and the function
 * is compiled for parameters that do not share memory (NumPy would see one
 * memory: the answer would differ). Not when both are the same view of the
 * module's own memory (the same `WasmArray` twice: passed in place, one array).
 */
export function ovl(st: State, a: Typed, b: Typed, fn: string, pa: string, pb: string): void {
  const oa = a.byteOffset, ob = b.byteOffset;
  if (oa >= ob + b.byteLength || ob >= oa + a.byteLength || !a.byteLength || !b.byteLength) return;
  const mem = st.e ? (st.e["memory"] as WebAssembly.Memory | undefined) : undefined;
  if (oa === ob && a.byteLength === b.byteLength && mem && a.buffer === mem.buffer) return;
  const e = new Error(
    `${fn}(): arguments '${pa}' and '${pb}' share memory (overlapping views of one ArrayBuffer); ` +
      `each is copied into the module on its own, so the answer would differ from NumPy's: ` +
      `pass a copy of one of them (slice())`,
  );
  e.name = "ValueError";
  throw e;
}
