"""The shared breach rules (breaches/validation.py) as the API applies them.

When a request does not even parse (a malformed date, an unknown field), the schema library
answers before an endpoint runs. So that one answer still lists every problem, the rules are
also run here on the fields that did parse, together with the breach's stored facts.
"""

import json

from django.http import Http404
from django.utils import timezone
from pydantic import AwareDatetime, NonNegativeInt, TypeAdapter
from pydantic import ValidationError as PydanticError

from breachdesk.web.breaches import validation
from breachdesk.web.breaches.access import breach_for

FACTS = ("noticed_at", "occurred_at", "discovered_at", "aware_at", "contained_at", "is_cyber",
         "incident_type", "confidentiality", "integrity", "availability", "data_categories",
         "data_subject_types", "records_estimate", "people_estimate")

# What each field the rules look at must parse as.
_TYPES = {
    **{name: AwareDatetime for name in ("noticed_at", "occurred_at", "discovered_at",
                                        "aware_at", "contained_at")},
    "people_estimate": NonNegativeInt, "records_estimate": NonNegativeInt,
    "incident_type": str, "is_cyber": bool, "data_categories": list[str],
    "data_subject_types": list[str],
}


def stored_facts(breach) -> dict:
    """What the rules look at, as stored now."""
    return {f: getattr(breach, f) for f in FACTS}


def _stored_for(request) -> dict:
    match = getattr(request, "resolver_match", None)
    public_id = match.kwargs.get("public_id") if match else None
    user = getattr(request, "auth", None)
    if not public_id or user is None:
        return {}
    try:
        return stored_facts(breach_for(user, public_id))
    except Http404:
        return {}  # not theirs to see: the endpoint answers 404 once the request parses


def problems_beside(request, already: set[str]) -> list[tuple[str, str]]:
    """Rule problems among the parsed fields of a request that failed to parse elsewhere."""
    try:
        raw = json.loads(request.body or b"null")
    except ValueError:
        return []
    if not isinstance(raw, dict):
        return []
    values = {}
    for name, kind in _TYPES.items():
        if name in raw and name not in already and raw[name] is not None:
            try:
                values[name] = TypeAdapter(kind).validate_python(raw[name])
            except PydanticError:
                continue
    if not values:
        return []
    merged = {**_stored_for(request), **values}
    return [(f, m) for f, m in validation.problems(merged, timezone.now()) if f not in already]
