"""The regulator's reports in the exact shape of the ICO's published "data security incident
trends" data: 11 columns, long format (one row per data type and data subject type of a
report), the ICO's labels and bands (breachdesk.vocab), calendar quarters as "Qtr N".

``cases(regulator)`` gives one record per case (the dashboard counts these);
``long_rows(records)`` explodes them into the published rows; ``csv_bytes`` and ``xlsx_bytes``
write them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from breachdesk import vocab
from breachdesk.web.regulator import rules

COLUMNS = ("BI Reference", "Year", "Quarter", "Data Subject Type", "Data Type", "Decision Taken",
           "Incident Category", "Incident Type", "No. Data Subjects Affected", "Sector", "Time Taken to Report")
UNKNOWN_DATA_TYPE = "Not yet known"
UNKNOWN_SUBJECT = "Unknown"
UNKNOWN = "Unknown"


@dataclass
class CaseRecord:
    reference: str
    received_at: datetime
    sector: str
    status: str
    decision: str
    incident_type: str
    incident_category: str
    people_band: str
    time_band: str
    data_types: list[str] = field(default_factory=list)
    subject_types: list[str] = field(default_factory=list)

    @property
    def year(self) -> int:
        return timezone.localtime(self.received_at).year

    @property
    def quarter(self) -> str:
        return f"Qtr {(timezone.localtime(self.received_at).month - 1) // 3 + 1}"

    @property
    def period(self) -> str:
        """Sortable: 2026 Qtr 3."""
        return f"{self.year} {self.quarter}"


def _time_band(aware_at: str | None, submitted_at: datetime | None) -> str:
    if not aware_at or submitted_at is None:
        return UNKNOWN
    hours = (submitted_at - datetime.fromisoformat(aware_at)).total_seconds() / 3600
    return vocab.time_to_report_band(max(hours, 0))


def record_for(case, reports: list, notice_kinds: set[str]) -> CaseRecord:
    """One case, from its received reports (initial first): timing from the initial report,
    what was involved from the latest."""
    initial, latest = reports[0], reports[-1]
    fields = latest["snapshot"] or {}
    label, category = vocab.INCIDENT_TYPE_KEYS.get(fields.get("incident_type") or "", ("", ""))
    if not category and fields.get("is_cyber") is not None:
        category = vocab.CYBER if fields["is_cyber"] else vocab.NON_CYBER
    return CaseRecord(
        reference=case.reference, received_at=case.received_at, sector=case.organisation.sector or UNKNOWN,
        status=case.status, decision=rules.decision_taken(case.status, case.closure, notice_kinds),
        incident_type=label or ("Other cyber incident" if category == vocab.CYBER else "Other non-cyber incident"),
        incident_category=category or vocab.NON_CYBER,
        people_band=vocab.people_band(fields.get("people")),
        time_band=_time_band((initial["snapshot"] or {}).get("aware_at"), initial["submitted_at"]),
        data_types=[d for d in fields.get("data_categories") or [] if d in vocab.DATA_CATEGORIES],
        subject_types=[s for s in fields.get("data_subject_types") or [] if s in vocab.DATA_SUBJECT_TYPES])


def cases(regulator, since: datetime | None = None, until: datetime | None = None) -> list[CaseRecord]:
    """Every case of ``regulator`` (received in [since, until)) as a record, in three queries."""
    from breachdesk.web.regulator.models import Case, RegulatoryNotice
    from breachdesk.web.reports.models import RegulatorReport

    rows = Case.objects.filter(regulator=regulator).select_related("organisation").order_by("received_at")
    if since:
        rows = rows.filter(received_at__gte=since)
    if until:
        rows = rows.filter(received_at__lt=until)
    rows = list(rows)
    breach_ids = [c.breach_id for c in rows]
    reports: dict[int, list] = {}
    for r in (RegulatorReport.objects.received_by(regulator).filter(breach_id__in=breach_ids)
              .order_by("number").values("breach_id", "snapshot", "submitted_at")):
        reports.setdefault(r["breach_id"], []).append(r)
    kinds: dict[int, set] = {}
    for case_id, kind in RegulatoryNotice.objects.filter(case__in=rows).values_list("case_id", "kind"):
        kinds.setdefault(case_id, set()).add(kind)
    return [record_for(c, reports[c.breach_id], kinds.get(c.pk, set())) for c in rows if c.breach_id in reports]


def long_rows(records: list[CaseRecord]) -> list[tuple]:
    """One row per data type × data subject type of each report, in COLUMNS order."""
    out = []
    for r in records:
        for subject in r.subject_types or [UNKNOWN_SUBJECT]:
            for data_type in r.data_types or [UNKNOWN_DATA_TYPE]:
                out.append((r.reference, r.year, r.quarter, subject, data_type, r.decision, r.incident_category,
                            r.incident_type, r.people_band, r.sector, r.time_band))
    return out


def csv_bytes(rows: list[tuple]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")  # the BOM lets Excel read it as UTF-8


def xlsx_bytes(rows: list[tuple], sheet: str = "Data security incident trends") -> bytes:
    return workbook({sheet: (COLUMNS, rows)})


def workbook(sheets: dict[str, tuple[tuple, list[tuple]]]) -> bytes:
    """An XLSX file of named sheets, each (header, rows); text is never read as a formula."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False, "strings_to_numbers": False})
    bold = book.add_format({"bold": True})
    for name, (header, rows) in sheets.items():
        ws = book.add_worksheet(name[:31])
        ws.write_row(0, 0, header, bold)
        for i, row in enumerate(rows, start=1):
            ws.write_row(i, 0, row)
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(len(rows), 1), len(header) - 1)
        for col, title in enumerate(header):
            ws.set_column(col, col, max(12, min(40, len(str(title)) + 4)))
    book.close()
    return buffer.getvalue()
