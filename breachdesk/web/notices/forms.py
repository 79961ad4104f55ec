from django import forms

from breachdesk.vocab import DATA_CATEGORIES
from breachdesk.web.core.forms import GovukForm, LondonDateTimeInput
from breachdesk.web.notices.models import LINE_FIELDS, WELSH, Campaign, Channel, NoticePlan, _lines

PLAN_FIELDS = ["what_happened", "measures_taken", "next_steps", "prevention", "contact_name", "contact_email",
               "contact_phone", "contact_address", "complaints", "helpline", "helpline_hours", "callback",
               "counselling", "monitoring_provider", "monitoring_months", "monitoring_url", "signatory",
               "signatory_role"]
WELSH_FIELDS = [welsh for welsh, _ in WELSH.values()]
_TEXTAREAS = ("what_happened", "measures_taken", "next_steps", "prevention", "contact_address", "complaints")


class PlanForm(GovukForm, forms.ModelForm):
    """The plan, with its Welsh wording in a fieldset of its own: optional to save, but every
    English text a person reads needs its Welsh before any Welsh notice can be sent."""

    required_messages = {"what_happened": "Say what happened, in one or two plain sentences",
                         "measures_taken": "Say what you have done, one measure per line",
                         "contact_email": "Enter the email address people can contact"}

    class Meta:
        model = NoticePlan
        fields = PLAN_FIELDS + WELSH_FIELDS
        labels = {"what_happened": "What happened",
                  "measures_taken": "What you have done", "next_steps": "What you will do next",
                  "prevention": "How you will stop it happening again", "contact_name": "Contact name",
                  "contact_email": "Contact email address", "contact_phone": "Contact phone number",
                  "contact_address": "Contact postal address", "complaints": "How to complain to you",
                  "helpline": "Helpline number", "helpline_hours": "Helpline opening hours",
                  "callback": "People can ask us to call them back",
                  "counselling": "Signpost emotional support",
                  "monitoring_provider": "Identity or credit monitoring provider",
                  "monitoring_months": "Months of monitoring", "monitoring_url": "Where to sign up for monitoring",
                  "signatory": "Signed by", "signatory_role": "Their role",
                  **{welsh: f"{label}, in Welsh" for welsh, label in WELSH.values()}}
        help_texts = {welsh: "One line for each English line, in the same order" for welsh, _ in
                      (WELSH[f] for f in LINE_FIELDS)}
        widgets = {f: forms.Textarea(attrs={"rows": 3}) for f in
                   (*_TEXTAREAS, *(WELSH[f][0] for f in _TEXTAREAS if f in WELSH))}

    def english_fields(self):
        return [self[name] for name in PLAN_FIELDS]

    def welsh_fields(self):
        return [self[name] for name in WELSH_FIELDS]

    def clean(self):
        data = super().clean()
        for english in LINE_FIELDS:
            welsh = WELSH[english][0]
            en, cy = len(_lines(data.get(english))), len(_lines(data.get(welsh)))
            if cy and cy != en:
                self.add_error(welsh, f"Write one Welsh line for each English line: the English has {en} and "
                                      f"the Welsh has {cy}")
        return data


def _channel_choices():
    return [(c.value, c.label) for c in Channel]


class CampaignForm(GovukForm, forms.Form):
    required_messages = {"name": "Give the campaign a name", "first_channel": "Choose how to send first"}
    name = forms.CharField(label="Name", max_length=200, help_text="For example: first notices, by email then letter")
    audience = forms.ChoiceField(label="Who to send to", choices=Campaign.Audience.choices, widget=forms.RadioSelect,
                                 initial=Campaign.Audience.ALL)
    audience_category = forms.ChoiceField(label="Kind of information (if you chose one kind)", required=False,
                                          choices=[("", "")] + [(c, c) for c in DATA_CATEGORIES])
    audience_references = forms.CharField(label="Notice references (if you chose a list)", required=False,
                                          widget=forms.Textarea(attrs={"rows": 3}),
                                          help_text="One reference per line, for example K7Q-3MX-9PD")
    first_channel = forms.ChoiceField(label="Send by", choices=_channel_choices, initial="email")
    then_channel = forms.ChoiceField(label="Then, where that is not possible or it bounces", required=False,
                                     choices=lambda: [("", "Nothing else")] + _channel_choices(), initial="letter")
    scheduled_at = forms.DateTimeField(label="Start sending at (optional)", required=False, widget=LondonDateTimeInput,
                                       help_text="Leave empty to start as soon as you press start")
    throttle_per_minute = forms.IntegerField(label="At most this many a minute (optional)", required=False, min_value=0)

    def clean(self):
        data = super().clean()
        if data.get("audience") == Campaign.Audience.CATEGORY and not data.get("audience_category"):
            self.add_error("audience_category", "Choose the kind of information")
        refs = [r.strip().upper() for r in (data.get("audience_references") or "").split() if r.strip()]
        data["references"] = refs
        if data.get("audience") == Campaign.Audience.REFERENCES and not refs:
            self.add_error("audience_references", "Enter at least one notice reference")
        if data.get("then_channel") and data.get("then_channel") == data.get("first_channel"):
            self.add_error("then_channel", "Choose a different channel, or nothing else")
        return data

    def campaign_fields(self) -> dict:
        d = self.cleaned_data
        return {"name": d["name"], "audience": d["audience"], "audience_category": d.get("audience_category") or "",
                "audience_references": d["references"],
                "channels": [c for c in (d["first_channel"], d.get("then_channel")) if c],
                "scheduled_at": d.get("scheduled_at"), "throttle_per_minute": d.get("throttle_per_minute") or 0}


class SafeChannelForm(GovukForm, forms.Form):
    required_messages = {"how_confirmed": "Say how the safe channel was confirmed"}
    channel = forms.ChoiceField(label="Safe channel", choices=[("email", "Email"), ("letter", "Letter"),
                                                               ("sms", "Text message")], widget=forms.RadioSelect)
    email = forms.EmailField(label="Safe email address", required=False)
    address = forms.CharField(label="Safe postal address", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    postcode = forms.CharField(label="Postcode", required=False, max_length=10)
    phone = forms.CharField(label="Safe mobile number", required=False, max_length=20)
    how_confirmed = forms.CharField(label="How was this confirmed as safe?", widget=forms.Textarea(attrs={"rows": 2}),
                                    help_text="For example: the person confirmed it by phone, or their support "
                                              "worker did")


class PublicStatementForm(GovukForm, forms.Form):
    required_messages = {"at": "Enter when the statement will be made", "where": "Say where it will be made"}
    at = forms.DateTimeField(label="When will the statement be made?", widget=LondonDateTimeInput)
    where = forms.CharField(label="Where?", help_text="For example: a press release and a notice on our website",
                            widget=forms.Textarea(attrs={"rows": 2}))
    reason = forms.CharField(label="Reason for going ahead before everyone at high risk has been told", required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))


class PublicCommunicationForm(GovukForm, forms.Form):
    required_messages = {"reason": "Say why telling each person would be disproportionate",
                         "where": "Say where the public communication is made"}
    reason = forms.CharField(label="Why would telling each person be disproportionate?",
                             widget=forms.Textarea(attrs={"rows": 3}))
    where = forms.CharField(label="Where is the public communication made?", widget=forms.Textarea(attrs={"rows": 2}))
