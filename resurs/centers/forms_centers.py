"""Forms of the center page: own fields, staff, associations, agreements, documents, termination.

Teachers are offered from the organizations of the center's municipality and shown only with what the work needs:
name, organization, category and experience in the specialty (SPEC §1: no personal data beyond that).
"""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from resurs.accounts.models import User
from resurs.catalogs.models import ContentDirection
from resurs.common.forms import StyledFormMixin, VersionedModelForm
from resurs.common.uploads import validate_upload
from resurs.people.models import Teacher

from . import services
from .models import Agreement, Association, Center, Order, StaffRole
from .selectors_centers import appointable_users, center_orders, municipality_organizations, municipality_teachers


def teacher_label(teacher):
    """«Иванова Мария Петровна — СОШ № 1, первая, 8 years in the specialty»: nothing more about the person."""
    category = teacher.category.name if teacher.category else _("no category")
    years = ngettext(
        "%(years)s year in the specialty", "%(years)s years in the specialty", teacher.experience_specialty
    ) % {"years": teacher.experience_specialty}
    return f"{teacher.full_name} — {teacher.organization.short_name}, {category}, {years}"


class TeacherChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return teacher_label(obj)


class TeacherMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return teacher_label(obj)


class CenterForm(VersionedModelForm):
    """The center's own fields, kept by the department and the center head."""

    website = forms.URLField(label=_("website"), required=False, max_length=200, assume_scheme="https")

    class Meta:
        model = Center
        fields = ["description", "directions", "email", "phone", "website"]
        widgets = {"directions": forms.CheckboxSelectMultiple, "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.directions.all() if self.instance.pk else ContentDirection.objects.none()
        self.fields["directions"].queryset = ContentDirection.objects.filter(is_active=True) | current


class StaffAssignForm(StyledFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("Function"), choices=StaffRole.choices)
    teacher = TeacherChoiceField(label=_("Teacher"), queryset=Teacher.objects.none(), required=False)
    user = forms.ModelChoiceField(label=_("User"), queryset=User.objects.none(), required=False)
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=300,
        required=False,
        help_text=_("For an external specialist who is neither a teacher of the municipality nor a user."),
    )
    position = forms.CharField(label=_("Position"), max_length=300, required=False)
    contract = forms.CharField(
        label=_("Contract"), max_length=300, required=False, help_text=_("Required for an external specialist.")
    )
    starts_on = forms.DateField(label=_("From"))
    ends_on = forms.DateField(label=_("Until"), required=False)
    order = forms.ModelChoiceField(label=_("Order"), queryset=Order.objects.none(), required=False)
    override_reason = forms.CharField(
        label=_("Reason to appoint despite the eligibility warning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, center, **kwargs):
        super().__init__(*args, **kwargs)
        self.center = center
        self.warnings = []
        self.fields["teacher"].queryset = municipality_teachers(center)
        self.fields["user"].queryset = appointable_users(center).filter(is_active=True)
        self.fields["order"].queryset = center_orders(center)

    def clean(self):
        data = super().clean()
        # 001 § 5.7: shown with the form; the service refuses without an override reason.
        self.warnings = services.eligibility_warnings(
            data.get("role"), teacher=data.get("teacher"), user=data.get("user")
        )
        return data


class StaffEndForm(StyledFormMixin, forms.Form):
    ends_on = forms.DateField(label=_("Until"))


class AssociationForm(VersionedModelForm):
    head = TeacherChoiceField(label=_("Head"), queryset=Teacher.objects.none(), required=False)
    members = TeacherMultipleChoiceField(
        label=_("Members"),
        queryset=Teacher.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
    )
    new_order_number = forms.CharField(
        label=_("Number of a new order approving the composition"),
        max_length=30,
        required=False,
        help_text=_("Fill the number or the date to issue the base organization's order (001 § 5.5)."),
    )
    new_order_date = forms.DateField(label=_("Date of the new order"), required=False)

    class Meta:
        model = Association
        fields = ["kind", "name", "topic", "subject", "head", "members", "order", "is_active"]

    def __init__(self, *args, center, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.center = center
        teachers = municipality_teachers(center)
        for name in ("head", "members"):
            self.fields[name].queryset = teachers
        self.fields["order"].queryset = center_orders(center)


class AgreementForm(VersionedModelForm):
    class Meta:
        model = Agreement
        fields = [
            "party_kind",
            "party_organization",
            "party",
            "number",
            "date",
            "starts_on",
            "ends_on",
            "subject",
            "file",
        ]
        widgets = {"subject": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, center, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.center = center
        self.fields["party_organization"].queryset = municipality_organizations(center)
        # Left empty, the service fills it from the organization (or refuses with party_missing).
        self.fields["party"].required = False
        self.fields["party"].help_text = _("Filled from the organization when left empty.")

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            validate_upload(upload)
        return upload


class CenterDocumentForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    file = forms.FileField(label=_("File"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_upload(upload)
        return upload


class TerminateForm(StyledFormMixin, forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=[(v, label) for v, label in Center.TerminationReason.choices if v != Center.TerminationReason.EXPIRED],
    )
    text = forms.CharField(
        label=_("Details"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the reason is «other»."),
    )
    order_number = forms.CharField(
        label=_("Order number"), max_length=30, required=False, help_text=_("Leave empty for the next number.")
    )
    order_date = forms.DateField(label=_("Order date"))
