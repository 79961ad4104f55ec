"""Readability, offline: Flesch–Kincaid grade and average sentence length.

Syllables are counted with pyphen's bundled ``en_GB`` hyphenation dictionary (the method
textstat used before it moved to a corpus it downloads): the hyphenation points of a word plus
one. Hyphenation dictionaries avoid one-letter pieces, so this undercounts a little (about one
syllable in ten against a pronouncing dictionary); the shipped English wording stays well under
the limit so that the margin does not matter. Numbers, links, email addresses and codes count
as one word of one syllable: they are read as a unit.

This is for English text only. Welsh has its own syllable patterns and no agreed grade
formula; Welsh notices are not scored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import pyphen

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+")
_ALPHA = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+")
_UNIT = re.compile(r"[@/]|\w\.\w|\d")  # links, email addresses, numbers, codes

_DIC = pyphen.Pyphen(lang="en_GB")


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables in one word (at least one)."""
    if _UNIT.search(word):
        return 1
    return max(1, sum(len(_DIC.positions(run.lower())) + 1 for run in _ALPHA.findall(word)))


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int

    @property
    def grade(self) -> float:
        """Flesch–Kincaid grade level (US school grade; 9 is about age 14 to 15)."""
        if not self.words:
            return 0.0
        return (0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words
                - 15.59)

    @property
    def sentence_length(self) -> float:
        """Average words per sentence."""
        return self.words / self.sentences if self.sentences else 0.0

    def __add__(self, other: Readability) -> Readability:
        return Readability(self.words + other.words, self.sentences + other.sentences,
                           self.syllables + other.syllables)


# A full stop after these does not end a sentence.
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:art|arts|s|ss|no|nos|mr|mrs|ms|dr|st|prof|rev|cllr|vs|approx|dept|ref|tel)"
    r"|\b[a-z]\.[a-z]|\betc)\.$", re.I)


def sentences(text: str) -> list[str]:
    """Sentences in one paragraph or list item; text with no full stop is one sentence."""
    out: list[str] = []
    for piece in _SENTENCE_END.split(text.strip()):
        if out and _ABBREVIATIONS.search(out[-1]):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return [s for s in out if any(c.isalnum() for c in s)]


def readability(texts: str | Iterable[str]) -> Readability:
    """Counts for a paragraph, or for several (each paragraph or list item starts a sentence)."""
    if isinstance(texts, str):
        texts = [texts]
    total = Readability(0, 0, 0)
    for text in texts:
        for sentence in sentences(text):
            words = [w for w in sentence.split() if any(c.isalnum() for c in w)]
            if words:
                total += Readability(len(words), 1, sum(syllables(w) for w in words))
    return total
