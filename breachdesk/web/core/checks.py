"""System checks with stable ids, so a misconfigured deployment fails at start-up."""

from django.conf import settings
from django.core.checks import Error, Warning, register


@register(deploy=True)
def check_production_settings(app_configs, **kwargs):
    problems = []
    if settings.PRODUCTION and settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        problems.append(
            Warning(
                "SQLite is the embedded default; production should use PostgreSQL.",
                hint="Set DATABASE_URL=postgres://user@host:5432/name",
                id="breachdesk.W001",
            )
        )
    if settings.PRODUCTION and settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        problems.append(
            Warning(
                "The cache is per process, so each web server process counts portal sign-in "
                "failures on its own and lockouts are weaker than configured.",
                hint="Set BREACHDESK_CACHE_URL to a shared cache, e.g. redis://127.0.0.1:6379/1",
                id="breachdesk.W002",
            )
        )
    if settings.PRODUCTION and not settings.ALLOWED_HOSTS:
        problems.append(
            Error("ALLOWED_HOSTS is empty.", hint="Set ALLOWED_HOSTS=your.host.name",
                  id="breachdesk.E001")
        )
    return problems


@register()
def check_private_storage(app_configs, **kwargs):
    static_root = str(settings.STATIC_ROOT)
    private = str(settings.PRIVATE_STORAGE_ROOT)
    if private.startswith(static_root):
        return [Error("Private storage must not be inside STATIC_ROOT.",
                      hint="Set BREACHDESK_PRIVATE_STORAGE outside any served folder.",
                      id="breachdesk.E002")]
    return []
