from django import forms

from breachdesk.web.core.forms import GovukForm
from breachdesk.web.regulator import rules
from breachdesk.web.remediation.models import Source, Status


class ActionForm(GovukForm, forms.Form):
    required_messages = {"title": "Enter what will be done"}
    title = forms.CharField(label="What will be done", max_length=300)
    detail = forms.CharField(label="Detail", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    source = forms.ChoiceField(label="Where it comes from", choices=Source.choices, initial=Source.LESSONS)
    source_detail = forms.CharField(label="Source detail (e.g. the audit's name)", required=False, max_length=200)
    breach = forms.ChoiceField(label="Breach", required=False)
    requirement = forms.ChoiceField(label="Answers the regulator's requirement", required=False)
    owner = forms.ChoiceField(label="Owner", required=False)
    due_on = forms.DateField(label="Due on", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    status = forms.ChoiceField(label="Status", choices=Status.choices, initial=Status.OPEN)

    def __init__(self, *args, organisation, **kwargs):
        from breachdesk.web.accounts.models import User
        from breachdesk.web.breaches.models import Breach
        from breachdesk.web.regulator.models import Requirement

        super().__init__(*args, **kwargs)
        self._breaches = {b.public_id: b for b in Breach.objects.in_register().filter(organisation=organisation)[:500]}
        self._requirements = {r.public_id: r for r in Requirement.objects.filter(
            notice__case__organisation=organisation).select_related("notice__case")[:1000]}
        self._owners = {u.public_id: u for u in User.objects.filter(organisation=organisation, is_active=True)
                        .exclude(role="reporter")}
        self.fields["breach"].choices = [("", "None"), *((k, str(b)) for k, b in self._breaches.items())]
        self.fields["requirement"].choices = [("", "None"), *(
            (k, f"{r.notice.case.reference} step {r.number}: {r.text[:80]}") for k, r in self._requirements.items())]
        self.fields["owner"].choices = [("", "Nobody yet"), *((k, str(u)) for k, u in self._owners.items())]

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["breach"] = self._breaches.get(data["breach"])
        data["requirement"] = self._requirements.get(data["requirement"])
        data["owner"] = self._owners.get(data["owner"])
        return data


class EvidenceForm(GovukForm, forms.Form):
    required_messages = {"file": "Choose a file to upload"}
    file = forms.FileField(label="Evidence file")


class BulkForm(GovukForm, forms.Form):
    status = forms.ChoiceField(label="Set the selected actions to", choices=Status.choices)


class UpdateForm(GovukForm, forms.Form):
    """One requirement in a progress report."""

    status = forms.ChoiceField(label="Status", choices=list(rules.REQUIREMENT_STATUSES.items()),
                               widget=forms.RadioSelect)
    narrative = forms.CharField(label="What has been done", required=False, widget=forms.Textarea(attrs={"rows": 3}))
