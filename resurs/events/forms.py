"""Event forms: the event (choices limited to what the rule allows), cancelling, speakers, materials, bulk
registration and the public registration form (with the consent to personal-data processing, 152-ФЗ art. 9)."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from resurs.catalogs.models import Competence, EducationLevel, Position, Subject, WorkForm
from resurs.centers.models import Association, Center
from resurs.common.forms import StyledFormMixin, VersionedModelForm
from resurs.common.scoping import restrict
from resurs.people.models import Teacher
from resurs.territory.models import Organization

from . import services
from .models import Event

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_FORMAT, **kwargs)


class EventForm(VersionedModelForm):
    """An event of a center. The venue is an organization of the center's municipality (another is "not a choice",
    like an id that does not exist); the association one of the center's."""

    class Meta:
        model = Event
        fields = ["center", *services.EVENT_FIELDS, *services.EVENT_M2M]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "title": forms.TextInput,
            "starts_at": DateTimeInput,
            "ends_at": DateTimeInput,
            "registration_opens_at": DateTimeInput,
            "registration_closes_at": DateTimeInput,
            "subjects": forms.SelectMultiple(attrs={"size": 6}),
            "positions": forms.SelectMultiple(attrs={"size": 6}),
            "levels": forms.SelectMultiple(attrs={"size": 4}),
            "competences": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, user=None, center=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
            self.fields[name].input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]
        centers = restrict(Center.objects.filter(status="active"), user, "events.event:add").select_related(
            "organization"
        )
        if self.instance.pk:
            self.fields.pop("center")
            center = self.instance.center
        else:
            self.fields["center"].queryset = centers.order_by("name")
            if center is None and self.is_bound:
                center = self.fields["center"].queryset.filter(pk=_pk(self.data.get("center"))).first()
            if center is None and len(self.fields["center"].queryset) == 1:
                center = self.fields["center"].queryset[0]
                self.fields["center"].initial = center
        self.center = center
        self.fields["form"].queryset = WorkForm.objects.filter(is_active=True)
        municipalities = (
            [center.organization.municipality_id]
            if center
            else list(centers.values_list("organization__municipality_id", flat=True))
        )
        self.fields["venue"].queryset = Organization.objects.filter(municipality_id__in=municipalities).order_by(
            "short_name"
        )
        associations = Association.objects.filter(is_active=True)
        self.fields["association"].queryset = (
            associations.filter(center=center) if center else associations.filter(center__in=centers)
        )
        self.fields["subjects"].queryset = Subject.objects.filter(is_active=True)
        self.fields["positions"].queryset = Position.objects.filter(is_active=True)
        self.fields["levels"].queryset = EducationLevel.objects.filter(is_active=True)
        self.fields["competences"].queryset = Competence.objects.filter(is_active=True)
        self.fields["venue"].required = False
        self.fields["version_seen"].required = bool(self.instance.pk)

    def service_values(self):
        data = self.cleaned_data
        skip = {"center", "version_seen", *services.EVENT_M2M}
        values = {k: v for k, v in data.items() if k not in skip}
        for name in services.EVENT_M2M:
            values[name] = list(data.get(name) or [])
        return values


def _pk(value):
    from resurs.common.filtersets import pk_or_none

    return pk_or_none(value)


class CancelForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason for cancelling"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class SpeakerForm(StyledFormMixin, forms.Form):
    teacher = forms.ModelChoiceField(label=_("Teacher"), queryset=Teacher.objects.none(), required=False)
    full_name = forms.CharField(label=_("Full name (a guest)"), max_length=300, required=False)
    organization_name = forms.CharField(label=_("Organization"), max_length=300, required=False)
    topic = forms.CharField(label=_("Topic"), max_length=500, required=False)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teacher"].queryset = Teacher.objects.filter(
            is_active=True, municipality_id=event.center.organization.municipality_id
        ).select_related("organization")


class MaterialForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    file = forms.FileField(label=_("File"), required=False)
    url = forms.URLField(label=_("Link"), max_length=500, required=False, assume_scheme="https")


class BulkRegistrationForm(StyledFormMixin, forms.Form):
    teachers = forms.ModelMultipleChoiceField(
        label=_("Teachers"), queryset=Teacher.objects.none(), widget=forms.SelectMultiple(attrs={"size": 15})
    )

    def __init__(self, *args, teachers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teachers"].queryset = teachers.order_by("organization__short_name", "surname", "name")
        self.fields["teachers"].label_from_instance = lambda t: f"{t.full_name} — {t.organization.short_name}"


class PublicRegistrationForm(StyledFormMixin, forms.Form):
    """The public form of an event page: who registers, their organization of the municipality and position, and
    the consent to personal-data processing (required)."""

    surname = forms.CharField(label=_("Surname"), max_length=100)
    name = forms.CharField(label=_("First name"), max_length=100)
    patronymic = forms.CharField(label=_("Patronymic"), max_length=100, required=False)
    email = forms.EmailField(label=_("E-mail"))
    organization = forms.ModelChoiceField(label=_("Organization"), queryset=Organization.objects.none())
    position = forms.ModelChoiceField(label=_("Position"), queryset=Position.objects.none())
    consent = forms.BooleanField(
        label=_("I consent to the processing of my personal data for registering and recording my participation"),
        required=False,
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(
            municipality_id=event.center.organization.municipality_id
        ).order_by("short_name")
        self.fields["organization"].label_from_instance = lambda o: o.short_name
        self.fields["position"].queryset = Position.objects.filter(is_active=True)


def default_times():
    """The start and end a new event form offers: next week, 15:00–17:00."""
    start = timezone.localtime().replace(hour=15, minute=0, second=0, microsecond=0) + datetime.timedelta(days=7)
    return start, start + datetime.timedelta(hours=2)


RATINGS = [(i, str(i)) for i in range(1, 6)]


class FeedbackForm(StyledFormMixin, forms.Form):
    """The short survey after a held event (only for those who attended)."""

    satisfaction = forms.TypedChoiceField(
        label=_("How satisfied are you with the event? (1 — not at all, 5 — fully)"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
    )
    usefulness = forms.TypedChoiceField(
        label=_("How useful is it for your work? (1 — not at all, 5 — very)"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ReasonForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=1000)
