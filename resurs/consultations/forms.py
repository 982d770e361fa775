"""Consultation forms: the request (its choices limited to what the rule allows: the active centers of the asker's
municipality, an organization administrator's own organizations and teachers) and the forms of the workflow steps."""

from django import forms
from django.utils.translation import gettext_lazy as _

from resurs.catalogs.models import ContentDirection
from resurs.centers.models import Center
from resurs.common.forms import StyledFormMixin
from resurs.common.scoping import restrict
from resurs.people.models import Teacher
from resurs.territory.models import Organization

from . import selectors
from .models import Consultation
from .permissions import ADD

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_FORMAT, **kwargs)


class ConsultationForm(StyledFormMixin, forms.Form):
    """The request. A teacher asks for themselves (no organization or teacher field); an organization administrator
    chooses one of its organizations and, optionally, one of its teachers."""

    organization = forms.ModelChoiceField(label=_("Organization"), queryset=Organization.objects.none())
    teacher = forms.ModelChoiceField(
        label=_("Teacher"),
        queryset=Teacher.objects.none(),
        required=False,
        help_text=_("Empty: a request of the organization (a group consultation, for instance)."),
    )
    center = forms.ModelChoiceField(label=_("Center"), queryset=Center.objects.none())
    kind = forms.ChoiceField(label=_("Preferred format"), choices=Consultation.Kind.choices)
    direction = forms.ModelChoiceField(label=_("Content direction"), queryset=ContentDirection.objects.none())
    topic = forms.CharField(label=_("Topic"), max_length=500)
    question = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 5}))
    attachment = forms.FileField(
        label=_("Attachment"), required=False, help_text=_("PDF, DOCX, XLSX, ODT, JPG or PNG.")
    )

    def __init__(self, *args, user, teacher=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.own_teacher = teacher
        # An organization administrator: the organizations its `add` code reaches (the teacher role reaches none).
        organizations = restrict(Organization.objects.all(), user, ADD)
        if organizations.exists():
            self.fields["organization"].queryset = organizations.order_by("short_name")
            self.fields["teacher"].queryset = (
                Teacher.objects.filter(organization__in=organizations, is_active=True)
                .select_related("organization")
                .order_by("surname", "name", "patronymic", "id")
            )
            municipalities = organizations.values("municipality")
        else:
            del self.fields["organization"]
            del self.fields["teacher"]
            municipalities = [teacher.organization.municipality_id] if teacher is not None else []
        self.fields["center"].queryset = (
            Center.objects.filter(status=Center.Status.ACTIVE, organization__municipality__in=municipalities)
            .select_related("organization")
            .order_by("name")
        )
        self.fields["direction"].queryset = ContentDirection.objects.filter(is_active=True)

    def clean(self):
        data = super().clean()
        teacher, organization = data.get("teacher"), data.get("organization")
        if teacher is not None and organization is not None and teacher.organization_id != organization.pk:
            self.add_error("teacher", _("The teacher is not of the chosen organization."))
        return data

    def service_values(self):
        data = self.cleaned_data
        values = {
            "center": data["center"],
            "kind": data["kind"],
            "direction": data["direction"],
            "topic": data["topic"],
            "question": data["question"],
            "upload": data.get("attachment") or None,
        }
        if "organization" in self.fields:
            values["organization"] = data["organization"]
            values["teacher"] = data.get("teacher")
        else:
            values["teacher"] = self.own_teacher
        return values


class AssignForm(StyledFormMixin, forms.Form):
    methodist = forms.ModelChoiceField(label=_("Methodist"), queryset=selectors.center_methodists(None).none())

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["methodist"].queryset = selectors.center_methodists(consultation.center)
        self.fields["methodist"].label_from_instance = lambda u: u.get_full_name() or u.username


class RejectForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason for rejecting"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AnswerForm(StyledFormMixin, forms.Form):
    text = forms.CharField(label=_("Written answer"), required=False, widget=forms.Textarea(attrs={"rows": 5}))


class ScheduleForm(StyledFormMixin, forms.Form):
    meeting_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=DateTimeInput,
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
    )
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    url = forms.URLField(label=_("Link to the online room"), max_length=500, required=False, assume_scheme="https")


class HoldForm(StyledFormMixin, forms.Form):
    notes = forms.CharField(label=_("Notes of the meeting"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class RateForm(StyledFormMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Rating"), coerce=int, choices=[(i, str(i)) for i in range(5, 0, -1)], widget=forms.RadioSelect
    )
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class EmptyForm(forms.Form):
    pass


# action -> (form class, function(cleaned data) -> keyword arguments of the service)
ACTION_FORMS = {
    "assign": (AssignForm, lambda d: {"methodist": d["methodist"]}),
    "reject": (RejectForm, lambda d: {"reason": d["reason"]}),
    "answer": (AnswerForm, lambda d: {"text": d["text"]}),
    "schedule": (ScheduleForm, lambda d: {"meeting_at": d["meeting_at"], "place": d["place"], "url": d["url"]}),
    "hold": (HoldForm, lambda d: {"notes": d["notes"]}),
    "close": (EmptyForm, lambda d: {}),
    "cancel": (EmptyForm, lambda d: {}),
    "rate": (RateForm, lambda d: {"rating": d["rating"], "comment": d["comment"]}),
}
