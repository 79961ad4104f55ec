"""Free text: one multi-pattern pass for candidates, then validators and context.

Hyperscan scans every pattern of every detector in one pass over the bytes; it reports every
match end (with ``SOM_LEFTMOST`` the leftmost start for each), so candidates are reduced to
leftmost-longest per pattern, then validated in Python. Without Hyperscan the same patterns
run through ``re`` (slower, same results for these patterns).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from . import names
from .mask import mask
from .match import Match
from .rules import ALL, NAME_TOKEN, TITLE, Detector

try:  # optional at import: the fallback is the standard library
    import hyperscan as _hs
except ImportError:  # pragma: no cover - exercised by forcing the fallback in tests
    _hs = None

# Internal candidate patterns for the name and address rules (see names.py).
NAME_PATTERNS = {
    "name_title": r"\b" + TITLE + r"\.? " + NAME_TOKEN + r"(?: " + NAME_TOKEN + r"){0,2}",
    "name_seq": r"\b" + NAME_TOKEN + r"(?: (?:[A-Z]\.? )?" + NAME_TOKEN + r"){1,3}",
    "street": r"\b\d{1,4}[A-Za-z]?,? " + NAME_TOKEN + r"(?: " + NAME_TOKEN + r"){0,3}",
}


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: str  # a detector name or a NAME_PATTERNS key
    pattern: str
    caseless: bool


def _word_re(words: tuple[str, ...]) -> re.Pattern[str] | None:
    if not words:
        return None
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(r"(?<![a-z0-9])(?:" + alts + r")(?![a-z])")


class TextScanner:
    """Compiled once per process; :meth:`scan` is re-entrant within a thread."""

    def __init__(self, detectors: tuple[Detector, ...] = ALL, *, use_hyperscan: bool = True):
        self.detectors = {d.name: d for d in detectors}
        entries = [
            _Entry(d.name, p, d.caseless) for d in detectors for p in d.patterns
        ]
        entries += [_Entry(k, p, False) for k, p in NAME_PATTERNS.items()]
        self.entries = entries
        self.context = {d.name: _word_re(d.context) for d in detectors}
        self.negative = {d.name: _word_re(d.negative_context) for d in detectors}
        self._db = None
        self._res: list[tuple[int, re.Pattern[str]]] = []
        hs_ids: list[int] = []
        if use_hyperscan and _hs is not None:
            # Patterns Hyperscan cannot compile with start-of-match tracking run through re.
            for i, e in enumerate(entries):
                try:
                    _hs.Database().compile(
                        expressions=[e.pattern.encode()], ids=[i], flags=[self._flags(e)]
                    )
                    hs_ids.append(i)
                except _hs.error:
                    pass
            if hs_ids:
                self._db = _hs.Database()
                self._db.compile(
                    expressions=[entries[i].pattern.encode() for i in hs_ids],
                    ids=hs_ids,
                    flags=[self._flags(entries[i]) for i in hs_ids],
                )
        self._res = [
            (i, re.compile(e.pattern, re.IGNORECASE if e.caseless else 0))
            for i, e in enumerate(entries)
            if i not in set(hs_ids)
        ]

    @staticmethod
    def _flags(e: _Entry) -> int:
        return _hs.HS_FLAG_SOM_LEFTMOST | (_hs.HS_FLAG_CASELESS if e.caseless else 0)

    @property
    def engine(self) -> str:
        return "hyperscan" if self._db is not None and not self._res else (
            "hyperscan+re" if self._db is not None else "re")

    # -- candidates ---------------------------------------------------------------------------
    def candidates(self, text: str) -> dict[str, list[tuple[int, int]]]:
        """Leftmost-longest, non-overlapping (start, end) character spans per kind."""
        raw: list[tuple[int, int, int]] = []
        if self._db is not None:
            data = text.encode("utf-8", "surrogatepass")
            append = raw.append

            def on_match(i: int, start: int, end: int, flags: int, ctx: object) -> None:
                append((i, start, end))

            self._db.scan(data, match_event_handler=on_match)
            if len(data) != len(text):
                raw = _bytes_to_chars(text, raw)
        for i, rx in self._res:
            raw.extend((i, m.start(), m.end()) for m in rx.finditer(text))
        # Leftmost-longest per pattern: sort by start, longest first, then sweep.
        raw.sort(key=lambda t: (t[0], t[1], -t[2]))
        out: dict[str, list[tuple[int, int]]] = {}
        last_id, last_end = -1, -1
        for i, s, e in raw:
            if i != last_id:
                last_id, last_end = i, -1
            if s < last_end:
                continue
            last_end = e
            out.setdefault(self.entries[i].kind, []).append((s, e))
        for kind, spans in out.items():
            if len(spans) > 1:
                out[kind] = _leftmost_longest(spans)
        return out

    # -- validation -----------------------------------------------------------------------------
    def scan(self, text: str, *, min_confidence: float = 0.5) -> list[Match]:
        cands = self.candidates(text)
        found: list[Match] = []
        lower: str | None = None
        for kind, spans in cands.items():
            det = self.detectors.get(kind)
            if det is None:
                continue
            if lower is None:
                lower = text.lower()
            found.extend(self._validate(det, text, lower, spans))
        found = _resolve_overlaps(found)
        addresses = names.find_addresses(
            text,
            [m for m in found if m.detector == "postcode"],
            cands.get("street", []),
        )
        taken = [(m.start, m.end) for m in found if not self.detectors[m.detector].keyword]
        taken += [(a.start, a.end) for a in addresses]
        people = names.find_names(
            text,
            cands.get("name_title", []),
            cands.get("name_seq", []),
            taken,
        )
        found.extend(addresses)
        found.extend(people)
        found = [m for m in found if m.confidence >= min_confidence]
        found.sort(key=lambda m: (m.start, -m.end))
        return found

    def _validate(
        self, det: Detector, text: str, lower: str, spans: list[tuple[int, int]]
    ) -> list[Match]:
        out = []
        ctx_re, neg_re = self.context[det.name], self.negative[det.name]
        prev_end = 0
        for s, e in spans:
            raw = text[s:e]
            if det.name in ("username", "password"):
                s, raw = _after_label(text, e)
                e = s + len(raw)
                if not raw:
                    continue
            value = det.validate(raw) if det.validate else raw
            if value is None:
                continue
            lo = max(0, s - det.window)
            if det.context_required:
                # A context word applies to the first candidate after it, not to later ones.
                lo = max(lo, prev_end)
            window = lower[lo:s]
            prev_end = e
            conf = det.confidence
            # A context word for this kind wins over a word that says "something else".
            if ctx_re is not None and ctx_re.search(window):
                conf = min(0.99, conf + 0.25 if det.name == "nhs_number" else conf + 0.05)
            elif det.context_required or neg_re is not None and neg_re.search(window):
                continue
            elif det.name == "nino" and len(value) == 8:
                continue  # no suffix and no context: as likely a reference as an NI number
            out.append(Match(s, e, det.name, det.category, round(conf, 2), value, mask(value)))
        return out


def _leftmost_longest(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans.sort(key=lambda t: (t[0], -t[1]))
    kept: list[tuple[int, int]] = []
    last_end = -1
    for s, e in spans:
        if s >= last_end:
            kept.append((s, e))
            last_end = e
    return kept


_VALUE_AFTER_LABEL = re.compile(r" ?(\S+)")


def _after_label(text: str, end: int) -> tuple[int, str]:
    """The token after a "username:" or "password is" label ending at ``end``."""
    m = _VALUE_AFTER_LABEL.match(text, end)
    if not m:
        return end, ""
    value = m.group(1).rstrip(".,;:)\"'")
    return m.start(1), value


def _resolve_overlaps(found: list[Match]) -> list[Match]:
    """Where identifiers of different kinds overlap, keep the most confident (then longest)."""
    keyword = [m for m in found if m.detector in _KEYWORD_NAMES]
    ids = [m for m in found if m.detector not in _KEYWORD_NAMES]
    ids.sort(key=lambda m: (-m.confidence, -(m.end - m.start), m.start))
    kept: list[Match] = []
    for m in ids:
        if any(m.start < k.end and k.start < m.end for k in kept):
            continue
        kept.append(m)
    return kept + keyword


_KEYWORD_NAMES = frozenset(d.name for d in ALL if d.keyword)


def _bytes_to_chars(text: str, raw: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Map UTF-8 byte offsets to character offsets (only non-ASCII characters cost anything)."""
    byte_pos: list[int] = []  # byte offset just after each non-ASCII character
    extra: list[int] = []  # cumulative extra bytes up to and including it
    total = 0
    for m in re.finditer(r"[^\x00-\x7f]", text):
        ch = m.group()
        total += len(ch.encode("utf-8", "surrogatepass")) - 1
        byte_pos.append(m.start() + total + 1)
        extra.append(total)

    def conv(b: int) -> int:
        k = bisect_right(byte_pos, b)
        return b - (extra[k - 1] if k else 0)

    return [(i, conv(s), conv(e)) for i, s, e in raw]


@cache
def default_scanner() -> TextScanner:
    return TextScanner()
