"""What a person can do now: one topic of advice for each kind of thing of theirs involved.

A rule applies to a person when any of its items, categories or flags is in their exposure
(or always). Topics appear in this order as sections of the "what you can do" block; their
wording is in the language files under ``[advice.<key>]``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from breachdesk.vocab import CRIMINAL_OFFENCE_CATEGORIES, SPECIAL_CATEGORIES

from .items import categories_of
from .model import Person


@dataclass(frozen=True)
class AdviceRule:
    key: str
    summary: str  # for the docs and the DPO's preview
    items: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    flags: frozenset[str] = frozenset()  # child, safeguarding, special_category
    always: bool = False

    def applies(self, person: Person, flags: Mapping[str, bool]) -> bool:
        exposure = person.exposure
        return (self.always or bool(self.items & exposure.items)
                or bool(self.categories & categories_of(exposure))
                or any(flags.get(f) for f in self.flags))


def _f(*names: str) -> frozenset[str]:
    return frozenset(names)


ADVICE: tuple[AdviceRule, ...] = (
    AdviceRule("safeguarding", "Confidential address or other risk: we will only contact you "
               "by the safe route agreed; call 999 in danger.", flags=_f("safeguarding")),
    AdviceRule("child", "A child's information: addressed to the parent or guardian; talk to "
               "the child, watch for contact from strangers.", flags=_f("child")),
    AdviceRule("bank", "Bank details: tell your bank, watch your statements, banks never ask "
               "you to move money.", items=_f("account_number", "sort_code", "iban")),
    AdviceRule("card", "Payment card: tell your card provider, who may send a new card; watch "
               "statements.", items=_f("payment_card")),
    AdviceRule("national_insurance", "NI number or tax reference: check your personal tax "
               "account, tell HMRC about identity misuse.", items=_f("nino", "utr")),
    AdviceRule("passwords", "Passwords: change it here and anywhere else you use it; turn on "
               "2-step verification.", items=_f("password", "password_hash", "username")),
    AdviceRule("identity", "Date of birth or identity documents: check your credit file for "
               "free; watch for post about credit you did not ask for.",
               items=_f("date_of_birth", "passport", "driving_licence", "nino")),
    AdviceRule("health", "Health information: your care does not change; emotional support; "
               "tell us if anyone contacts you about it.",
               items=_f("health", "nhs_number"), categories=_f("Health data")),
    AdviceRule("sensitive", "Other sensitive information (beliefs, ethnicity, sexuality, union, "
               "criminal records): do not reply to anyone who uses it; tell us.",
               categories=frozenset(SPECIAL_CATEGORIES | CRIMINAL_OFFENCE_CATEGORIES)
               - {"Health data"}),
    AdviceRule("scams", "Scams: be careful with messages that seem to come from us; we will "
               "never ask for passwords or bank details.", always=True),
    AdviceRule("not_yet_known", "Still finding out: we will write again when we know more.",
               categories=_f("Not yet known")),
)

ADVICE_KEYS: tuple[str, ...] = tuple(a.key for a in ADVICE)
