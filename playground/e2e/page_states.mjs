// End-to-end run of the page's states in Debian's headless chromium (issue
// 17), driven by playwright-core. Run by tests/playground/test_playground_page_states.py:
//   node page_states.mjs '{"url", "pid", "python", "cwd", "port", "fileUrl", "artifacts"}'
// An edited example keeps its JS twin, inputs and canvas while its signature
// matches and says why they went away when it does not; the menu marks the
// edit; the code survives a reload and Revert restores the example; then the
// server is restarted (new token) and stopped under the page, and the page is
// opened as a file. Prints one JSON report; the assertions live in pytest.
import { chromium } from "playwright-core";
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

const cfg = JSON.parse(process.argv[2]);
mkdirSync(cfg.artifacts, { recursive: true });
const report = { steps: {}, pageErrors: [] };

const browser = await chromium.launch({
  executablePath: cfg.chromium || "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run"],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
page.setDefaultTimeout(60_000);
page.on("pageerror", (e) => report.pageErrors.push(String(e)));

async function step(name, fn) {
  try {
    report.steps[name] = await fn();
  } catch (e) {
    report.steps[name] = { failed: String((e && e.stack) || e) };
  }
}

const editorText = () => page.evaluate(() => [...document.querySelectorAll(".cm-content .cm-line")].map((l) => l.textContent).join("\n"));
const menuText = () => page.evaluate(() => document.querySelector("#example").selectedOptions[0].textContent);

async function setSource(text) {
  await page.click(".cm-content");
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
}

async function compileAndWait() {
  await page.click("#compile");
  await page.waitForFunction(() => {
    const s = document.getElementById("status").textContent;
    return !document.getElementById("compile").disabled && s !== "Compiling…" && !s.startsWith("Example");
  });
  return page.evaluate(() => ({
    status: document.getElementById("status").textContent,
    error: document.getElementById("error").hidden ? null : document.getElementById("error").textContent,
    functions: [...document.querySelectorAll("fieldset.fn")].map((f) => f.dataset.fn),
    canvasShown: !document.getElementById("canvas-box").hidden,
    inputs: [...document.querySelectorAll("fieldset.fn input[type=text]")].map((i) => i.value),
  }));
}

async function runFunction(fn) {
  const fs = page.locator(`fieldset.fn[data-fn="${fn}"]`);
  await fs.locator("button.run").click();
  await page.waitForFunction((name) => {
    const r = document.querySelector(`fieldset.fn[data-fn="${name}"] .result`);
    return r && r.textContent !== "" && r.textContent !== "running…";
  }, fn);
  return fs.locator(".result").evaluate((r) => ({ text: r.textContent, timing: r.querySelector(".timing")?.textContent ?? null }));
}

function startServer() {
  // the same port, a new token: what a user gets when they restart the server
  return new Promise((resolve, reject) => {
    const p = spawn(cfg.python, ["-m", "py2wasm.cli", "playground", "--port", String(cfg.port)],
      { cwd: cfg.cwd, env: { ...process.env, PYTHONUNBUFFERED: "1" }, stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    p.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/http:\/\/\S+/);
      if (m) resolve({ proc: p, url: m[0] });
    });
    p.on("exit", (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

await page.goto(cfg.url);
await page.waitForSelector('body[data-ready="1"]');

await step("edited-example-keeps-extras", async () => {
  await page.selectOption("#example", "mandelbrot");
  const pristine = await editorText();
  // a comment and a changed body: the signature is the same
  await setSource(pristine.replace("def mandelbrot(", "# my edit\ndef mandelbrot(").replace("x2 + y2 > 4.0", "x2 + y2 > 4.0 + 0.0"));
  const menu = await menuText();
  const revertShown = await page.isVisible("#revert");
  const c = await compileAndWait();
  const run = await runFunction("mandelbrot");
  return { menu, revertShown, compile: c, run };
});

await step("changed-signature-drops-extras", async () => {
  const text = await editorText();
  await setSource(text.replace("max_iter: int) -> int", "max_iter: int, bail: float) -> int").replace("> 4.0 + 0.0", "> bail")
    .replace("cy, max_iter)", "cy, max_iter, 4.0)")); // mandelbrot_grid's call; its own signature stays
  const c = await compileAndWait();
  return { compile: c };
});

await step("reload-restores-code", async () => {
  const before = await editorText();
  await page.waitForTimeout(400); // the draft is saved 250 ms after the last keystroke
  await page.reload();
  await page.waitForSelector('body[data-ready="1"]');
  return { same: (await editorText()) === before, menu: await menuText(),
    status: await page.textContent("#status") };
});

await step("revert", async () => {
  await page.click("#revert");
  const menu = await menuText();
  const text = await editorText();
  const c = await compileAndWait();
  await page.waitForTimeout(400);
  await page.reload();
  await page.waitForSelector('body[data-ready="1"]');
  return { menu, pristine: !text.includes("bail"), compile: c, afterReload: await menuText() };
});

let second = null;
await step("server-restarted", async () => {
  process.kill(cfg.pid, "SIGTERM");
  await new Promise((r) => setTimeout(r, 1000));
  second = await startServer();
  const c = await compileAndWait();
  return { compile: c, newUrl: second.url !== cfg.url };
});

await step("server-stopped", async () => {
  second.proc.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 1000));
  const c = await compileAndWait();
  const text = await editorText();
  return { compile: c, kept: text.includes("def mandelbrot("), text };
});

await step("opened-as-file", async () => {
  const p2 = await context.newPage();
  await p2.goto(cfg.fileUrl);
  await p2.waitForFunction(() => document.body.dataset.mode === "file");
  const status = await p2.textContent("#status");
  await p2.screenshot({ path: join(cfg.artifacts, "file-url.png") });
  return { status };
});

await browser.close();
console.log(JSON.stringify(report));
