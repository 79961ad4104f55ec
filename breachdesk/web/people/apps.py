from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "breachdesk.web.people"
    label = "people"
    verbose_name = "Affected people"

    def ready(self):
        from breachdesk.web.people import checks  # noqa: F401
