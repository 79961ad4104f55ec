"""The name and address rules as the tests import them (compiled, where built) give exactly what
their plain-Python source gives, and the character-by-character paths that replaced slicing
and regular expressions give what those gave (kept here as the reference). Synthetic text only."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from breachdesk.scope.detect import lexicon
from breachdesk.scope.detect import names as compiled
from breachdesk.scope.detect._compiled import source_module
from breachdesk.scope.detect.text import default_scanner

src = source_module("names")

# Pieces of letters and notes: names (some beyond ASCII), titles, cues and sign-offs in odd
# cases and spellings (letters that IGNORECASE folds to ASCII: long s, Kelvin sign, dotted and
# dotless i), house numbers (Arabic-Indic digits too), streets, postcodes, ordinary words, and
# white space of every kind.
WORDS = [
    "John", "Smith", "Zoë", "José", "Müller", "İsmail", "Jones", "Ann-Marie", "O'Neil", "Acacia",
    "Mr", "Mrs.", "Dr", "DR.", "Dear", "dear", "Patient:", "PATIENT:", "Name:", "name is",
    "spoke to", "SPOKE TO", "ſpoke to", "(called", "[named", "on behalf of", "Officer:", "Kelvin",
    "Kind regards,", "kind regards", "Best!", "THANKS.", "Yours sincerely", "ſincerely", "Cheers",
    "xbest", "Thank you", "12", "4a,", "4a", "١٢", "Flat 3", "Flat. 3B", "Unit 7", "12-14", "House",
    "Road", "Street", "Avenue", "Lane", "Court", "Cottage", "LS1 4AB", "SW1A 1AA", "Leeds", "York",
    "lives at", "the", "and", "Council", "Team", "Monday", "Ref", "worker", "caseworker:",
    "social worker", "ıs", "İs", "Room 5", "Apt.4", "Suite 2b,", "Mill", "Buildings", "12345",
    "7b-2", "She lives at", "(officer:", "(Officer:", "[wife", "x(called", "spoke (to", "(ſon",
]
GAPS = [" ", " ", " ", "  ", "\n", "\n", "\n\n", ", ", ",", " \n", "\n ", "\t", "\xa0", "\r\n",
        ". ", "\u2009", "\x85", ": "]
TEXTS = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(GAPS)), max_size=40).map(
    lambda parts: "".join(w + g for w, g in parts))

_SEQ = re.compile(r"[A-ZÀ-Þİ][\w'’.:-]*(?: [A-ZÀ-Þİ][\w'’.:-]*)*")
_TITLED = re.compile(r"\b(?:Mr|Mrs|Dr|DR)\.? [A-Z]\w*(?: [A-Z]\w*)*")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b")
_STREET = re.compile(r"\b\d{1,4}[A-Za-z]? [A-Z]\w*(?: [A-Z]\w*)* (?:Road|Street|Avenue|Lane)\b")


def _spans(rx: re.Pattern, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in rx.finditer(text)]


def _candidates(text: str):
    """The rules' inputs: the scanner's own candidates, and looser ones from the regexes above
    (more spans reach the rules' corners)."""
    cands = default_scanner().candidates(text)
    yield (cands.get("name_title", []), cands.get("name_seq", []), cands.get("postcode", []),
           cands.get("street", []), [])
    yield (_spans(_TITLED, text), _spans(_SEQ, text), _spans(_POSTCODE, text),
           _spans(_STREET, text), _spans(re.compile(r"\d+"), text))


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_compiled_rules_give_what_the_source_gives(text):
    for titled, seqs, postcodes, streets, taken in _candidates(text):
        addresses = compiled.find_addresses(text, postcodes, streets)
        assert addresses == src.find_addresses(text, postcodes, streets)
        taken = taken + [(a[0], a[1]) for a in addresses]
        assert compiled.find_names(text, titled, seqs, taken) == src.find_names(text, titled, seqs, taken)


# -- the replaced code, as it was: the reference for the paths that replaced it -----------------
def _context_before(text: str, ns: int) -> float:
    """_score's look at the window before a name, sliced and split."""
    before = text[ns - 40 if ns > 40 else 0:ns]
    stripped = before.rstrip()
    bw = stripped.rsplit(None, 1)[-1].rstrip(".,:").lower() if stripped else ""
    score = 0.0
    if bw in lexicon.TITLES or bw in lexicon.NAME_CUES:
        score += 3.0
    elif stripped and (src._CUE_BEFORE.search(before) or (
            "\n" in before[len(stripped):] and src._SIGN_OFF.search(before))):
        score += 3.0
    if (before.endswith(" ") or before.endswith(" \n")) and src._HOUSE_BEFORE.search(
            before, len(before) - 6 if len(before) > 6 else 0):
        score -= 3
    return score


_SEGMENT_SPLIT = re.compile(r"\n|, ?")


def _walk_back_before(before: str, cut: int):
    pieces = [(m.start(), m.end()) for m in _SEGMENT_SPLIT.finditer(before, cut)]
    bounds = [cut] + [e for _, e in pieces]
    ends = [s for s, _ in pieces] + [len(before)]
    segs = list(zip(bounds, ends, strict=True))
    start = None
    lines = 0
    numbered = False
    for s, e in reversed(segs):
        seg = before[s:e].strip()
        if not seg:
            if e == len(before):
                continue
            break
        if src._ADDRESS_LINE.match(seg) and len(seg.split()) <= 6:
            head = seg.split()[0].lower().rstrip(".,:")
            if head in lexicon.TITLES or head in lexicon.NAME_CUES:
                break
            if numbered and head not in lexicon.ADDRESS_UNIT_WORDS and not src._BUILDING.search(seg):
                break
            start = s + (len(before[s:e]) - len(before[s:e].lstrip()))
            lines += 1
            numbered = numbered or seg[0].isdigit() or head in lexicon.ADDRESS_UNIT_WORDS
            if lines >= 5:
                break
            continue
        house = list(src._HOUSE_START.finditer(seg))
        if house:
            off = before[s:e].find(seg)
            cand = seg[house[-1].start():]
            if src._ADDRESS_LINE.match(cand):
                start = s + off + house[-1].start()
                lines += 1
        break
    else:
        if cut:
            return None
    return start, lines


def _address_value_before(raw: str) -> str:
    value = src._ADDRESS_BREAKS.sub(", ", raw.strip())
    return src._RUNS_OF_SPACE.sub(" ", value).upper()


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_every_window_in_a_text_scores_as_the_regexes_did(text):
    for ns in range(len(text) + 1):
        assert src._context(text, ns) == _context_before(text, ns)


@settings(max_examples=400, deadline=None)
@given(TEXTS, st.data())
def test_the_walk_back_from_a_postcode_finds_what_splitting_found(text, data):
    cut = data.draw(st.integers(0, len(text)))
    assert src._walk_back(text, cut) == _walk_back_before(text, cut)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_an_address_value_is_what_the_substitutions_gave(text):
    assert src._address(text, 0, len(text), 0.9) == (0, len(text), 0.9, _address_value_before(text))


def test_a_house_number_before_a_name_as_the_regex_says():
    for c in "0123456789١٢aZé,.- \n\t":
        for d in "0123456789١aZ,":
            for tail in (" ", " \n", "\n", ", ", ",  "):
                text = f"x{d}{c}{tail}"
                want = (text.endswith(" ") or text.endswith(" \n")) and bool(
                    src._HOUSE_BEFORE.search(text, max(0, len(text) - 6)))
                assert src._house_before(text, 0, len(text)) == want, text


@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 20)), max_size=12),
       st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20)), max_size=8))
def test_spans_answer_questions_in_any_order(spans, questions):
    spans = [(a, a + n) for a, n in spans]
    cover = compiled._Spans(spans)
    for s, length in questions:
        e = s + length
        assert cover.overlaps(s, e) == any(s < te and ts < e for ts, te in spans)


SPAN_LISTS = st.lists(st.tuples(st.integers(0, 50), st.integers(0, 20)), max_size=12)


@settings(max_examples=1000)
@given(SPAN_LISTS, SPAN_LISTS, st.booleans(),
       st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20)), max_size=8))
def test_spans_in_one_or_two_runs_by_start_answer_as_a_scan(first, second, two, questions):
    # The overlap questions' spans come as two runs, each in order of start (identifiers, then
    # addresses): merged, not sorted; ends in any order among equal starts.
    first = sorted(((a, a + n) for a, n in first), key=lambda span: span[0])
    second = sorted(((a, a + n) for a, n in second), key=lambda span: span[0])
    spans = first + second if two else first
    for cover in (compiled._Spans(spans), src._Spans(spans)):
        for s, length in questions:
            e = s + length
            assert cover.overlaps(s, e) == any(s < te and ts < e for ts, te in spans)


# -- the address patterns by hand: what the compiled module runs on ASCII segments ---------------
# Pieces of address lines and near misses: every unit and building word, words that start like
# them, house numbers too long or with a letter or a range, and the characters the patterns turn on.
ADDRESS_PIECES = [
    "Flat", "Apartment", "Apt", "Unit", "Studio", "Suite", "Room", "Flatford", "Apa", "House",
    "Buildings", "Building", "Towers", "Tower", "Place", "Villa", "Mill", "Barn", "Court",
    "Cottages", "Farm", "Lodge", "Hall", "Mansions", "_House", "xHouse", "1House", "12", "4",
    "1234", "12345", "3B", "4a", "12-14", "1-23456", "7b-2", "Acacia", "Road", "O'Neil",
    "Ann-Marie", "Leeds", "the", "lives", "at", "X", "a",
]
ADDRESS_CHARS = list(" .,-'\n_\t0123456789AFRSUabzZ")
SEGMENTS = st.lists(
    st.one_of(st.sampled_from(ADDRESS_PIECES), st.sampled_from(ADDRESS_CHARS),
              st.sampled_from([" ", " ", ", ", ". "])),
    max_size=16,
).map("".join)
# White space and digits beyond ASCII, for the paths that take any text.
ANY_TEXT = st.lists(
    st.one_of(st.sampled_from(ADDRESS_PIECES), st.sampled_from(ADDRESS_CHARS),
              st.sampled_from(list(" \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u2009\u2028\u3000é١²,"))),
    max_size=16,
).map("".join)


@settings(max_examples=2000, deadline=None)
@given(SEGMENTS, st.data())
def test_an_address_line_by_hand_is_what_the_regex_matches(seg, data):
    for i in (0, data.draw(st.integers(0, len(seg)))):
        want = len(seg[i:].split()) if src._ADDRESS_LINE.match(seg[i:]) else 0
        assert compiled._address_line_words(seg, i) == want


@settings(max_examples=2000, deadline=None)
@given(SEGMENTS)
def test_the_last_house_start_by_hand_is_the_regexs(seg):
    starts = [m.start() for m in src._HOUSE_START.finditer(seg)]
    assert compiled._last_house_start(seg) == (starts[-1] if starts else -1)
    assert compiled._building_end(seg) == (src._BUILDING.search(seg) is not None)


@settings(max_examples=2000, deadline=None)
@given(ANY_TEXT, st.data())
def test_the_any_text_paths_give_what_the_regexes_and_split_give(text, data):
    i, e = data.draw(st.integers(0, len(text))), data.draw(st.integers(0, len(text)))
    assert compiled._has_digit(text, i, e) == (src._DIGIT.search(text, i, e) is not None)
    for raw in (text, text.strip()):
        assert compiled._address_value(raw) == src._RUNS_OF_SPACE.sub(
            " ", src._ADDRESS_BREAKS.sub(", ", raw))
        words = raw.split()
        assert compiled._is_street_line(raw) == (
            bool(words) and words[-1].lower().strip(".,") in lexicon.street_words())


def test_address_lines_by_hand_on_examples():
    lines = ["Flat 3", "Flat. 3B", "Flat3", "Flat 3-4", "Flat 3ab", "Flat.", "Flat .3", "Room 12a Acacia",
             "12-14 Acacia Road", "12345 Road", "1-23456", "12a", "4 Ann-Marie Road.", "Acacia Road.\n",
             "A", "Ab", "12 acacia", "12 Acacia  Road", "Abc.\n\n", ""]
    for seg in lines:
        want = len(seg.split()) if src._ADDRESS_LINE.match(seg) else 0
        assert compiled._address_line_words(seg, 0) == want, seg
    for seg in ["lives at Flat 3 12 Acacia Road", "at 12, Acacia", "12345 Acacia", "Flat 3, 4 Acacia",
                "x12 Acacia", "_12 Acacia", "at 12 acacia", "Suite 2b, Mill Lane"]:
        starts = [m.start() for m in src._HOUSE_START.finditer(seg)]
        assert compiled._last_house_start(seg) == (starts[-1] if starts else -1), seg


def test_a_name_written_as_one_spaced_words():
    for text in ["Ann Bo", "Ann  Bo", "Ann\tBo", "Ann\nBo", " Ann", "Ann ", "Ann\xa0Bo", "", "Ann Bo Cy"]:
        for s in range(len(text) + 1):
            for e in range(s, len(text) + 1):
                assert compiled._one_spaced(text, s, e) == " ".join(text[s:e].split())
