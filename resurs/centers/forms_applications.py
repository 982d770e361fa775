"""Forms of the application workflow: center kinds with their rows, criteria, deadlines, applications, review,
decision and orders. Choice lists offer only what the user's scope reaches; every write goes through services.py."""

import datetime

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from resurs.catalogs.models import ContentDirection
from resurs.common.forms import StyledFormMixin, VersionedModelForm
from resurs.common.scoping import grants, is_unrestricted, restrict
from resurs.common.uploads import DOCUMENT_TYPES, validate_upload
from resurs.territory.models import Municipality, Organization

from .models import (
    Application,
    ApplicationAttachment,
    ApplicationDeadline,
    Center,
    CenterKind,
    Order,
    Review,
    ReviewCriterion,
)
from .services import SCAN_TYPES

# --- center kinds -----------------------------------------------------------------------------------------------


class KindRowForm(StyledFormMixin, forms.Form):
    """One required document of a kind (000 § 5.1; 001 § 6.2; 003 § 6)."""

    code = forms.SlugField(label=_("Code"), max_length=50, required=False)
    name = forms.CharField(label=_("Name"), max_length=300, required=False)
    clause = forms.CharField(label=_("Clause of the regulation"), max_length=100, required=False)

    def clean(self):
        data = super().clean()
        if not any(data.get(k) for k in ("code", "name", "clause", "params")) and not self.errors:
            return data  # a blank row: dropped
        if not data.get("code") and "code" not in self.errors:
            self.add_error("code", _("Give the code of the row."))
        if not data.get("name"):
            self.add_error("name", _("Give the name of the row."))
        return data


class KindRuleForm(KindRowForm):
    """One rule the compliance view checks, with its clause and optional parameters."""

    params = forms.JSONField(
        label=_("Parameters"),
        required=False,
        help_text=_('A JSON object, e.g. {"min": 2}.'),
        widget=forms.TextInput,
    )

    def clean_params(self):
        value = self.cleaned_data.get("params")
        if value in (None, "", {}):
            return {}
        if not isinstance(value, dict):
            raise forms.ValidationError(
                _('Parameters must be a JSON object in curly braces, e.g. {"min": 2}.'), code="params"
            )
        return value


class BaseRowFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            code = form.cleaned_data.get("code")
            if not code:
                continue
            if code in seen:
                raise forms.ValidationError(
                    _("The code «%(code)s» is used in two rows; codes must differ.") % {"code": code}, code="duplicate"
                )
            seen.add(code)

    def rows(self, keys):
        """The list-of-dicts stored on the kind, in the order of the rows, without deleted and empty ones."""
        result = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("code"):
                continue
            row = {k: data[k] for k in keys if data.get(k) not in (None, "")}
            if row.get("params") == {}:
                row.pop("params")
            result.append(row)
        return result


DocumentRowFormSet = forms.formset_factory(KindRowForm, formset=BaseRowFormSet, extra=2, can_delete=True)
RuleRowFormSet = forms.formset_factory(KindRuleForm, formset=BaseRowFormSet, extra=2, can_delete=True)


class CenterKindForm(VersionedModelForm):
    """A kind of center: the regulation's variant as configuration; documents and rules are edited as rows."""

    presentations_per_year = forms.IntegerField(
        label=_("Presentations of results per year"), min_value=0, max_value=12, required=False
    )
    monitoring_per_year = forms.IntegerField(
        label=_("Monitoring reports per year"), min_value=0, max_value=12, required=False
    )
    annual_report = forms.BooleanField(label=_("Annual analytical report"), required=False)
    reporting_clause = forms.CharField(label=_("Clause of the reporting rules"), max_length=100, required=False)

    REPORTING_FIELDS = {
        "presentations_per_year": "presentations_per_year",
        "monitoring_per_year": "monitoring_per_year",
        "annual_report": "annual_report",
        "reporting_clause": "clause",
    }

    class Meta:
        model = CenterKind
        fields = ["code", "name", "regulation", "planning_period", "is_active"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        data = self.data if self.is_bound else None
        kind = self.instance
        self.documents_formset = DocumentRowFormSet(data, prefix="documents", initial=kind.required_documents or [])
        self.rules_formset = RuleRowFormSet(data, prefix="rules", initial=kind.rules or [])
        if not self.is_bound:
            reporting = kind.reporting or {}
            for field, key in self.REPORTING_FIELDS.items():
                if key in reporting:
                    self.fields[field].initial = reporting[key]

    def clean(self):
        data = super().clean()
        documents_ok = self.documents_formset.is_valid()
        rules_ok = self.rules_formset.is_valid()
        if not (documents_ok and rules_ok):
            raise forms.ValidationError(_("Correct the errors in the rows below."), code="rows")
        return data

    def save(self, commit=True):
        kind = super().save(commit=False)
        kind.required_documents = self.documents_formset.rows(("code", "name", "clause"))
        kind.rules = self.rules_formset.rows(("code", "name", "clause", "params"))
        reporting = dict(kind.reporting or {})
        for field, key in self.REPORTING_FIELDS.items():
            value = self.cleaned_data.get(field)
            if value in (None, "") or (field == "annual_report" and value is False):
                reporting.pop(key, None)
            else:
                reporting[key] = value
        kind.reporting = reporting
        if commit:
            kind.save()
        return kind


class ReviewCriterionForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = ReviewCriterion
        fields = ["name", "max_score", "clause", "sort_order", "is_active"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["max_score"].validators += [MinValueValidator(1), MaxValueValidator(100)]


class ApplicationDeadlineForm(StyledFormMixin, forms.ModelForm):
    """The last day for applications of a year in a municipality (002 § 4.3: 15 May unless set here)."""

    class Meta:
        model = ApplicationDeadline
        fields = ["municipality", "year", "deadline"]
        widgets = {"deadline": forms.DateInput}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        code = "centers.applicationdeadline:change" if self.instance.pk else "centers.applicationdeadline:add"
        self.fields["municipality"].queryset = restrict(Municipality.objects.all(), user, code)
        if not self.instance.pk:
            self.fields["year"].initial = timezone.localdate().year
        self.fields["year"].validators += [MinValueValidator(2000), MaxValueValidator(2100)]


# --- applications -----------------------------------------------------------------------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files at once; each one is checked for its type and size."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        cleaned = [super(MultipleFileField, self).clean(f, initial) for f in files]
        for upload in cleaned:
            validate_upload(upload, DOCUMENT_TYPES)
        return cleaned


class AttachmentChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class ApplicationForm(VersionedModelForm):
    """A draft application (002 § 4.2–4.3): directions, the justification of the four kinds of resources, the
    application signed by the director, attachments."""

    new_attachments = MultipleFileField(
        label=_("Add attachments"),
        required=False,
        help_text=_("PDF, DOCX, XLSX, ODT, JPEG or PNG; several files may be chosen at once."),
    )
    remove_attachments = AttachmentChoiceField(
        label=_("Remove attachments"),
        queryset=ApplicationAttachment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Application
        fields = [
            "organization",
            "kind",
            "title",
            "directions",
            "staff_resources",
            "methodological_resources",
            "material_resources",
            "information_resources",
            "signed_file",
        ]
        widgets = {
            "directions": forms.CheckboxSelectMultiple,
            "staff_resources": forms.Textarea(attrs={"rows": 4}),
            "methodological_resources": forms.Textarea(attrs={"rows": 4}),
            "material_resources": forms.Textarea(attrs={"rows": 4}),
            "information_resources": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        code = "centers.application:change" if self.instance.pk else "centers.application:add"
        organizations = restrict(Organization.objects.select_related("municipality"), user, code)
        self.fields["organization"].queryset = organizations
        if not self.instance.pk and len(organizations[:2]) == 1:
            self.fields["organization"].initial = organizations[0].pk
        kinds = CenterKind.objects.filter(is_active=True)
        if self.instance.pk:
            kinds = kinds | CenterKind.objects.filter(pk=self.instance.kind_id)
        self.fields["kind"].queryset = kinds
        self.fields["directions"].queryset = ContentDirection.objects.filter(is_active=True)
        self.fields["signed_file"].help_text = _("The application signed by the director (PDF or a scan).")
        if self.instance.pk:
            self.fields["remove_attachments"].queryset = self.instance.attachments.all()
        else:
            del self.fields["remove_attachments"]

    def clean_signed_file(self):
        upload = self.cleaned_data.get("signed_file")
        if isinstance(upload, UploadedFile):
            validate_upload(upload, DOCUMENT_TYPES)
        return upload

    def attachment_pairs(self):
        return [(f.name, f) for f in self.cleaned_data.get("new_attachments") or []]


class ReviewForm(StyledFormMixin, forms.Form):
    """An expert council member's scores by every active criterion, a comment and a recommendation (002 § 4.3)."""

    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    recommendation = forms.ChoiceField(label=_("Recommendation"), choices=[("", "—"), *Review.Recommendation.choices])

    def __init__(self, *args, criteria=(), review=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        scores = review.scores if review else {}
        criterion_fields = {}
        for criterion in self.criteria:
            label = criterion.name + (f" ({criterion.clause})" if criterion.clause else "")
            criterion_fields[self.score_field(criterion)] = forms.IntegerField(
                label=label,
                min_value=0,
                max_value=criterion.max_score,
                initial=scores.get(str(criterion.pk)),
                help_text=_("from 0 to %(max)s") % {"max": criterion.max_score},
                widget=forms.NumberInput(attrs={"class": "form-control", "min": 0, "max": criterion.max_score}),
            )
        # Criteria first, then the comment and the recommendation.
        self.fields = {**criterion_fields, **self.fields}
        if review:
            self.fields["comment"].initial = review.comment
            self.fields["recommendation"].initial = review.recommendation

    @staticmethod
    def score_field(criterion):
        return f"score_{criterion.pk}"

    def scores(self):
        return {str(c.pk): self.cleaned_data[self.score_field(c)] for c in self.criteria}


class ApproveForm(StyledFormMixin, forms.Form):
    """Approval for a term (002 § 4.1) and the number and date of the creation order (000 § 3.1)."""

    term_start = forms.DateField(label=_("Term from"), widget=forms.DateInput)
    term_end = forms.DateField(label=_("Term until"), widget=forms.DateInput)
    order_number = forms.CharField(
        label=_("Order number"), max_length=30, required=False, help_text=_("Left empty: the next free number.")
    )
    order_date = forms.DateField(label=_("Order date"), widget=forms.DateInput)

    def __init__(self, *args, application=None, **kwargs):
        from .services import next_order_number

        super().__init__(*args, prefix="approve", **kwargs)
        today = timezone.localdate()
        self.fields["order_date"].initial = today
        if application is not None:
            self.fields["order_number"].initial = next_order_number(application.organization.municipality, today.year)
            start = datetime.date(today.year, 9, 1) if today.month < 9 else today
            self.fields["term_start"].initial = start
            self.fields["term_end"].initial = datetime.date(
                start.year + 3, start.month, start.day
            ) - datetime.timedelta(days=1)


class RejectForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reasons for the rejection"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="reject", **kwargs)


# --- orders -----------------------------------------------------------------------------------------------------

# Orders issued by hand; creation and termination orders come from the decision and the termination themselves.
MANUAL_ORDER_KINDS = [(k, label) for k, label in Order.Kind.choices if k not in ("creation", "termination")]


def order_issuers(user, code="centers.order:add"):
    """The departments (municipalities) and organizations the user may issue orders for, as (key, issuer) pairs.

    A department issues in its municipality's name; a role on an organization or on one of its centers issues in the
    organization's name (001 § 5.5: the base organization's orders about its center)."""
    municipalities = list(restrict(Municipality.objects.all(), user, code))
    organization_ids = set()
    center_ids = set()
    for grant in grants(user):
        if code not in grant.codes:
            continue
        if grant.kind == "organization":
            organization_ids.add(grant.scope_id)
        elif grant.kind == "center":
            center_ids.add(grant.scope_id)
    if center_ids:
        organization_ids |= set(Center.objects.filter(pk__in=center_ids).values_list("organization_id", flat=True))
    if is_unrestricted(user):
        organization_ids |= set(Center.objects.values_list("organization_id", flat=True))
    organizations = list(Organization.objects.filter(pk__in=organization_ids).select_related("municipality"))
    return [(f"m{m.pk}", m) for m in municipalities] + [(f"o{o.pk}", o) for o in organizations]


class OrderIssueForm(StyledFormMixin, forms.Form):
    """An order issued by hand (000 § 3.1, 6.1; 001 § 5.3, 5.5; 003 § 3.1): kind, number, date, title, points."""

    issuer = forms.ChoiceField(label=_("Issued by"))
    kind = forms.ChoiceField(label=_("Kind"), choices=MANUAL_ORDER_KINDS)
    center = forms.ModelChoiceField(label=_("Center"), queryset=Center.objects.none(), required=False)
    number = forms.CharField(
        label=_("Number"), max_length=30, required=False, help_text=_("Left empty: the next free number.")
    )
    date = forms.DateField(label=_("Date"), widget=forms.DateInput)
    title = forms.CharField(
        label=_("Title"), max_length=500, required=False, help_text=_("Left empty: the usual title of the kind.")
    )
    preamble = forms.CharField(
        label=_("Preamble"),
        max_length=1000,
        required=False,
        help_text=_("Left empty: «В соответствии с положением о ресурсных центрах»."),
    )
    points = forms.CharField(
        label=_("Points of the order"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One point per line; they are numbered in the document."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.issuers = dict(order_issuers(user))
        self.fields["issuer"].choices = [(key, str(issuer)) for key, issuer in self.issuers.items()]
        self.fields["center"].queryset = restrict(
            Center.objects.select_related("organization__municipality"), user, "centers.order:add"
        )
        self.fields["date"].initial = timezone.localdate()

    def clean_points(self):
        points = [line.strip() for line in self.cleaned_data["points"].splitlines() if line.strip()]
        if not points:
            raise forms.ValidationError(_("Write at least one point."), code="required")
        return points

    def clean(self):
        data = super().clean()
        # Whether the center belongs to the issuer is the service's rule (center_issuer).
        data["issuer_object"] = self.issuers.get(data.get("issuer"))
        return data


class OrderScanForm(StyledFormMixin, forms.Form):
    file = forms.FileField(label=_("Signed scan (PDF, JPEG or PNG)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_upload(upload, SCAN_TYPES)
        return upload
