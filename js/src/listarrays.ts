/**
 * Lists of NumPy arrays across the "js" ABI: a `list[npt.NDArray[np.float64]]`
 * parameter is a JS `Float64Array[]` (N-d arrays: `NDArray<Float64Array, N>[]`,
 * `{data, shape}` objects, as single array parameters are), and so are list
 * results. The elements are the caller's own arrays: what the compiled
 * function writes into them is copied back (also when it raised), as in
 * py2wasm.compile (py2wasm/runner/list_arrays.py, the reference host).
 *
 * Place in the pipeline: the last stage (`py2wasm/package/`); compiled into
 * pieces by build.mjs like lists.ts, only into packages that have such lists.
 * The layout is py2wasm/frontend/lists_ofarrays.py's: the list header (three
 * int64 words: length, capacity, data address), then per element a slot of
 * 1 + 2*nd int64 words: the data address, the shape, the strides (in
 * elements). Per call: `achk` checks an argument (the errors of a single
 * array parameter, through arrays.ts `arr`); `aput` places each array's data
 * with heap.ts `put` (copied to the arena top, copied back by `back` after
 * the call; a WasmArray's view in place; one TypedArray in the list twice is
 * one block, so writes through either are seen through both), refuses
 * distinct arrays whose bytes overlap (a ValueError, as for two array
 * parameters: each would be copied on its own), then writes the header and
 * the slots; `aback` (after the call, also when it raised) reads each list
 * the function may have changed back into the caller's array; `aout` reads a
 * list result. Reading a slot that is still a placed array gives the caller's
 * own object; any other slot a new array copied out of memory, one per slot
 * (the same slot twice is one object; a view the function made into an
 * argument's array comes back as a copy, as in py2wasm.compile: the
 * documented deviation; under `keep()` a contiguous one is a WasmArray).
 * Lists of lists of arrays (`depth` > 0): the rows are placed first, the
 * list's elements are their headers' addresses, rows are read back into the
 * caller's row arrays. The `l` entries' code is k + 16 * depth.
 */
import type { HeapState } from "./heap";
import { isWasmArray, put } from "./heap";
import { arr } from "./arrays";
import { grow, mem, u32 } from "./arena";
import { show } from "./show";

type Typed = Float64Array | Float32Array | BigInt64Array | Int32Array | Uint8Array | Int16Array
  | Int8Array | Uint32Array | Uint16Array | BigUint64Array;
type Ctor = new (b: ArrayBufferLike | number, o?: number, n?: number) => Typed;

/** The call's placed lists of arrays: `l` [array, header, k, nd, ro] flat; `d` data -> address;
 *  `a` address -> [element, shape] pairs flat; `m` copies read back, by slot; `b` buffer -> the
 *  data placed over it (the overlap check). */
interface Placed {
  l: unknown[];
  d: Map<Typed, number>;
  a: Map<number, unknown[]>;
  m: Map<string, unknown>;
  b: Map<ArrayBufferLike, Typed[]>;
}
interface AState extends HeapState {
  A?: Placed | undefined;
}

const CLASSES: readonly Ctor[] = [Float64Array, Float32Array, BigInt64Array, Int32Array, Uint8Array, Uint8Array,
  Int16Array, Int8Array, Uint32Array, Uint16Array, BigUint64Array];
const DT = ["float64", "float32", "int64", "int32", "uint8", "bool", "int16", "int8", "uint32", "uint16", "uint64"];
const SIZE = [8, 4, 8, 4, 1, 1, 2, 1, 4, 2, 8];
const TWO32 = 4294967296;

/** Check list argument `v` of arrays of dtype number `k`, `nd` dimensions (`depth`: lists of lists of them) before the call. */
export function achk(v: unknown, k: number, nd: number, fn: string, p: string, depth?: number): void {
  if (!Array.isArray(v)) {
    throw new TypeError(`${fn}(): argument '${p}' must be an array of arrays (Python ${"list of lists of ".repeat(depth ?? 0)}list of ${DT[k]} ${nd}-D arrays), got ${show(v)}`);
  }
  for (let i = 0; i < v.length; i++) {
    if (depth) achk(v[i], k, nd, fn, `${p}[${i}]`, depth - 1);
    else arr(v[i], k, nd, fn, `${p}[${i}]`);
  }
}

// The data and shape of checked element x.
function parts(x: unknown, nd: number): [Typed, readonly number[]] {
  if (isWasmArray(x)) return [x.data as Typed, x.shape];
  if (nd === 1) return [x as Typed, [(x as Typed).length]];
  const o = x as { data: Typed; shape: readonly number[] };
  return [o.data, o.shape];
}

function state(st: AState): Placed {
  return st.A ??= { l: [], d: new Map(), a: new Map(), m: new Map(), b: new Map() };
}

// Write int64 word j (element index into u) as x (an integer number).
function w64(u: Uint32Array, j: number, x: number): void {
  const hi = Math.floor(x / TWO32);
  u[j] = x - hi * TWO32;
  u[j + 1] = hi >>> 0;
}

/**
 * Place checked list `v` (arrays of dtype `k`, `nd` dimensions) at the arena
 * top; returns its header's address. `ro`: the function never changes the
 * list (its arrays' data is copied back all the same). `others`: the data of
 * the call's array parameters (an overlap with them is refused).
 */
export function aput(st: AState, v: readonly unknown[], k: number, nd: number, others: readonly Typed[], fn: string, ro?: number, depth?: number): number {
  const S = state(st), L = S.l;
  for (let j = 0; j < L.length; j += 5) {
    if (L[j] === v) { // one array passed twice: one list
      if (!ro) L[j + 4] = 0;
      return L[j + 1] as number;
    }
  }
  if (depth) { // a list of lists: its rows first, then its header over their headers' addresses
    const rows = v.map((x) => aput(st, x as unknown[], k, nd, others, fn, ro, depth - 1));
    const h = st.p, n = rows.length, d = n ? h + 24 : 0, end = h + 24 + ((8 * n + 15) & -16);
    grow(mem(st), end, "the list arguments");
    st.p = end;
    const u = u32(st), o = h >>> 2;
    u[o] = n; u[o + 1] = 0; u[o + 2] = n; u[o + 3] = 0; u[o + 4] = d; u[o + 5] = 0;
    for (let i = 0; i < n; i++) { u[(d >>> 2) + 2 * i] = rows[i]!; u[(d >>> 2) + 2 * i + 1] = 0; }
    L.push(v, h, k + 16 * depth, nd, ro ? 1 : 0);
    return h;
  }
  const n = v.length, words = 1 + 2 * nd, slots: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = v[i], [data, shape] = parts(x, nd);
    let a = S.d.get(data);
    if (a === undefined) {
      overlap(st, S, data, others, fn);
      S.d.set(data, a = put(st, data, k));
      if (!data.length && a === st.p) st.p += 16; // an empty array: an address of its own (identity)
    }
    const at = S.a.get(a);
    if (at === undefined) S.a.set(a, [x, shape]);
    else at.push(x, shape);
    slots.push(a, ...shape);
  }
  const h = st.p, d = n ? h + 24 : 0;
  const end = h + 24 + ((n * words * 8 + 15) & -16);
  grow(mem(st), end, "the list arguments");
  st.p = end;
  const u = u32(st), o = h >>> 2;
  u[o] = n; u[o + 1] = 0; u[o + 2] = n; u[o + 3] = 0; u[o + 4] = d; u[o + 5] = 0;
  for (let i = 0; i < n; i++) {
    const b = (d >>> 2) + 2 * words * i, s = slots.slice(i * (1 + nd), (i + 1) * (1 + nd));
    u[b] = s[0]!; u[b + 1] = 0;
    let stride = 1;
    for (let j = nd - 1; j >= 0; j--) {
      w64(u, b + 2 + 2 * j, s[1 + j]!);
      w64(u, b + 2 + 2 * (nd + j), stride);
      stride *= s[1 + j]!;
    }
  }
  L.push(v, h, k, nd, ro ? 1 : 0);
  return h;
}

// Distinct arrays whose bytes overlap would be copied in on their own: refused,
// unless both are the same view of the module's memory (in place: one array).
function overlap(st: AState, S: Placed, data: Typed, others: readonly Typed[], fn: string): void {
  const b = data.buffer, o = data.byteOffset, n = data.byteLength;
  if (!n) return;
  const m = mem(st).buffer;
  const seen = (y: Typed): void => {
    if (y.buffer !== b || !y.byteLength) return;
    const oy = y.byteOffset;
    if (oy >= o + n || o >= oy + y.byteLength) return;
    if (oy === o && y.byteLength === n && b === m) return;
    const e = new Error(`${fn}(): arrays in a list argument share memory with other array arguments (overlapping views of one ArrayBuffer); each is copied into the module on its own, so the answer would differ from NumPy's: pass copies (slice())`);
    e.name = "ValueError";
    throw e;
  };
  for (const y of others) seen(y);
  const same = S.b.get(b); // the list arrays placed so far over this buffer
  if (same === undefined) S.b.set(b, [data]);
  else {
    for (const y of same) seen(y);
    same.push(data);
  }
}

function i64(u: Uint32Array, j: number): number {
  return (u[j + 1]! | 0) * TWO32 + u[j]!;
}

// The element of slot words at byte address `s` (dtype k, nd dimensions).
function element(st: AState, S: Placed, s: number, k: number, nd: number, keep: boolean): unknown {
  const u = u32(st), b = s >>> 2, a = u[b]!;
  const shape: number[] = [], strides: number[] = [];
  for (let j = 0; j < nd; j++) {
    shape.push(i64(u, b + 2 + 2 * j));
    strides.push(i64(u, b + 2 + 2 * (nd + j)));
  }
  let c = true, len = 1;
  for (let j = nd - 1; j >= 0; j--) {
    if (strides[j] !== len && shape[j]! > 1) c = false;
    len *= shape[j]!;
  }
  const own = S.a.get(a);
  if (own !== undefined && c) {
    for (let i = 0; i < own.length; i += 2) {
      const sh = own[i + 1] as readonly number[];
      if (sh.every((x, j) => x === shape[j])) return own[i];
    }
  }
  const key = `${a},${shape},${strides}`;
  let r = S.m.get(key);
  if (r !== undefined) return r;
  if (keep && c && len) { // a result under keep(): a WasmArray, in place when it can be
    S.m.set(key, r = st.K!(k, a, shape));
    return r;
  }
  const C = CLASSES[k]!, data = new C(len);
  if (len) {
    const w = new C(mem(st).buffer), e0 = a / SIZE[k]!, idx = new Array<number>(nd).fill(0);
    for (let i = 0; i < len; i++) {
      let off = e0;
      for (let j = 0; j < nd; j++) off += idx[j]! * strides[j]!;
      (data as Float64Array)[i] = (w as Float64Array)[off]!;
      for (let j = nd - 1; j >= 0; j--) {
        if (++idx[j]! < shape[j]!) break;
        idx[j] = 0;
      }
    }
  }
  r = nd === 1 ? data : { data, shape };
  S.m.set(key, r);
  return r;
}

// The placed lists by header address (rows stay the caller's arrays).
function placed(S: Placed): Map<number, unknown[]> {
  const m = new Map<number, unknown[]>(), L = S.l;
  for (let j = 0; j < L.length; j += 5) m.set(L[j + 1] as number, L[j] as unknown[]);
  return m;
}

// The elements of the list of arrays whose header is at `h` (code: dtype + 16 *
// depth), into `into`; rows: the arrays of `memo` by header address, else new ones.
function read(st: AState, S: Placed, h: number, code: number, nd: number, into: unknown[], memo: Map<number, unknown[]>, keep = false): unknown[] {
  const u = u32(st), o = h >>> 2, n = u[o]!, d = u[o + 4]!;
  const size = code >= 16 ? 8 : 8 * (1 + 2 * nd);
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) {
    if (code < 16) {
      out.push(element(st, S, d + size * i, code, nd, keep));
      continue;
    }
    const rh = u32(st)[(d >>> 2) + 2 * i]!;
    let r = memo.get(rh);
    if (r === undefined) {
      memo.set(rh, r = []);
      read(st, S, rh, code - 16, nd, r, memo, keep);
    }
    out.push(r);
  }
  into.length = n;
  for (let i = 0; i < n; i++) into[i] = out[i];
  return into;
}

/** After a call (also one that raised): each list of arrays the function may have changed, read back into the caller's array. */
export function aback(st: AState): void {
  const S = st.A;
  if (S === undefined) return;
  const L = S.l, memo = placed(S);
  for (let j = 0; j < L.length; j += 5) {
    if (!L[j + 4]) read(st, S, L[j + 1] as number, L[j + 2] as number, L[j + 3] as number, L[j] as unknown[], memo);
  }
}

/**
 * A list-of-arrays result (header at `addr`; `depth` as `aput`'s): the
 * caller's own array when it is an argument's list, else a new one. Under
 * `keep()` its new contiguous arrays are WasmArrays (heap.ts `K`: in place
 * when their memory can be kept), the others copies.
 */
export function aout(st: AState, addr: number, k: number, nd: number, depth?: number): unknown[] {
  const S = state(st), memo = placed(S), own = memo.get(addr >>> 0);
  return own !== undefined ? own : read(st, S, addr >>> 0, k + 16 * (depth ?? 0), nd, [], memo, !!st.k);
}
