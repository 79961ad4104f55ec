"""Drop the LIKE-only indexes PostgreSQL was given for the affected people's text columns.

Django adds a second, ``varchar_pattern_ops`` index beside every indexed CharField on
PostgreSQL, for ``LIKE 'abc%'`` look-ups. Nothing looks up a person's public id, reference,
scope id or blind indexes by prefix (they are random or HMACs), and each of the five extra
indexes has to be kept up to date on every insert: about a quarter of PostgreSQL's work when a
million people are imported. Equality look-ups use the ordinary indexes, which stay.
The model state is unchanged; SQLite never had these indexes.
"""

from django.db import migrations

TABLE = "people_affectedperson"
FIELDS = ("public_id", "reference", "scope_person_id", "email_index", "match_index")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = %s "
                       "AND indexdef LIKE %s", [TABLE, "%varchar_pattern_ops%"])
        names = [row[0] for row in cursor.fetchall()]
    for name in names:
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


def restore(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    model = apps.get_model("people", "AffectedPerson")
    for name in FIELDS:
        sql = schema_editor._create_like_index_sql(model, model._meta.get_field(name))
        if sql is not None:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("people", "0003_match_index")]

    operations = [migrations.RunPython(drop, restore, elidable=False)]
