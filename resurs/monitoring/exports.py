"""XLSX of the monitoring lists: assessment results with their statistics, support plans (SPEC §12)."""

from django.utils.translation import gettext_lazy

from resurs.common.exporters import Exporter
from resurs.common.exports import register_export

from . import formulas, selectors
from .filtersets import AssessmentResultFilterSet, SupportCaseFilterSet
from .models import AssessmentResult


def _measure(name):
    """A statistic as a number of the sheet (not text), empty when it does not apply."""

    def value(result):
        number = formulas.result_measures(result)[name]
        return None if number is None else float(number)

    return value


class ResultExporter(Exporter):
    title = gettext_lazy("Assessment results")
    columns = (
        (gettext_lazy("Organization"), lambda r: r.organization.short_name),
        (gettext_lazy("Year"), lambda r: r.year),
        (gettext_lazy("Procedure"), lambda r: r.get_procedure_display()),
        (gettext_lazy("Subject"), lambda r: r.subject),
        (gettext_lazy("Grade"), lambda r: r.grade),
        (gettext_lazy("Participants"), lambda r: r.participants),
        (gettext_lazy("Marks 2"), lambda r: r.mark2),
        (gettext_lazy("Marks 3"), lambda r: r.mark3),
        (gettext_lazy("Marks 4"), lambda r: r.mark4),
        (gettext_lazy("Marks 5"), lambda r: r.mark5),
        (gettext_lazy("Below the minimum"), lambda r: r.below_minimum),
        (gettext_lazy("Average score"), lambda r: None if r.average_score is None else float(r.average_score)),
        (gettext_lazy("Pass rate, %"), _measure("pass_rate")),
        (gettext_lazy("Quality, %"), _measure("quality")),
        (gettext_lazy("Average mark"), _measure("average_mark")),
        (gettext_lazy("Low results, %"), _measure("low_share")),
        (gettext_lazy("Marks confirmed by the journal, %"), _measure("objectivity")),
    )


class SupportExporter(Exporter):
    title = gettext_lazy("Support of schools")
    columns = (
        (gettext_lazy("School"), lambda c: c.organization.short_name),
        (gettext_lazy("Municipality"), lambda c: c.organization.municipality.name),
        (gettext_lazy("Year"), lambda c: c.year),
        (gettext_lazy("Group"), lambda c: c.get_group_display()),
        (gettext_lazy("Supporting centers"), lambda c: ", ".join(x.name for x in c.supporting_centers.all())),
        (gettext_lazy("Partner schools"), lambda c: ", ".join(x.short_name for x in c.partner_schools.all())),
        (gettext_lazy("Steps"), lambda c: c.steps_total),
        (gettext_lazy("Steps done"), lambda c: c.steps_done),
        (gettext_lazy("Status"), lambda c: c.get_status_display()),
    )


register_export(
    "monitoring.results",
    queryset=lambda: AssessmentResult.objects.select_related("organization"),
    filterset=AssessmentResultFilterSet,
    exporter=ResultExporter,
)
register_export(
    "monitoring.support",
    queryset=selectors.support_overview,
    filterset=SupportCaseFilterSet,
    exporter=SupportExporter,
)
