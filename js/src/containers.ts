/**
 * Python dicts and sets across the "js" ABI: a `dict[int, float]` parameter
 * is a JS `Map<number, number>`, a `set[int]` a `Set<number>`; results are
 * new Maps and Sets (or the caller's own object when the function returned
 * its argument).
 *
 * Place in the pipeline: the last stage (`py2wasm/package/`); compiled into
 * pieces by build.mjs like lists.ts, whose arena and memory views this
 * shares. The layout is py2wasm/frontend/containers_abi.py's: a parameter
 * is a block of a list header (length, capacity, data address) over the
 * items as records (8 bytes per leaf: a key's then a value's; a set's
 * element), then a word the function's entry fills with the address of the
 * dict (set) it builds from them, in the Map's (Set's) order. Per call:
 * `cchk` checks an argument (TypeError / RangeError naming function and
 * parameter), `cput` places it at the arena top, `cback` (after the call,
 * also when it raised) rewrites each Map / Set from the compiled table, so
 * the caller sees the function's changes in the compiled dict's insertion
 * order (a set: CPython's iteration order); `cout` reads a result.
 *
 * A type spec is a string: "f" float, "i" int, "b" bool, "s" str (a JS
 * string: its leaf is the address of its block, placed by strings.ts `sput`
 * after the container's own block and read back with `sread`), "(" ... ")"
 * a tuple (a JS array; as a key or set element it is compared by value:
 * the compiled dict collapses keys equal in Python, and `cback` gives the
 * caller's Map its own key arrays back for the keys equal to them),
 * "{x:f,y:f}" a NamedTuple (values and list elements only): a plain object
 * with those fields, "-" unknown (an always-empty container). A dict's spec is "D", its key's then
 * its value's; a set's "S" and its element's. Lists of tuples (records,
 * py2wasm/frontend/lists_records.py) and lists of strs cross the same way:
 * "L" (or "R" for a list the function never changes: not read back) and the
 * element's spec; the block's list header is the list itself, read back into
 * the caller's array. A Set of strings the function left with the same
 * elements keeps its order (a str set's order in Python follows its
 * randomized hash: no order is promised there).
 */
import type { HeapState } from "./heap";
import { grow, mem, u32, f64, u8 } from "./arena";
import { sput, sread } from "./strings";
import { show } from "./show";

interface CState extends HeapState {
  C?: unknown[]; // the placed dicts and sets: [object, block address, spec] flat
}
interface Rec { names: string[]; items: Node[] } // a NamedTuple: a plain object
type Node = string | Node[] | Rec;

const TWO32 = 4294967296;

function parse(spec: string, at: { i: number }): Node {
  const c = spec[at.i++]!;
  if (c === "{") { // {name:node,name:node}
    const r: Rec = { names: [], items: [] };
    while (spec[at.i - 1] !== "}") {
      const colon = spec.indexOf(":", at.i);
      r.names.push(spec.slice(at.i, colon));
      at.i = colon + 1;
      r.items.push(parse(spec, at));
      at.i++; // "," or "}"
    }
    return r;
  }
  if (c !== "(") return c;
  const out: Node[] = [];
  while (spec[at.i] !== ")") out.push(parse(spec, at));
  at.i++;
  return out;
}

/** [key node, value node] of a dict spec, [element node] of a set's. */
function nodes(spec: string): Node[] {
  const at = { i: 1 }, out: Node[] = [];
  while (at.i < spec.length) out.push(parse(spec, at));
  return out;
}

function count(n: Node): number {
  if (typeof n === "string") return n === "-" ? 0 : 1;
  return (Array.isArray(n) ? n : n.items).reduce((s: number, e: Node) => s + count(e), 0);
}

const NAMES: Record<string, string> = { f: "float", i: "int", b: "bool", s: "str" };

function pyname(n: Node): string {
  if (typeof n === "string") return NAMES[n] ?? "nothing";
  if (!Array.isArray(n)) return `NamedTuple(${n.names.map((k, j) => `${k}: ${pyname(n.items[j]!)}`).join(", ")})`;
  return `tuple[${n.map(pyname).join(", ")}]`;
}


function check(x: unknown, n: Node, fn: string, where: string): void {
  if (typeof n !== "string" && !Array.isArray(n)) { // a NamedTuple: an object with its fields
    if (typeof x !== "object" || x === null || Array.isArray(x) || !n.names.every((k) => k in x)) {
      throw new TypeError(`${fn}(): ${where} must be an object with the fields ${n.names.join(", ")}, got ${show(x)}`);
    }
    for (let j = 0; j < n.names.length; j++) check((x as Record<string, unknown>)[n.names[j]!], n.items[j]!, fn, `${where}.${n.names[j]}`);
    return;
  }
  if (typeof n !== "string") {
    if (!Array.isArray(x) || x.length !== n.length) {
      throw new TypeError(`${fn}(): ${where} must be an array of ${n.length} items (Python ${pyname(n)}), got ${show(x)}`);
    }
    for (let j = 0; j < n.length; j++) check(x[j], n[j]!, fn, `${where}[${j}]`);
    return;
  }
  if (n === "f" ? typeof x === "number" : n === "i" ? Number.isSafeInteger(x) : n === "s" ? typeof x === "string" : typeof x === "boolean") return;
  if (n === "i" && typeof x === "number" && Number.isInteger(x)) {
    throw new RangeError(`${fn}(): ${where} = ${x} is not a safe integer (|x| must be at most Number.MAX_SAFE_INTEGER)`);
  }
  const what = n === "f" ? "a number" : n === "i" ? "an integer number" : n === "s" ? "a string" : "a boolean";
  throw new TypeError(`${fn}(): ${where} must be ${what} (Python ${NAMES[n]}), got ${show(x)}`);
}

/** Check dict (spec "D...") or set ("S...") argument `v` before the call; throws naming `fn` and `p`. */
export function cchk(v: unknown, spec: string, fn: string, p: string): void {
  if (spec[0] === "L" || spec[0] === "R") {
    const n = nodes(spec)[0]!;
    if (!Array.isArray(v)) throw new TypeError(`${fn}(): argument '${p}' must be an array (Python list[${pyname(n)}]), got ${show(v)}`);
    for (let i = 0; i < v.length; i++) check(v[i], n, fn, `argument '${p}'[${i}]`);
    return;
  }
  const isMap = spec[0] === "D", ns = nodes(spec), py = isMap ? `dict[${pyname(ns[0]!)}, ${pyname(ns[1]!)}]` : `set[${pyname(ns[0]!)}]`;
  if (!(isMap ? v instanceof Map : v instanceof Set)) {
    throw new TypeError(`${fn}(): argument '${p}' must be a ${isMap ? "Map" : "Set"} (Python ${py}), got ${show(v)}`);
  }
  const c = v as Map<unknown, unknown> | Set<unknown>;
  if (ns[0] === "-") {
    if (c.size) throw new TypeError(`${fn}(): argument '${p}' must be empty (this build's ${isMap ? "dict" : "set"} has no item type)`);
    return;
  }
  if (isMap) {
    for (const [k, x] of c as Map<unknown, unknown>) {
      check(k, ns[0]!, fn, `a key of '${p}'`);
      check(x, ns[1]!, fn, `'${p}'.get(${show(k)})`);
    }
  } else {
    for (const x of c as Set<unknown>) check(x, ns[0]!, fn, `an element of '${p}'`);
  }
}

// Views of memory (re-made after the memory grew), in lists.ts's slots.

function write(st: CState, a: number, x: unknown, n: Node): number {
  if (typeof n !== "string" && !Array.isArray(n)) {
    for (let j = 0; j < n.names.length; j++) a = write(st, a, (x as Record<string, unknown>)[n.names[j]!], n.items[j]!);
    return a;
  }
  if (typeof n !== "string") {
    for (let j = 0; j < n.length; j++) a = write(st, a, (x as unknown[])[j], n[j]!);
    return a;
  }
  if (n === "s") { // the string's block (after the container's: st.p is past it)
    const h = sput(st, x as string), w = u32(st);
    w[a >>> 2] = h; w[(a >>> 2) + 1] = 0;
    return a + 8;
  }
  const u = u32(st);
  if (n === "f") f64(st)[a >>> 3] = x as number;
  else if (n === "i") {
    const hi = Math.floor((x as number) / TWO32);
    u[a >>> 2] = (x as number) - hi * TWO32;
    u[(a >>> 2) + 1] = hi >>> 0;
  } else {
    u[a >>> 2] = 0; u[(a >>> 2) + 1] = 0;
    u8(st)[a] = x ? 1 : 0;
  }
  return a + 8;
}

function read(st: CState, a: number, n: Node, fn: string, out: unknown[]): number {
  if (typeof n !== "string" && !Array.isArray(n)) { // a NamedTuple: a new plain object
    const t: unknown[] = [], o: Record<string, unknown> = {};
    for (const e of n.items) a = read(st, a, e, fn, t);
    n.names.forEach((k, j) => { o[k] = t[j]; });
    out.push(o);
    return a;
  }
  if (typeof n !== "string") {
    const t: unknown[] = [];
    for (const e of n) a = read(st, a, e, fn, t);
    out.push(t);
    return a;
  }
  if (n === "f") out.push(f64(st)[a >>> 3]);
  else if (n === "s") out.push(sread(mem(st), u32(st)[a >>> 2]!));
  else if (n === "b") out.push(u8(st)[a] !== 0);
  else {
    const u = u32(st), lo = u[a >>> 2]!, hi = new Int32Array(u.buffer)[(a >>> 2) + 1]!, x = hi * TWO32 + lo;
    if (hi < -2097152 || hi >= 2097152 || !Number.isSafeInteger(x)) {
      const big = (BigInt(hi) << 32n) + BigInt(lo);
      const e = new RangeError(`${fn}(): the int ${big} in a dict or set is outside JavaScript's safe integer range (see the error's \`value\` for the exact BigInt)`);
      (e as RangeError & { value: bigint }).value = big;
      throw e;
    }
    out.push(x);
  }
  return a + 8;
}

/** Place checked dict/set `v` (spec) at the arena top; returns its block's address. */
export function cput(st: CState, v: Map<unknown, unknown> | Set<unknown> | readonly unknown[], spec: string): number {
  const C = st.C ?? (st.C = []);
  for (let j = 0; j < C.length; j += 3) if (C[j] === v) return C[j + 1] as number; // passed twice: one dict
  const ns = nodes(spec), leaves = ns.reduce((s, e) => s + count(e), 0);
  const list = Array.isArray(v);
  const n = leaves ? (list ? (v as unknown[]).length : (v as Set<unknown>).size) : 0, h = st.p, d = n ? h + 32 : 0;
  const end = h + 32 + ((n * 8 * leaves + 15) & -16);
  const m = mem(st);
  grow(m, end, "the dict and set arguments");
  st.p = end;
  const u = u32(st), o = h >>> 2;
  u[o] = n; u[o + 1] = 0; u[o + 2] = n; u[o + 3] = 0; u[o + 4] = d; u[o + 5] = 0; u[o + 6] = 0; u[o + 7] = 0;
  let a = d;
  if (n && list) {
    for (const x of v as unknown[]) a = write(st, a, x, ns[0]!);
  } else if (n && spec[0] === "D") {
    for (const [k, x] of v as Map<unknown, unknown>) a = write(st, write(st, a, k, ns[0]!), x, ns[1]!);
  } else if (n) {
    for (const x of v as Set<unknown>) a = write(st, a, x, ns[0]!);
  }
  C.push(v, h, spec);
  return h;
}


// The items of the compiled dict (set) whose header is at `h`, in its order.
function items(st: CState, h: number, spec: string, fn: string): unknown[][] {
  const ns = nodes(spec), u = u32(st), out: unknown[][] = [];
  if (ns[0] === "-") return out;
  const leaves = ns.reduce((s, e) => s + count(e), 0), esize = 16 + 8 * leaves;
  const isMap = spec[0] === "D", list = spec[0] === "L" || spec[0] === "R";
  if (list) { // a list of records: its header, then 8 bytes per leaf
    const n = u[h >>> 2]!, d = u[(h + 16) >>> 2]!;
    for (let j = 0; j < n; j++) read(st, d + j * 8 * leaves, ns[0]!, fn, out as unknown[]);
    return out;
  }
  const n = isMap ? u[(h + 8) >>> 2]! : u[(h + 16) >>> 2]! + 1, t = u[(h + 24) >>> 2]!;
  for (let j = 0; j < n; j++) {
    const e = t + j * esize;
    if (isMap ? u[(e + 8) >>> 2] === 0 && u[(e + 12) >>> 2] === 0 : u[e >>> 2] !== 1) continue;
    const item: unknown[] = [];
    let a = e + 16;
    for (const nd of ns) a = read(st, a, nd, fn, item);
    out.push(item);
  }
  return out;
}

// A tuple key's (set element's) text: equal for keys Python finds equal (-0 and 0 alike).
const text = (x: unknown): string => Array.isArray(x) ? `[${x.map(text).join(",")}]`
  : typeof x === "string" ? JSON.stringify(x) : String(x);

function fill(c: Map<unknown, unknown> | Set<unknown> | unknown[], its: unknown[][]): void {
  if (Array.isArray(c)) {
    c.length = its.length;
    for (let i = 0; i < its.length; i++) c[i] = its[i];
    return;
  }
  // tuple keys are arrays, which a Map compares by identity: each key equal
  // by value to one the caller passed is the caller's own array again
  const old = new Map<string, unknown[]>();
  for (const k of c.keys()) {
    if (!Array.isArray(k)) break;
    const t = text(k), l = old.get(t);
    if (l) l.push(k); else old.set(t, [k]);
  }
  const key = (k: unknown): unknown => (old.size ? old.get(text(k))?.shift() : undefined) ?? k;
  c.clear();
  if (c instanceof Map) for (const [k, x] of its) c.set(key(k), x);
  else for (const [x] of its) c.add(key(x));
}

/** After a call (also one that raised): each dict/set argument rewritten from the compiled table. */
export function cback(st: CState, fn: string): void {
  const C = st.C;
  if (C === undefined) return;
  const u = u32(st);
  for (let j = 0; j < C.length; j += 3) {
    const spec = C[j + 2] as string, b = C[j + 1] as number;
    if (spec[0] === "R") continue; // never changed
    const h = spec[0] === "L" ? b : u[(b + 24) >>> 2]!;
    if (h === 0) continue;
    const its = items(st, h, spec, fn), c = C[j] as Set<unknown>;
    if (spec === "Ss" && its.length === c.size && its.every(([x]) => c.has(x))) continue; // unchanged
    fill(C[j] as Map<unknown, unknown>, its);
  }
}

/** A dict/set result (header at `addr`): the caller's own object when it is an argument's, else a new one. */
export function cout(st: CState, addr: number, spec: string, fn: string): Map<unknown, unknown> | Set<unknown> | unknown[] {
  const C = st.C, h = addr >>> 0;
  if (C !== undefined) {
    const u = u32(st);
    for (let j = 0; j < C.length; j += 3) {
      const s = C[j + 2] as string, b = C[j + 1] as number;
      if ((s[0] === "L" || s[0] === "R" ? b : u[(b + 24) >>> 2]) === h) return C[j] as Map<unknown, unknown>;
    }
  }
  const c = spec[0] === "L" ? [] : spec[0] === "D" ? new Map<unknown, unknown>() : new Set<unknown>();
  fill(c, items(st, h, spec, fn));
  return c;
}
