// The host math functions follow C libm where JavaScript's Math differs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { math } from "./pieces.mjs";

test("every import the backend may ask for is supplied (ir/primitives.py MATH_UNARY + MATH_BINARY)", () => {
  const unary = ["exp", "expm1", "log", "log2", "log10", "log1p", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh"];
  const binary = ["pow", "atan2", "hypot", "fmod"];
  assert.deepEqual(Object.keys(math).sort(), [...unary, ...binary].sort());
});

test("pow has C semantics: pow(1, y) = 1 and pow(-1, +-inf) = 1", () => {
  assert.equal(math.pow(1, NaN), 1);
  assert.equal(math.pow(1, Infinity), 1);
  assert.equal(math.pow(-1, Infinity), 1);
  assert.equal(math.pow(-1, -Infinity), 1);
  assert.equal(math.pow(NaN, 0), 1);
  assert.equal(math.pow(2, 10), 1024);
  assert.equal(math.pow(-8, 1 / 3), NaN);
  assert.equal(math.pow(0, -1), Infinity);
  assert.equal(Object.is(math.pow(-0, 3), -0), true);
});

test("fmod is C fmod (sign of the dividend), hypot takes two arguments", () => {
  assert.equal(math.fmod(-7, 3), -1);
  assert.equal(math.fmod(7, -3), 1);
  assert.equal(Object.is(math.fmod(-6, 3), -0), true);
  assert.equal(math.fmod(5, Infinity), 5);
  assert.equal(Number.isNaN(math.fmod(1, 0)), true);
  assert.equal(math.hypot(3, 4), 5);
  assert.equal(math.hypot(Infinity, NaN), Infinity);
});
