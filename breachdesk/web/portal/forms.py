from datetime import date

from django import forms

from breachdesk.web.aftercare.models import SUPPORT_KINDS, HeardFrom, Kind
from breachdesk.web.core.forms import GovukForm

_KIND_HINTS = {
    Kind.ADVICE: "About what this means for you and what you can do.",
    Kind.CALLBACK: "We will phone you at a time that suits you.",
    Kind.IDENTITY: "If you are worried someone may use your details, or want the monitoring we offer.",
    Kind.EMOTIONAL: "If this has worried or upset you, we can tell you where to find support.",
    Kind.SAFETY: "If you think you or someone else may be at risk because of this.",
    Kind.OTHER: "Anything else.",
}


def _date_part(autocomplete: str, width: int) -> forms.TextInput:
    return forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": autocomplete,
                                  "class": f"govuk-date-input__input govuk-input--width-{width}"})


class SignInForm(GovukForm, forms.Form):
    required_messages = {"reference": "Enter the reference from your notice",
                         "code": "Enter the code from your notice"}
    reference = forms.CharField(label="Reference", max_length=20,
                                help_text="It is on your letter or email, for example K7Q-3MX-9PD.",
                                widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false",
                                                              "autocapitalize": "characters"}))
    code = forms.CharField(label="Code", max_length=20, help_text="The 8-character code printed under the reference.",
                           widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false",
                                                         "autocapitalize": "characters"}))
    postcode = forms.CharField(label="Postcode", max_length=10, required=False,
                               help_text="The postcode we have for you.",
                               widget=forms.TextInput(attrs={"autocomplete": "postal-code",
                                                             "class": "govuk-input--width-10"}))
    dob_day = forms.IntegerField(label="Day", required=False, min_value=1, max_value=31,
                                 widget=_date_part("bday-day", 2))
    dob_month = forms.IntegerField(label="Month", required=False, min_value=1, max_value=12,
                                   widget=_date_part("bday-month", 2))
    dob_year = forms.IntegerField(label="Year", required=False, min_value=1900, max_value=2100,
                                  widget=_date_part("bday-year", 4))

    def clean(self):
        data = super().clean()
        parts = [data.get("dob_day"), data.get("dob_month"), data.get("dob_year")]
        dob = None
        if any(p is not None for p in parts):
            try:
                dob = date(parts[2], parts[1], parts[0]) if all(p is not None for p in parts) else None
            except ValueError:
                dob = None
            if dob is None and not self.errors:
                self.add_error("dob_day", "Date of birth must be a real date, for example 27 3 1980")
        data["dob"] = dob
        if dob is None and not data.get("postcode") and not self.errors:
            self.add_error("postcode", "Enter your postcode or your date of birth")
        return data


class SupportForm(GovukForm, forms.Form):
    required_messages = {"kind": "Choose the kind of support you would like"}
    kind = forms.ChoiceField(label="What kind of support would you like?", widget=forms.RadioSelect,
                             choices=[(k.value, k.label) for k in SUPPORT_KINDS])
    text = forms.CharField(label="Tell us more (optional)", required=False, max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 5}),
                           help_text="Only the people who handle support requests will read this.")
    phone = forms.CharField(label="Phone number to call", required=False, max_length=30,
                            widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel",
                                                          "class": "govuk-input--width-20"}),
                            help_text="Needed for a call back.")
    times = forms.CharField(label="Good times to call (optional)", required=False, max_length=200,
                            help_text="For example, weekday mornings.")

    hints = _KIND_HINTS

    def clean(self):
        data = super().clean()
        if data.get("kind") == Kind.CALLBACK and not (data.get("phone") or "").strip():
            self.add_error("phone", "Enter a phone number so we can call you back")
        phone = (data.get("phone") or "").strip()
        if phone and sum(ch.isdigit() for ch in phone) < 10:
            self.add_error("phone", "Enter a phone number, like 01632 960 001 or 07700 900 982")
        return data


class ImpactForm(GovukForm, forms.Form):
    required_messages = {"impact": "Tell us how it has affected you"}
    impact = forms.CharField(label="How has this affected you?", max_length=5000,
                             widget=forms.Textarea(attrs={"rows": 6}),
                             help_text="For example, if you have felt worried, had to take time off, or lost money. "
                                       "This helps us understand the harm and the support people need.")


class HeardForm(GovukForm, forms.Form):
    required_messages = {"heard_from": "Choose how you first heard about it"}
    heard_from = forms.ChoiceField(label="How did you first hear about this?", widget=forms.RadioSelect,
                                   choices=HeardFrom.choices)


class ComplaintForm(GovukForm, forms.Form):
    required_messages = {"text": "Tell us what your complaint is about"}
    text = forms.CharField(label="What is your complaint?", max_length=10000,
                           widget=forms.Textarea(attrs={"rows": 8}),
                           help_text="Tell us what went wrong and what you would like us to do.")
