"""Form helpers: Bootstrap widget classes and the hidden version that detects concurrent edits."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class StyledFormMixin:
    """Gives every widget its Bootstrap class."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, (forms.CheckboxInput,)):
                css = "form-check-input"
            elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
                css = "form-select"
            elif isinstance(widget, forms.CheckboxSelectMultiple):
                css = ""
            else:
                css = "form-control"
            if css:
                widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()
            if isinstance(widget, forms.DateInput):
                widget.input_type = "date"
                widget.format = "%Y-%m-%d"


class VersionedModelForm(StyledFormMixin, forms.ModelForm):
    """A model form that carries the version it was opened at (optimistic locking)."""

    version_seen = forms.IntegerField(widget=forms.HiddenInput, required=False, label=_("version"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance and self.instance.pk and hasattr(self.instance, "version"):
            self.fields["version_seen"].initial = self.instance.version


class UploadForm(StyledFormMixin, forms.Form):
    file = forms.FileField(label=_("File"))


def add_service_error(form, exc):
    """A ServiceError on the form, on its field when the form has it, keeping the service's code."""
    form.add_error(exc.field if exc.field in form.fields else None, ValidationError(exc.message, code=exc.code))
