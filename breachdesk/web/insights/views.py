"""Dashboards and exports: the organisation's (executives, DPO, auditor) and the regulator's."""

import csv
import io

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from breachdesk.web.audit.log import record
from breachdesk.web.core import pdf
from breachdesk.web.insights import figures, svg, trends

_TYPES = {"csv": "text/csv; charset=utf-8",
          "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _need(user, permission):
    if not user.is_authenticated or not user.can(permission):
        raise Http404


def _file(content: bytes, name: str, fmt: str) -> HttpResponse:
    response = HttpResponse(content, content_type=_TYPES.get(fmt, "application/pdf"))
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _organisation_charts(f: figures.OrganisationFigures) -> dict:
    return {
        "open": svg.bars("Open breaches by status", f.open_by_status),
        "trend": svg.columns("Breaches by quarter and incident type", f.quarters, f.by_quarter_and_type),
    }


@login_required
def organisation(request):
    _need(request.user, "view_figures")
    f = figures.organisation(request.user.organisation)
    return render(request, "insights/organisation.html", {"f": f, "charts": _organisation_charts(f)})


@login_required
def organisation_export(request, fmt):
    _need(request.user, "view_figures")
    if fmt not in _TYPES:
        raise Http404
    f = figures.organisation(request.user.organisation)
    rows = f.table()
    record(request, "export", None, what="figures", format=fmt)
    stamp = f"{f.today:%Y-%m-%d}"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(("Section", "Figure", "Value"))
        writer.writerows(rows)
        return _file(buffer.getvalue().encode("utf-8-sig"), f"breachdesk-figures-{stamp}.csv", fmt)
    trend = [(kind, *counts) for kind, counts in f.by_quarter_and_type.items()]
    book = trends.workbook({"Figures": (("Section", "Figure", "Value"), rows),
                            "Breaches by quarter": (("Incident type", *f.quarters), trend)})
    return _file(book, f"breachdesk-figures-{stamp}.xlsx", fmt)


@login_required
def board_pdf(request):
    """The board report: the same figures and charts, as a PDF to circulate."""
    _need(request.user, "view_figures")
    f = figures.organisation(request.user.organisation)
    body = pdf.from_template("insights/board.html", {"f": f, "charts": _organisation_charts(f),
                                                     "organisation": request.user.organisation,
                                                     "now": timezone.localtime()})
    record(request, "export", None, what="board_report", format="pdf")
    return _file(body, f"board-report-{f.today:%Y-%m-%d}.pdf", "pdf")


@login_required
def regulator(request):
    _need(request.user, "regulate")
    f = figures.regulator(request.user.organisation)
    charts = {"quarters": svg.columns("Reports per quarter, cyber and non-cyber", f.quarters, f.by_quarter),
              "breakdowns": [(name, svg.bars(f"Reports by {name.lower()}", rows), rows)
                             for name, rows in f.breakdowns.items()],
              "states": svg.bars("Cases by state", f.by_state),
              "ages": svg.bars("Open cases by age", f.by_age)}
    return render(request, "insights/regulator.html", {"f": f, "charts": charts})


@login_required
def trends_export(request, fmt):
    """Every case in the shape of the ICO's published data security incident trends data."""
    _need(request.user, "regulate")
    if fmt not in _TYPES:
        raise Http404
    rows = trends.long_rows(trends.cases(request.user.organisation))
    record(request, "export", None, what="trends", format=fmt, rows=len(rows))
    name = f"data-security-incident-trends-{timezone.localdate():%Y-%m-%d}.{fmt}"
    return _file(trends.csv_bytes(rows) if fmt == "csv" else trends.xlsx_bytes(rows), name, fmt)
