"""npm package names and versions: validation before anything is written.

Place in the pipeline: the last stage (`package`). `py2wasm build` checks the
`--name` (default: the source file's stem) and `--version` here before it
compiles, so a bad name fails fast and writes nothing. The rules are npm's
own for new packages (the `validate-npm-package-name` package npm uses):
at most 214 characters, lowercase, URL-safe, not starting with `.` or `_`,
none of `~'!()*`, not a Node.js core module name, optionally scoped
`@scope/name`. Versions must be semver 2.0.0.
"""
from __future__ import annotations

import re
from urllib.parse import quote

# Node's builtin modules (node:module's builtinModules), which npm refuses as
# names of new packages.
NODE_BUILTINS = frozenset("""
assert assert/strict async_hooks buffer child_process cluster console constants
crypto dgram diagnostics_channel dns dns/promises domain events fs fs/promises
http http2 https inspector inspector/promises module net os path path/posix
path/win32 perf_hooks process punycode querystring readline readline/promises
repl stream stream/consumers stream/promises stream/web string_decoder sys
timers timers/promises tls trace_events tty url util util/types v8 vm wasi
worker_threads zlib test sea sqlite
""".split())
BLOCKED = frozenset({"node_modules", "favicon.ico"})
_SCOPED = re.compile(r"^@([^/]+)/([^/]+)$")
_SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$")


def name_problems(name: str) -> list[str]:
    """Every reason npm would refuse `name` for a new package (empty if valid)."""
    if not isinstance(name, str):
        return ["name must be a string"]
    problems = []
    if not name:
        return ["name length must be greater than zero"]
    if name.startswith("."):
        problems.append("name cannot start with a period")
    if name.startswith("_"):
        problems.append("name cannot start with an underscore")
    if name != name.strip():
        problems.append("name cannot contain leading or trailing spaces")
    if name.lower() in BLOCKED:
        problems.append(f"{name} is not a valid package name")
    if name in NODE_BUILTINS:
        problems.append(f"{name} is a core module name")
    if len(name) > 214:
        problems.append("name can no longer contain more than 214 characters")
    if name.lower() != name:
        problems.append("name can no longer contain capital letters")
    if re.search(r"[~'!()*]", name.split("/")[-1]):
        problems.append('name can no longer contain special characters ("~\'!()*")')
    if quote(name, safe="") != name:
        m = _SCOPED.match(name)
        if not (m and quote(m.group(1), safe="") == m.group(1)
                and quote(m.group(2), safe="") == m.group(2)
                and not m.group(2).startswith((".", "_"))):
            problems.append("name can only contain URL-friendly characters")
    return problems


def suggest_name(name: str) -> str:
    """A valid name close to `name` (for error messages), e.g. `My Lib` -> `my-lib`."""
    s = re.sub(r"[^a-z0-9._~-]+", "-", name.strip().lower()).strip("-")
    s = re.sub(r"[~]", "-", s).lstrip("._-")[:214] or "module"
    if s in NODE_BUILTINS or s in BLOCKED:
        s += "-wasm"
    return s


def check_name(name: str, *, what: str = "npm package name") -> None:
    """Raise ValueError naming the problem and a valid alternative."""
    problems = name_problems(name)
    if problems:
        raise ValueError(f"invalid {what} {name!r}: {'; '.join(problems)} "
                         f"(try --name {suggest_name(name) if isinstance(name, str) else 'NAME'})")


def check_version(version: str) -> None:
    """Raise ValueError unless `version` is a semver 2.0.0 version like 0.1.0."""
    if not isinstance(version, str) or not _SEMVER.match(version):
        raise ValueError(f"invalid npm package version {version!r}: expected semver such as 0.1.0 or 1.2.3-beta.1")

