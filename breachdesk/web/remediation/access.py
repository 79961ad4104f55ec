"""The one way views find an action, or a regulator's case, for an organisation's user: 404 otherwise."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from breachdesk.web.regulator.models import Case
from breachdesk.web.remediation.models import Action


def require(user, permission: str = "view_remediation") -> None:
    if not user.is_authenticated or not user.can("view_remediation"):
        raise Http404
    if not user.can(permission):
        raise PermissionDenied


def action_for(user, public_id: str, need: str | None = None) -> Action:
    require(user)
    action = Action.objects.select_related("owner", "breach", "requirement__notice__case").filter(
        organisation=user.organisation, public_id=public_id).first()
    if action is None:
        raise Http404
    if need:
        require(user, need)
    return action


def case_for(user, public_id: str) -> Case:
    """A regulator's case about the user's own organisation (never another's)."""
    require(user)
    case = Case.objects.select_related("regulator", "breach").filter(
        organisation=user.organisation, public_id=public_id).first()
    if case is None:
        raise Http404
    return case
