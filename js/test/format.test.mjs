// The str_format host import (`sformat`, src/format.ts): a field formatted
// into a str block of linear memory, as CPython's format() writes it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { rt } from "./pieces.mjs";

function block(u32, at, text, cap) {
  const cps = Array.from(text, (c) => c.codePointAt(0));
  u32[at / 4] = cap ?? cps.length;
  u32[at / 4 + 1] = 0;
  cps.forEach((c, i) => { u32[at / 4 + 2 + i] = c; });
}

function format(bits, desc, cap = 64) {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const u32 = new Uint32Array(memory.buffer);
  block(u32, 16, desc);
  block(u32, 512, "", cap);
  block(u32, 1024, "it's é\u{1F600}");
  const n = rt.sformat({ e: { memory } }, bits, 16, 512);
  return String.fromCodePoint(...u32.subarray(512 / 4 + 2, 512 / 4 + 2 + n));
}

const f64 = new Float64Array(1);
const u64 = new BigInt64Array(f64.buffer);
const bitsOf = (x) => { f64[0] = x; return u64[0]; };

test("floats: repr, exact fixed and exponent digits, specs", () => {
  assert.equal(format(bitsOf(0.1), "float||"), "0.1");
  assert.equal(format(bitsOf(1e16), "float|r|"), "1e+16");
  assert.equal(format(bitsOf(-0.0), "float||"), "-0.0");
  assert.equal(format(bitsOf(1e-5), "float||"), "1e-05");
  assert.equal(format(bitsOf(2.675), "float||.2f"), "2.67");
  assert.equal(format(bitsOf(5e-324), "float||.3e"), "4.941e-324");
  assert.equal(format(bitsOf(1234567.5), "float||_>+16,.1f"), "____+1,234,567.5");
  assert.equal(format(bitsOf(0.5), "float||.0%"), "50%");
});

test("ints, bools and strs", () => {
  assert.equal(format(-255n, "int||#x"), "-0xff");
  assert.equal(format(10n ** 12n, "int||,"), "1,000,000,000,000");
  assert.equal(format(1n, "bool||>6"), "     1");  // int.__format__ with a spec
  assert.equal(format(1024n, "str|r|>12"), `   "it's é\u{1F600}"`);
});

test("a text longer than its buffer is refused (a compiler bug, never written past)", () => {
  assert.throws(() => format(bitsOf(1e300), "float||.3f", 20), /longer than its buffer/);
});
