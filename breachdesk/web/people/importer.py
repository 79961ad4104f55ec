"""Bringing scoped people into a breach: one record per person, updated on a re-scan.

The scope engine's ``people.parquet`` (or a CSV with the same column names) is read with
Polars, each row's contact details encrypted once, and rows written in batches. A person
already on the breach (same scope person id, else same email) is updated, never duplicated.
Contact details that look wrong are kept and listed for correction, not dropped.

On PostgreSQL, a first import of many people (``COPY_MIN_ROWS`` or more, every row with a scope
person id) goes through ``COPY``: rows are encrypted and encoded in worker processes, streamed
with psycopg 3's ``cursor.copy``, and checked exactly as the row-by-row path checks them.
"""

import hashlib
import hmac
import json
import os
import re
import secrets
from dataclasses import dataclass, field
from io import BytesIO, StringIO

import polars as pl
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from breachdesk.scope.detect import validators
from breachdesk.web.audit.log import record
from breachdesk.web.people.crypto import blind_index
from breachdesk.web.people.models import AffectedPerson

CONTACT = ("name", "email", "phone", "address", "postcode", "dob")
ITEMS = ("nino", "nhs_number", "passport", "driving_licence", "utr", "card", "iban", "account_number",
         "sort_code", "email", "phone", "address", "dob")
BATCH = 5000


class ImportProblem(ValueError):
    """The file cannot be imported; the message says why, never what is in it."""


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    needs_correction: int = 0
    rows: int = 0
    problems: list[str] = field(default_factory=list)


def read_table(name: str, data: bytes) -> pl.DataFrame:
    try:
        if name.lower().endswith(".parquet"):
            df = pl.read_parquet(BytesIO(data))
        elif name.lower().endswith(".csv"):
            df = pl.read_csv(BytesIO(data), infer_schema=False, encoding="utf8-lossy")
        else:
            raise ImportProblem("Upload the people.parquet or people.csv that scoping made")
    except ImportProblem:
        raise
    except Exception:
        raise ImportProblem("The file could not be read: it may be damaged or not a table") from None
    if not ({"name", "email", "address"} & set(df.columns)):
        raise ImportProblem("The file has none of the columns name, email or address")
    return df


def _flags(row: dict) -> tuple[list[str], list[str]]:
    wrong = []
    if row.get("email"):
        try:
            validate_email(row["email"])
        except ValidationError:
            wrong.append("email")
    if row.get("postcode") and validators.postcode(row["postcode"]) is None:
        wrong.append("postcode")
    if not row.get("email") and not (row.get("address") and row.get("postcode")):
        wrong.append("no_contact_route")
    return wrong, [item for item in ITEMS if row.get(item)]


def match_key(row: dict, index=blind_index) -> str:
    """The blind index that finds this person again in a later scan of the same breach.
    ``index(kind, value)`` is crypto.blind_index, or the same with its key passed in."""
    for kind in ("nino", "nhs_number", "email"):
        if row.get(kind):
            return index(f"match:{kind}", str(row[kind]))
    name = str(row.get("name") or "")
    for kind in ("dob", "postcode", "address"):
        if name and row.get(kind):
            return index(f"match:name+{kind}", f"{name}|{row[kind]}")
    return ""


def _categories(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [c.strip() for c in value.split(";") if c.strip()]
    return list(value)


def _truthy(value) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() in ("true", "1", "yes"))


@transaction.atomic
def import_people(breach, user, df: pl.DataFrame, source: str = AffectedPerson.Source.SCOPE) -> ImportResult:
    if use_copy(breach, df):
        return import_people_copy(breach, user, df, source)
    result = ImportResult()
    existing = {p.scope_person_id: p for p in breach.people.exclude(scope_person_id="").only("id", "scope_person_id")}
    by_match = dict(breach.people.exclude(match_index="").values_list("match_index", "id"))
    by_email = dict(breach.people.exclude(email_index="").values_list("email_index", "id"))
    to_create, to_update = [], []
    claimed: set[int] = set()
    for row in df.iter_rows(named=True):
        result.rows += 1
        wrong, items = _flags(row)
        scope_id = str(row.get("person_id") or "")
        key = match_key(row)
        person = existing.get(scope_id) if scope_id else None
        pk = None
        if person is None and key:
            pk = by_match.get(key)
        if person is None and pk is None and row.get("email"):
            pk = by_email.get(blind_index("email", row["email"]))
        if person is None and pk is not None and pk not in claimed:
            person = AffectedPerson(pk=pk)
        if person is not None and person.pk:
            # The scan is the authority on who is one person: never fold two of its rows into one.
            if person.pk in claimed:
                person = None
            else:
                claimed.add(person.pk)
        is_new = person is None
        person = person or AffectedPerson(breach=breach, source=source)
        person.scope_person_id = scope_id
        person.match_index = key
        person.set_details({k: str(row.get(k) or "") for k in CONTACT})
        person.categories = _categories(row.get("categories"))
        person.items = items
        person.records = int(row.get("records") or 1)
        person.child = _truthy(row.get("child"))
        person.special_category = _truthy(row.get("special_category"))
        person.criminal_offence = _truthy(row.get("criminal_offence"))
        person.needs_correction = wrong
        result.needs_correction += bool(wrong)
        (to_create if is_new else to_update).append(person)
        if is_new and scope_id:
            existing[scope_id] = person
        if len(to_create) >= BATCH:
            AffectedPerson.objects.bulk_create(to_create)
            result.created += len(to_create)
            to_create = []
    AffectedPerson.objects.bulk_create(to_create)
    result.created += len(to_create)
    fields = ["scope_person_id", "match_index", "contact", "email_index", "postcode_index", "dob_index",
              "categories", "items", "records", "child", "special_category", "criminal_offence", "needs_correction"]
    AffectedPerson.objects.bulk_update(to_update, fields, batch_size=BATCH)
    result.updated = len(to_update)
    breach.people_scoped = breach.people.count()
    breach.save(update_fields=["people_scoped", "updated_at"])
    record(user, "people_import", breach, created=result.created, updated=result.updated, rows=result.rows)
    return result


# -- the COPY path (PostgreSQL, first import of many people) ------------------------------

COPY_MIN_ROWS = 50_000
COPY_CHUNK = 20_000
COPY_COLUMNS = ("public_id", "breach_id", "reference", "scope_person_id", "source", "contact", "email_index",
                "postcode_index", "dob_index", "match_index", "categories", "items", "records", "child",
                "special_category", "criminal_offence", "vulnerable", "safeguarding", "needs_correction", "language",
                "format", "portal_code_hash", "created_at", "updated_at")
_PUBLIC_ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_REF_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # 32 letters: one byte & 31 picks one evenly
# A plain subset of what Django's EmailValidator accepts: a match is valid without asking it;
# anything else is checked by validate_email itself, so both paths agree.
_SIMPLE_EMAIL = re.compile(r"[A-Za-z0-9%+_-]+(?:\.[A-Za-z0-9%+_-]+)*"
                           r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}")
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _public_ids(n: int) -> list[str]:
    """``n`` ids as core.ids.new_public_id makes them, from one read of the random source
    (rejection sampling: every one of the 31 letters equally likely)."""
    need, letters = 12 * n, []
    while len(letters) < need:
        letters += [_PUBLIC_ID_ALPHABET[b % 31] for b in secrets.token_bytes(need - len(letters) + 64) if b < 248]
    return ["".join(letters[12 * i:12 * i + 12]) for i in range(n)]


_BOOL = {True: "t", False: "f"}
_NEEDS_ESCAPE = re.compile(r"[\\\t\n\r]")


def _copy_text(value: str) -> str:
    """A value in COPY's text format (only free text can hold a tab, newline or backslash;
    fernet tokens, HMACs and our JSON of names cannot)."""
    return value.translate(_COPY_ESCAPES) if _NEEDS_ESCAPE.search(value) else value


def use_copy(breach, df: pl.DataFrame) -> bool:
    return (connection.vendor == "postgresql" and df.height >= COPY_MIN_ROWS and "person_id" in df.columns
            and df["person_id"].null_count() == 0 and not breach.people.exists())


def _email_ok(email: str) -> bool:
    if len(email) <= 254 and _SIMPLE_EMAIL.fullmatch(email):
        return True
    try:
        validate_email(email)
        return True
    except ValidationError:
        return False


def _index(key: bytes, kind: str, value: str) -> str:
    # the same as crypto.blind_index, with the key passed in (worker processes)
    if not value:
        return ""
    from breachdesk.web.people.crypto import normalise

    return hmac.new(key, f"{kind}\x00{normalise(kind, value)}".encode(), hashlib.sha256).hexdigest()[:40]


def encode_chunk(payload) -> tuple[str, int]:
    """COPY text for one chunk of rows, and how many need correction. Runs in a worker."""
    from cryptography.fernet import Fernet

    columns, breach_id, source, now, field_key, index_key = payload
    fernet, key = Fernet(field_key), index_key.encode()
    n = len(columns["person_id"])
    empty = [None] * n
    col = {name: columns.get(name, empty) for name in (*CONTACT, *ITEMS, "person_id", "categories", "records",
                                                        "child", "special_category", "criminal_offence")}
    postcodes: dict[str, bool] = {}
    out, wrong_rows = StringIO(), 0
    raw = secrets.token_bytes(9 * n)
    public_ids = _public_ids(n)
    for i in range(n):
        row = {name: values[i] for name, values in col.items()}
        details = {k: str(row[k] or "") for k in CONTACT}
        wrong = []
        if details["email"] and not _email_ok(row["email"]):
            wrong.append("email")
        postcode = row["postcode"]
        if postcode:
            ok = postcodes.get(postcode)
            if ok is None:
                ok = postcodes[postcode] = validators.postcode(postcode) is not None
            if not ok:
                wrong.append("postcode")
        if not row["email"] and not (row["address"] and row["postcode"]):
            wrong.append("no_contact_route")
        wrong_rows += bool(wrong)
        items = [item for item in ITEMS if row[item]]
        ref = "".join(_REF_ALPHABET[b & 31] for b in raw[9 * i:9 * i + 9])
        values = (
            public_ids[i], str(breach_id), f"{ref[:3]}-{ref[3:6]}-{ref[6:]}",
            _copy_text(str(row["person_id"] or "")), source,
            fernet.encrypt(json.dumps(details, separators=(",", ":")).encode()).decode(),
            _index(key, "email", details["email"]), _index(key, "postcode", details["postcode"]),
            _index(key, "dob", details["dob"]), match_key(row, lambda kind, value: _index(key, kind, value)),
            _copy_text(json.dumps(_categories(row["categories"]))), json.dumps(items),
            str(int(row["records"] or 1)), _BOOL[_truthy(row["child"])], _BOOL[_truthy(row["special_category"])],
            _BOOL[_truthy(row["criminal_offence"])], "f", "f", json.dumps(wrong), "en", "standard", "", now, now)
        out.write("\t".join(values))
        out.write("\n")
    return out.getvalue(), wrong_rows


def import_people_copy(breach, user, df: pl.DataFrame, source: str = AffectedPerson.Source.SCOPE, *,
                       processes: int | None = None) -> ImportResult:
    """The COPY path: a first import into a breach with nobody on it yet (see ``use_copy``).
    A reference that happens to collide with one already issued fails the COPY; it is then
    made again with new references (a few times at most: 32^9 references)."""
    now = timezone.now().isoformat()
    args = [(df.slice(i, COPY_CHUNK).to_dict(as_series=False), breach.pk, source, now,
             settings.BREACHDESK_FIELD_KEYS[0], settings.BREACHDESK_BLIND_INDEX_KEY)
            for i in range(0, df.height, COPY_CHUNK)]
    processes = processes if processes is not None else (min(os.cpu_count() or 1, 4) if len(args) > 2 else 0)
    for attempt in range(3):
        try:
            with transaction.atomic():
                wrong = _copy(args, processes)
            break
        except IntegrityError:
            if attempt == 2:
                raise
    result = ImportResult(created=df.height, rows=df.height, needs_correction=wrong)
    breach.people_scoped = breach.people.count()
    breach.save(update_fields=["people_scoped", "updated_at"])
    record(user, "people_import", breach, created=result.created, updated=0, rows=result.rows, method="copy")
    return result


def _copy(args, processes: int) -> int:
    wrong = 0
    sql = f"COPY {AffectedPerson._meta.db_table} ({', '.join(COPY_COLUMNS)}) FROM STDIN"
    with connection.cursor() as cursor:
        with cursor.copy(sql) as copy:
            if processes:
                import multiprocessing

                import django

                # Workers start fresh (spawn: no copy of this process's connections) and set
                # Django up before the first chunk arrives, which imports this module.
                with multiprocessing.get_context("spawn").Pool(processes, initializer=django.setup) as pool:
                    for text, n in pool.imap(encode_chunk, args):
                        copy.write(text)
                        wrong += n
            else:
                for text, n in map(encode_chunk, args):
                    copy.write(text)
                    wrong += n
    return wrong
