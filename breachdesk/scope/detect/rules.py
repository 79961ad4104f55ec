"""The detector registry: rules as data, compiled late.

Each :class:`Detector` says what it finds (name, ICO data category, description), how to find
candidates in free text (``patterns``: regular expressions that Hyperscan and Python's ``re``
both accept -- no captures, no look-arounds), how to validate and normalise a candidate
(``validate``), which context words it needs nearby, and how to recognise a column of it
(``column_hints`` matched against the normalised header, ``shape`` and ``checksum`` for the
vectorised whole-column check). ``text.py`` and ``columns.py`` compile the same objects into a
Hyperscan database and into Polars expressions; a Spark or DuckDB backend would compile them
the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from breachdesk.vocab import DATA_CATEGORIES

from . import validators as v
from .validators import POSTCODE_RE

BASIC = "Basic personal identifiers"
IDENT = "Identification data"
FINANCIAL = "Economic and financial data"
OFFICIAL = "Official documents"
HEALTH = "Health data"


@dataclass(frozen=True, slots=True)
class Detector:
    """One kind of personal data: how to find it in text and in columns."""

    name: str
    category: str
    description: str
    patterns: tuple[str, ...] = ()
    validate: Callable[[str], str | None] | None = None
    caseless: bool = False
    # Words (lower case) expected in the ``window`` characters before a candidate. With
    # ``context_required`` a candidate without them is dropped; otherwise they raise confidence.
    context: tuple[str, ...] = ()
    context_required: bool = False
    window: int = 48
    # Words before a candidate that say it is something else (order numbers, helplines).
    negative_context: tuple[str, ...] = ()
    confidence: float = 0.9
    # Columns: regex fragments for the normalised header (lower case, "_" between words),
    # the normalisation, an anchored regex for the normalised cell, and a checksum by name.
    column_hints: tuple[str, ...] = ()
    column_requires_hint: bool = False
    normalise: str = "compact"  # compact | strip | lower | digits | postcode | date
    shape: str | None = None
    checksum: str | None = None  # luhn | nhs_mod11 | nino_prefix | dvla | python
    field: str | None = None  # the linking field this detector gives
    subject_type: str | None = None  # e.g. "Children": an ICO data subject type signal
    keyword: bool = False  # a keyword signal (special category), not an identifier

    def __post_init__(self) -> None:
        if self.category not in DATA_CATEGORIES:
            raise ValueError(f"detector {self.name}: unknown ICO data category")


_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
DATE_PATTERNS = (
    r"\b[0-3]?\d[/.\-][01]?\d[/.\-](?:19|20)?\d\d\b",
    r"\b(?:19|20)\d\d-[01]\d-[0-3]\d\b",
    r"\b[0-3]?\d(?:st|nd|rd|th)?(?: of)? " + _MONTH + r"\.?,? (?:19|20)\d\d\b",
    r"\b" + _MONTH + r"\.? [0-3]?\d(?:st|nd|rd|th)?,? (?:19|20)\d\d\b",
)
# Ends on a word boundary so Hyperscan reports one end per token, not one per character;
# a name ending in a non-ASCII letter is extended in Python (names.py). Hyperscan scans text
# one byte per character (text.py: Latin-1, anything beyond it as \x80), so a capital is
# A-Z or a Latin-1 capital (À-Þ) and any non-ASCII character may follow it.
NAME_TOKEN = r"(?:[A-Z]|[\xc0-\xde])(?:[a-z]|[\x80-\xff])(?:[A-Za-z'\-]|[\x80-\xff])*\b"
TITLE = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Lady|Lord|Rev|Revd|Cllr)"

IDENTIFIERS: tuple[Detector, ...] = (
    Detector(
        "email", BASIC, "Email address.",
        patterns=(r"[A-Za-z0-9][A-Za-z0-9._%+'\-]*@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,24}\b",),
        validate=v.email, confidence=0.99,
        column_hints=(r"e_?mail", r"email_address"), normalise="lower",
        shape=r"[a-z0-9][a-z0-9._%+'\-]{0,63}@([a-z0-9\-]{1,63}\.)+[a-z]{2,24}",
        field="email",
    ),
    Detector(
        "phone", BASIC,
        "UK phone number valid to libphonenumber; helpline ranges (0800, 03, 08, 09) excluded.",
        patterns=(
            r"(?:\+44 ?(?:\(0\) ?)?|\(?\b0)\d{2,4}\)?[ \-]?\d{3,4}[ \-]?\d{3,4}\b",
        ),
        validate=v.phone, confidence=0.9,
        negative_context=("helpline", "call us", "freephone", "switchboard", "our team on",
                          "customer services", "order number", "order no", "invoice"),
        window=32,
        column_hints=(r"phone", r"mobile", r"tel", r"telephone", r"contact_number", r"msisdn"),
        normalise="strip", checksum="python", field="phone",
    ),
    Detector(
        "postcode", BASIC, "UK postcode (Royal Mail positional rules).",
        patterns=(r"\b" + POSTCODE_RE + r"\b",),
        validate=v.postcode, confidence=0.9,
        column_hints=(r"post_?code", r"postal_?code", r"zip"), normalise="postcode",
        shape=POSTCODE_RE, field="postcode",
    ),
    Detector(
        "address", BASIC, "UK postal address (street line with house number, town, postcode).",
        column_hints=(r"address", r"addr", r"street", r"line_?1", r"house"),
        column_requires_hint=True, normalise="strip", field="address", confidence=0.85,
    ),
    Detector(
        "name", BASIC, "Person's name (vocabularies of UK first names and surnames + context).",
        column_hints=(r"(full_?|first_?|last_?|sur|fore|given_?|family_?|person_?|"
                      r"customer_?|client_?|patient_?|contact_?|employee_?)name",
                      r"^name$", r"forenames?", r"surname"),
        column_requires_hint=True, normalise="strip", field="name", confidence=0.85,
    ),
    Detector(
        "date_of_birth", BASIC,
        "Date of birth: a real, past date told from other dates by column name or context.",
        patterns=DATE_PATTERNS, validate=v.date_of_birth, caseless=False,
        context=("born", "birth", "dob", "d.o.b", "d o b", "birthday"),
        context_required=True, window=40, confidence=0.9,
        column_hints=(r"dob", r"d_o_b", r"birth", r"born", r"bday"),
        column_requires_hint=True, normalise="date", checksum="python",
        field="dob",
    ),
    Detector(
        "nino", OFFICIAL, "National Insurance number (HMRC prefix and suffix rules).",
        patterns=(r"\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]?\b",),
        validate=v.nino, confidence=0.95,
        context=("national insurance", "ni number", "ni no", "nino", "nin"),
        negative_context=("ref", "reference", "order", "invoice", "ticket", "case"),
        column_hints=(r"nino", r"ni_?n(o|umber)?$", r"national_?insurance", r"^ni$"),
        shape=r"[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]?", checksum="nino_prefix",
        field="nino",
    ),
    Detector(
        "nhs_number", IDENT, "NHS number (mod-11 check digit).",
        patterns=(r"\b\d{3}[ \-]?\d{3}[ \-]?\d{4}\b",),
        validate=v.nhs_number, confidence=0.7,
        context=("nhs", "nhs no", "nhs number", "patient"),
        negative_context=("order", "invoice", "ref", "reference", "ticket", "tracking",
                          "account", "acc", "policy", "phone", "mobile", "tel", "call",
                          "utr", "passport", "case"),
        column_hints=(r"nhs", r"nhs_?(no|num|number)"),
        shape=r"\d{10}", checksum="nhs_mod11", field="nhs_number",
    ),
    Detector(
        "payment_card", FINANCIAL, "Payment card number (Luhn + issuer ranges).",
        patterns=(
            r"\b\d{4}[ \-]?\d{4}[ \-]?\d{4}[ \-]?\d{1,7}\b",
            r"\b\d{4}[ \-]?\d{6}[ \-]?\d{5}\b",
        ),
        validate=v.payment_card, confidence=0.9,
        context=("card", "visa", "mastercard", "amex", "debit", "credit", "pan"),
        negative_context=("order", "invoice", "tracking", "ref", "reference"),
        column_hints=(r"card", r"pan$", r"cc_?num", r"credit", r"debit"),
        shape=r"\d{12,19}", checksum="luhn", field="card",
    ),
    Detector(
        "iban", FINANCIAL, "International Bank Account Number (mod-97).",
        patterns=(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b",),
        validate=v.iban, confidence=0.97,
        column_hints=(r"iban",), shape=r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", checksum="python",
        field="iban",
    ),
    Detector(
        "sort_code", FINANCIAL, "Bank sort code (format; needs context or an account number).",
        patterns=(r"\b\d{2}[\- ]\d{2}[\- ]\d{2}\b", r"\b\d{6}\b"),
        validate=v.sort_code,
        context=("sort code", "sort-code", "sortcode", "s/c", "sort"), context_required=True,
        window=24, confidence=0.9,
        column_hints=(r"sort_?code", r"^sc$", r"bank_?sort"), column_requires_hint=True,
        shape=r"\d{6}", field="sort_code",
    ),
    Detector(
        "account_number", FINANCIAL, "UK bank account number (8 digits, with context).",
        patterns=(r"\b\d{8}\b",),
        validate=v.account_number,
        context=("account number", "account no", "acc no", "a/c", "acct", "account:",
                 "account", "bank account"),
        negative_context=("order", "invoice", "customer account", "ref"),
        context_required=True, window=32, confidence=0.85,
        column_hints=(r"account_?(no|num|number)", r"acc_?(no|num)", r"bank_?account"),
        column_requires_hint=True, shape=r"\d{8}", field="account_number",
    ),
    Detector(
        "passport", OFFICIAL, "UK passport number (9 digits, with context).",
        patterns=(r"\b[A-Z]{0,2}\d{9}\b",),
        validate=v.passport, context=("passport",), context_required=True, window=40,
        confidence=0.9, column_hints=(r"passport",), column_requires_hint=True,
        shape=r"[A-Z]{0,2}\d{7,9}", field="passport",
    ),
    Detector(
        "driving_licence", OFFICIAL,
        "DVLA driving licence number (surname, embedded date of birth and sex, initials).",
        patterns=(r"\b[A-Z][A-Z9]{4}\d{6}[A-Z][A-Z9]\d[A-Z]{2}(?: ?\d\d)?\b",),
        validate=v.driving_licence, confidence=0.95,
        column_hints=(r"driving_?licen[cs]e", r"licen[cs]e_?(no|num|number)", r"dvla"),
        shape=r"[A-Z][A-Z9]{4}\d{6}[A-Z][A-Z9]\d[A-Z]{2}(\d\d)?", checksum="dvla",
        field="driving_licence",
    ),
    Detector(
        "utr", OFFICIAL, "HMRC Unique Taxpayer Reference (check digit, with context).",
        patterns=(r"\b\d{5} ?\d{5}K?\b", r"\b\d{3} ?\d{3} ?\d{4}\b"),
        validate=v.utr,
        context=("utr", "unique taxpayer", "taxpayer reference", "tax reference",
                 "self assessment", "self-assessment"),
        context_required=True, window=40, confidence=0.9,
        column_hints=(r"utr", r"taxpayer", r"tax_?ref"), column_requires_hint=True,
        shape=r"\d{10}", checksum="python", field="utr",
    ),
    Detector(
        "vehicle_registration", IDENT, "UK vehicle registration mark (current format validated).",
        patterns=(r"\b[A-Z]{2}\d{2} ?[A-Z]{3}\b",),
        validate=v.vehicle_registration, confidence=0.85,
        context=("registration", "reg", "vrm", "vehicle", "car", "van", "number plate"),
        column_hints=(r"vrm", r"reg(istration)?(_?(no|num|number|mark))?$", r"number_?plate",
                      r"vehicle"),
        shape=r"[A-Z]{2}\d{2}[A-Z]{3}", checksum="python", field="vehicle_registration",
    ),
    Detector(
        "ip_address", IDENT, "IPv4 or IPv6 address.",
        patterns=(
            r"\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b",
            r"\b(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}\b",
        ),
        validate=v.ip_address, confidence=0.85,
        negative_context=("version", "v.", "build"),
        column_hints=(r"ip(_?addr(ess)?)?$", r"remote_?addr", r"client_?ip", r"source_?ip"),
        normalise="strip", checksum="python", field="ip",
    ),
    Detector(
        "username", IDENT, "Username or login given after a label.",
        patterns=(r"\b(?:user ?name|user ?id|login|log-in|handle)(?: is|:|=| -)",),
        caseless=True, validate=v.secret, confidence=0.8,
        column_hints=(r"user_?name", r"login", r"user_?id$", r"handle"),
        column_requires_hint=True, normalise="strip", field="username",
    ),
    Detector(
        "password", IDENT, "Password given after a label, or a password hash.",
        patterns=(r"\b(?:password|passwd|pwd|passcode|pass phrase|passphrase)(?: is|:|=)",),
        caseless=True, validate=v.secret, confidence=0.85,
        column_hints=(r"pass(word|wd)?(_?hash)?$", r"pwd", r"hash"),
        column_requires_hint=True, normalise="strip",
    ),
    Detector(
        "password_hash", IDENT, "Password hash (bcrypt, argon2, crypt, Django, hex digests).",
        patterns=(
            r"\$2[abxy]?\$\d\d\$[./A-Za-z0-9]{53}",
            r"\$argon2(?:id|i|d)\$[^\s]+",
            r"pbkdf2_sha256\$\d+\$[^\s]+",
        ),
        validate=v.password_hash, confidence=0.95,
        column_hints=(r"hash", r"pass(word)?_?hash", r"digest"), column_requires_hint=True,
        normalise="strip", checksum="python",
    ),
)

# Keyword and column-name signals for special-category data and for children. Weak on their
# own (confidence 0.5-0.7): they flag a record for review rather than prove the category.
_KW = r"\b(?:{})\b"


def _kw(*words: str) -> tuple[str, ...]:
    return (_KW.format("|".join(words)),)


SIGNALS: tuple[Detector, ...] = (
    Detector(
        "health", HEALTH, "Health information: conditions, treatment, medication, disability.",
        patterns=_kw(
            r"diagnos(?:is|ed)", r"mental health", r"depression", r"anxiety disorder",
            r"diabetes", r"diabetic", r"cancer", r"chemotherapy", r"HIV", r"asthma", r"epilepsy",
            r"dementia", r"autism", r"ADHD", r"pregnan(?:t|cy)", r"miscarriage", r"medication",
            r"prescribed", r"sectioned", r"disabilit(?:y|ies)", r"GP", r"allergy", r"allergies",
            r"blood test", r"surgery for", r"self-harm", r"schizophrenia", r"bipolar",
        ),
        caseless=True, keyword=True, confidence=0.6,
        column_hints=(r"health", r"medical", r"diagnos", r"condition", r"disab", r"medication",
                      r"allerg", r"gp_"),
        column_requires_hint=True, normalise="strip",
    ),
    Detector(
        "ethnicity", "Data revealing racial or ethnic origin", "Racial or ethnic origin.",
        patterns=_kw(r"ethnicity", r"ethnic origin", r"White British", r"Black British",
                     r"Black Caribbean", r"Black African", r"British Asian", r"Pakistani",
                     r"Bangladeshi", r"Gypsy or Irish Traveller", r"mixed race", r"race:"),
        caseless=True, keyword=True, confidence=0.6,
        column_hints=(r"ethnic", r"race"), column_requires_hint=True, normalise="strip",
    ),
    Detector(
        "religion", "Religious or philosophical beliefs", "Religion or belief.",
        patterns=_kw(r"religion", r"religious", r"Muslim", r"Christian", r"Jewish", r"Sikh",
                     r"Hindu", r"Buddhist", r"Catholic", r"atheist", r"mosque", r"synagogue",
                     r"gurdwara"),
        caseless=True, keyword=True, confidence=0.6,
        column_hints=(r"religio", r"faith", r"belief"), column_requires_hint=True,
        normalise="strip",
    ),
    Detector(
        "sexual_orientation", "Sexual orientation data", "Sexual orientation.",
        patterns=_kw(r"sexual orientation", r"gay", r"lesbian", r"bisexual", r"LGBTQ?\+?",
                     r"homosexual", r"heterosexual"),
        caseless=True, keyword=True, confidence=0.6,
        column_hints=(r"sexual_?orientation", r"sexuality"), column_requires_hint=True,
        normalise="strip",
    ),
    Detector(
        "trade_union", "Trade union membership", "Trade union membership.",
        patterns=_kw(r"trade union", r"union member(?:ship)?", r"union rep", r"UNISON",
                     r"Unite the Union", r"GMB union", r"NEU", r"NASUWT", r"RMT"),
        caseless=False, keyword=True, confidence=0.6,
        column_hints=(r"union",), column_requires_hint=True, normalise="strip",
    ),
    Detector(
        "criminal_offence", "Criminal convictions or offences", "Criminal offences or convictions.",
        patterns=_kw(r"convicted", r"conviction", r"criminal record", r"caution(?:ed)? for",
                     r"arrested", r"charged with", r"offence", r"prison", r"probation",
                     r"DBS check", r"sentenced", r"custody"),
        caseless=True, keyword=True, confidence=0.6,
        column_hints=(r"convict", r"offen[cs]e", r"criminal", r"dbs"), column_requires_hint=True,
        normalise="strip",
    ),
    Detector(
        "child", BASIC, "A child: words about pupils, school years, minors, safeguarding.",
        patterns=_kw(r"pupil", r"year [1-9] pupil", r"year 1[0-3]", r"under 18", r"minor",
                     r"aged (?:[1-9]|1[0-7])", r"safeguarding", r"looked[- ]after child",
                     r"child protection", r"primary school", r"secondary school", r"nursery"),
        caseless=True, keyword=True, confidence=0.5, subject_type="Children",
        column_hints=(r"pupil", r"school_?year", r"year_?group", r"guardian", r"parent"),
        column_requires_hint=True, normalise="strip",
    ),
)

ALL: tuple[Detector, ...] = IDENTIFIERS + SIGNALS
BY_NAME: dict[str, Detector] = {d.name: d for d in ALL}

# The linking fields the pipeline assembles person records from: field -> detector names.
FIELDS: dict[str, tuple[str, ...]] = {}
for _d in ALL:
    if _d.field:
        FIELDS.setdefault(_d.field, ())
        FIELDS[_d.field] += (_d.name,)
del _d
