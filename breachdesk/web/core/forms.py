"""GOV.UK Design System rendering for every Django form.

Forms mix in ``GovukForm``; the renderer (settings.FORM_RENDERER) draws labels, hints,
error messages and fieldsets the GOV.UK way, and the error summary links to each field.
"""

from django import forms
from django.forms.renderers import DjangoTemplates

_CLASSES = {
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.CheckboxSelectMultiple: "govuk-checkboxes__input",
    forms.RadioSelect: "govuk-radios__input",
    forms.CheckboxInput: "govuk-checkboxes__input",
    forms.ClearableFileInput: "govuk-file-upload",
    forms.FileInput: "govuk-file-upload",
}


class GovukRenderer(DjangoTemplates):
    form_template_name = "core/forms/div.html"
    field_template_name = "core/forms/field.html"


class GovukForm:
    """Adds the design system's classes, and points each input at its error message.

    ``required_messages`` maps a field to what to say when it is left empty, in the design
    system's words ("Enter …", "Choose …"); otherwise "Enter <label>" is said.
    """

    required_messages: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.error_messages.get("required") != forms.Field.default_error_messages["required"]:
                continue  # the field says it its own way already
            label = str(field.label or name).rstrip("?").rstrip()
            default = f"Enter {label[:1].lower()}{label[1:]}"
            field.error_messages["required"] = self.required_messages.get(name, default)
        for field in self.fields.values():
            widget = field.widget
            css = next((c for t, c in _CLASSES.items() if type(widget) is t), "govuk-input")
            widget.attrs["class"] = f"{css} {widget.attrs.get('class', '')}".strip()

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                bound = self[name]
                described = [f"{bound.auto_id}-error"]
                if self.fields[name].help_text:
                    described.append(f"{bound.auto_id}_helptext")
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(described)


class LondonDateTimeInput(forms.DateTimeInput):
    """A native date-and-time input; values are read and shown as UK time."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


def posted(request):
    """The submitted data, or None for a GET. ``request.POST or None`` would treat a form
    submitted with every field empty as not submitted, and show no errors."""
    return request.POST if request.method == "POST" else None
