from cryptography.fernet import Fernet
from django.conf import settings
from django.core.checks import Error, register


@register()
def check_field_keys(app_configs, **kwargs):
    problems = []
    try:
        for key in settings.BREACHDESK_FIELD_KEYS:
            Fernet(key)
    except (ValueError, TypeError):
        problems.append(Error("BREACHDESK_FIELD_KEYS holds a key that is not a Fernet key.",
                              hint="Make one with: breachdesk manage make_field_key", id="breachdesk.E010"))
    if not settings.BREACHDESK_FIELD_KEYS:
        problems.append(Error("BREACHDESK_FIELD_KEYS is empty.", hint="Make one with: breachdesk manage make_field_key",
                              id="breachdesk.E011"))
    if len(settings.BREACHDESK_BLIND_INDEX_KEY or "") < 32:
        problems.append(Error("BREACHDESK_BLIND_INDEX_KEY must be at least 32 characters.", id="breachdesk.E012"))
    return problems
