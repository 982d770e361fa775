"""Reads of monitoring: list querysets with their relations, dynamics per school and municipality, groups entered
and left between runs (004 § 2.2.1, 2.2.7)."""

from collections import defaultdict

from django.db.models import Count, Q

from . import formulas
from .models import (
    GROUPS,
    AssessmentResult,
    DataRequest,
    DataResponse,
    IdentificationRun,
    Indicator,
    IndicatorValue,
    RunResult,
    SupportCase,
)

MEASURES = ("pass_rate", "quality", "average_mark", "low_share", "objectivity")


def requests_overview(queryset=None):
    queryset = DataRequest.objects.all() if queryset is None else queryset
    return queryset.select_related("municipality", "center").annotate(
        answers=Count("responses", distinct=True),
        submitted=Count("responses", filter=Q(responses__status__in=["submitted", "accepted"]), distinct=True),
    )


def responses_overview(queryset=None):
    queryset = DataResponse.objects.all() if queryset is None else queryset
    return queryset.select_related("request", "organization")


def runs_overview(queryset=None):
    queryset = IdentificationRun.objects.all() if queryset is None else queryset
    return queryset.select_related("municipality", "methodology_version__methodology", "started_by")


def support_overview(queryset=None):
    queryset = SupportCase.objects.all() if queryset is None else queryset
    return (
        queryset.select_related("organization__municipality")
        .prefetch_related("supporting_centers", "partner_schools")
        .annotate(
            steps_total=Count("steps", distinct=True),
            steps_done=Count("steps", filter=Q(steps__status="done"), distinct=True),
        )
    )


def previous_run(run):
    """The latest finished run of the same methodology for the same municipality and the year before."""
    return (
        IdentificationRun.objects.filter(
            municipality_id=run.municipality_id,
            methodology_version__methodology_id=run.methodology_version.methodology_id,
            year=run.year - 1,
            status=IdentificationRun.Status.DONE,
        )
        .order_by("-created_at")
        .first()
    )


def transitions(run, results=None):
    """{group: {"entered": [organization], "left": [organization]}} against the previous year's run (or None)."""
    previous = previous_run(run)
    if previous is None:
        return None, None
    now = {
        r.organization_id: (r.organization, set(r.groups))
        for r in (results or run.results.select_related("organization"))
    }
    before = {
        r.organization_id: (r.organization, set(r.groups)) for r in previous.results.select_related("organization")
    }
    out = {}
    for group in GROUPS:
        entered = [
            org
            for pk, (org, groups) in now.items()
            if group in groups and group not in before.get(pk, (None, set()))[1]
        ]
        left = [
            org
            for pk, (org, groups) in before.items()
            if group in groups and group not in now.get(pk, (None, set()))[1]
        ]
        if entered or left:
            out[group] = {"label": GROUPS[group], "entered": entered, "left": left}
    return previous, out


def _latest_runs(municipality_id):
    """{year: run} of the latest finished run per year in the municipality."""
    runs = {}
    for run in IdentificationRun.objects.filter(
        municipality_id=municipality_id, status=IdentificationRun.Status.DONE
    ).order_by("year", "created_at"):
        runs[run.year] = run
    return runs


def school_dynamics(organization):
    """Measures per year (all procedures pooled, and per procedure), groups per year, indicator values per year."""
    rows = list(AssessmentResult.objects.filter(organization=organization))
    by_year = defaultdict(list)
    by_year_procedure = defaultdict(list)
    for r in rows:
        by_year[r.year].append(r)
        by_year_procedure[(r.year, r.procedure)].append(r)
    runs = _latest_runs(organization.municipality_id)
    groups = {
        r.run.year: r.groups
        for r in RunResult.objects.filter(organization=organization, run__in=list(runs.values())).select_related("run")
    }
    values = indicator_values(IndicatorValue.objects.filter(organization=organization))
    years = sorted(set(by_year) | set(groups) | {y for points in values.values() for y in points})
    return {
        "years": years,
        "measures": {y: formulas.pooled_measures(by_year[y]) for y in years},
        "procedures": {
            procedure: {y: formulas.pooled_measures(by_year_procedure[(y, procedure)]) for y in years}
            for procedure in sorted({r.procedure for r in rows})
        },
        "groups": {y: [GROUPS.get(g, g) for g in groups.get(y, [])] for y in years},
        "indicators": list(values.items()),
    }


def indicator_values(queryset, *, summed=False):
    """{indicator: {year: value}} of the submitted values, and of the formula indicators computed over them per year.

    `summed`: the values of several organizations added up per indicator and year (a municipality); only whole
    numbers and numbers are added (a percent of one school is not added to another's), and the formulas are then
    computed over the sums, e.g. the municipality's share of teachers under 35 = Σ under 35 / Σ teachers × 100.
    """
    raw = defaultdict(dict)
    indicators = {}
    for v in queryset.select_related("indicator"):
        indicator = v.indicator
        if summed and indicator.value_type == Indicator.ValueType.PERCENT:
            continue
        indicators[indicator.code] = indicator
        raw[indicator.code][v.year] = raw[indicator.code].get(v.year, 0) + v.value if summed else v.value
    years = {y for points in raw.values() for y in points}
    values = {indicators[code]: points for code, points in raw.items()}
    for indicator in Indicator.objects.filter(is_active=True).exclude(formula=""):
        names = formulas.names(indicator.formula)
        if not names <= set(raw):
            continue
        points = {}
        for year in sorted(years):
            value = formulas.evaluate(indicator.formula, {code: raw[code].get(year) for code in names})
            if value is not None:
                points[year] = value
        if points:
            values[indicator] = points
    return dict(sorted(values.items(), key=lambda item: (item[0].block, item[0].sort_order, item[0].code)))


def municipality_dynamics(municipality):
    """Pooled measures of the municipality's schools per year and the number of schools in each group per year."""
    rows = list(
        AssessmentResult.objects.filter(organization__municipality=municipality).only(
            "year", "procedure", "participants", "mark2", "mark3", "mark4", "mark5", "below_minimum", "marks_confirmed"
        )
    )
    by_year = defaultdict(list)
    for r in rows:
        by_year[r.year].append(r)
    runs = _latest_runs(municipality.pk)
    indicators = indicator_values(IndicatorValue.objects.filter(organization__municipality=municipality), summed=True)
    years = sorted(set(by_year) | set(runs) | {y for points in indicators.values() for y in points})
    return {
        "years": years,
        "measures": {y: formulas.pooled_measures(by_year[y]) for y in years},
        "groups": {y: (runs[y].group_counts if y in runs else {}) for y in years},
        "runs": runs,
        "group_labels": GROUPS,
        "indicators": list(indicators.items()),
    }
