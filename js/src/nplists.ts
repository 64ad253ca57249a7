/**
 * Lists of NumPy scalars across the "js" ABI: `list[np.float32]`,
 * `list[np.int8]`, `list[np.uint64]`... are JS `number[]` (`list[np.bool_]`
 * a `boolean[]`), with the rules of the NumPy scalar parameters
 * (runtime.ts `f32`, `nint`, `u64`): a float32 element is rounded to float32
 * (as np.float32(x)), an int element must be an integer within its dtype's
 * range (int64: a safe integer; uint64: a non-negative safe integer), else a
 * RangeError; read back, an int64 / uint64 element beyond the safe range
 * throws a RangeError whose `value` is the exact BigInt (the rule of int
 * results).
 *
 * Place in the pipeline: the last stage (`py2wasm/package/`); compiled into
 * pieces by build.mjs like lists.ts, only into packages that have such
 * lists. A list crosses as the address of its header (three int64 words:
 * length, capacity, data address; py2wasm/frontend/lists.py), its elements
 * packed at the dtype's size. `nchk` checks an argument, `nput` places it at
 * the arena top, `nback` (after the call, also when it raised) reads each
 * list the function may have changed back into the caller's array, `nout`
 * reads a list result (the caller's own array when the function returned its
 * argument). Dtype numbers are py2wasm/package/signature.py DTYPE_INDEX's.
 */
import type { HeapState } from "./heap";
import { grow, mem, u32 } from "./arena";
import { show } from "./show";

interface NState extends HeapState {
  N?: unknown[] | undefined; // the placed lists of the call: [array, header address, dtype, read-only] flat
}

type Ctor = new (b: ArrayBufferLike) => ArrayLike<number> & { [i: number]: number };
// dtype number -> [NumPy name, view class (int64 / uint64: null, written as two words), size, lo, hi]
const D: readonly (readonly [string, Ctor | null, number, number, number])[] = [
  ["float64", Float64Array, 8, 0, 0],
  ["float32", Float32Array, 4, 0, 0],
  ["int64", null, 8, -9007199254740991, 9007199254740991],
  ["int32", Int32Array, 4, -2147483648, 2147483647],
  ["uint8", Uint8Array, 1, 0, 255],
  ["bool_", Uint8Array, 1, 0, 0],
  ["int16", Int16Array, 2, -32768, 32767],
  ["int8", Int8Array, 1, -128, 127],
  ["uint32", Uint32Array, 4, 0, 4294967295],
  ["uint16", Uint16Array, 2, 0, 65535],
  ["uint64", null, 8, 0, 9007199254740991],
];
const TWO32 = 4294967296;

/** Check list argument `v` of NumPy scalars of dtype number `d` (`depth`: lists of lists of them) before the call. */
export function nchk(v: unknown, d: number, fn: string, p: string, depth?: number): void {
  const [name, , , lo, hi] = D[d]!;
  if (!Array.isArray(v)) {
    throw new TypeError(`${fn}(): argument '${p}' must be an array (${d === 5 ? "boolean" : "number"}[]${"[]".repeat(depth ?? 0)}, Python ${"list[".repeat(depth ?? 0)}list[numpy.${name}]${"]".repeat(depth ?? 0)}), got ${show(v)}`);
  }
  const n = v.length;
  if (depth) {
    for (let i = 0; i < n; i++) nchk(v[i], d, fn, `${p}[${i}]`, depth - 1);
    return;
  }
  for (let i = 0; i < n; i++) {
    const x: unknown = v[i];
    if (d < 2 ? typeof x === "number" : d === 5 ? typeof x === "boolean" : Number.isInteger(x) && (x as number) >= lo && (x as number) <= hi) continue;
    if (d !== 5 && d > 1 && typeof x === "number" && Number.isInteger(x)) {
      throw new RangeError(`${fn}(): argument '${p}'[${i}] = ${x} is out of bounds for numpy.${name} [${lo}, ${hi}]` +
        (d === 2 || d === 10 ? " (a safe integer)" : ""));
    }
    const what = d < 2 ? "a number" : d === 5 ? "a boolean" : "an integer number";
    throw new TypeError(`${fn}(): argument '${p}'[${i}] must be ${what} (Python numpy.${name}), got ${show(x)}`);
  }
}

/**
 * Place checked list `v` (dtype `d`; `depth` > 0: a list of lists, its rows
 * placed first, its elements their headers' addresses) at the arena top:
 * its header, then its elements. Returns the header's address. `ro`: the
 * function never changes it (no read back).
 */
export function nput(st: NState, v: readonly unknown[], d: number, ro?: number, depth?: number): number {
  const L = st.N ??= [];
  for (let j = 0; j < L.length; j += 4) {
    if (L[j] === v) { // one array passed twice: one list
      if (!ro) L[j + 3] = 0;
      return L[j + 1] as number;
    }
  }
  const rows = depth ? v.map((x) => nput(st, x as unknown[], d, ro, depth - 1)) : null;
  const [, C] = D[d]!, size = rows ? 8 : D[d]![2];
  const n = v.length, h = st.p, a = n ? h + 24 : 0;
  const end = h + 24 + ((n * size + 15) & -16);
  grow(mem(st), end, "the list arguments");
  st.p = end;
  const u = u32(st), o = h >>> 2;
  u[o] = n; u[o + 1] = 0; u[o + 2] = n; u[o + 3] = 0; u[o + 4] = a; u[o + 5] = 0;
  if (rows !== null) { // rows: their header addresses
    const b = a >>> 2;
    for (let i = 0; i < n; i++) { u[b + 2 * i] = rows[i]!; u[b + 2 * i + 1] = 0; }
  } else if (C === null) { // int64 / uint64: two words
    const b = a >>> 2;
    for (let i = 0; i < n; i++) {
      const x = v[i] as number, hi = Math.floor(x / TWO32);
      u[b + 2 * i] = x - hi * TWO32;
      u[b + 2 * i + 1] = hi >>> 0;
    }
  } else { // a view of the dtype's class: float32 rounds as np.float32(x)
    const w = new C(u.buffer), b = a / size;
    for (let i = 0; i < n; i++) w[b + i] = d === 5 ? (v[i] ? 1 : 0) : v[i] as number;
  }
  L.push(v, h, d + 16 * (depth ?? 0), ro ? 1 : 0);
  return h;
}

// The placed lists by header address (rows stay the caller's arrays).
function placed(st: NState): Map<number, unknown[]> {
  const m = new Map<number, unknown[]>(), L = st.N;
  if (L !== undefined) for (let j = 0; j < L.length; j += 4) m.set(L[j + 1] as number, L[j] as unknown[]);
  return m;
}

// The elements of the list whose header is at `h` (code: dtype + 16 * depth), into
// `into`; rows: the arrays of `memo` by header address, else new ones (added).
function read(st: NState, h: number, code: number, into: unknown[], fn: string, memo: Map<number, unknown[]>): unknown[] {
  const u = u32(st), o = h >>> 2, n = u[o]!, a = u[o + 4]!, d = code & 15;
  const [name, C, size] = D[d]!;
  const out: unknown[] = [];
  if (code >= 16) {
    const b = a >>> 2;
    for (let i = 0; i < n; i++) {
      const rh = u[b + 2 * i]!;
      let r = memo.get(rh);
      if (r === undefined) {
        memo.set(rh, r = []);
        read(st, rh, code - 16, r, fn, memo);
      }
      out.push(r);
    }
  } else if (C === null) {
    const s = new Int32Array(u.buffer), b = a >>> 2;
    for (let i = 0; i < n; i++) {
      const lo = u[b + 2 * i]!, hi = d === 2 ? s[b + 2 * i + 1]! : u[b + 2 * i + 1]!, x = hi * TWO32 + lo;
      if (!Number.isSafeInteger(x) || hi >= 2097152 || hi < -2097152) {
        const big = (BigInt(hi) << 32n) + BigInt(lo);
        const e = new RangeError(`${fn}(): the numpy.${name} ${big} in a list is outside JavaScript's safe integer range (see the error's \`value\` for the exact BigInt)`);
        (e as RangeError & { value: bigint }).value = big;
        throw e;
      }
      out.push(x);
    }
  } else {
    const w = new C(u.buffer), b = a / size;
    for (let i = 0; i < n; i++) out.push(d === 5 ? w[b + i] !== 0 : w[b + i]);
  }
  into.length = n;
  for (let i = 0; i < n; i++) into[i] = out[i];
  return into;
}

/** After a call (also one that raised): each list of NumPy scalars the function may have changed, read back into the caller's array. */
export function nback(st: NState, fn: string): void {
  const L = st.N;
  if (L === undefined) return;
  const memo = placed(st);
  for (let j = 0; j < L.length; j += 4) {
    if (!L[j + 3]) read(st, L[j + 1] as number, L[j + 2] as number, L[j] as unknown[], fn, memo);
  }
}

/** A list-of-NumPy-scalars result (header at `addr`, dtype `d`, `depth` as `nput`'s): the caller's own array when it is an argument's list, else a new array. */
export function nout(st: NState, addr: number, d: number, fn: string, depth?: number): unknown[] {
  const memo = placed(st), own = memo.get(addr >>> 0);
  return own !== undefined ? own : read(st, addr >>> 0, d + 16 * (depth ?? 0), [], fn, memo);
}
