/**
 * Python lists across the "js" ABI: a `list[float]` / `list[int]` parameter
 * is a JS `number[]`, `list[bool]` a `boolean[]`; list results are new JS
 * arrays.
 *
 * Place in the pipeline: the last stage (`py2wasm/package/`); compiled into
 * pieces by build.mjs like heap.ts, whose arena this uses. A list crosses
 * the ABI as the address of its header in linear memory (three int64 words:
 * length, capacity, data address; py2wasm/frontend/lists.py). Per call:
 * `lchk` checks an argument before the call (TypeError / RangeError naming
 * function and parameter, like the scalar checks); `lput` writes its header
 * and elements at the arena top (after heap.ts `start`) and remembers it;
 * after the call, also when it raised, `lback` reads each list the function
 * may have changed (appended, popped, sorted, assigned: the manifest marks
 * the others read-only) back into the caller's array, so the caller sees
 * the mutation as in CPython; `lout` reads a list result into a new array,
 * or gives the caller's own array back when the function returned its
 * argument (`ys === xs`, as `ys is xs` in Python). An int element read back
 * beyond the safe integer range throws a RangeError whose `value` is the
 * exact BigInt (the rule of int results).
 *
 * Element kinds: 0 float (f64), 1 int (i64), 2 bool (one byte), 3 unknown
 * (an always-empty list); 4 + k a list of lists of kind k (an element is the
 * row's header address): `number[][]`, rows read back into the caller's row
 * arrays. The wrapper of a function with lists clears
 * `L` (`$s.L=undefined`) before placing its arguments.
 */
import type { HeapState } from "./heap";
import { grow, mem, u32, f64, u8 } from "./arena";
import { show } from "./show";

interface ListState extends HeapState {
  L?: unknown[]; // the placed lists of the call: [array, header address, kind, read-only] flat
}

const NAMES = ["float", "int", "bool", "empty"];
const SIZE = [8, 8, 1, 8];
const TWO32 = 4294967296;


/** Check list argument `v` of element kind `k` (before the call); throws naming `fn` and `p`. */
export function lchk(v: unknown, k: number, fn: string, p: string): void {
  const want = (k & 3) === 2 ? "boolean[]" : "number[]";
  if (!Array.isArray(v)) {
    throw new TypeError(`${fn}(): argument '${p}' must be an array (${want}, Python list[${NAMES[k]}]), got ${show(v)}`);
  }
  const n = v.length;
  if (k >= 4) {
    for (let i = 0; i < n; i++) lchk(v[i], k - 4, fn, `${p}[${i}]`);
    return;
  }
  if (k === 3) {
    if (n) throw new TypeError(`${fn}(): argument '${p}' must be an empty array (this build's list has no element type)`);
    return;
  }
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (k === 0 ? typeof x === "number" : k === 1 ? Number.isSafeInteger(x) : typeof x === "boolean") continue;
    if (k === 1 && typeof x === "number" && Number.isInteger(x)) {
      throw new RangeError(`${fn}(): argument '${p}'[${i}] = ${x} is not a safe integer (|x| must be at most Number.MAX_SAFE_INTEGER)`);
    }
    const what = k === 0 ? "a number" : k === 1 ? "an integer number" : "a boolean";
    throw new TypeError(`${fn}(): argument '${p}'[${i}] must be ${what} (Python ${NAMES[k]}), got ${show(x)}`);
  }
}

// Views of memory (re-made after the memory grew: the old ones are detached).

/**
 * Place checked list `v` (kind `k`) at the arena top: its header, then its
 * elements. Returns the header's address. `ro`: the function never changes
 * it (no read back).
 */
export function lput(st: ListState, v: readonly unknown[], k: number, ro?: number): number {
  const L = st.L ?? (st.L = []);
  for (let j = 0; j < L.length; j += 4) {
    if (L[j] === v) { // one array passed twice: one list (changed through either name)
      if (!ro) L[j + 3] = 0;
      return L[j + 1] as number;
    }
  }
  const rows = k >= 4 ? v.map((x) => lput(st, x as unknown[], k - 4, ro)) : null; // rows first
  const n = v.length, h = st.p, d = n ? h + 24 : 0;
  const end = h + 24 + ((n * (k >= 4 ? 8 : SIZE[k]!) + 15) & -16);
  const m = mem(st);
  grow(m, end, "the list arguments");
  st.p = end;
  const u = u32(st), o = h >>> 2;
  u[o] = n; u[o + 1] = 0; u[o + 2] = n; u[o + 3] = 0; u[o + 4] = d; u[o + 5] = 0;
  if (rows !== null) {
    const b = d >>> 2;
    for (let i = 0; i < n; i++) { u[b + 2 * i] = rows[i]!; u[b + 2 * i + 1] = 0; }
  } else if (k === 0) {
    const w = f64(st), b = d >>> 3;
    for (let i = 0; i < n; i++) w[b + i] = v[i] as number;
  } else if (k === 1) {
    const b = d >>> 2;
    for (let i = 0; i < n; i++) {
      const x = v[i] as number, hi = Math.floor(x / TWO32);
      u[b + 2 * i] = x - hi * TWO32;
      u[b + 2 * i + 1] = hi >>> 0;
    }
  } else if (k === 2) {
    const w = u8(st);
    for (let i = 0; i < n; i++) w[d + i] = v[i] ? 1 : 0;
  }
  L.push(v, h, k, ro ? 1 : 0);
  return h;
}


// The placed lists by header address (rows keep the caller's arrays).
function placed(st: ListState): Map<number, unknown[]> {
  const m = new Map<number, unknown[]>(), L = st.L;
  if (L !== undefined) for (let j = 0; j < L.length; j += 4) m.set(L[j + 1] as number, L[j] as unknown[]);
  return m;
}

// The elements of the list whose header is at `h` (kind k), into `into` (emptied first);
// rows: the arrays of `memo` by header address, else new ones (added).
function read(st: ListState, h: number, k: number, into: unknown[], fn: string, memo: Map<number, unknown[]>): unknown[] {
  const u = u32(st), o = h >>> 2, n = u[o]!, d = u[o + 4]!;
  into.length = n;
  if (k >= 4) {
    const b = d >>> 2;
    for (let i = 0; i < n; i++) {
      const rh = u[b + 2 * i]!;
      let r = memo.get(rh);
      if (r === undefined) {
        memo.set(rh, r = []);
        read(st, rh, k - 4, r, fn, memo);
      }
      into[i] = r;
    }
  } else if (k === 0) {
    const w = f64(st), b = d >>> 3;
    for (let i = 0; i < n; i++) into[i] = w[b + i];
  } else if (k === 1) {
    const s = new Int32Array(u.buffer), b = d >>> 2;
    for (let i = 0; i < n; i++) {
      const lo = u[b + 2 * i]!, hi = s[b + 2 * i + 1]!, x = hi * TWO32 + lo;
      if (hi < -2097152 || hi >= 2097152 || !Number.isSafeInteger(x)) {
        const big = (BigInt(hi) << 32n) + BigInt(lo);
        const e = new RangeError(`${fn}(): the int ${big} in a list is outside JavaScript's safe integer range (see the error's \`value\` for the exact BigInt)`);
        (e as RangeError & { value: bigint }).value = big;
        throw e;
      }
      into[i] = x;
    }
  } else if (k === 2) {
    const w = u8(st);
    for (let i = 0; i < n; i++) into[i] = w[d + i] !== 0;
  }
  return into;
}

/** After a call (also one that raised): each list argument the function may change, read back into the caller's array. */
export function lback(st: ListState, fn: string): void {
  const L = st.L;
  if (L === undefined) return;
  const memo = placed(st);
  for (let j = 0; j < L.length; j += 4) {
    if (!L[j + 3]) read(st, L[j + 1] as number, L[j + 2] as number, L[j] as unknown[], fn, memo);
  }
}

/**
 * A list result (header at `addr`, kind `k`): the caller's own array when it
 * is an argument's list, else a new array.
 */
export function lout(st: ListState, addr: number, k: number, fn: string): unknown[] {
  const memo = placed(st), own = memo.get(addr >>> 0);
  return own !== undefined ? own : read(st, addr >>> 0, k, [], fn, memo);
}
