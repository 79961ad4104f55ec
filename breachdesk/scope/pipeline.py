"""The scope run: readers -> detection -> records -> linking -> people -> outputs."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl

from ..vocab import CRIMINAL_OFFENCE_CATEGORIES, SPECIAL_CATEGORIES, people_band
from . import output
from .context import Context, Limits
from .detection import Detection, default, detect_table, field_map
from .link import COMPARED, link
from .normalise import keys
from .people import build, is_person
from .records import FINDING_SCHEMA, table_records, text_records
from .sources import Table
from .store import RecordStore
from .walk import FileLog, walk

OUTPUTS = ["people.parquet", "people.csv", "records.parquet", "findings.parquet",
           "summary.json"]


@dataclass
class Progress:
    files: int = 0
    bytes: int = 0
    records: int = 0
    people: int | None = None
    stage: str = "reading"


@dataclass
class ScopeResult:
    out: Path
    summary: dict
    people: pl.DataFrame
    records: pl.DataFrame  # location + person_id, no values
    log: FileLog = field(repr=False, default_factory=FileLog)

    @property
    def complete(self) -> bool:
        return not self.summary["files_not_read"] and not self.summary["files_read_in_part"]


def scope(
    paths: Sequence[str | os.PathLike],
    out: str | os.PathLike,
    *,
    breach_date: date | None = None,
    detection: Detection | None = None,
    limits: Limits | None = None,
    progress: Callable[[Progress], None] | None = None,
    splink: bool = True,
    threads: int | None = None,
) -> ScopeResult:
    """Scan ``paths`` and write people, records, findings and a summary into ``out``."""
    out = Path(out)
    output.check_target(out)
    breach_date = breach_date or date.today()
    detection = detection or default()
    fields = field_map(detection)
    timings: dict[str, float] = {"read": 0.0, "detect": 0.0, "records": 0.0}
    state = Progress()
    started = time.perf_counter()
    with output.staging(out) as work:
        ctx = Context(work, limits or Limits())
        log = FileLog()
        writer = output.FindingsWriter(work / "findings.parquet", FINDING_SCHEMA)
        chunks = RecordStore(work, (limits or Limits()).spill_records)
        counts: dict = {"records": 0, "with_data": 0, "by_detector": {}}
        items = walk(paths, ctx, log, skip=[out, work])
        try:
            _scan(items, detection, fields, writer, chunks, timings, state, log, progress,
                  counts)
        except BaseException:
            writer.abort()
            raise
        writer.close()

        state.stage = "linking"
        if progress:
            progress(state)
        t0 = time.perf_counter()
        # Only the columns the linker compares are loaded whole.
        keyed = keys(chunks.lazy()).select(*COMPARED, "card_key").collect()
        timings["keys"] = time.perf_counter() - t0
        linked = link(keyed, splink=splink, threads=threads, workdir=work)
        del keyed
        timings.update(linked.timings)
        t0 = time.perf_counter()
        if chunks.spilled:
            labels = pl.DataFrame({"label": linked.labels}).with_row_index("_rid").lazy()
            records = chunks.lazy().with_row_index("_rid").join(
                labels, on="_rid", how="left", maintain_order="left").drop("_rid")
        else:
            records = chunks.lazy().collect().with_columns(linked.labels.alias("label"))
        people = build(records, breach_date, streaming=chunks.spilled)
        timings["people"] = time.perf_counter() - t0
        state.people = people.height
        state.stage = "writing"
        if progress:
            progress(state)

        t0 = time.perf_counter()
        located = records.lazy().select(
            pl.col("file", "member", "part").cast(pl.Utf8), "row", "start", "label"
        ).join(
            people.select("label", "person_id").lazy(), on="label", how="left",
            maintain_order="left",
        ).drop("label")
        people_out = people.drop("label")
        output.write_parquet(work / "people.parquet", people_out)
        output.write_people_csv(work / "people.csv", people_out)
        output.write_lazy_parquet(work / "records.parquet", located, streaming=chunks.spilled)
        timings["write"] = time.perf_counter() - t0
        timings["total"] = time.perf_counter() - started
        summary = _summary(paths, breach_date, log, counts["records"], counts["with_data"],
                           chunks.rows, people_out, counts["by_detector"], writer.rows,
                           linked, timings)
        output.write_json(work / "summary.json", summary)
        output.publish(work, out, OUTPUTS)
    state.stage = "done"
    if progress:
        progress(state)
    return ScopeResult(out, summary, people_out, located, log)


def _scan(items, detection, fields, writer, chunks, timings, state, log, progress,
          counts) -> None:
    """Read, detect and build records for every item; findings stream to ``writer``."""
    by_detector = counts["by_detector"]
    while True:
        t0 = time.perf_counter()
        item = next(items, None)
        timings["read"] += time.perf_counter() - t0
        if item is None:
            return
        t0 = time.perf_counter()
        if isinstance(item, Table):
            found = detect_table(detection, item.frame)
            t1 = time.perf_counter()
            findings, recs = table_records(item, found, fields)
            counts["records"] += item.frame.height
            counts["with_data"] += recs.height
        else:
            matches = detection.detect_text(item.text)
            t1 = time.perf_counter()
            findings, recs = text_records(item, matches, fields)
            counts["records"] += 1
            counts["with_data"] += 1 if matches else 0
        writer.write(findings)
        for det, n in findings["detector"].value_counts().iter_rows():
            by_detector[det] = by_detector.get(det, 0) + n
        if recs.height:
            chunks.append(recs.filter(is_person(recs)))
        timings["detect"] += t1 - t0
        timings["records"] += time.perf_counter() - t1
        state.files = len(log.entries)
        state.bytes = log.top_level_bytes
        state.records = counts["records"]
        if progress:
            progress(state)


def _summary(paths, breach_date, log: FileLog, records_total: int, with_data: int,
             linkable: int, people: pl.DataFrame, by_detector: dict[str, int],
             findings: int, linked, timings: dict[str, float]) -> dict:

    cats = (
        people.select(pl.col("categories").explode().drop_nulls()).to_series().value_counts()
        .sort("count", descending=True)
    ) if people.height else None
    per_category = {c: n for c, n in cats.iter_rows()} if cats is not None else {}
    special = {c: n for c, n in per_category.items() if c in SPECIAL_CATEGORIES}
    return {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "breach_date": breach_date.isoformat(),
        "inputs": [str(p) for p in paths],
        "files_read": [e.as_dict() for e in log.entries if e.status == "read"],
        "files_read_in_part": [e.as_dict() for e in log.entries if e.status == "partial"],
        "files_not_read": [e.as_dict() for e in log.entries if e.status == "not_read"],
        "bytes": log.top_level_bytes,
        "records": records_total,
        "records_with_personal_data": with_data,
        "linkable_records": linkable,
        "people": people.height,
        "people_band": people_band(people.height),
        "people_per_category": per_category,
        "children": int(people["child"].sum()) if people.height else 0,
        "special_category": {
            "people": int(people["special_category"].sum()) if people.height else 0,
            "per_category": special,
        },
        "criminal_offence": {
            "people": int(people["criminal_offence"].sum()) if people.height else 0,
            "per_category": {c: n for c, n in per_category.items()
                             if c in CRIMINAL_OFFENCE_CATEGORIES},
        },
        "findings": findings,
        "findings_per_detector": dict(sorted(by_detector.items())),
        "linking": {
            "merges_per_rule": linked.merges,
            "people_per_rule": linked.people_by_rule,
            "probabilistic_pairs_accepted": linked.compared_pairs,
        },
        "timings_seconds": {k: round(v, 3) for k, v in timings.items()},
    }
