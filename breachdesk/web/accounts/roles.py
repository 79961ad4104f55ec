"""Roles and what each may do. One table, so the whole policy can be read at a glance."""

from django.db import models


class Role(models.TextChoices):
    # organisation (data controller) roles
    REPORTER = "reporter", "Staff member"
    HANDLER = "handler", "Incident handler"
    DPO = "dpo", "Data protection officer"
    EXECUTIVE = "executive", "Executive"
    AUDITOR = "auditor", "Auditor (read only)"
    # regulator roles
    OFFICER = "officer", "Case officer"
    MANAGER = "manager", "Case manager"


CONTROLLER_ROLES = frozenset({Role.REPORTER, Role.HANDLER, Role.DPO, Role.EXECUTIVE, Role.AUDITOR})
REGULATOR_ROLES = frozenset({Role.OFFICER, Role.MANAGER})

_ALL_CASE_READERS = {Role.HANDLER, Role.DPO, Role.EXECUTIVE, Role.AUDITOR}

PERMISSIONS: dict[str, frozenset[str]] = {
    "report_incident": frozenset(CONTROLLER_ROLES),
    "view_register": frozenset(_ALL_CASE_READERS),
    "export_register": frozenset(_ALL_CASE_READERS),
    "edit_breach": frozenset({Role.HANDLER, Role.DPO}),
    "triage": frozenset({Role.HANDLER, Role.DPO}),
    "record_decision": frozenset({Role.DPO}),
    "submit_report": frozenset({Role.DPO}),
    "change_awareness": frozenset({Role.DPO}),
    "prepare_notices": frozenset({Role.HANDLER, Role.DPO}),
    "send_notices": frozenset({Role.DPO}),
    "handle_support": frozenset({Role.HANDLER, Role.DPO}),
    "regulate": frozenset(REGULATOR_ROLES),
    # the years after: remediation actions, the regulator's requirements, the figures
    "view_remediation": frozenset(_ALL_CASE_READERS),
    "manage_remediation": frozenset({Role.HANDLER, Role.DPO}),
    "view_figures": frozenset({Role.DPO, Role.EXECUTIVE, Role.AUDITOR}),
}

# Everyone who can see personal data must sign in with a second factor. A staff member
# who can only report an incident sees nothing but their own report.
TWO_FACTOR_EXEMPT = frozenset({Role.REPORTER})


def role_can(role: str, permission: str) -> bool:
    return role in PERMISSIONS[permission]
