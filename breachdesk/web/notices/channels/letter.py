"""Letters: one PDF per person (WeasyPrint), later merged into a print file with a mailing CSV.

"Sent" for a letter means it is in the letters folder, ready for the print house; the
print pack (``print_pack.py``) gathers them. Nothing is fetched while rendering: the letter is
our template and the engine's escaped HTML, with the system's fonts.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from breachdesk.web.core import pdf
from breachdesk.web.notices.channels.base import BaseChannel, Outgoing, PermanentFailure, Sent


def letters_dir() -> Path:
    return Path(settings.PRIVATE_STORAGE_ROOT) / "letters"


def letter_path(key: str) -> Path:
    return letters_dir() / (key.replace(":", "_") + ".pdf")


def letter_html(message: Outgoing) -> str:
    return render_to_string("notices/letter.html", {"message": message, "today": timezone.localdate()})


def render_pdf(html: str) -> tuple[bytes, int]:
    document = pdf.document(html)
    return document.write_pdf(), len(document.pages)


class LetterChannel(BaseChannel):
    name = "letter"
    label = "Letter"
    needs = ("address", "postcode")
    letter = True

    def send(self, message: Outgoing) -> Sent:
        try:
            pdf, pages = render_pdf(letter_html(message))
        except ValueError:
            raise PermanentFailure("the letter could not be laid out") from None
        path = letter_path(message.key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".part")
        tmp.write_bytes(pdf)
        tmp.replace(path)  # a letter file is whole or absent, never half-written
        return Sent(provider_id=path.name, pages=pages)
