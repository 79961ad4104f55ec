"""Logs carry identifiers and event names, never what people typed or who they are."""

import logging
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone


def test_a_day_of_work_logs_no_personal_data(caplog, client, signed_in, reporter, dpo, django_capture_on_commit_callbacks):
    caplog.set_level(logging.DEBUG)
    secret_title = "Mrs Olwen Testcase's safeguarding file"
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(reporter).post(reverse("breaches:report"), {
            "title": secret_title, "what_happened": "Sent to 14 Lilac Close, AB1 2CD",
            "noticed_at": (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")})
    for _ in range(3):
        client.post(reverse("accounts:login"), {"email": dpo.email, "password": "not the password at all"})
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert caplog.records, "expected some log lines (the alert task and failed sign-ins)"
    for personal in (secret_title, "Olwen", "Lilac Close", "AB1 2CD", dpo.email, reporter.email):
        assert personal not in logged
