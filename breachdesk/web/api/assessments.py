"""Risk assessments through the API: list and read them, and make one from facts.

Making one runs the engine (breachdesk.risk) and keeps its decision exactly as the web page
does (assessments.services.save), so the timeline and the audit log say the same.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.http import Http404
from ninja import Query, Router
from ninja.responses import Status as Reply

from breachdesk.web.api.api import _ERRORS, _breach, _check, _locked, _page, _person, _require
from breachdesk.web.api.errors import Conflict
from breachdesk.web.api.schemas import AssessmentDetailOut, AssessmentIn, AssessmentOut, AssessmentPage, ErrorOut
from breachdesk.web.assessments import services
from breachdesk.web.assessments.models import Assessment
from breachdesk.web.audit.log import record

router = Router(tags=["assessments"])


def _assessment(item: Assessment, *, replays: bool = False) -> dict:
    out = {f: getattr(item, f) for f in (
        "number", "status", "rule_set", "engine_risk", "risk", "notify_regulator", "notify_individuals",
        "override_justification", "facts", "decision", "created_at", "signed_off_at")}
    out.update(id=item.public_id, created_by=_person(item.created_by), signed_off_by=_person(item.signed_off_by))
    if replays:
        out["replays"] = item.replays()
    return out


@router.get("{public_id}/assessments", response={200: AssessmentPage, **_ERRORS},
            summary="List the risk assessments of a breach")
def list_assessments(request, public_id: str, page: int = Query(1, ge=1), per_page: int = Query(50, ge=1, le=200)):
    """Newest first. Every assessment is kept, so the list shows how the decision changed."""
    breach = _breach(request, public_id)
    record(request.auth, "view", breach, via="api", part="assessments")
    rows = breach.assessments.select_related("created_by", "signed_off_by")
    return _page(rows, page, per_page, _assessment)


@router.get("{public_id}/assessments/{assessment_id}", response={200: AssessmentDetailOut, **_ERRORS},
            summary="Read a risk assessment")
def get_assessment(request, public_id: str, assessment_id: str):
    """One assessment, with whether its decision replays identically under today's code."""
    breach = _breach(request, public_id)
    item = breach.assessments.select_related("created_by", "signed_off_by").filter(public_id=assessment_id).first()
    if item is None:
        raise Http404
    record(request.auth, "view", breach, via="api", assessment=item.public_id)
    return _assessment(item, replays=True)


@router.post("{public_id}/assessments", response={201: AssessmentOut, 409: ErrorOut, **_ERRORS},
             summary="Assess the risk from facts")
def create_assessment(request, public_id: str, payload: AssessmentIn):
    """Runs the engine on the facts and keeps its decision. Handlers' tokens save it as
    proposed; a DPO's token may sign it off (`sign_off`), or sign off a different decision
    with a justification (`override`). Facts the engine refuses are listed as
    `facts.<path>` fields."""
    breach = _breach(request, public_id, "edit_breach")
    if payload.sign_off or payload.override is not None:
        _require(request, "record_decision")
    if breach.aware_at is None:
        raise Conflict("Confirm this incident as a personal data breach before assessing the risk")
    problems = []
    facts = dict(payload.facts)
    own = {"regime": breach.regime, "aware_at": breach.aware_at.isoformat()}
    for key, value in own.items():
        if key not in facts:
            facts[key] = value
        elif key == "regime" and facts[key] != value:
            problems.append((f"facts.{key}", "This must be the breach's legal regime (or leave it out)"))
        elif key == "aware_at" and not _same_time(facts[key], breach.aware_at):
            problems.append((f"facts.{key}", "This must be when the breach says the organisation became "
                                             "aware (or leave it out)"))
    if payload.override is not None and not payload.sign_off:
        problems.append(("override", "An override is a sign-off: send `sign_off: true` with it"))
    _check(problems)
    decision, engine_problems = services.decide(facts)
    _check([(f"facts.{p.path}" if p.path else "facts", p.message) for p in engine_problems])
    override = payload.override.model_dump() if payload.override else None
    with transaction.atomic():
        item = services.save(_locked(breach), request.auth, facts, decision, sign_off=payload.sign_off,
                             override=override)
    return Reply(201, _assessment(item))


def _same_time(text, when) -> bool:
    try:
        return datetime.fromisoformat(str(text)) == when
    except ValueError:
        return False
