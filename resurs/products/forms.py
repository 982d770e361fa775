"""Forms of products (choices limited to what the rule allows: centers the user may add to, authors teachers of the
center's municipality), files, the expert's scores, decisions, publications and programmes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from resurs.accounts.models import User
from resurs.catalogs.models import Competence, ContentDirection, EducationLevel, Subject
from resurs.centers.models import Center
from resurs.common.forms import StyledFormMixin, VersionedModelForm
from resurs.common.scoping import instance_in_scope, restrict
from resurs.events.models import Event
from resurs.people.models import Teacher

from . import services
from .models import Presentation, PresentationItem, Product, Publication, Review


def centers_for(user, code):
    """Active centers where `user` may record: the center's staff theirs; a teacher those of their municipality."""
    if user is None or not user.is_authenticated:
        return Center.objects.none()
    centers = restrict(Center.objects.filter(status="active"), user, code)
    teacher = Teacher.objects.filter(user_id=user.pk).first()
    if teacher is not None:
        probe = Product(created_by=user)
        if instance_in_scope(user, probe, code):
            centers = centers | Center.objects.filter(
                status="active", organization__municipality_id=teacher.municipality_id
            )
    return centers.select_related("organization").order_by("name").distinct()


class ProductForm(VersionedModelForm):
    authors = forms.ModelMultipleChoiceField(
        label=_("Authors"),
        queryset=Teacher.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Teachers of the center's municipality."),
    )

    class Meta:
        model = Product
        fields = ["center", *services.PRODUCT_FIELDS, *services.PRODUCT_M2M]
        widgets = {
            "title": forms.TextInput,
            "annotation": forms.Textarea(attrs={"rows": 4}),
            "subjects": forms.SelectMultiple(attrs={"size": 6}),
            "levels": forms.SelectMultiple(attrs={"size": 4}),
            "competences": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields.pop("center")
            municipality = self.instance.center.organization.municipality_id
            self.fields["authors"].initial = [a.teacher_id for a in self.instance.authors.all()]
        else:
            centers = centers_for(user, "products.product:add")
            self.fields["center"].queryset = centers
            municipality = centers.values("organization__municipality_id")
        teachers = Teacher.objects.filter(is_active=True).select_related("organization").order_by("surname", "name")
        if isinstance(municipality, int):
            teachers = teachers.filter(municipality_id=municipality)
        else:
            teachers = teachers.filter(municipality_id__in=municipality)
        self.fields["authors"].queryset = teachers
        self.fields["direction"].queryset = ContentDirection.objects.filter(is_active=True)
        self.fields["subjects"].queryset = Subject.objects.filter(is_active=True)
        self.fields["levels"].queryset = EducationLevel.objects.filter(is_active=True)
        self.fields["competences"].queryset = Competence.objects.filter(is_active=True).select_related("area")

    def clean(self):
        data = super().clean()
        center = data.get("center") or (self.instance.center if self.instance.pk else None)
        if center is not None:
            wrong = [t for t in data.get("authors") or [] if t.municipality_id != center.organization.municipality_id]
            if wrong:
                self.add_error("authors", _("Choose teachers of the center's municipality."))
        return data

    def service_values(self):
        data = self.cleaned_data
        values = {name: data[name] for name in (*services.PRODUCT_FIELDS, *services.PRODUCT_M2M) if name in data}
        values["authors"] = list(data.get("authors") or [])
        return values


class FileForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    file = forms.FileField(label=_("File"), required=False)
    url = forms.URLField(label=_("Link"), max_length=500, required=False, assume_scheme="https")


class DecisionForm(StyledFormMixin, forms.Form):
    comment = forms.CharField(
        label=_("Comments (required to return for revision or reject)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AssignForm(StyledFormMixin, forms.Form):
    reviewer = forms.ModelChoiceField(label=_("Expert"), queryset=User.objects.none())

    def __init__(self, *args, product=None, **kwargs):
        super().__init__(*args, **kwargs)
        if product is not None:
            from . import selectors

            self.fields["reviewer"].queryset = selectors.expert_candidates(product)


class ReviewForm(StyledFormMixin, forms.Form):
    """A score field per criterion in use (0…maximum), the comment and the recommendation."""

    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    recommendation = forms.ChoiceField(label=_("Recommendation"), choices=Review.Recommendation.choices)

    def __init__(self, *args, criteria=(), review=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        fields = {}
        for criterion in self.criteria:
            initial = (review.scores or {}).get(str(criterion.pk)) if review is not None else None
            fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=criterion.name,
                min_value=0,
                max_value=criterion.max_score,
                initial=initial,
                help_text=_("0 to %(max)s") % {"max": criterion.max_score},
                widget=forms.NumberInput(attrs={"class": "form-control"}),
            )
        self.fields = {**fields, **self.fields}
        if review is not None and review.submitted_at:
            self.fields["comment"].initial = review.comment
            self.fields["recommendation"].initial = review.recommendation

    def scores(self):
        return {str(c.pk): self.cleaned_data[f"score_{c.pk}"] for c in self.criteria}


class PublicationForm(VersionedModelForm):
    class Meta:
        model = Publication
        fields = ["center", "channel", "title", "date", "url", "product"]
        widgets = {"title": forms.TextInput, "date": forms.DateInput}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields.pop("center")
            self.fields["product"].queryset = Product.objects.filter(center=self.instance.center)
        else:
            centers = restrict(Center.objects.filter(status="active"), user, "products.publication:add")
            self.fields["center"].queryset = centers.order_by("name")
            self.fields["product"].queryset = Product.objects.filter(center__in=centers)


class PresentationForm(VersionedModelForm):
    class Meta:
        model = Presentation
        fields = ["center", "title", "date", "description"]
        widgets = {"title": forms.TextInput, "date": forms.DateInput, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields.pop("center")
        else:
            centers = restrict(Center.objects.filter(status="active"), user, "products.presentation:add")
            self.fields["center"].queryset = centers.order_by("name")


class ItemForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PresentationItem.Kind.choices)
    event = forms.ModelChoiceField(label=_("Event"), queryset=Event.objects.none(), required=False)
    publication = forms.ModelChoiceField(label=_("Publication"), queryset=Publication.objects.none(), required=False)
    on_theme = forms.BooleanField(label=_("On the center's theme"), required=False, initial=True)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, presentation=None, **kwargs):
        super().__init__(*args, **kwargs)
        if presentation is not None:
            self.fields["event"].queryset = (
                Event.objects.filter(center=presentation.center).exclude(status="cancelled").order_by("-starts_at")
            )
            self.fields["publication"].queryset = Publication.objects.filter(center=presentation.center)
