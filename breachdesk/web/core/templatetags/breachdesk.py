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


@register.filter
def parse_iso(value):
    from datetime import datetime

    return datetime.fromisoformat(value) if value else None


_EXCEPTIONS = {
    "art_34_3_a": "the data was unintelligible to anyone who got it, for example strongly encrypted",
    "art_34_3_b": "measures taken since mean the high risk is no longer likely",
    "art_34_3_c": "telling each person would take disproportionate effort; make a public communication",
}


@register.filter
def exception_label(code):
    return _EXCEPTIONS.get(code, code)


@register.filter
def pretty_json(value):
    import json

    return json.dumps(value, indent=2, ensure_ascii=False)
