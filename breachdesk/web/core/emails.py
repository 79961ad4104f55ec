"""Email from templates named by convention: ``<name>-subject.txt``, ``<name>-body-text.txt``
and ``<name>-body-html.html`` (healthchecks' habit), so tests assert on what people read."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def send(name: str, to: list[str], context: dict) -> None:
    context = {"site_url": settings.SITE_URL, **context}
    subject = render_to_string(f"{name}-subject.txt", context).strip().replace("\n", " ")
    text = render_to_string(f"{name}-body-text.txt", context)
    html = render_to_string(f"{name}-body-html.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, to)
    message.attach_alternative(html, "text/html")
    message.send()
