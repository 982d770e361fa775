"""Tables of the development lists."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Attestation, Course, DiagnosticProcedure, DiagnosticResult, ExperienceSharing, MentoringPair, Route


class ProcedureTable(tables.Table):
    title = tables.Column(linkify=True)
    result_count = tables.Column(verbose_name=_("Results"), orderable=False)
    teacher_count = tables.Column(verbose_name=_("Teachers"), orderable=False)
    deficit_count = tables.Column(verbose_name=_("Deficits"), orderable=False)

    class Meta:
        model = DiagnosticProcedure
        fields = ("title", "level", "held_on", "threshold", "municipality")
        sequence = ("title", "level", "held_on", "threshold", "municipality", "teacher_count", "result_count")


class ResultTable(tables.Table):
    teacher = tables.Column(linkify=lambda record: record.get_absolute_url(), order_by=("teacher__surname",))
    percent = tables.Column(verbose_name=_("Share, %"), orderable=False)

    class Meta:
        model = DiagnosticResult
        fields = ("teacher", "procedure", "competence", "score", "max_score", "percent", "level", "is_deficit")


class RouteTable(tables.Table):
    route = tables.Column(verbose_name=_("Route"), accessor="pk", linkify=True, order_by=("-period_start",))
    teacher = tables.Column(order_by=("teacher__surname",))
    steps_done = tables.Column(verbose_name=_("Steps done"), orderable=False)
    steps_total = tables.Column(verbose_name=_("Steps"), orderable=False)

    class Meta:
        model = Route
        fields = ("teacher", "period_start", "period_end", "basis", "status", "tutor")
        sequence = ("route", "teacher", "period_start", "period_end", "basis", "status", "tutor")

    def render_route(self, record):
        return str(record)


class CourseTable(tables.Table):
    program = tables.Column(linkify=True)

    class Meta:
        model = Course
        fields = ("program", "teacher", "provider", "hours", "starts_on", "ends_on", "study_form", "direction")


class ExperienceTable(tables.Table):
    topic = tables.Column(linkify=True)

    class Meta:
        model = ExperienceSharing
        fields = ("topic", "teacher", "venue", "held_on")


class MentoringTable(tables.Table):
    pair = tables.Column(verbose_name=_("Pair"), accessor="pk", linkify=True, orderable=False)

    class Meta:
        model = MentoringPair
        fields = ("mentor", "mentee", "starts_on", "ends_on")
        sequence = ("pair", "mentor", "mentee", "starts_on", "ends_on")

    def render_pair(self, record):
        return str(record)


class AttestationTable(tables.Table):
    teacher = tables.Column(linkify=lambda record: record.get_absolute_url(), order_by=("teacher__surname",))

    class Meta:
        model = Attestation
        fields = ("teacher", "category", "decided_on", "order_number", "expires_on")
