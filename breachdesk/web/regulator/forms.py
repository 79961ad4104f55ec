from django import forms

from breachdesk import vocab
from breachdesk.web.core.forms import GovukForm, LondonDateTimeInput
from breachdesk.web.regulator import rules


class ReasonForm(GovukForm, forms.Form):
    required_messages = {"reason": "Give the reason for this step"}
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 3}))
    closure = forms.ChoiceField(label="How is it closed?", required=False, widget=forms.RadioSelect,
                                choices=list(rules.CLOSURES.items()))


class AssignForm(GovukForm, forms.Form):
    officer = forms.ChoiceField(label="Assign to")

    def __init__(self, *args, officers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].choices = [(o.public_id, str(o)) for o in officers]


class NoticeForm(GovukForm, forms.Form):
    required_messages = {"kind": "Choose the kind of notice", "summary": "Write the summary to publish"}
    kind = forms.ChoiceField(label="Kind of notice", choices=list(rules.NOTICE_KINDS.items()), widget=forms.RadioSelect)
    summary = forms.CharField(label="Summary for the public register", widget=forms.Textarea(attrs={"rows": 4}))
    recommendations = forms.CharField(label="Recommendations or required steps", required=False,
                                      widget=forms.Textarea(attrs={"rows": 4}))
    penalty_amount = forms.DecimalField(label="Penalty (£)", required=False, min_value=0, max_digits=14,
                                        decimal_places=2)
    compliance_by = forms.DateField(label="Comply by", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    urgent = forms.BooleanField(label="Urgent: compliance needed before the appeal window ends", required=False)
    urgent_reason = forms.CharField(label="Why it is urgent", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    extension_reason = forms.CharField(label="Reason the 6-month period was extended (penalty notices)",
                                       required=False, widget=forms.Textarea(attrs={"rows": 2}))
    issued_at = forms.DateTimeField(label="Issued (leave empty for now)", required=False, widget=LondonDateTimeInput())
    published = forms.BooleanField(label="Publish on the public register", required=False, initial=True)


class QueueFilterForm(GovukForm, forms.Form):
    status = forms.ChoiceField(label="Status", required=False, choices=[("", "Any"), *rules.STATES.items()])
    sector = forms.ChoiceField(label="Sector", required=False, choices=[("", "Any"), *((s, s) for s in vocab.SECTORS)])
    mine = forms.BooleanField(label="Assigned to me", required=False)
