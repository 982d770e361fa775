"""The upload form of the template registry."""

from django import forms
from django.utils.translation import gettext_lazy as _

from resurs.common.forms import StyledFormMixin


class TemplateUploadForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=_("New version (.docx)"),
        help_text=_("Fields in double curly braces, e.g. {{ number }}, are filled in when a document is issued."),
    )
    comment = forms.CharField(label=_("What changed"), max_length=300, required=False)
