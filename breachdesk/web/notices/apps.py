from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "breachdesk.web.notices"
    label = "notices"
    verbose_name = "Notices to affected people"
