"""HTML to PDF with WeasyPrint, from our own templates alone.

Nothing is fetched while rendering, not even a font or an image: a PDF of a case must not
make a network request that could leak that it was made, and must look the same offline.
"""

import logging
import threading

from django.template.loader import render_to_string

# WeasyPrint narrates each step at INFO; a download is one line in the audit log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

_local = threading.local()


def _no_fetching(url, *args, **kwargs):
    raise ValueError("breachdesk PDFs load no external resources")


def _font_config():
    # One per thread, kept: making one costs ~10 ms a document (a letter takes ~100 ms), and
    # with no @font-face in our templates nothing accumulates in it.
    config = getattr(_local, "font_config", None)
    if config is None:
        from weasyprint.text.fonts import FontConfiguration

        config = _local.font_config = FontConfiguration()
    return config


def document(html: str):
    """The laid-out document (for page counts); ``.write_pdf()`` gives the bytes."""
    from weasyprint import HTML  # imported late: it loads Pango, which few requests need

    return HTML(string=html, url_fetcher=_no_fetching).render(font_config=_font_config())


def from_template(template: str, context: dict) -> bytes:
    return document(render_to_string(template, context)).write_pdf()
