"""A labelled synthetic UK free-text corpus: emails, case notes, letters and log lines.

Every document carries character-offset labels ``(start, end, type)`` for the personal data
in it, with detector names as types. Distractors are left unlabelled on purpose: order and
reference numbers (some pass the NHS mod-11 check), dates that are not births, numbers that
fail their checksums, helpline numbers, organisations and places.

Names come from Faker ``en_GB`` for most people and, for about one in five, from locales whose
lists are *not* in breachdesk's vocabularies (en_IN, pl_PL, it_IT, en_NG, ...), so the
benchmark can report how the context rules do on unseen names (labels carry ``unseen``).

Synthetic data only; seeded, so a run is reproducible.

    python bench/corpus/text.py --docs 2000 --seed 7 --out bench/out/text.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import string
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import phonenumbers
from faker import Faker
from stdnum.gb import utr as _utr

FILLER_PER_FACT = 2.0  # sentences of ordinary prose per fact; 0 gives the dense corpus
HELD_OUT_LOCALES = ("en_IN", "pl_PL", "it_IT", "en_NG", "en_PK", "fr_FR")
UK_STREET_TYPES = (
    "Road", "Street", "Lane", "Avenue", "Close", "Drive", "Way", "Crescent", "Gardens",
    "Court", "Place", "Terrace", "Grove", "Hill", "Walk", "Mews", "Row", "Square", "Green",
    "Park", "Rise", "View", "Parade",
)
NI_FIRST = [c for c in string.ascii_uppercase if c not in "DFIQUV"]
NI_SECOND = [c for c in string.ascii_uppercase if c not in "DFIOQUV"]
NI_BAD = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}
GEO_CODES = ("0113", "0114", "0115", "0116", "0117", "0118", "0121", "0131", "0141", "0151",
             "0161", "0191", "020", "029", "028", "01224", "01603", "01392", "01865", "01273")
ORGS = ("Leeds City Council", "the Finance Team", "Barclays Bank", "NHS England",
        "the Housing Department", "Acme Logistics Ltd", "HM Revenue and Customs",
        "the Customer Services Team", "St Mary's Primary School", "Northern Rail")
PLACES = ("Manchester", "Leeds", "Bristol", "Cardiff", "Glasgow", "Belfast", "York",
          "Newcastle", "Sheffield", "Nottingham")


@dataclass
class Person:
    first: str
    last: str
    title: str
    sex: str
    unseen: bool
    dob: date
    nino: str
    nhs: str
    phone: str
    email: str
    street: list[str]
    town: str
    postcode: str
    sort_code: str
    account: str
    card: str
    iban: str
    passport: str
    licence: str
    utr: str
    vrm: str
    ip: str
    username: str
    password: str


class Gen:
    def __init__(self, seed: int):
        self.r = random.Random(seed)
        self.f = Faker("en_GB")
        self.f.seed_instance(seed)
        self.others = {loc: Faker(loc) for loc in HELD_OUT_LOCALES}
        for i, fk in enumerate(self.others.values()):
            fk.seed_instance(seed + i + 1)
        self.today = date(2025, 6, 1)

    # -- identifiers -------------------------------------------------------------------------
    def nino(self) -> str:
        while True:
            p = self.r.choice(NI_FIRST) + self.r.choice(NI_SECOND)
            if p not in NI_BAD:
                break
        d = "".join(self.r.choice(string.digits) for _ in range(6))
        return p + d + self.r.choice("ABCD")

    def nhs(self) -> str:
        while True:
            d = [self.r.randrange(10) for _ in range(9)]
            c = 11 - sum(x * (10 - i) for i, x in enumerate(d)) % 11
            c = 0 if c == 11 else c
            if c != 10:
                return "".join(map(str, d)) + str(c)

    def nhs_invalid(self) -> str:
        n = self.nhs()
        return n[:9] + str((int(n[9]) + 1 + self.r.randrange(8)) % 10)

    def phone(self) -> str:
        while True:
            if self.r.random() < 0.6:
                n = "07" + self.r.choice("4589") + "".join(
                    self.r.choice(string.digits) for _ in range(8))
            else:
                code = self.r.choice(GEO_CODES)
                n = code + "".join(self.r.choice("2345678") for _ in range(1)) + "".join(
                    self.r.choice(string.digits) for _ in range(10 - len(code)))
            num = phonenumbers.parse(n, "GB")
            if phonenumbers.is_valid_number(num):
                return n

    def fmt_phone(self, n: str) -> str:
        style = self.r.randrange(4)
        if n.startswith("07"):
            return [n, f"{n[:5]} {n[5:]}", f"+44 {n[1:5]} {n[5:]}", f"{n[:5]} {n[5:8]} {n[8:]}"][style]
        if n.startswith("02"):
            return [n, f"{n[:3]} {n[3:7]} {n[7:]}", f"+44 {n[1:3]} {n[3:7]} {n[7:]}",
                    f"({n[:3]}) {n[3:7]} {n[7:]}"][style]
        k = 4 if n[:4] in GEO_CODES else 5
        return [n, f"{n[:k]} {n[k:k+3]} {n[k+3:]}", f"+44 {n[1:k]} {n[k:]}",
                f"({n[:k]}) {n[k:]}"][style]

    def postcode(self) -> str:
        import re
        rx = re.compile(
            r"(?:[A-PR-UWYZ](?:[0-9][0-9]?|[A-HK-Y][0-9][0-9]?|[0-9][A-HJKPSTUW]|"
            r"[A-HK-Y][0-9][ABEHMNPRVWXY])) [0-9][ABD-HJLNP-UW-Z]{2}")
        while True:
            p = self.f.postcode()
            if rx.fullmatch(p):
                return p

    def licence(self, last: str, first: str, dob: date, sex: str) -> str:
        sur = "".join(c for c in last.upper() if c.isalpha())[:5].ljust(5, "9")
        month = dob.month + (50 if sex == "F" else 0)
        initials = (first[:1]).upper() + "9"
        tail = "9" + "".join(self.r.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2))
        return f"{sur}{str(dob.year)[2]}{month:02d}{dob.day:02d}{str(dob.year)[3]}{initials}{tail}"

    def utr(self) -> str:
        body = "".join(self.r.choice(string.digits) for _ in range(9))
        return _utr.calc_check_digit(body) + body

    def vrm(self) -> str:
        letters = "ABCDEFGHJKLMNOPRSTUVWXY"
        age = self.r.choice([f"{y:02d}" for y in range(2, 25)] + [str(y) for y in range(51, 75)])
        return (self.r.choice(letters) + self.r.choice(letters) + age + " "
                + "".join(self.r.choice(letters) for _ in range(3)))

    def person(self) -> Person:
        f, r = self.f, self.r
        sex = r.choice("MF")
        unseen = r.random() < 0.2
        src = self.others[r.choice(HELD_OUT_LOCALES)] if unseen else f
        first = src.first_name_male() if sex == "M" else src.first_name_female()
        last = src.last_name()
        title = r.choice(["Mr"] if sex == "M" else ["Mrs", "Ms", "Miss"])
        if r.random() < 0.1:
            title = "Dr"
        dob = self.today - timedelta(days=r.randrange(6 * 365, 90 * 365))
        street = [f"{f.building_number()} {self._street_name()}"]
        if r.random() < 0.2:
            street.insert(0, f"Flat {r.randrange(1, 60)}")
        user = "".join(c for c in (first[0] + last).lower() if c.isascii() and c.isalnum())
        user += str(r.randrange(10, 99))
        email_local = "".join(c for c in f"{first}.{last}".lower() if c.isascii() and (c.isalnum() or c == "."))
        return Person(
            first=first, last=last, title=title, sex=sex, unseen=unseen, dob=dob,
            nino=self.nino(), nhs=self.nhs(), phone=self.phone(),
            email=f"{email_local}@{f.free_email_domain()}",
            street=street, town=f.city(), postcode=self.postcode(),
            sort_code="-".join(f"{r.randrange(100):02d}" for _ in range(3)),
            account="".join(r.choice(string.digits) for _ in range(8)),
            card=f.credit_card_number(card_type=r.choice(["visa16", "mastercard", "amex"])),
            iban=f.iban(), passport=str(r.randrange(100_000_000, 999_999_999)),
            licence=self.licence(last, first, dob, sex), utr=self.utr(), vrm=self.vrm(),
            ip=f.ipv4_public(), username=user, password=f.password(length=r.randrange(8, 14)),
        )

    def _street_name(self) -> str:
        if self.r.random() < 0.5:
            return self.f.street_name()
        base = self.r.choice([self.f.last_name(), self.f.first_name(), self.f.city_prefix()
                              + self.f.last_name().lower()])
        return f"{base} {self.r.choice(UK_STREET_TYPES)}"


@dataclass
class Doc:
    kind: str
    parts: list[str] = field(default_factory=list)
    labels: list[tuple[int, int, str, bool]] = field(default_factory=list)
    pos: int = 0

    def add(self, text: str, label: str | None = None, unseen: bool = False) -> Doc:
        if label:
            self.labels.append((self.pos, self.pos + len(text), label, unseen))
        self.parts.append(text)
        self.pos += len(text)
        return self

    def name(self, p: Person, full: bool = True) -> Doc:
        return self.add(f"{p.first} {p.last}" if full else p.last, "name", p.unseen)

    def address(self, p: Person, sep: str) -> Doc:
        start = self.pos
        self.add(sep.join([*p.street, p.town]) + (sep if sep == "\n" else " "))
        self.add(p.postcode, "postcode")
        self.labels.append((start, self.pos, "address", False))
        return self

    def text(self) -> str:
        return "".join(self.parts)


def fmt_date(g: Gen, d: date) -> str:
    return g.r.choice([
        d.strftime("%d/%m/%Y"), d.strftime("%-d %B %Y"), d.strftime("%d.%m.%Y"),
        d.isoformat(), d.strftime("%-d %b %Y"),
    ])


def fmt_nino(g: Gen, n: str) -> str:
    return n if g.r.random() < 0.5 else f"{n[:2]} {n[2:4]} {n[4:6]} {n[6:8]} {n[8]}"


def fmt_nhs(g: Gen, n: str) -> str:
    return n if g.r.random() < 0.4 else f"{n[:3]} {n[3:6]} {n[6:]}"


def fmt_card(g: Gen, c: str) -> str:
    if len(c) == 15:
        return c if g.r.random() < 0.5 else f"{c[:4]} {c[4:10]} {c[10:]}"
    return c if g.r.random() < 0.3 else " ".join(c[i:i + 4] for i in range(0, len(c), 4))


def fmt_iban(g: Gen, i: str) -> str:
    return i if g.r.random() < 0.4 else " ".join(i[k:k + 4] for k in range(0, len(i), 4))


FILLER = (
    "Thank you for getting in touch with us about this.",
    "We are sorry for the delay in replying to your last message.",
    "I have looked into the points you raised and set out our response below.",
    "As discussed on the phone, we will review the decision within 28 days.",
    "The Housing Benefit claim was assessed under the rules that applied at the time.",
    "Please find attached a copy of the form, which needs to be signed and returned.",
    "If you are not happy with our response you can ask for a review by the Complaints Team.",
    "Our records show that the payment was received but not allocated to the account.",
    "We have updated the system and the error should not happen again.",
    "The next review meeting has been booked and an invitation will follow by post.",
    "Universal Credit payments are made monthly in arrears into a bank or building society.",
    "A member of the Customer Services Team will call you within five working days.",
    "You told us that your circumstances changed earlier this year.",
    "The school nurse will be in touch about the consent form.",
    "We are required to keep these records under the Data Protection Act 2018.",
    "Housing officers visited the property and noted damp in the back bedroom.",
    "The Council Tax reduction has been applied from the start of the financial year.",
    "Nothing further is needed from you at this stage.",
    "I will chase the contractor again on Monday and let you know the outcome.",
    "Your GP surgery has been sent a copy of this letter for information.",
    "The repair was logged as urgent and should be completed within 24 hours.",
    "Please bring photo identification and a recent utility bill to the appointment.",
    "We apologise for any inconvenience this may have caused.",
    "The Finance Department has agreed to refund the overpayment in full.",
    "Lunch will be provided and parking is available at the rear of the building.",
    "The meeting was attended by colleagues from Adult Social Care and the Police.",
    "Further information is available on our website under Help and Support.",
    "Rent arrears have reduced since the last visit and the agreement is being kept to.",
    "This email and any attachments are confidential and intended for the addressee only.",
    "If you have received this message in error please delete it and let the sender know.",
)


def filler(g: Gen, doc: Doc, density: float) -> None:
    """Ordinary prose between the facts: real letters and notes are mostly this."""
    for _ in range(max(0, round(g.r.gauss(density, density / 3)))):
        doc.add(g.r.choice(FILLER) + " ")


# -- distractors ---------------------------------------------------------------------------------
def distractor(g: Gen, doc: Doc) -> None:
    r = g.r
    k = r.randrange(9)
    if k == 0:
        doc.add(f"Order number {g.nhs() if r.random() < 0.5 else r.randrange(10**9, 10**10)}"
                " has been dispatched. ")
    elif k == 1:
        d = g.today - timedelta(days=r.randrange(1, 400))
        doc.add(f"The appointment on {fmt_date(g, d)} was rescheduled. ")
    elif k == 2:
        doc.add(f"For help call our helpline on 0800 {r.randrange(100, 999)} "
                f"{r.randrange(1000, 9999)} or 0300 {r.randrange(100, 999)} {r.randrange(1000, 9999)}. ")
    elif k == 3:
        doc.add(f"Ticket reference {g.nhs_invalid()} is closed. ")
    elif k == 4:
        doc.add(f"Please contact {r.choice(ORGS)} in {r.choice(PLACES)} if anything changes. ")
    elif k == 5:
        d = g.today - timedelta(days=r.randrange(1, 30))
        doc.add(f"Received on {fmt_date(g, d)}; invoice {r.randrange(10**7, 10**8)} attached. ")
    elif k == 6:
        doc.add(f"Tracking number {r.randrange(10**15, 10**16)} via Royal Mail. ")
    elif k == 7:
        doc.add(f"Upgraded to version {r.randrange(1, 9)}.{r.randrange(0, 20)}.{r.randrange(0, 9)} "
                f"on the Monday after the meeting at {r.choice(PLACES)} Town Hall. ")
    else:
        doc.add(f"Reference {r.choice('ABCDEFGH')}{r.choice('ABCDEFGH')}{r.randrange(10**5, 10**6)} "
                f"logged by the {r.choice(['IT', 'Finance', 'HR'])} team. ")


# -- documents -------------------------------------------------------------------------------------
def facts(g: Gen, doc: Doc, p: Person, n: int) -> None:
    r = g.r
    chosen = r.sample(range(17), n)
    for k in chosen:
        filler(g, doc, FILLER_PER_FACT)
        if k == 0:
            doc.add(r.choice(["Date of birth: ", "DOB ", "born on ", "D.O.B. "]))
            doc.add(fmt_date(g, p.dob), "date_of_birth").add(". ")
        elif k == 1:
            doc.add(r.choice(["NI number ", "National Insurance number: ", "NINO: "]))
            doc.add(fmt_nino(g, p.nino), "nino").add(". ")
        elif k == 2:
            doc.add(r.choice(["NHS number ", "NHS no. ", "NHS No: "]))
            doc.add(fmt_nhs(g, p.nhs), "nhs_number").add(". ")
        elif k == 3:
            doc.add(r.choice(["Phone ", "Mobile: ", "call back on ", "Tel: "]))
            doc.add(g.fmt_phone(p.phone), "phone").add(". ")
        elif k == 4:
            doc.add(r.choice(["Email ", "email: ", "reply to "]))
            doc.add(p.email, "email").add(". ")
        elif k == 5:
            doc.add("Sort code ").add(p.sort_code, "sort_code")
            doc.add(r.choice([", account number ", " account ", " a/c "]))
            doc.add(p.account, "account_number").add(". ")
        elif k == 6:
            doc.add(r.choice(["Card number ", "Paid with card ", "Visa "]))
            doc.add(fmt_card(g, p.card), "payment_card").add(". ")
        elif k == 7:
            doc.add("IBAN ").add(fmt_iban(g, p.iban), "iban").add(". ")
        elif k == 8:
            doc.add(r.choice(["Passport number ", "passport no. "]))
            doc.add(p.passport, "passport").add(". ")
        elif k == 9:
            doc.add(r.choice(["Driving licence ", "Licence number: "]))
            doc.add(p.licence, "driving_licence").add(". ")
        elif k == 10:
            doc.add(r.choice(["UTR ", "Unique Taxpayer Reference: "]))
            doc.add(p.utr, "utr").add(". ")
        elif k == 11:
            doc.add(r.choice(["Vehicle registration ", "car reg "]))
            doc.add(p.vrm, "vehicle_registration").add(". ")
        elif k == 12:
            doc.add("Last login from ").add(p.ip, "ip_address").add(". ")
        elif k == 13:
            doc.add("Username: ").add(p.username, "username")
            doc.add(" and password: ").add(p.password, "password").add(" ")
        elif k == 14:
            doc.add(r.choice(["Lives at ", "Address: ", "moved to "]))
            doc.address(p, ", ").add(". ")
        elif k == 15:
            doc.add(r.choice(["Spoke to ", "Met with ", "Call from "]))
            if r.random() < 0.5:
                doc.add(p.title + " ").name(p, full=False)
            else:
                doc.name(p)
            doc.add(" about the case. ")
        else:
            distractor(g, doc)
        if r.random() < 0.3:
            distractor(g, doc)


def email_doc(g: Gen, p: Person, staff: Person) -> Doc:
    r = g.r
    d = Doc("email")
    d.add("From: ").name(staff).add(" <").add(staff.email, "email").add(">\n")
    d.add("To: ").add(p.email, "email").add("\nSubject: Your account\n\n")
    d.add(r.choice(["Hi ", "Dear ", "Hello "]))
    if r.random() < 0.5:
        d.add(p.first, "name", p.unseen)
    else:
        d.add(p.title + " ").name(p, full=False)
    d.add(",\n\n")
    facts(g, d, p, r.randrange(2, 5))
    d.add("\n\n" + r.choice(["Kind regards", "Many thanks", "Best wishes", "Regards"]) + ",\n")
    d.name(staff).add("\n" + r.choice(ORGS) + "\n")
    return d


def case_note(g: Gen, p: Person, staff: Person) -> Doc:
    r = g.r
    d = Doc("case_note")
    d.add(f"Case note {fmt_date(g, g.today - timedelta(days=r.randrange(1, 90)))} (officer: ")
    d.name(staff).add(")\n")
    d.add(r.choice(["Client: ", "Patient: ", "Tenant: "])).name(p).add("\n")
    facts(g, d, p, r.randrange(3, 7))
    if r.random() < 0.4:
        d.add(r.choice(["Diagnosed with diabetes last year. ", "Reports anxiety and depression. ",
                        "Year 6 pupil at the local primary school. ",
                        "Member of UNISON. ", "Convicted of a driving offence in 2019. "]))
    return d


def letter(g: Gen, p: Person, staff: Person) -> Doc:
    r = g.r
    d = Doc("letter")
    d.add(p.title + " ").name(p).add("\n")
    d.address(p, "\n").add("\n\n")
    d.add(fmt_date(g, g.today - timedelta(days=r.randrange(1, 30))) + "\n\n")
    d.add("Dear " + p.title + " ").name(p, full=False).add(",\n\n")
    facts(g, d, p, r.randrange(2, 6))
    d.add("\n\n" + r.choice(["Yours sincerely", "Yours faithfully"]) + ",\n\n")
    d.name(staff).add("\nData Protection Officer\n")
    return d


def log_lines(g: Gen, p: Person, staff: Person) -> Doc:
    r = g.r
    d = Doc("log")
    for _ in range(r.randrange(3, 8)):
        ts = f"2025-05-{r.randrange(1, 29):02d}T{r.randrange(24):02d}:{r.randrange(60):02d}:00Z"
        d.add(f"{ts} auth ok username=").add(p.username, "username")
        d.add(" ip=").add(p.ip, "ip_address")
        if r.random() < 0.5:
            d.add(" email=").add(p.email, "email")
        d.add(f" session={r.randrange(16**8):08x}\n")
    return d


KINDS = (email_doc, case_note, letter, log_lines)


def generate(n: int, seed: int) -> list[dict]:
    g = Gen(seed)
    docs = []
    for i in range(n):
        p, staff = g.person(), g.person()
        make = g.r.choices(KINDS, weights=(4, 4, 3, 1))[0]
        d = make(g, p, staff)
        docs.append({"id": i, "kind": d.kind, "text": d.text(),
                     "labels": [list(x) for x in d.labels]})
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000, help="number of documents")
    ap.add_argument("--seed", type=int, default=7, help="random seed")
    global FILLER_PER_FACT
    ap.add_argument("--filler", type=float, default=FILLER_PER_FACT,
                    help="sentences of ordinary prose per fact (0: dense)")
    ap.add_argument("--out", type=Path, default=Path("bench/out/text.jsonl"), help="output file")
    a = ap.parse_args()
    FILLER_PER_FACT = a.filler
    a.out.parent.mkdir(parents=True, exist_ok=True)
    with a.out.open("w") as fh:
        for doc in generate(a.docs, a.seed):
            fh.write(json.dumps(doc) + "\n")


if __name__ == "__main__":
    main()
