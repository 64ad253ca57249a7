// The playground's Web Worker: imports a compiled module's generated npm
// package entry (index.js, from the server's /api/module/ID/ or the static
// export's modules/NAME/), which loads its wasm itself exactly as it does for
// an npm user (so argument checks, results and Python exceptions behave as in
// the package), and runs it, plus the example's plain-JS twin, off the page's
// thread. The page terminates this worker for Stop.

let wasmExports = null; // the generated package module's namespace
let twin = null; // the example's plain-JS module namespace, or null
let twinFns = new Set(); // the functions whose twin still applies (signature unchanged)
const twinOf = (fn) => (twin && twinFns.has(fn) && typeof twin[fn] === "function" ? twin : null);

async function importText(text) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/javascript" }));
  try {
    return await import(url);
  } finally {
    URL.revokeObjectURL(url);
  }
}

function errorInfo(e) {
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: "Error", message: String(e) };
}

// Time per call: repeat until the batch takes at least `budgetMs`. The
// compiled function and its plain-JS twin are timed by two copies of the
// loop: V8 keeps type feedback per function literal, so one shared loop
// would make the call site polymorphic and slow both down.
function timeIt(f, args, budgetMs = 150) {
  let n = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) f(...args);
    const dt = performance.now() - t0;
    if (dt >= budgetMs || n >= 1 << 26) return { us: (dt * 1000) / n, calls: n };
    n = dt < 1 ? n * 16 : Math.max(n * 2, Math.ceil((n * budgetMs * 1.1) / dt));
  }
}

function timeTwin(f, args, budgetMs = 150) {
  let n = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) f(...args);
    const dt = performance.now() - t0;
    if (dt >= budgetMs || n >= 1 << 26) return { us: (dt * 1000) / n, calls: n };
    n = dt < 1 ? n * 16 : Math.max(n * 2, Math.ceil((n * budgetMs * 1.1) / dt));
  }
}

function runOne(mod, name, args, timing, timer = timeIt) {
  const f = mod[name];
  if (typeof f !== "function") return { error: { name: "Error", message: `no function ${name}` } };
  let value;
  try {
    value = f(...args);
  } catch (e) {
    return { error: errorInfo(e) };
  }
  return { value, timing: timing ? timer(f, args) : null };
}

// The color of escape time n at pixel k.
function paint(px, k, n, maxIter) {
  if (n >= maxIter) {
    px[k] = px[k + 1] = px[k + 2] = 0;
  } else {
    const t = Math.sqrt(n / maxIter);
    px[k] = 255 * t * 0.9;
    px[k + 1] = 255 * Math.min(1, t * 1.6);
    px[k + 2] = 120 + 135 * t;
  }
  px[k + 3] = 255;
}

// One call of `name` per pixel: every call crosses the JS-wasm boundary.
function draw(mod, name, c) {
  const f = mod[name];
  const { width, height, x: [x0, x1], y: [y0, y1], max_iter: maxIter } = c;
  const px = new Uint8ClampedArray(width * height * 4);
  const t0 = performance.now();
  for (let j = 0; j < height; j++) {
    const cy = y1 - ((y1 - y0) * j) / (height - 1);
    for (let i = 0; i < width; i++) paint(px, (j * width + i) * 4, Number(f(x0 + ((x1 - x0) * i) / (width - 1), cy, maxIter)), maxIter);
  }
  return { px, ms: performance.now() - t0 };
}

// One call of `name` for the whole grid ({data, shape} of escape times):
// the loop runs inside the compiled function. Timed on its own (the
// coloring after it is the same for both).
function drawGrid(mod, name, c) {
  const { width, height, x: [x0, x1], y: [y0, y1], max_iter: maxIter } = c;
  const t0 = performance.now();
  const r = mod[name](width, height, x0, x1, y0, y1, maxIter);
  const ms = performance.now() - t0;
  const px = new Uint8ClampedArray(width * height * 4);
  for (let k = 0; k < width * height; k++) paint(px, k * 4, Number(r.data[k]), maxIter);
  return { px, ms };
}

async function loadCompiled({ moduleUrl }) {
  return import(moduleUrl);
}

self.onmessage = async ({ data: m }) => {
  try {
    if (m.type === "load") {
      wasmExports = await loadCompiled(m);
      twin = m.twin ? await importText(m.twin) : null;
      twinFns = new Set(m.twinFns || []);
      self.postMessage({ id: m.id, ok: true });
    } else if (m.type === "run") {
      const wasm = runOne(wasmExports, m.fn, m.args, true);
      let js = null;
      if (twinOf(m.fn) && !wasm.error) js = runOne(twin, m.fn, m.args, true, timeTwin);
      self.postMessage({ id: m.id, ok: true, wasm, js });
    } else if (m.type === "draw") {
      const w = draw(wasmExports, m.fn, m.canvas);
      const j = twinOf(m.fn) ? draw(twin, m.fn, m.canvas) : null;
      let grid = null; // the whole-grid form, when the example has one and it still applies
      if (m.grid && typeof wasmExports[m.grid] === "function") {
        const g = drawGrid(wasmExports, m.grid, m.canvas);
        const gj = twinOf(m.grid) ? drawGrid(twin, m.grid, m.canvas) : null;
        grid = { fn: m.grid, ms: g.ms, jsMs: gj ? gj.ms : null };
      }
      self.postMessage({ id: m.id, ok: true, px: w.px, ms: w.ms, jsMs: j ? j.ms : null, grid }, [w.px.buffer]);
    }
  } catch (e) {
    self.postMessage({ id: m.id, ok: false, error: errorInfo(e) });
  }
};
