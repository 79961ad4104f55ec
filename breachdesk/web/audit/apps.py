from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "breachdesk.web.audit"
    label = "audit"
    verbose_name = "Audit log"
