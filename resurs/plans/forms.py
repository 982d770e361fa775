"""Plan forms: creation, header, items (with the plan's version), return with comments, execution, deadlines."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from resurs.catalogs.models import PlanSection, WorkForm
from resurs.centers.models import Association, Center
from resurs.common.forms import StyledFormMixin, UploadForm, VersionedModelForm
from resurs.common.scoping import restrict
from resurs.territory.models import Municipality, Organization

from .models import Plan, PlanDeadline, PlanItem
from .services import HEADER_FIELDS


def year_choices(today=None):
    year = (today or timezone.localdate()).year
    return [(y, str(y)) for y in range(year - 1, year + 3)]


class PlanVersionField(forms.IntegerField):
    """The plan's version the form was opened at: a save against a newer version is refused (concurrent edit)."""

    def __init__(self, **kwargs):
        super().__init__(widget=forms.HiddenInput, required=True, label=_("version"), **kwargs)


class PlanCreateForm(StyledFormMixin, forms.Form):
    """A new plan of a center or of one of its associations; the period follows the center's kind."""

    START_EMPTY = "empty"
    START_COPY = "copy"
    START_IMPORT = "import"

    center = forms.ModelChoiceField(label=_("Center"), queryset=Center.objects.none())
    association = forms.ModelChoiceField(
        label=_("Association"),
        queryset=Association.objects.none(),
        required=False,
        help_text=_("Leave empty for the plan of the center itself."),
    )
    year = forms.TypedChoiceField(
        label=_("Year"),
        coerce=int,
        help_text=_("For a center planning by academic year: the year the academic year begins."),
    )
    start = forms.ChoiceField(
        label=_("Start with"),
        choices=[
            (START_EMPTY, _("an empty plan")),
            (START_COPY, _("a copy of the previous period's plan (dates moved by a year)")),
            (START_IMPORT, _("an empty plan, then import the items from XLSX")),
        ],
        initial=START_EMPTY,
        widget=forms.RadioSelect,
    )
    methodological_theme = forms.CharField(
        label=_("Methodological theme"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    goal = forms.CharField(label=_("Goal"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["center"].queryset = restrict(
            Center.objects.filter(status="active").select_related("organization", "kind"), user, "plans.plan:add"
        ).order_by("name")
        self.fields["association"].queryset = restrict(
            Association.objects.filter(is_active=True).select_related("center"), user, "plans.plan:add"
        ).order_by("center__name", "name")
        self.fields["year"].choices = year_choices()
        self.fields["year"].initial = timezone.localdate().year
        self.fields["start"].widget.attrs.pop("class", None)


class PlanHeaderForm(VersionedModelForm):
    """The header of 001 appendix 1; `version_seen` detects concurrent edits."""

    class Meta:
        model = Plan
        fields = list(HEADER_FIELDS)
        widgets = {f: forms.Textarea(attrs={"rows": 3}) for f in HEADER_FIELDS}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version_seen"].required = True


class PlanItemForm(StyledFormMixin, forms.ModelForm):
    """A row of the calendar-thematic table; carries the plan's version (concurrent edits of the plan)."""

    version = PlanVersionField()
    month_only = forms.BooleanField(
        label=_("Month only"), required=False, help_text=_("The day is not fixed yet: the plan shows the month.")
    )

    class Meta:
        model = PlanItem
        fields = [
            "section",
            "form",
            "topic",
            "date",
            "venue",
            "is_online",
            "responsible",
            "audience",
            "expected_product",
        ]
        widgets = {"date": forms.DateInput, "topic": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["section"].queryset = PlanSection.objects.filter(is_active=True)
        self.fields["form"].queryset = WorkForm.objects.filter(is_active=True)
        # Only the municipality's organizations are accepted, as in the API: one from elsewhere is "not a choice",
        # like an id that does not exist (its existence does not leak); the service keeps venue_municipality.
        self.fields["venue"].queryset = Organization.objects.filter(
            municipality_id=plan.center.organization.municipality_id
        ).order_by("short_name")
        self.fields["venue"].label_from_instance = lambda org: org.short_name
        self.fields["venue"].help_text = _("An organization of the municipality; leave empty for an online item.")
        self.fields["version"].initial = plan.version
        if self.instance.pk:
            self.fields["month_only"].initial = self.instance.date_precision == PlanItem.DatePrecision.MONTH

    def service_values(self):
        data = self.cleaned_data
        values = {name: data[name] for name in self.Meta.fields}
        values["date_precision"] = PlanItem.DatePrecision.MONTH if data["month_only"] else PlanItem.DatePrecision.DAY
        return values


class VersionForm(forms.Form):
    """A confirmation (delete an item) that carries the plan's version."""

    version = PlanVersionField()


class ReturnForm(StyledFormMixin, forms.Form):
    """The coordinator's overall comment and a comment field per item (keyed by the item's stable uid)."""

    comment = forms.CharField(label=_("Overall comment"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[self.field_name(item)] = forms.CharField(
                label=item.topic, required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 1})
            )
            # The mixin styled the declared fields before these were added.
            self.fields[self.field_name(item)].widget.attrs["class"] = "form-control form-control-sm"

    @staticmethod
    def field_name(item):
        return f"item_{item.uid}"

    def rows(self):
        """(item, bound field) pairs for the template."""
        return [(item, self[self.field_name(item)]) for item in self.items]

    def item_comments(self):
        return {str(item.uid): self.cleaned_data.get(self.field_name(item), "") for item in self.items}


class ExecutionForm(StyledFormMixin, forms.Form):
    execution = forms.ChoiceField(label=_("Execution"), choices=PlanItem.Execution.choices)
    done_on = forms.DateField(label=_("Done on"), required=False, widget=forms.DateInput)
    new_date = forms.DateField(label=_("New date"), required=False, widget=forms.DateInput)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)


def period_choices(today=None):
    """Calendar years and academic years around today, as the start of the period (PlanDeadline.period_start)."""
    year = (today or timezone.localdate()).year
    choices = []
    for y in range(year - 1, year + 3):
        choices.append((datetime.date(y, 1, 1).isoformat(), _("%(year)s (calendar year)") % {"year": y}))
        choices.append(
            (datetime.date(y, 9, 1).isoformat(), _("%(start)s/%(end)s (academic year)") % {"start": y, "end": y + 1})
        )
    return choices


class PlanDeadlineForm(StyledFormMixin, forms.ModelForm):
    """The last day to submit plans of a period in a municipality (late submissions are marked, not blocked)."""

    period_start = forms.TypedChoiceField(
        label=_("Period"), coerce=datetime.date.fromisoformat, choices=(), empty_value=None
    )

    class Meta:
        model = PlanDeadline
        fields = ["municipality", "period_start", "deadline"]
        widgets = {"deadline": forms.DateInput}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        code = "plans.plandeadline:change" if self.instance.pk else "plans.plandeadline:add"
        self.fields["municipality"].queryset = restrict(Municipality.objects.all(), user, code)
        choices = period_choices()
        if self.instance.pk and self.instance.period_start.isoformat() not in dict(choices):
            choices.insert(0, (self.instance.period_start.isoformat(), self.instance.period_start.strftime("%d.%m.%Y")))
        self.fields["period_start"].choices = choices
        if self.instance.pk:
            self.initial["period_start"] = self.instance.period_start.isoformat()


class PlanImportForm(UploadForm):
    version = PlanVersionField()
