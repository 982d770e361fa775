"""Forms of monitoring: choice lists restricted to what the user reaches (an id outside is «not a choice»)."""

import json

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from resurs.centers.models import Center
from resurs.common.forms import StyledFormMixin, VersionedModelForm
from resurs.common.scoping import restrict
from resurs.territory.models import Municipality, Organization, OrganizationType

from .models import GROUP_CHOICES, Indicator, SupportCase, SupportStep


class IndicatorForm(VersionedModelForm):
    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "unit",
            "level",
            "block",
            "value_type",
            "direction",
            "period",
            "formula",
            "source",
            "min_value",
            "max_value",
            "part_of",
            "sort_order",
            "is_active",
        ]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)


def request_scope(user):
    """(municipalities, centers) a user may send data requests from."""
    centers = restrict(Center.objects.filter(status="active"), user, "monitoring.datarequest:add")
    municipalities = restrict(
        Municipality.objects.all(), user, "monitoring.datarequest:add"
    ) | Municipality.objects.filter(pk__in=centers.values("organization__municipality"))
    return municipalities.distinct(), centers


class DataRequestForm(StyledFormMixin, forms.Form):
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=Municipality.objects.none())
    center = forms.ModelChoiceField(
        label=_("Sent by the center"),
        queryset=Center.objects.none(),
        required=False,
        help_text=_("Leave empty when the education department sends the request itself."),
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput)
    indicators = forms.ModelMultipleChoiceField(
        label=_("Indicators"), queryset=Indicator.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    organizations = forms.ModelMultipleChoiceField(
        label=_("Organizations"), queryset=Organization.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(label=_("Instructions"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        municipalities, centers = request_scope(user)
        self.fields["municipality"].queryset = municipalities
        self.fields["center"].queryset = centers.select_related("organization")
        self.fields["indicators"].queryset = Indicator.objects.filter(
            is_active=True, level=Indicator.Level.ORGANIZATION, formula=""
        )
        self.fields["organizations"].queryset = Organization.objects.filter(municipality__in=municipalities).order_by(
            "short_name"
        )
        self.fields["year"].initial = timezone.localdate().year
        if municipalities.count() == 1:
            self.fields["municipality"].initial = municipalities.first()


class ReturnForm(StyledFormMixin, forms.Form):
    comment = forms.CharField(label=_("What to correct"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ResponseForm(StyledFormMixin, forms.Form):
    """One text field per indicator of the request: the service checks types, ranges and sums (coded errors)."""

    def __init__(self, *args, indicators=(), values=None, disabled=False, **kwargs):
        super().__init__(*args, **kwargs)
        values = values or {}
        for indicator in indicators:
            label = indicator.name + (f", {indicator.unit}" if indicator.unit else "")
            self.fields[indicator.code] = forms.CharField(
                label=label, required=False, initial=values.get(indicator.code, ""), disabled=disabled
            )
            self.fields[indicator.code].widget.attrs["inputmode"] = "decimal"
        self.indicators = list(indicators)


class VersionForm(StyledFormMixin, forms.Form):
    rules = forms.CharField(
        label=_("Rules (JSON)"), widget=forms.Textarea(attrs={"rows": 18, "class": "font-monospace"})
    )
    note = forms.CharField(label=_("What changed"), max_length=300, required=False)

    def clean_rules(self):
        try:
            return json.loads(self.cleaned_data["rules"])
        except ValueError:
            raise forms.ValidationError(_("The rules are not valid JSON."), code="invalid_rules") from None


class RunForm(StyledFormMixin, forms.Form):
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=Municipality.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        municipalities = restrict(Municipality.objects.all(), user, "monitoring.identificationrun:add")
        self.fields["municipality"].queryset = municipalities
        if municipalities.count() == 1:
            self.fields["municipality"].initial = municipalities.first()


def support_choices(user, code):
    schools = restrict(Organization.objects.filter(kind=OrganizationType.SCHOOL), user, code)
    regions = Municipality.objects.filter(pk__in=schools.values("municipality")).values("region")
    centers = Center.objects.filter(status="active", organization__municipality__region__in=regions)
    return schools.order_by("short_name"), centers.order_by("name")


class SupportCreateForm(StyledFormMixin, forms.Form):
    organization = forms.ModelChoiceField(label=_("School"), queryset=Organization.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    group = forms.ChoiceField(label=_("Group"), choices=GROUP_CHOICES)
    supporting_centers = forms.ModelMultipleChoiceField(
        label=_("Supporting centers"), queryset=Center.objects.none(), required=False
    )
    partner_schools = forms.ModelMultipleChoiceField(
        label=_("Partner schools"), queryset=Organization.objects.none(), required=False
    )
    goal = forms.CharField(label=_("Goal of the support"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        schools, centers = support_choices(user, "monitoring.supportcase:add")
        self.fields["organization"].queryset = schools
        self.fields["partner_schools"].queryset = schools
        self.fields["supporting_centers"].queryset = centers


class SupportEditForm(VersionedModelForm):
    class Meta:
        model = SupportCase
        fields = ["supporting_centers", "partner_schools", "goal", "status"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        case = self.instance
        schools = Organization.objects.filter(
            municipality_id=case.organization.municipality_id, kind=OrganizationType.SCHOOL
        ).exclude(pk=case.organization_id)
        self.fields["partner_schools"].queryset = schools.order_by("short_name")
        self.fields["supporting_centers"].queryset = Center.objects.filter(
            status="active", organization__municipality__region_id=case.organization.municipality.region_id
        ).order_by("name")


class StepForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = SupportStep
        fields = ["title", "responsible", "deadline"]
        widgets = {"deadline": forms.DateInput}


class StepEditForm(VersionedModelForm):
    class Meta:
        model = SupportStep
        fields = ["title", "responsible", "deadline", "status", "result"]
        widgets = {"deadline": forms.DateInput, "result": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
