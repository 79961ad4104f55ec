"""Text messages: a short pointer to the notice (reference, code, where to read it), never
the notice itself. One provider client (Twilio's Messages API) behind the HTTP seam."""

from __future__ import annotations

import base64
import json
from urllib.parse import urlencode

from django.conf import settings
from django.template.loader import render_to_string

from breachdesk.web.notices.channels import http
from breachdesk.web.notices.channels.base import BaseChannel, Outgoing, PermanentFailure, Sent, TemporaryFailure


class SmsProvider:
    """The interface: send one text, return the provider's id. Raise DeliveryErrors."""

    def send(self, to: str, body: str, reference: str) -> str:
        raise NotImplementedError


class TwilioProvider(SmsProvider):
    def __init__(self, account_sid: str, auth_token: str, sender: str, base_url: str = "https://api.twilio.com"):
        self.account_sid, self.auth_token, self.sender, self.base_url = account_sid, auth_token, sender, base_url

    def send(self, to: str, body: str, reference: str) -> str:
        auth = base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        try:
            response = http.transport().request(
                "POST", f"{self.base_url}/2010-04-01/Accounts/{self.account_sid}/Messages.json",
                headers={"Authorization": f"Basic {auth}", "Content-Type": "application/x-www-form-urlencoded"},
                body=urlencode({"To": to, "From": self.sender, "Body": body}).encode(), timeout=20)
        except OSError as exc:
            raise TemporaryFailure(f"the SMS provider could not be reached ({type(exc).__name__})",
                                   channel_down=True) from None
        if response.status == 429 or response.status >= 500:
            raise TemporaryFailure(f"the SMS provider is busy or failing ({response.status})", channel_down=True)
        if response.status >= 400:
            raise PermanentFailure(f"the SMS provider refused the message ({response.status})")
        try:
            return str(json.loads(response.body).get("sid", ""))
        except ValueError:
            return ""


def provider() -> SmsProvider:
    options = settings.BREACHDESK_SMS
    if not options.get("account_sid"):
        raise PermanentFailure("no SMS provider is configured (BREACHDESK_SMS_ACCOUNT_SID)")
    return TwilioProvider(options["account_sid"], options["auth_token"], options["sender"],
                          options.get("base_url", "https://api.twilio.com"))


class SmsChannel(BaseChannel):
    name = "sms"
    label = "Text message"
    needs = ("phone",)

    def send(self, message: Outgoing) -> Sent:
        body = render_to_string("notices/messages/notice-sms.txt", {"message": message}).strip()
        return Sent(provider_id=provider().send(message.contact["phone"], body, message.key))
