"""A print pack: every letter of a campaign not yet printed, merged into one PDF in a fixed
order, with a mailing CSV the print house matches to it (sequence, reference, pages, address).

Both files hold personal data: they are written to private storage and downloaded only
through an audited view.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from django.conf import settings
from django.db import transaction

from breachdesk.web.audit.log import record
from breachdesk.web.notices.channels.letter import letter_path
from breachdesk.web.notices.models import Delivery, PrintPack

CSV_COLUMNS = ["sequence", "reference", "first_page", "pages", "name", "address_line_1", "address_line_2",
               "address_line_3", "address_line_4", "postcode"]


def _address(delivery: Delivery) -> tuple[str, list[str], str]:
    contact = delivery.release.safe_contact if delivery.release_id else delivery.person.details
    lines = [line.strip() for line in (contact.get("address") or "").replace(",", "\n").splitlines() if line.strip()]
    return contact.get("name", ""), (lines + ["", "", "", ""])[:4], contact.get("postcode", "")


def build(campaign, user=None) -> PrintPack | None:
    """Merge the campaign's letters not yet in a pack; None when there are none."""
    import pypdfium2 as pdfium

    with transaction.atomic():
        letters = list(Delivery.objects.select_for_update(of=("self",)).filter(
            campaign=campaign, channel="letter", status__in=Delivery.REACHED, print_pack__isnull=True)
            .select_related("person", "release").order_by("id"))
        if not letters:
            return None
        merged = pdfium.PdfDocument.new()
        rows, page = [], 1
        for n, delivery in enumerate(letters, start=1):
            source = pdfium.PdfDocument(letter_path(delivery.key))
            count = len(source)
            merged.import_pages(source)
            source.close()
            name, lines, postcode = _address(delivery)
            rows.append([n, delivery.person.reference, page, count, name, *lines, postcode])
            page += count
        pack = PrintPack(campaign=campaign, letters=len(letters), pages=page - 1, created_by=user,
                         pdf_path="", csv_path="")
        folder = Path(settings.PRIVATE_STORAGE_ROOT) / "print-packs" / campaign.public_id
        folder.mkdir(parents=True, exist_ok=True)
        pdf_file, csv_file = folder / f"{pack.public_id}.pdf", folder / f"{pack.public_id}.csv"
        merged.save(str(pdf_file))
        merged.close()
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_COLUMNS)
        writer.writerows(rows)
        csv_file.write_text(buffer.getvalue(), encoding="utf-8")
        pack.pdf_path, pack.csv_path = str(pdf_file), str(csv_file)
        pack.save()
        Delivery.objects.filter(pk__in=[d.pk for d in letters]).update(print_pack=pack)
        record(user, "print_pack", campaign.breach, campaign=campaign.public_id, pack=pack.public_id,
               letters=pack.letters, pages=pack.pages)
    return pack
