from django import forms

from breachdesk.web.core.forms import GovukForm

_CODE_ATTRS = {"autocomplete": "one-time-code", "inputmode": "numeric", "class": "govuk-input--width-5",
               "spellcheck": "false"}
_CODE_HINT = "The 6-digit code from your authenticator app."


def _password():
    return forms.CharField(label="Password", strip=False,
                           widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class SignInForm(GovukForm, forms.Form):
    required_messages = {"email": "Enter your email address", "password": "Enter your password"}
    email = forms.EmailField(label="Email address",
                             widget=forms.EmailInput(attrs={"autocomplete": "username", "spellcheck": "false"}))
    password = _password()


class TokenForm(GovukForm, forms.Form):
    required_messages = {"token": "Enter the security code"}
    token = forms.CharField(label="Security code", help_text=_CODE_HINT, max_length=8,
                            widget=forms.TextInput(attrs=_CODE_ATTRS))

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError("Enter the code using numbers only")
        return token


class SudoForm(GovukForm, forms.Form):
    required_messages = {"password": "Enter your password"}
    password = _password()
    token = forms.CharField(label="Security code", required=False, max_length=8, help_text=_CODE_HINT,
                            widget=forms.TextInput(attrs=_CODE_ATTRS))
