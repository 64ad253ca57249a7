/**
 * Instances of Python classes crossing by value, after a call: the states
 * the function left them in (each `{__addr__, __mask__, ...attributes}`)
 * given back to the caller's objects, and lists of instances (frontend/
 * lists_objects_abi.py: a list state `{__addr__, __entry__, __items__}`)
 * refilled: the caller's array holds the function's list in its order, its
 * own objects updated, new objects for instances made inside.
 *
 * Place in the pipeline: the last stage (`py2wasm/package/`). Not a piece of
 * its own: build.mjs bundles what `byval` (runtime.ts) and `objr`
 * (objects.ts) import from here into those pieces.
 */
export type InstanceState = { readonly __addr__: number; readonly __mask__: number; readonly [k: string]: unknown };
export type ListState = { readonly __addr__: number; readonly __entry__: readonly number[]; readonly __items__: readonly InstanceState[] };
type Obj = Record<string, unknown>;

/** Give `o` the attributes of an instance's final state `st` (assigned bits in `__mask__`). */
export function applyState(o: Obj, st: InstanceState): void {
  let bit = 0;
  for (const k of Object.keys(st)) {
    if (k === "__addr__" || k === "__mask__") continue;
    if (Math.floor(st.__mask__ / 2 ** bit) % 2 === 1) o[k] = st[k];
    else delete o[k];
    bit++;
  }
}

export function isListState(v: unknown): v is ListState {
  return v !== null && typeof v === "object" && "__items__" in v && "__entry__" in v;
}

/** The objects of list state `st`, into `arr` (its contents replaced): the
 * object `seen` maps each address to, else a new one (then known to `seen`);
 * each address's state applied once. */
export function fillList(arr: unknown[], st: ListState, seen: Map<number, unknown>): unknown[] {
  const done = new Set<number>(), out: unknown[] = [];
  for (const rec of st.__items__) {
    let o = seen.get(rec.__addr__) as Obj | undefined;
    if (o === undefined) seen.set(rec.__addr__, (o = {}));
    if (!done.has(rec.__addr__)) {
      done.add(rec.__addr__);
      applyState(o, rec);
    }
    out.push(o);
  }
  arr.length = out.length;
  for (let i = 0; i < out.length; i++) arr[i] = out[i];
  return arr;
}

/** The instance arguments `objs` (plain objects, or arrays of them for list
 * states) get their final `states` (null: left as they are); `seen` learns
 * every argument object's address, the entries of every list argument
 * before any list is refilled (an instance moved from one list argument to
 * another is the caller's object in both). */
export function restore(objs: readonly unknown[], states: readonly (InstanceState | ListState | null)[], seen: Map<number, unknown>): void {
  states.forEach((st, i) => {
    if (st === null) return;
    if (isListState(st)) {
      const arr = objs[i] as unknown[];
      st.__entry__.forEach((a, j) => { if (!seen.has(a)) seen.set(a, arr[j]); });
      seen.set(st.__addr__, arr);
    } else {
      seen.set(st.__addr__, objs[i]);
    }
  });
  states.forEach((st, i) => {
    if (st === null) return;
    if (isListState(st)) fillList(objs[i] as unknown[], st, seen);
    else applyState(objs[i] as Obj, st);
  });
}
