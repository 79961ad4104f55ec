# cython: annotation_typing=False
# (names.pxd gives the C types; the annotations here are for readers and type checkers.)
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

try:  # Cython compiles this module (setup.py); the hand-written paths below run only then
    import cython

    _COMPILED = cython.compiled
except ImportError:  # plain Python without Cython installed
    _COMPILED = False

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
    if _COMPILED:
        # The last word as ``seg.split()[-1]`` gives it (split cuts at what isspace says),
        # without the list: read back from the end.
        e = len(seg)
        while e > 0 and seg[e - 1].isspace():
            e -= 1
        if e == 0:
            return False
        s = e - 1
        while s > 0 and not seg[s - 1].isspace():
            s -= 1
        return seg[s:e].lower().strip(".,") in lexicon.street_words()
    words = seg.split()
    return bool(words) and words[-1].lower().strip(".,") in lexicon.street_words()


# -- the address patterns by hand ---------------------------------------------------------------
# Compiled, an ASCII segment is matched against ``_ADDRESS_LINE``, ``_HOUSE_START`` and
# ``_BUILDING`` by the functions below (the regexes cost most of the address rule: the walk back
# tries them on every segment, and on a sentence searches every position); beyond ASCII, and
# when not compiled, the regexes decide. Each part of those patterns can match in one way only
# where the whole can: a shorter run of digits or letters leaves a digit or letter where the
# pattern goes on with a space, a dot, a comma or the end. So one pass, with no backtracking,
# gives the regex's answer (tests compare them on millions of segments).
_UNIT_WORDS = ("Flat", "Apartment", "Apt", "Unit", "Studio", "Suite")  # _HOUSE_START's
_LINE_UNIT_WORDS = _UNIT_WORDS + ("Room",)  # _ADDRESS_LINE's
_BUILDING_WORDS = ("House", "Court", "Building", "Buildings", "Cottage", "Cottages", "Farm", "Lodge",
                   "Hall", "Mansions", "Tower", "Towers", "Barn", "Mill", "Villa", "Place")


def _ascii_letter(c) -> bool:
    return "a" <= c <= "z" or "A" <= c <= "Z"


def _ascii_word(c) -> bool:
    """A character ``\\b`` counts as part of a word, on ASCII text."""
    return "a" <= c <= "z" or "A" <= c <= "Z" or "0" <= c <= "9" or c == "_"


def _digits_end(s: str, i: int, end: int) -> int:
    while i < end and "0" <= s[i] <= "9":
        i += 1
    return i


def _unit_end(s: str, i: int, end: int, words: tuple[str, ...]) -> int:
    """Where ``(?:<words>)\\.? ?\\d+[A-Za-z]?`` matching at ``i`` ends, or -1 (ASCII ``s``)."""
    for w in words:  # no word is the start of another: one at most matches
        if s.startswith(w, i, end):
            j = i + len(w)
            if j < end and s[j] == ".":
                j += 1
            if j < end and s[j] == " ":
                j += 1
            k = _digits_end(s, j, end)
            if k == j:
                return -1
            if k < end and _ascii_letter(s[k]):
                k += 1
            return k
    return -1


def _line_tail(s: str, j: int, end: int) -> bool:
    """``(?: [A-Z0-9][A-Za-z0-9'\\-]*)*\\.?`` matches ``s[j:end]`` (ASCII ``s``)."""
    while j < end:
        c = s[j]
        if c == " ":
            j += 1
            if j == end:
                return False
            c = s[j]
            if not ("A" <= c <= "Z" or "0" <= c <= "9"):
                return False
            j += 1
            while j < end:
                c = s[j]
                if not (_ascii_letter(c) or "0" <= c <= "9" or c == "'" or c == "-"):
                    break
                j += 1
        else:
            return c == "." and j + 1 == end
    return True


def _address_line_words(s: str, i: int) -> int:
    """``_ADDRESS_LINE.match(s[i:])`` for an ASCII ``s``: 0 when it does not match, else how many
    words ``s[i:].split()`` gives (a matching line's words are apart by single spaces)."""
    n = len(s)
    end = n - 1 if n > i and s[n - 1] == "\n" else n  # ``$`` also matches before a final "\n"
    if i >= end:
        return 0
    c = s[i]
    if "0" <= c <= "9":  # \d{1,4}[A-Za-z]?(?:-\d{1,4})?
        j = _digits_end(s, i, end)
        if j - i > 4:
            return 0
        if j < end and _ascii_letter(s[j]):
            j += 1
        if j < end and s[j] == "-":
            k = _digits_end(s, j + 1, end)
            if j + 1 < k <= j + 5:
                j = k
        ok = _line_tail(s, j, end)
    elif "A" <= c <= "Z":  # a flat or unit with its number, or [A-Z][A-Za-z'\-]+
        ok = False
        if c == "F" or c == "A" or c == "U" or c == "S" or c == "R":
            j = _unit_end(s, i, end, _LINE_UNIT_WORDS)
            ok = j >= 0 and _line_tail(s, j, end)
        if not ok:
            j = i + 1
            while j < end:
                c = s[j]
                if not (_ascii_letter(c) or c == "'" or c == "-"):
                    break
                j += 1
            ok = j > i + 1 and _line_tail(s, j, end)
    else:
        return 0
    if not ok:
        return 0
    words = 1
    for j in range(i, end):
        if s[j] == " ":
            words += 1
    return words


def _house_start_end(s: str, p: int) -> int:
    """Where ``_HOUSE_START`` matching at ``p`` ends, or -1 (ASCII ``s``)."""
    n = len(s)
    if p > 0 and _ascii_word(s[p - 1]):  # \b before a letter or a digit
        return -1
    c = s[p]
    if "0" <= c <= "9":
        j = _digits_end(s, p, n)
        if j - p > 4:
            return -1
        if j < n and _ascii_letter(s[j]):
            j += 1
    elif c == "F" or c == "A" or c == "U" or c == "S":
        j = _unit_end(s, p, n, _UNIT_WORDS)
        if j < 0:
            return -1
    else:
        return -1
    if j < n and s[j] == ",":
        j += 1
    if j + 1 < n and s[j] == " " and "A" <= s[j + 1] <= "Z":
        return j + 1
    return -1


def _last_house_start(s: str) -> int:
    """The start of the last match ``_HOUSE_START.finditer(s)`` gives, or -1 (ASCII ``s``): the
    matches do not overlap, so the search goes on from where one ends."""
    last = -1
    resume = 0  # where the search goes on, after the last match
    p = -1
    word = False  # s[p - 1] is a word character (then no match starts at p)
    for c in s:
        p += 1
        if not word and p >= resume and ("0" <= c <= "9" or c == "F" or c == "A" or c == "U" or c == "S"):
            e = _house_start_end(s, p)
            if e >= 0:
                last = p
                resume = e
        word = _ascii_word(c)
    return last


def _building_end(s: str) -> bool:
    """``_BUILDING.search(s)`` for an ASCII ``s``: it ends with a building word."""
    n = len(s)
    end = n - 1 if n and s[n - 1] == "\n" else n
    for w in _BUILDING_WORDS:
        st = end - len(w)
        if st >= 0 and s.startswith(w, st, end) and (st == 0 or not _ascii_word(s[st - 1])):
            return True
    return False


def _has_digit(s: str, i: int, end: int) -> bool:
    """``_DIGIT.search(s, i, end)``: \\d is what isdecimal says, on any text."""
    while i < end:
        if s[i].isdecimal():
            return True
        i += 1
    return False


def _address_value(raw: str) -> str:
    """``_RUNS_OF_SPACE.sub(" ", _ADDRESS_BREAKS.sub(", ", raw))`` in one pass, on any text (\\s
    is what isspace says): a comma and the white space after it, or white space with a line
    break in it, become ", "; other white space one " ". ``raw`` itself when nothing changes."""
    # Most addresses are left as they are (white space is single spaces, a comma has one after
    # it), or have a line break between two other characters for ", ". Looking for anything
    # else costs less than building the value.
    prev = 0  # the character before: 1 a space, 2 a comma, 3 a line break, 0 anything else
    lines = False
    for c in raw:
        if c == " ":
            if prev != 0 and prev != 2:
                break
            prev = 1
        elif c == ",":
            if prev >= 2:
                break
            prev = 2
        elif c == "\n":
            if prev != 0:
                break
            prev = 3
            lines = True
        elif prev == 2 or c.isspace():
            break
        else:
            prev = 0
    else:
        if prev < 2:
            return raw.replace("\n", ", ") if lines else raw
    n = len(raw)
    parts = []
    kept = 0  # raw[kept:i] is not in ``parts`` yet
    i = 0
    while i < n:
        c = raw[i]
        if c == ",":
            j = i + 1
            while j < n and raw[j].isspace():
                j += 1
            if not (j == i + 2 and raw[i + 1] == " "):
                parts.append(raw[kept:i])
                parts.append(", ")
                kept = j
            i = j
        elif c.isspace():
            j = i + 1
            line = c == "\n"
            while j < n and raw[j].isspace():
                if raw[j] == "\n":
                    line = True
                j += 1
            if line:
                parts.append(raw[kept:i])
                parts.append(", ")
                kept = j
            elif not (j == i + 1 and c == " "):
                parts.append(raw[kept:i])
                parts.append(" ")
                kept = j
            i = j
        else:
            i += 1
    if kept == 0:
        return raw
    parts.append(raw[kept:])
    return "".join(parts)


_NEVER = 1 << 62  # a position after any text


class _Spans:
    """Answers "does (s, e) overlap any of these spans?" in O(log n); spans may overlap."""

    __slots__ = ("starts", "max_end", "before")

    def __init__(self, spans: list[tuple[int, int]]):
        # Only the order of the starts matters: a question reads the furthest end up to the
        # last span that starts before its end, never between two equal starts. find_names
        # gets its spans as two runs in that order (the identifiers, then the addresses):
        # they are merged here, where sorting the tuples cost as much as all the questions.
        n = len(spans)
        k = _run_end(spans, 0)
        if k < n and _run_end(spans, k) < n:
            spans = sorted(spans)
            k = n
        self.starts: list[int] = [0] * n
        self.max_end: list[int] = [0] * n  # the furthest end among the spans up to each one
        self._fill(spans, k)
        self.before = 0  # how many spans start before the last question's end

    def _fill(self, spans: list[tuple[int, int]], k: int) -> None:
        """The starts and furthest ends of ``spans[:k]`` and ``spans[k:]`` (each in order of
        start) merged. The ints are kept as they come (compiled, ``top`` is a C integer, and
        storing it would make a new int for every span)."""
        starts, max_end = self.starts, self.max_end
        n = len(spans)
        i, j = 0, k
        va = spans[0][0] if k > 0 else _NEVER  # the starts of the runs' next spans
        vb = spans[k][0] if k < n else _NEVER
        top = -1
        top_end = -1
        for m in range(n):
            if vb < va:
                span = spans[j]
                j += 1
                vb = spans[j][0] if j < n else _NEVER
            else:
                span = spans[i]
                i += 1
                va = spans[i][0] if i < k else _NEVER
            starts[m] = span[0]
            e = span[1]
            if e > top:
                top = e
                top_end = span[1]
            max_end[m] = top_end

    def overlaps(self, s: int, e: int) -> bool:
        # The spans that start before e: bisect_left(self.starts, e), found by moving on from
        # the last question's answer, as the questions come about in order of position (a
        # step or two, where bisecting costs a call and a dozen steps).
        # Each start is read into ``v`` (a C integer, compiled) rather than compared with ``e``
        # as it is, which would make ``e`` a Python int at every step.
        starts = self.starts
        k = self.before
        n = len(starts)
        while k < n:
            v = starts[k]
            if v >= e:
                break
            k += 1
        while k > 0:
            v = starts[k - 1]
            if v < e:
                break
            k -= 1
        self.before = k
        if k == 0:
            return False
        v = self.max_end[k - 1]
        return v > s


def _run_end(spans: list[tuple[int, int]], i: int) -> int:
    """Where the run of spans in order of start from ``i`` ends."""
    n = len(spans)
    if i >= n:
        return n
    prev = spans[i][0]
    i += 1
    while i < n:
        span = spans[i]
        v = span[0]
        if v < prev:
            break
        prev = v
        i += 1
    return i


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
    # padding between batched texts) is walked only when there is no empty line in it.
    cut = before.rfind("\n\n") + 1
    walked = _walk_back(before, cut) if cut else None
    if walked is None:
        walked = _walk_back(before, 0)
    start, lines = walked
    if start is None or lines == 0:
        return None
    start += lo
    # Require a house number, a flat or a street word somewhere, else it is just "Town PC".
    if _COMPILED:
        digit = _has_digit(text, start, pc_start)
    else:
        digit = _DIGIT.search(text, start, pc_start) is not None
    if not digit and not _has_street_word(text[start:pc_start]):
        return None
    return start


_DIGIT = re.compile(r"\d")


def _has_street_word(body: str) -> bool:
    streets = lexicon.street_words()
    for w in body.split():
        if w.lower().strip(",.") in streets:
            return True
    return False


def _walk_back(before: str, cut: int) -> tuple[int | None, int] | None:
    """(start of the address within ``before``, its lines), walking back over the segments
    (lines or comma-separated parts: ``_SEGMENT_SPLIT`` splits them) from ``cut`` on; None
    when ``cut`` is not 0 and the walk ran out of segments (it would have gone on before
    ``cut``)."""
    # The postcode may share its segment with the town ("Leeds LS1 4AB").
    start = None
    lines = 0
    numbered = False
    n = len(before)
    ascii = _COMPILED and before.isascii()  # then every segment is: matched by hand
    e = n
    while True:
        # The segment that ends at ``e`` starts after the last separator before it ("\n",
        # "," or ", "; every "\n" and "," starts one), or at ``cut``.
        sep = max(before.rfind("\n", cut, e), before.rfind(",", cut, e))
        if sep < 0:
            s = cut
        elif before[sep] == "," and sep + 1 < n and before[sep + 1] == " ":
            s = sep + 2
        else:
            s = sep + 1
        # The segment without the white space around it is before[s:end].
        while s < e and before[s].isspace():
            s += 1
        end = e
        while end > s and before[end - 1].isspace():
            end -= 1
        if s == end:
            if e != n:
                break
        else:
            seg = before[s:end]
            by_hand = ascii or (_COMPILED and seg.isascii())
            if by_hand:
                nwords = _address_line_words(seg, 0)
            else:
                words = seg.split() if _ADDRESS_LINE.match(seg) is not None else None
                nwords = 0 if words is None else len(words)
            if nwords == 0 or nwords > 6:
                # A sentence that ends in an address: "She lives at 12 Acacia Avenue".
                if by_hand:
                    h = _last_house_start(seg)
                    if h >= 0 and _address_line_words(seg, h) != 0:
                        start = s + h
                        lines += 1
                    break
                house = None
                if _DIGIT.search(seg) is not None:  # every house start has one
                    for m in _HOUSE_START.finditer(seg):
                        house = m  # the last one
                if house is not None and _ADDRESS_LINE.match(seg[house.start():]) is not None:
                    start = s + house.start()
                    lines += 1
                break
            if by_hand:  # the first word: up to the first space, in a line that matched
                k = 0
                while k < end - s and seg[k] != " ":
                    k += 1
                head = seg[:k].lower().rstrip(".,:")
            else:
                head = words[0].lower().rstrip(".,:")
            if head in _LEAD_WORDS:
                break
            unit = head in lexicon.ADDRESS_UNIT_WORDS
            if numbered and not unit and not (
                    _building_end(seg) if by_hand else _BUILDING.search(seg) is not None):
                break  # above the house-number line only a flat or a building name belongs
            start = s
            lines += 1
            numbered = numbered or seg[0].isdigit() or unit
            if lines >= 5:
                break
        if sep < 0:
            if cut:
                return None
            break
        e = sep
    return start, lines


_ADDRESS_BREAKS = re.compile(r"\s*\n\s*|,\s*")
_RUNS_OF_SPACE = re.compile(r"\s+")


def _address(text: str, s: int, e: int, conf: float) -> Found:
    raw = text[s:e].strip()
    if _COMPILED:
        return (s, e, conf, _address_value(raw).upper())
    # The usual address is lines of words with single spaces between them: no comma, no white
    # space but " " and a line break, none next to a line break (nor two together); for it
    # the two substitutions below come to a ", " for each line break, without their cost.
    value = raw.replace("\n", ", ")
    if ("," in raw or " \n" in raw or "\n\n" in raw or "  " in value
            or not value.isprintable()):
        value = _RUNS_OF_SPACE.sub(" ", _ADDRESS_BREAKS.sub(", ", raw))
    return (s, e, conf, value.upper())


# -- names --------------------------------------------------------------------------------------
_LEAD_WORDS = lexicon.TITLES | lexicon.NAME_CUES  # a word before a name that says a name follows
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
    memo = _spans
    for s, e in spans:
        if s < done_until:
            continue
        ms, half = _score(text, s, e, first, last, memo)
        if ms < 0:
            continue
        me = e
        while me < n and text[me].isalpha():  # "José": Hyperscan stopped at the é
            me += 1
        if blocked.overlaps(ms, me):
            continue
        conf = _CONFIDENCES[half] if half < len(_CONFIDENCES) else _confidence(half / 2)
        out.append((ms, me, conf, _one_spaced(text, ms, me)))
        done_until = e
    return out


def _one_spaced(text: str, s: int, e: int) -> str:
    """``" ".join(text[s:e].split())``: most names are that already (words apart by one space),
    which a look at each character tells for less than splitting and joining (compiled)."""
    span = text[s:e]
    if _COMPILED:
        prev = True  # the character before is white space (or the start)
        for c in span:
            if c.isspace():
                if prev or c != " ":
                    break
                prev = True
            else:
                prev = False
        else:
            if not prev:
                return span
    return " ".join(span.split())


def _start_longest(span: tuple[int, int]) -> tuple[int, int]:
    return (span[0], -span[1])


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
_WINDOW = LOOKBACK  # the same, as a C integer when compiled
# What ``_house_before`` tests for, as a regex (the reference its tests compare with).
_HOUSE_BEFORE = re.compile(r"\d[A-Za-z]?,? $")
_PUNCT = ".,:'’"
# The cue and sign-off phrases as ``_cue_before`` and ``_sign_off_before`` look them up (the
# regexes above decide only on text beyond ASCII).
_CUE_LONGEST = max(len(c.strip()) for c in lexicon.NAME_CUE_SUFFIXES)
_CUES_BY_LAST_WORD: dict[str, list[str]] = {}
for _cue in sorted({c.strip().lower() for c in lexicon.NAME_CUE_SUFFIXES}):
    _CUES_BY_LAST_WORD.setdefault(_cue.rsplit(" ", 1)[-1], []).append(_cue)
_SIGN_OFF_PHRASES = tuple(s.lower() for s in lexicon.SIGN_OFFS)
_SIGN_OFF_LONGEST = max(len(s) for s in _SIGN_OFF_PHRASES)

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
        lead = _LEAD_CUE if w in _LEAD_WORDS else (
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


def _score(text, s, e, first, last, memo) -> tuple[int, int]:
    """(where the name starts, twice its score), or (-1, 0) when the span is not a name.
    (A pair of C integers, compiled: no tuple or float is made for a span that fails.)"""
    span = text[s:e]
    words = memo.get(span, memo)
    if words is memo:
        words = _score_words(span, first, last)
        if len(memo) >= _MEMO_MAX:
            memo.clear()
        memo[span] = words
    if words is None:
        return -1, 0
    lead, score, street, vocab = words
    ns = s + lead
    if score == 0:
        score = _context(text, ns)
    # "Jones Road" is a street, unless a title or cue says a person ("Billy Wall").
    if street and score < 3:
        return -1, 0
    score += vocab
    if score < 3:
        return -1, 0
    return ns, int(score * 2)


def _context(text: str, ns: int) -> float:
    """The score of the LOOKBACK characters before a name that starts at ``ns`` (the window):
    +3 for a title, a cue or a sign-off just before it, -3 for a house number ("12 Jacob
    Street"). Read character by character: compiled, that costs less than slicing the window
    and splitting it."""
    lo = ns - _WINDOW if ns > _WINDOW else 0
    end = ns  # the window without its trailing white space ends here
    while end > lo and text[end - 1].isspace():
        end -= 1
    score = 0.0
    if end > lo:
        word = end - 1  # its last word starts here
        while word > lo and not text[word - 1].isspace():
            word -= 1
        tok = text[word:end]
        kind = _befores.get(tok, -1)
        if kind < 0:
            kind = _before_kind(tok)
        if kind == _BEFORE_LEAD or (kind == _BEFORE_CUE and _cue_before(text, lo, word, end, ns, tok, tok.lower())):
            score = 3.0
        # A sign-off ends a line: only white space, with a line break in it, follows it.
        elif text.find("\n", end, ns) >= 0 and _sign_off_before(text, lo, end, ns):
            score = 3.0
    if _house_before(text, lo, ns):
        score -= 3
    return score


# What the last word before a name says, memoised (the same few words come before names):
# a title or a cue (evidence whatever comes before it), a word that may end a cue phrase
# ("to" in "spoke to", or anything beyond ASCII: ``_cue_before`` decides), or neither.
_BEFORE_PLAIN, _BEFORE_LEAD, _BEFORE_CUE = 0, 1, 2
_befores: dict[str, int] = {}


def _before_kind(tok: str) -> int:
    low = tok.lower()
    if low.rstrip(".,:") in _LEAD_WORDS:
        kind = _BEFORE_LEAD
    elif not tok.isascii():
        kind = _BEFORE_CUE
    else:
        # The words a cue phrase may end with here: the word, or its part after a "(" or
        # "[" (as ``_cue_before`` looks them up).
        kind = _BEFORE_PLAIN
        for q in range(len(low) + 1):
            if (q == 0 or low[q - 1] == "(" or low[q - 1] == "[") and low[q:] in _CUES_BY_LAST_WORD:
                kind = _BEFORE_CUE
                break
    if len(_befores) >= _MEMO_MAX:
        _befores.clear()
    _befores[tok] = kind
    return kind


def _house_before(text: str, lo: int, ns: int) -> bool:
    """``_HOUSE_BEFORE`` matches the window ``text[lo:ns]``, which ends with " " or " \n": a
    digit, perhaps an ASCII letter and a comma, then that space."""
    i = ns
    if i > lo and text[i - 1] == "\n":  # ``$`` also matches before a final line break
        i -= 1
    if i <= lo or text[i - 1] != " ":
        return False
    i -= 1
    if i > lo and text[i - 1] == ",":
        i -= 1
    if i <= lo:
        return False
    c = text[i - 1]
    if ("a" <= c <= "z" or "A" <= c <= "Z") and i - 1 > lo:
        c = text[i - 2]
    return c.isdecimal()


def _score_words(span: str, first, last) -> tuple[int, float, bool, float] | None:
    """The part of a span's score that depends on its words alone: (characters of leading
    titles/cues, their score, ends in a street word, vocabulary score), or None when the words
    rule it out whatever comes before them. Scores are multiples of 0.5, exact in floating
    point, so adding them in another order gives the same total."""
    words = span.split(" ")
    memo = _words
    infos = [memo.get(w) or _word(w) for w in words]
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


def _confidence(score: float) -> float:
    return round(min(0.98, 0.5 + 0.1 * score), 2)


# Scores are multiples of 0.5: their confidences computed once (``round`` with digits is slow),
# by twice the score.
_CONFIDENCES = tuple(_confidence(k / 2) for k in range(61))


def _cue_before(text: str, lo: int, word: int, end: int, ns: int, tok: str, low: str) -> bool:
    """``_CUE_BEFORE`` matches the window ``text[lo:ns]`` before a name, whose last word is
    ``tok`` = ``text[word:end]`` (``low`` lower-cased), followed by white space only."""
    # The pattern ends with white space only, so a match ends its phrase exactly at ``end``:
    # the phrase's last word is the window's last word (or a part of it after "(" or "["),
    # and the phrase starts at the window's start or after white space. On ASCII text that
    # is a look-up; IGNORECASE also matches a few other letters to ASCII ones ("ſ" to "s"),
    # so on anything else the regex decides.
    # A phrase may also start after a "(" or "[" in the last word ("(officer: Jane"): no phrase
    # has those characters, so then its last word is the part of the window's last word after
    # one of them (the phrase's other words would need a space there).
    if tok.isascii():
        q = len(low)
        while q >= 0:
            # The phrases whose last word is low[q:] (q = 0, or just after a "(" or "[").
            if q == 0 or low[q - 1] == "(" or low[q - 1] == "[":
                for cue in _CUES_BY_LAST_WORD.get(low[q:] if q else low, ()):
                    st = end - len(cue)
                    if st < lo:
                        continue
                    phrase = text[st:end]
                    if not phrase.isascii():
                        break
                    if phrase.lower() == cue and (st == lo or text[st - 1].isspace() or text[st - 1] in "(["):
                        return True
                else:
                    q -= 1
                    continue
                break  # text beyond ASCII: the regex decides
            q -= 1
        else:
            return False
    # Searching from at most one character (a boundary) before the longest phrase gives the
    # same answer as from the window's start. The window is sliced (not searched in place
    # with pos/endpos) because ``^`` matches at its start.
    n = end - lo
    return _CUE_BEFORE.search(text[lo:ns], n - _CUE_LONGEST - 1 if n > _CUE_LONGEST + 1 else 0) is not None


def _sign_off_before(text: str, lo: int, end: int, ns: int) -> bool:
    """``_SIGN_OFF`` matches the window ``text[lo:ns]`` before a name, which has a line break
    in the white space after ``end``."""
    # A sign-off phrase ends at ``end``, or just before a comma, dot or "!" there; the pattern
    # has no boundary before the phrase. On ASCII text that is a test of the last characters.
    stop = end - 1 if text[end - 1] in ",.!" else end
    tail = text[stop - _SIGN_OFF_LONGEST if stop - _SIGN_OFF_LONGEST > lo else lo:stop]
    if tail.isascii():
        return tail.lower().endswith(_SIGN_OFF_PHRASES)
    n = end - lo
    return _SIGN_OFF.search(text[lo:ns], n - _SIGN_OFF_LONGEST - 2 if n > _SIGN_OFF_LONGEST + 2 else 0) is not None


_street_words = lexicon.street_words


def warm_up() -> None:
    """Load the vocabularies now (they are read from package data on first use)."""
    _first()
    _last()
    _street_words()
