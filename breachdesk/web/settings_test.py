"""Settings for the test suite: the same settings, in the ``test`` environment."""

import os

os.environ.setdefault("BREACHDESK_ENV", "test")
os.environ.setdefault("DATABASE_URL", "sqlite:///:memory:")

from breachdesk.web.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
PRIVATE_STORAGE_ROOT = PRIVATE_STORAGE_ROOT.parent / "test-private"  # noqa: F405
# WhiteNoise warns (an error under -W error) when STATIC_ROOT is missing, as it is on a fresh
# clone before any collectstatic; tests serve static files through the finders instead.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405

# Each run its own PostgreSQL test database: two runs on one machine (a developer's and a
# colleague's, or CI's) would otherwise create and drop the same one under each other.
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": f"test_breachdesk_{os.getpid()}"}  # noqa: F405
