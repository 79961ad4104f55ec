from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "breachdesk.web.insights"
    label = "insights"
    verbose_name = "Figures, dashboards and exports"
