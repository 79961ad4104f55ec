"""Cases written from the guidance: each asserts the decision a DPO would have to make."""

from factbook import build

from breachdesk.risk import assess


def decide(**changes):
    return assess(build(**changes))


def obligations(d):
    return d.risk, d.notify_regulator, d.notify_individuals, d.individuals_exception


def test_misdirected_email_reveals_a_safe_address_to_an_abuser():
    # One person's refuge address e-mailed to their former partner (ICO case study 1).
    d = decide(data_subject_types=["Vulnerable adults"], people=1, records=1,
               exposure__recipient="hostile")
    assert obligations(d) == ("high", True, True, None)
    assert "hostile" in [f for f in d.factors]
    # The same e-mail to a stranger who is not hostile is a likely risk, not a high one.
    assert decide(data_subject_types=["Vulnerable adults"], people=1, records=1).risk == "risk"


def test_abuser_returning_the_letter_does_not_undo_what_they_read():
    d = decide(people=1, records=1, exposure__recipient="hostile", exposure__recovered=True)
    assert obligations(d) == ("high", True, True, None)


LAPTOP = dict(malicious=True, data_categories=["Basic personal identifiers",
              "Economic and financial data"], people=1200, records=1500,
              exposure__recipient="unknown", exposure__exfiltrated=None)


def test_stolen_laptop_not_encrypted_is_high_risk():
    d = decide(**LAPTOP)
    assert obligations(d) == ("high", True, True, None)
    assert (d.severity.dpc, d.severity.ei, d.severity.cb, d.severity.band) == (3, 1, 1, "very high")


def test_stolen_laptop_encrypted_with_key_safe_is_record_only():
    d = decide(**LAPTOP, protection__encrypted=True, protection__key_compromised=False)
    assert obligations(d) == ("none", False, False, "art_34_3_a")
    assert any("Art. 34(3)(a)" in r for r in d.reasons)


def test_stolen_laptop_encrypted_but_key_on_a_sticky_note():
    d = decide(**LAPTOP, protection__encrypted=True, protection__key_compromised=True)
    assert obligations(d) == ("high", True, True, None)


def test_stolen_laptop_encrypted_key_status_unknown_is_treated_as_readable():
    d = decide(**LAPTOP, protection__encrypted=True)
    assert d.risk == "high"
    assert "protection.key_compromised" in d.unknowns
    assert any("encryption key is confirmed safe" in w for w in d.would_change)


RANSOMWARE = dict(breach_types=["availability"], malicious=True, people=40, records=40,
                  data_subject_types=["Employees", "Customers or prospective customers"],
                  exposure__recipient="attacker", exposure__exfiltrated=False)


def test_ransomware_with_backup_restored_in_hours_is_record_only():
    d = decide(**RANSOMWARE, availability={"backup": True, "restored_within_hours": 4,
                                           "impact": "none"})
    assert obligations(d) == ("none", False, False, None)


def test_ransomware_without_backup_is_reported():
    d = decide(**RANSOMWARE, availability={"backup": False, "impact": "minor"})
    assert obligations(d) == ("risk", True, False, None)


def test_ransomware_where_exfiltration_cannot_be_excluded():
    changes = {**RANSOMWARE, "exposure__exfiltrated": None}
    avail = {"backup": True, "restored_within_hours": 4, "impact": "none"}
    d = decide(**changes, availability=avail)
    assert obligations(d) == ("risk", True, False, None)
    assert "exfiltration-not-excluded" in d.factors
    assert any("no copy of the data was taken" in w for w in d.would_change)
    financial = decide(**changes, availability=avail,
                       data_categories=["Economic and financial data"])
    assert obligations(financial) == ("high", True, True, None)


def test_hospital_whose_records_are_unavailable():
    d = decide(breach_types=["availability"], malicious=True, data_categories=["Health data"],
               data_subject_types=["Patients"], people=30_000, records=80_000,
               exposure__recipient="attacker", exposure__exfiltrated=False,
               availability={"backup": True, "restored_within_hours": 48, "impact": "serious"})
    assert obligations(d) == ("high", True, True, None)
    assert "availability-serious" in d.factors


PASSWORDS = dict(malicious=True, data_categories=["Basic personal identifiers",
                 "Identification data"], people=5000, records=5000,
                 exposure__recipient="attacker", exposure__exfiltrated=True)


def test_salted_strongly_hashed_passwords_are_not_high_risk():
    d = decide(**PASSWORDS, protection__hashed=True, protection__hash_strength="salted_strong")
    # The e-mail addresses are in an attacker's hands: report. Unhashed, the passwords would
    # make it high risk; the hashing is why people need not be told.
    assert obligations(d) == ("risk", True, False, "art_34_3_a")
    assert "salted-hash" in d.factors


def test_weakly_hashed_passwords_are_high_risk():
    d = decide(**PASSWORDS, protection__hashed=True, protection__hash_strength="weak")
    assert obligations(d) == ("high", True, True, None)


def test_hashes_alone_with_nothing_else_readable():
    d = decide(**{**PASSWORDS, "data_categories": ["Identification data"]},
               protection__hashed=True, protection__hash_strength="salted_strong")
    assert obligations(d) == ("none", False, False, "art_34_3_a")


def test_resetting_exposed_passwords_is_a_later_measure():
    d = decide(**{**PASSWORDS, "data_categories": ["Identification data"]},
               mitigations=["passwords_reset"])
    assert obligations(d) == ("none", False, False, "art_34_3_b")


TRUSTED = dict(data_categories=["Economic and financial data", "Health data"],
               data_subject_types=["Vulnerable adults"], people=1, records=1,
               exposure__recipient="trusted")


def test_trusted_recipient_who_confirms_deletion():
    # ICO case study 2: a colleague received a vulnerable client's file and deleted it.
    d = decide(**TRUSTED, exposure__recovered=True)
    assert obligations(d) == ("none", False, False, None)
    assert "trusted-deleted" in d.factors


def test_trusted_recipient_who_has_not_yet_deleted():
    d = decide(**TRUSTED)
    assert obligations(d) == ("risk", True, False, None)
    assert any("deletion confirmed" in w and "'none'" in w for w in d.would_change)


def test_childrens_data():
    adults = decide(exposure__recipient="unknown")
    children = decide(exposure__recipient="unknown", data_subject_types=["Children"])
    assert (adults.risk, children.risk) == ("none", "risk")
    assert children.severity.dpc == adults.severity.dpc + 1
    with_health = decide(exposure__recipient="known", data_subject_types=["Children"],
                         data_categories=["Basic personal identifiers", "Health data"])
    assert obligations(with_health) == ("high", True, True, None)


DISCS = dict(data_categories=["Basic personal identifiers", "Economic and financial data"],
             data_subject_types=["Children", "Customers or prospective customers"],
             people=25_000_000, records=25_000_000, exposure__recipient="unknown",
             exposure__exfiltrated=None)


def test_25_million_records_on_lost_discs():
    d = decide(**DISCS)
    assert obligations(d) == ("high", True, True, None)
    assert d.severity.score == 4.5 and d.severity.band == "very high"


def test_25_million_records_when_telling_each_person_is_disproportionate():
    d = decide(**DISCS, individual_contact="disproportionate")
    assert obligations(d) == ("high", True, False, "art_34_3_c")
    assert d.public_communication is True
    assert any("public communication" in r for r in d.reasons)


def test_lost_discs_recovered_unread_by_post_office():
    d = decide(**{**DISCS, "exposure__exfiltrated": False}, exposure__recovered=True)
    assert obligations(d) == ("none", False, False, "art_34_3_b")


def test_pecr_reports_every_breach_within_24_hours_and_keeps_a_log():
    d = decide(regime="pecr", data_subject_types=["Subscribers"],
               protection__encrypted=True, protection__key_compromised=False)
    assert (d.risk, d.notify_regulator, d.notify_individuals) == ("none", True, False)
    assert d.regulator_deadline.isoformat() == "2026-11-21T09:30:00+00:00"
    assert d.breach_log == "month" and d.rule_set == "pecr/2013-08-25.1"


def test_pecr_tells_subscribers_of_an_adverse_effect_below_high_risk():
    d = decide(regime="pecr", data_subject_types=["Subscribers"], data_categories=["Location data"],
               exposure__recipient="unknown")
    assert (d.risk, d.notify_regulator, d.notify_individuals) == ("risk", True, True)
    protected = decide(regime="pecr", data_subject_types=["Subscribers"],
                       data_categories=["Location data"], exposure__recipient="unknown",
                       protection__encrypted=True, protection__key_compromised=False)
    assert not protected.notify_individuals
    assert protected.individuals_exception == "pecr_reg_5a_6"


def test_uk_gdpr_deadline_is_72_hours_and_the_example_shape_holds():
    d = assess(build()).to_dict()
    assert d["regulator_deadline"] == "2026-11-23T09:30:00+00:00"
    for key in ("rule_set", "severity", "risk", "notify_regulator", "regulator_deadline",
                "notify_individuals", "individuals_exception", "reasons", "would_change"):
        assert key in d
    assert set(d["severity"]) >= {"method", "dpc", "ei", "cb", "score", "band"}
    assert d["severity"]["method"] == "ENISA-2013"
