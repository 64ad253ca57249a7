/**
 * Instances of Python classes passed by value: lists of them as arguments
 * (`ochk`, `oput`), and all of them on the raising path (`objr`).
 *
 * Place in the pipeline: the last stage (`py2wasm/package/`); compiled into
 * pieces by build.mjs. The layout is py2wasm/frontend/objects.py's: an
 * instance is its assigned-attribute bits (int64) then its attributes'
 * leaves, 8 bytes each, in the order of the manifest's state type. `kinds`
 * per argument: its attribute names and one code per attribute: "f" float
 * (f64), "i" int (i64, a safe integer), "u" numpy.uint64, "b" bool (one
 * byte), "c" complex (two f64); a list of instances (frontend/
 * lists_objects_abi.py) starts with the pair ["", "L"].
 *
 * A list of instances argument (`oput`) is a block of a list header (length,
 * capacity, data address, then a free word) over one record per element:
 * the index of the element's first occurrence in the array (one object twice
 * is one instance inside), then its attributes (8 bytes each). The function
 * never changes the block; its list's state after the call comes with the
 * result (runtime.ts `byval`) or, when it raised, from memory (`objr`).
 */
import type { HeapState } from "./heap";
import { grow, mem, u32, f64, u8 } from "./arena";
import { show } from "./show";
import { restore, type InstanceState, type ListState } from "./objstate";

type Exports = Record<string, unknown> & { memory?: WebAssembly.Memory; py2wasm_exc?: WebAssembly.Global };
interface ObjState {
  e?: Exports | undefined;
}
type Kinds = readonly (readonly [string, string])[];
const TWO32 = 4294967296;
const PY: Record<string, string> = { f: "float", i: "int", b: "bool" };

/** Check list-of-instances argument `v`: an array of objects with the attributes `kinds` ("f", "i", "b"). */
export function ochk(v: unknown, kinds: Kinds, cls: string, fn: string, p: string): void {
  if (!Array.isArray(v)) throw new TypeError(`${fn}(): argument '${p}' must be an array of ${cls} objects (Python list[${cls}]), got ${show(v)}`);
  for (let i = 0; i < v.length; i++) {
    const x: unknown = v[i];
    if (typeof x !== "object" || x === null || Array.isArray(x) || !kinds.every(([k]) => k in x)) {
      throw new TypeError(`${fn}(): argument '${p}'[${i}] must be an object with the fields ${kinds.map(([k]) => k).join(", ")} (Python ${cls}), got ${show(x)}`);
    }
    for (const [k, c] of kinds) {
      const a = (x as Record<string, unknown>)[k];
      if (c === "f" ? typeof a === "number" : c === "i" ? Number.isSafeInteger(a) : typeof a === "boolean") continue;
      const where = `argument '${p}'[${i}].${k}`;
      if (c === "i" && typeof a === "number" && Number.isInteger(a)) {
        throw new RangeError(`${fn}(): ${where} = ${a} is not a safe integer (|x| must be at most Number.MAX_SAFE_INTEGER)`);
      }
      const what = c === "f" ? "a number" : c === "i" ? "an integer number" : "a boolean";
      throw new TypeError(`${fn}(): ${where} must be ${what} (Python ${PY[c]}), got ${show(a)}`);
    }
  }
}

/** Place checked list-of-instances argument `v` at the arena top; returns its header's address. */
export function oput(st: HeapState, v: readonly Record<string, unknown>[], kinds: Kinds): number {
  const n = v.length, rec = 8 * (1 + kinds.length), h = st.p, d = n ? h + 32 : 0;
  const end = h + 32 + ((n * rec + 15) & -16);
  grow(mem(st), end, "the list arguments");
  st.p = end;
  const u = u32(st), f = f64(st), b = u8(st), o = h >>> 2;
  u[o] = n; u[o + 1] = 0; u[o + 2] = n; u[o + 3] = 0; u[o + 4] = d; u[o + 5] = 0; u[o + 6] = 0; u[o + 7] = 0;
  const first = new Map<object, number>();
  for (let i = 0; i < n; i++) {
    const x = v[i]!;
    let at = d + i * rec;
    const j = first.get(x) ?? i;
    if (j === i) first.set(x, i);
    u[at >>> 2] = j; u[(at >>> 2) + 1] = 0;
    for (const [k, c] of kinds) {
      at += 8;
      const a = x[k];
      if (c === "f") f[at >>> 3] = a as number;
      else if (c === "i") {
        const hi = Math.floor((a as number) / TWO32);
        u[at >>> 2] = (a as number) - hi * TWO32;
        u[(at >>> 2) + 1] = hi >>> 0;
      } else {
        u[at >>> 2] = 0; u[(at >>> 2) + 1] = 0;
        b[at] = a ? 1 : 0;
      }
    }
  }
  return h;
}

/** Before the exception is mapped (`trap`): give each argument of `objs`
 * (an object, or an array for a list of instances) its state at the raise. */
export function objr(st: ObjState, objs: unknown[], kinds: readonly Kinds[]): void {
  try {
    const ex = st.e;
    if (!ex || !ex.memory || !ex.py2wasm_exc || !ex.py2wasm_exc.value) return; // not a Python exception
    const buf = ex.memory.buffer, u = new Uint32Array(buf), s = new Int32Array(buf), f = new Float64Array(buf), b = new Uint8Array(buf);
    const blk = u[0]!;
    if (!blk) return;
    u[0] = 0; u[1] = 0; // read once: a later call must not see it
    const int = (a: number, unsigned: boolean): number | undefined => {
      const lo = u[a >>> 2]!, hi = unsigned ? u[(a >>> 2) + 1]! : s[(a >>> 2) + 1]!, x = hi * TWO32 + lo;
      return Number.isSafeInteger(x) ? x : undefined;
    };
    // the state of the instance at h (null: an int beyond the safe range, left as before the call)
    const one = (h: number, ks: Kinds): InstanceState | null => {
      const out: Record<string, unknown> = { __addr__: h, __mask__: u[h >>> 2]! + u[(h >>> 2) + 1]! * TWO32 };
      let a = h + 8;
      for (const [name, k] of ks) {
        const v = k === "f" ? f[a >>> 3] : k === "b" ? b[a] !== 0 : k === "c" ? { re: f[a >>> 3], im: f[(a >>> 3) + 1] } : int(a, k === "u");
        if (v === undefined) return null;
        out[name] = v;
        a += k === "c" ? 16 : 8;
      }
      return out as InstanceState;
    };
    const addrs = (h: number): number[] => { // a list's elements (8-byte addresses)
      const n = u[h >>> 2]!, d = u[(h + 16) >>> 2]!, out: number[] = [];
      for (let j = 0; j < n; j++) out.push(u[(d + 8 * j) >>> 2]!);
      return out;
    };
    let w = blk;
    const states = objs.map((_, i): InstanceState | ListState | null => {
      const ks = kinds[i]!;
      if (ks[0]?.[1] === "L" && ks[0][0] === "") { // a list of instances: its header, its entry addresses'
        const h = u[w >>> 2]!, e = u[(w + 8) >>> 2]!, ek = ks.slice(1);
        w += 16;
        const items = addrs(h).map((a) => one(a, ek));
        return items.every((x) => x !== null) ? { __addr__: h, __entry__: addrs(e), __items__: items as InstanceState[] } : null;
      }
      const h = u[w >>> 2]!;
      w += 8;
      return one(h, ks);
    });
    restore(objs, states, new Map());
  } catch {
    // never hide the Python exception behind a failure here
  }
}
