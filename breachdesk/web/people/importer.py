"""Bringing scoped people into a breach: one record per person, updated on a re-scan.

The scope engine's ``people.parquet`` (or a CSV with the same column names) is read with
Polars, each row's contact details encrypted once, and rows written in batches. A person
already on the breach (same scope person id, else same email) is updated, never duplicated.
Contact details that look wrong are kept and listed for correction, not dropped.

On PostgreSQL, a first import of many people (``COPY_MIN_ROWS`` or more, every row with a scope
person id) goes through ``COPY``: rows are encrypted and encoded a chunk at a time, whole columns
at once, streamed with psycopg 3's ``cursor.copy``, and checked exactly as the row-by-row path
checks them.
"""

import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass, field
from io import BytesIO

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
# What a re-import changes on a person already on the breach; the rest (reference, portal code,
# safeguarding, language, format, updated_at) is left as it was, on every path.
UPDATED_FIELDS = ("scope_person_id", "match_index", "contact", "email_index", "postcode_index", "dob_index",
                  "categories", "items", "records", "child", "special_category", "criminal_offence", "needs_correction")


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
    if use_copy_update(breach, df):
        return reimport_people_copy(breach, user, df, source)
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
    if to_update and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # bulk_update sends a CASE of one branch per person for each field: PostgreSQL's JIT
            # takes minutes to compile that for a batch of thousands, and it runs in seconds without.
            cursor.execute("SET LOCAL jit = off")
    AffectedPerson.objects.bulk_update(to_update, UPDATED_FIELDS, batch_size=BATCH)
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


def _copy_text(value: str) -> str:
    """A value in COPY's text format."""
    return value.translate(_COPY_ESCAPES)


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


# The COPY path works on whole columns (Polars) and keeps Python for what must be per value:
# the Fernet token, the HMACs (once per distinct value) and anything a column expression would
# not do exactly as the row-by-row path does (values that are not text, non-ASCII text).
_ASCII_SPACE = " \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f"  # str.split() and str.strip() whitespace, within ASCII
_ASCII_SPACE_RUN = r"[ \t\n\x0b\x0c\r\x1c-\x1f]+"
_UNICODE_SPACE = _ASCII_SPACE + "\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
                                "\u2028\u2029\u202f\u205f\u3000"  # every character str.isspace() accepts
_TRUE_WORDS = ("true", "1", "yes")
_COPY_NEEDS = tuple(dict.fromkeys((*CONTACT, *ITEMS, "person_id", "categories", "records", "child", "special_category",
                                  "criminal_offence")))


def _column(frame: pl.DataFrame, name: str) -> pl.Series:
    return frame[name] if name in frame.columns else pl.Series(name, [None] * frame.height, pl.String)


def _text(frame: pl.DataFrame, name: str) -> pl.Series:
    """``str(row[name] or "")`` for every row."""
    column = _column(frame, name)
    if column.dtype == pl.String:
        return column.fill_null("")
    return pl.Series(name, [str(v or "") for v in column.to_list()], pl.String)


def _present(frame: pl.DataFrame, name: str) -> pl.Series:
    """``bool(row[name])`` for every row."""
    column = _column(frame, name)
    if column.dtype == pl.String:
        return column.fill_null("") != ""
    if column.dtype == pl.Boolean:
        return column.fill_null(False)
    return pl.Series(name, [bool(v) for v in column.to_list()], pl.Boolean)


def _truthy_column(frame: pl.DataFrame, name: str) -> pl.Series:
    column = _column(frame, name)
    if column.dtype == pl.Boolean:
        return column.fill_null(False)
    if column.dtype == pl.String:
        return column.str.strip_chars(_UNICODE_SPACE).str.to_lowercase().is_in(_TRUE_WORDS).fill_null(False)
    return pl.Series(name, [_truthy(v) for v in column.to_list()], pl.Boolean)


def _normalised(kind: str, values: pl.Series) -> pl.Series:
    """crypto.normalise on a column: ASCII values as expressions, any others by normalise itself."""
    from breachdesk.web.people.crypto import normalise

    out = values.str.strip_chars(_ASCII_SPACE)
    if kind == "email":
        out = out.str.to_lowercase()
    elif kind in ("postcode", "nino", "portal_code"):
        out = out.str.replace_all(_ASCII_SPACE_RUN, "").str.to_uppercase()
    else:
        out = out.str.to_lowercase().str.replace_all(_ASCII_SPACE_RUN, " ")
    other = values.str.contains(r"[^\x00-\x7f]").fill_null(False)
    if other.any():
        fixed, raw = out.to_list(), values.to_list()
        for i in other.arg_true().to_list():
            fixed[i] = normalise(kind, raw[i])
        out = pl.Series(values.name, fixed, pl.String)
    return out


def _hmacs(key: bytes, messages: pl.Series) -> pl.Series:
    """The blind index (first 40 hex digits of the HMAC-SHA256) of each message, each distinct
    message hashed once."""
    base = hmac.new(key, digestmod=hashlib.sha256)
    distinct = messages.drop_nulls().unique()

    def one(message: bytes) -> str:
        h = base.copy()
        h.update(message)
        return h.hexdigest()[:40]

    digests = [one(m) for m in distinct.cast(pl.Binary).to_list()]
    return messages.replace_strict(distinct, pl.Series(digests, dtype=pl.String), return_dtype=pl.String)


def _blind_indexes(key: bytes, kind: str, values: pl.Series, present: pl.Series) -> pl.Series:
    """crypto.blind_index(kind, value) on a column ("" where there is no value)."""
    messages = kind + "\x00" + _normalised(kind, values)
    return pl.select(pl.when(present).then(_hmacs(key, messages)).otherwise(pl.lit("")).alias("index"))["index"]


def _match_keys(key: bytes, text: dict[str, pl.Series], present: dict[str, pl.Series]) -> pl.Series:
    """match_key on a column: the kind chosen per row, then one normalise and one HMAC per row."""
    kind, value = pl.lit(None, pl.String), pl.lit(None, pl.String)
    has_name = present["name"]
    choices = [(present[k], f"match:{k}", text[k]) for k in ("nino", "nhs_number", "email")]
    choices += [(has_name & present[k], f"match:name+{k}", text["name"] + "|" + text[k])
                for k in ("dob", "postcode", "address")]
    for condition, name, raw in reversed(choices):
        kind = pl.when(condition).then(pl.lit(name)).otherwise(kind)
        value = pl.when(condition).then(raw).otherwise(value)
    chosen = pl.select(kind.alias("kind"), value.alias("value"))
    messages = chosen["kind"] + "\x00" + _normalised("match", chosen["value"])
    found = pl.when(chosen["kind"].is_not_null()).then(_hmacs(key, messages)).otherwise(pl.lit(""))
    return pl.select(found.alias("index"))["index"]


def _by_distinct(values: list, make) -> list:
    cache: dict = {}
    out = []
    for value in values:
        k = tuple(value) if isinstance(value, list) else value
        got = cache.get(k)
        if got is None:
            got = cache[k] = make(value)
        out.append(got)
    return out


def _letters(n: int, alphabet: str, reject_from: int) -> str:
    """``n`` letters of ``alphabet`` from the random source, each byte picking one (byte modulo
    the alphabet's length); bytes from ``reject_from`` up are dropped so every letter is equally
    likely. The same picks as core.ids.new_public_id and models.new_reference make one by one."""
    table = bytes(ord(alphabet[b % len(alphabet)]) for b in range(256))
    drop = bytes(range(reject_from, 256))
    out = b""
    while len(out) < n:
        out += secrets.token_bytes(n - len(out) + 64).translate(table, drop)
    return out[:n].decode()


def _public_ids(n: int) -> list[str]:
    """``n`` ids as core.ids.new_public_id makes them, from one read of the random source."""
    letters = _letters(12 * n, _PUBLIC_ID_ALPHABET, 248)
    return [letters[i:i + 12] for i in range(0, 12 * n, 12)]


def _references(n: int) -> list[str]:
    letters = _letters(9 * n, _REF_ALPHABET, 256)
    return [f"{letters[i:i + 3]}-{letters[i + 3:i + 6]}-{letters[i + 6:i + 9]}" for i in range(0, 9 * n, 9)]


def _copy_column(values: pl.Series) -> pl.Series:
    """A text column in COPY's text format (only free text can hold a backslash, tab or newline)."""
    for char, escaped in (("\\", "\\\\"), ("\t", "\\t"), ("\n", "\\n"), ("\r", "\\r")):
        values = values.str.replace_all(char, escaped, literal=True)
    return values


def _json_lists(codes: pl.Series, names: tuple[str, ...]) -> pl.Series:
    """json.dumps of the names whose bits are set in each code (the order of ``names``)."""
    distinct = codes.unique()
    texts = [json.dumps([name for bit, name in enumerate(names) if code >> bit & 1]) for code in distinct.to_list()]
    return codes.replace_strict(distinct, pl.Series(texts, dtype=pl.String), return_dtype=pl.String)


def _wrong(frame: pl.DataFrame, text: dict, present: dict) -> pl.Series:
    """The row-by-row path's _flags checks, as bits: 1 email, 2 postcode, 4 no contact route."""
    email = text["email"]
    fast_ok = (email.str.len_chars() <= 254) & email.str.contains(f"^(?:{_SIMPLE_EMAIL.pattern})$")
    bad_email = present["email"] & ~fast_ok
    if bad_email.any():
        raw = _column(frame, "email")
        bad = bad_email.to_list()
        for i in bad_email.arg_true().to_list():
            bad[i] = not _email_ok(raw[i])
        bad_email = pl.Series(bad, dtype=pl.Boolean)
    postcodes = _column(frame, "postcode").to_list()
    bad_postcode = pl.Series(_by_distinct(postcodes, lambda v: bool(v) and validators.postcode(v) is None),
                             dtype=pl.Boolean)
    no_route = ~present["email"] & ~(present["address"] & present["postcode"])
    return (bad_email.cast(pl.Int32) + 2 * bad_postcode.cast(pl.Int32) + 4 * no_route.cast(pl.Int32)).alias("wrong")


def _records(frame: pl.DataFrame) -> pl.Series:
    column = _column(frame, "records")
    if column.dtype.is_integer():
        return pl.select(pl.when(column.fill_null(0) == 0).then(1).otherwise(column).cast(pl.String).alias("r"))["r"]
    return pl.Series([str(int(v or 1)) for v in column.to_list()], dtype=pl.String)


def encode_chunk(payload) -> tuple[bytes, int]:
    """COPY text for one chunk of rows, and how many need correction. Runs in a worker."""
    from cryptography.fernet import Fernet

    frame, breach_id, source, now, field_key, index_key = payload
    encrypt, key, n = Fernet(field_key).encrypt, index_key.encode(), frame.height
    names = set(CONTACT) | set(ITEMS)
    text = {name: _text(frame, name) for name in names}
    present = {name: _present(frame, name) for name in names}
    details = pl.select(pl.struct([text[k].alias(k) for k in CONTACT]).struct.json_encode().alias("json"))["json"]
    tokens = [encrypt(value).decode() for value in details.cast(pl.Binary).to_list()]
    wrong = _wrong(frame, text, present)
    items = sum((present[item].cast(pl.Int32) * (1 << bit) for bit, item in enumerate(ITEMS)), pl.Series([0] * n))
    categories = _by_distinct(_column(frame, "categories").to_list(), lambda v: _copy_text(json.dumps(_categories(v))))
    flags = {name: _truthy_column(frame, name).replace_strict([True, False], ["t", "f"], return_dtype=pl.String)
             for name in ("child", "special_category", "criminal_offence")}
    columns = {
        "public_id": _public_ids(n), "breach_id": pl.repeat(str(breach_id), n, eager=True),
        "reference": _references(n), "scope_person_id": _copy_column(_text(frame, "person_id")),
        "source": pl.repeat(source, n, eager=True), "contact": tokens,
        "email_index": _blind_indexes(key, "email", text["email"], present["email"]),
        "postcode_index": _blind_indexes(key, "postcode", text["postcode"], present["postcode"]),
        "dob_index": _blind_indexes(key, "dob", text["dob"], present["dob"]),
        "match_index": _match_keys(key, text, present),
        "categories": categories, "items": _json_lists(items, ITEMS), "records": _records(frame), **flags,
        "vulnerable": pl.repeat("f", n, eager=True), "safeguarding": pl.repeat("f", n, eager=True),
        "needs_correction": _json_lists(wrong, ("email", "postcode", "no_contact_route")),
        "language": pl.repeat("en", n, eager=True), "format": pl.repeat("standard", n, eager=True),
        "portal_code_hash": pl.repeat("", n, eager=True), "created_at": pl.repeat(now, n, eager=True),
        "updated_at": pl.repeat(now, n, eager=True),
    }
    out = BytesIO()
    pl.DataFrame({name: pl.Series(name, columns[name], pl.String) for name in COPY_COLUMNS}).write_csv(
        out, include_header=False, separator="\t", quote_style="never", line_terminator="\n")
    return out.getvalue(), int((wrong != 0).sum())


def _copy_chunks(breach, df: pl.DataFrame, source: str) -> list[tuple]:
    """The work of a COPY, in chunks: the columns it needs, and what each chunk is encoded with."""
    now = timezone.now().isoformat()
    needed = df.select([name for name in _COPY_NEEDS if name in df.columns])
    return [(needed.slice(i, COPY_CHUNK), breach.pk, source, now,
             settings.BREACHDESK_FIELD_KEYS[0], settings.BREACHDESK_BLIND_INDEX_KEY)
            for i in range(0, df.height, COPY_CHUNK)]


def import_people_copy(breach, user, df: pl.DataFrame, source: str = AffectedPerson.Source.SCOPE, *,
                       processes: int = 0) -> ImportResult:
    """The COPY path: a first import into a breach with nobody on it yet (see ``use_copy``).
    A reference that happens to collide with one already issued fails the COPY; it is then
    made again with new references (a few times at most: 32^9 references)."""
    args = _copy_chunks(breach, df, source)
    wrong = _retrying(lambda: _copy(args, processes))
    return _recorded(breach, user, ImportResult(created=df.height, rows=df.height, needs_correction=wrong))


def _retrying(step):
    """Run ``step`` in a transaction; a reference that collides with one already issued fails
    it with an IntegrityError, and a second try makes new references (32^9 of them)."""
    for attempt in range(3):
        try:
            with transaction.atomic():
                return step()
        except IntegrityError:
            if attempt == 2:
                raise


def _recorded(breach, user, result: ImportResult) -> ImportResult:
    breach.people_scoped = breach.people.count()
    breach.save(update_fields=["people_scoped", "updated_at"])
    record(user, "people_import", breach, created=result.created, updated=result.updated, rows=result.rows,
           method="copy")
    return result


def _copy(args, processes: int) -> int:
    """Stream the chunks into COPY. A thread of psycopg's sends each chunk while the next is
    encoded, so PostgreSQL (which maintains the table's indexes, the larger share of the work)
    and this process each keep a core busy; encoding in worker ``processes`` as well only pays
    where there are more cores than that."""
    with connection.cursor() as cursor:
        return _stream(cursor, AffectedPerson._meta.db_table, args, processes)


def _stream(cursor, table: str, args, processes: int = 0) -> int:
    """COPY the encoded chunks into ``table``; return how many rows need their details checked."""
    from psycopg.copy import QueuedLibpqWriter

    wrong = 0
    sql = f"COPY {table} ({', '.join(COPY_COLUMNS)}) FROM STDIN"
    with cursor.copy(sql, writer=QueuedLibpqWriter(cursor.cursor)) as copy:
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


# -- re-imports through COPY (PostgreSQL, many people, the breach has people already) -------

# Lower than for a first import: the row-by-row path's bulk_update (a CASE per field over 5,000
# rows) costs PostgreSQL time that grows with the square of the batch.
COPY_UPDATE_MIN_ROWS = 2_000


def use_copy_update(breach, df: pl.DataFrame) -> bool:
    """A re-import that COPY can do exactly as the row-by-row path would: every row has a scope
    person id of its own (a scan never repeats one), so which row finds which person does not
    depend on the rows before it, only on who claims a person first."""
    if connection.vendor != "postgresql" or df.height < COPY_UPDATE_MIN_ROWS or "person_id" not in df.columns:
        return False
    ids = _text(df, "person_id")
    return not (ids == "").any() and ids.n_unique() == df.height


def reimport_people_copy(breach, user, df: pl.DataFrame, source: str = AffectedPerson.Source.SCOPE) -> ImportResult:
    """The row-by-row path's matching, set-wise: rows are COPYed into a temporary table, each
    finds its person (same scope id, else same match index, else same email index; the newest
    such person, as the dictionaries of the row-by-row path keep the last), the first row in the
    file to find a person updates it, and every other row is a new person."""
    args = _copy_chunks(breach, df, source)
    wrong, created, updated = _retrying(lambda: _copy_update(breach, args))
    return _recorded(breach, user, ImportResult(created=created, updated=updated, rows=df.height,
                                                needs_correction=wrong))


def _copy_update(breach, args) -> tuple[int, int, int]:
    table, columns = AffectedPerson._meta.db_table, ", ".join(COPY_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS people_import")
        cursor.execute(f"CREATE TEMPORARY TABLE people_import (LIKE {table}) ON COMMIT DROP")
        cursor.execute("ALTER TABLE people_import DROP COLUMN id, ADD COLUMN target bigint,"
                       " ADD COLUMN ordinal bigint GENERATED ALWAYS AS IDENTITY")
        wrong = _stream(cursor, "people_import", args)
        # statistics for the planner (a temporary table has none), on the columns it joins by
        cursor.execute("ANALYZE people_import (ordinal, scope_person_id, match_index, email_index)")
        cursor.execute(f"""
            UPDATE people_import i SET target = found.person FROM (
                SELECT s.ordinal, COALESCE(by_scope.id, by_match.id, by_email.id) AS person,
                       row_number() OVER (PARTITION BY COALESCE(by_scope.id, by_match.id, by_email.id)
                                          ORDER BY s.ordinal) AS nth
                FROM people_import s
                LEFT JOIN {table} by_scope ON by_scope.breach_id = %(breach)s
                     AND by_scope.scope_person_id <> '' AND by_scope.scope_person_id = s.scope_person_id
                LEFT JOIN (SELECT match_index, max(id) AS id FROM {table}
                           WHERE breach_id = %(breach)s AND match_index <> '' GROUP BY match_index) by_match
                     ON by_match.match_index = s.match_index
                LEFT JOIN (SELECT email_index, max(id) AS id FROM {table}
                           WHERE breach_id = %(breach)s AND email_index <> '' GROUP BY email_index) by_email
                     ON by_email.email_index = s.email_index
            ) found
            WHERE found.ordinal = i.ordinal AND found.person IS NOT NULL AND found.nth = 1""", {"breach": breach.pk})
        assignments = ", ".join(f"{name} = i.{name}" for name in UPDATED_FIELDS)
        cursor.execute(f"UPDATE {table} p SET {assignments} FROM people_import i "
                       "WHERE i.target = p.id AND p.breach_id = %s", [breach.pk])
        updated = cursor.rowcount
        cursor.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM people_import "
                       "WHERE target IS NULL ORDER BY ordinal")
        created = cursor.rowcount
        cursor.execute("DROP TABLE people_import")
    return wrong, created, updated
