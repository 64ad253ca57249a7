import { result } from "./compute.js";

postMessage(result);
