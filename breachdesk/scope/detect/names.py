"""Names and postal addresses in free text, with no model: vocabularies plus context rules.

Names: a run of capitalised tokens is scored on evidence -- a title before it (Mr, Dr ...),
a cue before it ("Dear", "Patient:", "spoke to"), a sign-off on the line above, the first
token being a known first name, the last a known surname, and penalties for words that are
never names, for a street word after it, or for a house number before it. Addresses: anchored
on a validated postcode, extended backwards over address-shaped lines (a house number or flat,
then capitalised words), or found as "house number + capitalised words + street word".
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left

from . import lexicon

_first = lexicon.first_names
_last = lexicon.surnames

_SEGMENT_SPLIT = re.compile(r"\n|, ?")
_ADDRESS_LINE = re.compile(
    r"^(?:(?:Flat|Apartment|Apt|Unit|Studio|Suite|Room)\.? ?\d+[A-Za-z]?"
    r"|\d{1,4}[A-Za-z]?(?:-\d{1,4})?"
    r"|[A-Z][A-Za-z'\-]+)"
    r"(?: [A-Z0-9][A-Za-z0-9'\-]*)*\.?$"
)
_HOUSE_START = re.compile(
    r"(?:\b(?:Flat|Apartment|Apt|Unit|Studio|Suite)\.? ?\d+[A-Za-z]?,? |\b\d{1,4}[A-Za-z]?,? )"
    r"(?=[A-Z])"
)


_BUILDING = re.compile(
    r"\b(?:House|Court|Building|Buildings|Cottage|Cottages|Farm|Lodge|Hall|Mansions|Tower|"
    r"Towers|Barn|Mill|Villa|Place)$"
)
_TOWN = re.compile(r",? ([A-Z][A-Za-z'\-]+(?: [A-Z][A-Za-z'\-]+){0,2})")


def _is_street_line(seg: str) -> bool:
    words = seg.split()
    return bool(words) and words[-1].lower().strip(".,") in lexicon.street_words()


class _Spans:
    """Answers "does (s, e) overlap any of these spans?" in O(log n); spans may overlap."""

    __slots__ = ("starts", "max_end")

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.max_end: list[int] = []  # the furthest end among the spans up to each one
        top = -1
        for _, e in spans:
            top = e if e > top else top
            self.max_end.append(top)

    def overlaps(self, s: int, e: int) -> bool:
        k = bisect_left(self.starts, e)  # the spans that start before e
        return k > 0 and self.max_end[k - 1] > s


# Found items are (start, end, confidence, normalised value) tuples; text.py builds the Match.
Found = tuple[int, int, float, str]


def find_addresses(
    text: str, postcodes: list[tuple[int, int]], streets: list[tuple[int, int]]
) -> list[Found]:
    out: list[Found] = []
    covered: list[tuple[int, int]] = []
    for pc_start, pc_end in postcodes:
        start = _extend_back(text, pc_start)
        if start is None:
            continue
        out.append(_address(text, start, pc_end, 0.9))
        covered.append((start, pc_end))
    if not streets:
        return out
    # Street lines with no postcode: "12 Acacia Avenue, Leeds".
    cover = _Spans(covered)
    for s, e in streets:
        if cover.overlaps(s, e):
            continue
        seg = text[s:e]
        if not _is_street_line(seg):
            continue
        # Reach over up to two ", Town" segments on the same line.
        end = e
        for _ in range(2):
            m = _TOWN.match(text, end)
            if not m or m.group(1).split()[0].lower() in lexicon.NOT_NAME_WORDS:
                break
            end = m.end()
        out.append(_address(text, s, end, 0.8))
    return out


def _extend_back(text: str, pc_start: int) -> int | None:
    """Start of the address that ends with the postcode at ``pc_start``, or None."""
    lo = max(0, pc_start - 200)
    before = text[lo:pc_start]
    # The walk back stops at an empty line, so it reads only the segments from the last one
    # ("\n\n") on: a line break always ends a segment, so these are the window's own segments
    # (the empty one first), and the whole window (up to 200 characters of lines, or of the
    # padding between batched texts) is split only when there is no empty line in it.
    cut = before.rfind("\n\n") + 1
    walked = _walk_back(before, cut) if cut else None
    if walked is None:
        walked = _walk_back(before, 0)
    start, lines = walked
    if start is None or lines == 0:
        return None
    start += lo
    # Require a house number, a flat or a street word somewhere, else it is just "Town PC".
    body = text[start:pc_start]
    if not (re.search(r"\d", body) or any(
        w.lower().strip(",.") in lexicon.street_words() for w in body.split()
    )):
        return None
    return start


def _walk_back(before: str, cut: int) -> tuple[int | None, int] | None:
    """(start of the address within ``before``, its lines), walking back over the segments
    (lines or comma-separated parts) from ``cut`` on; None when ``cut`` is not 0 and the walk
    ran out of segments (it would have gone on before ``cut``)."""
    pieces = [(m.start(), m.end()) for m in _SEGMENT_SPLIT.finditer(before, cut)]
    bounds = [cut] + [e for _, e in pieces]
    ends = [s for s, _ in pieces] + [len(before)]
    segs = list(zip(bounds, ends, strict=True))
    # The postcode may share its segment with the town ("Leeds LS1 4AB").
    start = None
    lines = 0
    numbered = False
    for s, e in reversed(segs):
        seg = before[s:e].strip()
        if not seg:
            if e == len(before):
                continue
            break
        if _ADDRESS_LINE.match(seg) and len(seg.split()) <= 6:
            head = seg.split()[0].lower().rstrip(".,:")
            if head in lexicon.TITLES or head in lexicon.NAME_CUES:
                break
            if numbered and head not in lexicon.ADDRESS_UNIT_WORDS and not _BUILDING.search(seg):
                break  # above the house-number line only a flat or a building name belongs
            start = s + (len(before[s:e]) - len(before[s:e].lstrip()))
            lines += 1
            numbered = numbered or seg[0].isdigit() or head in lexicon.ADDRESS_UNIT_WORDS
            if lines >= 5:
                break
            continue
        # A sentence that ends in an address: "She lives at 12 Acacia Avenue".
        house = list(_HOUSE_START.finditer(seg))
        if house:
            off = before[s:e].find(seg)
            cand = seg[house[-1].start():]
            if _ADDRESS_LINE.match(cand):
                start = s + off + house[-1].start()
                lines += 1
        break
    else:
        if cut:
            return None
    return start, lines


_ADDRESS_BREAKS = re.compile(r"\s*\n\s*|,\s*")
_RUNS_OF_SPACE = re.compile(r"\s+")


def _address(text: str, s: int, e: int, conf: float) -> Found:
    raw = text[s:e]
    value = _ADDRESS_BREAKS.sub(", ", raw.strip())
    value = _RUNS_OF_SPACE.sub(" ", value).upper()
    return (s, e, conf, value)


# -- names --------------------------------------------------------------------------------------
_TITLE_WORDS = lexicon.TITLES
_CUE_BEFORE = re.compile(
    r"(?:^|[\s(\[])(?:" + "|".join(re.escape(c.strip()) for c in lexicon.NAME_CUE_SUFFIXES)
    + r")\s*$",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"(?:" + "|".join(re.escape(s) for s in lexicon.SIGN_OFFS) + r")[,.!]?\s*\n\s*$",
    re.IGNORECASE,
)


def _fold(word: str) -> str:
    """Lower case without accents, for vocabulary look-ups ("Zoë" -> "zoe")."""
    if word.isascii():
        return word.lower()
    return "".join(
        c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c)
    )


def find_names(
    text: str,
    titled: list[tuple[int, int]],
    seqs: list[tuple[int, int]],
    taken: list[tuple[int, int]],
) -> list[Found]:
    out: list[Found] = []
    if not titled and not seqs:
        return out
    first, last = _first(), _last()
    spans = merge_spans(titled, seqs)
    done_until = -1
    blocked = _Spans(taken)
    n = len(text)
    for s, e in spans:
        if s < done_until:
            continue
        m = _score(text, s, e, first, last)
        if m is None:
            continue
        ms, me, conf = m
        while me < n and text[me].isalpha():  # "José": Hyperscan stopped at the é
            me += 1
        if blocked.overlaps(ms, me):
            continue
        out.append((ms, me, conf, " ".join(text[ms:me].split())))
        done_until = e
    return out


def _start_longest(span: tuple[int, int]) -> tuple[int, int]:
    return (span[0], -span[1])


_NEVER = 1 << 62


def merge_spans(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``sorted(set(a) | set(b), key=_start_longest)`` for two lists that are each sorted by
    start with no two spans starting together (a kind's leftmost-longest candidates), in one
    pass (hashing and sorting every span with a key cost a fifth of the name rule)."""
    if not a or not b:
        return list(a or b)
    out: list[tuple[int, int]] = []
    keep = out.append
    i, n = 0, len(a)
    next_a = a[0][0]
    for y in b:
        s = y[0]
        while next_a < s:
            keep(a[i])
            i += 1
            next_a = a[i][0] if i < n else _NEVER
        if next_a == s:  # two spans start together: the longer first, a repeated span once
            x = a[i]
            i += 1
            next_a = a[i][0] if i < n else _NEVER
            if x[1] > y[1]:
                keep(x)
            elif x[1] < y[1]:
                keep(y)
                y = x
        keep(y)
    out.extend(a[i:])
    return out


# Characters before a name span that its score looks at (a cue, a title, a sign-off).
LOOKBACK = 40
_HOUSE_BEFORE = re.compile(r"\d[A-Za-z]?,? $")
_PUNCT = ".,:'’"
# Cheap tests that tell when the regexes above cannot match (they are exact pre-filters).
_CUE_LAST = frozenset(c.strip()[-1].lower() for c in lexicon.NAME_CUE_SUFFIXES)
_CUE_LONGEST = max(len(c.strip()) for c in lexicon.NAME_CUE_SUFFIXES)
_SIGN_OFF_LONGEST = max(len(c) for c in lexicon.SIGN_OFFS) + 1  # and a comma, dot or "!"

# Per-word facts, memoised (the same capitalised words recur): whether the word as a leading
# word is a title or cue (evidence), a non-name word to skip, or neither; the word folded for
# the vocabularies; and whether the folded word is a non-name word.
_LEAD_NONE, _LEAD_CUE, _LEAD_SKIP = 0, 1, 2
_words: dict[str, tuple[int, str, bool]] = {}
_MEMO_MAX = 200_000


def _word(word: str) -> tuple[int, str, bool]:
    info = _words.get(word)
    if info is None:
        w = word.rstrip(".,:").lower()
        lead = _LEAD_CUE if w in _TITLE_WORDS or w in lexicon.NAME_CUES else (
            _LEAD_SKIP if w in lexicon.NOT_NAME_WORDS else _LEAD_NONE)
        low = _fold(word.strip(_PUNCT))
        info = (lead, low, low in lexicon.NOT_NAME_WORDS)
        if len(_words) >= _MEMO_MAX:
            _words.clear()
        _words[word] = info
    return info


# The same spans recur (a person is named several times, the same phrases in many texts):
# their word scores, memoised by the span's text (first and last never change).
_spans: dict[str, tuple[int, float, bool, float] | None] = {}


def _score(text, s, e, first, last) -> tuple[int, int, float] | None:
    span = text[s:e]
    words = _spans.get(span, _spans)
    if words is _spans:
        words = _score_words(span, first, last)
        if len(_spans) >= _MEMO_MAX:
            _spans.clear()
        _spans[span] = words
    if words is None:
        return None
    lead, score, street, vocab = words
    ns = s + lead
    if score == 0:
        before = text[ns - LOOKBACK if ns > LOOKBACK else 0:ns]
        stripped = before.rstrip()
        bw = stripped.rsplit(None, 1)[-1].rstrip(".,:").lower() if stripped else ""
        if bw in _TITLE_WORDS or bw in lexicon.NAME_CUES:
            score += 3.0
        elif stripped and _cue_or_sign_off(before, stripped):
            score += 3.0
        if (before.endswith(" ") or before.endswith(" \n")) and _HOUSE_BEFORE.search(
                before, len(before) - 6 if len(before) > 6 else 0):
            score -= 3  # "12 Jacob Street"
    # "Jones Road" is a street, unless a title or cue says a person ("Billy Wall").
    if street and score < 3:
        return None
    score += vocab
    if score < 3:
        return None
    conf = _CONFIDENCE.get(score)
    if conf is None:
        conf = round(min(0.98, 0.5 + 0.1 * score), 2)
    return ns, e, conf


def _score_words(span: str, first, last) -> tuple[int, float, bool, float] | None:
    """The part of a span's score that depends on its words alone: (characters of leading
    titles/cues, their score, ends in a street word, vocabulary score), or None when the words
    rule it out whatever comes before them. Scores are multiples of 0.5, exact in floating
    point, so adding them in another order gives the same total."""
    words = span.split(" ")
    get = _words.get
    infos = [get(w) or _word(w) for w in words]
    score = 0.0
    lead = 0  # characters of leading title/cue words: evidence, not part of the name
    i = 0
    for info in infos:
        if info[0] == _LEAD_NONE:
            break
        if info[0] == _LEAD_CUE:
            score += 3.0
        lead += len(words[i]) + 1
        i += 1
    if i == len(words):
        return None
    if i:
        infos = infos[i:]
    for info in infos:
        if info[2]:
            return None
    core = [info[1] for info in infos if len(info[1]) > 1]
    if not core:
        return None
    vocab = 0.0
    if core[0] in first:
        vocab += 1.5
    if len(core) >= 2:
        if core[-1] in last or core[-1].rsplit("-", 1)[-1] in last:
            vocab += 1.5
        elif core[-1] in first:
            vocab += 0.5
        vocab += 0.5
    elif core[0] in last:
        vocab += 1.0
    if len(core) > 3:
        vocab -= 1
    return lead, score, infos[-1][1] in _street_words(), vocab


# Scores are multiples of 0.5: their confidences computed once (``round`` with digits is slow).
_CONFIDENCE = {k / 2: round(min(0.98, 0.5 + 0.1 * (k / 2)), 2) for k in range(-20, 61)}


def _cue_or_sign_off(before: str, stripped: str) -> bool:
    """``_CUE_BEFORE`` or ``_SIGN_OFF`` matches the text before a name (``stripped`` is it
    without trailing white space, not empty)."""
    # Both patterns end with white space only, so a match ends its phrase exactly where
    # ``stripped`` ends and starts at most one character (a boundary) before the longest
    # phrase: searching from there gives the same answer without trying every position.
    n = len(stripped)
    c = stripped[-1]
    if (not c.isascii() or c.lower() in _CUE_LAST) and _CUE_BEFORE.search(
        before, n - _CUE_LONGEST - 1 if n > _CUE_LONGEST + 1 else 0
    ):
        return True
    # A sign-off ends a line: only white space, with a line break in it, follows it.
    return "\n" in before[n:] and bool(
        _SIGN_OFF.search(before, n - _SIGN_OFF_LONGEST - 1 if n > _SIGN_OFF_LONGEST + 1 else 0))


_street_words = lexicon.street_words


def warm_up() -> None:
    """Load the vocabularies now (they are read from package data on first use)."""
    _first()
    _last()
    _street_words()
