"""Group the failures of a corpus run by cause, for the compiler engineers.

    python -m pytest tests/corpus --junitxml=/tmp/corpus.xml
    python tests/corpus/summarize.py /tmp/corpus.xml [--examples 3]
"""
import argparse
import collections
import re
import xml.etree.ElementTree as ET


def cause(message: str, text: str) -> str:
    m = message or ""
    first = m.splitlines()[0] if m else ""
    if "COMPILE ERROR" in m or "INTERNAL ERROR" in m:
        kind = "COMPILE ERROR" if "COMPILE ERROR" in m else re.search(r"INTERNAL ERROR \(([^)]*)\)", m).group(1)
        body = m.split(":\n", 1)[1] if ":\n" in m else m
        line = body.splitlines()[0] if body else ""
        line = re.sub(r"^.*?:\d+(:\d+)?: ", "", line)          # drop the location
        line = re.sub(r"\b\d+\b", "N", line) if kind != "COMPILE ERROR" else line
        return f"{kind}: {line[:160]}"
    if "MISMATCH" in m:
        d = m.split(": ", 1)[1] if ": " in m else m
        d = d.split(": ", 1)[1] if d.startswith("MISMATCH") else d
        if d.startswith("raised ") and "; CPython returns" in d:
            return "raised " + d.split()[1].rstrip(":(") + " where CPython returns a value"
        if d.startswith("raised ") and "expected" in d:
            return "wrong exception type: " + re.sub(r"\(.*?\)", "", d)[:120]
        if d.startswith("returned ") and "expected" in d:
            exp = re.search(r"expected (\w+)", d).group(1)
            return f"returned a value where {exp} is expected" + (" (int64 overflow)" if "int64" in d else "")
        if d.startswith("exception message"):
            return "exception message differs: " + re.sub(r"[-\d.e]+", "N", d)[:140]
        if ": type " in d:
            t = re.search(r"type (\w+), expected (\w+)", d)
            return f"result type {t.group(1)} instead of {t.group(2)}"
        if "NaN" in d or "nan" in d:
            return "NaN vs number"
        if "float" in d:
            return "float value differs" + (" (sign of zero)" if "0x8000000000000000" in d or
                                             "0x0000000000000000" in d else "")
        return "value differs"
    exc = re.search(r"^E\s+(\w+(?:\.\w+)*(?:Error|Exception)):?\s*(.*)$", text or "", re.M)
    if exc:
        return f"{exc.group(1)}: {exc.group(2)[:120]}"
    return first[:160] or "failure"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("xml")
    ap.add_argument("--examples", type=int, default=3)
    a = ap.parse_args()
    groups = collections.defaultdict(list)
    total = 0
    for tc in ET.parse(a.xml).getroot().iter("testcase"):
        total += 1
        f = tc.find("failure")
        if f is None:
            f = tc.find("error")
        if f is None:
            continue
        suite = tc.get("classname", "").rsplit(".", 1)[-1]
        name = tc.get("name", "")
        theme = re.match(r"test_scalar\[(\w+)\.", name)
        key = (suite if not theme else f"scalar/{theme.group(1)}", cause(f.get("message", ""), f.text or ""))
        groups[key].append(name)
    failed = sum(len(v) for v in groups.values())
    print(f"{failed} of {total} tests failed, in {len(groups)} groups\n")
    by_cause = collections.defaultdict(list)
    for (suite, c), names in groups.items():
        by_cause[c].append((suite, names))
    for c, items in sorted(by_cause.items(), key=lambda kv: -sum(len(n) for _, n in kv[1])):
        print(f"[{sum(len(n) for _, n in items)}] {c}")
        for suite, names in sorted(items, key=lambda x: -len(x[1])):
            print(f"    {suite}: {len(names)}  e.g. " + "; ".join(names[:a.examples]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
