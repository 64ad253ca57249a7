// The part of node:assert/strict that memory_cases.mjs uses, for pages in
// headless Chromium (browser_memory.mjs), with the same semantics: strict
// equality by Object.is, deep equality of arrays and plain objects, and
// throws/rejects matchers (an Error class, a RegExp on the error's text,
// an object of expected properties with RegExp or exact values, or a
// validation function).
const show = (v) => {
  try {
    return typeof v === "bigint" ? `${v}n` : JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
};
const fail = (msg, why) => {
  throw new Error(msg ? `${msg} (${why})` : why);
};

function deep(a, b) {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Object.keys(a), kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => deep(a[k], b[k]));
}

function matches(err, expected) {
  if (expected === undefined) return;
  if (typeof expected === "function") {
    if (expected.prototype !== undefined && err instanceof expected) return;
    if (Error.isPrototypeOf(expected) || expected === Error) fail("", `expected ${expected.name}, got ${err}`);
    if (expected(err) !== true) fail("", `the validation function rejected ${err}`);
    return;
  }
  if (expected instanceof RegExp) {
    if (!expected.test(String(err))) fail("", `${err} does not match ${expected}`);
    return;
  }
  for (const [k, v] of Object.entries(expected)) {
    const got = err?.[k];
    if (v instanceof RegExp ? !(typeof got === "string" && v.test(got)) : !Object.is(got, v)) {
      fail("", `error.${k} = ${show(got)}, expected ${v instanceof RegExp ? v : show(v)}`);
    }
  }
}

export const assert = {
  ok(v, msg) {
    if (!v) fail(msg, `${show(v)} is not truthy`);
  },
  equal(a, b, msg) {
    if (!Object.is(a, b)) fail(msg, `${show(a)} !== ${show(b)}`);
  },
  notEqual(a, b, msg) {
    if (Object.is(a, b)) fail(msg, `${show(a)} === ${show(b)}`);
  },
  deepEqual(a, b, msg) {
    if (!deep(a, b)) fail(msg, `${show(a)} is not deeply equal to ${show(b)}`);
  },
  throws(fn, expected, msg) {
    try {
      fn();
    } catch (e) {
      matches(e, expected);
      return;
    }
    fail(msg, "missing expected exception");
  },
  async rejects(p, expected, msg) {
    try {
      await (typeof p === "function" ? p() : p);
    } catch (e) {
      matches(e, expected);
      return;
    }
    fail(msg, "missing expected rejection");
  },
};
