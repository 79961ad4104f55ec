"""Scoping: whose personal data, and which of it, was in the files that were lost.

    from breachdesk.scope import scope
    result = scope(["/evidence/export.zip"], "/cases/42/scope")
    result.summary["people"], result.people

Outputs (see ``pipeline.OUTPUTS``): people.parquet and people.csv (one row per person),
records.parquet (which person each row or text belongs to), findings.parquet (every item
found, masked) and summary.json (counts, bands, files not read and why, timings).
"""

from __future__ import annotations

from .context import Limits
from .errors import (
    Corrupt,
    Empty,
    Encrypted,
    LimitExceeded,
    NeedsOCR,
    ScopeError,
    Unreadable,
    Unsupported,
)
from .pipeline import OUTPUTS, Progress, ScopeResult, scope

__all__ = [
    "OUTPUTS",
    "Corrupt",
    "Empty",
    "Encrypted",
    "LimitExceeded",
    "Limits",
    "NeedsOCR",
    "Progress",
    "ScopeError",
    "ScopeResult",
    "Unreadable",
    "Unsupported",
    "scope",
]
