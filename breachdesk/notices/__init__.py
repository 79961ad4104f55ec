"""Notices to people affected by a breach: content blocks, personal advice, checks, rendering.

Pure Python, no Django. Build one notice per person from the breach context and what of theirs
was exposed, check it before sending, render it as text or HTML:

    >>> notice = build_notice(context, person)      # NoticeError if input is incomplete
    >>> problems = check(notice)                     # [] when it may be sent
    >>> render_text(notice), render_html(notice)

Exceptions: ``NoticeError`` (a ValueError: the input cannot make a notice) and its subclass
``WordingError`` (an organisation's wording is malformed). Messages name fields, never values.
"""

from breachdesk.notices.advice import ADVICE, AdviceRule
from breachdesk.notices.blocks import BLOCKS, REQUIRED, BlockSpec
from breachdesk.notices.build import build_notice
from breachdesk.notices.checks import JARGON, Problem, check, errors
from breachdesk.notices.items import ITEMS, describe
from breachdesk.notices.model import (
    Block,
    BreachContext,
    Contact,
    Exposure,
    Format,
    Items,
    Notice,
    NoticeError,
    Para,
    Person,
    Regulator,
    Section,
    Support,
)
from breachdesk.notices.readability import Readability, readability
from breachdesk.notices.render import render, render_html, render_html_fragment, render_text
from breachdesk.notices.wording import Wording, WordingError, load_wording

__all__ = [
    "ADVICE",
    "BLOCKS",
    "ITEMS",
    "JARGON",
    "REQUIRED",
    "AdviceRule",
    "Block",
    "BlockSpec",
    "BreachContext",
    "Contact",
    "Exposure",
    "Format",
    "Items",
    "Notice",
    "NoticeError",
    "Para",
    "Person",
    "Problem",
    "Readability",
    "Regulator",
    "Section",
    "Support",
    "Wording",
    "WordingError",
    "build_notice",
    "check",
    "describe",
    "errors",
    "load_wording",
    "readability",
    "render",
    "render_html",
    "render_html_fragment",
    "render_text",
]
