// Argument checks and result conversions of the runtime pieces.
import { test } from "node:test";
import assert from "node:assert/strict";
import { rt } from "./pieces.mjs";

test("flt accepts every number and rejects the rest naming function and parameter", () => {
  for (const v of [0, -0, 1.5, NaN, Infinity, -Infinity, 2 ** 60]) assert.equal(Object.is(rt.flt(v, "f", "x"), v), true);
  for (const [v, shown] of [["1", '"1"'], [1n, "1n"], [true, "true"], [null, "null"], [undefined, "undefined"], [[1], "an array of length 1"], [{}, "an object"], [() => 1, "a function"]]) {
    assert.throws(() => rt.flt(v, "fma", "y"), { name: "TypeError", message: `fma(): argument 'y' must be a number (Python float), got ${shown}` });
  }
});

test("int converts safe integers to BigInt, TypeError for non-integers, RangeError beyond 2**53-1", () => {
  assert.equal(rt.int(3, "f", "n"), 3n);
  assert.equal(rt.int(-0, "f", "n"), 0n);
  assert.equal(rt.int(Number.MAX_SAFE_INTEGER, "f", "n"), 9007199254740991n);
  assert.equal(rt.int(-Number.MAX_SAFE_INTEGER, "f", "n"), -9007199254740991n);
  for (const v of [1.5, NaN, Infinity, "3", 3n, true]) {
    assert.throws(() => rt.int(v, "floordiv", "b"), (e) => e instanceof TypeError && /^floordiv\(\): argument 'b' must be an integer number \(Python int\), got /.test(e.message));
  }
  for (const v of [2 ** 53, -(2 ** 53), 1e300]) {
    assert.throws(() => rt.int(v, "floordiv", "a"), (e) => e instanceof RangeError && e.message.startsWith(`floordiv(): argument 'a' = ${v} is not a safe integer`));
  }
});

test("bool accepts booleans only and passes 0/1", () => {
  assert.equal(rt.bool(true, "f", "b"), 1);
  assert.equal(rt.bool(false, "f", "b"), 0);
  for (const v of [0, 1, "true", null]) assert.throws(() => rt.bool(v, "f", "flag"), { name: "TypeError", message: /^f\(\): argument 'flag' must be a boolean/ });
});

test("tup checks array and length", () => {
  const a = [1, 2];
  assert.equal(rt.tup(a, 2, "f", "p"), a);
  assert.throws(() => rt.tup([1], 2, "f", "p"), { name: "TypeError", message: "f(): argument 'p' must be an array of 2 items (Python tuple), got an array of length 1" });
  assert.throws(() => rt.tup(1, 2, "f", "p[1]"), { name: "TypeError", message: /argument 'p\[1\]' must be an array of 2 items/ });
});

test("argc names the function and its parameters", () => {
  assert.throws(() => rt.argc(2, "fma", ["x", "y", "z"]), { name: "TypeError", message: "fma(x, y, z) takes 3 arguments, got 2" });
  assert.throws(() => rt.argc(1, "g", ["x"]), { name: "TypeError", message: "g(x) takes 1 argument, got 1" });
  assert.throws(() => rt.argc(1, "h", []), { name: "TypeError", message: "h() takes 0 arguments, got 1" });
});

test("res: i64 results within the safe range become numbers, beyond it a RangeError carrying the BigInt", () => {
  assert.equal(rt.res(5n, "f"), 5);
  assert.equal(rt.res(-9007199254740991n, "f"), -9007199254740991);
  for (const v of [9007199254740992n, -9007199254740992n, 9223372036854775807n]) {
    assert.throws(() => rt.res(v, "big"), (e) => e instanceof RangeError && e.value === v && e.message.startsWith(`big(): the int result ${v} is outside`));
  }
});
