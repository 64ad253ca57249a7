// The playground page: CodeMirror editor, examples menu, compile through the
// local server (or precompiled results in a static export), per-function
// forms built from the manifest, runs in a Web Worker, output tabs.
import { EditorView, basicSetup } from "codemirror";
import { python } from "@codemirror/lang-python";
import { setDiagnostics, lintGutter } from "@codemirror/lint";
import { keymap } from "@codemirror/view";
import { Prec } from "@codemirror/state";
import { agrees, isArrayType, parseValue, pyRepr, typeName, randomArray } from "./format.js";

const $ = (id) => document.getElementById(id);
const token = new URLSearchParams(location.search).get("token");
const state = {
  mode: token ? "live" : "static",
  examples: [],
  current: null, // the selected example
  compiled: null, // the last successful compile result
  worker: null,
  workerLoaded: null, // Promise resolved once the worker holds `compiled`
  nextId: 1,
  pending: new Map(),
  keep: new Set(), // functions of the example whose signature the edited code kept
};
const DRAFT_KEY = "py2wasm-playground-draft";
const edited = () => !!state.current && source() !== state.current.source;

// ---------------------------------------------------------------- editor
const view = new EditorView({
  parent: $("editor"),
  extensions: [
    basicSetup,
    python(),
    lintGutter(),
    EditorView.lineWrapping,
    EditorView.contentAttributes.of({ "aria-label": "Python source code" }),
    Prec.highest(keymap.of([{ key: "Mod-Enter", run: () => { compile(); return true; } }])),
    EditorView.updateListener.of((u) => { if (u.docChanged) onEdit(); }),
  ],
});

// ---------------------------------------------------------------- drafts
// The editor's text survives a reload (localStorage, this browser only); the
// example menu says when its example was edited, and Revert restores it.
let saveTimer = 0;
function onEdit() {
  if (!state.current) return;
  const opt = [...$("example").options].find((o) => o.value === state.current.name);
  if (opt) opt.textContent = state.current.title + (edited() ? " (edited)" : "");
  $("revert").hidden = !edited();
  clearTimeout(saveTimer);
  saveTimer = setTimeout(saveDraft, 250);
}
function saveDraft() {
  // the selected example, and the code only when it differs from the example's
  try {
    localStorage.setItem(DRAFT_KEY, JSON.stringify({ example: state.current.name, source: edited() ? source() : null }));
  } catch { /* storage unavailable (private mode, file:): nothing to keep */ }
}
function loadDraft() {
  try {
    const d = JSON.parse(localStorage.getItem(DRAFT_KEY) || "null");
    return d && typeof d.example === "string" && (d.source === null || typeof d.source === "string") ? d : null;
  } catch { return null; }
}

function setSource(text) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  view.dispatch(setDiagnostics(view.state, []));
}
const source = () => view.state.doc.toString();

function markError(err) {
  if (!err.line || err.line < 1 || err.line > view.state.doc.lines) {
    view.dispatch(setDiagnostics(view.state, []));
    return;
  }
  const line = view.state.doc.line(err.line);
  let from = line.from + Math.max(0, (err.col || 1) - 1);
  if (from >= line.to) from = line.from + (line.text.length - line.text.trimStart().length);
  const to = Math.max(from + 1, line.to);
  const message = err.message + (err.hint ? `\nhint: ${err.hint}` : "");
  view.dispatch(setDiagnostics(view.state, [{ from, to: Math.min(to, view.state.doc.length), severity: "error", message, source: err.code || "py2wasm" }]));
}

function goToLine(n) {
  const line = view.state.doc.line(n);
  view.dispatch({ selection: { anchor: line.from }, scrollIntoView: true });
  view.focus();
}

// ---------------------------------------------------------------- status
function status(text) { $("status").textContent = text; }

function showError(err) {
  const box = $("error");
  box.replaceChildren();
  if (!err) { box.hidden = true; return; }
  box.hidden = false;
  const where = err.line ? `line ${err.line}${err.col ? `, column ${err.col}` : ""}: ` : "";
  const title = { compile: "CompileError", timeout: "Compile stopped", crash: "Compile crashed", limit: "Limit",
    internal: "Internal error", forbidden: "Refused", static: "Static playground", busy: "Busy",
    unreachable: "Server not running", restarted: "Server restarted", file: "Opened as a file" }[err.kind] || "Error";
  const head = document.createElement("strong");
  head.textContent = `${title}${err.code ? ` [${err.code}]` : ""}: `;
  box.append(head, `${where}${err.message}`);
  if (err.source_line) box.append(`\n    ${err.source_line.trim()}`);
  if (err.hint) box.append(`\nhint: ${err.hint}`);
  if (err.line) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = `Go to line ${err.line}`;
    b.onclick = () => goToLine(err.line);
    box.append("\n", b);
  }
}

// ---------------------------------------------------------------- tabs
const tabs = [...document.querySelectorAll('[role="tab"]')];
function selectTab(tab, focus = false) {
  for (const t of tabs) {
    const on = t === tab;
    t.setAttribute("aria-selected", String(on));
    t.tabIndex = on ? 0 : -1;
    $(t.getAttribute("aria-controls")).hidden = !on;
  }
  if (focus) tab.focus();
}
tabs.forEach((t, i) => {
  t.addEventListener("click", () => selectTab(t));
  t.addEventListener("keydown", (e) => {
    const d = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
    if (d) { selectTab(tabs[(i + d + tabs.length) % tabs.length], true); e.preventDefault(); }
    if (e.key === "Home") { selectTab(tabs[0], true); e.preventDefault(); }
    if (e.key === "End") { selectTab(tabs[tabs.length - 1], true); e.preventDefault(); }
  });
});

function fillTabs(r) {
  $("panel-ir").textContent = r ? r.ir : "";
  $("panel-wat").textContent = r ? r.wat : "";
  $("panel-dts").textContent = r ? r.dts : "";
  const size = $("panel-size");
  size.replaceChildren();
  if (r) {
    const rows = [["wasm module", r.size], ["wasm, gzip -9", r.size_gzip], ["generated JS", r.js_size],
      ["TypeScript declarations", new TextEncoder().encode(r.dts).length]];
    const table = document.createElement("table");
    table.className = "size";
    table.innerHTML = "<caption class=visually-hidden>Sizes in bytes</caption><tr><th scope=col>part</th><th scope=col>bytes</th></tr>";
    for (const [k, v] of rows) {
      if (v === undefined || v === null) continue;
      const tr = table.insertRow();
      tr.insertCell().textContent = k;
      const td = tr.insertCell();
      td.className = "num";
      td.textContent = String(v);
      if (k === "wasm module") td.id = "size-bytes";
    }
    size.append(table);
    if (r.timings_ms) {
      const p = document.createElement("p");
      p.className = "timing";
      p.textContent = `compile: frontend ${r.timings_ms.frontend} ms, backend ${r.timings_ms.backend} ms`;
      size.append(p);
    }
  }
}

// ---------------------------------------------------------------- worker
function worker() {
  if (!state.worker) {
    state.worker = new Worker(new URL("worker.js", import.meta.url), { type: "module" });
    state.worker.onmessage = ({ data }) => {
      const p = state.pending.get(data.id);
      if (p) { state.pending.delete(data.id); p(data); }
    };
    state.workerLoaded = null;
  }
  return state.worker;
}

function ask(msg, transfer = []) {
  const id = state.nextId++;
  return new Promise((resolve) => {
    state.pending.set(id, resolve);
    worker().postMessage({ ...msg, id }, transfer);
  });
}

async function ensureLoaded() {
  worker();
  if (!state.workerLoaded) {
    const r = state.compiled;
    const twin = state.current && state.keep.size ? state.current.js : null;
    state.workerLoaded = ask({ type: "load", moduleUrl: new URL(r.module_url, location.href).href, twin,
      twinFns: [...state.keep] });
  }
  const res = await state.workerLoaded;
  if (!res.ok) throw Object.assign(new Error(res.error.message), { name: res.error.name });
}

function resetWorker() {
  if (state.worker) state.worker.terminate();
  state.worker = null;
  state.workerLoaded = null;
  for (const p of state.pending.values()) p({ ok: false, stopped: true, error: { name: "Stopped", message: "stopped" } });
  state.pending.clear();
}

let busy = 0;
function running(on) {
  busy += on ? 1 : -1;
  $("stop-box").hidden = busy === 0;
  for (const b of document.querySelectorAll("button.run, #draw")) b.disabled = busy > 0;
}
$("stop").addEventListener("click", () => {
  resetWorker();
  status("Stopped: the worker was terminated; the next run starts a new one.");
});

// ---------------------------------------------------------------- forms
function fmtTime(us) {
  if (us >= 1000) return `${(us / 1000).toFixed(us >= 100000 ? 0 : 2)} ms`;
  if (us >= 1) return `${us.toFixed(us >= 100 ? 0 : 2)} µs`;
  return `${(us * 1000).toFixed(1)} ns`;
}

function paramInput(fn, p, i, initial) {
  const row = document.createElement("div");
  row.className = "param";
  const id = `arg-${fn.name}-${i}`;
  const label = document.createElement("label");
  label.htmlFor = id;
  label.textContent = `${p.name}: ${typeName(p.type)}`;
  row.append(label);
  const input = document.createElement("input");
  input.id = id;
  input.dataset.param = p.name;
  if (p.type === "bool") {
    input.type = "checkbox";
    input.checked = /^(true|1)$/i.test(initial || "");
    row.append(input);
    return { row, read: () => input.checked };
  }
  input.type = "text";
  input.inputMode = p.type === "int" ? "numeric" : "text";
  input.autocomplete = "off";
  input.spellcheck = false;
  input.value = initial ?? (p.type === "int" ? "0" : p.type === "float" ? "0.0" : "");
  row.append(input);
  const what = `${fn.name}(): ${p.name}`;
  if (isArrayType(p.type)) {
    const ndim = p.type.ndim ?? 1;
    input.placeholder = "comma-separated values";
    const n = document.createElement("input");
    n.type = "text"; n.value = ndim === 1 ? "1000" : Array(ndim).fill("10").join(", ");
    n.className = "gen-size"; n.id = `${id}-size`; n.inputMode = "numeric";
    const nl = document.createElement("label");
    nl.htmlFor = n.id; nl.textContent = ndim === 1 ? "size" : "shape"; nl.style.minWidth = "auto";
    const gen = document.createElement("button");
    gen.type = "button"; gen.textContent = "Generate random";
    let generated = null;
    const readShape = () => {
      const shape = n.value.split(",").map((x) => Number(x.trim()));
      if (shape.length !== ndim || shape.some((x) => !Number.isInteger(x) || x < 0)) {
        throw new Error(`${what}: the ${ndim === 1 ? "size" : "shape"} must be ${ndim} non-negative int(s)`);
      }
      return shape;
    };
    gen.onclick = () => {
      let shape;
      try { shape = readShape(); } catch (e) { input.value = ""; input.placeholder = e.message; return; }
      generated = randomArray(p.type, shape.reduce((a, b) => a * b, 1));
      if (ndim > 1) generated = { data: generated, shape };
      input.value = `(${shape.join("×")} random values)`;
    };
    input.addEventListener("input", () => { generated = null; });
    row.append(nl, n, gen);
    return {
      row,
      read: () => {
        if (generated) return generated;
        const data = parseValue(input.value, p.type, what);
        if (ndim === 1) return data;
        const shape = readShape();
        if (shape.reduce((a, b) => a * b, 1) !== data.length) throw new Error(`${what}: ${data.length} values do not fill shape (${shape.join(", ")})`);
        return { data, shape };
      },
    };
  }
  if (p.type && p.type.tuple) input.placeholder = "comma-separated values";
  return { row, read: () => parseValue(input.value, p.type, what) };
}

function buildForms(r) {
  const box = $("functions");
  box.replaceChildren();
  const defaults = (state.current && state.current.args) || {};
  for (const fn of r.manifest.functions) {
    const fs = document.createElement("fieldset");
    fs.className = "fn";
    fs.dataset.fn = fn.name;
    const lg = document.createElement("legend");
    lg.textContent = `${fn.name}(${fn.params.map((p) => `${p.name}: ${typeName(p.type)}`).join(", ")}) -> ${typeName(fn.result)}`;
    fs.append(lg);
    if (fn.doc) {
      const d = document.createElement("p");
      d.className = "doc";
      d.textContent = fn.doc;
      fs.append(d);
    }
    const preset = state.keep.has(fn.name) ? defaults[fn.name] || [] : [];
    const inputs = fn.params.map((p, i) => paramInput(fn, p, i, preset[i]));
    const form = document.createElement("form");
    for (const x of inputs) form.append(x.row);
    const run = document.createElement("button");
    run.type = "submit";
    run.className = "run";
    run.textContent = `Run ${fn.name}`;
    const out = document.createElement("div");
    out.className = "result";
    out.setAttribute("aria-live", "polite");
    form.append(run, out);
    form.addEventListener("submit", (e) => { e.preventDefault(); runFunction(fn, inputs, out); });
    fs.append(form);
    box.append(fs);
  }
  const canvas = state.current && state.current.canvas;
  $("canvas-box").hidden = !(canvas && state.keep.has(canvas.function));
}

async function runFunction(fn, inputs, out) {
  out.className = "result";
  let args;
  try {
    args = inputs.map((x) => x.read());
  } catch (e) {
    out.className = "result error";
    out.textContent = e.message;
    return;
  }
  out.textContent = "running…";
  running(true);
  try {
    await ensureLoaded();
    const res = await ask({ type: "run", fn: fn.name, args });
    if (res.stopped) { out.textContent = "stopped"; return; }
    if (!res.ok) throw Object.assign(new Error(res.error.message), { name: res.error.name });
    out.replaceChildren();
    const v = document.createElement("span");
    v.className = "value";
    if (res.wasm.error) {
      out.className = "result error";
      v.textContent = `${res.wasm.error.name}: ${res.wasm.error.message}`;
      out.append(v);
      return;
    }
    v.textContent = pyRepr(res.wasm.value, fn.result);
    out.append("→ ", v);
    const t = document.createElement("div");
    t.className = "timing";
    let text = `wasm: ${fmtTime(res.wasm.timing.us)} per call (${res.wasm.timing.calls} calls)`;
    if (res.js && !res.js.error) {
      text += ` · plain JS: ${fmtTime(res.js.timing.us)} per call`;
      const jsv = pyRepr(res.js.value, fn.result);
      if (!agrees(res.js.value, res.wasm.value)) text += ` (JS twin returned ${jsv})`;
    } else if (res.js && res.js.error) {
      text += ` · plain JS twin threw ${res.js.error.name}: ${res.js.error.message}`;
    }
    t.textContent = text;
    out.append(t);
    if (res.js && !res.js.error && res.js.timing.us < res.wasm.timing.us) out.append(boundaryNote(fn.name));
  } catch (e) {
    out.className = "result error";
    out.textContent = `${e.name}: ${e.message}`;
  } finally {
    running(false);
  }
}

// Why a plain-JS twin can beat wasm on a small function called from a JS
// loop: the call boundary (shown under such timings).
function boundaryNote(name) {
  const p = document.createElement("div");
  p.className = "timing note";
  const grid = state.current && state.current.canvas && state.current.canvas.grid;
  const whole = grid && grid !== name && state.keep.has(grid) ? ` (like ${grid} here)` : "";
  p.textContent = "Why plain JS wins here: V8 inlines the JS function into the timing loop, while every call " +
    "into wasm crosses the JS–wasm boundary (a few ns, plus copying array arguments in and results out), " +
    "which a small function cannot earn back. Put the loop inside the compiled function" + whole +
    " and one call does all the work at wasm speed.";
  return p;
}

$("draw").addEventListener("click", async () => {
  const c = state.current.canvas;
  const cv = $("canvas");
  cv.width = c.width; cv.height = c.height;
  $("draw-time").textContent = "drawing…";
  running(true);
  try {
    await ensureLoaded();
    const grid = c.grid && state.keep.has(c.grid) ? c.grid : null;
    const res = await ask({ type: "draw", fn: c.function, canvas: c, grid });
    if (res.stopped) { $("draw-time").textContent = "stopped"; return; }
    if (!res.ok) throw Object.assign(new Error(res.error.message), { name: res.error.name });
    cv.getContext("2d").putImageData(new ImageData(res.px, c.width, c.height), 0, 0);
    let text = `${c.width}×${c.height} pixels: wasm ${res.ms.toFixed(1)} ms` +
      (res.jsMs !== null ? `, plain JS ${res.jsMs.toFixed(1)} ms` : "") + ` (${c.function}, one call per pixel)`;
    if (res.grid) {
      text += ` · whole grid in one call (${res.grid.fn}): wasm ${res.grid.ms.toFixed(1)} ms` +
        (res.grid.jsMs !== null ? `, plain JS ${res.grid.jsMs.toFixed(1)} ms` : "");
    }
    $("draw-time").textContent = text;
  } catch (e) {
    $("draw-time").textContent = `${e.name}: ${e.message}`;
  } finally {
    running(false);
  }
});

// ---------------------------------------------------------------- compile
const STATIC_REFUSAL = { ok: false, error: { kind: "static", message: "this is a static copy of the playground with the examples precompiled; compiling edited code (or another -O level) needs the live server.", hint: "pip install py2wasm-numeric, then run `py2wasm playground` and open the URL it prints" } };

// What a failed request means for the user: a stopped server, a restarted one
// (its new token differs from this page's), a busy one, or the answer itself.
function serverTrouble(e, resp, body) {
  const kept = "your code is kept in this browser";
  if (!resp) {
    return { kind: "unreachable", message: `cannot reach the playground server (${e.message}): it is not running any more`, hint: `start \`py2wasm playground\` again and open the URL it prints; ${kept}` };
  }
  if (resp.status === 403 && body && /wrong token/.test(body.error?.message || "")) {
    return { kind: "restarted", message: "this page belongs to an earlier run of the playground server: it was restarted and has a new secret token", hint: `open the URL that \`py2wasm playground\` printed this time; ${kept}` };
  }
  if (body && body.error) return body.error;
  return { kind: "internal", message: `the server answered HTTP ${resp.status}` };
}

async function serverRequest(url, init) {
  let resp = null;
  let body = null;
  try {
    resp = await fetch(url, init);
    body = await resp.json().catch(() => null);
  } catch (e) {
    return { ok: false, error: serverTrouble(e, resp, body) };
  }
  if (!resp.ok || !body) return { ok: false, error: serverTrouble(null, resp, body) };
  return body;
}

function compileRequest(text, filename, opt, rid) {
  return serverRequest("api/compile", {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Py2wasm-Token": token, "X-Py2wasm-Request": rid },
    body: JSON.stringify({ source: text, filename, opt }),
  });
}

// While a compile waits for a free slot, say where it stands.
function watchQueue(rid) {
  const box = $("queue");
  let stop = false;
  (async () => {
    while (!stop) {
      await new Promise((r) => setTimeout(r, 400));
      if (stop) break;
      const q = await serverRequest(`api/queue?id=${rid}&token=${encodeURIComponent(token)}`);
      if (stop || !q || q.ok === false) continue;
      box.textContent = q.state === "waiting"
        ? `Queued: ${q.ahead} compile${q.ahead === 1 ? "" : "s"} ahead of yours, ${q.running} running (the server compiles ${q.slots} at a time).`
        : "";
    }
  })();
  return () => { stop = true; box.textContent = ""; };
}

async function requestCompile() {
  if (state.mode === "static") {
    const ex = state.current;
    if (ex && ex.compiled && source() === ex.source && $("opt").value === "O3") return ex.compiled;
    return STATIC_REFUSAL;
  }
  const rid = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, "0")).join("");
  const filename = state.current && !edited() ? state.current.filename : "main.py";
  const done = watchQueue(rid);
  try {
    return await compileRequest(source(), filename, $("opt").value, rid);
  } finally {
    done();
  }
}

const signature = (fn) => `${fn.name}(${fn.params.map((p) => `${p.name}: ${typeName(p.type)}`).join(", ")}) -> ${typeName(fn.result)}`;
const signatures = (manifest) => new Map(manifest.functions.map((f) => [f.name, signature(f)]));

// The signatures of the example as shipped: from its precompiled result, or
// compiled once (in the background) the first time an edited copy needs them.
async function exampleSignatures(ex) {
  if (!ex.signatures) {
    ex.signatures = ex.compiled && ex.compiled.ok
      ? Promise.resolve(signatures(ex.compiled.manifest))
      : compileRequest(ex.source, ex.filename, "O0", "pristine").then((r) => (r.ok ? signatures(r.manifest) : new Map()));
  }
  return ex.signatures;
}

// Which of the example's extras (JS twin, preset inputs, canvas) still apply:
// those of every function whose signature the edited code kept.
async function keptFunctions(r) {
  const ex = state.current;
  const now = signatures(r.manifest);
  if (!ex) return { keep: new Set(), dropped: [] };
  if (!edited()) return { keep: new Set(now.keys()), dropped: [] };
  const was = await exampleSignatures(ex);
  const keep = new Set([...now.keys()].filter((n) => was.get(n) === now.get(n)));
  const extras = new Set([...Object.keys(ex.args || {}), ...(ex.canvas ? [ex.canvas.function, ex.canvas.grid] : [])]);
  const dropped = [...was.keys()].filter((n) => !keep.has(n) && (extras.has(n) || ex.js));
  return { keep, dropped };
}

async function compile() {
  resetWorker();
  state.compiled = null;
  $("compile").disabled = true;
  status("Compiling…");
  const t0 = performance.now();
  let r;
  try {
    r = await requestCompile();
  } finally {
    $("compile").disabled = false;
  }
  $("panel-log").textContent = r.log || "";
  if (!r.ok) {
    showError(r.error);
    markError(r.error);
    fillTabs(null);
    $("functions").replaceChildren();
    $("canvas-box").hidden = true;
    status(r.error.kind === "compile" ? "Compile error." : "Not compiled.");
    return;
  }
  const { keep, dropped } = await keptFunctions(r);
  state.keep = keep;
  state.compiled = r;
  showError(null);
  markError({});
  fillTabs(r);
  buildForms(r);
  const n = r.manifest.functions.length;
  let text = `Compiled ${n} function${n === 1 ? "" : "s"}: ${r.size} bytes of wasm (${Math.round(performance.now() - t0)} ms).`;
  if (dropped.length) {
    text += ` The example's JS twin and preset inputs of ${dropped.join(", ")} no longer apply: ${dropped.length === 1 ? "its" : "their"} signature changed or ${dropped.length === 1 ? "it is" : "they are"} gone.`;
  }
  status(text);
}
$("compile").addEventListener("click", compile);

// ---------------------------------------------------------------- examples
function pickExample(name, draft = null) {
  const ex = state.examples.find((e) => e.name === name);
  state.current = ex;
  state.keep = new Set();
  $("example").value = name;
  setSource(draft ?? ex.source);
  onEdit();
  resetWorker();
  state.compiled = null;
  showError(null);
  fillTabs(null);
  $("functions").replaceChildren();
  $("canvas-box").hidden = true;
  status(draft !== null && edited()
    ? `Example ${ex.title}, with your edits restored from this browser: press Compile (Ctrl+Enter); Revert restores the example.`
    : `Example ${ex.title}: press Compile (Ctrl+Enter).`);
}

async function start() {
  const url = state.mode === "live" ? `api/examples?token=${encodeURIComponent(token)}` : "examples.json";
  const data = await serverRequest(url);
  if (data.ok === false || !Array.isArray(data.examples)) {
    const err = data.error || { kind: "internal", message: `${url}: no examples in the answer` };
    showError(err);
    status(`Cannot load the examples: ${err.message}.`);
    return;
  }
  state.mode = data.mode || state.mode;
  state.examples = data.examples;
  const sel = $("example");
  for (const ex of state.examples) sel.add(new Option(ex.title, ex.name));
  sel.addEventListener("change", () => { pickExample(sel.value); saveDraft(); });
  $("revert").addEventListener("click", () => { pickExample(state.current.name); saveDraft(); });
  const draft = loadDraft();
  if (draft && state.examples.some((e) => e.name === draft.example)) pickExample(draft.example, draft.source);
  else pickExample(state.examples[0].name);
  document.body.dataset.mode = state.mode;
  document.body.dataset.ready = "1";
}
start();
