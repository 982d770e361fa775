"""Tables of the monitoring lists."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import formulas
from .models import AssessmentResult, DataRequest, DataResponse, IdentificationRun, Indicator, Methodology, SupportCase


class IndicatorTable(tables.Table):
    code = tables.Column(verbose_name=_("Code"), linkify=True)
    name = tables.Column(verbose_name=_("Name"))
    unit = tables.Column(verbose_name=_("Unit"))
    level = tables.Column(verbose_name=_("Level"))
    block = tables.Column(verbose_name=_("Block"))
    direction = tables.Column(verbose_name=_("Better"))
    formula = tables.Column(verbose_name=_("Formula"))

    class Meta:
        model = Indicator
        fields = ()


class DataRequestTable(tables.Table):
    title = tables.Column(verbose_name=_("Title"), linkify=True)
    year = tables.Column(verbose_name=_("Year"))
    municipality = tables.Column(verbose_name=_("Municipality"))
    center = tables.Column(verbose_name=_("Center"))
    deadline = tables.DateColumn(verbose_name=_("Deadline"), format="d.m.Y")
    progress = tables.Column(verbose_name=_("Submitted"), accessor="submitted", order_by=("submitted",))

    class Meta:
        model = DataRequest
        fields = ()

    def render_progress(self, record):
        return f"{record.submitted} / {record.answers}"


class DataResponseTable(tables.Table):
    request = tables.Column(
        verbose_name=_("Data request"), accessor="request__title", linkify=lambda record: record.get_absolute_url()
    )
    organization = tables.Column(verbose_name=_("Organization"), accessor="organization__short_name")
    deadline = tables.DateColumn(verbose_name=_("Deadline"), accessor="request__deadline", format="d.m.Y")
    status = tables.Column(verbose_name=_("Status"))
    submitted_at = tables.DateTimeColumn(verbose_name=_("Submitted"), format="d.m.Y H:i")

    class Meta:
        model = DataResponse
        fields = ()


class AssessmentResultTable(tables.Table):
    organization = tables.Column(
        verbose_name=_("Organization"),
        accessor="organization__short_name",
        linkify=lambda record: reverse("monitoring:school-dynamics", args=[record.organization_id]),
    )
    year = tables.Column(verbose_name=_("Year"))
    procedure = tables.Column(verbose_name=_("Procedure"))
    subject = tables.Column(verbose_name=_("Subject"))
    grade = tables.Column(verbose_name=_("Grade"))
    participants = tables.Column(verbose_name=_("Participants"))
    pass_rate = tables.Column(verbose_name=_("Pass rate, %"), empty_values=(), orderable=False)
    quality = tables.Column(verbose_name=_("Quality, %"), empty_values=(), orderable=False)
    average = tables.Column(verbose_name=_("Average mark"), empty_values=(), orderable=False)
    low = tables.Column(verbose_name=_("Low results, %"), empty_values=(), orderable=False)

    class Meta:
        model = AssessmentResult
        fields = ()

    def _m(self, record):
        if not hasattr(record, "_measures"):
            record._measures = formulas.result_measures(record)
        return record._measures

    def render_pass_rate(self, record):
        return self._m(record)["pass_rate"] or "—"

    def render_quality(self, record):
        return self._m(record)["quality"] or "—"

    def render_average(self, record):
        value = self._m(record)["average_mark"]
        if value is None and record.average_score is not None:
            return record.average_score
        return value or "—"

    def render_low(self, record):
        value = self._m(record)["low_share"]
        return "—" if value is None else value


class MethodologyTable(tables.Table):
    name = tables.Column(verbose_name=_("Name"), linkify=True)
    code = tables.Column(verbose_name=_("Code"))
    is_active = tables.BooleanColumn(verbose_name=_("Active"))

    class Meta:
        model = Methodology
        fields = ()


class RunTable(tables.Table):
    run = tables.Column(verbose_name=_("Run"), accessor="pk", linkify=True)
    year = tables.Column(verbose_name=_("Year"))
    municipality = tables.Column(verbose_name=_("Municipality"))
    methodology_version = tables.Column(verbose_name=_("Methodology version"))
    status = tables.Column(verbose_name=_("Status"))
    school_count = tables.Column(verbose_name=_("Schools"))
    created_at = tables.DateTimeColumn(verbose_name=_("Started"), format="d.m.Y H:i")

    class Meta:
        model = IdentificationRun
        fields = ()

    def render_run(self, value):
        return format_html("№ {}", value)


class SupportTable(tables.Table):
    organization = tables.Column(
        verbose_name=_("School"), accessor="organization__short_name", linkify=lambda record: record.get_absolute_url()
    )
    year = tables.Column(verbose_name=_("Year"))
    group = tables.Column(verbose_name=_("Group"))
    centers = tables.Column(verbose_name=_("Supporting centers"), empty_values=(), orderable=False)
    steps = tables.Column(verbose_name=_("Steps done"), accessor="steps_done", order_by=("steps_done",))
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = SupportCase
        fields = ()

    def render_centers(self, record):
        return ", ".join(c.name for c in record.supporting_centers.all()) or "—"

    def render_steps(self, record):
        return f"{record.steps_done} / {record.steps_total}"
