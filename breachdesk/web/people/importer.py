"""Bringing scoped people into a breach: one record per person, updated on a re-scan.

The scope engine's ``people.parquet`` (or a CSV with the same column names) is read with
Polars, each row's contact details encrypted once, and rows written in batches. A person
already on the breach (same scope person id, else same email) is updated, never duplicated.
Contact details that look wrong are kept and listed for correction, not dropped.
"""

from dataclasses import dataclass, field
from io import BytesIO

import polars as pl
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

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
    result = ImportResult()
    existing = {p.scope_person_id: p for p in breach.people.exclude(scope_person_id="").only("id", "scope_person_id")}
    by_email = dict(breach.people.exclude(email_index="").values_list("email_index", "id"))
    to_create, to_update = [], []
    for row in df.iter_rows(named=True):
        result.rows += 1
        wrong, items = _flags(row)
        scope_id = str(row.get("person_id") or "")
        person = existing.get(scope_id) if scope_id else None
        if person is None and row.get("email"):
            pk = by_email.get(blind_index("email", row["email"]))
            person = AffectedPerson(pk=pk) if pk else None
        is_new = person is None
        person = person or AffectedPerson(breach=breach, source=source)
        person.scope_person_id = scope_id
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
    fields = ["scope_person_id", "contact", "email_index", "postcode_index", "dob_index", "categories", "items",
              "records", "child", "special_category", "criminal_offence", "needs_correction"]
    AffectedPerson.objects.bulk_update(to_update, fields, batch_size=BATCH)
    result.updated = len(to_update)
    breach.people_scoped = breach.people.count()
    breach.save(update_fields=["people_scoped", "updated_at"])
    record(user, "people_import", breach, created=result.created, updated=result.updated, rows=result.rows)
    return result
