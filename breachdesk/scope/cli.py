"""``breachdesk scope PATH... --out DIR``: scan files, folders and archives for personal data.

Exit status: 0 everything was read; 3 the run completed but some inputs could not be read
(they are listed); 2 a usage error (bad option, output folder in the way); 1 an internal
error (the message names the error type only); 130 interrupted.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from datetime import date
from pathlib import Path

import click

EXIT_INCOMPLETE = 3
EXIT_INTERNAL = 1


def _human(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1000:
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} TB"


class _Live:
    """A one-line live display on a terminal (rich); nothing when quiet or not a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.live = None
        if enabled:
            from rich.console import Console
            from rich.live import Live

            self.live = Live(console=Console(stderr=True), refresh_per_second=4, transient=True)

    def __enter__(self):
        if self.live:
            self.live.__enter__()
        return self

    def __exit__(self, *exc):
        if self.live:
            self.live.__exit__(*exc)

    def __call__(self, p) -> None:
        if not self.live:
            return
        people = "…" if p.people is None else f"{p.people:,}"
        self.live.update(
            f"[bold]{p.stage}[/]  files {p.files:,}  ·  {_human(p.bytes)}  ·  "
            f"records {p.records:,}  ·  people {people}"
        )


def _terminate(signum, frame):  # pragma: no cover - exercised through a subprocess test
    # SIGTERM becomes an exception so the staging directory is cleaned up like on Ctrl-C.
    raise KeyboardInterrupt


@click.command("scope")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "-o", required=True, type=click.Path(path_type=Path),
              help="Folder to write people.parquet, people.csv, records.parquet, "
                   "findings.parquet and summary.json into (replaced if it holds an earlier "
                   "scope output).")
@click.option("--breach-date", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Date of the breach (YYYY-MM-DD), for who was a child at the time. "
                   "Default: today.")
@click.option("--quiet", "-q", is_flag=True, help="No progress display and no summary line.")
@click.option("--json", "as_json", is_flag=True,
              help="Print summary.json to stdout instead of a human summary.")
@click.option("--no-probabilistic", is_flag=True,
              help="Link on exact identifiers only (skip the Splink stage).")
@click.option("--threads", type=click.IntRange(1, 256), default=None,
              help="Threads for the linking database (default: all cores).")
def scope(paths, out, breach_date, quiet, as_json, no_probabilistic, threads):
    """Find whose personal data, and which of it, is in PATHS (files, folders, archives)."""
    from .output import OutputExists
    from .pipeline import scope as run

    previous = signal.signal(signal.SIGTERM, _terminate)
    interactive = not quiet and not as_json and sys.stderr.isatty()
    try:
        with _Live(interactive) as live:
            result = run(
                paths, out,
                breach_date=breach_date.date() if breach_date else date.today(),
                progress=live, splink=not no_probabilistic, threads=threads,
            )
    except OutputExists as exc:
        raise click.UsageError(str(exc)) from None
    except KeyboardInterrupt:
        click.echo("Interrupted: no output was written.", err=True)
        sys.exit(130)
    except Exception as exc:
        # Library errors can quote the data they failed on: show the type, not the message,
        # unless someone debugging asks for the traceback.
        if os.environ.get("BREACHDESK_DEBUG"):
            raise
        click.echo(f"Internal error ({type(exc).__name__}); no output was written. "
                   "Set BREACHDESK_DEBUG=1 to see the traceback (it may quote data from the "
                   "files).", err=True)
        sys.exit(EXIT_INTERNAL)
    finally:
        signal.signal(signal.SIGTERM, previous)
    s = result.summary
    if as_json:
        click.echo(json.dumps(s, indent=2, ensure_ascii=False))
    elif not quiet:
        read = len(s["files_read"]) + len(s["files_read_in_part"])
        click.echo(
            f"{s['people']:,} people ({s['people_band']}) in {s['records']:,} records from "
            f"{read:,} files (children: {s['children']:,}; "
            f"special-category data: {s['special_category']['people']:,}). "
            f"Written to {result.out}"
        )
        for entry in s["files_not_read"] + s["files_read_in_part"]:
            click.echo(f"  not read: {entry['file']}: {entry['reason']}", err=True)
    sys.exit(0 if result.complete else EXIT_INCOMPLETE)
