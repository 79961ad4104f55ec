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
    steps = forms.CharField(label="Required steps, one per line (reprimands and enforcement notices)", required=False,
                            widget=forms.Textarea(attrs={"rows": 6}),
                            help_text="Each line becomes a requirement the organisation reports on.")
    report_count = forms.IntegerField(label="How many progress reports?", required=False, min_value=1,
                                      max_value=rules.MAX_PROGRESS_REPORTS, help_text="Leave empty for none.")
    report_every_months = forms.IntegerField(label="Every how many months?", required=False, min_value=1,
                                             max_value=60, initial=12)
    first_report_on = forms.DateField(label="First progress report due (leave empty for one period after issue)",
                                      required=False, widget=forms.DateInput(attrs={"type": "date"}))


class ReviewForm(GovukForm, forms.Form):
    required_messages = {"outcome": "Choose whether the report is accepted"}
    outcome = forms.ChoiceField(label="Your review", widget=forms.RadioSelect, choices=[
        ("accepted", "Accepted"), ("more_information", "More information needed")])
    note = forms.CharField(label="Note to the organisation (required if more information is needed)", required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))


class StepsForm(GovukForm, forms.Form):
    required_messages = {"steps": "Enter at least one required step"}
    steps = forms.CharField(label="Required steps, one per line", widget=forms.Textarea(attrs={"rows": 5}))
    due_by = forms.DateField(label="Due by (leave empty for the notice's compliance date)", required=False,
                             widget=forms.DateInput(attrs={"type": "date"}))


class ScheduleForm(GovukForm, forms.Form):
    first_due = forms.DateField(label="First progress report due", widget=forms.DateInput(attrs={"type": "date"}))
    every_months = forms.IntegerField(label="Every how many months?", min_value=1, max_value=60, initial=12)
    count = forms.IntegerField(label="How many reports?", min_value=1, max_value=rules.MAX_PROGRESS_REPORTS,
                               initial=3)


class TellPeopleForm(GovukForm, forms.Form):
    required_messages = {"due_by": "Enter the date by which the people must be told",
                         "reason": "Say why the people must be told"}
    due_by = forms.DateField(label="Tell the people by", widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label="Why: the high risk to the people", widget=forms.Textarea(attrs={"rows": 3}))


class QueueFilterForm(GovukForm, forms.Form):
    status = forms.ChoiceField(label="Status", required=False, choices=[("", "Any"), *rules.STATES.items()])
    sector = forms.ChoiceField(label="Sector", required=False, choices=[("", "Any"), *((s, s) for s in vocab.SECTORS)])
    mine = forms.BooleanField(label="Assigned to me", required=False)
