"""The one way views find a support request: through the breach, so outsiders get 404."""

from django.http import Http404

from breachdesk.web.aftercare.models import SupportRequest
from breachdesk.web.breaches.access import breach_for


def request_for(user, public_id: str, request_id: str, need: str | None = None) -> SupportRequest:
    breach = breach_for(user, public_id, need)
    item = (SupportRequest.objects.select_related("person", "owner")
            .filter(breach=breach, public_id=request_id).first())
    if item is None:
        raise Http404
    item.breach = breach
    return item
