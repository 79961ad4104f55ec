"""Transactional tests end with a flush of every table, which the audit log's append-only
triggers rightly refuse. These lift the triggers around that flush, and only there."""

import importlib

from django.db import connection

_migration = importlib.import_module("breachdesk.web.audit.migrations.0002_append_only_triggers")


def lift():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER USER")
        else:
            for sql in _migration.SQLITE_REVERSE:
                cursor.execute(sql)


def restore():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER USER")
        else:
            for sql in _migration.SQLITE_REVERSE + _migration.SQLITE:
                cursor.execute(sql)
