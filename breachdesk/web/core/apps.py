from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "breachdesk.web.core"
    label = "core"
    verbose_name = "breachdesk"

    def ready(self):
        from breachdesk.web.core import checks  # noqa: F401  (registers system checks)
