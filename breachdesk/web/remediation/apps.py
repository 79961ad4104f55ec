from django.apps import AppConfig


class RemediationConfig(AppConfig):
    name = "breachdesk.web.remediation"
    label = "remediation"
    verbose_name = "Remediation actions and the regulator's requirements"
