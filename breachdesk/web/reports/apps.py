from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "breachdesk.web.reports"
    label = "reports"
    verbose_name = "Regulator reports"
