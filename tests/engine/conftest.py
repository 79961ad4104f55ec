import pytest


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "/tests/engine/" in str(item.path):
            item.add_marker(pytest.mark.engine)
