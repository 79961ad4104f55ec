"""HTML: the visible text, with block elements and table cells kept apart by line breaks and
tabs so that detectors see the same boundaries a reader would."""

from __future__ import annotations

from html.parser import HTMLParser

from ..context import Context
from ..sources import Items, Source, Text
from .encoding import decoder, sniff_encoding

_BLOCK = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section",
          "article", "header", "footer", "address", "pre", "blockquote", "dt", "dd"}
_SKIP = {"script", "style", "head", "noscript", "template"}
IN_MEMORY = 256 << 20


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append("\t")

    def handle_endtag(self, tag):
        if tag in _SKIP and self.skip:
            self.skip -= 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _Extractor()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


def read(src: Source, ctx: Context) -> Items:
    raw = src.head(IN_MEMORY)
    encoding = sniff_encoding(raw[: 1 << 20], complete=len(raw) <= 1 << 20)
    text = html_to_text(decoder(encoding).decode(raw, final=True))
    if text:
        yield Text(src, "", text)
