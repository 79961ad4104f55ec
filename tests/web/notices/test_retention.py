"""Letters and print packs are deleted once past the retention period; letters not yet printed
are kept; the pack's record stays, and the audit log says what went when."""

from datetime import timedelta
from io import StringIO
from pathlib import Path

import time_machine
from django.core.management import call_command
from django.core.signals import request_finished
from django.db import close_old_connections
from django.utils import timezone

from breachdesk.web.audit.models import AuditEntry
from breachdesk.web.notices import campaigns, print_pack, retention, sending
from breachdesk.web.notices.channels.letter import letter_path
from breachdesk.web.notices.models import Campaign, Delivery, PrintPack


def letters_campaign(plan, dpo, name):
    campaign = campaigns.create(plan.breach, dpo, name=name, channels=["letter"])
    sending.queue(campaign)
    campaign.status = Campaign.Status.SENDING
    campaign.save()
    sending.run(campaign)
    return campaign


def test_a_pack_and_its_letters_are_deleted_after_the_retention_period(plan, people, dpo, settings):
    settings.PRINT_FILES_DAYS = 30
    printed = letters_campaign(plan, dpo, "printed")
    pack = print_pack.build(printed, dpo)
    waiting = letters_campaign(plan, dpo, "not printed yet")
    pack_files = [Path(pack.pdf_path), Path(pack.csv_path)]
    printed_letters = [letter_path(k) for k in Delivery.objects.filter(campaign=printed).values_list("key", flat=True)]
    waiting_letters = [letter_path(k) for k in Delivery.objects.filter(campaign=waiting).values_list("key", flat=True)]
    assert len(printed_letters) == 6 and all(p.exists() for p in pack_files + printed_letters + waiting_letters)

    with time_machine.travel(timezone.now() + timedelta(days=29)):
        assert retention.purge() == {"packs": 0, "files": 0}
    assert all(p.exists() for p in pack_files + printed_letters)

    with time_machine.travel(timezone.now() + timedelta(days=31)):
        out = StringIO()
        call_command("purge_print_files", stdout=out)
    assert out.getvalue().strip() == "1 print packs older than 30 days: 8 files deleted"
    assert not any(p.exists() for p in pack_files + printed_letters)
    assert all(p.exists() for p in waiting_letters)  # not posted yet: kept
    pack.refresh_from_db()
    assert (pack.pdf_path, pack.csv_path, pack.letters) == ("", "", 6)
    entry = AuditEntry.objects.get(action="print_pack_purged")
    assert entry.detail == {"campaign": printed.public_id, "pack": pack.public_id, "files": 8, "days": 30}

    with time_machine.travel(timezone.now() + timedelta(days=32)):
        assert retention.purge() == {"packs": 0, "files": 0}  # done once only
    assert PrintPack.objects.count() == 1


def test_a_deleted_pack_says_so_plainly_on_the_campaign_page_and_at_its_link(plan, people, dpo, signed_in, settings):
    from django.urls import reverse

    campaign = letters_campaign(plan, dpo, "printed")
    pack = print_pack.build(campaign, dpo)
    client = signed_in(dpo)
    url = reverse("notices:print_pack_file", args=[plan.breach.public_id, campaign.public_id, pack.public_id, "pdf"])
    download = client.get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    # Closing the response closes the file; it also sends request_finished, which would close the
    # test's database connection: the test client keeps that handler away during requests, as here.
    request_finished.disconnect(close_old_connections)
    try:
        download.close()
    finally:
        request_finished.connect(close_old_connections)
    with time_machine.travel(timezone.now() + timedelta(days=settings.PRINT_FILES_DAYS + 1)):
        retention.purge()
    response = client.get(url)
    assert response.status_code == 410
    assert "This print pack has been deleted" in response.content.decode()
    page = client.get(reverse("notices:campaign", args=[plan.breach.public_id, campaign.public_id])).content.decode()
    assert f"files deleted after {settings.PRINT_FILES_DAYS} days" in page and url not in page
