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
from .detection import Detection, default, detect_table, field_map, texts_detector
from .link import COMPARED, link
from .normalise import keys, without_empty_columns
from .people import build, is_person, new_seed, person_id
from .records import FINDING_SCHEMA, RECORD_SCHEMA, TextRef, table_records, texts_records
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
    # Held when the run was small; a large run's are read from the outputs when asked for.
    _people: pl.DataFrame | None = field(repr=False, default=None)
    _records: pl.DataFrame | None = field(repr=False, default=None)
    log: FileLog = field(repr=False, default_factory=FileLog)

    @property
    def people(self) -> pl.DataFrame:
        if self._people is None:
            return pl.read_parquet(self.out / "people.parquet")
        return self._people

    @property
    def records(self) -> pl.DataFrame:
        """Location + person_id of every record, no values."""
        if self._records is None:
            return pl.read_parquet(self.out / "records.parquet")
        return self._records

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
        keyed = [without_empty_columns(
            keys(chunks.lazy()).select(*COMPARED, "card_key").collect())]
        timings["keys"] = time.perf_counter() - t0
        # Popped into the call: the linker then holds the only reference and frees it early.
        linked = link(keyed.pop(), splink=splink, threads=threads, workdir=work)
        timings.update(linked.timings)
        t0 = time.perf_counter()
        stats: dict = {}
        if chunks.spilled:
            people_out = located = None
            state.stage = "writing"
            if progress:
                progress(state)
            _people_in_parts(chunks, linked.labels, breach_date, work, stats)
            timings["people"] = time.perf_counter() - t0  # with the outputs: one pass
        else:
            records = chunks.lazy().collect().with_columns(linked.labels.alias("label"))
            people = build(records, breach_date, present=chunks.categories)
            timings["people"] = time.perf_counter() - t0
            state.stage = "writing"
            if progress:
                progress(state)
            t0 = time.perf_counter()
            located = records.lazy().select(*LOCATION, "label").join(
                people.select("label", "person_id").lazy(), on="label", how="left",
                maintain_order="left",
            ).drop("label").collect()
            del records
            people_out = people.drop("label")
            _tally(stats, people_out)
            output.write_parquet(work / "people.parquet", people_out)
            output.write_people_csv(work / "people.csv", people_out)
            output.write_parquet(work / "records.parquet", located)
            timings["write"] = time.perf_counter() - t0
        state.people = stats["people"]
        timings["total"] = time.perf_counter() - started
        summary = _summary(paths, breach_date, log, counts["records"], counts["with_data"],
                           chunks.rows, stats, counts["by_detector"], writer.rows,
                           linked, timings)
        output.write_json(work / "summary.json", summary)
        output.publish(work, out, OUTPUTS)
    state.stage = "done"
    if progress:
        progress(state)
    return ScopeResult(out, summary, people_out, located, log)


LOCATION = (pl.col("file", "member", "part").cast(pl.Utf8), "row", "start")


def _people_in_parts(chunks: RecordStore, labels: pl.Series, breach_date: date, work: Path,
                     stats: dict) -> None:
    """People and record locations from spilled records, one partition of labels at a time:
    memory is bounded by a partition, not by the input."""
    seed = new_seed()
    present = chunks.categories
    people_file = output.PeopleWriter(work)
    records_file = output.ParquetStream(work / "records.parquet")

    def locate(part: pl.DataFrame) -> None:
        records_file.write(part.select(*LOCATION, person_id(pl.col("label"), seed)))

    for part in chunks.by_label(labels, each=locate):
        people = build(part, breach_date, present=present, seed=seed).drop("label")
        _tally(stats, people)
        people_file.write(people)
    empty = build(pl.DataFrame(schema={**RECORD_SCHEMA, "label": pl.UInt32}), breach_date,
                  present=present, seed=seed).drop("label")
    people_file.close(empty)
    records_file.close(pl.DataFrame(schema={"file": pl.Utf8, "member": pl.Utf8,
                                            "part": pl.Utf8, "row": pl.Int64,
                                            "start": pl.Int64, "person_id": pl.Utf8}))
    stats.setdefault("people", 0)


def _tally(stats: dict, people: pl.DataFrame) -> None:
    """Add one partition of people to the summary's counts."""
    stats["people"] = stats.get("people", 0) + people.height
    per = stats.setdefault("per_category", {})
    if people.height:
        cats = people.select(pl.col("categories").explode().drop_nulls()).to_series()
        for c, n in cats.value_counts().iter_rows():
            per[c] = per.get(c, 0) + n
    for flag in ("child", "special_category", "criminal_offence"):
        stats[flag] = stats.get(flag, 0) + (int(people[flag].sum()) if people.height else 0)


class _Batched:
    """Small frames gathered into one before they go to ``sink``, in order: a folder of
    thousands of small files should write a few large row groups, not one per file."""

    def __init__(self, sink: Callable[[pl.DataFrame], None], rows: int = 50_000) -> None:
        self.sink = sink
        self.rows = rows
        self.frames: list[pl.DataFrame] = []
        self.held = 0

    def add(self, df: pl.DataFrame) -> None:
        if df.height >= self.rows:
            self.flush()
            self.sink(df)
            return
        self.frames.append(df)
        self.held += df.height
        if self.held >= self.rows:
            self.flush()

    def flush(self) -> None:
        if self.frames:
            frames, self.frames, self.held = self.frames, [], 0
            self.sink(frames[0] if len(frames) == 1 else pl.concat(frames, how="vertical_relaxed"))


def _scan(items, detection, fields, writer, chunks, timings, state, log, progress,
          counts) -> None:
    """Read, detect and build records for every item; findings stream to ``writer``."""
    findings_out = _Batched(writer.write)
    records_out = _Batched(lambda recs: chunks.append(recs.filter(is_person(recs))))
    _scan_items(items, detection, fields, findings_out, records_out, timings, state, log,
                progress, counts)
    t0 = time.perf_counter()
    findings_out.flush()
    records_out.flush()
    timings["records"] += time.perf_counter() - t0


# A run of texts is detected with one ``detect_texts`` call and turned into findings and
# records as two frames, not two small frames per text: per-call costs dominate a folder of
# small files or a mailbox. A batch is bounded by characters and by texts, so memory does not
# grow with the input.
BATCH_CHARS = 2_000_000
BATCH_TEXTS = 4000


def _scan_items(items, detection, fields, findings_out, records_out, timings, state, log,
                progress, counts) -> None:
    batch = texts_detector(detection)
    pending: list[TextRef] = []
    chars = 0

    def flush() -> None:
        nonlocal chars
        if pending:
            _text_batch(pending, batch, fields, findings_out, records_out, timings, counts)
            pending.clear()
            chars = 0
            state.records = counts["records"]

    while True:
        t0 = time.perf_counter()
        item = next(items, None)
        timings["read"] += time.perf_counter() - t0
        if item is None:
            flush()
            return
        if isinstance(item, Table):
            flush()
            t0 = time.perf_counter()
            found = detect_table(detection, item.frame)
            t1 = time.perf_counter()
            findings, recs = table_records(item, found, fields)
            counts["records"] += item.frame.height
            counts["with_data"] += recs.height
            _emit(findings, recs, findings_out, records_out, counts)
            timings["detect"] += t1 - t0
            timings["records"] += time.perf_counter() - t1
        else:
            pending.append(TextRef.of(item))
            chars += len(item.text)
            if chars >= BATCH_CHARS or len(pending) >= BATCH_TEXTS:
                flush()
        state.files = len(log.entries)
        state.bytes = log.top_level_bytes
        state.records = counts["records"]
        if progress:
            progress(state)


def _text_batch(texts, detect_texts, fields, findings_out, records_out, timings,
                counts) -> None:
    """Detect a run of texts with one call; their findings and records as one frame each."""
    t0 = time.perf_counter()
    found = detect_texts([t.text for t in texts])
    t1 = time.perf_counter()
    findings, recs = texts_records(texts, found, fields)
    counts["records"] += len(texts)
    counts["with_data"] += found["doc"].n_unique()
    _emit(findings, recs, findings_out, records_out, counts)
    timings["detect"] += t1 - t0
    timings["records"] += time.perf_counter() - t1


def _emit(findings, recs, findings_out, records_out, counts) -> None:
    findings_out.add(findings)
    by_detector = counts["by_detector"]
    for det, n in findings["detector"].value_counts().iter_rows():
        by_detector[det] = by_detector.get(det, 0) + n
    if recs.height:
        records_out.add(recs)


def _summary(paths, breach_date, log: FileLog, records_total: int, with_data: int,
             linkable: int, stats: dict, by_detector: dict[str, int],
             findings: int, linked, timings: dict[str, float]) -> dict:
    per_category = dict(sorted(stats.get("per_category", {}).items(),
                               key=lambda kv: (-kv[1], kv[0])))
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
        "people": stats["people"],
        "people_band": people_band(stats["people"]),
        "people_per_category": per_category,
        "children": stats["child"],
        "special_category": {
            "people": stats["special_category"],
            "per_category": special,
        },
        "criminal_offence": {
            "people": stats["criminal_offence"],
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
