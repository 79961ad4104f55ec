from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from breachdesk.web.regulator import rules

register = template.Library()

_STATUS = {rules.DONE: "green", rules.IN_PROGRESS: "blue", rules.NOT_STARTED: "grey"}
_DUE = {"done": ("green", "Done"), "overdue": ("red", "Overdue"), "due_soon": ("orange", "Due soon"),
        "upcoming": ("grey", "Upcoming"), "more_information": ("yellow", "More information needed"),
        "cancelled": ("grey", "Cancelled")}


@register.filter
def status_tag(value):
    """A requirement status as a GOV.UK tag (empty: not reported)."""
    if not value:
        return mark_safe('<span class="govuk-body-s">Not reported</span>')
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', _STATUS.get(value, "grey"),
                       rules.REQUIREMENT_STATUSES.get(value, value))


@register.filter
def due_tag(state):
    colour, words = _DUE.get(state, ("grey", state))
    return format_html('<strong class="govuk-tag govuk-tag--{}" data-due="{}">{}</strong>', colour, state, words)


@register.filter
def can(user, permission):
    """``{% if user|can:"view_figures" %}``: the roles table, read from a template."""
    return bool(getattr(user, "is_authenticated", False) and user.can(permission))
