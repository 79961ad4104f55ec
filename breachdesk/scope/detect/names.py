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

    __slots__ = ("starts", "max_end", "before")

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.max_end: list[int] = []  # the furthest end among the spans up to each one
        top = -1
        for _, e in spans:
            top = e if e > top else top
            self.max_end.append(top)
        self.before = 0  # how many spans start before the last question's end

    def overlaps(self, s: int, e: int) -> bool:
        # The spans that start before e: bisect_left(self.starts, e), found by moving on from
        # the last question's answer, as the questions come about in order of position (a
        # step or two, where bisecting costs a call and a dozen steps).
        starts = self.starts
        k = self.before
        n = len(starts)
        while k < n and starts[k] < e:
            k += 1
        while k > 0 and starts[k - 1] >= e:
            k -= 1
        self.before = k
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
    if _DIGIT.search(text, start, pc_start) is None and not _has_street_word(text[start:pc_start]):
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
            words = seg.split() if _ADDRESS_LINE.match(seg) is not None else None
            if words is None or len(words) > 6:
                # A sentence that ends in an address: "She lives at 12 Acacia Avenue".
                house = None
                if _DIGIT.search(seg) is not None:  # every house start has one
                    for m in _HOUSE_START.finditer(seg):
                        house = m  # the last one
                if house is not None and _ADDRESS_LINE.match(seg[house.start():]) is not None:
                    start = s + house.start()
                    lines += 1
                break
            head = words[0].lower().rstrip(".,:")
            if head in _LEAD_WORDS:
                break
            unit = head in lexicon.ADDRESS_UNIT_WORDS
            if numbered and not unit and _BUILDING.search(seg) is None:
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
        m = _score(text, s, e, first, last, memo)
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


def _score(text, s, e, first, last, memo) -> tuple[int, int, float] | None:
    span = text[s:e]
    words = memo.get(span, memo)
    if words is memo:
        words = _score_words(span, first, last)
        if len(memo) >= _MEMO_MAX:
            memo.clear()
        memo[span] = words
    if words is None:
        return None
    lead, score, street, vocab = words
    ns = s + lead
    if score == 0:
        score = _context(text, ns)
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
        low = tok.lower()
        if low.rstrip(".,:") in _LEAD_WORDS or _cue_before(text, lo, word, end, ns, tok, low):
            score = 3.0
        # A sign-off ends a line: only white space, with a line break in it, follows it.
        elif text.find("\n", end, ns) >= 0 and _sign_off_before(text, lo, end, ns):
            score = 3.0
    if _house_before(text, lo, ns):
        score -= 3
    return score


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


# Scores are multiples of 0.5: their confidences computed once (``round`` with digits is slow).
_CONFIDENCE = {k / 2: round(min(0.98, 0.5 + 0.1 * (k / 2)), 2) for k in range(-20, 61)}


def _cue_before(text: str, lo: int, word: int, end: int, ns: int, tok: str, low: str) -> bool:
    """``_CUE_BEFORE`` matches the window ``text[lo:ns]`` before a name, whose last word is
    ``tok`` = ``text[word:end]`` (``low`` lower-cased), followed by white space only."""
    # The pattern ends with white space only, so a match ends its phrase exactly at ``end``:
    # the phrase's last word is the window's last word (or a part of it after "(" or "["),
    # and the phrase starts at the window's start or after white space. On ASCII text that
    # is a look-up; IGNORECASE also matches a few other letters to ASCII ones ("ſ" to "s"),
    # so on anything else the regex decides.
    if tok.isascii() and "(" not in tok and "[" not in tok:
        for cue in _CUES_BY_LAST_WORD.get(low, ()):
            st = end - len(cue)
            if st < lo:
                continue
            phrase = text[st:end]
            if not phrase.isascii():
                break
            if phrase.lower() == cue and (st == lo or text[st - 1].isspace() or text[st - 1] in "(["):
                return True
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
