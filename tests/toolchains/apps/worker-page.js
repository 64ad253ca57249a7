// A page that computes in a module Worker (bundled by Vite as its default
// worker format) and hands the worker's answer to the browser driver.
const w = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
w.onmessage = (e) => { document.body.textContent = JSON.stringify(e.data); window.__result = e.data; };
w.onerror = (e) => { window.__result = { error: String(e.message) }; };
