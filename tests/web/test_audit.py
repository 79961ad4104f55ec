import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from breachdesk.web.audit.log import record, verify_chain
from breachdesk.web.audit.models import AppendOnlyError, AuditEntry


@pytest.fixture
def chain(dpo, breach):
    for _ in range(5):
        record(dpo, "view", breach)
    return list(AuditEntry.objects.order_by("id"))


def test_chain_verifies(chain, capsys):
    checked, broken = verify_chain()
    assert broken is None and checked == AuditEntry.objects.count() >= 5
    call_command("verify_audit")
    assert "The audit chain verifies" in capsys.readouterr().out


def test_each_entry_chains_to_the_one_before(chain):
    for before, after in zip(chain, chain[1:], strict=False):
        assert after.prev_hash == before.hash


def test_the_model_and_queryset_refuse_changes(chain):
    entry = chain[2]
    entry.action = "nothing to see"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="x")


def test_the_database_refuses_changes_too(chain):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET action = 'x' WHERE id = %s", [chain[1].pk])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [chain[1].pk])


def _drop_triggers(cursor):
    if connection.vendor == "postgresql":
        cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER USER")
    else:
        cursor.execute("DROP TRIGGER audit_no_update")
        cursor.execute("DROP TRIGGER audit_no_delete")


@pytest.mark.parametrize("tamper", ["alter", "delete"])
def test_a_tampered_row_breaks_the_chain(chain, tamper):
    """Someone with the database owner's rights can get past the triggers; the chain shows it."""
    victim = chain[2]
    with connection.cursor() as cursor:
        _drop_triggers(cursor)
        if tamper == "alter":
            cursor.execute("UPDATE audit_auditentry SET object_id = 'someone-else' WHERE id = %s", [victim.pk])
        else:
            cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [victim.pk])
    checked, broken = verify_chain()
    assert broken == (victim.pk if tamper == "alter" else chain[3].pk)
    with pytest.raises(CommandError, match="broken"):
        call_command("verify_audit")


def test_entries_hold_no_personal_data(dpo, breach, signed_in):
    """Field names and ids only: the values typed into a breach never reach the log."""
    from breachdesk.web.breaches import services

    services.update(breach, dpo, {"what_happened": "Mrs Jane Example's file went to 12 Acacia Road"})
    entry = AuditEntry.objects.filter(action="change").last()
    assert entry.detail == {"fields": ["what_happened"]}
    assert "Acacia" not in str(entry.payload())
