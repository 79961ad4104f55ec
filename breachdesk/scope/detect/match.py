"""The finding type shared by the text and column paths."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Match:
    """One detected item in free text. ``value`` is normalised for linking and never logged."""

    start: int
    end: int
    detector: str
    category: str
    confidence: float
    value: str
    masked: str

    def __repr__(self) -> str:  # never show the raw value, even in a traceback
        return (
            f"Match({self.start}, {self.end}, {self.detector!r}, {self.category!r}, "
            f"{self.confidence}, masked={self.masked!r})"
        )
