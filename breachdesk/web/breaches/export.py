"""Export of the register as CSV or XLSX: personal data in bulk, so sudo mode and audited."""

import csv
import io

import xlsxwriter
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils import timezone

from breachdesk.web.accounts.sudo import sudo_required
from breachdesk.web.audit.log import record
from breachdesk.web.breaches import register
from breachdesk.web.breaches.access import require
from breachdesk.web.breaches.forms import RegisterFilterForm
from breachdesk.web.breaches.models import Breach

COLUMNS = [
    "Reference", "Title", "Status", "Closed as", "Incident type", "Incident category",
    "Confidentiality", "Integrity", "Availability", "Happened", "Discovered",
    "Became aware", "Contained", "Regulator deadline", "Reported to regulator",
    "Regulator reference", "Reasons for not reporting", "Reasons for delay",
    "Data categories", "Types of people", "People (estimate)", "Records (estimate)",
    "People (scoped)", "People band", "Legal regime", "Deadline rule",
]


def _when(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def row(b: Breach) -> list:
    yes = {True: "Yes", False: "No", None: ""}
    return [
        b.reference, b.title, b.get_status_display(), b.get_closure_display() if b.closure else "",
        b.incident_type_label, b.incident_category, yes[b.confidentiality], yes[b.integrity],
        yes[b.availability], _when(b.occurred_at), _when(b.discovered_at), _when(b.aware_at),
        _when(b.contained_at), _when(b.deadline), _when(b.regulator_reported_at),
        b.regulator_reference, b.not_reported_reason, b.delay_reasons,
        "; ".join(b.data_categories), "; ".join(b.data_subject_types),
        b.people_estimate if b.people_estimate is not None else "",
        b.records_estimate if b.records_estimate is not None else "",
        b.people_scoped if b.people_scoped is not None else "", b.people_band,
        b.get_regime_display(), b.deadline_rule,
    ]


def _safe_cell(value):
    # A cell that starts like a formula is run by spreadsheet programs (CSV injection).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow([_safe_cell(v) for v in r])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8


def to_xlsx(rows) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False,
                                     "strings_to_urls": False})
    sheet = book.add_worksheet("Breach register")
    bold = book.add_format({"bold": True})
    sheet.write_row(0, 0, COLUMNS, bold)
    for i, r in enumerate(rows, start=1):
        sheet.write_row(i, 0, r)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(COLUMNS) - 1)
    book.close()
    return out.getvalue()


@login_required
def export(request, fmt):
    require(request.user, "export_register")
    if fmt not in ("csv", "xlsx"):
        raise Http404
    return _export(request, fmt)


@sudo_required
def _export(request, fmt):
    form = RegisterFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    breaches = register.filtered(Breach.objects.for_organisation(request.user.organisation), data)
    rows = [row(b) for b in breaches]
    record(request, "export", None, organisation=request.user.organisation, format=fmt, rows=len(rows))
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "xlsx":
        body, ctype = to_xlsx(rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body, ctype = to_csv(rows), "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="breach-register-{stamp}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response
