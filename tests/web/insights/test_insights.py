"""Both dashboards, the board report, and the trends export in the ICO's shape."""

import csv
import io
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from breachdesk import vocab
from breachdesk.web.insights import svg, trends
from breachdesk.web.insights.trends import COLUMNS, CaseRecord


def test_the_eleven_columns_in_order():
    assert COLUMNS == ("BI Reference", "Year", "Quarter", "Data Subject Type", "Data Type", "Decision Taken",
                       "Incident Category", "Incident Type", "No. Data Subjects Affected", "Sector",
                       "Time Taken to Report")


def test_long_format_one_row_per_data_type_and_subject_type():
    record = CaseRecord(reference="REG-C2026-00007", received_at=datetime(2026, 8, 3, 10, tzinfo=UTC),
                        sector="Health", status="closed", decision="No Further Action",
                        incident_type="Phishing", incident_category="Cyber", people_band="10 to 99",
                        time_band="24 hours to 72 hours", data_types=["Health data", "Basic personal identifiers"],
                        subject_types=["Patients", "Employees"])
    rows = trends.long_rows([record])
    assert len(rows) == 4
    assert rows[0] == ("REG-C2026-00007", 2026, "Qtr 3", "Patients", "Health data", "No Further Action", "Cyber",
                       "Phishing", "10 to 99", "Health", "24 hours to 72 hours")
    empty = CaseRecord(reference="R", received_at=datetime(2026, 1, 5, tzinfo=UTC), sector="Health", status="received",
                       decision="Not Yet Assigned", incident_type="Malware", incident_category="Cyber",
                       people_band="Unknown", time_band="Unknown")
    assert trends.long_rows([empty])[0][2:5] == ("Qtr 1", "Unknown", "Not yet known")


def test_export_of_a_real_case_uses_the_icos_labels_and_bands(signed_in, case, regulator_officer):
    response = signed_in(regulator_officer).get(reverse("insights:trends", args=["csv"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert tuple(rows[0]) == COLUMNS
    # the fixture's report: basic personal identifiers of 30 children, emailed in error
    body = rows[1:]
    assert len(body) == 1 and body[0][4] == "Basic personal identifiers"
    for r in body:
        assert r[0] == case.reference and r[2].startswith("Qtr ") and r[3] == "Children"
        assert r[5] == "Not Yet Assigned" and r[6] == vocab.NON_CYBER
        assert r[7] == "Data emailed to incorrect recipient" and r[8] == "10 to 99"
        assert r[9] == "Local government" and r[10] == "Less than 24 hours"
        assert r[5] in vocab.DECISIONS_TAKEN and r[9] in vocab.SECTORS


def test_xlsx_export_opens_with_the_columns(signed_in, case, regulator_officer):
    import polars as pl

    response = signed_in(regulator_officer).get(reverse("insights:trends", args=["xlsx"]))
    frame = pl.read_excel(io.BytesIO(response.content))
    assert tuple(frame.columns) == COLUMNS and frame.height == 1


@pytest.mark.parametrize("who,org_status,reg_status", [
    ("dpo", 200, 404), ("executive", 200, 404), ("auditor", 200, 404), ("handler", 404, 404),
    ("outsider", 200, 404), ("regulator_officer", 404, 200)])
def test_dashboard_access(request, signed_in, case, who, org_status, reg_status):
    client = signed_in(request.getfixturevalue(who))
    assert client.get(reverse("insights:organisation")).status_code == org_status
    assert client.get(reverse("insights:regulator")).status_code == reg_status
    assert client.get(reverse("insights:trends", args=["csv"])).status_code == reg_status


def test_organisation_dashboard_figures_and_exports(signed_in, submitted, executive):
    client = signed_in(executive)
    page = client.get(reverse("insights:organisation")).content.decode()
    assert "1 of 1" in page and "<svg" in page and "reports to the regulator made within 72 hours" in page
    text = client.get(reverse("insights:organisation_export", args=["csv"])).content.decode("utf-8-sig")
    assert "Reported within 72 hours,1" in text
    xlsx = client.get(reverse("insights:organisation_export", args=["xlsx"]))
    assert xlsx.content[:2] == b"PK"
    pdf = client.get(reverse("insights:board"))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")


def test_regulator_dashboard_shows_monitoring(signed_in, notice, regulator_officer):
    page = signed_in(regulator_officer).get(reverse("insights:regulator")).content.decode()
    assert notice.case.reference in page and "0 of 3" in page and "Local government" in page


def test_charts_escape_labels_and_carry_a_description():
    chart = svg.bars("Sector", [("<script>", 3), ("Health", 1)])
    assert "<script>" not in chart and "&lt;script&gt;" in chart
    assert "<title>Sector</title>" in chart and 'role="img"' in chart and "style=" not in chart
