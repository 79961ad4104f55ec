from django import forms

from breachdesk.web.core.forms import GovukForm


class NewTokenForm(GovukForm, forms.Form):
    required_messages = {"name": "Enter what the token is for"}
    name = forms.CharField(
        label="What is this token for?", max_length=100,
        help_text="For example, 'Service desk integration'. The token acts as you, with your role.",
        error_messages={"required": "Enter what the token is for"},
    )
