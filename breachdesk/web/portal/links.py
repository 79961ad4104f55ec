"""Signed, expiring, self-invalidating links into the portal, for a person's email notice.

The link carries the person's public id and the first characters of their current portal
code's HMAC, signed with SECRET_KEY under its own salt (Django's signing, as
django.contrib.auth.tokens does for password resets). It works for PORTAL_LINK_DAYS; issuing a
new portal code changes the HMAC, so every older link (and every portal session opened with
one) stops working at once.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse

from breachdesk.web.people.models import AffectedPerson

SALT = "breachdesk.portal.link"
CHECK_LENGTH = 16


class LinkExpired(Exception):
    """The link was genuine but is older than PORTAL_LINK_DAYS."""


class LinkInvalid(Exception):
    """The link was altered, made with another key, or a new code has been issued since."""


def code_check(person: AffectedPerson) -> str:
    return person.portal_code_hash[:CHECK_LENGTH]


def token_for(person: AffectedPerson) -> str:
    if not person.portal_code_hash:
        raise ValueError("issue a portal code for this person before making a link")
    return signing.dumps({"p": person.public_id, "c": code_check(person)}, salt=SALT, compress=True)


def link_for(person: AffectedPerson) -> str:
    """The absolute link to put in the person's email."""
    return settings.SITE_URL + reverse("portal:link", args=[token_for(person)])


def person_from(token: str) -> AffectedPerson:
    """The person the link was made for, if it still works."""
    try:
        data = signing.loads(token, salt=SALT, max_age=timedelta(days=settings.PORTAL_LINK_DAYS))
    except signing.SignatureExpired:
        raise LinkExpired from None
    except signing.BadSignature:
        raise LinkInvalid from None
    if not isinstance(data, dict):
        raise LinkInvalid
    person = (AffectedPerson.objects.select_related("breach__organisation")
              .filter(public_id=str(data.get("p", ""))).first())
    if person is None or not person.portal_code_hash or code_check(person) != data.get("c"):
        raise LinkInvalid
    return person
