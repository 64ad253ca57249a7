// The str cases through the installed package: each {fn, args} -> {ok} or {error, message}.
export function runStrCases(pkg, cases) {
  const out = [];
  for (const { fn, args } of cases) {
    try {
      out.push({ ok: pkg[fn](...args) });
    } catch (e) {
      out.push({ error: e.name, message: e.message });
    }
  }
  return out;
}
