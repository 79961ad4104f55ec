from django.apps import AppConfig


class BreachesConfig(AppConfig):
    name = "breachdesk.web.breaches"
    label = "breaches"
    verbose_name = "Breach register"
