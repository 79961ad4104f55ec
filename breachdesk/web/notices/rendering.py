"""Personalised notices at scale: built once per kind of notice, filled in per person.

A breach of a million people has a few hundred kinds of notice: the same exposure, flags,
language and format give the same wording. ``NoticeRenderer`` builds, checks and renders each
kind once with placeholders for the parts that differ per person (name, reference, portal
code, postal address), then fills them in. The result is exactly what the engine renders for
that person (a test compares them); paragraphs whose length changes with the name are wrapped
again with the engine's text rules.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, replace
from html import escape

from breachdesk.notices import (
    BreachContext,
    Notice,
    NoticeError,
    Person,
    build_notice,
    check,
    errors,
    render_html,
    render_html_fragment,
    render_text,
)
from breachdesk.notices.render import WIDTH

# Placeholders survive wrapping and escaping unchanged; reference and code placeholders have
# the real values' lengths (11 and 8), so wrapping is unaffected by them.
_NAME = "Qqnameqq"
_REF = "QQREFQQQQQQ"
_CODE = "QQCODEQQ"
_ADDR = "QQADDRESSQQ"
_ACT = "QQACTIVATIONQQ"


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


@dataclass
class _Kind:
    subject: str
    text: str
    html: str
    letter_html: str
    problems: list  # the engine's Problems, errors and warnings
    has_name: bool


def kind_of(person: Person) -> tuple:
    """What makes two people's notices the same apart from name, reference, code and address."""
    return (person.exposure, person.child, person.special_category, person.safeguarding, person.language,
            person.format, bool(person.name), bool(person.address_lines),
            bool(person.reference and person.portal_code), bool(person.activation_code))


class NoticeRenderer:
    """Renders the notices of one breach; not thread-safe (one per worker)."""

    def __init__(self, context: BreachContext):
        self.context = context
        self._kinds: dict[tuple, _Kind] = {}

    def notice(self, person: Person) -> Notice:
        return build_notice(self.context, person)

    def _kind(self, person: Person) -> _Kind:
        key = kind_of(person)
        kind = self._kinds.get(key)
        if kind is None:
            sample = replace(
                person,
                name=_NAME if person.name else None,
                reference=_REF if person.reference else None,
                portal_code=_CODE if person.portal_code else None,
                activation_code=_ACT if person.activation_code else None,
                address_lines=(_ADDR,) if person.address_lines else (),
            )
            notice = build_notice(self.context, sample)
            kind = _Kind(notice.subject, render_text(notice), render_html(notice),
                         render_html_fragment(notice, letter=True), check(notice), bool(person.name))
            self._kinds[key] = kind
        return kind

    def problems(self, person: Person) -> list:
        """The checks' problems for this person's kind of notice (checked once per kind)."""
        return self._kind(person).problems

    def errors(self, person: Person) -> list:
        return errors(self.problems(person))

    def render(self, person: Person, *, letter: bool = False) -> Rendered:
        """Subject, plain text and HTML for one person; NoticeError if it cannot be built.
        With ``letter``, the HTML is the engine's letter fragment (with the address) to put
        in the letter template."""
        try:
            return self._render(person, letter)
        except _Fallback:
            notice = self.notice(person)
            html = render_html_fragment(notice, letter=True) if letter else render_html(notice)
            return Rendered(notice.subject, render_text(notice), html)

    def _render(self, person: Person, letter: bool) -> Rendered:
        if person.salutation is not None:
            raise _Fallback
        kind = self._kind(person)
        values = {
            _REF: person.reference or "", _CODE: person.portal_code or "",
            _ACT: person.activation_code or "",
        }
        text = _fill_text(kind.text, values, person.name or "", person.address_lines)
        html = _fill_html(kind.letter_html if letter else kind.html, values, person.name or "", person.address_lines)
        subject = kind.subject
        for token, value in values.items():
            subject = subject.replace(token, value)
        return Rendered(subject.replace(_NAME, person.name or ""), text, html)


def _wrap(paragraph: str) -> str:
    return "\n".join(textwrap.wrap(paragraph, WIDTH, break_long_words=False, break_on_hyphens=False))


def _fill_text(text: str, values: dict, name: str, address: tuple[str, ...]) -> str:
    for token, value in values.items():
        text = text.replace(token, value)
    if address:
        text = text.replace(_ADDR, "\n".join(address))
    if _NAME not in text:
        return text
    out = []
    for para in text.split("\n\n"):
        if _NAME in para:
            if para.lstrip().startswith("- ") or "\n- " in para:
                raise _Fallback
            para = _wrap(" ".join(line.strip() for line in para.split("\n")).replace(_NAME, name))
        out.append(para)
    return "\n\n".join(out)


def _fill_html(html: str, values: dict, name: str, address: tuple[str, ...]) -> str:
    for token, value in values.items():
        html = html.replace(token, escape(value))
    if address:
        html = html.replace(_ADDR, "<br>".join(escape(a) for a in address))
    return html.replace(_NAME, escape(name))


class _Fallback(Exception):
    """A name inside a list item: render this person directly rather than guess the layout."""


__all__ = ["NoticeError", "NoticeRenderer", "Rendered", "kind_of"]
