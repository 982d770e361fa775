"""Teacher and consent forms; organization choices are limited to the user's scope."""

from django import forms
from django.utils.translation import gettext_lazy as _

from resurs.common.forms import StyledFormMixin, VersionedModelForm
from resurs.common.scoping import restrict
from resurs.territory.models import Organization

from .models import Consent, Teacher


class TeacherForm(VersionedModelForm):
    class Meta:
        model = Teacher
        fields = [
            "surname",
            "name",
            "patronymic",
            "gender",
            "birth_date",
            "organization",
            "position",
            "subjects",
            "category",
            "category_assigned_on",
            "category_expires_on",
            "experience_total",
            "experience_specialty",
            "is_young_specialist",
            "is_innovator",
            "email",
            "phone",
            "is_active",
        ]
        widgets = {
            "birth_date": forms.DateInput(),
            "category_assigned_on": forms.DateInput(),
            "category_expires_on": forms.DateInput(),
            "subjects": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        code = "people.teacher:change" if self.instance.pk else "people.teacher:add"
        # The organizations where this user may keep teachers: the teacher code applied to organizations.
        self.fields["organization"].queryset = restrict(Organization.objects.select_related("municipality"), user, code)


class ConsentForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Consent
        fields = ["given_on", "purpose"]
        widgets = {"given_on": forms.DateInput()}


class ConsentWithdrawForm(StyledFormMixin, forms.Form):
    withdrawn_on = forms.DateField(label=_("Withdrawn on"), widget=forms.DateInput())
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)
