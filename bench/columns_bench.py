"""Column detection benchmark: CPU time of detection alone, on big exports and on small files.

    python bench/columns_bench.py --rows 1000000 --small-files 2000

Big: the structured benchmark's export (generated on first use, as ``structured_bench.py``
does) read in the pipeline's 250,000-row chunks and passed through ``detect_table``, as the
scope run does. Small: a folder of three-row CSVs cut from the same export, through the whole
``scope`` run (no Splink), since for small files the fixed costs around detection count too.

Figures are process CPU seconds (all threads) with wall seconds and the load average beside
them: on a shared machine, compare CPU.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

CHUNK = 250_000


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.2f}/{five:.2f} on {os.cpu_count()} cores"


def big(rows: int, mode: str) -> dict:
    from structured_bench import ensure_data

    from breachdesk.scope.detection import default, detect_table

    data = ensure_data(rows, mode) / "export.csv"
    df = pl.read_csv(data, infer_schema=False)
    detection = default()
    detect_table(detection, df.head(2000))  # validators' lazy loads, outside the figure
    cpu, wall = time.process_time(), time.perf_counter()
    findings = sum(detect_table(detection, df.slice(s, CHUNK)).height
                   for s in range(0, df.height, CHUNK))
    return {"what": f"detect {rows:,} rows ({mode})", "cpu_s": time.process_time() - cpu,
            "wall_s": time.perf_counter() - wall, "findings": findings, "load": _load()}


def small(files: int) -> dict:
    from structured_bench import ensure_data

    from breachdesk.scope import scope

    export = pl.read_csv(ensure_data(200_000, "ids") / "export.csv", infer_schema=False,
                         n_rows=3 * files)
    with tempfile.TemporaryDirectory(dir=HERE / "out") as tmp:
        folder = Path(tmp) / "small"
        folder.mkdir()
        for i in range(files):
            export.slice(3 * i, 3).write_csv(folder / f"part-{i:05d}.csv")
        cpu, wall = time.process_time(), time.perf_counter()
        result = scope([folder], Path(tmp) / "out", splink=False)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    t = result.summary["timings_seconds"]
    return {"what": f"scope {files:,} three-row CSVs", "cpu_s": cpu, "wall_s": wall,
            "findings": result.summary["findings"], "load": _load(),
            "ms_per_file_cpu": 1000 * cpu / files,
            "stages_wall_s": {k: t[k] for k in ("read", "detect", "records") if k in t}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000, help="rows of the big export")
    ap.add_argument("--mode", nargs="+", default=["ids", "names"],
                    help="which exports: ids (with identifiers), names (names, DOB, address)")
    ap.add_argument("--small-files", type=int, default=2000,
                    help="how many three-row CSVs (0 to skip)")
    args = ap.parse_args()
    runs = [big(args.rows, m) for m in args.mode]
    if args.small_files:
        runs.append(small(args.small_files))
    for r in runs:
        extra = "".join(f" {k}={v:.2f}" if isinstance(v, float) else f" {k}={v}"
                        for k, v in r.items() if k not in ("what", "cpu_s", "wall_s", "load"))
        print(f"{r['what']:<36} cpu {r['cpu_s']:7.2f} s  wall {r['wall_s']:7.2f} s  "
              f"({r['load']}){extra}")


if __name__ == "__main__":
    main()
