/**
 * Python strs across the "js" ABI: a `str` parameter is a JS `string`, a
 * `str` result a new JS `string`.
 *
 * Place in the pipeline: the last stage (`py2wasm/package/`); compiled into
 * pieces by build.mjs like lists.ts, placing into heap.ts's arena. A str
 * crosses the ABI as the address of its block in linear memory: an int64
 * length, then one uint32 code point per character
 * (py2wasm/frontend/strvalues.py). JS strings are UTF-16: `sput` turns each
 * surrogate pair into its one code point (so `len(s)` and `s[i]` count code
 * points, as in Python) and keeps a lone surrogate as the code point it is;
 * `sout` turns code points back into UTF-16. A lone surrogate therefore
 * round-trips; a result holding a high surrogate followed by a low one (two
 * Python code points) becomes the JS string of that pair, which is what JS
 * concatenation of the two halves gives.
 */
import type { HeapState } from "./heap";
import { grow, mem } from "./arena";
import { show } from "./show";

type Mem = { memory: WebAssembly.Memory };


/** Check str argument `v` (before the call); throws a TypeError naming `fn` and `p`. */
export function schk(v: unknown, fn: string, p: string): void {
  if (typeof v !== "string") throw new TypeError(`${fn}(): argument '${p}' must be a string (Python str), got ${show(v)}`);
}

/** Place string `v` at the arena top; returns its block's address. */
export function sput(st: HeapState, v: string): number {
  let n = 0;
  const len = v.length;
  for (let i = 0; i < len; i++) {
    const c = v.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < len) {
      const d = v.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) i++;
    }
    n++;
  }
  const h = st.p, end = h + ((8 + 4 * n + 15) & -16);
  const m = mem(st);
  grow(m, end, "the str arguments");
  st.p = end;
  const u = new Uint32Array(m.buffer, h, 2 + n);
  u[0] = n;
  u[1] = 0;
  let k = 2;
  for (let i = 0; i < len; i++) {
    let c = v.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < len) {
      const d = v.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    u[k++] = c;
  }
  return h;
}


/** The JS string of the str block at `addr` of `memory`. */
export function sread(memory: WebAssembly.Memory, addr: number): string {
  const a = addr >>> 0;
  const n = new Uint32Array(memory.buffer, a, 2)[0]!;
  const cps = new Uint32Array(memory.buffer, a + 8, n);
  let out = "";
  for (let i = 0; i < n; i += 4096) {
    out += String.fromCodePoint(...cps.subarray(i, Math.min(n, i + 4096)));
  }
  return out;
}

/** A str result (block at `addr`): a new JS string. */
export function sout(st: HeapState, addr: number): string {
  return sread((st.e as unknown as Mem).memory, addr);
}

/** The host import py2wasm.str_to_float: JavaScript's Number() of the str
 * block at `addr` (ASCII text the compiled code validated and normalized,
 * `[-]digits[.digits][e[-]digits]`: correctly rounded, as Python's float()). */
export function sfloat(st: HeapState, addr: number): number {
  return Number(sread((st.e as unknown as Mem).memory, addr));
}
