"""Settings, all from the environment (see docs/configuration.md).

``BREACHDESK_ENV`` is ``production`` unless said otherwise, so a forgotten setting fails
closed: production refuses to start without a real ``SECRET_KEY`` and never runs DEBUG.
"""

from __future__ import annotations

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from breachdesk.web.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent

ENV = env_str("BREACHDESK_ENV", "production")
if ENV not in {"production", "development", "test"}:
    raise ImproperlyConfigured("BREACHDESK_ENV must be production, development or test")
PRODUCTION = ENV == "production"

_DEV_SECRET = "development-only-secret-key-never-used-in-production-0123456789"
SECRET_KEY = env_str("SECRET_KEY") or ("" if PRODUCTION else _DEV_SECRET)
if PRODUCTION and (not SECRET_KEY or SECRET_KEY == _DEV_SECRET or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters in production "
        "(or set BREACHDESK_ENV=development to try breachdesk locally)."
    )

DEBUG = env_bool("DEBUG", ENV == "development") and not PRODUCTION
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [SITE_URL])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_htmx",
    "django_tasks_db",
    "ninja",
    "breachdesk.web.core",
    "breachdesk.web.accounts",
    "breachdesk.web.audit",
    "breachdesk.web.breaches",
    "breachdesk.web.assessments",
    "breachdesk.web.people",
    "breachdesk.web.notices",
    "breachdesk.web.regulator",
    "breachdesk.web.reports",
    "breachdesk.web.api",
    "breachdesk.web.portal",
    "breachdesk.web.aftercare",
    "breachdesk.web.remediation",
    "breachdesk.web.insights",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "breachdesk.web.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "breachdesk.web.urls"
WSGI_APPLICATION = "breachdesk.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "breachdesk.web.core.context.workspace",
            ],
            "builtins": ["breachdesk.web.core.templatetags.breachdesk"],
        },
    },
]

# The embedded default is a SQLite file beside the working directory; production uses
# PostgreSQL through DATABASE_URL.
DATABASES = {
    "default": environ.Env.db_url_config(
        env_str("DATABASE_URL", f"sqlite:///{Path.cwd() / 'breachdesk.sqlite3'}")
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20,
         "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"

# Sessions end after a spell of inactivity (the cookie is renewed on every request).
SESSION_COOKIE_AGE = env_int("BREACHDESK_SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SUDO_MINUTES = env_int("BREACHDESK_SUDO_MINUTES", 10)

# Brute-force protection: lock a username+address pair after repeated failures.
AXES_FAILURE_LIMIT = env_int("BREACHDESK_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("BREACHDESK_LOGIN_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_USERNAME_CALLABLE = "breachdesk.web.accounts.lockout.username_for_lockout"
OTP_TOTP_ISSUER = "breachdesk"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("BREACHDESK_STATIC_ROOT", str(PROJECT_DIR / "var" / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

# Affected people's contact details are encrypted with these keys (newest first; older ones
# still decrypt, for rotation). Not derived from SECRET_KEY: see people/crypto.py.
_DEV_FIELD_KEY = "ZGV2ZWxvcG1lbnQtb25seS1maWVsZC1rZXktMDAwMDA="  # development and tests only
BREACHDESK_FIELD_KEYS = env_list("BREACHDESK_FIELD_KEYS", [] if PRODUCTION else [_DEV_FIELD_KEY])
BREACHDESK_BLIND_INDEX_KEY = env_str(
    "BREACHDESK_BLIND_INDEX_KEY", "" if PRODUCTION else "development-only-blind-index-key-0123456789")
if PRODUCTION and (not BREACHDESK_FIELD_KEYS or _DEV_FIELD_KEY in BREACHDESK_FIELD_KEYS):
    raise ImproperlyConfigured(
        "BREACHDESK_FIELD_KEYS must be set in production: it encrypts affected people's contact details. "
        "Make a key with `breachdesk manage make_field_key`.")
if PRODUCTION and len(BREACHDESK_BLIND_INDEX_KEY or "") < 32:
    raise ImproperlyConfigured("BREACHDESK_BLIND_INDEX_KEY must be set to at least 32 random characters in production.")

# Evidence and other uploads live outside any served directory; they are only ever
# streamed by a view that checks access and writes an audit entry.
PRIVATE_STORAGE_ROOT = Path(
    env_str("BREACHDESK_PRIVATE_STORAGE", str(PROJECT_DIR / "var" / "private"))
)
BREACHDESK_MAX_UPLOAD_MB = env_int("BREACHDESK_MAX_UPLOAD_MB", 25)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Email (Django 6.1 mailers). Development prints mail to the console; tests and production
# talk to a real SMTP server.
_EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
_SMTP_OPTIONS = {
    "host": env_str("EMAIL_HOST", "localhost"),
    "port": env_int("EMAIL_PORT", 25),
    "username": env_str("EMAIL_HOST_USER", ""),
    "password": env_str("EMAIL_HOST_PASSWORD", ""),
    "use_tls": env_bool("EMAIL_USE_TLS", False),
    "timeout": env_int("EMAIL_TIMEOUT", 20),
}
MAILERS = {
    "default": {
        "BACKEND": _EMAIL_BACKEND,
        # other backends (console, file) take none of the SMTP options
        "OPTIONS": _SMTP_OPTIONS if _EMAIL_BACKEND.endswith("smtp.EmailBackend") else {},
    }
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "breachdesk <breachdesk@localhost>")

# Notices by SMS (a Twilio-compatible provider) and by GOV.UK Notify (the `notify` extra).
# Left empty, the channel is "not configured" and a send through it fails with that reason.
BREACHDESK_SMS = {
    "account_sid": env_str("BREACHDESK_SMS_ACCOUNT_SID", ""),
    "auth_token": env_str("BREACHDESK_SMS_AUTH_TOKEN", ""),
    "sender": env_str("BREACHDESK_SMS_SENDER", ""),
}
BREACHDESK_NOTIFY = {
    "api_key": env_str("BREACHDESK_NOTIFY_API_KEY", ""),
    "email_template_id": env_str("BREACHDESK_NOTIFY_EMAIL_TEMPLATE_ID", ""),
    "base_url": env_str("BREACHDESK_NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk"),
}

# Background tasks: a database-backed queue and `breachdesk worker`, no broker needed.
TASKS = {
    "default": {
        "BACKEND": env_str("BREACHDESK_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Security headers. HTTPS settings are on in production (behind a TLS-terminating proxy).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("BREACHDESK_SSL_REDIRECT", PRODUCTION)
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_HSTS_SECONDS = env_int("BREACHDESK_HSTS_SECONDS", 31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
}

# Logs carry identifiers and event names, never personal data (see core/logging.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("BREACHDESK_LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's request logger prints request details on errors; keep only the status.
        "django.request": {"level": "ERROR", "propagate": True},
        "django.security.DisallowedHost": {"handlers": [], "propagate": False},
    },
}

# The cache holds the portal's rate-limit counters. The default lives in each process's
# memory; with several processes or servers use a shared cache (redis://...), or the limits
# are per process.
CACHES = {"default": environ.Env.cache_url_config(env_str("BREACHDESK_CACHE_URL", "locmemcache://breachdesk"))}

# The affected-person portal: sign-in failures allowed per reference and per address before
# a pause, and how long a signed link from an email works.
PORTAL_FAILURE_LIMIT = env_int("BREACHDESK_PORTAL_FAILURE_LIMIT", 5)
PORTAL_ADDRESS_FAILURE_LIMIT = env_int("BREACHDESK_PORTAL_ADDRESS_FAILURE_LIMIT", 20)
PORTAL_COOLOFF_MINUTES = env_int("BREACHDESK_PORTAL_COOLOFF_MINUTES", 15)
PORTAL_LINK_DAYS = env_int("BREACHDESK_PORTAL_LINK_DAYS", 30)

# Letters and print packs hold names and addresses: once a pack has gone to the print house,
# its files (and the letters in it) are deleted after this many days (`purge_print_files`).
PRINT_FILES_DAYS = env_int("BREACHDESK_PRINT_FILES_DAYS", 30)

NINJA_PAGINATION_PER_PAGE = 50
FORM_RENDERER = "breachdesk.web.core.forms.GovukRenderer"
