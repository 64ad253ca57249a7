// The str cases through the installed package: each {fn, args} -> {ok} or {error, message}.
export function runStrCases(pkg, cases) {
  const out = [];
  for (const { fn, args } of cases) {
    try {
      const r = pkg[fn](...args);  // NaN and infinities as strings (JSON has none)
      out.push({ ok: typeof r === "number" && !Number.isFinite(r) ? String(r) : r });
    } catch (e) {
      out.push({ error: e.name, message: e.message });
    }
  }
  return out;
}
