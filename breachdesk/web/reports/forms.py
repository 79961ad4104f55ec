"""The report form (a draft can be saved incomplete; only wrong values are refused) and
the submission form."""

from django import forms
from django.utils import timezone

from breachdesk import vocab
from breachdesk.web.breaches.models import INCIDENT_TYPE_CHOICES
from breachdesk.web.core.forms import GovukForm, LondonDateTimeInput
from breachdesk.web.reports import services
from breachdesk.web.reports.models import RegulatorReport, invalid

WHEN_HINT = "UK time. Your best estimate is fine."


def _when(label, required=False, help_text=WHEN_HINT):
    return forms.DateTimeField(label=label, required=required, help_text=help_text, widget=LondonDateTimeInput(),
                               error_messages={"invalid": f"Enter {label.lower().rstrip('?')} as a real date and time",
                                               "required": f"Enter {label.lower().rstrip('?')}"})


class ReportForm(GovukForm, forms.ModelForm):
    is_cyber = forms.TypedChoiceField(
        label="Was this a cyber incident?", required=False, widget=forms.RadioSelect,
        choices=[("True", "Yes"), ("False", "No"), ("", "Not known yet")],
        coerce=lambda v: {"True": True, "False": False}.get(v), empty_value=None)
    incident_type = forms.ChoiceField(label="Incident type", required=False,
                                      choices=[("", "Choose an incident type")] + INCIDENT_TYPE_CHOICES)
    occurred_at = _when("When did the breach happen?")
    discovered_at = _when("When was the breach discovered?")
    data_categories = forms.MultipleChoiceField(
        label="What kinds of personal data were involved?", required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(c, c) for c in vocab.DATA_CATEGORIES])
    data_subject_types = forms.MultipleChoiceField(
        label="Whose data was it?", required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(s, s) for s in vocab.DATA_SUBJECT_TYPES])

    class Meta:
        model = RegulatorReport
        fields = ["regulator_reference", "what_changed", "what_happened", "incident_type", "is_cyber", "how_found",
                  "occurred_at", "discovered_at", "data_categories", "records", "people", "data_subject_types",
                  "likely_consequences", "measures_taken", "measures_proposed", "people_told",
                  "people_told_details", "other_organisations_told", "human_error", "staff_trained",
                  "contact_name", "contact_email", "contact_phone", "delay_reasons"]
        labels = {
            "regulator_reference": "The regulator's reference for the first report",
            "what_changed": "What has changed since the last report?",
            "what_happened": "What happened?",
            "how_found": "How did you find out about the breach?",
            "records": "Approximately how many records were affected?",
            "people": "Approximately how many people could be affected?",
            "likely_consequences": "What are the likely consequences for the people affected?",
            "measures_taken": "What have you done to deal with the breach and reduce the harm?",
            "measures_proposed": "What else do you propose to do?",
            "people_told": "Have the people affected been told, or will they be?",
            "people_told_details": "How, when, or why not?",
            "other_organisations_told": "Which other organisations have you told?",
            "human_error": "Was the breach caused by human error?",
            "staff_trained": "Had the staff involved been trained in data protection in the last two years?",
            "contact_name": "Contact name",
            "contact_email": "Contact email address",
            "contact_phone": "Contact telephone number",
            "delay_reasons": "If the report is late: why was the regulator not told within the deadline?",
        }
        help_texts = {
            "regulator_reference": "Follow-up reports quote it so the regulator can match them.",
            "what_changed": "The changes to the fields are listed on the report page; add what they mean.",
            "other_organisations_told": "For example the police, your bank, or another regulator. "
                                        "Write 'None' if you have told no one else.",
            "contact_name": "Usually the data protection officer.",
            "delay_reasons": "The law asks for reasons when a report is made after the deadline.",
        }
        widgets = {
            **{f: forms.Textarea(attrs={"rows": 4}) for f in (
                "what_changed", "what_happened", "how_found", "likely_consequences", "measures_taken",
                "measures_proposed", "people_told_details", "other_organisations_told", "delay_reasons")},
            "people_told": forms.RadioSelect, "human_error": forms.RadioSelect, "staff_trained": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("records", "people"):
            self.fields[name].widget.attrs["class"] += " govuk-input--width-10"
        self.fields["contact_phone"].widget.attrs.update(type="tel", autocomplete="tel")
        self.fields["contact_phone"].widget.attrs["class"] += " govuk-input--width-20"
        if not self.instance.is_follow_up:
            del self.fields["regulator_reference"], self.fields["what_changed"]

    def clean(self):
        data = super().clean()
        values = {**{"aware_at": self.instance.aware_at}, **data}
        for field, message in invalid(values, timezone.now()):
            self.add_error(field if field in self.fields else None, message)
        return data

    def changed_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}


class SubmitForm(GovukForm, forms.Form):
    required_messages = {"route": "Choose how the report is going to the regulator"}
    route = forms.ChoiceField(label="How is it going to the regulator?", widget=forms.RadioSelect,
                              error_messages={"required": "Choose how the report is going to the regulator"})
    sent_at = _when("When was it sent?", help_text="Only if sent another way. UK time.")
    reference = forms.CharField(label="The reference the regulator gave you", required=False, max_length=64,
                                help_text="Only if sent another way.")

    def __init__(self, *args, regulator=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(services.OTHER, "We sent it another way (for example the regulator's online form), "
                                    "and have the date and reference")]
        if regulator is not None:
            choices.insert(0, (services.BREACHDESK, f"Submit it to {regulator.name} on breachdesk now"))
        self.fields["route"].choices = choices
