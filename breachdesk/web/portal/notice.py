"""The person's own notice, exactly as the notices engine builds it for them."""

from __future__ import annotations

import logging

from django.utils.safestring import SafeString, mark_safe

logger = logging.getLogger("breachdesk.portal")


def _plan(person):
    from breachdesk.web.notices.models import NoticePlan

    return NoticePlan.objects.filter(breach=person.breach).first()


def build(person):
    """The engine's Notice for ``person``, or None while the breach has no notice plan (or the
    notice cannot be built, e.g. Welsh wording still missing: logged by identifier only)."""
    plan = _plan(person)
    if plan is None:
        return None
    from breachdesk.notices import NoticeError, build_notice
    from breachdesk.web.notices.adapters import context_for, person_for

    try:
        return build_notice(context_for(plan), person_for(person))
    except NoticeError as problem:
        logger.warning("portal: notice for person %s cannot be built: %s", person.public_id, problem)
        return None


def fragment(notice) -> SafeString:
    """The engine's HTML for the page; the engine escapes every value and word it writes."""
    from breachdesk.notices import render_html_fragment

    return mark_safe(render_html_fragment(notice))  # noqa: S308 - escaped by the engine


def letter_pdf(notice, person) -> bytes:
    """The notice as the letter the delivery app prints (its template and WeasyPrint), with the
    postal address unless safeguarding hides it. The portal code is not on it: only its HMAC
    is kept, and the person has just used it."""
    from breachdesk.notices import render_html_fragment

    try:
        from breachdesk.web.notices.channels.base import Outgoing
        from breachdesk.web.notices.channels.letter import letter_html, render_pdf
    except ImportError:  # the letter channel is not installed: the engine's own letter page
        return _engine_letter(notice)
    message = Outgoing(key=f"portal:{person.public_id}", reference=person.reference, contact={},
                       subject=notice.subject, text="", html="",
                       letter_html=render_html_fragment(notice, letter=True))
    return render_pdf(letter_html(message))[0]


def _engine_letter(notice) -> bytes:
    from weasyprint import HTML

    from breachdesk.notices import render_html

    def no_fetching(url, *args, **kwargs):
        raise ValueError("portal letters load no external resources")

    return HTML(string=render_html(notice, letter=True), url_fetcher=no_fetching).write_pdf()
