/**
 * Python's `format(value, spec)`, `str()` and `repr()` of numbers, for
 * exception messages with run-time values (f-strings in compiled code).
 *
 * Place in the pipeline: the last stage (`py2wasm/package/javascript.py`)
 * inlines `pyfmt` into a package whose exception table has messages with
 * run-time values (`"kinds"`, py2wasm/ir/messages.py). The compiled code
 * stores each value as 64 bits in a `py2wasm_exc_arg<i>` global (an f64 as
 * its bits, a bool as 0/1); `pyfmt` reads it back as the Python object the
 * kind names and formats it exactly as CPython 3.11+ does (a port of
 * Python/pystrtod.c's format_float_short and Python/formatter_unicode.c's
 * number layout; float digits are computed exactly with BigInt, rounding
 * half to even as CPython's dtoa does). The compiler refuses specs CPython
 * rejects for the value's type, so `spec` is always valid here.
 */

import { sread } from "./strings";

interface Spec {
  fill: string;
  align: string;
  sign: string;
  z: boolean;
  alt: boolean;
  width: number;
  group: string;
  prec: number; // -1: none
  type: string;
}

function parseSpec(s: string, defaultAlign: string): Spec {
  let i = 0;
  let fill = " ";
  let align = "";
  let fillGiven = false;
  if (s.length >= 2 && "<>=^".includes(s[1]!)) {
    fill = s[0]!;
    align = s[1]!;
    fillGiven = true;
    i = 2;
  } else if (s.length >= 1 && "<>=^".includes(s[0]!)) {
    align = s[0]!;
    i = 1;
  }
  let sign = "-";
  if (i < s.length && "+- ".includes(s[i]!)) sign = s[i++]!;
  let z = false;
  if (s[i] === "z") {
    z = true;
    i++;
  }
  let alt = false;
  if (s[i] === "#") {
    alt = true;
    i++;
  }
  if (s[i] === "0" && !fillGiven) {
    fill = "0";
    if (!align && defaultAlign === ">") align = "=";
    i++;
  }
  let w = "";
  while (i < s.length && s[i]! >= "0" && s[i]! <= "9") w += s[i++];
  let group = "";
  if (s[i] === "," || s[i] === "_") group = s[i++]!;
  let prec = -1;
  if (s[i] === ".") {
    i++;
    let p = "";
    while (i < s.length && s[i]! >= "0" && s[i]! <= "9") p += s[i++];
    prec = Number(p);
  }
  const type = i < s.length ? s[i]! : "";
  return { fill, align: align || defaultAlign, sign, z, alt, width: w ? Number(w) : -1, group, prec, type };
}

/** Insert `sep` every `n` digits from the right, zero-padding the digits to
 * `minWidth` characters (separators included) as CPython's
 * _PyUnicode_InsertThousandsGrouping does. */
function group(digits: string, n: number, sep: string, minWidth: number): string {
  if (!sep) return digits.padStart(Math.max(minWidth, 1), "0");
  const parts: string[] = [];
  let remaining = digits.length;
  let min = minWidth;
  for (;;) {
    const l = Math.min(n, Math.max(remaining, min, 1));
    const chars = Math.max(0, Math.min(remaining, l));
    const zeros = Math.max(0, l - remaining);
    parts.unshift("0".repeat(zeros) + digits.slice(remaining - chars, remaining));
    remaining -= chars;
    min -= l;
    if (remaining <= 0 && min <= 0) break;
    min -= sep.length;
  }
  return parts.join(sep);
}

/** The layout of a number: padding, sign, prefix, grouped digits, rest. */
function layout(sp: Spec, negative: boolean, prefix: string, digits: string, rest: string, groupSize: number): string {
  const signChar = negative ? "-" : sp.sign === "+" ? "+" : sp.sign === " " ? " " : "";
  const lead = signChar.length + prefix.length;
  const minWidth = sp.fill === "0" && sp.align === "=" ? sp.width - lead - rest.length : 0;
  const sep = sp.group === "," ? "," : sp.group === "_" ? "_" : "";
  const body = digits.length ? group(digits, groupSize, sep, minWidth) : "";
  const pad = sp.width - (lead + body.length + rest.length);
  const fill = (n: number) => (n > 0 ? sp.fill.repeat(n) : "");
  switch (sp.align) {
    case "<":
      return signChar + prefix + body + rest + fill(pad);
    case "^": {
      const left = pad > 0 ? Math.floor(pad / 2) : 0;
      return fill(left) + signChar + prefix + body + rest + fill(pad - left);
    }
    case "=":
      return signChar + prefix + fill(pad) + body + rest;
    default:
      return fill(pad) + signChar + prefix + body + rest;
  }
}

function formatInt(v: bigint, sp: Spec): string {
  const t = sp.type;
  if (t !== "" && "eEfFgG%".includes(t)) return formatFloat(Number(v), sp);
  const neg = v < 0n;
  const a = neg ? -v : v;
  const base = t === "b" ? 2 : t === "o" ? 8 : t === "x" || t === "X" ? 16 : 10;
  let digits = a.toString(base);
  if (t === "X") digits = digits.toUpperCase();
  const prefix = sp.alt && base !== 10 ? "0" + (t === "X" ? "X" : t) : "";
  return layout(sp, neg, prefix, digits, "", base === 10 ? 3 : 4);
}

// --- floats: exact decimal digits ---------------------------------------------------------

const F64 = new Float64Array(1);
const U64 = new BigUint64Array(F64.buffer);

/** |x| = m * 2**e, m an integer (x finite, non-zero). */
function parts(x: number): [bigint, number] {
  F64[0] = Math.abs(x);
  const b = U64[0]!;
  const be = Number(b >> 52n);
  const frac = b & ((1n << 52n) - 1n);
  return be === 0 ? [frac, -1074] : [frac | (1n << 52n), be - 1075];
}

/** round(|x| * 10**q) half to even, exactly. */
function scaled(x: number, q: number): bigint {
  const [m, e] = parts(x);
  let num = m;
  let den = 1n;
  if (q >= 0) num *= 10n ** BigInt(q);
  else den *= 10n ** BigInt(-q);
  if (e >= 0) num <<= BigInt(e);
  else den <<= BigInt(-e);
  const n = num / den;
  const r2 = (num % den) * 2n;
  return r2 > den || (r2 === den && (n & 1n) === 1n) ? n + 1n : n;
}

/** The exponent k with 10**k <= |x| < 10**(k+1). */
function decimalExponent(x: number): number {
  const [m, e] = parts(x);
  let k = Math.floor(Math.log10(Math.abs(x)));
  const cmp = (kk: number): number => {
    // sign of |x| - 10**kk
    let l = m;
    let r = 1n;
    if (e >= 0) l <<= BigInt(e);
    else r <<= BigInt(-e);
    if (kk >= 0) r *= 10n ** BigInt(kk);
    else l *= 10n ** BigInt(-kk);
    return l > r ? 1 : l < r ? -1 : 0;
  };
  while (cmp(k) < 0) k--;
  while (cmp(k + 1) >= 0) k++;
  return k;
}

/** dtoa: digits (no trailing zeros, "0" for zero) and decpt (value =
 * 0.digits * 10**decpt) for mode "r" (shortest), "e"/"g" (`n` significant
 * digits) or "f" (`n` digits after the point). */
function dtoa(x: number, mode: string, n: number): [string, number] {
  if (x === 0) return ["0", 1];
  let digits: string;
  let decpt: number;
  if (mode === "r") {
    // Number::toString: the shortest digits that round-trip, the closest to
    // x among them (ties: even), as David Gay's mode 0 that CPython's repr
    // uses (toExponential() leaves the last digit unspecified)
    const [mant, exp] = String(Math.abs(x)).split("e");
    const [ip, fp] = mant!.split(".");
    digits = ip! + (fp ?? "");
    decpt = ip!.length + Number(exp ?? 0);
    const lead = /^0*/.exec(digits)![0].length;
    digits = digits.slice(lead);
    decpt -= lead;
  } else if (mode === "f") {
    const N = scaled(x, n);
    if (N === 0n) return ["0", 1];
    digits = N.toString();
    decpt = digits.length - n;
  } else {
    let k = decimalExponent(x);
    let N = scaled(x, n - 1 - k);
    if (N.toString().length > n) {
      k += 1;
      N = scaled(x, n - 1 - k);
    }
    digits = N.toString();
    decpt = k + 1;
  }
  digits = digits.replace(/0+$/, "");
  return digits ? [digits, decpt] : ["0", 1];
}

/** PyOS_double_to_string without the sign: (text, negative). */
function doubleToString(x: number, code: string, prec: number, alt: boolean, addDot0: boolean, noNeg0: boolean): [string, boolean] {
  const upper = code === "E" || code === "F" || code === "G";
  let c = code.toLowerCase();
  let negative = x < 0 || Object.is(x, -0);
  if (Number.isNaN(x)) return [upper ? "NAN" : "nan", false];
  if (!Number.isFinite(x)) return [upper ? "INF" : "inf", negative];
  let mode: string;
  let p = prec;
  if (c === "e") {
    mode = "e";
    p += 1;
  } else if (c === "f") mode = "f";
  else if (c === "g") {
    mode = "e";
    if (p === 0) p = 1;
  } else mode = "r";
  const [digits, dp] = dtoa(x, mode, p);
  let decpt = dp;
  const len = digits.length;
  let vend = len;
  let useExp = false;
  if (c === "e") {
    useExp = true;
    vend = p;
  } else if (c === "f") vend = decpt + p;
  else if (c === "g") {
    if (decpt <= -4 || decpt > (addDot0 ? p - 1 : p)) useExp = true;
    if (alt) vend = p;
  } else if (decpt <= -4 || decpt > 16) useExp = true;
  let exp = 0;
  if (useExp) {
    exp = decpt - 1;
    decpt = 1;
  }
  const vstart = decpt <= 0 ? decpt - 1 : 0;
  if (!useExp && addDot0) vend = vend > decpt ? vend : decpt + 1;
  else vend = vend > decpt ? vend : decpt;
  let out = "";
  if (decpt <= 0) out += "0".repeat(decpt - vstart) + "." + "0".repeat(-decpt);
  else out += "0".repeat(-vstart);
  if (0 < decpt && decpt <= len) out += digits.slice(0, decpt) + "." + digits.slice(decpt);
  else out += digits;
  if (len < decpt) out += "0".repeat(decpt - len) + "." + "0".repeat(vend - decpt);
  else out += "0".repeat(vend - len);
  if (out.endsWith(".") && !alt) out = out.slice(0, -1);
  if (useExp) {
    const a = Math.abs(exp);
    out += (upper ? "E" : "e") + (exp < 0 ? "-" : "+") + (a < 10 ? "0" : "") + a;
  }
  if (negative && noNeg0 && /^[0.]*$/.test(out.replace(/[eE].*$/, ""))) negative = false;
  return [out, negative];
}

function formatFloat(x: number, sp: Spec): string {
  let type = sp.type;
  let prec = sp.prec;
  let addDot0 = false;
  let pct = false;
  if (type === "") {
    addDot0 = true;
    type = prec < 0 ? "r" : "g";
  } else if (type === "n") type = "g";
  if (type === "%") {
    type = "f";
    x *= 100;
    pct = true;
  }
  if (prec < 0) prec = type === "r" ? 0 : 6;
  const [text, neg] = doubleToString(x, type, prec, sp.alt, addDot0, sp.z);
  // digits before the first non-digit are grouped; the rest follows as is
  const m = /^[0-9]*/.exec(text)![0];
  return layout(sp, neg, "", m, text.slice(m.length) + (pct ? "%" : ""), 3);
}

function formatStr(s: string, spec: string): string {
  const sp = parseSpec(spec, "<");
  if (sp.prec >= 0) s = s.slice(0, sp.prec);
  const pad = sp.width - s.length;
  if (pad <= 0) return s;
  if (sp.align === ">") return sp.fill.repeat(pad) + s;
  if (sp.align === "^") {
    const left = Math.floor(pad / 2);
    return sp.fill.repeat(left) + s + sp.fill.repeat(pad - left);
  }
  return s + sp.fill.repeat(pad);
}

/** Python's repr of a float. */
function floatRepr(x: number): string {
  return signed(x, "r", 0, true);
}

function signed(x: number, code: string, prec: number, addDot0: boolean): string {
  const [t, neg] = doubleToString(x, code, prec, false, addDot0, false);
  return (neg ? "-" : "") + t;
}

/** NumPy's str of a float32 value: the shortest digits that round-trip
 * through float32, positional for 1e-4 <= |x| < 1e6 (and 0: NumPy's
 * cut-offs for float32), else scientific. */
function float32Str(x: number): string {
  if (!Number.isFinite(x)) return signed(x, "r", 0, true);
  let digits = "0";
  let decpt = 1;
  if (x !== 0) {
    for (let p = 1; p <= 9; p++) {
      const s = Math.abs(x).toPrecision(p);
      if (Math.fround(Number(s)) === Math.abs(x)) {
        const [mant, exp] = Math.abs(x).toExponential(p - 1).split("e");
        digits = mant!.replace(".", "").replace(/0+$/, "") || "0";
        decpt = Number(exp) + 1;
        break;
      }
    }
  }
  const a = Math.abs(x);
  const neg = x < 0 || Object.is(x, -0) ? "-" : "";
  if (a === 0 || (a >= 1e-4 && a < 1e6)) {
    let int: string;
    let frac: string;
    if (decpt <= 0) {
      int = "0";
      frac = "0".repeat(-decpt) + digits;
    } else if (decpt >= digits.length) {
      int = digits + "0".repeat(decpt - digits.length);
      frac = "0";
    } else {
      int = digits.slice(0, decpt);
      frac = digits.slice(decpt);
    }
    return neg + int + "." + frac;
  }
  const e = decpt - 1;
  const mant = digits.length > 1 ? digits[0] + "." + digits.slice(1) : digits;
  return neg + mant + "e" + (e < 0 ? "-" : "+") + (Math.abs(e) < 10 ? "0" : "") + Math.abs(e);
}

/**
 * `format(value, spec)` after the conversion `conv` ("", "s", "r" or "a") of
 * the Python object of message kind `kind` ("int", "float", "bool" or
 * "np.<dtype>") stored in the 64 bits `bits`.
 */
export function pyfmt(kind: string, bits: bigint, conv: string, spec: string): string {
  const np = kind.startsWith("np.") ? kind.slice(3) : "";
  const base = np ? (np === "bool" ? "bool" : np.startsWith("float") ? "float" : "int") : kind;
  let v: bigint | number | boolean;
  if (base === "float") {
    U64[0] = BigInt.asUintN(64, bits);
    v = F64[0]!;
  } else if (base === "bool") v = bits !== 0n;
  else v = np === "uint64" ? BigInt.asUintN(64, bits) : BigInt.asIntN(64, bits);
  if (conv) {
    let s: string;
    if (typeof v === "boolean") s = v ? "True" : "False";
    else if (typeof v === "bigint") s = v.toString();
    else s = np === "float32" ? float32Str(v) : floatRepr(v);
    if (np && conv !== "s") s = np === "bool" ? (v ? "np.True_" : "np.False_") : `np.${np}(${s})`;
    return formatStr(s, spec);
  }
  if (typeof v === "boolean") {
    if (!spec) return v ? "True" : "False";
    v = v ? 1n : 0n;
  }
  if (typeof v === "bigint") return formatInt(v, parseSpec(spec, ">"));
  return formatFloat(v, parseSpec(spec, ">"));
}

// Python's str.isprintable() of one code point (Unicode general categories
// as the JS engine's tables know them; CPython's may be a version apart for
// the newest characters).
const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

function hex(c: number, width: number): string {
  return c.toString(16).padStart(width, "0");
}

/** Python's repr() (`ascii`: ascii()) of a str given as its code points. */
function strRepr(cps: string[], ascii: boolean): string {
  let q = "'";
  if (cps.includes("'") && !cps.includes('"')) q = '"';
  let out = q;
  for (const ch of cps) {
    const c = ch.codePointAt(0)!;
    if (ch === q || ch === "\\") out += "\\" + ch;
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (c < 0x20 || c === 0x7f) out += "\\x" + hex(c, 2);
    else if (c < 0x7f) out += ch;
    else if (!ascii && c !== 0xad && !(c >= 0xd800 && c < 0xe000) && !NOT_PRINTABLE.test(ch)) out += ch;
    else if (c <= 0xff) out += "\\x" + hex(c, 2);
    else if (c <= 0xffff) out += "\\u" + hex(c, 4);
    else out += "\\U" + hex(c, 8);
  }
  return out + q;
}

/**
 * A run-time string of an exception message (message kind "str": `bits`
 * is the address of its block in `memory`), after conversion `conv` ("",
 * "s", "r" or "a") and `format(..., spec)`, counting code points as Python.
 */
export function pystr(memory: WebAssembly.Memory, bits: bigint, conv: string, spec: string): string {
  let cps = Array.from(sread(memory, Number(BigInt.asUintN(32, bits))));
  if (conv === "r" || conv === "a") cps = Array.from(strRepr(cps, conv === "a"));
  const sp = parseSpec(spec, "<");
  if (sp.prec >= 0) cps = cps.slice(0, sp.prec);
  const s = cps.join("");
  const pad = sp.width - cps.length;
  if (pad <= 0) return s;
  if (sp.align === ">") return sp.fill.repeat(pad) + s;
  if (sp.align === "^") {
    const left = Math.floor(pad / 2);
    return sp.fill.repeat(left) + s + sp.fill.repeat(pad - left);
  }
  return s + sp.fill.repeat(pad);
}

/**
 * The host import py2wasm.str_format (IR primitive `str_format`,
 * py2wasm/frontend/strfmt.py): `format(conv(value), spec)` of the value whose
 * 64 bits are `bits`, as described by the str block at `desc`
 * (`kind|conv|spec`, py2wasm/ir/messages.py), written as code points into
 * the str block at `buf` after its length field (which holds the capacity
 * the compiler bounded); returns the number of code points written.
 */
export function sformat(st: { e: unknown }, bits: bigint, desc: number, buf: number): number {
  const memory = (st.e as { memory: WebAssembly.Memory }).memory;
  const d = sread(memory, desc);
  const i = d.indexOf("|");
  const j = d.indexOf("|", i + 1);
  const kind = d.slice(0, i);
  const conv = d.slice(i + 1, j);
  const spec = d.slice(j + 1);
  const text = kind === "str" ? pystr(memory, bits, conv, spec) : pyfmt(kind, bits, conv, spec);
  const cps = Array.from(text, (c) => c.codePointAt(0)!);
  const a = buf >>> 0;
  const u = new Uint32Array(memory.buffer, a, 2);
  if (cps.length > u[0]! || u[1] !== 0) throw new Error("py2wasm.str_format: the text is longer than its buffer (a py2wasm bug)");
  new Uint32Array(memory.buffer, a + 8, cps.length).set(cps);
  return cps.length;
}
