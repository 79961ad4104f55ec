import logging

from django.tasks import task

from breachdesk.web.accounts.roles import Role
from breachdesk.web.core import emails

log = logging.getLogger(__name__)


@task()
def tell_dpo_of_incident(breach_id: int) -> int:
    """Email the organisation's DPOs (and its alert inbox) that an incident was reported.

    The email carries the reference and a link, not the description: what happened may
    itself be personal data, and email is not the place for it.
    """
    from breachdesk.web.breaches.models import Breach

    breach = Breach.objects.select_related("organisation").get(pk=breach_id)
    org = breach.organisation
    to = sorted(
        set(org.users.filter(role=Role.DPO, is_active=True).values_list("email", flat=True))
        | ({org.alert_email} if org.alert_email else set())
    )
    if not to:
        log.warning("no DPO address for organisation %s; incident %s not emailed", org.public_id, breach.public_id)
        return 0
    emails.send("breaches/emails/incident-reported", to, {"breach": breach})
    log.info("told %d DPO address(es) of incident %s", len(to), breach.public_id)
    return len(to)
