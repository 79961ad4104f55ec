"""Settings are read from the environment, fail closed, and are all documented."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(code, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("BREACHDESK_", "SECRET_KEY", "DJANGO_", "DATABASE_URL", "DEBUG"))}
    clean.update(env)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=clean, cwd=ROOT)


def test_production_refuses_to_start_without_a_secret_key():
    result = _run("import breachdesk.web.settings", BREACHDESK_ENV="production")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_is_the_default_environment():
    result = _run("import breachdesk.web.settings")
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_check_deploy_passes_with_production_settings(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True, text=True, cwd=ROOT,
        env={**{k: v for k, v in os.environ.items() if not k.startswith("BREACHDESK_")},
             "DJANGO_SETTINGS_MODULE": "breachdesk.web.settings", "BREACHDESK_ENV": "production",
             "SECRET_KEY": "x" * 20 + "a-real-secret-key-of-more-than-fifty-characters-y" * 2,
             "ALLOWED_HOSTS": "breaches.example.org", "DATABASE_URL": "postgres://u@127.0.0.1:5432/test",
             "BREACHDESK_FIELD_KEYS": "x5L9nq3f2mJ0cYc8eJ6HfYQ0h2m7qz2JmHq4x6u1y_A=",
             "BREACHDESK_BLIND_INDEX_KEY": "b" * 40, "BREACHDESK_CACHE_URL": "redis://127.0.0.1:6379/1",
             "BREACHDESK_STATIC_ROOT": str(tmp_path / "static")})
    assert result.returncode == 0, result.stdout + result.stderr


def test_debug_is_never_on_in_production(tmp_path):
    result = _run("import breachdesk.web.settings as s; print(s.DEBUG)", BREACHDESK_ENV="production", DEBUG="true",
                  SECRET_KEY="k" * 60, BREACHDESK_FIELD_KEYS="x5L9nq3f2mJ0cYc8eJ6HfYQ0h2m7qz2JmHq4x6u1y_A=",
                  BREACHDESK_BLIND_INDEX_KEY="b" * 40)
    assert result.stdout.strip() == "False"


def test_every_setting_read_from_the_environment_is_documented():
    code = ("import os; os.environ['BREACHDESK_ENV']='development';"
            "import breachdesk.web.settings; from breachdesk.web.env import READ; print(' '.join(sorted(READ)))")
    names = _run(code).stdout.split()
    assert "DATABASE_URL" in names and "SECRET_KEY" in names
    documented = set(re.findall(r"^\| `([A-Z_]+)`", (ROOT / "docs" / "configuration.md").read_text(), re.M))
    assert sorted(set(names) - documented) == []
    assert sorted(documented - set(names)) == []


def test_secrets_can_come_from_files(tmp_path):
    secret = tmp_path / "key"
    secret.write_text("s" * 64 + "\n")
    result = _run("import breachdesk.web.settings as s; print(len(s.SECRET_KEY))", BREACHDESK_ENV="production",
                  SECRET_KEY_FILE=str(secret), BREACHDESK_FIELD_KEYS="x5L9nq3f2mJ0cYc8eJ6HfYQ0h2m7qz2JmHq4x6u1y_A=",
                  BREACHDESK_BLIND_INDEX_KEY="b" * 40)
    assert result.stdout.strip() == "64", result.stderr


def test_production_refuses_to_start_without_field_encryption_keys():
    result = _run("import breachdesk.web.settings", BREACHDESK_ENV="production", SECRET_KEY="k" * 60)
    assert result.returncode != 0 and "BREACHDESK_FIELD_KEYS must be set" in result.stderr


def test_check_deploy_warns_about_a_per_process_cache(tmp_path):
    env = {**{k: v for k, v in os.environ.items() if not k.startswith(("BREACHDESK_", "DJANGO_"))},
           "DJANGO_SETTINGS_MODULE": "breachdesk.web.settings", "BREACHDESK_ENV": "production",
           "SECRET_KEY": "s" * 64, "ALLOWED_HOSTS": "breaches.example.org",
           "DATABASE_URL": "postgres://u@127.0.0.1:5432/test",
           "BREACHDESK_FIELD_KEYS": "x5L9nq3f2mJ0cYc8eJ6HfYQ0h2m7qz2JmHq4x6u1y_A=", "BREACHDESK_BLIND_INDEX_KEY": "b" * 40,
           "BREACHDESK_STATIC_ROOT": str(tmp_path / "static")}
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            capture_output=True, text=True, cwd=ROOT, env=env)
    assert result.returncode != 0 and "breachdesk.W002" in result.stdout + result.stderr
