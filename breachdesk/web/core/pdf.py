"""HTML to PDF with WeasyPrint, from our own templates alone.

Nothing is fetched while rendering, not even a font or an image: a PDF of a case must not
make a network request that could leak that it was made, and must look the same offline.
"""

import logging

from django.template.loader import render_to_string

# WeasyPrint narrates each step at INFO; a download is one line in the audit log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def _no_fetching(url, *args, **kwargs):
    raise ValueError("breachdesk PDFs load no external resources")


def document(html: str):
    """The laid-out document (for page counts); ``.write_pdf()`` gives the bytes."""
    from weasyprint import HTML  # imported late: it loads Pango, which few requests need

    return HTML(string=html, url_fetcher=_no_fetching).render()


def from_template(template: str, context: dict) -> bytes:
    return document(render_to_string(template, context)).write_pdf()
