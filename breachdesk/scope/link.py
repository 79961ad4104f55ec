"""Linking records into people: exact keys first, then Splink for what they leave.

1. Exact rules (deterministic, in order): NI number, NHS number, email with name, payment
   card, and name + date of birth + postcode. Each groups records on a key and merges groups.
2. Probabilistic: Splink on DuckDB, on one row per distinct set of details in each group (so a
   million-row export of 700,000 people is compared as about 700,000 rows, not a million).
   Pairs where both sides carry an NI number (or both an NHS number) are never compared:
   those identifiers already decided whether they are the same person.
3. Clusters: connected components over both kinds of link.

The summary says how many merges, and how many final people, each rule accounts for.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from .components import components

EXACT_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("NI number", ("nino_key",)),
    ("NHS number", ("nhs_key",)),
    # Email with the first name, not the surname: families share a mailbox and a surname.
    ("email and name", ("email_key", "first_name")),
    ("payment card", ("card_key", "surname")),
    ("name, date of birth and postcode", ("first_name", "surname", "dob_key", "postcode_key")),
)
STRONG = {"NI number", "NHS number"}
PROBABILISTIC = "probabilistic (Splink)"
COMPARED = ("first_name", "surname", "dob_key", "postcode_key", "email_key", "phone_key",
            "nino_key", "nhs_key")


@dataclass
class LinkResult:
    labels: pl.Series  # record id -> label (smallest record id of its person)
    merges: dict[str, int] = field(default_factory=dict)
    people_by_rule: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    compared_pairs: int = 0


def link(keyed: pl.DataFrame, *, splink: bool = True, threads: int | None = None,
         workdir: Path | None = None) -> LinkResult:
    """Cluster records. ``keyed`` has the columns from ``normalise.keys`` and one row per
    record; record ids are row positions. DuckDB spills to ``workdir`` (the run's private
    work directory), never to the current directory."""
    n = keyed.height
    labels = pl.Series("label", range(n), dtype=pl.UInt32)
    result = LinkResult(labels)
    if n == 0:
        return result
    ids = pl.Series("rid", range(n), dtype=pl.UInt32)
    frame = keyed.select(*COMPARED, "card_key").with_columns(ids)
    # Ours alone now (pipeline passes it without keeping a name for it): freed with ``frame``.
    del keyed
    used: dict[str, list[pl.Series]] = {}
    t0 = time.perf_counter()
    for rule, cols in EXACT_RULES:
        edges = (
            frame.filter(pl.all_horizontal(pl.col(c).is_not_null() for c in cols))
            .select(pl.col("rid"), pl.col("rid").min().over(cols).alias("root"))
            .filter(pl.col("rid") != pl.col("root"))
        )
        # Only links between different groups matter; most repeat a link already made.
        edges = edges.filter(labels.gather(edges["rid"]) != labels.gather(edges["root"]))
        if edges.height and rule not in STRONG:
            edges = _without_conflicts(frame, labels, edges, "rid", "root")
        if edges.height:
            labels = _apply(result, rule, labels, edges["rid"], edges["root"], used)
    result.timings["link_exact"] = time.perf_counter() - t0
    if splink:
        t0 = time.perf_counter()
        # Only the identifiers are needed after Splink: the names and dates are let go of
        # before DuckDB takes its share of memory (about 2 GB at 25 M records). Held in a
        # list and popped into the call, so that no name here keeps them alive.
        compared = [frame.with_columns(labels.alias("label"))]
        frame = frame.select("nino_key", "nhs_key")
        pairs = _probabilistic(compared.pop(), threads, workdir)
        pairs = _without_conflicts(frame, labels, pairs, "a", "b")
        result.compared_pairs = pairs.height
        if pairs.height:
            labels = _apply(result, PROBABILISTIC, labels, pairs["a"], pairs["b"], used)
        result.timings["link_probabilistic"] = time.perf_counter() - t0
    result.labels = labels
    for rule, anchors in used.items():
        result.people_by_rule[rule] = labels.gather(pl.concat(anchors)).n_unique()
    return result


def _without_conflicts(frame: pl.DataFrame, labels: pl.Series, edges: pl.DataFrame,
                       a: str, b: str) -> pl.DataFrame:
    """Drop links between people who hold different NI (or NHS) numbers: two groups with
    different identifiers are two people, however alike their names and dates are."""
    ids = (
        frame.select("nino_key", "nhs_key").with_columns(labels.alias("label"))
        .group_by("label").agg(pl.col("nino_key").drop_nulls().first(),
                               pl.col("nhs_key").drop_nulls().first())
    )
    with_ids = edges.with_columns(
        labels.gather(edges[a].cast(pl.UInt32)).alias("_la"),
        labels.gather(edges[b].cast(pl.UInt32)).alias("_lb"),
    ).join(ids.rename({"label": "_la", "nino_key": "_na", "nhs_key": "_ha"}), on="_la",
           how="left").join(
        ids.rename({"label": "_lb", "nino_key": "_nb", "nhs_key": "_hb"}), on="_lb", how="left")
    clash = ((pl.col("_na") != pl.col("_nb")).fill_null(False)
             | (pl.col("_ha") != pl.col("_hb")).fill_null(False))
    return with_ids.filter(~clash).select(edges.columns)


def _apply(result: LinkResult, rule: str, labels: pl.Series, a: pl.Series, b: pl.Series,
           used: dict[str, list[pl.Series]]) -> pl.Series:
    merging = labels.gather(a.cast(pl.UInt32)) != labels.gather(b.cast(pl.UInt32))
    new, merges = components(labels, a, b)
    result.merges[rule] = result.merges.get(rule, 0) + merges
    if merges:
        used.setdefault(rule, []).append(a.cast(pl.UInt32).filter(merging))
    return new


def _probabilistic(frame: pl.DataFrame, threads: int | None,
                   workdir: Path | None) -> pl.DataFrame:
    """Pairs of record ids Splink scores as the same person, across different groups."""
    # One row per distinct set of details within a group: the duplicates inside a group add
    # nothing to compare.
    reps = (
        frame.filter(pl.col("first_name").is_not_null() | pl.col("surname").is_not_null())
        .unique(subset=["label", *COMPARED], keep="first", maintain_order=False)
        .drop("card_key")
        .rename({"rid": "unique_id"})
    )
    del frame  # the caller keeps no name for it: only the representatives stay
    # A pair is only worth scoring when it is not decided by identifiers on both sides.
    if (reps.height < 2 or reps["label"].n_unique() < 2
            or reps["nino_key"].null_count() == 0 or reps["nhs_key"].null_count() == 0):
        return pl.DataFrame(schema={"a": pl.UInt32, "b": pl.UInt32})
    from .splink_model import predict_pairs

    return predict_pairs(reps, threads=threads, workdir=workdir)


# Splink logs each step at INFO; a scan prints its own progress.
logging.getLogger("splink").setLevel(logging.WARNING)
