from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "breachdesk.web.portal"
    label = "portal"
    verbose_name = "The affected-person portal"
