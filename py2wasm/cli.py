"""The `py2wasm` command line.

Place in the pipeline: the user-facing front of every stage. `build` runs the
whole pipeline for two targets (SIMD128 and relaxed SIMD; `--no-simd`: only
the mvp target) and writes one npm package whose loader picks the best build
(package/builds.py, package/loader.py); `ir`, `wat` and `run` show or run
intermediate results. Any CompileError is printed as one located message on
stderr with exit status 1, and nothing is written.
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

import click

from .errors import CompileError
from .targets import TARGETS

OPT_CHOICES = ["0", "1", "2", "3", "s", "z"]


def _installed_version() -> str:
    from .package import _py2wasm_version
    return _py2wasm_version()


def _fail(msg: str) -> None:
    click.echo(msg, err=True)
    sys.exit(1)


def _trace_file(file: str, functions, default_float: bool = True, progress=None, fns_out=None):
    from .frontend import trace_many
    from .ir import F64
    from .sourcefile import load_file, public_functions

    mod = load_file(file)
    fns = public_functions(mod, functions, file)
    if fns_out is not None:
        fns_out.extend(fns)
    return trace_many([(f, None) for f in fns], default=F64, progress=progress)


def _build(file, functions, opt, name, target="simd", fastmath=False):
    from .api import build_module
    module = _trace_file(file, functions)
    module.source_file = Path(file).name
    return build_module(module, opt="O" + opt, name=name, target=target, fastmath=fastmath, abi="js")


TARGET_HELP = ("WebAssembly target: mvp (no SIMD), simd (SIMD128) or relaxed-simd "
               "(SIMD128 + relaxed SIMD).")
FASTMATH_HELP = ("Allow reassociating float reductions and contracting x * y + z into a fused "
                 "multiply-add (relaxed SIMD): faster vector loops whose results may differ from "
                 "CPython/NumPy in the last bits.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(version=_installed_version(), prog_name="py2wasm")
def main():
    """py2wasm: compile numeric Python functions to WebAssembly.

    Parameters without annotations are compiled as float; annotate with int,
    float, bool, complex, tuple[...] or NumPy arrays (npt.NDArray[np.float64],
    py2wasm.f64[:, :]) to choose. Installed from PyPI as py2wasm-numeric.
    """


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-o", "--outdir", type=click.Path(),
              help="Output directory (default: dist/<file stem>). It must be new, empty or hold an "
                   "earlier py2wasm build (listed in its .py2wasm-manifest.json); see --force.")
@click.option("-f", "--function", "functions", multiple=True,
              help="Compile only this function (repeatable). Default: every public "
                   "top-level function of FILE.")
@click.option("-O", "opt", type=click.Choice(OPT_CHOICES), default="3", show_default=True,
              help="Binaryen optimization level: 0-3, s (size) or z (size, harder).")
@click.option("--name", help="npm package name (default: `name` in [tool.py2wasm] of pyproject.toml, "
                             "the earlier build's package.json, or FILE's stem).")
@click.option("--version", "pkg_version",
              help="npm package version (default: pyproject.toml's [tool.py2wasm], the earlier build's, "
                   "or 0.1.0).")
@click.option("--description", help="package.json description.")
@click.option("--license", "license_", metavar="SPDX", help="package.json license, e.g. MIT (also in the README).")
@click.option("--author", help='package.json author, e.g. "Ada <ada@example.com>".')
@click.option("--repository", help="package.json repository: a URL or a shorthand like github:me/repo.")
@click.option("--keyword", "keywords", multiple=True, help="package.json keyword (repeatable).")
@click.option("--inline-wasm/--no-inline-wasm", "inline", default=None,
              help="Carry the wasm inside the JavaScript (base64; loads synchronously, no .wasm file: "
                   "every bundler and test runner works without configuration) or ship .wasm files "
                   "(loaded with top-level await or fetch). Default: inline when all builds together "
                   "are at most 256 KiB.")
@click.option("--no-simd", is_flag=True,
              help="Build only for WebAssembly without SIMD (the mvp target), for runtimes that "
                   "lack SIMD128. Default: a SIMD128 build (plain WebAssembly if nothing in it "
                   "uses SIMD) and, when its code uses relaxed SIMD, a relaxed-SIMD build; the "
                   "package loads the best one the JavaScript engine supports.")
@click.option("--fastmath", is_flag=True, help=FASTMATH_HELP)
@click.option("--force", is_flag=True,
              help="Write into the output directory even if it holds files py2wasm did not write "
                   "(or generated files edited since); those files are overwritten.")
@click.option("-q", "--quiet", is_flag=True, help="No progress display (it only shows on a terminal, "
                                                  "for builds longer than a second).")
def build(file, outdir, functions, opt, name, pkg_version, description, license_, author, repository,
          keywords, inline, no_simd, fastmath, force, quiet):
    """Compile FILE into an npm package (wasm, JavaScript for import and
    require, .d.ts, README, package.json).

    The package holds <stem>.wasm (SIMD128, or plain WebAssembly when the code
    has nothing to vectorize or with --no-simd) and, when the relaxed-SIMD
    build uses relaxed instructions, <stem>.relaxed.wasm, inlined into the
    JavaScript when small (--inline-wasm). Entry points: the package (loads
    on import or require) and <name>/manual (init()/initSync() yourself).
    Metadata comes from the flags, else from [tool.py2wasm] of the nearest
    pyproject.toml above FILE. The output directory is checked (writable,
    not holding your files) before anything is compiled, and nothing is
    written unless every build succeeds.
    """
    from .package import write_package
    from .package.builds import select
    from .package.metadata import MetadataError, find_pyproject, previous_package_json, tool_table
    from .package.npm_name import check_name, check_version
    from .package.outdir import OutputDirError, check_foreign, check_writable
    from .package.signature import add_defaults
    from .progress import Progress
    stem = Path(file).stem
    outdir = Path(outdir or Path("dist") / stem)
    try:  # fail fast, before compiling: metadata, the output folder, the npm name and version
        table = tool_table(find_pyproject(Path(file).resolve().parent))
        check_writable(outdir)
        if not force:
            check_foreign(outdir)
        earlier = previous_package_json(outdir)  # ours, or the user's under --force: merged, so its name and version stay
        name_from = ("npm package name" if name else "npm package name (from [tool.py2wasm])" if table.get("name")
                     else f"npm package name (from the file name {Path(file).name!r})")
        name = name or table.get("name") or earlier.get("name") or stem
        pkg_version = pkg_version or table.get("version") or earlier.get("version") or "0.1.0"
        check_name(name, what=name_from)
        check_version(pkg_version)
    except (MetadataError, OutputDirError) as e:
        _fail(f"error: {e}")
    except ValueError as e:
        _fail(f"error: {e}")
    metadata = {"description": description or table.get("description"), "license": license_ or table.get("license") or
                (earlier.get("license") if isinstance(earlier.get("license"), str) else None),
                "author": author or table.get("author"), "repository": repository or table.get("repository"),
                "keywords": list(keywords) or table.get("keywords")}
    if inline is None:
        inline = table.get("inline-wasm")
    targets = ["mvp"] if no_simd else ["simd", "relaxed-simd"]
    progress = Progress(enabled=False if quiet else None)
    try:  # every build first (the wasm module is named after the file), then the files
        from .api import build_module
        from .gcpause import paused_gc
        builds, fns = [], []
        for k, t in enumerate(targets):  # traced per build: the passes may rewrite the IR module
            step = f"{t} build {k + 1}/{len(targets)}"
            fns.clear()
            with paused_gc():  # py2wasm/gcpause.py
                module = _trace_file(file, functions, fns_out=fns, progress=lambda i, n, f: progress.update(
                    f"py2wasm: {step}: tracing {f} ({i + 1}/{n})"))
                module.source_file = Path(file).name
                progress.update(f"py2wasm: {step}: optimizing and emitting {len(module.exports)} function(s)")
                builds.append(build_module(module, opt="O" + opt, name=stem, target=t, fastmath=fastmath,
                                           abi="js"))
        for b in builds:
            add_defaults(b.manifest, fns)
        progress.update("py2wasm: writing the package")
        write_package(builds, outdir, name=name, version=pkg_version, inline=inline, metadata=metadata, force=force)
    except CompileError as e:
        progress.done()
        _fail(str(e))
    except ValueError as e:  # a signature the npm package cannot express, or the output folder
        progress.done()
        _fail(f"error: {e}")
    progress.done()
    shipped = ", ".join(f"{f} {len(b.wasm)} bytes ({t})" for f, t, b in select(builds))
    click.echo(f"wrote {outdir}/ ({shipped}; {len(builds[0].manifest['functions'])} function(s))")


@main.command(name="ir")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-f", "--function", "functions", multiple=True, help="Only this function (repeatable).")
def ir_cmd(file, functions):
    """Print the typed IR of FILE's functions."""
    from .ir import format_module
    try:
        module = _trace_file(file, functions)
    except CompileError as e:
        _fail(str(e))
    click.echo(format_module(module), nl=False)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-f", "--function", "functions", multiple=True, help="Only this function (repeatable).")
@click.option("-O", "opt", type=click.Choice(OPT_CHOICES), default="3", show_default=True,
              help="Binaryen optimization level.")
@click.option("--target", type=click.Choice(TARGETS), default="simd", show_default=True,
              help=TARGET_HELP)
@click.option("--fastmath", is_flag=True, help=FASTMATH_HELP)
def wat(file, functions, opt, target, fastmath):
    """Print the optimized WebAssembly text of FILE's functions."""
    try:
        b = _build(file, functions, opt, Path(file).stem, target=target, fastmath=fastmath)
    except CompileError as e:
        _fail(str(e))
    click.echo(b.wat(), nl=False)


def _parse_arg(text: str):
    try:
        v = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        low = text.lower()
        if low in ("true", "false"):
            return low == "true"
        if low in ("nan", "inf", "-inf", "+inf", "infinity", "-infinity"):
            return float(low)
        raise click.BadParameter(f"{text!r} is not a number, bool or tuple")
    return v


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.argument("function")
@click.argument("args", nargs=-1)
@click.option("-O", "opt", type=click.Choice(OPT_CHOICES), default="3", show_default=True,
              help="Binaryen optimization level.")
@click.option("--target", type=click.Choice(TARGETS), default="relaxed-simd", show_default=True,
              help=TARGET_HELP)
@click.option("--fastmath", is_flag=True, help=FASTMATH_HELP)
def run(file, function, args, opt, target, fastmath):
    """Compile FUNCTION from FILE and run it under wasmtime with ARGS.

    ARGS are Python literals (3, -1.5, True, nan, inf, (1, 2)); the function is
    specialized on their types, exactly as py2wasm.compile does. Use `--`
    before negative numbers: `py2wasm run fma.py fma -- 3 -1 2`.
    """
    from .api import compile as p2w_compile
    from .sourcefile import load_file, public_functions
    values = [_parse_arg(a) for a in args]
    try:
        fn = public_functions(load_file(file), [function], file)[0]
        compiled = p2w_compile(fn, opt="O" + opt, target=target, fastmath=fastmath)
        result = compiled(*values)
    except CompileError as e:
        _fail(str(e))
    except (ArithmeticError, ValueError, IndexError, RecursionError, TypeError) as e:
        notes = "".join(f"\n  {n}" for n in getattr(e, "__notes__", []))
        _fail(f"{type(e).__name__}: {e}{notes}")
    click.echo(repr(result))


from .playground.cli import playground  # noqa: E402  (the playground owns its command)

main.add_command(playground)


if __name__ == "__main__":
    main()
