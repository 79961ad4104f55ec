from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "breachdesk.web.assessments"
    label = "assessments"
    verbose_name = "Risk assessments"
