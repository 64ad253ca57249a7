// End-to-end run of the playground page in Debian's headless chromium,
// driven by playwright-core. Run by tests/playground/test_playground_browser.py:
//   node e2e.mjs '{"url": ..., "mode": "live"|"static", "artifacts": DIR, "screenshot": PNG}'
// It performs the user's steps and prints one JSON report on stdout; the
// assertions live in the pytest file. A step that fails records its error
// instead of stopping the others.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

const cfg = JSON.parse(process.argv[2]);
mkdirSync(cfg.artifacts, { recursive: true });
const report = { steps: {}, pageErrors: [] };
const T = 60_000;

const browser = await chromium.launch({
  executablePath: cfg.chromium || "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run"],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
page.setDefaultTimeout(T);
page.on("pageerror", (e) => report.pageErrors.push(String(e)));
page.on("console", (m) => { if (m.type() === "error") report.pageErrors.push(m.text()); });

async function step(name, fn) {
  try {
    report.steps[name] = await fn();
  } catch (e) {
    report.steps[name] = { failed: String(e && e.stack || e) };
  }
}

async function setSource(text) {
  await page.click(".cm-content");
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
}

async function compileAndWait(useKeyboard = false) {
  if (useKeyboard) {
    await page.click(".cm-content");
    await page.keyboard.press("Control+Enter");
  } else {
    await page.click("#compile");
  }
  await page.waitForFunction(() => {
    const s = document.getElementById("status").textContent;
    return !document.getElementById("compile").disabled && s !== "Compiling…" && !s.startsWith("Example");
  });
  return page.evaluate(() => ({
    status: document.getElementById("status").textContent,
    error: document.getElementById("error").hidden ? null : document.getElementById("error").textContent,
    ir: document.getElementById("panel-ir").textContent,
    wat: document.getElementById("panel-wat").textContent,
    dts: document.getElementById("panel-dts").textContent,
    size: document.getElementById("size-bytes")?.textContent ?? null,
    functions: [...document.querySelectorAll("fieldset.fn")].map((f) => f.dataset.fn),
  }));
}

async function runFunction(fn) {
  const fs = page.locator(`fieldset.fn[data-fn="${fn}"]`);
  await fs.locator("button.run").click();
  await page.waitForFunction((name) => {
    const r = document.querySelector(`fieldset.fn[data-fn="${name}"] .result`);
    return r && r.textContent !== "" && r.textContent !== "running…";
  }, fn);
  return fs.locator(".result").evaluate((r) => ({
    text: r.textContent,
    value: r.querySelector(".value")?.textContent ?? null,
    timing: r.querySelector(".timing")?.textContent ?? null,
    isError: r.classList.contains("error"),
  }));
}

async function showTab(id) {
  await page.click(`#tab-${id}`);
  return page.locator(`#panel-${id}`).evaluate((p) => ({ visible: !p.hidden, text: p.textContent }));
}

await page.goto(cfg.url);
await page.waitForSelector('body[data-ready="1"]');
report.mode = await page.evaluate(() => document.body.dataset.mode);

if (cfg.mode === "live") {
  const names = await page.$$eval("#example option", (os) => os.map((o) => o.value));
  report.examples = names;
  for (const name of names) {
    await step(`example:${name}`, async () => {
      await page.selectOption("#example", name);
      const c = await compileAndWait();
      const out = { compile: c, runs: {} };
      if (!c.error) {
        for (const fn of c.functions) out.runs[fn] = await runFunction(fn);
        out.watTab = await showTab("wat");
        out.irTab = await showTab("ir");
        if (await page.isVisible("#draw")) {
          await page.click("#draw");
          await page.waitForFunction(() => /pixels|Error/.test(document.getElementById("draw-time").textContent));
          out.draw = await page.evaluate(() => {
            const cv = document.getElementById("canvas");
            const d = cv.getContext("2d").getImageData(0, 0, cv.width, cv.height).data;
            const colors = new Set();
            for (let i = 0; i < d.length; i += 4 * 97) colors.add(`${d[i]},${d[i + 1]},${d[i + 2]}`);
            return { text: document.getElementById("draw-time").textContent, colors: colors.size,
              center: [...cv.getContext("2d").getImageData(cv.width * 0.6 | 0, cv.height / 2 | 0, 1, 1).data] };
          });
        }
      }
      await page.screenshot({ path: join(cfg.artifacts, `example-${name}.png`), fullPage: true });
      if (name === "mandelbrot" && cfg.screenshot) await page.screenshot({ path: cfg.screenshot });
      return out;
    });
  }

  await step("compile-error-marker", async () => {
    const src = "import math\n\n\ndef area(r: float) -> float:\n    f = open('radius.txt')\n    return math.pi * r * r\n";
    await setSource(src);
    const c = await compileAndWait(true); // Ctrl+Enter from the editor
    await page.waitForSelector(".cm-lintRange-error");
    const marked = await page.$$eval(".cm-content .cm-line", (lines) =>
      lines.map((l, i) => (l.querySelector(".cm-lintRange-error") ? i + 1 : 0)).filter((x) => x));
    const gutter = await page.$$eval(".cm-gutter-lint .cm-gutterElement", (els) =>
      els.filter((e) => e.querySelector(".cm-lint-marker-error")).map((e) => e.textContent));
    await page.screenshot({ path: join(cfg.artifacts, "compile-error.png") });
    return { compile: c, markedLines: marked, gutterMarkers: gutter.length };
  });

  await step("python-exception", async () => {
    await setSource("def div(a: float, b: float) -> float:\n    return a / b\n\n\n" +
      "def order(a: int, b: int, descending: bool) -> tuple[int, int]:\n" +
      "    lo, hi = min(a, b), max(a, b)\n    return (hi, lo) if descending else (lo, hi)\n");
    const c = await compileAndWait();
    await page.fill("#arg-div-0", "1");
    await page.fill("#arg-div-1", "0");
    const run = await runFunction("div");
    await page.fill("#arg-order-0", "3");
    await page.fill("#arg-order-1", "-8");
    const ascending = await runFunction("order");
    await page.check("#arg-order-2");
    const descending = await runFunction("order");
    await page.fill("#arg-order-0", "1.5");
    const badInput = await runFunction("order");
    return { compile: c, run, ascending, descending, badInput };
  });

  await step("stop-long-run", async () => {
    await page.selectOption("#example", "fib");
    await compileAndWait();
    await page.fill("#arg-fib-0", "50");
    await page.locator('fieldset.fn[data-fn="fib"] button.run').click();
    await page.waitForSelector("#stop", { state: "visible" });
    await page.waitForTimeout(500);
    // the page stays responsive while the worker computes
    const responsive = await page.evaluate(() => new Promise((res) => {
      const t0 = performance.now();
      setTimeout(() => res(performance.now() - t0), 10);
    }));
    await page.click("#stop");
    await page.waitForFunction(() => document.querySelector('fieldset.fn[data-fn="fib"] .result').textContent === "stopped");
    const stopHidden = await page.isHidden("#stop-box");
    await page.fill("#arg-fib-0", "20");
    const again = await runFunction("fib");
    return { responsiveMs: responsive, stopHidden, again };
  });

  await step("phone-width", async () => {
    await page.selectOption("#example", "fma");
    await compileAndWait();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(200);
    const m = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth,
      width: window.innerWidth }));
    await page.screenshot({ path: join(cfg.artifacts, "phone.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    return m;
  });

  await step("tabs-keyboard", async () => {
    await page.focus("#tab-ir");
    await page.keyboard.press("ArrowRight");
    const afterRight = await page.evaluate(() => [document.activeElement.id,
      document.getElementById("tab-wat").getAttribute("aria-selected"), document.getElementById("panel-wat").hidden]);
    await page.keyboard.press("End");
    const afterEnd = await page.evaluate(() => document.activeElement.id);
    await page.keyboard.press("Home");
    return { afterRight, afterEnd, afterHome: await page.evaluate(() => document.activeElement.id) };
  });

  await step("labels", async () => page.evaluate(() => {
    const unlabeled = [...document.querySelectorAll("input, select")].filter((el) =>
      !(el.labels && el.labels.length) && !el.getAttribute("aria-label"));
    return { unlabeled: unlabeled.map((el) => el.id || el.outerHTML.slice(0, 60)),
      editorLabel: document.querySelector(".cm-content").getAttribute("aria-label") };
  }));
} else {
  await step("static-run", async () => {
    await page.selectOption("#example", "fma");
    const c = await compileAndWait();
    const out = { compile: c, run: c.error ? null : await runFunction("fma"), watTab: await showTab("wat") };
    await page.screenshot({ path: join(cfg.artifacts, "static-fma.png"), fullPage: true });
    return out;
  });
  await step("static-edit", async () => {
    await page.click(".cm-content");
    await page.keyboard.press("Control+End");
    await page.keyboard.insertText("\n# edited\n");
    return compileAndWait();
  });
}

await browser.close();
process.stdout.write(JSON.stringify(report));
