import json

from django.urls import reverse


def test_healthz(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"


def test_openapi_document_is_served(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    doc = json.loads(response.content)
    assert doc["openapi"].startswith("3.") and doc["info"]["title"] == "breachdesk API"


def test_pages_send_a_content_security_policy_with_a_nonce(client, db):
    response = client.get(reverse("accounts:login"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in csp and "frame-ancestors 'none'" in csp
    nonce = csp.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.content.decode()


def test_404_page_is_plain_and_gives_nothing_away(signed_in, outsider, breach):
    response = signed_in(outsider).get(reverse("breaches:detail", args=[breach.public_id]))
    page = response.content.decode()
    assert response.status_code == 404 and "Page not found" in page
    assert breach.title not in page and breach.reference not in page


def test_public_ids_are_random_not_sequential(incident, reporter):
    from breachdesk.web.breaches import services

    other = services.report_incident(reporter, title="b", what_happened="b", noticed_at=incident.noticed_at)
    assert incident.public_id != other.public_id and len(incident.public_id) == 12
    assert not incident.public_id.isdigit() and str(incident.pk) not in reverse("breaches:detail", args=[incident.public_id])


def test_migrations_match_the_models(db):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)  # exits non-zero if not
    assert "No changes detected" in out.getvalue()
