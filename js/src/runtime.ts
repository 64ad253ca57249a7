/**
 * py2wasm's JavaScript runtime: the pieces a generated npm package inlines.
 *
 * Place in the pipeline: the last stage (`py2wasm/package/`) embeds these
 * functions, compiled and minified one by one (see build.mjs), into each
 * package's `index.js`. Every export here is one self-contained piece; the
 * generator includes only the pieces a package needs. The wasm ABI these
 * pieces speak is docs/internals.md section 4.
 */
import { brief as show } from "./show";
import { applyState, fillList, isListState, restore, type InstanceState, type ListState } from "./objstate";

/** What `init(source)` accepts: where or what the wasm module is. */
export type Source =
  | string
  | URL
  | Request
  | Response
  | PromiseLike<Response>
  | ArrayBuffer
  | ArrayBufferView
  | WebAssembly.Module;

/** The exports of a py2wasm module: functions plus the exception global. */
export type Exports = WebAssembly.Exports & { py2wasm_exc: WebAssembly.Global };

/**
 * Per-package state shared by the generated wrappers: `e` the instance's
 * exports once loaded, `f` why the automatic load at import failed (if it
 * did), `t` the exception table (code -> [Python name, message with source];
 * the message is a function of the exports when it shows run-time values
 * read from the `py2wasm_exc_arg<i>` globals, e.g. NumPy's IndexError).
 */
export interface State {
  e?: Exports | undefined;
  f?: unknown;
  t: Record<number, readonly [string, string | ((e: Exports) => string)]>;
  n: string;
}

const isNode = (): boolean =>
  typeof process === "object" && typeof process.versions?.node === "string";

/**
 * Instantiate the module. `url` returns the package's own `.wasm` URL next
 * to `index.js`: it is only called when needed
 * (no `source`, or a string relative to it), because `new URL(..,
 * import.meta.url)` throws where the module itself was loaded from a blob: or
 * data: URL. `source` (from `init(source)`) overrides it with a URL or
 * string (fetched; read from disk for `file:` URLs in Node), a Response or a
 * promise of one, the bytes, or a compiled WebAssembly.Module. `st`, when
 * given, keeps the compiled module (`w`) and the imports (`i`).
 */
export async function load(
  url: () => URL | Uint8Array,
  imports: WebAssembly.Imports,
  source?: Source,
  st?: { w?: WebAssembly.Module; i?: WebAssembly.Imports },
): Promise<Exports> {
  let s: Source = source ?? url();
  if (typeof s === "string") {
    // relative to the package's own .wasm URL (absolute where the package
    // carries its bytes inline and has no URL of its own)
    const base = url();
    s = base instanceof URL ? new URL(s, base) : new URL(s);
  }
  let r: WebAssembly.WebAssemblyInstantiatedSource;
  if (s instanceof WebAssembly.Module) {
    r = { module: s, instance: await WebAssembly.instantiate(s, imports) };
  } else if (s instanceof ArrayBuffer || ArrayBuffer.isView(s)) {
    const bytes = s instanceof ArrayBuffer ? s : new Uint8Array(s.buffer, s.byteOffset, s.byteLength); // V8 refuses a DataView
    r = await WebAssembly.instantiate(bytes as BufferSource, imports);
  } else if (s instanceof URL && s.protocol === "file:" && isNode()) {
    // Node: read from the package directory. No `import()` a bundler could
    // see (it would try to bundle fs, or warn about an expression):
    // process.getBuiltinModule (Node 20.16+), else an import() made at run time.
    type FS = typeof import("node:fs/promises");
    const proc = process as unknown as { getBuiltinModule?: (id: string) => unknown };
    const { readFile } = (proc.getBuiltinModule?.("node:fs/promises") ??
      (await (new Function("s", "return import(s)") as (s: string) => Promise<unknown>)("node:fs/promises"))) as FS;
    r = await WebAssembly.instantiate(await readFile(s), imports);
  } else {
    const res = await (s instanceof URL || (typeof Request === "function" && s instanceof Request) ? fetch(s as URL | Request) : (s as Response | PromiseLike<Response>));
    if (!res.ok) throw new Error(`cannot load ${res.url || String(s)}: HTTP ${res.status}`);
    // instantiateStreaming insists on the application/wasm MIME type; with
    // any other (a misconfigured server) compile from the bytes instead.
    const mime = (res.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
    r =
      mime === "application/wasm" && typeof WebAssembly.instantiateStreaming === "function"
        ? await WebAssembly.instantiateStreaming(res, imports)
        : await WebAssembly.instantiate(await res.arrayBuffer(), imports);
  }
  // `st` (packages with arrays): keep the compiled module and the imports,
  // for `release()` (js/src/heap.ts) to start a fresh instance
  if (st) (st.w = r.module), (st.i = imports);
  return r.instance.exports as Exports;
}

/**
 * Map what a call into the wasm threw. A Python exception (the exported
 * global `py2wasm_exc` is non-zero after the trap) becomes an Error whose
 * name is the Python exception's and whose message ends with the source
 * line; the global is reset so the instance stays usable. A stack overflow
 * (the engine's RangeError, or Firefox's InternalError) becomes a RangeError
 * named RecursionError. Calls before a successful load report why loading
 * failed. Anything else is returned unchanged.
 */
export function trap(err: unknown, st: State): unknown {
  const ex = st.e;
  if (!ex) {
    return new Error(
      `${st.n}: the WebAssembly module is not loaded` +
        (st.f ? `: ${String((st.f as Error)?.message ?? st.f)}; call \`await init(source)\` with the .wasm URL or bytes` : "; await init() first"),
      { cause: st.f ?? err },
    );
  }
  const g = ex.py2wasm_exc;
  const code = g.value as number;
  if (code) {
    g.value = 0;
    const [name, message] = st.t[code] ?? ["SystemError", `unknown py2wasm exception code ${code}`];
    const e = new Error(typeof message === "function" ? message(ex) : message);
    e.name = name;
    return e;
  }
  const name = (err as Error | undefined)?.name;
  if (err instanceof RangeError || name === "InternalError") {
    const e = new RangeError("maximum recursion depth exceeded", { cause: err });
    e.name = "RecursionError";
    return e;
  }
  return err;
}

/**
 * Wrong number of arguments: always throws a TypeError naming the function.
 * `min`: how many are required when the last ones have defaults.
 */
export function argc(got: number, fn: string, params: readonly string[], min?: number): never {
  const n = params.length;
  // min < n: the last parameters have Python defaults (optional in JS)
  const takes = min !== undefined && min < n ? `${min} to ${n} arguments` : `${n} argument${n === 1 ? "" : "s"}`;
  throw new TypeError(`${fn}(${params.join(", ")}) takes ${takes}, got ${got}`);
}


/** A Python `float` parameter: any JS number. Returns it. */
export function flt(v: unknown, fn: string, p: string): number {
  if (typeof v !== "number") throw new TypeError(`${fn}(): argument '${p}' must be a number (Python float), got ${show(v)}`);
  return v;
}

/**
 * A Python `int` parameter: a safe integer (|v| <= 2**53 - 1), passed to the
 * wasm as a BigInt (i64). A non-number or a non-integer is a TypeError, an
 * integer beyond the safe range a RangeError.
 */
export function int(v: unknown, fn: string, p: string): bigint {
  if (typeof v !== "number" || !Number.isInteger(v)) {
    throw new TypeError(`${fn}(): argument '${p}' must be an integer number (Python int), got ${show(v)}`);
  }
  if (!Number.isSafeInteger(v)) {
    throw new RangeError(`${fn}(): argument '${p}' = ${v} is not a safe integer (|${p}| must be at most Number.MAX_SAFE_INTEGER)`);
  }
  return BigInt(v);
}

/** A `numpy.float32` parameter: any JS number, rounded to float32 (Math.fround) like np.float32(x). */
export function f32(v: unknown, fn: string, p: string): number {
  if (typeof v !== "number") throw new TypeError(`${fn}(): argument '${p}' must be a number (Python numpy.float32), got ${show(v)}`);
  return Math.fround(v);
}

// The narrow NumPy integer types, in the generator's numbering
// (py2wasm/package/signature.py NUMPY_SCALARS): [name, smallest, largest].
const NP_INTS: readonly (readonly [string, number, number])[] = [
  ["int32", -2147483648, 2147483647],
  ["int16", -32768, 32767],
  ["int8", -128, 127],
  ["uint32", 0, 4294967295],
  ["uint16", 0, 65535],
  ["uint8", 0, 255],
];

/**
 * A narrow NumPy integer parameter (`numpy.int16`...; `k` indexes NP_INTS):
 * an integer number within the type's range, passed to the wasm as a
 * BigInt (i64). A non-number or a non-integer is a TypeError, an integer out
 * of range a RangeError (NumPy: OverflowError "Python integer 300 out of
 * bounds for int8").
 */
export function nint(v: unknown, k: number, fn: string, p: string): bigint {
  const [name, lo, hi] = NP_INTS[k]!;
  if (typeof v !== "number" || !Number.isInteger(v)) {
    throw new TypeError(`${fn}(): argument '${p}' must be an integer number (Python numpy.${name}), got ${show(v)}`);
  }
  if (v < lo || v > hi) {
    throw new RangeError(`${fn}(): argument '${p}' = ${v} is out of bounds for numpy.${name} [${lo}, ${hi}]`);
  }
  return BigInt(v);
}

/**
 * A `numpy.uint64` parameter: a non-negative safe integer, passed to the wasm
 * as a BigInt. A non-number or a non-integer is a TypeError; a negative
 * number or one beyond Number.MAX_SAFE_INTEGER a RangeError.
 */
export function u64(v: unknown, fn: string, p: string): bigint {
  if (typeof v !== "number" || !Number.isInteger(v)) {
    throw new TypeError(`${fn}(): argument '${p}' must be an integer number (Python numpy.uint64), got ${show(v)}`);
  }
  if (v < 0 || !Number.isSafeInteger(v)) {
    throw new RangeError(`${fn}(): argument '${p}' = ${v} must be a non-negative safe integer (Python numpy.uint64)`);
  }
  return BigInt(v);
}

/** A Python `bool` parameter: a JS boolean, passed as i32 0/1. */
export function bool(v: unknown, fn: string, p: string): number {
  if (typeof v !== "boolean") throw new TypeError(`${fn}(): argument '${p}' must be a boolean (Python bool), got ${show(v)}`);
  return v ? 1 : 0;
}

/** A Python tuple parameter: an array of exactly `n` items. Returns it. */
export function tup(v: unknown, n: number, fn: string, p: string): readonly unknown[] {
  if (!Array.isArray(v) || v.length !== n) {
    throw new TypeError(`${fn}(): argument '${p}' must be an array of ${n} items (Python tuple), got ${show(v)}`);
  }
  return v;
}

/**
 * A Python NamedTuple parameter: an object with (at least) the fields
 * `names`. Returns it.
 */
export function rec(v: unknown, names: readonly string[], cls: string, fn: string, p: string): object {
  if (typeof v !== "object" || v === null || Array.isArray(v) || names.some((k) => !(k in v))) {
    throw new TypeError(`${fn}(): argument '${p}' must be an object with the fields ${names.join(", ")} (Python ${cls}), got ${show(v)}`);
  }
  return v;
}

/**
 * A Python `int` result (i64, a BigInt from the wasm) as a JS number. Values
 * beyond Number.MAX_SAFE_INTEGER would silently lose precision as numbers,
 * so they throw a RangeError instead; its `value` property holds the exact
 * result as a BigInt.
 */
export function res(v: bigint, fn: string): number {
  if (v > 9007199254740991n || v < -9007199254740991n) {
    const e = new RangeError(`${fn}(): the int result ${v} is outside JavaScript's safe integer range (see the error's \`value\` for the exact BigInt)`);
    (e as RangeError & { value: bigint }).value = v;
    throw e;
  }
  return Number(v);
}

/**
 * An `int` result beyond the safe integer range in the "js" ABI: the wasm
 * returned NaN and left the exact value in `py2wasm_big`. Throws the same
 * RangeError as `res`, with the BigInt in `value`.
 */
export function big(st: State, fn: string, unsigned?: number): never {
  const raw = (st.e!["py2wasm_big"] as WebAssembly.Global).value as bigint;
  const v = unsigned ? BigInt.asUintN(64, raw) : raw; // a numpy.uint64 result: its bits
  const e = new RangeError(`${fn}(): the int result ${v} is outside JavaScript's safe integer range (see the error's \`value\` for the exact BigInt)`);
  (e as RangeError & { value: bigint }).value = v;
  throw e;
}

/**
 * Instances of Python classes crossing by value (frontend/objects.py): `r` is
 * `[value, states]` when the function takes instances `objs` (their final
 * states, copied back into the caller's objects), else the value. An instance
 * in the value is the argument object whose address it has, or a new object;
 * an array holding no instance is kept (a list argument returned is the
 * caller's own array). A list of instances (objstate.ts: `objs` holds the
 * caller's array, the states its list state) is refilled in place; one in
 * the value is that array when the function returned it, else a new one.
 */
export function byval(r: unknown, objs: unknown[] | null): unknown {
  const seen = new Map<number, unknown>();
  let value = r;
  if (objs) {
    const [v, states] = r as [unknown, (InstanceState | ListState)[]];
    restore(objs, states, seen);
    value = v;
  }
  const conv = (v: unknown): unknown => {
    if (isListState(v)) { // a list of instances: the caller's own array when it is an argument
      const own = seen.get(v.__addr__);
      if (own !== undefined) return own;
      const out: unknown[] = [];
      seen.set(v.__addr__, out);
      return fillList(out, v, seen);
    }
    if (Array.isArray(v)) { // the same array when it holds no instance (a list argument returned)
      const out = v.map(conv);
      return out.some((x, i) => x !== v[i]) ? out : v;
    }
    if (v !== null && typeof v === "object" && "__addr__" in v && "__mask__" in v) {
      const st = v as InstanceState;
      let o = seen.get(st.__addr__) as Record<string, unknown> | undefined;
      if (!o) {
        o = {};
        applyState(o, st);
        seen.set(st.__addr__, o);
      }
      return o;
    }
    return v;
  };
  return conv(value);
}
