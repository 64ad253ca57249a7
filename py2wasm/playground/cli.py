"""The `py2wasm playground` command (registered in py2wasm/cli.py).

Place in the pipeline: user-facing entry of the playground. Starts the local
server (`server.py`) on 127.0.0.1 with a fresh secret token and prints the URL
to open, or with `--export DIR` writes the static site (`export.py`).
"""
from __future__ import annotations

import errno
import sys

import click

DEFAULT_PORT = 8765


@click.command()
@click.option("--port", type=click.IntRange(0, 65535), default=None,
              help=f"TCP port (0: any free port). Default: {DEFAULT_PORT}, or the next free one "
                   "of the 10 after it.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback needs --allow-remote.")
@click.option("--allow-remote", is_flag=True,
              help="Allow a non-loopback --host. The server runs the code it compiles: "
                   "anyone who can reach it with the token can run code as you.")
@click.option("--export", "export_dir", type=click.Path(file_okay=False),
              help="Write a static site with the examples precompiled to DIR and exit.")
@click.option("--time-limit", type=click.FloatRange(0.5, 600), default=10.0, show_default=True,
              help="Seconds one compile may take before it is stopped.")
@click.option("--memory-limit", type=click.IntRange(256, 65536), default=2048, show_default=True,
              help="Address-space limit of each compile process, in MiB.")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in a web browser.")
def playground(port, host, allow_remote, export_dir, time_limit, memory_limit, open_browser):
    """A local web page: write Python, compile it to wasm, run it in the page.

    Shows the typed IR, the optimized wasm text, the TypeScript declarations
    and the size, and times each function against its plain-JS twin.
    """
    from .sandbox import Limits
    limits = Limits(time_s=time_limit, memory_bytes=memory_limit << 20)
    if export_dir:
        from .export import export_site
        ok, total = export_site(export_dir, limits=limits)
        click.echo(f"wrote {export_dir}/ (static playground; {ok} of {total} examples compiled, "
                   "the others keep their compile error); serve it with any static file server, "
                   "e.g. python -m http.server -d DIR --bind 127.0.0.1")
        return
    from .security import BindError, check_bind, new_token
    from .server import make_server, url_of
    try:
        warning = check_bind(host, allow_remote)
    except BindError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(2)
    if warning:
        click.echo(warning, err=True)
    token = new_token()
    ports = [port] if port is not None else range(DEFAULT_PORT, DEFAULT_PORT + 11)
    for p in ports:
        try:
            srv = make_server(host, p, token=token, limits=limits)
            break
        except OSError as e:
            if p == ports[-1] or e.errno != errno.EADDRINUSE:
                click.echo(f"error: cannot listen on {host}:{p}: {e.strerror or e}", err=True)
                sys.exit(1)
    url = url_of(srv, token)
    click.echo("py2wasm playground: open this URL (it carries this run's secret token):")
    click.echo(f"    {url}", nl=True)
    click.echo("Press Ctrl+C to stop.")
    sys.stdout.flush()
    if open_browser:
        import webbrowser
        webbrowser.open(url)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        srv.server_close()
