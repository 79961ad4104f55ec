"""Browser tests: Debian's chromium driven by Playwright against a live server.

Never `playwright install`: the browser comes from Debian (make test-system-deps)."""

import os
import shutil

import pytest

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage"]


@pytest.fixture(autouse=True)
def _browser_test_database(transactional_db):
    """Browser tests share the database with the live server, so they are transactional.

    The flush that ends a transactional test
    empties every table, which the audit log's append-only triggers rightly refuse, so they
    are lifted just before it (this teardown runs before the flush) and put back after.
    """
    yield
    from tests import audit_triggers

    audit_triggers.lift()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After every fixture of a browser test has torn down (the flush included), put the
    audit log's append-only triggers back for the tests that follow."""
    result = yield
    if nextitem is None:  # the session is over and its test database already gone
        return result
    from pytest_django.plugin import blocking_manager_key

    from tests import audit_triggers

    with item.config.stash[blocking_manager_key].unblock():
        audit_triggers.restore()
    return result


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is needed for the browser tests: run `make test-system-deps`")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread until the session
    # ends, so Django takes every later ORM call for async code. The calls are synchronous
    # and safe; browser tests run last (tests/conftest.py) so nothing else is affected.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    contexts = []

    def make():
        context = browser.new_context(base_url=live_server.url, locale="en-GB", timezone_id="Europe/London")
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
