"""Free text: one multi-pattern pass for candidates, then validators and context.

Hyperscan scans every pattern of every detector in one pass over the bytes; it reports every
match end (with ``SOM_LEFTMOST`` the leftmost start for each), so candidates are reduced to
leftmost-longest per pattern, then validated in Python. Without Hyperscan the same patterns
run through ``re`` (slower, same results for these patterns).

Where the ``_hscan`` extension is built (libhs, setup.py), it scans and reduces the matches in C
(see ``_hscan.pyx``); else the ``hyperscan`` package's callback collects them in Python. Same
candidates either way; ``BREACHDESK_NO_EXTENSIONS=1`` takes the Python path.
"""

from __future__ import annotations

import codecs
import os
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from pathlib import Path

from . import names, validators
from .mask import mask
from .match import Match, new_match
from .rules import ALL, BASIC, NAME_TOKEN, TITLE, Detector
from .validators import check, code_of

try:  # optional at import: the fallback is the standard library
    import hyperscan as _hs
except ImportError:  # pragma: no cover - exercised by forcing the fallback in tests
    _hs = None

try:  # Cython compiles this module (setup.py); the hand-written paths below run only then
    import cython

    _COMPILED = cython.compiled
except ImportError:  # plain Python without Cython installed
    _COMPILED = False


def _compiled_core():
    """The ``_hscan`` extension, unless switched off, not built, or older than its source (stale
    code could give other candidates than the source says: the hyperscan package runs)."""
    if os.environ.get("BREACHDESK_NO_EXTENSIONS"):
        return None
    try:
        from . import _hscan
    except ImportError:
        return None
    source = Path(__file__).with_name("_hscan.pyx")
    if source.exists() and Path(_hscan.__file__).stat().st_mtime < source.stat().st_mtime:
        warnings.warn("breachdesk: the compiled _hscan module is older than _hscan.pyx, so the "
                      "hyperscan package runs (slower); `make install` rebuilds it",
                      RuntimeWarning, stacklevel=2)
        return None
    return _hscan


_hscan = _compiled_core()
# Where the flags' values come from (the same in both).
_HS_FLAGS = _hscan if _hscan is not None else _hs

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


def _context_words(words: tuple[str, ...]) -> _Words | None:
    return _Words(words) if words else None


class _Words:
    """A detector's context (or negative context) words, looked for in the window of text
    before a candidate, lower-cased, as ``(?<![a-z0-9])(?:word|...)(?![a-z])`` finds them.

    Compiled, :func:`_scan_words` matches the words by hand in the text itself, with no window
    string and no regex (about ten thousand windows a megabyte were a third of the validation
    stage); a window with a character beyond ASCII, whose lower case may not be one character
    for one, is left to the regex.
    """

    def __init__(self, words: tuple[str, ...]):
        self.words = tuple(sorted(set(words), key=len, reverse=True))
        alts = "|".join(re.escape(w) for w in self.words)
        self.regex = re.compile(r"(?<![a-z0-9])(?:" + alts + r")(?![a-z])")
        # By hand only words the regex can find in a lower-cased window: ASCII, lower case.
        self.by_hand = _COMPILED and all(w and w.isascii() and w == w.lower() for w in self.words)
        # The words by their first character's code (0-127), and 1 for a code that starts one.
        self.by_first = tuple(tuple(w for w in self.words if w and ord(w[0]) == c)
                              for c in range(128))
        self.starts = bytes(1 if group else 0 for group in self.by_first)

    def found(self, text: str, lo, hi, lowered) -> bool:
        """Whether a word is in ``text[lo:hi]`` lower-cased (``lowered``: text is already)."""
        if self.by_hand:
            hit = _scan_words(self, text, lo, hi)
            if hit >= 0:
                return hit == 1
        window = text[lo:hi] if lowered else text[lo:hi].lower()
        return self.regex.search(window) is not None


def _scan_words(words: _Words, text: str, lo, hi) -> int:
    """1 if a word is in ``text[lo:hi]`` lower-cased, at the start of the range or after a
    character that is not a-z or 0-9, and at its end or before a character that is not a-z;
    else 0; -1 when a character beyond ASCII had to be read. The words are ASCII, lower case,
    by their first character: ``words.by_first[c]`` holds those that start with ``chr(c)``,
    and ``words.starts[c]`` says whether any does (most characters start none: no tuple read).

    A match found before any character beyond ASCII is one the regex finds in the window
    lower-cased: the lower case of ASCII is one character for one, so the characters before
    it sit at the same places in the window.
    """
    by_first, starts = words.by_first, words.starts
    alnum_before = False
    p = lo - 1
    for ch in text[lo:hi]:  # compiled, read from a C array (the slice is one copy)
        p += 1
        c = ord(ch)
        if c >= 128:
            return -1
        if 65 <= c <= 90:
            c += 32
        if not alnum_before and starts[c]:
            group = by_first[c]
            for w in group:
                n = len(w)
                if p + n > hi:
                    continue
                j = 1
                while j < n:
                    d = ord(text[p + j])
                    if d >= 128:
                        return -1
                    if 65 <= d <= 90:
                        d += 32
                    if d != ord(w[j]):
                        break
                    j += 1
                if j < n:
                    continue
                if p + n == hi:
                    return 1
                d = ord(text[p + n])
                if d >= 128:
                    return -1
                if not (97 <= d <= 122 or 65 <= d <= 90):
                    return 1
        alnum_before = 97 <= c <= 122 or 48 <= c <= 57
    return 0


# The email pattern starts with an unbounded class ("[A-Za-z0-9][A-Za-z0-9._%+'-]*@"), which
# makes Hyperscan's start-of-match tracking expensive: with SOM_LEFTMOST it was half the cost
# of the whole pass. Hyperscan scans from the "@" instead and the start is found in Python,
# by the same rule: the leftmost letter or digit of the run of local-part characters before it.
# Only for a pattern that starts with exactly this local part (else it is scanned as it is).
_EMAIL_LOCAL_PART = r"[A-Za-z0-9][A-Za-z0-9._%+'\-]*@"
_EMAIL_LOCAL = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+'-")
_ALNUM = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")


class _Kind:
    """A detector prepared for the validation loop: everything looked up once.

    Not changed after it is made. Compiled, a C struct (text.pxd): the loops over findings
    read ``name``, ``category`` and ``keyword`` without an attribute lookup each.
    """

    __slots__ = ("index", "name", "category", "validate", "code", "ctx", "neg", "window",
                 "required", "conf", "conf_ctx", "label", "nino", "keyword")

    def __init__(self, index: int, name: str, category: str,
                 validate: Callable[[str], str | None] | None, ctx: _Words | None,
                 neg: _Words | None, window: int, required: bool, conf: float, conf_ctx: float,
                 label: bool, nino: bool, keyword: bool):
        self.index = index
        self.name = name
        self.category = category
        self.validate = validate
        self.code = code_of(validate)  # validators.check's number for it, or -1
        self.ctx = ctx
        self.neg = neg
        self.window = window
        self.required = required
        self.conf = conf  # rounded, as a Match carries it
        self.conf_ctx = conf_ctx  # with a context word
        self.label = label  # the value follows a label ("username:", "password is")
        self.nino = nino
        self.keyword = keyword  # a keyword signal (special category), not an identifier

    def __repr__(self) -> str:
        return f"_Kind({self.name!r})"


class TextScanner:
    """Compiled once per process; :meth:`scan` is re-entrant within a thread."""

    def __init__(self, detectors: tuple[Detector, ...] = ALL, *, use_hyperscan: bool = True,
                 use_core: bool = True):
        self.detectors = {d.name: d for d in detectors}
        entries = [
            _Entry(d.name, p, d.caseless) for d in detectors for p in d.patterns
        ]
        entries += [_Entry(k, p, False) for k, p in NAME_PATTERNS.items()]
        self.entries = entries
        self.context = {d.name: _context_words(d.context) for d in detectors}
        self.negative = {d.name: _context_words(d.negative_context) for d in detectors}
        self._kinds = [self._kind(i, d) for i, d in enumerate(detectors)]
        self._kind_by_name = {k.name: k for k in self._kinds}
        self._kind_names = [e.kind for e in entries]
        # Kinds with several patterns need one more leftmost-longest pass across them.
        counts: dict[str, int] = {}
        for e in entries:
            counts[e.kind] = counts.get(e.kind, 0) + 1
        self._multi = frozenset(k for k, n in counts.items() if n > 1)
        self._email_id = next(
            (i for i, e in enumerate(entries) if e.kind == "email" and not e.caseless
             and e.pattern.startswith(_EMAIL_LOCAL_PART)), None)
        self._db = None
        self._core = None  # the _hscan scanner: the compiled candidate pass
        self._fallback: TextScanner | None = None  # without the compiled pass, if ever needed
        self._res: list[tuple[int, re.Pattern[str]]] = []
        hs_ids: list[int] = []
        if use_hyperscan and use_core and _hscan is not None:
            # Patterns libhs cannot compile with start-of-match tracking run through re.
            hs_ids = [i for i, e in enumerate(entries)
                      if _hscan.compiles(self._hs_pattern(i).encode(), self._flags(e))]
            if hs_ids:
                self._core = _hscan.Scanner(
                    [self._hs_pattern(i).encode() for i in hs_ids], hs_ids,
                    [self._flags(entries[i]) for i in hs_ids], self._kind_names,
                    sorted(self._multi), -1 if self._email_id not in hs_ids else self._email_id,
                )
        elif use_hyperscan and _hs is not None:
            for i, e in enumerate(entries):
                try:
                    _hs.Database().compile(
                        expressions=[self._hs_pattern(i).encode()], ids=[i],
                        flags=[self._flags(e)],
                    )
                    hs_ids.append(i)
                except _hs.error:
                    pass
            if hs_ids:
                self._db = _hs.Database()
                self._db.compile(
                    expressions=[self._hs_pattern(i).encode() for i in hs_ids],
                    ids=hs_ids,
                    flags=[self._flags(entries[i]) for i in hs_ids],
                )
        if self._email_id not in hs_ids:
            self._email_id = None
        self._res = [
            (i, re.compile(e.pattern, re.IGNORECASE if e.caseless else 0))
            for i, e in enumerate(entries)
            if i not in set(hs_ids)
        ]
        # One-off loads (phone metadata, vocabularies) here rather than on the first text.
        validators.warm_up()
        names.warm_up()

    def _hs_pattern(self, i: int) -> str:
        pattern = self.entries[i].pattern
        if i == self._email_id:  # from the "@" on
            return pattern[len(_EMAIL_LOCAL_PART) - 1:]
        return pattern

    def _kind(self, index: int, d: Detector) -> _Kind:
        conf_ctx = min(0.99, d.confidence + 0.25 if d.name == "nhs_number" else d.confidence + 0.05)
        return _Kind(
            index, d.name, d.category, d.validate, self.context[d.name], self.negative[d.name],
            d.window, d.context_required, round(d.confidence, 2), round(conf_ctx, 2),
            d.name in ("username", "password"), d.name == "nino", d.keyword,
        )

    @staticmethod
    def _flags(e: _Entry) -> int:
        return _HS_FLAGS.HS_FLAG_SOM_LEFTMOST | (_HS_FLAGS.HS_FLAG_CASELESS if e.caseless else 0)

    @property
    def engine(self) -> str:
        """ "hyperscan" (the package, matches collected in Python), "libhs" (the compiled
        candidate pass), either with "+re" for patterns Hyperscan refused, or "re"."""
        hs = "libhs" if self._core is not None else "hyperscan" if self._db is not None else None
        return "re" if hs is None else hs + "+re" if self._res else hs

    # -- candidates ---------------------------------------------------------------------------
    def _hits(self, text: str) -> tuple[list[list[int]], int]:
        """Every match reported, per pattern id, sorted by start and then longest first, each
        as one int: ``(start << bits) | (mask - end)`` with ``mask = (1 << bits) - 1`` (bits
        the second value returned). An int is cheaper to build in the match callback, and to
        sort, than a tuple.

        One list per pattern: Hyperscan reports each pattern's matches in order of their
        ends, so each list is nearly sorted already and sorts in little more than one pass.
        """
        bits = len(text).bit_length()
        mask = (1 << bits) - 1
        buckets: list[list[int]] = [[] for _ in self.entries]
        if self._db is not None:
            data = one_byte_per_char(text)
            appends = [b.append for b in buckets]

            def on_match(i: int, start: int, end: int, flags: int, ctx: object) -> None:
                appends[i]((start << bits) | (mask - end))

            self._db.scan(data, match_event_handler=on_match)
            email = self._email_id
            if email is not None and buckets[email]:
                hits = sorted(buckets[email])
                hits = _email_starts(data, [(k >> bits, (k & mask) - mask) for k in hits])
                buckets[email] = [(st << bits) | (mask + ne) for st, ne in hits]
        for i, rx in self._res:
            buckets[i].extend((m.start() << bits) | (mask - m.end()) for m in rx.finditer(text))
        for b in buckets:
            if len(b) > 1:
                b.sort()
        return buckets, bits

    def _python_pass(self) -> TextScanner:
        if self._fallback is None:
            self._fallback = TextScanner(tuple(self.detectors.values()), use_core=False)
        return self._fallback

    def candidates(self, text: str) -> dict[str, list[tuple[int, int]]]:
        """Leftmost-longest, non-overlapping (start, end) character spans per kind."""
        if self._core is not None:
            extra = [(i, m.start(), m.end()) for i, rx in self._res for m in rx.finditer(text)]
            try:
                return self._core.candidates(text, extra)
            except _hscan.HyperscanError:
                # libhs failed, or a start the reversed automaton should find was not found
                # (a bug, never seen): this text's candidates come from the Python pass over
                # the hyperscan package instead (the reference), so no text goes unscanned.
                return self._python_pass().candidates(text)
        out: dict[str, list[tuple[int, int]]] = {}
        kind_of = self._kind_names
        buckets, bits = self._hits(text)
        mask = (1 << bits) - 1
        for i, hits in enumerate(buckets):  # by pattern id; each by start, longest first
            if not hits:
                continue
            spans = out.get(kind_of[i])
            if spans is None:
                spans = out[kind_of[i]] = []
            keep = spans.append
            last_end = -1
            for k in hits:
                s = k >> bits
                if s >= last_end:
                    last_end = mask - (k & mask)
                    keep((s, last_end))
        for kind in self._multi.intersection(out):
            if len(out[kind]) > 1:
                out[kind] = _leftmost_longest(out[kind])
        return out

    # -- validation -----------------------------------------------------------------------------
    def scan(self, text: str, *, min_confidence: float = 0.5) -> list[Match]:
        """Findings in one text, sorted by position."""
        out = [new_match(s, e, d, c, conf, v, mask(v))
               for s, e, d, c, conf, v in self.find(text, min_confidence)]
        out.sort(key=_position)
        return out

    def find(self, text: str, min_confidence: float = 0.5) -> list[Found]:
        """Findings in one text as (start, end, detector, category, confidence, value) tuples,
        identifiers and keywords first, then addresses, then names (not sorted)."""
        found, addresses, people = self._rules(text)
        return _rows(found, addresses, people, min_confidence)

    def find_columns(self, text: str, min_confidence: float = 0.5) -> list[list]:
        """What :meth:`find` returns, as columns: start, end, detector, category, confidence
        and value lists, the rows in the same order (``list(zip(*cols)) == find(text)``).

        For a table (batch.py): no tuple per finding to build and then take apart. The rows
        are read in the order they were made (in another order, sorted by position say, the
        objects they hold would be read from all over memory: slower, as measured).
        """
        found, addresses, people = self._rules(text)
        return _columns(found, addresses, people, min_confidence)

    def _rules(self, text: str) -> tuple[list, list, list]:
        """Every rule's findings, before the confidence floor: identifiers (overlaps resolved)
        then keywords as (start, end, kind, confidence, value); addresses and names as
        (start, end, confidence, value)."""
        cands = self.candidates(text)
        kinds = self._kind_by_name
        # Accepted identifiers and keywords as (start, end, kind, confidence, value) tuples,
        # apart: only identifiers' overlaps are resolved.
        ids: list[tuple[int, int, _Kind, float, str]] = []
        keywords: list[tuple[int, int, _Kind, float, str]] = []
        # Context windows are lower-cased one by one (a few thousand short strings cost less
        # than lower-casing all of a batch's text); the same characters as slices of the text
        # lower-cased whole, unless a character lower-cases to two (only U+0130 does), which
        # would shift every offset after it.
        lower = text.lower() if "\u0130" in text else None
        for name, spans in cands.items():
            k = kinds.get(name)
            if k is None:
                continue
            _validate(k, text, lower, spans, keywords if k.keyword else ids)
        if not ids and not keywords and not cands.get("street") and not cands.get("name_seq") \
                and not cands.get("name_title"):
            return [], [], []
        # ``ids`` is in detector order (candidates come sorted by pattern id), which breaks
        # ties between equally confident overlapping findings as before.
        ids = _resolve_ids(ids)
        postcode = kinds.get("postcode")
        postcodes = [(m[0], m[1]) for m in ids if m[2] is postcode]
        addresses = names.find_addresses(text, postcodes, cands.get("street", []))
        taken = [(m[0], m[1]) for m in ids]
        taken += [(a[0], a[1]) for a in addresses]
        people = names.find_names(
            text,
            cands.get("name_title", []),
            cands.get("name_seq", []),
            taken,
        )
        ids += keywords
        return ids, addresses, people


def _rows(found: list, addresses: list, people: list, min_confidence) -> list[Found]:
    """The findings of :meth:`TextScanner.find` from what :meth:`TextScanner._rules` gives."""
    out = []
    for m in found:
        c = m[3]
        if c >= min_confidence:
            k = m[2]
            out.append((m[0], m[1], k.name, k.category, m[3], m[4]))
    for rows, name in ((addresses, "address"), (people, "name")):
        for m in rows:
            c = m[2]
            if c >= min_confidence:
                out.append((m[0], m[1], name, BASIC, m[2], m[3]))
    return out


def _columns(found: list, addresses: list, people: list, min_confidence) -> list[list]:
    """The columns of :meth:`TextScanner.find_columns`: ``found`` as :meth:`TextScanner._rules`
    gives it (with kinds), then ``addresses``, then ``people``."""
    start: list[int] = []
    end: list[int] = []
    detector: list[str] = []
    category: list[str] = []
    confidence: list[float] = []
    value: list[str] = []
    for m in found:
        c = m[3]  # compiled, a C double: compared without a float object made for the floor
        if c >= min_confidence:
            k = m[2]
            start.append(m[0])
            end.append(m[1])
            detector.append(k.name)
            category.append(k.category)
            confidence.append(m[3])
            value.append(m[4])
    for rows, name in ((addresses, "address"), (people, "name")):
        for m in rows:
            c = m[2]
            if c >= min_confidence:
                start.append(m[0])
                end.append(m[1])
                detector.append(name)
                category.append(BASIC)
                confidence.append(m[2])
                value.append(m[3])
    return [start, end, detector, category, confidence, value]


# (start, end, detector, category, confidence, normalised value)
Found = tuple[int, int, str, str, float, str]


def _position(m: Match) -> tuple[int, int]:
    return (m.start, -m.end)


def _validate(k: _Kind, text: str, lower: str | None, spans: list, out: list) -> None:
    """Append the valid candidates of one kind (``spans``: (start, end) tuples) to ``out`` as
    (start, end, kind, confidence, value) tuples. ``lower`` is the text lower-cased, or None to
    lower-case each context window as it is read.

    Cheap checks first: a kind that needs a context word looks for it before validating, so
    most of its candidates (other dates, other numbers) cost one small search.
    """
    ctx, neg, w = k.ctx, k.neg, k.window
    if k.label:
        for s, e in spans:
            s, raw = _after_label(text, e)
            if not raw:
                continue
            value = _check(k, raw, 0, len(raw))
            if value is not None:
                out.append((s, s + len(raw), k, k.conf, value))
        return
    if k.required:
        if ctx is None:
            return
        _validate_in_context(k, text, lower, spans, out)
        return
    conf = k.conf
    # A finding holds its candidate's own start and end (the same int objects: compiled, new
    # ones would be made from C integers).
    if ctx is None and neg is None:
        for span in spans:
            value = _check(k, text, span[0], span[1])
            if value is None:
                continue
            if k.nino and len(value) == 8:
                continue  # no suffix and no context: as likely a reference as an NI number
            out.append((span[0], span[1], k, conf, value))
        return
    # The context window: ``text[lo:s]`` lower-cased, or the same slice of ``lower``.
    src, lowered = (text, False) if lower is None else (lower, True)
    for span in spans:
        s, e = span[0], span[1]
        value = _check(k, text, s, e)
        if value is None:
            continue
        lo = s - w if s > w else 0
        # A context word for this kind wins over a word that says "something else".
        if ctx is not None and ctx.found(src, lo, s, lowered):
            out.append((span[0], span[1], k, k.conf_ctx, value))
        elif neg is not None and neg.found(src, lo, s, lowered):
            continue
        elif k.nino and len(value) == 8:
            continue  # no suffix and no context: as likely a reference as an NI number
        else:
            out.append((span[0], span[1], k, conf, value))


def _validate_in_context(k: _Kind, text: str, lower: str | None, spans: list, out: list) -> None:
    """A kind whose candidates need a context word in the window before them.

    A context word applies to the first valid candidate after it, not to later ones: the
    window starts after the previous valid candidate. The context is checked first; a
    candidate without it is validated only if the next window would reach back into it.
    """
    ctx, w = k.ctx, k.window
    src, lowered = (text, False) if lower is None else (lower, True)
    prev_end = 0
    ps = pe = -1  # a candidate without context, validity not yet needed (none: -1)
    for span in spans:
        s, e = span[0], span[1]
        lo = s - w if s > w else 0
        if pe >= 0:
            if pe > lo and pe > prev_end:
                if _check(k, text, ps, pe) is not None:
                    prev_end = pe
            ps = pe = -1
        if prev_end > lo:
            lo = prev_end
        if not ctx.found(src, lo, s, lowered):
            ps, pe = s, e
            continue
        value = _check(k, text, s, e)
        if value is None:
            continue
        prev_end = e
        out.append((span[0], span[1], k, k.conf_ctx, value))


def _check(k: _Kind, text: str, s, e) -> str | None:
    """``k``'s validator on ``text[s:e]``, or the candidate itself if it has none. Compiled,
    ``check`` is a C call into validators (no Python call, no tuple of arguments)."""
    if k.code >= 0:
        return check(k.code, text, s, e)
    return k.validate(text[s:e])


def _email_starts(data: bytes, hits: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The email hits with the "@" start of each replaced by the start of its local part, or
    dropped. ``hits`` is sorted; the new starts keep it sorted (each local part ends at its
    own "@", after the previous one)."""
    out = []
    last_at, p = -1, -1
    for at, ne in hits:
        if at != last_at:
            last_at = p = at
            while p and data[p - 1] in _EMAIL_LOCAL:
                p -= 1
            while p < at and data[p] not in _ALNUM:
                p += 1
        if p < at:
            out.append((p, ne))
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


def _after_label(text: str, end) -> tuple[int, str]:
    """The token after a "username:" or "password is" label ending at ``end``."""
    if _COMPILED:  # _VALUE_AFTER_LABEL, by hand
        n = len(text)
        start = end + 1 if end < n and text[end] == " " else end
        stop = start
        while stop < n and not text[stop].isspace():
            stop += 1
        if stop == start:
            return end, ""
        return start, text[start:stop].rstrip(".,;:)\"'")
    m = _VALUE_AFTER_LABEL.match(text, end)
    if not m:
        return end, ""
    value = m.group(1).rstrip(".,;:)\"'")
    return m.start(1), value


def _resolve_overlaps(found: list) -> list:
    """Where identifiers of different kinds overlap, keep the most confident (then longest).

    ``found`` holds (start, end, kind, confidence, value) tuples; the kept ones are returned,
    identifiers (in no particular order) then keywords.
    """
    keyword = [m for m in found if m[2].keyword]
    ids = [m for m in found if not m[2].keyword]
    return _resolve_ids(ids) + keyword


def _resolve_ids(ids: list) -> list:
    """:func:`_resolve_overlaps` for identifiers alone (``ids`` may be sorted in place).

    Only a finding that overlaps another needs ranking: the findings are swept by start into
    clusters of overlapping spans, a lone finding is kept as it is, and each cluster is
    resolved on its own -- most confident first, a finding kept unless it overlaps one already
    kept -- which is what ranking all of them at once gives, as findings in different clusters
    never overlap.
    """
    if len(ids) < 2:
        return ids
    ids.sort(key=_start)
    kept: list = []
    first = None  # the current cluster's first finding
    cluster = None  # the current cluster, once a second finding joins it (most are alone)
    top = -1  # the furthest end in the current cluster
    for m in ids:
        s, e = m[0], m[1]
        if s >= e:  # an empty span overlaps nothing
            kept.append(m)
            continue
        if s < top:
            if cluster is None:
                cluster = [first, m]
            else:
                cluster.append(m)
            if e > top:
                top = e
            continue
        if cluster is not None:
            kept += _resolve_cluster(cluster)
            cluster = None
        elif first is not None:
            kept.append(first)
        first = m
        top = e
    if cluster is not None:
        kept += _resolve_cluster(cluster)
    elif first is not None:
        kept.append(first)
    return kept


_start = itemgetter(0)


def _resolve_cluster(cluster: list) -> list:
    cluster.sort(key=_overlap_order)
    kept: list = []
    for m in cluster:
        s, e = m[0], m[1]
        for k in kept:
            if k[0] < e and s < k[1]:
                break
        else:
            kept.append(m)
    return kept


def _overlap_order(m: tuple) -> tuple[float, int, int]:
    return (-m[3], m[0] - m[1], m[0])


def _one_byte(err: UnicodeEncodeError) -> tuple[str, int]:
    return "\x80" * (err.end - err.start), err.end


# An encoding error handler: the codec calls it once per run of characters beyond Latin-1
# (rare), so the whole text is encoded in one C pass.
codecs.register_error("breachdesk.one_byte", _one_byte)


def one_byte_per_char(text: str) -> bytes:
    """The text as Hyperscan scans it: one byte per character, so that its offsets are
    character offsets. Latin-1 characters are themselves; any other character becomes \\x80,
    which the patterns treat as they treat any non-ASCII character (a letter inside a name,
    not a word character, not white space, never a capital)."""
    return text.encode("latin-1", "breachdesk.one_byte")


@cache
def default_scanner() -> TextScanner:
    return TextScanner()
