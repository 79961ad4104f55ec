from django.apps import AppConfig


class AftercareConfig(AppConfig):
    name = "breachdesk.web.aftercare"
    label = "aftercare"
    verbose_name = "Aftercare: support requests and complaints from affected people"
