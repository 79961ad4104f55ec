from django import forms

from breachdesk.web.core.forms import GovukForm


class ImportForm(GovukForm, forms.Form):
    required_messages = {"file": "Choose the people.parquet or people.csv file that scoping made"}
    file = forms.FileField(label="The people file from scoping",
                           help_text="people.parquet or people.csv. Importing again after a new scan updates people; "
                                     "it never adds them twice.")


class SafeguardingForm(GovukForm, forms.Form):
    safeguarding = forms.BooleanField(
        label="This person may be at risk if contacted at the address we hold", required=False,
        help_text="For example a confidential address, or someone who must not be contacted at home. "
                  "They will be held out of every automatic send.")
    vulnerable = forms.BooleanField(label="This person may need extra support", required=False)
