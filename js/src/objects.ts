/**
 * Instances of Python classes passed by value, on the raising path: when a
 * call that takes instances throws a Python exception, each argument object
 * gets the state the function left it in before the exception (as CPython
 * leaves the mutations made before a raise), read from linear memory.
 *
 * Place in the pipeline: the last stage (`py2wasm/package/`); compiled into
 * a piece by build.mjs. The layout is py2wasm/frontend/objects.py's: at the
 * export's entry, word 0 of memory points to a block of the instance
 * arguments' addresses (`publish`); an instance is its assigned-attribute
 * bits (int64) then its attributes' leaves, 8 bytes each, in the order of
 * the manifest's state type. `kinds` per argument: its attribute names and
 * one code per attribute: "f" float (f64), "i" int (i64, a safe integer),
 * "u" numpy.uint64, "b" bool (one byte), "c" complex (two f64).
 */
type Exports = Record<string, unknown> & { memory?: WebAssembly.Memory; py2wasm_exc?: WebAssembly.Global };
interface ObjState {
  e?: Exports | undefined;
}

/** Before the exception is mapped (`trap`): give each object of `objs` its state at the raise. */
export function objr(st: ObjState, objs: Record<string, unknown>[], kinds: readonly (readonly [string, string])[][]): void {
  try {
    const ex = st.e;
    if (!ex || !ex.memory || !ex.py2wasm_exc || !ex.py2wasm_exc.value) return; // not a Python exception
    const buf = ex.memory.buffer, u = new Uint32Array(buf), s = new Int32Array(buf), f = new Float64Array(buf), b = new Uint8Array(buf);
    const blk = u[0]!;
    if (!blk) return;
    u[0] = 0; u[1] = 0; // read once: a later call must not see it
    const int = (a: number, unsigned: boolean): number | undefined => {
      const lo = u[a >>> 2]!, hi = unsigned ? u[(a >>> 2) + 1]! : s[(a >>> 2) + 1]!, x = hi * 4294967296 + lo;
      return Number.isSafeInteger(x) ? x : undefined;
    };
    const states = objs.map((_, i) => {
      const h = u[(blk + 8 * i) >>> 2]!, out: [string, unknown][] = [];
      let a = h + 8;
      for (const [name, k] of kinds[i]!) {
        const v = k === "f" ? f[a >>> 3] : k === "b" ? b[a] !== 0 : k === "c" ? { re: f[a >>> 3], im: f[(a >>> 3) + 1] } : int(a, k === "u");
        if (v === undefined) return null; // an int beyond the safe range: left as before the call
        out.push([name, v]);
        a += k === "c" ? 16 : 8;
      }
      return [u[h >>> 2]! + u[(h >>> 2) + 1]! * 4294967296, out] as const;
    });
    states.forEach((stt, i) => {
      if (stt === null) return;
      const [mask, attrs] = stt, o = objs[i]!;
      attrs.forEach(([name, v], bit) => {
        if (Math.floor(mask / 2 ** bit) % 2 === 1) o[name] = v;
        else delete o[name];
      });
    });
  } catch {
    // never hide the Python exception behind a failure here
  }
}
