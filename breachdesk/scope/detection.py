"""The seam between the pipeline and the detectors.

The pipeline needs three things from detection: ``detect_text``, ``detect_columns`` and
``FIELDS`` (linking field -> detector names). ``breachdesk.scope.detect`` provides them; tests
may pass any object with the same three attributes.
"""

from __future__ import annotations

from typing import Any, Protocol

import polars as pl

# Fields people are linked and reported on; the rest of FIELDS are only reported as exposed.
LINK_FIELDS = ("name", "email", "phone", "dob", "postcode", "address", "nino", "nhs_number",
               "card")
# Identifiers shown in people.* as found: needed to match people to the organisation's records.
ID_FIELDS = ("nino", "nhs_number", "passport", "driving_licence", "utr")
# Financial identifiers shown masked in people.*: the person's notice says "your card ending
# 1234", and the file of everyone affected should not be a list of live card numbers.
MASKED_FIELDS = ("card", "iban", "account_number", "sort_code")
RECORD_FIELDS = tuple(dict.fromkeys(LINK_FIELDS + ID_FIELDS + MASKED_FIELDS))


class Detection(Protocol):
    FIELDS: dict[str, tuple[str, ...]]

    def detect_text(self, text: str) -> list[Any]: ...

    def detect_columns(self, df: pl.DataFrame) -> pl.DataFrame: ...


def default() -> Detection:
    from . import detect

    return detect  # type: ignore[return-value]


def field_map(detection: Detection) -> dict[str, str]:
    """detector name -> linking field, for the fields a record carries."""
    out: dict[str, str] = {}
    for fld, detectors in detection.FIELDS.items():
        if fld in RECORD_FIELDS:
            for name in detectors:
                out[name] = fld
    return out
