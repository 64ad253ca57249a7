// Drive Debian's chromium with playwright-core (from js/node_modules): open
// each URL given on the command line, wait for the page to set
// window.__result, and print {url: {result, errors}} as JSON.
import { createRequire } from "node:module";

const require = createRequire(process.env.PY2WASM_JS_DIR + "/package.json");
const { chromium } = require("playwright-core");

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
const out = {};
try {
  for (const url of process.argv.slice(2)) {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    await page.goto(url);
    try {
      await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 30000 });
      out[url] = { result: await page.evaluate(() => window.__result), errors };
    } catch (e) {
      out[url] = { result: null, errors: [...errors, String(e)] };
    }
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
