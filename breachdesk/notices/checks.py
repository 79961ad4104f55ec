"""Checks before sending: required blocks, plain English, no jargon or legal references.

``check(notice)`` returns every problem found; an empty list means the notice may be sent.
A problem names the block and the rule, and for jargon the listed term and a plain
alternative. It never quotes the notice's own text, which holds personal data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .blocks import BLOCK_KEYS, REQUIRED
from .model import Notice
from .readability import readability, sentences

MAX_GRADE = 9.0
MAX_SENTENCE_LENGTH = 25.0
# One sentence this long is hard for anyone, whatever the average around it.
LONGEST_SENTENCE = 40
# A block shorter than this is not scored on its own (a grade from two sentences is noise);
# it still counts towards the whole notice.
MIN_WORDS_TO_SCORE = 40

NOTICE = "(notice)"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing to fix before sending: where (a block key, or "(notice)"), the rule broken,
    and what to do. ``severity`` is "error" (do not send) or "warning" (a person should look)."""

    block: str
    rule: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.block}: {self.rule}: {self.message}"


@dataclass(frozen=True)
class Jargon:
    term: str  # as shown to the DPO
    pattern: str  # a regular expression, matched case-insensitively on word boundaries
    instead: str  # a plain alternative
    severity: str = "error"
    rule: str = "jargon"


def _j(term: str, instead: str, pattern: str | None = None, severity: str = "error") -> Jargon:
    return Jargon(term, pattern or re.escape(term), instead, severity)


def _law(term: str, pattern: str) -> Jargon:
    return Jargon(term, pattern, "leave the legal reference out; say what it means for the "
                  "person", "error", "legal-reference")


# Words for specialists, not for the public. "personal data breach" is the law's own term and
# the ICO uses it, so it is a warning, not an error: "data breach" or saying what happened
# reads better.
JARGON: tuple[Jargon, ...] = (
    _j("data subject", "you, or the people affected", r"data subjects?"),
    _j("exfiltration", "taken, or copied", r"exfiltrat\w*"),
    _j("threat actor", "criminals, or someone who should not have it",
       r"(?:threat|malicious|bad) actors?"),
    _j("personal data breach", "a data breach, or say what happened",
       r"personal data breach(?:es)?", "warning"),
    _j("data controller", "we, or the organisation's name", r"data controllers?"),
    _j("data processor", "the company's name", r"data processors?"),
    _j("special category data", "sensitive information, such as health information",
       r"special categor(?:y|ies)(?: of)?(?: personal)? data"),
    _j("personally identifiable information", "personal information",
       r"personally identifiable information|PII"),
    _j("unauthorised third party", "someone who should not have had it",
       r"unauthori[sz]ed (?:third part(?:y|ies)|individuals?|persons?|parties|party)"),
    _j("third party", "another person or organisation", r"third[- ]part(?:y|ies)", "warning"),
    _j("compromised", "seen or taken by someone who should not have it", r"compromised",
       "warning"),
    _j("processing", "using, or handling", r"processing", "warning"),
    _j("pursuant to", "under", r"pursuant(?: to)?"),
    _j("aforementioned", "this, or that", r"aforementioned|aforesaid"),
    _j("hereby", "leave it out", r"here(?:by|in|to|under|with)|there(?:of|in|by)|whereby"),
    _j("in accordance with", "under, or as", r"in accordance with"),
    _j("prior to", "before", r"prior to"),
    _j("in order to", "to", r"in order to"),
    _j("commence", "start", r"commenc\w*"),
    _j("utilise", "use", r"utili[sz]\w*"),
    _j("facilitate", "help", r"facilitat\w*"),
    _j("remediate", "put right, or fix", r"remediat\w*"),
    _j("mitigate", "reduce", r"mitigat\w*"),
    _j("ascertain", "find out", r"ascertain\w*"),
    _j("endeavour", "try", r"endeavou?r\w*"),
    _j("notwithstanding", "despite, or even if", r"notwithstanding"),
    _j("forthwith", "now, or straight away", r"forthwith"),
    _j("in relation to", "about", r"in relation to|with regard to|in respect of"),
    _j("e.g.", "for example", r"e\.g\.?"),
    _j("i.e.", "that is", r"i\.e\.?"),
    _j("etc.", "say what you mean, or 'and so on'", r"etc\.?"),
    _j("via", "through, or by", r"via"),
    _j("inter alia", "among other things", r"inter alia"),
    _j("per se", "leave it out", r"per se"),
    _j("ad hoc", "when needed", r"ad hoc"),
    _j("bona fide", "real", r"bona fide"),
    _j("any inconvenience", "say sorry plainly: 'we are sorry'",
       r"(?:for )?any inconvenience(?: (?:this|that) may have|caused)?", "warning"),
)

LEGAL: tuple[Jargon, ...] = (
    _law("Art. 34", r"(?:art(?:icle)?s?\.?|erthygl)\s?\d+(?:\(\d+\))*(?:\([a-z]\))?"),
    _law("Recital 86", r"recitals?\s?\d+"),
    _law("section 170", r"(?:section|s\.)\s?\d+(?=\s?(?:of\b|\())"),
    _law("UK GDPR", r"(?:UK )?GDPR"),
    _law("Data Protection Act 2018", r"Data Protection Act(?: 2018)?|DPA 2018"),
    _law("PECR", r"PECR|Privacy and Electronic Communications Regulations"),
)

_COMPILED = [(j, re.compile(rf"(?<!\w){j.pattern}(?!\w)", re.I)) for j in (*JARGON, *LEGAL)]
_LEGAL_ONLY = _COMPILED[len(JARGON):]


def _texts(notice: Notice) -> dict[str, list[str]]:
    return {b.key: [b.heading, *(s.heading for s in b.sections), *b.texts()]
            for b in notice.blocks}


def check_blocks(notice: Notice) -> list[Problem]:
    problems = []
    keys = notice.keys
    for key in BLOCK_KEYS:
        if key in REQUIRED and key not in keys:
            problems.append(Problem(key, "required-block", "this required block is missing"))
    for block in notice.blocks:
        if block.key in REQUIRED and not block.texts():
            problems.append(Problem(block.key, "required-block", "this required block is empty"))
    present = [k for k in keys if k in BLOCK_KEYS]
    if present != [k for k in BLOCK_KEYS if k in present]:
        problems.append(Problem(NOTICE, "block-order", "the blocks are not in the usual order",
                                "warning"))
    return problems


def check_readability(notice: Notice, max_grade: float = MAX_GRADE,
                      max_sentence_length: float = MAX_SENTENCE_LENGTH) -> list[Problem]:
    """Flesch–Kincaid grade and sentence length, for the whole notice and each long block."""
    problems = []
    scores = [(b.key, readability(b.texts())) for b in notice.blocks]
    total = sum((r for _, r in scores), start=readability(""))
    for where, score in [(NOTICE, total), *scores]:
        if where != NOTICE and score.words < MIN_WORDS_TO_SCORE:
            continue
        if score.grade > max_grade:
            problems.append(Problem(where, "readability-grade",
                                    f"Flesch-Kincaid grade {score.grade:.1f} is above "
                                    f"{max_grade:g}: use shorter sentences and shorter words"))
        if score.sentence_length > max_sentence_length:
            problems.append(Problem(where, "sentence-length",
                                    f"sentences average {score.sentence_length:.1f} words, "
                                    f"above {max_sentence_length:g}: split long sentences"))
    for block in notice.blocks:
        if any(len(s.split()) > LONGEST_SENTENCE for t in block.texts() for s in sentences(t)):
            problems.append(Problem(block.key, "long-sentence",
                                    f"a sentence has more than {LONGEST_SENTENCE} words: "
                                    "split it"))
    return problems


def check_words(notice: Notice) -> list[Problem]:
    """Jargon (English) and legal references (any language)."""
    compiled = _COMPILED if notice.lang == "en" else _LEGAL_ONLY
    problems = set()
    texts = _texts(notice)
    texts[NOTICE] = [notice.subject, notice.greeting]
    for key, parts in texts.items():
        for jargon, rx in compiled:
            if any(rx.search(t) for t in parts):
                problems.add(Problem(key, jargon.rule,
                                     f"uses '{jargon.term}': instead, {jargon.instead}",
                                     jargon.severity))
    return sorted(problems)


def check(notice: Notice) -> list[Problem]:
    """Every problem with this notice, blocks first, then words, then readability.

    Readability and jargon are checked for English only; a Welsh notice is checked for its
    blocks and for legal references, and flagged while its wording is unreviewed."""
    problems = check_blocks(notice) + check_words(notice)
    if notice.lang == "en":
        problems += check_readability(notice)
    if not notice.reviewed:
        problems.append(Problem(NOTICE, f"{'welsh' if notice.lang == 'cy' else notice.lang}"
                                "-not-reviewed", "this wording needs review by a speaker of "
                                "the language before use", "warning"))
    return problems


def errors(problems: list[Problem]) -> list[Problem]:
    """The problems that stop a notice being sent."""
    return [p for p in problems if p.severity == "error"]
