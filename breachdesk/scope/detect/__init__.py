"""Detection: what personal data is in a piece of text or a table.

The interface the scope pipeline codes against:

- :class:`Match` -- one finding in free text (character offsets, detector, ICO category,
  confidence, normalised ``value`` for linking, ``masked`` for display).
- :func:`detect_text` -- findings in free text (emails, letters, case notes, log lines).
- :func:`detect_texts` -- the same for many texts at once, as one table (the fast path).
- :func:`detect_columns` -- findings in a table of strings, in long form.
- :data:`DETECTORS` -- the registry: declarative rules compiled late to Hyperscan/``re`` and
  to Polars expressions.
- :data:`FIELDS` -- which detectors give which linking field (name, email, phone, dob, ...).

Values are never logged; ``repr(Match)`` shows only the masked value.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from . import _compiled

_compiled.install()  # before the modules it may compile are imported

from ._compiled import extensions  # noqa: E402
from .batch import detect_frame  # noqa: E402
from .columns import detect_columns as _detect_columns  # noqa: E402
from .mask import mask  # noqa: E402
from .match import Match  # noqa: E402
from .rules import ALL, BY_NAME, FIELDS, Detector  # noqa: E402
from .text import default_scanner  # noqa: E402

DETECTORS: tuple[Detector, ...] = ALL

__all__ = [
    "BY_NAME",
    "DETECTORS",
    "FIELDS",
    "Detector",
    "Match",
    "detect_columns",
    "detect_text",
    "detect_texts",
    "extensions",
    "mask",
]


def detect_text(text: str) -> list[Match]:
    """Personal data in free text, sorted by position."""
    return default_scanner().scan(text)


def detect_columns(df: pl.DataFrame) -> pl.DataFrame:
    """Findings in a table whose columns are strings: one row per finding (see columns.py)."""
    return _detect_columns(df)


def detect_texts(texts: Sequence[str]) -> pl.DataFrame:
    """Personal data in many texts at once, as one table (faster than one call per text).

    One row per finding: ``doc`` (the text's index in ``texts``), ``start`` and ``end``
    (character offsets within that text), ``detector``, ``category``, ``confidence``,
    ``value`` (normalised, for linking; never log it) and ``masked``. Rows are in text order,
    then by position; each text's rows are exactly what :func:`detect_text` gives for it.
    """
    return detect_frame(default_scanner(), texts)
