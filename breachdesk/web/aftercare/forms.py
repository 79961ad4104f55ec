from django import forms

from breachdesk.web.accounts.models import User
from breachdesk.web.accounts.roles import PERMISSIONS
from breachdesk.web.aftercare.models import Outcome, Status
from breachdesk.web.core.forms import GovukForm


class QueueFilterForm(GovukForm, forms.Form):
    show = forms.ChoiceField(label="Show", required=False, choices=[
        ("open", "Open"), ("due", "Overdue or due soon"), ("mine", "Mine (open)"), ("all", "All")])
    kind = forms.ChoiceField(label="Kind", required=False, choices=[
        ("", "Support requests and complaints"), ("support", "Support requests"), ("complaint", "Complaints")])


class AssignForm(GovukForm, forms.Form):
    owner = forms.ModelChoiceField(label="Owner", queryset=User.objects.none(), required=False,
                                   empty_label="No one yet")

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(
            organisation=organisation, is_active=True, role__in=PERMISSIONS["handle_support"]).order_by("email")


class AcknowledgeForm(GovukForm, forms.Form):
    email = forms.BooleanField(label="Send the standard acknowledgement by email", required=False)


class NoteForm(GovukForm, forms.Form):
    required_messages = {"text": "Enter the note"}
    text = forms.CharField(label="Note", max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="Seen only by staff who can read this request.")


ROUTES = [("email", "By email (sent now)"), ("phone", "By phone (already given)"),
          ("letter", "By letter (already sent)"), ("in_person", "In person (already given)")]


class AnswerForm(GovukForm, forms.Form):
    required_messages = {"route": "Choose how you answered", "text": "Enter the answer"}
    route = forms.ChoiceField(label="How are you answering?", widget=forms.RadioSelect,
                              choices=ROUTES)
    text = forms.CharField(label="The answer", max_length=10000, widget=forms.Textarea(attrs={"rows": 6}),
                           help_text="By email this is sent to the person as it is. Otherwise, say what you told them.")
    outcome = forms.ChoiceField(label="Outcome (optional)", required=False,
                                choices=[("", "Not yet")] + list(Outcome.choices))


class OutcomeForm(GovukForm, forms.Form):
    outcome = forms.ChoiceField(label="Outcome", required=False, choices=[("", "Not yet")] + list(Outcome.choices))


class StatusForm(GovukForm, forms.Form):
    status = forms.ChoiceField(label="Status", choices=Status.choices)

