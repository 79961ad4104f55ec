"""The facts form: each fact in plain words, mapped to the engine's facts contract."""

from django import forms

from breachdesk import vocab
from breachdesk.web.assessments.models import Risk
from breachdesk.web.core.forms import GovukForm

YES_NO_UNKNOWN = [("yes", "Yes"), ("no", "No"), ("", "Not known yet")]
_TRI = {"yes": True, "no": False, "": None}
_TRI_BACK = {True: "yes", False: "no", None: ""}


def _tri(label, help_text=""):
    return forms.ChoiceField(label=label, help_text=help_text, choices=YES_NO_UNKNOWN, required=False,
                             widget=forms.RadioSelect)


def _choice(label, choices, help_text=""):
    return forms.ChoiceField(label=label, help_text=help_text, required=False, widget=forms.RadioSelect,
                             choices=[*choices, ("", "Not known yet")])


class FactsForm(GovukForm, forms.Form):
    breach_types = forms.MultipleChoiceField(
        label="What was lost?", widget=forms.CheckboxSelectMultiple, required=False,
        choices=[("confidentiality", "Confidentiality: someone saw or took data they should not have"),
                 ("integrity", "Integrity: data was changed or corrupted"),
                 ("availability", "Availability: data was lost or could not be reached")])
    malicious = _tri("Was it deliberate?", "For example an attacker, a thief, or a member of staff acting on purpose.")
    data_categories = forms.MultipleChoiceField(
        label="What kinds of personal data?", widget=forms.CheckboxSelectMultiple, required=False,
        choices=[(c, c) for c in vocab.DATA_CATEGORIES if c != "Other"])
    data_subject_types = forms.MultipleChoiceField(
        label="Whose data?", widget=forms.CheckboxSelectMultiple, required=False,
        help_text="Children and vulnerable adults raise the risk.",
        choices=[(s, s) for s in vocab.DATA_SUBJECT_TYPES])
    people = forms.IntegerField(label="How many people?", required=False, min_value=1,
                                help_text="Leave empty if not known yet.")
    records = forms.IntegerField(label="How many records?", required=False, min_value=1)
    identifiable = _choice("How easily can people be identified from the data?",
                           [("directly", "Directly, for example by name"),
                            ("with_effort", "Only with other information"),
                            ("hardly", "Hardly at all")])
    encrypted = _tri("Was the data strongly encrypted?", "Weak or out-of-date encryption counts as no.")
    key_compromised = _tri("Was the key or password lost or taken too?")
    hashed = _tri("Were passwords stored only as hashes?")
    hash_strength = _choice("How were they hashed?",
                            [("salted_strong", "Salted, with a slow modern hash (such as bcrypt or Argon2)"),
                             ("weak", "Unsalted, or a fast hash")])
    pseudonymised = _tri("Were names and other identifiers replaced, with the key kept safe?")
    recipient = _choice("Who has, or may have, the data?", [
        ("none", "Nobody, as far as we know"),
        ("trusted", "Someone trusted and bound to confidentiality"),
        ("known", "A known person or organisation, not hostile"),
        ("hostile", "A known person likely to misuse it (for example an abuser)"),
        ("unknown", "Someone unknown"), ("attacker", "An attacker"), ("public", "The public")])
    exfiltrated = _tri("Did a copy leave our control?", "Answer 'Not known yet' if it cannot be ruled out.")
    recovered = _tri("Has the data been got back, or its deletion confirmed?")
    backup = _tri("Is there a usable backup?")
    restored_within_hours = forms.FloatField(label="Hours until the data was available again", required=False,
                                             min_value=0, help_text="Leave empty if not yet restored.")
    impact = _choice("What did the loss of access mean for people?",
                     [("none", "Nothing"), ("minor", "Minor inconvenience"),
                      ("serious", "Serious, for example care delayed or payments missed")])
    individual_contact = _choice("Can we contact each person directly?",
                                 [("feasible", "Yes"),
                                  ("disproportionate", "No, it would take disproportionate effort")])
    mitigations = forms.CharField(label="What has been done to reduce the harm?", required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text="One measure per line, for example 'passwords_reset'.")

    def to_facts(self, breach) -> dict:
        d = self.cleaned_data
        facts = {
            "regime": breach.regime,
            "aware_at": breach.aware_at.isoformat(),
            "breach_types": d["breach_types"],
            "malicious": _TRI[d["malicious"]],
            "data_categories": d["data_categories"] or ["Not yet known"],
            "people": d["people"], "records": d["records"],
            "identifiable": d["identifiable"] or None,
            "protection": {"encrypted": _TRI[d["encrypted"]], "key_compromised": _TRI[d["key_compromised"]],
                           "hashed": _TRI[d["hashed"]], "hash_strength": d["hash_strength"] or None,
                           "pseudonymised": _TRI[d["pseudonymised"]]},
            "exposure": {"recipient": d["recipient"] or None, "exfiltrated": _TRI[d["exfiltrated"]],
                         "recovered": _TRI[d["recovered"]]},
            "availability": {"backup": _TRI[d["backup"]], "restored_within_hours": d["restored_within_hours"],
                             "impact": d["impact"] or None},
            "individual_contact": d["individual_contact"] or None,
            "mitigations": [m.strip() for m in d["mitigations"].splitlines() if m.strip()],
        }
        if d["data_subject_types"]:
            facts["data_subject_types"] = d["data_subject_types"]
        return facts


def initial_from_facts(facts: dict) -> dict:
    p, e, a = facts.get("protection", {}), facts.get("exposure", {}), facts.get("availability", {})
    return {
        "breach_types": facts.get("breach_types", []), "malicious": _TRI_BACK[facts.get("malicious")],
        "data_categories": [c for c in facts.get("data_categories", []) if c != "Not yet known"],
        "data_subject_types": facts.get("data_subject_types", []),
        "people": facts.get("people"), "records": facts.get("records"),
        "identifiable": facts.get("identifiable") or "",
        "encrypted": _TRI_BACK[p.get("encrypted")], "key_compromised": _TRI_BACK[p.get("key_compromised")],
        "hashed": _TRI_BACK[p.get("hashed")], "hash_strength": p.get("hash_strength") or "",
        "pseudonymised": _TRI_BACK[p.get("pseudonymised")],
        "recipient": e.get("recipient") or "", "exfiltrated": _TRI_BACK[e.get("exfiltrated")],
        "recovered": _TRI_BACK[e.get("recovered")],
        "backup": _TRI_BACK[a.get("backup")], "restored_within_hours": a.get("restored_within_hours"),
        "impact": a.get("impact") or "", "individual_contact": facts.get("individual_contact") or "",
        "mitigations": "\n".join(facts.get("mitigations", [])),
    }


def initial_from_breach(breach) -> dict:
    """What the breach record already says, so nobody types a fact twice."""
    return {
        "breach_types": [t for t in ("confidentiality", "integrity", "availability") if getattr(breach, t)],
        "data_categories": [c for c in breach.data_categories if c not in ("Not yet known", "Other")],
        "data_subject_types": breach.data_subject_types,
        "people": breach.people_scoped or breach.people_estimate,
        "records": breach.records_scoped or breach.records_estimate,
        "malicious": "yes" if breach.is_cyber else "",
    }


class OverrideForm(GovukForm, forms.Form):
    risk = forms.ChoiceField(label="Our decision on the risk", choices=Risk.choices, widget=forms.RadioSelect)
    notify_regulator = forms.TypedChoiceField(label="Report to the regulator?", widget=forms.RadioSelect,
                                              choices=[("yes", "Yes"), ("no", "No")], coerce=lambda v: v == "yes")
    notify_individuals = forms.TypedChoiceField(label="Tell the people affected?", widget=forms.RadioSelect,
                                                choices=[("yes", "Yes"), ("no", "No")], coerce=lambda v: v == "yes")
    justification = forms.CharField(label="Why are you departing from the suggested decision?",
                                    widget=forms.Textarea(attrs={"rows": 4}),
                                    error_messages={"required": "Give the justification for the override"},
                                    help_text="This is kept with the decision and shown to anyone who reviews it.")
