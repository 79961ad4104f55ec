"""Build one person's notice from the breach context, their exposure and the wording."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from breachdesk.vocab import SPECIAL_CATEGORIES

from .advice import ADVICE
from .blocks import BLOCKS
from .items import CATEGORY_KEYS, categories_of, describe
from .model import Block, BreachContext, Notice, Para, Person, Section, text_in, texts_in
from .wording import Wording, fill, load_wording, render_body

# The names wording may use: {name} values, and lists for { list = "..." } entries.
VALUES: tuple[str, ...] = (
    "organisation", "name", "salutation", "your", "Your", "what_happened", "discovered_on",
    "happened_on", "happened_until", "contact_email", "contact_phone", "contact_address",
    "contact_name", "contact_role", "helpline", "helpline_hours", "callback", "counselling",
    "monitoring", "monitoring_provider", "monitoring_months", "monitoring_url",
    "monitoring_sign_up_by", "activation_code", "portal", "portal_url", "reference",
    "portal_code", "complaints", "regulator_name", "regulator_url", "regulator_phone",
    "child", "safeguarding", "special_category", "signatory", "signatory_role", "notice_date",
    "card_ending",
)
LIST_VALUES: tuple[str, ...] = ("items", "measures", "next_steps", "prevention")

_CACHE: dict[str, Wording] = {}


def default_wording(lang: str) -> Wording:
    """The shipped wording for ``lang`` (parsed and checked once per process)."""
    if lang not in _CACHE:
        _CACHE[lang] = load_wording(lang)
    return _CACHE[lang]


def _day(value: date | None, months: tuple[str, ...]) -> str | None:
    return None if value is None else f"{value.day} {months[value.month - 1]} {value.year}"


def values_for(context: BreachContext, person: Person, wording: Wording) -> dict[str, Any]:
    """Every value the wording may use, for this person, in the wording's language."""
    lang, months = wording.lang, wording.months
    support, contact, regulator = context.support, context.contact, context.regulator
    child = person.child
    your = wording.notice.get("possessive_parent" if child else "possessive", "")
    phrases = []
    for key in describe(person.exposure) or [CATEGORY_KEYS["Not yet known"]]:
        if key == "payment_card" and person.exposure.card_ending:
            key = "payment_card_ending"
        phrases.append(fill(wording.phrases[key], {"your": your,
                                                   "card_ending": person.exposure.card_ending},
                            f"items.{key}"))
    portal = bool(support.portal_url and person.reference and person.portal_code)
    return {
        "organisation": context.organisation,
        "name": person.name,
        "salutation": person.salutation or person.name,
        "your": your,
        "Your": your[:1].upper() + your[1:],
        "what_happened": text_in(context.what_happened, lang, "what_happened"),
        "discovered_on": _day(context.discovered_on, months),
        "happened_on": _day(context.happened_on, months),
        "happened_until": _day(context.happened_until, months),
        "contact_email": contact.email,
        "contact_phone": contact.phone,
        "contact_address": contact.postal_address,
        "contact_name": contact.name,
        "contact_role": text_in(contact.role, lang, "contact.role"),
        "helpline": support.helpline,
        "helpline_hours": text_in(support.helpline_hours, lang, "support.helpline_hours") or None,
        "callback": support.callback,
        "counselling": support.counselling,
        "monitoring": bool(support.monitoring_provider),
        "monitoring_provider": support.monitoring_provider,
        "monitoring_months": support.monitoring_months,
        "monitoring_url": support.monitoring_url,
        "monitoring_sign_up_by": _day(support.monitoring_sign_up_by, months),
        "activation_code": person.activation_code,
        "portal": portal,
        "portal_url": support.portal_url,
        "reference": person.reference,
        "portal_code": person.portal_code,
        "complaints": text_in(context.complaints, lang, "complaints") or None,
        "regulator_name": regulator.name_cy if lang == "cy" else regulator.name,
        "regulator_url": regulator.url,
        "regulator_phone": regulator.phone,
        "child": child,
        "safeguarding": person.safeguarding,
        "special_category": person.special_category
        or bool(categories_of(person.exposure) & SPECIAL_CATEGORIES),
        "signatory": context.signatory,
        "signatory_role": text_in(context.signatory_role, lang, "signatory_role") or None,
        "notice_date": _day(context.notice_date, months),
        "card_ending": person.exposure.card_ending,
        "items": phrases,
        "measures": list(texts_in(context.measures_taken, lang, "measures_taken")),
        "next_steps": list(texts_in(context.next_steps, lang, "next_steps")),
        "prevention": list(texts_in(context.prevention, lang, "prevention")),
    }


def build_notice(context: BreachContext, person: Person, wording: Wording | None = None) -> Notice:
    """The notice to ``person``, in their language and format.

    ``wording`` defaults to the shipped wording in the person's language; pass
    ``load_wording(lang, overrides)`` to use an organisation's own. Raises NoticeError when a
    value the wording needs is missing (for example Welsh text for a Welsh notice).
    """
    wording = wording or default_wording(person.language)
    exposure = person.exposure
    if not describe(exposure):
        # Nothing specific found yet: say so, and promise to write again.
        person = replace(person, exposure=replace(
            exposure, categories=exposure.categories | {"Not yet known"}))
    values = values_for(context, person, wording)
    blocks = []
    for spec in BLOCKS:
        table = wording.blocks[spec.key]
        where = f"blocks.{spec.key}"
        sections: tuple[Section, ...] = ()
        if spec.key == "what_you_can_do":
            sections = tuple(
                Section(rule.key, fill(wording.advice[rule.key]["heading"], values, rule.key),
                        render_body(wording.advice[rule.key].get("body", []), values,
                                    f"advice.{rule.key}"))
                for rule in ADVICE if rule.applies(person, values)
            )
        blocks.append(Block(spec.key, fill(table["heading"], values, where),
                            render_body(table.get("body", []), values, where), sections))
    notice = wording.notice
    if person.child:
        greeting = notice["greeting_parent"]
    elif values["salutation"]:
        greeting = notice["greeting"]
    else:
        greeting = notice["greeting_unknown"]
    subject = notice["subject_discreet"] if person.safeguarding else notice["subject"]
    sign_off = render_body(notice.get("sign_off", []), values, "notice.sign_off")
    return Notice(
        subject=fill(subject, values, "notice.subject"),
        lang=wording.lang,
        format=person.format,
        greeting=fill(greeting, values, "notice.greeting"),
        blocks=tuple(blocks),
        sign_off=tuple(p.text for p in sign_off if isinstance(p, Para)),
        recipient_address=None if person.safeguarding else (person.address_lines or None),
        reviewed=wording.reviewed,
    )
