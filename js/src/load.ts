/**
 * Choosing which of a package's builds to load: feature detection with tiny
 * probe modules.
 *
 * Place in the pipeline: the last stage (`py2wasm/package/`). A package can
 * ship several builds of one module (`py2wasm build`: `<module>.wasm`, the
 * baseline, and `<module>.relaxed.wasm` when the relaxed-SIMD build uses
 * relaxed SIMD; py2wasm/package/builds.py). The generated `init()` asks
 * `choose` which one to load; packages with a single build do not include
 * this piece (no probe code). Probing runs `WebAssembly.validate` on a
 * 33- or 35-byte module once per page/process and caches the answer.
 */

/** The instruction set a build needs: "mvp" runs on every wasm engine. */
export type Target = "relaxed-simd" | "simd" | "mvp";

/**
 * One build of a package: where it is (the generated code passes a thunk
 * `() => new URL("./<file>", import.meta.url)`, literal so that bundlers see
 * every file) and its target.
 */
export type Build = readonly [url: unknown, target: Target];

// A module with one function `(param v128) (result v128)` whose body is
// `code`: the type, function and code sections around one instruction.
function probe(code: readonly number[]): Uint8Array<ArrayBuffer> {
  const body = [0, ...code, 11]; // no locals, code, end
  return new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 6, 1, 96, 1, 123, 1, 123, 3, 2, 1, 0, 10, body.length + 2, 1, body.length, ...body]);
}

const PROBES: Partial<Record<Target, readonly number[]>> = {
  // local.get 0, local.get 0, f64x2.add
  simd: [32, 0, 32, 0, 253, 240, 1],
  // local.get 0 (three times), f64x2.relaxed_madd
  "relaxed-simd": [32, 0, 32, 0, 32, 0, 253, 135, 2],
};

const supported: Partial<Record<Target, boolean>> = {};

/** Can this engine run `target`? (WebAssembly.validate on a probe, once.) */
function runs(target: Target): boolean {
  const code = PROBES[target];
  if (!code) return true; // mvp
  return (supported[target] ??= WebAssembly.validate(probe(code)));
}

/**
 * The build `init(source, target)` loads. `builds` are best first; the last
 * one is the baseline (`<module>.wasm`).
 * - no source, no target: the first build this engine can run (probed once);
 *   the baseline if none probes as supported (its load then reports why);
 * - a target: that build (its file, unless a source is given), TypeError if
 *   the package has no build for it;
 * - a source without a target: the source is the baseline build.
 */
export function choose<B extends Build>(builds: readonly B[], source: unknown, target: unknown): B {
  if (target === undefined) {
    return (source === undefined && builds.find((b) => runs(b[1]))) || builds[builds.length - 1]!;
  }
  const b = builds.find((b) => b[1] === target);
  if (!b) {
    throw new TypeError(`init(): target must be one of ${builds.map((b) => JSON.stringify(b[1])).join(", ")}, got ${String(target)}`);
  }
  return b;
}

/**
 * `initSync(source)`: instantiate synchronously from the module's bytes
 * (ArrayBuffer, any TypedArray/DataView, a Node Buffer) or a compiled
 * `WebAssembly.Module`. Anything else (a URL, a Response) is a TypeError
 * pointing to the asynchronous `init`. Browsers refuse synchronous
 * compilation of large modules on the main thread (Chromium: over 8 MB).
 */
export function loadSync(
  imports: WebAssembly.Imports,
  source: unknown,
  st?: { w?: WebAssembly.Module; i?: WebAssembly.Imports },
): WebAssembly.Exports {
  let m: WebAssembly.Module;
  if (source instanceof WebAssembly.Module) m = source;
  else if (source instanceof ArrayBuffer) m = new WebAssembly.Module(source);
  // any view (V8 refuses a DataView itself): its bytes
  else if (ArrayBuffer.isView(source)) m = new WebAssembly.Module(new Uint8Array(source.buffer, source.byteOffset, source.byteLength) as BufferSource);
  else {
    const what = source === null || typeof source !== "object" ? String(source) : `a ${(source as object).constructor?.name ?? "object"}`;
    throw new TypeError(`initSync() needs the .wasm bytes or a WebAssembly.Module, got ${what}; use \`await init(source)\` for a URL or Response`);
  }
  const exports = new WebAssembly.Instance(m, imports).exports;
  // `st`: keep the compiled module and the imports (as `load` does for
  // packages whose memory API re-instantiates the module)
  if (st) (st.w = m), (st.i = imports);
  return exports;
}

/**
 * The bytes of a module inlined in the package as base64 (`--inline-wasm`):
 * `Uint8Array.fromBase64` where the engine has it, else `atob` (every
 * browser, worker, Node 16+, Deno and Bun).
 */
export function b64(text: string): Uint8Array {
  const U = Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array };
  if (typeof U.fromBase64 === "function") return U.fromBase64(text);
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
