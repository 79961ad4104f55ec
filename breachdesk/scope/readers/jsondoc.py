"""JSON and JSON Lines. A list of objects (or the biggest list of objects inside a document) is
a table, flattened; anything else is read as text so nothing is skipped."""

from __future__ import annotations

import json

import polars as pl

from ..context import Context
from ..errors import Corrupt
from ..sources import Items, Note, Source, Table, Text
from . import plaintext
from .delimited import _unique_names

IN_MEMORY = 512 << 20


def read(src: Source, ctx: Context) -> Items:
    if src.size > IN_MEMORY:
        yield Note(src, "JSON too large to parse whole: scanned as text")
        yield from plaintext.read_text_chunks(src, ctx, "utf-8")
        return
    raw = src.read_bytes()
    try:
        doc = json.loads(raw)
    except (ValueError, RecursionError):
        raise Corrupt("damaged or truncated JSON") from None
    rows = _biggest_record_list(doc)
    if rows:
        yield from _table(src, ctx, rows)
    else:
        yield Text(src, "", _flatten_text(doc))


def read_lines(src: Source, ctx: Context) -> Items:
    rows: list[dict] = []
    bad = 0
    start = 0
    with src.open() as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            try:
                obj = json.loads(line)
            except (ValueError, RecursionError):
                bad += 1
                continue
            rows.append(obj if isinstance(obj, dict) else {"value": obj})
            if len(rows) >= ctx.limits.chunk_rows:
                yield from _table(src, ctx, rows, start)
                start += len(rows)
                rows = []
    if rows:
        yield from _table(src, ctx, rows, start)
    if bad:
        yield Note(src, f"{bad} line(s) were not valid JSON and were skipped")
    elif start == 0 and not rows:
        raise Corrupt("no JSON records found")


def _table(src: Source, ctx: Context, rows: list[dict], start: int = 0) -> Items:
    flat = [_flatten(r) for r in rows]
    columns: dict[str, None] = {}
    for r in flat:
        columns.update(dict.fromkeys(r))
    names = list(columns)
    data = {n: [r.get(n) for r in flat] for n in names}
    df = pl.DataFrame(data, schema={n: pl.Utf8 for n in names})
    df = df.rename(dict(zip(names, _unique_names(names), strict=True)))
    yield Table(src, "", df, start)


def _flatten(obj: dict, prefix: str = "") -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for key, value in obj.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, f"{name}."))
        elif isinstance(value, list):
            out[name] = "; ".join(str(v) for v in value if not isinstance(v, (dict, list)))
        else:
            out[name] = None if value is None else str(value)
    return out


def _biggest_record_list(doc: object) -> list[dict]:
    best: list[dict] = []
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            records = [x for x in node if isinstance(x, dict)]
            if len(records) > len(best) and len(records) >= len(node) * 0.9:
                best = records
            stack.extend(x for x in node if isinstance(x, (dict, list)))
        elif isinstance(node, dict):
            stack.extend(v for v in node.values() if isinstance(v, (dict, list)))
    return best


def _flatten_text(doc: object) -> str:
    parts: list[str] = []
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for k, v in reversed(list(node.items())):
                stack.append(v)
                stack.append(f"{k}:")
        elif isinstance(node, list):
            stack.extend(reversed(node))
        elif node is not None:
            parts.append(str(node))
    return "\n".join(parts)
