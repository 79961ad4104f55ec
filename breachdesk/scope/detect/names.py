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

from . import lexicon
from .mask import mask
from .match import Match
from .rules import BASIC

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


def find_addresses(
    text: str, postcodes: list[Match], streets: list[tuple[int, int]]
) -> list[Match]:
    out: list[Match] = []
    covered: list[tuple[int, int]] = []
    for pc in postcodes:
        start = _extend_back(text, pc.start)
        if start is None:
            continue
        out.append(_address(text, start, pc.end, 0.9))
        covered.append((start, pc.end))
    # Street lines with no postcode: "12 Acacia Avenue, Leeds".
    for s, e in streets:
        if any(s < ce and cs < e for cs, ce in covered):
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
    # Walk back over segments (lines or comma-separated parts).
    pieces = [(m.start(), m.end()) for m in _SEGMENT_SPLIT.finditer(before)]
    bounds = [0] + [e for _, e in pieces]
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
            start = lo + s + (len(before[s:e]) - len(before[s:e].lstrip()))
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
                start = lo + s + off + house[-1].start()
                lines += 1
        break
    if start is None or lines == 0:
        return None
    # Require a house number, a flat or a street word somewhere, else it is just "Town PC".
    body = text[start:pc_start]
    if not (re.search(r"\d", body) or any(
        w.lower().strip(",.") in lexicon.street_words() for w in body.split()
    )):
        return None
    return start


def _address(text: str, s: int, e: int, conf: float) -> Match:
    raw = text[s:e]
    value = re.sub(r"\s*\n\s*|,\s*", ", ", raw.strip())
    value = re.sub(r"\s+", " ", value).upper()
    return Match(s, e, "address", BASIC, conf, value, mask(value))


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
) -> list[Match]:
    out: list[Match] = []
    first, last = _first(), _last()
    spans = sorted(set(titled) | set(seqs), key=lambda t: (t[0], -t[1]))
    done_until = -1
    taken.sort()
    for s, e in spans:
        if s < done_until:
            continue
        m = _score(text, s, e, first, last)
        if m is None:
            continue
        ms, me, conf = m
        while me < len(text) and text[me].isalpha():  # "José": Hyperscan stopped at the é
            me += 1
        if any(ms < te and ts < me for ts, te in taken):
            continue
        value = " ".join(text[ms:me].split())
        out.append(Match(ms, me, "name", BASIC, conf, value, mask(value)))
        done_until = e
    return out


_HOUSE_BEFORE = re.compile(r"\d[A-Za-z]?,? $")
_PUNCT = ".,:'’"


def _score(text, s, e, first, last) -> tuple[int, int, float] | None:
    words = text[s:e].split(" ")
    score = 0.0
    lead = 0  # characters of leading title/cue words: evidence, not part of the name
    i = 0
    while i < len(words):
        w = words[i].rstrip(".,:").lower()
        if w in _TITLE_WORDS:
            score += 3.0
        elif w in lexicon.NAME_CUES:
            score += 3.0
        elif w in lexicon.NOT_NAME_WORDS:
            pass
        else:
            break
        lead += len(words[i]) + 1
        i += 1
    words = words[i:]
    if not words:
        return None
    low = [_fold(w.strip(_PUNCT)) for w in words]
    not_name = lexicon.NOT_NAME_WORDS
    if any(w in not_name for w in low):
        return None
    ns, ne = s + lead, e
    if score == 0:
        before = text[max(0, ns - 40):ns]
        stripped = before.rstrip()
        bw = stripped.rsplit(None, 1)[-1].rstrip(".,:").lower() if stripped else ""
        if bw in _TITLE_WORDS or bw in lexicon.NAME_CUES:
            score += 3.0
        elif _CUE_BEFORE.search(before) or _SIGN_OFF.search(before):
            score += 3.0
        if _HOUSE_BEFORE.search(before):  # "12 Jacob Street"
            score -= 3
    # "Jones Road" is a street, unless a title or cue says a person ("Billy Wall").
    if low[-1] in lexicon.street_words() and score < 3:
        return None
    core = [w for w in low if len(w) > 1]
    if not core:
        return None
    if core[0] in first:
        score += 1.5
    if len(core) >= 2:
        if core[-1] in last or core[-1].rsplit("-", 1)[-1] in last:
            score += 1.5
        elif core[-1] in first:
            score += 0.5
        score += 0.5
    elif core[0] in last:
        score += 1.0
    if len(core) > 3:
        score -= 1
    if score < 3:
        return None
    return ns, ne, round(min(0.98, 0.5 + 0.1 * score), 2)
