from django import template

from breachdesk.deadlines import humanise as _humanise

register = template.Library()


@register.filter
def humanise(delta):
    return _humanise(delta) if delta is not None else ""


@register.filter
def hours(seconds):
    return int(seconds // 3600)


@register.filter
def yesno_unknown(value):
    return {True: "Yes", False: "No"}.get(value, "Not known yet")
