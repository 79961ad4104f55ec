"""Where a Hyperscan match starts, found backwards from its end: a small DFA per pattern.

Hyperscan reports where matches end. Asked for starts too (``HS_FLAG_SOM_LEFTMOST``: for each
end, the leftmost start of a match ending there), it tracks them while scanning, which is
expensive for patterns with wide or unbounded repeats: for the scanner's patterns it made the
whole scan about twice as costly (names, streets, keywords, IBANs). ``_hscan`` instead scans
without start tracking and, for each end, runs the pattern's *reversed* automaton from that end
back towards the start of the text, keeping the leftmost position where it accepts, until it
dies (a few characters past the match). Same starts, at a few instructions per character of
the match.

The automaton is built here, in Python, once per pattern when a scanner is built:

- the pattern is parsed by Python's own regex parser (``re._parser``); only what both it and
  Hyperscan read the same way is accepted: literals, classes, groups, alternation, repeats and
  the word boundaries ``\\b``/``\\B``. Anything else (anchors, lookaround, back-references,
  inline flags, ``.``, non-ASCII pattern text) is refused, and that pattern keeps Hyperscan's
  start tracking;
- what each literal or class matches is not taken from Python's reading: every one is compiled
  by libhs on its own and run over the 256 byte values (``byte_sets``, given by the caller), so
  case folding, ``\\d``, ``\\s`` and ``\\w`` are Hyperscan's. Word characters (for ``\\b``)
  are libhs's ``\\w`` the same way;
- a Thompson NFA of the pattern read right to left, made deterministic. A word boundary depends
  on the characters on both sides, so a DFA state carries whether the character read last
  (the one to the right, in the text) is a word character, and its acceptance comes in two
  flavours: with a word character next (to the left) or not (or the start of the text).

``leftmost`` is the same run in Python: the reference for the C loop in ``_hscan.pyx``.
"""

from __future__ import annotations

import re
import re._constants as _c
import re._parser as _p
import warnings
from collections.abc import Callable
from typing import NamedTuple

# DFA states beyond this and the pattern keeps Hyperscan's start tracking (the scanner's
# largest needs 234).
MAX_STATES = 4096

DEAD = -1

# Escapes both parsers read alike (the rest of the letters and the digits are refused: "\v" is
# a class to PCRE and one character to Python, "\1" a back-reference, "\Q", "\h", "\A"...).
_ESCAPES = frozenset("dDsSwWbBxtnrfa")


class Unsupported(Exception):
    """The pattern uses something this module does not reverse."""


class Automaton(NamedTuple):
    """A reversed pattern as a DFA over byte classes.

    ``table[state * n_classes + classes[byte]]`` is the next state or ``DEAD``; bit 0 of
    ``accept[state]`` says a match may start here when the character to the left is not a word
    character (or there is none), bit 1 when it is; ``init[w]`` is the state at a match's end,
    ``w`` whether the character right of the end is a word character."""

    classes: bytes
    n_classes: int
    table: tuple[int, ...]
    accept: bytes
    init: tuple[int, int]


_CATEGORIES = {
    _c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_NOT_DIGIT: r"\D", _c.CATEGORY_SPACE: r"\s",
    _c.CATEGORY_NOT_SPACE: r"\S", _c.CATEGORY_WORD: r"\w", _c.CATEGORY_NOT_WORD: r"\W",
}


def _char(c: int) -> str:
    if c > 0xFF:
        raise Unsupported("a character beyond one byte")
    return f"\\x{c:02x}"


def _leaf(op: object, av: object) -> str:
    """A literal or class as a one-character pattern for libhs."""
    if op is _c.LITERAL:
        return f"[{_char(av)}]"
    if op is _c.NOT_LITERAL:
        return f"[^{_char(av)}]"
    negate, parts = "", []
    for o, a in av:
        if o is _c.NEGATE:
            negate = "^"
        elif o is _c.LITERAL:
            parts.append(_char(a))
        elif o is _c.RANGE:
            parts.append(f"{_char(a[0])}-{_char(a[1])}")
        elif o is _c.CATEGORY and a in _CATEGORIES:
            parts.append(_CATEGORIES[a])
        else:
            raise Unsupported(str(o))
    return f"[{negate}{''.join(parts)}]"


class _NFA:
    """Thompson NFA of a pattern read right to left: per state, epsilon edges (each maybe
    conditional on a word boundary, "b", or its absence, "B") and at most one character edge."""

    def __init__(self) -> None:
        self.eps: list[list[tuple[int, str | None]]] = []
        self.char: list[tuple[int, int] | None] = []  # (leaf, target)
        self.leaves: dict[str, int] = {}

    def state(self) -> int:
        self.eps.append([])
        self.char.append(None)
        return len(self.eps) - 1

    def sequence(self, items) -> tuple[int, int]:
        start = cur = self.state()
        for op, av in reversed(list(items)):
            a, b = self.item(op, av)
            self.eps[cur].append((a, None))
            cur = b
        return start, cur

    def item(self, op, av) -> tuple[int, int]:
        if op in (_c.LITERAL, _c.NOT_LITERAL, _c.IN):
            leaf = self.leaves.setdefault(_leaf(op, av), len(self.leaves))
            s, t = self.state(), self.state()
            self.char[s] = (leaf, t)
            return s, t
        if op is _c.AT:
            cond = {_c.AT_BOUNDARY: "b", _c.AT_NON_BOUNDARY: "B"}.get(av)
            if cond is None:
                raise Unsupported(str(av))
            s, t = self.state(), self.state()
            self.eps[s].append((t, cond))
            return s, t
        if op is _c.BRANCH:
            s, t = self.state(), self.state()
            for alternative in av[1]:
                a, b = self.sequence(alternative)
                self.eps[s].append((a, None))
                self.eps[b].append((t, None))
            return s, t
        if op is _c.SUBPATTERN:
            if av[1] or av[2]:
                raise Unsupported("inline flags")
            return self.sequence(av[3])
        if op is _c.MAX_REPEAT or op is _c.MIN_REPEAT:  # greed means nothing to Hyperscan
            lo, hi, sub = av
            s = cur = self.state()
            for _ in range(lo):
                a, b = self.sequence(sub)
                self.eps[cur].append((a, None))
                cur = b
            t = self.state()
            if hi is _c.MAXREPEAT:
                a, b = self.sequence(sub)
                self.eps[cur] += [(a, None), (t, None)]
                self.eps[b].append((cur, None))
                return s, t
            for _ in range(hi - lo):
                a, b = self.sequence(sub)
                self.eps[cur] += [(t, None), (a, None)]
                cur = b
            self.eps[cur].append((t, None))
            return s, t
        raise Unsupported(str(op))


def _posix_class(pattern: str) -> bool:
    """Whether a class holds "[:", "[=" or "[." (a POSIX class to PCRE, characters to Python)."""
    i, in_class, n = 0, False, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            if c == "[" and pattern[i + 1:i + 2] in (":", "=", "."):
                return True
            if c == "]":
                in_class = False
        elif c == "[":
            in_class = True
            i += 1
            if pattern[i:i + 1] == "^":
                i += 1
            if pattern[i:i + 1] == "]":  # a "]" first is a character
                i += 1
            continue
        i += 1
    return False


def automaton(pattern: str, byte_sets: Callable[[list[str]], list[frozenset[int]]],
              word: frozenset[int]) -> Automaton:
    """The reversed DFA of ``pattern`` (Hyperscan syntax, as compiled with flags whose only
    effect on single characters is what ``byte_sets`` applies). Raises Unsupported."""
    if not pattern.isascii() or "{," in pattern or _posix_class(pattern):
        raise Unsupported("pattern text")  # "{,n}": PCRE reads it as text, Python as a repeat
    escapes = re.findall(r"\\(.)", pattern, re.DOTALL)
    if any(c.isalnum() and c not in _ESCAPES for c in escapes):
        raise Unsupported("an escape")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # "possible nested set" and the like: refused
            tree = _p.parse(pattern)
    except (re.error, Warning) as exc:
        raise Unsupported("Python cannot parse it") from exc
    if tree.state.flags & ~_c.SRE_FLAG_UNICODE:
        raise Unsupported("inline flags")
    nfa = _NFA()
    start, final = nfa.sequence(tree)
    leaves = sorted(nfa.leaves, key=nfa.leaves.__getitem__)
    sets = byte_sets(leaves)
    # Bytes alike for every leaf and for \b fall in one class.
    signatures: dict[tuple[bool, ...], int] = {}
    classes = bytearray(256)
    for byte in range(256):
        key = (byte in word, *(byte in s for s in sets))
        classes[byte] = signatures.setdefault(key, len(signatures))
    sample = {}
    for byte in range(256):
        sample.setdefault(classes[byte], byte)
    closures: dict[tuple[frozenset[int], bool, bool], frozenset[int]] = {}

    def closure(states: frozenset[int], left_word: bool, right_word: bool) -> frozenset[int]:
        key = (states, left_word, right_word)
        got = closures.get(key)
        if got is None:
            seen, todo = set(states), list(states)
            boundary = left_word != right_word
            while todo:
                for t, cond in nfa.eps[todo.pop()]:
                    if t not in seen and (cond is None or (cond == "b") == boundary):
                        seen.add(t)
                        todo.append(t)
            got = closures[key] = frozenset(seen)
        return got

    index: dict[tuple[frozenset[int], bool], int] = {}
    pending: list[tuple[frozenset[int], bool]] = []
    accept = bytearray()

    def number(key: tuple[frozenset[int], bool]) -> int:
        if key not in index:
            if len(index) >= MAX_STATES:
                raise Unsupported("too many states")
            index[key] = len(index)
            pending.append(key)
            states, right_word = key
            accept.append((final in closure(states, False, right_word))
                          | (final in closure(states, True, right_word)) << 1)
        return index[key]

    init = (number((frozenset([start]), False)), number((frozenset([start]), True)))
    table: list[int] = []
    done = 0
    while done < len(pending):
        states, right_word = pending[done]
        done += 1
        for k in range(len(signatures)):
            byte = sample[k]
            left_word = byte in word
            after = closure(states, left_word, right_word)
            moved = frozenset(edge[1] for s in after if (edge := nfa.char[s]) is not None
                              and byte in sets[edge[0]])
            table.append(number((moved, left_word)) if moved else DEAD)
    return Automaton(bytes(classes), len(signatures), tuple(table), bytes(accept), init)


def leftmost(a: Automaton, data: bytes, end: int, word: frozenset[int]) -> int:
    """The leftmost start of a match of the pattern ending at ``end`` in ``data``, or -1."""
    state = a.init[end < len(data) and data[end] in word]
    best, q = -1, end
    while True:
        if q < end and a.accept[state] >> (q > 0 and data[q - 1] in word) & 1:
            best = q
        if q == 0:
            return best
        state = a.table[state * a.n_classes + a.classes[data[q - 1]]]
        if state == DEAD:
            return best
        q -= 1
