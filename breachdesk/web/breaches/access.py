"""The one way views find a breach for a user: outsiders get 404, never a hint."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from breachdesk.web.breaches.models import Breach


def breach_for(user, public_id: str, need: str | None = None) -> Breach:
    """The breach if ``user`` may see it (404 otherwise); 403 if they may see but not ``need``."""
    if not user.is_authenticated or not user.can("view_register"):
        raise Http404
    breach = (
        Breach.objects.select_related("organisation")
        .filter(organisation=user.organisation, public_id=public_id)
        .first()
    )
    if breach is None:
        raise Http404
    if need is not None and not user.can(need):
        raise PermissionDenied
    return breach


def require(user, permission: str) -> None:
    if not user.is_authenticated or not user.can(permission):
        raise Http404
