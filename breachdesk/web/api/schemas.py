"""What the API accepts and returns. Identifiers are the random public ids, never row ids.

Input schemas forbid unknown fields: a misspelt field is an error, not silently ignored.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import AwareDatetime, ConfigDict, Field, NonNegativeInt, StringConstraints

from breachdesk import vocab
from breachdesk.web.breaches.models import Event, Regime, YesNoUnknown
from breachdesk.web.breaches.states import Status

Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20000)]
OptionalText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20000)]

IncidentType = Annotated[str, Field(
    description="A key from the regulator's incident types, e.g. "
                "`non-cyber:data-emailed-to-incorrect-recipient`; empty when not known.",
    json_schema_extra={"enum": ["", *vocab.INCIDENT_TYPE_KEYS]},
)]
DataCategory = Annotated[str, Field(json_schema_extra={"enum": list(vocab.DATA_CATEGORIES)})]
SubjectType = Annotated[str, Field(json_schema_extra={"enum": list(vocab.DATA_SUBJECT_TYPES)})]


class Input(Schema):
    model_config = ConfigDict(extra="forbid")


# --- errors -----------------------------------------------------------------------------

class FieldProblem(Schema):
    field: str | None = Field(description="The field at fault; null for the request as a whole.")
    message: str


class ErrorDetail(Schema):
    status: int
    code: str = Field(description="Stable and machine-readable, e.g. `validation_error`.")
    message: str
    fields: list[FieldProblem]


class ErrorOut(Schema):
    error: ErrorDetail


# --- output -----------------------------------------------------------------------------

class PersonOut(Schema):
    id: str
    name: str


class ClockOut(Schema):
    deadline: datetime
    remaining_seconds: int = Field(description="Negative once the deadline has passed.")
    urgency: Literal["running", "due-soon", "overdue", "reported"]
    overdue: bool
    reported: bool


class DeadlineRuleOut(Schema):
    version: str = Field(description="The rule this case is decided under, e.g. `uk-gdpr/2018-05-25`.")
    regime: str
    report_within_hours: float
    summary: str


class BreachSummaryOut(Schema):
    id: str
    reference: str
    status: Status
    closure: str
    title: str
    incident_type: str
    people_estimate: int | None
    created_at: datetime
    aware_at: datetime | None
    clock: ClockOut | None = Field(description="Null until awareness is established.")
    deadline_rule: DeadlineRuleOut | None


class BreachOut(BreachSummaryOut):
    what_happened: str
    data_involved_initial: str
    reporter_team: str
    reported_by: PersonOut | None
    noticed_at: datetime
    how_found: str
    occurred_at: datetime | None
    discovered_at: datetime | None
    contained_at: datetime | None
    closed_at: datetime | None
    is_cyber: bool | None
    incident_type_label: str
    confidentiality: bool
    integrity: bool
    availability: bool
    data_categories: list[str]
    data_subject_types: list[str]
    records_estimate: int | None
    records_scoped: int | None
    people_scoped: int | None
    likely_consequences: str
    measures_taken: str
    measures_proposed: str
    other_organisations_told: str
    staff_trained: str
    regime: str
    regulator_reported_at: datetime | None
    regulator_reference: str
    not_reported_reason: str
    delay_reasons: str
    needs_delay_reasons: bool
    allowed_transitions: list[str] = Field(description="The statuses this case may move to next.")
    updated_at: datetime


class EventOut(Schema):
    id: str
    at: datetime
    kind: Event.Kind
    decision: str
    summary: str
    text: str
    changes: dict
    actor: PersonOut | None


class BreachPage(Schema):
    count: int
    page: int
    pages: int
    per_page: int
    items: list[BreachSummaryOut]


class EventPage(Schema):
    count: int
    page: int
    pages: int
    per_page: int
    items: list[EventOut]


# --- input ------------------------------------------------------------------------------

class IncidentIn(Input):
    title: Line
    what_happened: Text
    noticed_at: AwareDatetime = Field(description="When it was noticed (ISO 8601, with an offset).")
    data_involved_initial: OptionalText = ""
    reporter_team: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] = ""


class BreachFacts(Input):
    """The facts of a breach that can be changed. Send only the fields that change."""

    title: Line | None = None
    what_happened: Text | None = None
    how_found: OptionalText | None = None
    occurred_at: AwareDatetime | None = None
    discovered_at: AwareDatetime | None = None
    contained_at: AwareDatetime | None = None
    is_cyber: bool | None = None
    incident_type: IncidentType | None = None
    confidentiality: bool | None = None
    integrity: bool | None = None
    availability: bool | None = None
    data_categories: list[DataCategory] | None = None
    data_subject_types: list[SubjectType] | None = None
    records_estimate: NonNegativeInt | None = None
    people_estimate: NonNegativeInt | None = None
    likely_consequences: OptionalText | None = None
    measures_taken: OptionalText | None = None
    measures_proposed: OptionalText | None = None
    other_organisations_told: OptionalText | None = None
    staff_trained: YesNoUnknown | None = None
    regime: Regime | None = Field(None, description="Only while the case is an incident.")


class TransitionIn(BreachFacts):
    """Move a case to another status. Confirming (triage → open) needs ``aware_at``, the
    incident type and at least one of confidentiality, integrity or availability: send any
    that are not already on the case, with any other facts known at that point."""

    to: Status
    reason: OptionalText = Field("", description="Required for closing, reopening, and "
                                                 "'no longer contained'.")
    aware_at: AwareDatetime | None = Field(None, description="When the organisation became "
                                                             "aware: the clock starts here.")


class NoteIn(Input):
    text: Text


class DecisionIn(Input):
    decision: Event.Decision
    reasons: Text
    reported_at: AwareDatetime | None = Field(None, description="Only for `reported`.")
    regulator_reference: Annotated[str, StringConstraints(strip_whitespace=True,
                                                          max_length=64)] = ""
    delay_reasons: OptionalText = Field("", description="For a `reported` decision after the "
                                                        "deadline: why the report was late.")


class AwarenessIn(Input):
    aware_at: AwareDatetime
    reason: Text


# --- assessments ------------------------------------------------------------------------

RiskLevel = Literal["none", "risk", "high"]


class AssessmentOut(Schema):
    id: str
    number: int = Field(description="1, 2, 3 … in the order they were made for this breach.")
    status: Literal["proposed", "signed_off", "overridden"]
    rule_set: str = Field(description="The versioned rule set that decided, e.g. `uk-gdpr/…`.")
    engine_risk: RiskLevel = Field(description="What the engine decided.")
    risk: RiskLevel = Field(description="What the organisation decided: the engine's answer unless overridden.")
    notify_regulator: bool
    notify_individuals: bool
    override_justification: str
    facts: dict = Field(description="The facts as given (see docs/risk.md for the contract).")
    decision: dict = Field(description="The engine's decision exactly as it returned it, with its reasons.")
    created_by: PersonOut
    created_at: datetime
    signed_off_by: PersonOut | None
    signed_off_at: datetime | None


class AssessmentDetailOut(AssessmentOut):
    replays: bool = Field(description="Whether today's code, given the stored facts and rule set, "
                                      "decides the same.")


class AssessmentPage(Schema):
    count: int
    page: int
    pages: int
    per_page: int
    items: list[AssessmentOut]


class OverrideIn(Input):
    risk: RiskLevel
    notify_regulator: bool
    notify_individuals: bool
    justification: Text


class AssessmentIn(Input):
    facts: dict = Field(description="The engine's facts (docs/risk.md). `regime` and `aware_at` may be left "
                                    "out: they are the breach's; if sent, they must match it.")
    sign_off: bool = Field(False, description="Sign the decision off (DPO tokens only). Otherwise it is "
                                              "saved as proposed, for the DPO to sign off.")
    override: OverrideIn | None = Field(None, description="Sign off a different decision, with a "
                                                          "justification (DPO tokens only; needs `sign_off`).")


# --- regulator reports ------------------------------------------------------------------

Name = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]


class ReportFieldsOut(Schema):
    """The ICO breach-report fields. Keys are stable; times are ISO 8601 strings."""

    what_happened: str
    incident_type: str
    is_cyber: bool | None
    how_found: str
    occurred_at: str | None
    discovered_at: str | None
    aware_at: str | None
    data_categories: list[str]
    records: int | None
    people: int | None
    data_subject_types: list[str]
    likely_consequences: str
    measures_taken: str
    measures_proposed: str
    people_told: Literal["told", "will_tell", "not_telling", "undecided"]
    people_told_details: str
    other_organisations_told: str
    human_error: Literal["yes", "no", "unknown"]
    staff_trained: YesNoUnknown
    contact_name: str
    contact_email: str
    contact_phone: str
    delay_reasons: str
    what_changed: str


class NamedRef(Schema):
    id: str
    name: str


class BreachRef(Schema):
    id: str
    reference: str


class OrganisationRef(Schema):
    id: str
    name: str
    sector: str


class AssessmentRef(Schema):
    id: str
    number: int
    rule_set: str
    risk: RiskLevel
    notify_regulator: bool
    notify_individuals: bool
    status: str


class FieldChange(Schema):
    field: str
    label: str
    before: Any = Field(None, description="The value in the previous report.")
    after: Any = Field(None, description="The value in this report.")


class ReportDocument(Schema):
    """A report as exported: the same document as the JSON download in the web app."""

    format: Literal["breachdesk/regulator-report/1"]
    id: str
    number: int
    kind: Literal["initial", "follow_up"]
    status: Literal["draft", "submitted", "sent"] = Field(
        description="`submitted`: to the regulator on breachdesk; `sent`: by another route.")
    breach: BreachRef
    organisation: OrganisationRef
    regulator: NamedRef | None
    regulator_reference: str
    follows: str | None = Field(description="For a follow-up: the id of the report it follows.")
    assessment: AssessmentRef | None = Field(description="The signed-off assessment the draft drew on.")
    deadline: str | None
    submitted_at: str | None
    submitted_by: str | None
    fields: ReportFieldsOut
    changes: list[FieldChange] = Field(description="For a follow-up: each field that differs from the "
                                                   "previous report.")


class ReportOut(ReportDocument):
    complete: bool = Field(description="Whether the report could be submitted now.")
    missing: list[FieldProblem] = Field(description="What the report still needs, in plain words.")
    created_at: datetime
    updated_at: datetime


class ReportPage(Schema):
    count: int
    page: int
    pages: int
    per_page: int
    items: list[ReportOut]


class ReportIn(Input):
    """Fields of a draft report. Send only those that change; send "" or [] to clear one."""

    what_happened: OptionalText | None = None
    incident_type: IncidentType | None = None
    is_cyber: bool | None = None
    how_found: OptionalText | None = None
    occurred_at: AwareDatetime | None = None
    discovered_at: AwareDatetime | None = None
    data_categories: list[DataCategory] | None = None
    records: NonNegativeInt | None = None
    people: NonNegativeInt | None = None
    data_subject_types: list[SubjectType] | None = None
    likely_consequences: OptionalText | None = None
    measures_taken: OptionalText | None = None
    measures_proposed: OptionalText | None = None
    people_told: Literal["told", "will_tell", "not_telling", "undecided"] | None = None
    people_told_details: OptionalText | None = None
    other_organisations_told: OptionalText | None = None
    human_error: Literal["yes", "no", "unknown"] | None = None
    staff_trained: YesNoUnknown | None = None
    contact_name: Name | None = None
    contact_email: Name | None = None
    contact_phone: Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)] | None = None
    delay_reasons: OptionalText | None = None
    what_changed: OptionalText | None = Field(None, description="Follow-ups only.")
    regulator_reference: Annotated[str, StringConstraints(strip_whitespace=True, max_length=64)] | None = Field(
        None, description="Follow-ups only: the regulator's reference for the first report.")


class SubmitIn(Input):
    route: Literal["breachdesk", "other"] = Field(
        description="`breachdesk`: submit to the organisation's regulator on this breachdesk. `other`: "
                    "record that it was sent another way, with `sent_at` and `reference`.")
    sent_at: AwareDatetime | None = Field(None, description="Only for `other`: when it was sent.")
    reference: Annotated[str, StringConstraints(strip_whitespace=True, max_length=64)] = Field(
        "", description="Only for `other`: the reference the regulator gave.")
