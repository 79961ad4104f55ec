from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "breachdesk.web.api"
    label = "api"
    verbose_name = "REST API"
