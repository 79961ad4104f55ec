"""Proving who you are in the portal, and staying signed in.

A wrong reference and a wrong code give the same answer, after the same work: the same
look-up, the same HMACs and one constant-time comparison against a stand-in value when no
person has that reference. The second factor (date of birth or postcode) is checked against
the blind indexes made at import; a person with neither on file is checked on the code alone.
"""

from __future__ import annotations

import hmac
from datetime import date

from breachdesk.web.people.crypto import blind_index
from breachdesk.web.people.models import AffectedPerson
from breachdesk.web.portal.links import code_check

SESSION_KEY = "portal"

# The forms a date of birth may have been stored in by scoping or a CSV import.
DOB_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%-d/%-m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d", "%Y-%m-%d 00:00:00")


def normalise_reference(value: str) -> str:
    raw = "".join(ch for ch in (value or "").upper() if ch.isalnum())
    return f"{raw[:3]}-{raw[3:6]}-{raw[6:]}" if len(raw) == 9 else raw


def _dob_indexes(dob: date | None) -> set[str]:
    if dob is None:
        return set()
    return {blind_index("dob", dob.strftime(f)) for f in DOB_FORMATS}


def verify(reference: str, code: str, *, dob: date | None = None, postcode: str = "") -> AffectedPerson | None:
    person = (AffectedPerson.objects.select_related("breach__organisation")
              .filter(reference=normalise_reference(reference)).first())
    given = blind_index("portal_code", "".join((code or "").split()).upper() or "-")
    stored = person.portal_code_hash if person is not None and person.portal_code_hash else blind_index(
        "portal_code", "no such person")
    code_ok = hmac.compare_digest(given, stored) and person is not None and bool(person.portal_code_hash)
    dobs = _dob_indexes(dob)
    post = blind_index("postcode", postcode)
    if person is None:
        return None
    if not person.dob_index and not person.postcode_index:
        second_ok = True
    else:
        second_ok = bool((person.dob_index and person.dob_index in dobs)
                         or (person.postcode_index and post and hmac.compare_digest(post, person.postcode_index)))
    return person if code_ok and second_ok else None


def sign_in(request, person: AffectedPerson) -> None:
    request.session.cycle_key()  # no session fixation
    request.session[SESSION_KEY] = {"person": person.public_id, "check": code_check(person)}


def sign_out(request) -> None:
    request.session.pop(SESSION_KEY, None)


def current_person(request) -> AffectedPerson | None:
    """The person this session proved to be, while their portal code is unchanged."""
    data = request.session.get(SESSION_KEY)
    if not isinstance(data, dict):
        return None
    person = (AffectedPerson.objects.select_related("breach__organisation")
              .filter(public_id=str(data.get("person", ""))).first())
    if person is None or not person.portal_code_hash or code_check(person) != data.get("check"):
        sign_out(request)
        return None
    return person
