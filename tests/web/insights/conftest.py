from tests.web.regulator.monitoring_fixtures import *  # noqa: F403 - shared fixtures
