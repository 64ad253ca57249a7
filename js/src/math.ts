/**
 * Host math functions for the wasm imports from module "math".
 *
 * Place in the pipeline: the last stage (`py2wasm/package/`) inlines the ones
 * a module imports (its manifest's `imports.math`). The ABI asks for C libm
 * semantics (docs/internals.md section 4); the module itself makes Python's
 * checks. JavaScript's Math functions agree with C's on special values except
 * where adapted here. Results of the transcendental functions may differ from
 * CPython's (glibc's) in the last bit: engines use their own implementations.
 */
type F1 = (x: number) => number;
type F2 = (x: number, y: number) => number;

export const exp: F1 = Math.exp;
export const expm1: F1 = Math.expm1;
export const log: F1 = Math.log;
export const log2: F1 = Math.log2;
export const log10: F1 = Math.log10;
export const log1p: F1 = Math.log1p;
export const sin: F1 = Math.sin;
export const cos: F1 = Math.cos;
export const tan: F1 = Math.tan;
export const asin: F1 = Math.asin;
export const acos: F1 = Math.acos;
export const atan: F1 = Math.atan;
export const sinh: F1 = Math.sinh;
export const cosh: F1 = Math.cosh;
export const tanh: F1 = Math.tanh;
export const asinh: F1 = Math.asinh;
export const acosh: F1 = Math.acosh;
export const atanh: F1 = Math.atanh;
export const atan2: F2 = Math.atan2;
/** C hypot of two values (Math.hypot takes any number of arguments). */
export const hypot: F2 = (x, y) => Math.hypot(x, y);
/** C fmod: JavaScript's `%` on numbers is exactly fmod. */
export const fmod: F2 = (x, y) => x % y;
/**
 * C pow: unlike `**`, pow(1, y) is 1 for every y (NaN too) and
 * pow(-1, +-Infinity) is 1.
 */
export const pow: F2 = (x, y) => (x === 1 || (x === -1 && Math.abs(y) === Infinity) ? 1 : x ** y);
