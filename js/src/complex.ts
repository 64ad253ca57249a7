/**
 * py2wasm's JavaScript runtime: Python `complex` values.
 *
 * Place in the pipeline: a runtime piece (see build.mjs and runtime.ts),
 * inlined into packages whose functions take a complex. A complex crosses
 * the wasm ABI as two f64 values (real, imaginary); in JavaScript it is a
 * `{ re, im }` object (`Complex` in the package's index.d.ts), and results
 * are new plain `{ re, im }` objects.
 */

/** A Python complex seen from JavaScript. */
export interface Complex {
  readonly re: number;
  readonly im: number;
}

function describe(v: unknown): string {
  if (v === null || (typeof v !== "object" && typeof v !== "function")) {
    return typeof v === "string" ? JSON.stringify(v) : typeof v === "bigint" ? `${v}n` : String(v);
  }
  return Array.isArray(v) ? `an array of length ${v.length}` : `a ${typeof v}`;
}

/**
 * A Python `complex` parameter: an object whose `re` and `im` are numbers.
 * Returns it (the wrapper passes `re` and `im` to the wasm).
 */
export function cpx(v: unknown, fn: string, p: string): Complex {
  if (typeof v === "object" && v !== null) {
    const o = v as { re?: unknown; im?: unknown };
    if (typeof o.re === "number" && typeof o.im === "number") return o as Complex;
    throw new TypeError(
      `${fn}(): argument '${p}' must be a complex {re: number, im: number}, got an object ` +
        `whose re is ${describe(o.re)} and im is ${describe(o.im)}`,
    );
  }
  throw new TypeError(`${fn}(): argument '${p}' must be a complex {re: number, im: number}, got ${describe(v)}`);
}
