"""GOV.UK Notify as a channel, through its official client (the optional extra ``notify``).

The client signs each request (JWT); every request goes through our HTTP seam, so tests never
reach Notify. Email goes through one Notify template with two fields, ``((subject))`` and
``((body))``; letters go as our own PDF (Notify's "precompiled letter").
"""

from __future__ import annotations

import io
import json

from django.conf import settings

from breachdesk.web.notices.channels import http
from breachdesk.web.notices.channels.base import BaseChannel, Outgoing, PermanentFailure, Sent, TemporaryFailure
from breachdesk.web.notices.channels.letter import letter_html, render_pdf


def client():
    try:
        from notifications_python_client.notifications import NotificationsAPIClient
    except ImportError:  # pragma: no cover - depends on the install
        raise PermanentFailure("GOV.UK Notify needs the extra: pip install 'breachdesk[notify]'") from None
    options = settings.BREACHDESK_NOTIFY
    if not options.get("api_key"):
        raise PermanentFailure("GOV.UK Notify is not configured (BREACHDESK_NOTIFY_API_KEY)")

    class SeamClient(NotificationsAPIClient):
        def request(self, method, url, data=None, params=None):
            url, kwargs = self._create_request_objects(url, data, params)
            body = kwargs.get("data")
            try:
                response = http.transport().request(method, url, headers=kwargs["headers"],
                                                    body=body.encode() if body else None, timeout=self.timeout)
            except OSError as exc:
                raise TemporaryFailure(f"GOV.UK Notify could not be reached ({type(exc).__name__})",
                                       channel_down=True) from None
            if response.status == 429 or response.status >= 500:
                raise TemporaryFailure(f"GOV.UK Notify is busy or failing ({response.status})", channel_down=True)
            if response.status >= 400:
                raise PermanentFailure(f"GOV.UK Notify refused the message ({response.status})")
            return json.loads(response.body or b"{}")

    base_url = options.get("base_url", "https://api.notifications.service.gov.uk")
    return SeamClient(options["api_key"], base_url=base_url), options


class NotifyEmailChannel(BaseChannel):
    name = "notify_email"
    label = "Email through GOV.UK Notify"
    needs = ("email",)

    def send(self, message: Outgoing) -> Sent:
        notify, options = client()
        if not options.get("email_template_id"):
            raise PermanentFailure("no GOV.UK Notify email template is configured")
        result = notify.send_email_notification(
            email_address=message.contact["email"], template_id=options["email_template_id"],
            personalisation={"subject": message.subject, "body": message.text}, reference=message.key)
        return Sent(provider_id=str(result.get("id", "")))


class NotifyLetterChannel(BaseChannel):
    name = "notify_letter"
    label = "Letter through GOV.UK Notify"
    needs = ("address", "postcode")
    letter = True

    def send(self, message: Outgoing) -> Sent:
        notify, _ = client()
        pdf, pages = render_pdf(letter_html(message))
        result = notify.send_precompiled_letter_notification(reference=message.key, pdf_file=io.BytesIO(pdf))
        return Sent(provider_id=str(result.get("id", "")), pages=pages)


# Notify's final statuses, and what each means for our row.
DELIVERED = {"delivered", "received"}
BOUNCED = {"permanent-failure", "validation-failed", "virus-scan-failed"}
FAILED = {"temporary-failure", "technical-failure", "cancelled"}


def refresh_statuses(campaign) -> dict:
    """Ask Notify what became of each notice it accepted: delivered, or bounced (which falls
    back to the person's next channel) or failed. Run it from cron or after a campaign."""
    from django.utils import timezone

    from breachdesk.web.notices import sending
    from breachdesk.web.notices.models import Delivery

    notify, _ = client()
    counts = {"delivered": 0, "bounced": 0, "failed": 0}
    rows = Delivery.objects.filter(campaign=campaign, channel__in=("notify_email", "notify_letter"),
                                   status=Delivery.Status.SENT).exclude(provider_id="")
    for delivery in rows.select_related("campaign", "person"):
        status = str(notify.get_notification_by_id(delivery.provider_id).get("status", ""))
        if status in DELIVERED:
            now = timezone.now()
            Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.DELIVERED, delivered_at=now,
                                                           updated_at=now)
            counts["delivered"] += 1
        elif status in BOUNCED:
            sending.record_bounce(delivery, f"GOV.UK Notify: {status}")
            counts["bounced"] += 1
        elif status in FAILED:
            sending.record_bounce(delivery, f"GOV.UK Notify: {status}")
            Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.FAILED)
            counts["failed"] += 1
    return counts
