"""The web side of the ``breachdesk`` command: serve, worker, demo, manage."""

import os
import signal
import subprocess
import sys

import click


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "breachdesk.web.settings")
    import django

    django.setup()


def _manage(args: list[str]) -> None:
    _django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["breachdesk manage", *args])


@click.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args):
    """Run a Django management command (for example: breachdesk manage migrate)."""
    _manage(list(args))


@click.command()
@click.option("--port", default=lambda: int(os.environ.get("PORT", 8000)), show_default="8000 or $PORT",
              help="Port to listen on (127.0.0.1 unless --host).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--worker/--no-worker", default=False, show_default=True,
              help="Also run a background worker in a child process.")
@click.option("--workers", default=2, show_default=True, help="Web server processes.")
def serve(port, host, worker, workers):
    """Start the web app (gunicorn), and optionally a background worker beside it."""
    _django()
    from django.conf import settings

    if not settings.PRODUCTION:
        _manage(["collectstatic", "--no-input", "--verbosity", "0"])
    children = []
    if worker:
        children.append(subprocess.Popen([sys.executable, "-m", "breachdesk", "worker"]))
    click.echo(f"breachdesk is running on http://{host}:{port}/ (Ctrl-C to stop)")
    cmd = [sys.executable, "-m", "gunicorn", "breachdesk.web.wsgi", "--bind", f"{host}:{port}",
           "--workers", str(workers), "--access-logfile", "-",
           # the access log shows paths and statuses only; query strings may hold search terms
           "--access-logformat", '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms']
    server = subprocess.Popen(cmd)
    try:
        server.wait()
    except KeyboardInterrupt:
        server.send_signal(signal.SIGTERM)
        server.wait()
    finally:
        for child in children:
            child.terminate()
            child.wait()


@click.command()
def worker():
    """Run background tasks from the database queue (no broker needed)."""
    _manage(["db_worker"])


@click.command()
@click.option("--quiet", is_flag=True, help="Do not print the demo sign-ins.")
def demo(quiet):
    """Load demo data: a borough council, its users and breaches, and a regulator."""
    _manage(["load_demo"] + (["--quiet"] if quiet else []))
