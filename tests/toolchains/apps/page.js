// A page's script: compute, show, and hand the result to the browser driver.
import { result } from "./compute.js";

document.body.textContent = JSON.stringify(result);
window.__result = result;
