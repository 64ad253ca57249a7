/**
 * Helpers shared by the pieces that place values at the arena top (lists.ts,
 * containers.ts, strings.ts, heap.ts): growing the memory to a byte, and the
 * cached typed views of memory in the state's view slots, re-made after the
 * memory grew (the old ones are detached, their length 0).
 *
 * Place in the pipeline: the last stage (`py2wasm/package/`). Not a piece of
 * its own: build.mjs bundles what a piece imports from here into that piece.
 */
import type { HeapState } from "./heap";

type Mem = { memory: WebAssembly.Memory };

export function memoryError(message: string, cause?: unknown): Error {
  const e = new Error(message, { cause });
  e.name = "MemoryError";
  return e;
}

/** Grow the memory so that byte `end` is in it (MemoryError naming `what`). */
export function grow(m: WebAssembly.Memory, end: number, what: string): void {
  if (end > 2 ** 32) throw memoryError(`Unable to allocate ${what}: wasm32 linear memory (4 GiB) is exhausted`);
  const have = m.buffer.byteLength;
  if (end <= have) return;
  try {
    m.grow(Math.ceil((end - have) / 65536));
  } catch (e) {
    throw memoryError(`Unable to allocate ${what}: the wasm linear memory cannot grow`, e);
  }
}

export function mem(st: HeapState): WebAssembly.Memory {
  return (st.e as unknown as Mem).memory;
}

export function u32(st: HeapState): Uint32Array {
  let w = st.v[8] as Uint32Array | undefined;
  if (w === undefined || w.length === 0) w = st.v[8] = new Uint32Array(mem(st).buffer);
  return w;
}
export function f64(st: HeapState): Float64Array {
  let w = st.v[0] as Float64Array | undefined;
  if (w === undefined || w.length === 0) w = st.v[0] = new Float64Array(mem(st).buffer);
  return w;
}
export function u8(st: HeapState): Uint8Array {
  let w = st.v[4] as Uint8Array | undefined;
  if (w === undefined || w.length === 0) w = st.v[4] = new Uint8Array(mem(st).buffer);
  return w;
}
