import pytest

from breachdesk import vocab


def test_incident_types_are_the_regulators_22():
    assert len(vocab.INCIDENT_TYPES) == 22
    assert len(vocab.INCIDENT_TYPE_KEYS) == 22  # keys unique, even for "Unauthorised access"
    assert vocab.incident_type_key("Unauthorised access", vocab.CYBER) == "cyber:unauthorised-access"


@pytest.mark.parametrize(
    ("people", "band"),
    [(None, "Unknown"), (0, "Unknown"), (1, "1 to 9"), (9, "1 to 9"), (10, "10 to 99"),
     (999, "100 to 1k"), (1000, "1k to 10k"), (99_999, "10k to 100k"),
     (25_000_000, "100k and above")],
)
def test_people_bands(people, band):
    assert vocab.people_band(people) == band


@pytest.mark.parametrize(
    ("hours", "band"),
    [(0, "Less than 24 hours"), (23.9, "Less than 24 hours"), (24, "24 hours to 72 hours"),
     (72, "72 hours to 1 week"), (168, "More than 1 week")],
)
def test_time_to_report_bands(hours, band):
    assert vocab.time_to_report_band(hours) == band


def test_special_categories_are_data_categories():
    assert vocab.SPECIAL_CATEGORIES <= set(vocab.DATA_CATEGORIES)
