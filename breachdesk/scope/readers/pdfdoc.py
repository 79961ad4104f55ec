"""PDF text layer through pypdfium2. One text per document, with the offset where each page
starts so findings can name their page. A PDF with no text at all is a scan: "needs OCR"."""

from __future__ import annotations

import pypdfium2 as pdfium

from ..context import Context
from ..errors import Corrupt, Encrypted, NeedsOCR
from ..sources import Items, Note, Source, Text

MAX_PAGES = 20_000


def read(src: Source, ctx: Context) -> Items:
    try:
        pdf = pdfium.PdfDocument(src.as_input())
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise Encrypted("password-protected PDF") from None
        raise Corrupt("damaged or truncated PDF") from None
    try:
        parts: list[str] = []
        pages: list[int] = []
        offset = 0
        count = len(pdf)
        for index in range(min(count, MAX_PAGES)):
            page = pdf[index]
            textpage = page.get_textpage()
            text = textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n")
            textpage.close()
            page.close()
            pages.append(offset)
            parts.append(text)
            offset += len(text) + 1
        if count > MAX_PAGES:
            yield Note(src, f"only the first {MAX_PAGES} pages were read")
    finally:
        pdf.close()
    body = "\n".join(parts)
    if not body.strip():
        raise NeedsOCR("scanned PDF with no text layer: needs OCR")
    empty = sum(1 for p in parts if not p.strip())
    if empty:
        yield Note(src, f"{empty} page(s) have no text layer (scanned?): need OCR")
    yield Text(src, "", body, pages=pages)
