from django.apps import AppConfig


class RegulatorConfig(AppConfig):
    name = "breachdesk.web.regulator"
    label = "regulator"
    verbose_name = "Regulator workspace"
