"""Render a notice as plain text (wrapped at 72 characters) or accessible HTML.

The HTML is one document with a ``lang`` attribute, one ``h1`` (the subject), an ``h2`` per
block and an ``h3`` per topic of advice, real lists, and no layout tables, so it reads well in
an email client, a screen reader and, later, on a printed letter page. Every value is escaped:
the wording holds no HTML.
"""

from __future__ import annotations

import textwrap
from html import escape

from .model import Format, Items, Notice, Para, Part

WIDTH = 72

_CSS = (
    "body{{margin:0;padding:1em;font-family:Arial,Helvetica,sans-serif;font-size:{size};"
    "line-height:1.5;color:#0b0c0c;background:#fff}}"
    "main{{max-width:40em}}h1{{font-size:1.5em}}h2{{font-size:1.25em;margin-top:1.5em}}"
    "h3{{font-size:1.1em}}li{{margin-bottom:.25em}}"
)
SIZES = {Format.STANDARD: "12pt", Format.PLAIN_TEXT: "12pt", Format.LARGE_PRINT: "18pt"}


def _wrap(text: str, indent: str = "", first: str = "") -> list[str]:
    # Addresses, links and codes must never be split across lines.
    return textwrap.wrap(text, WIDTH, initial_indent=first or indent, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False) or [first.rstrip()]


def _text_parts(parts: tuple[Part, ...]) -> list[str]:
    lines: list[str] = []
    for part in parts:
        if isinstance(part, Para):
            lines += [*_wrap(part.text), ""]
        else:
            for item in part.items:
                lines += _wrap(item, indent="  ", first="- ")
            lines.append("")
    return lines


def render_text(notice: Notice, *, letter: bool = False) -> str:
    """The notice as plain text: lines of at most 72 characters (a single word longer than
    that, such as a long link, stays whole on its own line). ``letter`` adds the recipient's
    postal address, when there is one to show."""
    lines = [*_wrap(notice.subject), "=" * min(WIDTH, len(notice.subject)), ""]
    if letter and notice.recipient_address:
        lines += [*notice.recipient_address, ""]
    lines += [*_wrap(notice.greeting), ""]
    for block in notice.blocks:
        lines += [*_wrap(block.heading), "-" * min(WIDTH, len(block.heading)), ""]
        lines += _text_parts(block.parts)
        for section in block.sections:
            lines += [*_wrap(section.heading), ""]
            lines += _text_parts(section.parts)
    for line in notice.sign_off:
        lines += _wrap(line)
    return "\n".join(lines).rstrip("\n") + "\n"


def _html_parts(parts: tuple[Part, ...], out: list[str]) -> None:
    for part in parts:
        if isinstance(part, Para):
            out.append(f"<p>{escape(part.text)}</p>")
        elif isinstance(part, Items):
            out.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in part.items) + "</ul>")


def render_html_fragment(notice: Notice, *, letter: bool = False) -> str:
    """The notice as an ``<article>`` to embed in a page (the portal, a letter template).
    ``letter`` adds the recipient's postal address, when there is one to show."""
    classes = "notice large-print" if notice.format is Format.LARGE_PRINT else "notice"
    out = [f'<article class="{classes}" lang="{escape(notice.lang)}">']
    if letter and notice.recipient_address:
        out.append("<address>" + "<br>".join(escape(a) for a in notice.recipient_address)
                   + "</address>")
    out.append(f"<h1>{escape(notice.subject)}</h1>")
    out.append(f"<p>{escape(notice.greeting)}</p>")
    for block in notice.blocks:
        out.append(f'<section id="{block.key}" aria-labelledby="{block.key}-h">')
        out.append(f'<h2 id="{block.key}-h">{escape(block.heading)}</h2>')
        _html_parts(block.parts, out)
        for section in block.sections:
            out.append(f'<section id="advice-{section.key}">')
            out.append(f"<h3>{escape(section.heading)}</h3>")
            _html_parts(section.parts, out)
            out.append("</section>")
        out.append("</section>")
    if notice.sign_off:
        out.append("<p>" + "<br>".join(escape(s) for s in notice.sign_off) + "</p>")
    out.append("</article>")
    return "\n".join(out)


def render_html(notice: Notice, *, letter: bool = False) -> str:
    """The notice as a whole HTML document, for an email body or a letter page."""
    size = SIZES[notice.format]
    body_class = ' class="large-print"' if notice.format is Format.LARGE_PRINT else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(notice.lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(notice.subject)}</title>\n<style>{_CSS.format(size=size)}</style>\n"
        f'</head>\n<body{body_class} style="font-size:{size}">\n<main>\n'
        f"{render_html_fragment(notice, letter=letter)}\n</main>\n</body>\n</html>\n"
    )


def render(notice: Notice) -> str:
    """The notice in the person's format: plain text for ``plain_text``, HTML otherwise."""
    return render_text(notice) if notice.format is Format.PLAIN_TEXT else render_html(notice)
