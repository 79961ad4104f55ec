"""Scope on folders of small text files, end to end: the `breachdesk scope` command a user runs.

    .venv/bin/python bench/scope_text_bench.py --label after

The free-text corpus (bench/corpus/text.py, 2,000 documents, seed 7) is written out as one
.txt file per document, and again repeated 10 times (20,000 files). Each folder is scoped by
the real CLI in a child process (`breachdesk scope DIR --out OUT --quiet --json`), timed wall
clock, median of --runs; MB/s is the folder's bytes over that median. summary.json's per-stage
timings are kept (median per stage), with the load average at the start of every run.

Results go to bench/out/scope_text_results.json under --label (earlier labels are kept, so a
"before" and an "after" run can be shown side by side) and to bench/REPORT.md between the
scope-text markers.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))

from metrics import write_section  # noqa: E402

START, END = "<!-- scope-text:start -->", "<!-- scope-text:end -->"
AFTER = "<!-- free-text:end -->"
RESULTS = OUT / "scope_text_results.json"
STAGES = ("read", "detect", "records", "keys", "link_exact", "link_probabilistic", "people",
          "write", "total")


def corpus(docs: int, seed: int) -> list[str]:
    path = OUT / f"text-{docs}-{seed}.jsonl"
    if not path.exists():
        OUT.mkdir(exist_ok=True)
        subprocess.run([sys.executable, str(HERE / "corpus" / "text.py"), "--docs", str(docs),
                        "--seed", str(seed), "--out", str(path)], check=True)
    return [json.loads(line)["text"] for line in path.open()]


def folder(texts: list[str], copies: int, root: Path) -> Path:
    """One .txt file per document, ``copies`` times over (kept between runs)."""
    path = root / f"files-{len(texts) * copies}"
    done = root / f"files-{len(texts) * copies}.complete"  # outside: scope would list it
    if done.exists():
        return path
    shutil.rmtree(path, ignore_errors=True)
    for c in range(copies):
        sub = path / f"copy{c:02d}"
        sub.mkdir(parents=True)
        for i, t in enumerate(texts):
            (sub / f"doc{i:05d}.txt").write_text(t, encoding="utf-8")
    done.write_text("")
    return path


def size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*.txt")]
    return len(files), sum(p.stat().st_size for p in files)


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def one_run(cli: Path, path: Path, out: Path) -> dict:
    load = loadavg()
    t0 = time.perf_counter()
    proc = subprocess.run([str(cli), "scope", str(path), "--out", str(out), "--quiet", "--json"],
                          capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode:
        raise RuntimeError(f"scope exited {proc.returncode}: {proc.stderr[-400:]}")
    s = json.loads(proc.stdout)
    return {"wall_s": round(wall, 3), "load": load, "timings": s["timings_seconds"],
            "counts": {"records": s["records"], "with_data": s["records_with_personal_data"],
                       "people": s["people"], "findings": s["findings"]}}


def measure(cli: Path, path: Path, runs: int, work: Path) -> dict:
    files, nbytes = size(path)
    done = [one_run(cli, path, work / "out") for _ in range(runs)]
    wall = statistics.median(r["wall_s"] for r in done)
    stages = {k: round(statistics.median(r["timings"].get(k, 0.0) for r in done), 3)
              for k in STAGES}
    return {"files": files, "mb": round(nbytes / 1e6, 2), "median_wall_s": round(wall, 2),
            "mbps": round(nbytes / 1e6 / wall, 2), "stages": stages,
            "outside_run_s": round(wall - stages["total"], 2), "runs": done,
            "counts": done[-1]["counts"]}


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text()
                .splitlines() if line.startswith("model name")), platform.processor())
    return {"nproc": os.cpu_count(), "cpu": cpu, "python": platform.python_version()}


def commit() -> str:
    if os.environ.get("PYTHONPATH"):
        return f"code from PYTHONPATH={os.environ['PYTHONPATH']}"
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                          text=True, cwd=HERE).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "breachdesk"], capture_output=True,
                           text=True, cwd=HERE).stdout.strip()
    return head + (" + uncommitted changes" if dirty else "")


def report(res: dict) -> str:
    m = res["machine"]
    lines = [START, "## Scope on folders of small text files", "",
             "`breachdesk scope DIR --out OUT --quiet --json` (the CLI, a child process, wall "
             "clock) on the free-text corpus written as one .txt file per document: 2,000 "
             "documents (seed 7), and the same repeated 10 times in ten subfolders. MB/s is the "
             "folder's bytes over the median wall time, process start and imports included.", "",
             f"Machine: {m['nproc']} cores, {m['cpu']}, Python {m['python']}.", "",
             "| version | files | MB | median wall s | MB/s | read | detect | records | "
             "linking | people + write | outside the run | records / people / findings | "
             "load at start of runs |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"]
    for label, r in res["labels"].items():
        for f in r["folders"]:
            s, c = f["stages"], f["counts"]
            link = s["keys"] + s["link_exact"] + s["link_probabilistic"]
            loads = "; ".join(x["load"].split()[0] for x in f["runs"])
            lines.append(
                f"| {label} ({r['commit']}) | {f['files']:,} | {f['mb']:.1f} | "
                f"{f['median_wall_s']:.2f} | {f['mbps']:.2f} | {s['read']:.2f} | "
                f"{s['detect']:.2f} | {s['records']:.2f} | {link:.2f} | "
                f"{s['people'] + s['write']:.2f} | {f['outside_run_s']:.2f} | "
                f"{c['records']:,} / {c['people']:,} / {c['findings']:,} | {loads} |")
    lines += ["", "Stage columns are summary.json's `timings_seconds` (medians, seconds): "
              "linking is keys + exact rules + Splink; \"outside the run\" is the wall time "
              "less summary.json's total (interpreter start, imports -- the detectors' import "
              "alone is about 0.9 s -- and writing the JSON).", "",
              "Reproduce: `.venv/bin/python bench/scope_text_bench.py --label after` "
              "(`--runs N`, default 3; `--copies 1,10`). A \"before\" row comes from the same "
              "script with `PYTHONPATH` pointing at a copy of the older `breachdesk/` package "
              "(compiled modules included); the row names the code it ran.", "",
              *NOTES, END]
    return "\n".join(lines)


NOTES = [
    "What to keep in mind:", "",
    "- The machine has 2 cores and is shared: the load average at the start of each run is "
    "listed; compare rows run close together. The host itself varies too: the scanner's own "
    "bench moved between 41 and 51 MB/s within minutes on a quiet machine, and the last row, "
    "run quiet, came out slower than the \"after\" row run under load.",
    "- Readers changed during the same session (another engineer): the \"session start\" row "
    "also has the old plain-text reader, which split 678 of the 2,000 files into two texts "
    "(2,678 records, more people). Compare \"before\" and \"after\" for the pipeline alone: "
    "same readers, same outputs.",
    "- `detect` includes building the scanner on the first call (Hyperscan compile, "
    "vocabularies: 0.5-0.9 s once per run); the scan itself is about 25 MB per CPU second. "
    "On the small folder most of the wall time is fixed cost: start and imports, the scanner "
    "build, and Splink's setup.",
    "- The ten copies repeat the same values: records and findings grow tenfold, people about "
    "twofold (copies of one person link), so linking works on more records, not more people.",
    "- `read` is timed around the walker's next item, so it includes sniffing and any "
    "garbage collection that falls there.",
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--label", default="current", help="name of this version in the results")
    ap.add_argument("--runs", type=int, default=3, help="timed runs per folder (median)")
    ap.add_argument("--copies", default="1,10", help="folders: the corpus repeated N times")
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-report", action="store_true", help="leave REPORT.md alone")
    ap.add_argument("--report-only", action="store_true",
                    help="rewrite the REPORT.md section from the results file, run nothing")
    a = ap.parse_args()
    if a.report_only:
        res = json.loads(RESULTS.read_text())
        write_section(HERE / "REPORT.md", START, END, report(res), after=AFTER)
        return
    cli = Path(sys.executable).parent / "breachdesk"
    texts = corpus(a.docs, a.seed)
    root = OUT / "scope-text"
    root.mkdir(parents=True, exist_ok=True)
    res = json.loads(RESULTS.read_text()) if RESULTS.exists() else {"labels": {}}
    res["machine"] = machine()
    entry = {"commit": commit(), "folders": []}
    for copies in (int(c) for c in a.copies.split(",")):
        path = folder(texts, copies, root)
        r = measure(cli, path, a.runs, root)
        entry["folders"].append(r)
        print(f"{a.label}: {r['files']:,} files, {r['mb']} MB: {r['median_wall_s']} s, "
              f"{r['mbps']} MB/s; stages {r['stages']}", flush=True)
    shutil.rmtree(root / "out", ignore_errors=True)
    res["labels"].pop(a.label, None)  # the newest run is listed last
    res["labels"][a.label] = entry
    RESULTS.write_text(json.dumps(res, indent=1))
    if not a.no_report:
        write_section(HERE / "REPORT.md", START, END, report(res), after=AFTER)


if __name__ == "__main__":
    main()
