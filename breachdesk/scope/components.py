"""Connected components over record ids, vectorised with Polars (no Python loop per edge).

Labels are the smallest record id in each component. Each round hooks every label to the
smallest label it shares an edge with, then pointer-jumps until every label points at a root;
the number of labels falls every round, and it takes a few rounds even for long chains.
"""

from __future__ import annotations

import polars as pl


def components(labels: pl.Series, a: pl.Series, b: pl.Series) -> tuple[pl.Series, int]:
    """New labels after adding edges (a, b) between record ids, and how many merges that was.

    ``labels`` maps record id (its index) to its component's label (the smallest record id).
    """
    labels = labels.cast(pl.UInt32)
    before = labels.n_unique()
    a, b = a.cast(pl.UInt32), b.cast(pl.UInt32)
    while True:
        pairs = pl.DataFrame({"la": labels.gather(a), "lb": labels.gather(b)}).filter(
            pl.col("la") != pl.col("lb")
        )
        if pairs.height == 0:
            break
        hooks = pairs.select(
            pl.max_horizontal("la", "lb").alias("x"), pl.min_horizontal("la", "lb").alias("y")
        ).group_by("x").agg(pl.col("y").min())
        parent = pl.Series("p", range(labels.len()), dtype=pl.UInt32).scatter(
            hooks["x"], hooks["y"]
        )
        while True:
            jumped = parent.gather(parent)
            if (jumped == parent).all():
                break
            parent = jumped
        labels = parent.gather(labels)
        keep = labels.gather(a) != labels.gather(b)
        a, b = a.filter(keep), b.filter(keep)
    return labels, before - labels.n_unique()
