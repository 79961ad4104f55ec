import re

from django import forms
from django.utils import timezone

from breachdesk import vocab
from breachdesk.web.breaches import validation
from breachdesk.web.breaches.models import INCIDENT_TYPE_CHOICES, Breach, Event, Regime, YesNoUnknown
from breachdesk.web.core.forms import GovukForm, LondonDateTimeInput

CATEGORY_CHOICES = [(c, c) for c in vocab.DATA_CATEGORIES]
SUBJECT_CHOICES = [(s, s) for s in vocab.DATA_SUBJECT_TYPES]
WHEN_HINT = "UK time. For example, 20/11/2026 09:30."


def _when(label, required=False, help_text=WHEN_HINT):
    return forms.DateTimeField(label=label, required=required, help_text=help_text,
                               widget=LondonDateTimeInput(),
                               error_messages={"invalid": f"Enter {label.lower()} as a real date and time"})


class FactsValidation:
    """Runs the shared rules (validation.py) after the field-level checks."""

    def clean(self):
        data = super().clean()
        values = dict(data)
        if self.instance_values:
            values = {**self.instance_values, **values}
        for field, message in validation.problems(values, timezone.now()):
            self.add_error(field if field in self.fields else None, message)
        return data

    instance_values: dict = {}


class ReportIncidentForm(FactsValidation, GovukForm, forms.Form):
    required_messages = {"title": "Enter a short title", "what_happened": "Say what happened",
                         "noticed_at": "Enter when you noticed it"}
    title = forms.CharField(label="Give it a short title", max_length=200,
                            help_text="For example, 'Spreadsheet emailed to the wrong school'.")
    what_happened = forms.CharField(label="What happened?", widget=forms.Textarea(attrs={"rows": 5}),
                                    help_text="Say what you know. It is fine not to know everything yet.")
    noticed_at = _when("When did you notice it?", required=True)
    data_involved_initial = forms.CharField(
        label="What information about people might be involved? (optional)", required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, names and addresses of 40 tenants, or 'not sure'.")
    reporter_team = forms.CharField(label="Your team or service (optional)", required=False, max_length=200)


class BreachFactsForm(FactsValidation, GovukForm, forms.ModelForm):
    required_messages = {"title": "Enter a title", "what_happened": "Say what happened",
                         "staff_trained": "Say whether the staff involved had been trained",
                         "regime": "Choose the law whose reporting rules apply"}
    data_categories = forms.MultipleChoiceField(label="What kinds of personal data were involved?",
                                                choices=CATEGORY_CHOICES, required=False,
                                                widget=forms.CheckboxSelectMultiple)
    data_subject_types = forms.MultipleChoiceField(label="Whose data was it?", choices=SUBJECT_CHOICES,
                                                   required=False, widget=forms.CheckboxSelectMultiple)
    is_cyber = forms.TypedChoiceField(
        label="Was this a cyber incident?", required=False, widget=forms.RadioSelect,
        choices=[("True", "Yes"), ("False", "No"), ("", "Not known yet")],
        coerce=lambda v: {"True": True, "False": False}.get(v), empty_value=None)
    incident_type = forms.ChoiceField(label="Incident type", required=False,
                                      choices=[("", "Choose an incident type")] + INCIDENT_TYPE_CHOICES)
    staff_trained = forms.ChoiceField(label="Had the staff involved been trained in data protection?",
                                      choices=YesNoUnknown.choices, widget=forms.RadioSelect)
    occurred_at = _when("When did it happen?")
    discovered_at = _when("When was it discovered?")
    contained_at = _when("When was it contained?")

    class Meta:
        model = Breach
        fields = ["title", "what_happened", "how_found", "occurred_at", "discovered_at",
                  "contained_at", "is_cyber", "incident_type", "confidentiality", "integrity",
                  "availability", "data_categories", "data_subject_types", "records_estimate",
                  "people_estimate", "likely_consequences", "measures_taken", "measures_proposed",
                  "other_organisations_told", "staff_trained", "regime"]
        labels = {
            "title": "Title", "what_happened": "What happened", "how_found": "How was it found?",
            "confidentiality": "Confidentiality: data seen or taken by someone who should not have it",
            "integrity": "Integrity: data changed or corrupted",
            "availability": "Availability: data lost or unavailable",
            "records_estimate": "About how many records?", "people_estimate": "About how many people?",
            "likely_consequences": "What could this mean for the people affected?",
            "measures_taken": "What have you done so far?",
            "measures_proposed": "What will you do next?",
            "other_organisations_told": "Which other organisations have you told?",
            "regime": "Which law's reporting rules apply?",
        }
        widgets = {f: forms.Textarea(attrs={"rows": 4}) for f in
                   ["what_happened", "how_found", "likely_consequences", "measures_taken",
                    "measures_proposed", "other_organisations_told"]}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["records_estimate"].widget.attrs["class"] += " govuk-input--width-10"
        self.fields["people_estimate"].widget.attrs["class"] += " govuk-input--width-10"
        self.instance_values = {"aware_at": self.instance.aware_at, "noticed_at": self.instance.noticed_at}
        if self.instance.status not in ("reported", "triage"):
            # The legal regime is fixed once the clock has started.
            self.fields.pop("regime")


class ConfirmBreachForm(BreachFactsForm):
    required_messages = {"aware_at": "Enter when the organisation became aware of the breach",
                         "title": "Enter a title", "what_happened": "Say what happened",
                         "staff_trained": "Say whether the staff involved had been trained"}
    aware_at = _when("When did the organisation become aware of the breach?", required=True,
                     help_text="The 72-hour clock starts here: when you were reasonably certain a "
                               "breach had happened. UK time, for example 20/11/2026 09:30.")

    class Meta(BreachFactsForm.Meta):
        fields = ["aware_at"] + BreachFactsForm.Meta.fields

    def clean(self):
        data = super().clean()
        for field, message in validation.confirm_problems(data):
            if field == "breach_types":
                self.add_error("confidentiality", message)
            else:
                self.add_error(field, message)
        return data


class ReasonForm(GovukForm, forms.Form):
    reason = forms.CharField(label="Reason", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class AwarenessForm(FactsValidation, GovukForm, forms.Form):
    aware_at = _when("When did the organisation become aware?", required=True)
    reason = forms.CharField(label="Why is this changing?", widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="The old time is kept in the timeline with this reason.",
                             error_messages={"required": "Say why the time is changing"})


class NoteForm(GovukForm, forms.Form):
    required_messages = {"text": "Write the note"}
    text = forms.CharField(label="Add a note", widget=forms.Textarea(attrs={"rows": 3}), max_length=10000)


class DecisionForm(GovukForm, forms.Form):
    required_messages = {"decision": "Choose the decision", "reasons": "Give the reasons for the decision"}
    decision = forms.ChoiceField(label="Decision", choices=Event.Decision.choices, widget=forms.RadioSelect)
    reasons = forms.CharField(label="Reasons", widget=forms.Textarea(attrs={"rows": 4}),
                              help_text="Say why. These reasons are kept in the breach register.")
    reported_at = _when("When was it reported? (only for 'Reported to the regulator')")
    regulator_reference = forms.CharField(label="The regulator's reference (optional)",
                                          required=False, max_length=64)

    def clean(self):
        data = super().clean()
        if data.get("decision") != Event.Decision.REPORTED:
            data["reported_at"] = None
        elif data.get("reported_at") and data["reported_at"] > timezone.now() + validation.FUTURE_SLACK:
            self.add_error("reported_at", "The time it was reported must be in the past")
        return data


class DelayReasonsForm(GovukForm, forms.Form):
    required_messages = {"delay_reasons": "Give the reasons for the delay"}
    delay_reasons = forms.CharField(
        label="Why was the regulator not told within the deadline?",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The law asks for reasons when a report is late. Be specific.")


class EvidenceForm(GovukForm, forms.Form):
    required_messages = {"file": "Choose a file to upload"}
    file = forms.FileField(label="Upload a file")
    description = forms.CharField(label="What is it? (optional)", required=False, max_length=300)


class RegisterFilterForm(GovukForm, forms.Form):
    SORTS = [("-created", "Newest first"), ("deadline", "Deadline (soonest first)"),
             ("-people", "Most people affected"), ("reference", "Reference")]
    CLOCKS = [("", "Any"), ("overdue", "Overdue"), ("due-soon", "Due soon"),
              ("running", "Clock running"), ("reported", "Reported"), ("not-reporting", "Not reportable")]
    BANDS = [("", "Any")] + [(label, label) for _, label in vocab.PEOPLE_BANDS] + [("Unknown", "Unknown")]

    q = forms.CharField(label="Reference or title", required=False)
    status = forms.ChoiceField(label="Status", required=False)
    clock = forms.ChoiceField(label="Deadline", required=False, choices=CLOCKS)
    incident_type = forms.ChoiceField(label="Incident type", required=False,
                                      choices=[("", "Any")] + INCIDENT_TYPE_CHOICES)
    category = forms.ChoiceField(label="Data category", required=False,
                                 choices=[("", "Any")] + CATEGORY_CHOICES)
    people = forms.ChoiceField(label="People affected", required=False, choices=BANDS)
    regime = forms.ChoiceField(label="Law", required=False, choices=[("", "Any"), *Regime.choices])
    month = forms.CharField(label="Became aware in (month)", required=False, max_length=7,
                            help_text="For example 2026-11. With PECR, this gives the monthly breach log.",
                            widget=forms.TextInput(attrs={"type": "month", "class": "govuk-input--width-10"}))
    sort = forms.ChoiceField(label="Sort by", required=False, choices=SORTS)

    def clean_month(self):
        value = self.cleaned_data["month"]
        if value and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
            raise forms.ValidationError("Enter a month like 2026-11")
        return value

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from breachdesk.web.breaches.states import Status

        self.fields["status"].choices = [("", "Any")] + list(Status.choices)
