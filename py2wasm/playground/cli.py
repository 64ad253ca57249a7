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
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="With --allow-remote: another name the server answers to (its Host header), "
                   "e.g. a DNS name of this machine. Its own IP addresses are always accepted.")
@click.option("--parallel", type=click.IntRange(1, 64), default=2, show_default=True,
              help="Compiles that may run at once.")
@click.option("--queue", "queue_size", type=click.IntRange(0, 1000), default=16, show_default=True,
              help="Compiles that may wait for a slot; beyond that the server answers 503 "
                   "with Retry-After.")
@click.option("--idle-timeout", type=click.FloatRange(1, 3600), default=15.0, show_default=True,
              help="Seconds a connection may stay idle (or a request take to arrive) before "
                   "the server closes it.")
@click.option("--open", "open_browser", is_flag=True,
              help="Open the page in a web browser (through a private redirect file, so the "
                   "token never appears on a command line).")
def playground(port, host, allow_remote, export_dir, time_limit, memory_limit, allow_hosts,
               parallel, queue_size, idle_timeout, open_browser):
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
            srv = make_server(host, p, token=token, limits=limits, max_parallel=parallel,
                              max_queue=queue_size, idle_timeout=idle_timeout,
                              extra_hosts=tuple(allow_hosts))
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
    def stop(signum, frame):
        raise KeyboardInterrupt  # SIGTERM ends the server as Ctrl+C does, cleaning up

    import signal
    signal.signal(signal.SIGTERM, stop)
    redirect = None
    if open_browser:
        import webbrowser
        redirect = write_redirect(url)
        webbrowser.open(redirect.as_uri())
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        srv.server_close()
        if redirect is not None:
            import shutil
            shutil.rmtree(redirect.parent, ignore_errors=True)


def write_redirect(url: str):
    """A page that sends the browser on to `url`, in a directory only this
    user can read. The browser is started with this file's path: a command
    line is world-readable (/proc/PID/cmdline), the file is not."""
    import html
    import json
    import tempfile
    from pathlib import Path
    folder = Path(tempfile.mkdtemp(prefix="py2wasm-playground-open-"))  # mode 0700
    page = folder / "open.html"
    page.write_text(
        "<!doctype html><meta charset=\"utf-8\"><title>py2wasm playground</title>"
        f"<meta http-equiv=\"refresh\" content=\"0;url={html.escape(url)}\">"
        f"<script>location.replace({json.dumps(url)})</script>"
        f"<a href=\"{html.escape(url)}\">open the playground</a>", encoding="utf-8")
    page.chmod(0o600)
    return page
