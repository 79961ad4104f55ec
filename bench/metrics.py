"""Scoring a clustering against the truth, and measuring a run in a child process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import polars as pl


def pairwise(pred: pl.Series, truth: pl.Series) -> dict[str, float]:
    """Pairwise precision, recall and F1 of ``pred`` clusters against ``truth`` clusters."""
    df = pl.DataFrame({"p": pred, "t": truth})

    def pairs(*cols: str) -> int:
        n = df.group_by(*cols).len()["len"].cast(pl.Int64)
        return int((n * (n - 1) // 2).sum())

    tp, pp, tt = pairs("p", "t"), pairs("p"), pairs("t")
    precision = tp / pp if pp else 1.0
    recall = tp / tt if tt else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    people, true_people = pred.n_unique(), truth.n_unique()
    return {
        "precision": round(precision, 5), "recall": round(recall, 5), "f1": round(f1, 5),
        "people": people, "true_people": true_people,
        "people_error_pct": round(100 * (people - true_people) / true_people, 3),
    }


def split_merge(pred: pl.Series, truth: pl.Series) -> dict[str, float]:
    """Share of true people split over several predicted people, and of predicted people that
    merge several true people."""
    df = pl.DataFrame({"p": pred, "t": truth})
    split = df.group_by("t").agg(pl.col("p").n_unique().alias("n"))
    merged = df.group_by("p").agg(pl.col("t").n_unique().alias("n"))
    return {
        "split_pct": round(100 * split.filter(pl.col("n") > 1).height / split.height, 3),
        "merged_pct": round(100 * merged.filter(pl.col("n") > 1).height / merged.height, 3),
    }


def measured(args: list[str], env: dict | None = None) -> dict:
    """Run a worker; its last stdout line is JSON. Adds wall seconds and peak RSS (GiB)."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, *args], stdout=subprocess.PIPE,
                            env={**os.environ, **(env or {})})
    assert proc.stdout is not None
    out = proc.stdout.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 3):
        raise RuntimeError(f"worker failed ({proc.returncode}): {' '.join(args)}")
    result = json.loads(out.strip().splitlines()[-1])
    result["wall_s"] = round(wall, 2)
    result["peak_rss_gib"] = round(usage.ru_maxrss / (1 << 20), 2)
    return result


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"


def write_section(report, start: str, end: str, block: str, after: str | None = None) -> None:
    """Put ``block`` (which begins with ``start`` and ends with ``end``) into ``report``: in
    place of the section between those markers, or else right after the ``after`` marker, or
    else at the end. Each benchmark owns one section; the others are left as they are."""
    from pathlib import Path

    report = Path(report)
    old = report.read_text() if report.exists() else "# Benchmarks\n\n"
    if start in old and end in old:
        head, rest = old.split(start, 1)
        new = head + block + rest.split(end, 1)[1]
    elif after and after in old:
        head, rest = old.split(after, 1)
        new = head + after + "\n\n" + block + (rest if rest.startswith("\n") else "\n" + rest)
    else:
        new = old.rstrip() + "\n\n" + block + "\n"
    report.write_text(new)
