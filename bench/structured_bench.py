"""Structured benchmark: ``breachdesk scope`` against Splink alone on the same export.

    python bench/structured_bench.py --rows 1000000 --mode ids names --repeat 3

Each run is a separate process (so peak memory is that run's own), ours and the peer in turn
within one invocation so that they share the machine's state. Results go to
``bench/out/structured-results.json`` and a Markdown table to stdout.

Ours is the whole scope: sniff, read, detect and validate every column, build records, link
(exact keys, then Splink on what is left), build people, write every output. The peer is Splink
alone as its documentation sets it up: told the schema (no detection), trained (u by random
sampling, EM on two blocking rules), then predict and cluster.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from metrics import load, measured, pairwise, split_merge  # noqa: E402


def worker_ours(data: Path, out: Path, threads: int | None) -> dict:
    from breachdesk.scope import scope

    result = scope([data / "export.csv"], out, threads=threads)
    # Two columns only, streamed: at 25 M rows the whole file would add to the run's peak.
    pl.scan_parquet(out / "records.parquet").select("row", "person_id").sink_parquet(
        out / "bench-clusters.parquet")
    return {"people": result.summary["people"], "timings": result.summary["timings_seconds"],
            "linking": result.summary["linking"]}


def worker_splink(data: Path, out: Path, threads: int | None, mode: str) -> dict:
    import logging

    import duckdb
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    t0 = time.perf_counter()
    con = duckdb.connect()
    if threads:
        con.execute(f"SET threads = {threads}")
    con.execute(
        f"CREATE TABLE export AS SELECT row_number() OVER () - 1 AS unique_id, * "
        f"FROM read_csv('{data / 'export.csv'}', all_varchar = true)"
    )
    # Postcodes in the one form PostcodeComparison parses ("AB1 2CD"), so all its levels work.
    con.execute("UPDATE export SET postcode = regexp_replace(upper(replace(postcode, ' ', '')),"
                " '(...)$', ' \\1')")
    if mode == "ids":
        con.execute("UPDATE export SET ni_number = upper(replace(ni_number, ' ', '')), "
                    "phone = regexp_replace(replace(phone, '+44 ', '0'), '\\s', '', 'g')")
    db_api = DuckDBAPI(con)
    sdf = db_api.register("export")
    comparisons = [
        cl.NameComparison("first_name"),
        cl.NameComparison("surname"),
        cl.DateOfBirthComparison("dob", input_is_string=True, datetime_format="%d/%m/%Y"),
        cl.PostcodeComparison("postcode"),
    ]
    rules = [block_on("first_name", "surname"), block_on("dob", "surname"),
             block_on("dob", "first_name"), block_on("postcode", "surname")]
    if mode == "ids":
        comparisons += [cl.EmailComparison("email"), cl.ExactMatch("phone"),
                        cl.ExactMatch("ni_number"), cl.ExactMatch("nhs_number")]
        rules += [block_on("ni_number"), block_on("email")]
    settings = SettingsCreator(link_type="dedupe_only", comparisons=comparisons,
                               blocking_rules_to_generate_predictions=rules,
                               retain_intermediate_calculation_columns=False)
    linker = Linker(sdf, settings, log_level=logging.WARNING)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("first_name", "surname", "dob")], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("first_name", "surname"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    pred = linker.inference.predict(threshold_match_probability=0.9)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(pred, 0.95)
    con.execute(
        f"COPY (SELECT unique_id AS row, cluster_id AS person_id FROM "
        f"{clusters.physical_name}) TO '{out / 'bench-clusters.parquet'}' (FORMAT parquet)"
    )
    people = con.execute(
        f"SELECT count(DISTINCT cluster_id) FROM {clusters.physical_name}").fetchone()[0]
    return {"people": people, "timings": {"total": round(time.perf_counter() - t0, 3)}}


def score(data: Path, out: Path) -> dict:
    truth = pl.read_parquet(data / "truth.parquet")
    got = pl.read_parquet(out / "bench-clusters.parquet").with_columns(
        pl.col("row").cast(pl.Int64), pl.col("person_id").cast(pl.Utf8))
    joined = truth.with_columns(pl.col("row").cast(pl.Int64)).join(got, on="row", how="left")
    # A row that found no person counts as a person of its own (it would be missed).
    pred = joined.select(pl.coalesce("person_id", pl.lit("missing-") + pl.col("row")
                                     .cast(pl.Utf8)))
    return {**pairwise(pred.to_series(), joined["person"]),
            **split_merge(pred.to_series(), joined["person"]),
            "rows_without_person": int(joined["person_id"].null_count())}


def ensure_data(rows: int, mode: str) -> Path:
    data = HERE / "out" / f"structured-{mode}-{rows}"
    if not (data / "truth.parquet").exists():
        if rows > 1_000_000:  # the vectorised generator: same kinds of variation, any size
            from structured_big import generate as generate_big

            generate_big(rows, mode, data)
            return data
        from structured_data import generate

        data.mkdir(parents=True, exist_ok=True)
        export, truth = generate(rows, mode)
        export.write_csv(data / "export.csv")
        truth.write_parquet(data / "truth.parquet")
    return data


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, nargs="+", default=[1_000_000])
    ap.add_argument("--mode", nargs="+", default=["ids", "names"])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--peer-repeat", type=int, default=1)
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--no-peer", action="store_true")
    ap.add_argument("--worker", nargs=3, metavar=("WHICH", "DATA", "OUT"))
    ap.add_argument("--worker-mode", default="ids")
    args = ap.parse_args()
    if args.worker:
        which, data, out = args.worker
        fn = {"ours": lambda: worker_ours(Path(data), Path(out), args.threads),
              "splink": lambda: worker_splink(Path(data), Path(out), args.threads,
                                              args.worker_mode)}[which]
        print(json.dumps(fn()))
        return
    results = []
    for rows in args.rows:
        for mode in args.mode:
            data = ensure_data(rows, mode)
            runs = {"ours": [], "splink": []}
            for i in range(max(args.repeat, args.peer_repeat)):
                for which in ("ours", "splink"):
                    if which == "splink" and (args.no_peer or i >= args.peer_repeat):
                        continue
                    if which == "ours" and i >= args.repeat:
                        continue
                    with tempfile.TemporaryDirectory(dir=HERE / "out") as tmp:
                        out = Path(tmp) / "scope"
                        if which == "splink":
                            out.mkdir()
                        extra = ["--threads", str(args.threads)] if args.threads else []
                        r = measured([__file__, "--worker", which, str(data), str(out),
                                      "--worker-mode", mode, *extra])
                        r.update(score(data, out))
                        r["load"] = load()
                    runs[which].append(r)
                    print(f"{rows:>10} {mode:<5} {which:<6} {r['wall_s']:>7.1f}s "
                          f"{r['peak_rss_gib']:>5.2f} GiB F1={r['f1']:.4f} "
                          f"people={r['people']} (truth {r['true_people']}, "
                          f"{r['people_error_pct']:+.2f}%)", file=sys.stderr, flush=True)
            results.append({"rows": rows, "mode": mode, "runs": runs,
                            "median": {k: _median(v) for k, v in runs.items() if v}})
    path = HERE / "out" / "structured-results.json"
    existing = json.loads(path.read_text()) if path.exists() else []
    existing = [e for e in existing if (e["rows"], e["mode"]) not in
                {(r["rows"], r["mode"]) for r in results}]
    path.write_text(json.dumps(existing + results, indent=2))
    print(table(existing + results))


def _median(runs: list[dict]) -> dict:
    keys = ("wall_s", "peak_rss_gib", "f1", "precision", "recall", "people",
            "people_error_pct", "split_pct", "merged_pct")
    return {k: statistics.median(r[k] for r in runs) for k in keys} | {
        "true_people": runs[0]["true_people"], "n": len(runs)}


def table(results: list[dict]) -> str:
    lines = ["| rows | data | tool | wall s | peak GiB | people (truth) | error | P | R | F1 |",
             "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in sorted(results, key=lambda r: (r["rows"], r["mode"])):
        for tool, m in r["median"].items():
            name = "breachdesk scope" if tool == "ours" else "Splink alone"
            data = "with identifiers" if r["mode"] == "ids" else "names, DOB, address"
            lines.append(
                f"| {r['rows']:,} | {data} "
                f"| {name} (n={m['n']}) | {m['wall_s']:.1f} | {m['peak_rss_gib']:.2f} | "
                f"{m['people']:,} ({m['true_people']:,}) | {m['people_error_pct']:+.2f} % | "
                f"{m['precision']:.4f} | {m['recall']:.4f} | {m['f1']:.4f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
