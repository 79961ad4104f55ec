"""The probabilistic stage: a Splink model (DuckDB backend) with fixed, documented weights.

Why fixed m and u rather than trained ones: EM training is most of Splink's run time on a
million rows and needs enough duplicates to converge, which a small breach folder does not
have. The weights below are the share of true matches (m) and of non-matches (u) at each level
for UK person records, chosen from the Office for National Statistics' published linkage
guidance orders of magnitude and checked on the synthetic benchmark; u for dates and names is
close to 1 / (distinct values), which holds for any large population.

Blocking: a pair is only compared when it agrees on one of a few combinations (a date of birth
and a name, a name and a postcode, both names, an email, a phone), never when both sides carry
an NI number or both an NHS number (those already decided), and never inside one group.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

import duckdb
import polars as pl
import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator

# More likely the same person than not. On the synthetic benchmark 0.5 gives the best
# people count; precision barely moves between 0.5 and 0.9 (see bench/REPORT.md).
THRESHOLD = 0.5

_SKIP_DECIDED = (
    "l.label <> r.label"
    " AND (l.nino_key IS NULL OR r.nino_key IS NULL)"
    " AND (l.nhs_key IS NULL OR r.nhs_key IS NULL)"
)
# Past this many rows to compare, blocks that grow with the square of the input get narrower:
# both names alone (a few hundred thousand name pairs shared by millions of people) need a
# postcode district too, and a date of birth with one name needs the other name's initial
# (a typo rarely falls on the first letter). Below it they stay wide: recall matters more
# than time in a small folder.
LARGE = 2_000_000
# DuckDB's own memory; past it, it spills to the work directory. The rest of the run (Polars)
# keeps its records beside it, so DuckDB does not get the default 80 % of the machine.
MEMORY_LIMIT = "4GB"

BLOCKING = (
    "l.dob_key = r.dob_key AND l.first_name = r.first_name",
    "l.dob_key = r.dob_key AND l.surname = r.surname",
    "l.dob_key = r.dob_key AND l.postcode_key = r.postcode_key",
    # Both names and the year of birth: catches a move of house with a typo in the date.
    "l.first_name = r.first_name AND l.surname = r.surname"
    " AND substr(l.dob_key, 1, 4) = substr(r.dob_key, 1, 4)",
    "l.surname = r.surname AND l.postcode_key = r.postcode_key",
    "l.first_name = r.first_name AND l.postcode_key = r.postcode_key",
    "l.email_key = r.email_key",
    "l.phone_key = r.phone_key",
)
_DISTRICT = (
    " AND substr(l.postcode_key, 1, length(l.postcode_key) - 3)"
    " = substr(r.postcode_key, 1, length(r.postcode_key) - 3)"
)


def blocking(n: int, missing_dob: bool) -> list[str]:
    """The blocking rules for ``n`` rows. Both names where a date of birth is missing (an
    email, a signature) are one rule per side, so that DuckDB keeps only the rows without a
    date before joining (``l.dob IS NULL OR r.dob IS NULL`` would join every pair of
    namesakes first and filter after: a billion pairs at 25 million rows)."""
    rules = list(BLOCKING)
    if n > LARGE:
        rules[0] += " AND substr(l.surname, 1, 1) = substr(r.surname, 1, 1)"
        rules[1] += " AND substr(l.first_name, 1, 1) = substr(r.first_name, 1, 1)"
    if missing_dob:
        both = "l.first_name = r.first_name AND l.surname = r.surname"
        if n > LARGE:
            both += _DISTRICT
        rules += [f"{both} AND l.dob_key IS NULL", f"{both} AND r.dob_key IS NULL"]
    return rules


def _name(col: str, exact_u: float) -> cl.CustomComparison:
    return cl.CustomComparison(
        comparison_levels=[
            cll.NullLevel(col),
            cll.ExactMatchLevel(col),
            cll.JaroWinklerLevel(col, 0.92),
            cll.JaroWinklerLevel(col, 0.80),
            cll.ElseLevel(),
        ],
        output_column_name=col,
    ).configure(
        m_probabilities=[0.86, 0.09, 0.04, 0.01],
        u_probabilities=[exact_u, exact_u * 0.5, 0.02, 1 - exact_u * 1.5 - 0.02],
    )


def _dob() -> cl.CustomComparison:
    transposed = (
        "substr(dob_key_l, 1, 4) = substr(dob_key_r, 1, 4)"
        " AND substr(dob_key_l, 6, 2) = substr(dob_key_r, 9, 2)"
        " AND substr(dob_key_l, 9, 2) = substr(dob_key_r, 6, 2)"
    )
    return cl.CustomComparison(
        comparison_levels=[
            cll.NullLevel("dob_key"),
            cll.ExactMatchLevel("dob_key"),
            cll.CustomLevel(transposed, "day and month transposed"),
            cll.DamerauLevenshteinLevel("dob_key", 1),
            cll.CustomLevel("substr(dob_key_l, 1, 4) = substr(dob_key_r, 1, 4)", "same year"),
            cll.ElseLevel(),
        ],
        output_column_name="dob_key",
    ).configure(
        m_probabilities=[0.89, 0.03, 0.06, 0.015, 0.005],
        u_probabilities=[0.00005, 0.00001, 0.0004, 0.014, 0.98554],
    )


def _postcode() -> cl.CustomComparison:
    district = (
        "substr(postcode_key_l, 1, length(postcode_key_l) - 3)"
        " = substr(postcode_key_r, 1, length(postcode_key_r) - 3)"
    )
    return cl.CustomComparison(
        comparison_levels=[
            cll.NullLevel("postcode_key"),
            cll.ExactMatchLevel("postcode_key"),
            cll.CustomLevel(district, "same postcode district"),
            cll.ElseLevel(),
        ],
        output_column_name="postcode_key",
    ).configure(m_probabilities=[0.78, 0.04, 0.18], u_probabilities=[0.00002, 0.0005, 0.99948])


def _exact(col: str, m: float, u: float) -> cl.ExactMatch:
    return cl.ExactMatch(col).configure(m_probabilities=[m, 1 - m], u_probabilities=[u, 1 - u])


def settings(n: int, missing_dob: bool = True) -> SettingsCreator:
    return SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            _name("first_name", 0.006),
            _name("surname", 0.002),
            _dob(),
            _postcode(),
            # Families share a mailbox and a landline: strong evidence, not proof.
            _exact("email_key", 0.8, 0.0001),
            _exact("phone_key", 0.75, 0.0001),
        ],
        blocking_rules_to_generate_predictions=[f"{b} AND {_SKIP_DECIDED}"
                                                for b in blocking(n, missing_dob)],
        # About one true match per record among everyone (1 / n), and never more than one in
        # a thousand however few records there are: small folders must not merge on a whim.
        probability_two_random_records_match=min(0.001, 1.0 / max(n, 2)),
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
    )


def predict_pairs(reps: pl.DataFrame, *, threads: int | None = None,
                  threshold: float = THRESHOLD, workdir: Path | None = None) -> pl.DataFrame:
    """(a, b) record-id pairs scored at or above ``threshold``. ``reps`` has ``unique_id``,
    ``label`` and the compared key columns."""
    if workdir is None:
        with tempfile.TemporaryDirectory(prefix="breachdesk-") as tmp:
            return predict_pairs(reps, threads=threads, threshold=threshold, workdir=Path(tmp))
    # An in-memory DuckDB spills to ./.tmp by default: these are personal data, so it spills
    # into the run's private work directory instead.
    spill = Path(workdir) / "duckdb"
    spill.mkdir(mode=0o700, parents=True, exist_ok=True)
    con = duckdb.connect(config={"temp_directory": str(spill)})
    try:
        if threads:
            con.execute(f"SET threads = {int(threads)}")
        con.execute("SET enable_progress_bar = false")
        con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        # Pairs in any order: keeping the order of rows costs memory in every join.
        con.execute("SET preserve_insertion_order = false")
        # A view, not a copy: Splink reads its input once, into a table of its own. Columns
        # with no value at all arrive as the Null type and are typed as text here.
        con.register("reps_arrow", reps.to_arrow())
        cols = ", ".join(f"CAST({c} AS VARCHAR) AS {c}" if t == pl.Null else c
                         for c, t in reps.schema.items())
        con.execute(f"CREATE VIEW reps AS SELECT {cols} FROM reps_arrow")
        db_api = DuckDBAPI(con)
        sdf = db_api.register("reps")
        missing_dob = reps["dob_key"].null_count() > 0
        linker = Linker(sdf, settings(reps.height, missing_dob), log_level=logging.WARNING)
        pred = linker.inference.predict(threshold_match_probability=threshold,
                                        warning_mode="never")
        rel = con.sql(f"SELECT unique_id_l AS a, unique_id_r AS b, match_probability AS p "
                      f"FROM {pred.physical_name}")
        pairs = pl.from_arrow(rel.to_arrow_table())
        assert isinstance(pairs, pl.DataFrame)
        return pairs.cast({"a": pl.UInt32, "b": pl.UInt32, "p": pl.Float32})
    finally:
        con.close()
