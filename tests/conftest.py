"""Named people for every test: a council's DPO, handler, staff reporter, executive and
auditor; an outsider (the DPO of another organisation); and a regulator's case officer."""

import pytest


def pytest_collection_modifyitems(config, items):
    """Browser tests are marked, and run after everything else (see tests/browser/conftest.py)."""
    for item in items:
        if "/tests/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)
    items.sort(key=lambda item: "/tests/browser/" in str(item.path))

PASSWORD = "correct horse battery staple 2026"


@pytest.fixture
def council(db):
    from breachdesk.web.accounts.models import Organisation

    regulator = Organisation.objects.create(name="Regulator", kind="regulator", sector="Regulators",
                                            reference_prefix="REG")
    return Organisation.objects.create(name="Northmere Borough Council", sector="Local government",
                                       reference_prefix="NBC", regulator=regulator,
                                       alert_email="dp-inbox@northmere.example")


@pytest.fixture
def outsider_org(db):
    from breachdesk.web.accounts.models import Organisation

    return Organisation.objects.create(name="Eastwick Housing", sector="Land or property services",
                                       reference_prefix="EHA")


@pytest.fixture
def regulator_org(council):
    return council.regulator


def _user(email, org, role):
    from breachdesk.web.accounts.models import User

    return User.objects.create_user(email, PASSWORD, organisation=org, role=role,
                                    first_name=email.split("@")[0].title(), last_name="Example")


@pytest.fixture
def dpo(council):
    return _user("dpo@northmere.example", council, "dpo")


@pytest.fixture
def handler(council):
    return _user("handler@northmere.example", council, "handler")


@pytest.fixture
def reporter(council):
    return _user("staff@northmere.example", council, "reporter")


@pytest.fixture
def executive(council):
    return _user("exec@northmere.example", council, "executive")


@pytest.fixture
def auditor(council):
    return _user("auditor@northmere.example", council, "auditor")


@pytest.fixture
def outsider(outsider_org):
    return _user("dpo@eastwick.example", outsider_org, "dpo")


@pytest.fixture
def regulator_officer(regulator_org):
    return _user("officer@regulator.example", regulator_org, "officer")
