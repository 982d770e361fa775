"""Permission matrix of the monitoring pages: the department administrator of the municipality does everything there,
the regional operator reads across the region, the organization administrator fills only its own forms, center staff
send requests and follow the schools their center supports; outsiders get 404/403 and nothing changes."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from resurs.common.tests.matrix import INVALID, JOB, KEPT, LOGIN, SAVED, Case, case_params, run_case
from resurs.monitoring.models import DataRequest, DataResponse, Indicator, SupportCase, SupportStep

from .factories import monitoring_world


@pytest.fixture
def world(world):
    w = monitoring_world(world)
    DataResponse.objects.filter(pk=w.response2.pk).update(status="submitted", values={"STUDENTS_TOTAL": "10"})
    return w


def C(actor, url_name, args=(), method="get", expected=200, **kw):
    return Case(actor, f"monitoring:{url_name}", tuple(args), method, expected, **kw)


def denied(url_name, args=(), methods=("get",)):
    return [C("anonymous", url_name, args, m, LOGIN) for m in methods] + [
        C("no_role", url_name, args, m, 403) for m in methods
    ]


MATRIX = [
    # Indicators: everyone with monitoring reads the catalog; the department edits it.
    *denied("indicator-list"),
    C("department", "indicator-list"),
    C("regional", "indicator-list"),
    C("org_admin", "indicator-list"),
    *denied("indicator-create", methods=("get", "post")),
    C("department", "indicator-create"),
    C("department", "indicator-create", method="post", expected=SAVED),
    C("regional", "indicator-create", expected=403),
    C("regional", "indicator-create", method="post", expected=403),
    C("org_admin", "indicator-create", method="post", expected=403),
    *denied("indicator-update", ["indicator"], methods=("get", "post")),
    C("department", "indicator-update", ["indicator"]),
    C("department", "indicator-update", ["indicator"], "post", SAVED),
    C("regional", "indicator-update", ["indicator"], "post", 403),
    C("center_head", "indicator-update", ["indicator"], "post", 403),
    # Data requests: the sender's municipality or center; organizations see only their answers.
    *denied("request-list"),
    C("department", "request-list", visible=("request",), hidden=("other_request",)),
    C("regional", "request-list", visible=("request", "other_request")),
    C("center_head", "request-list", visible=("request",), hidden=("other_request",)),
    C("other_center_head", "request-list", hidden=("request", "other_request")),
    C("org_admin", "request-list", expected=403),
    *denied("request-create", methods=("get", "post")),
    C("department", "request-create"),
    C("center_head", "request-create"),
    C("center_head", "request-create", method="post", expected=SAVED),
    C("department", "request-create", method="post", expected=INVALID),  # another municipality's school
    C("regional", "request-create", expected=403),
    C("regional", "request-create", method="post", expected=403),
    C("org_admin", "request-create", method="post", expected=403),
    *denied("request-detail", ["request"]),
    C("department", "request-detail", ["request"]),
    C("regional", "request-detail", ["request"]),
    C("center_head", "request-detail", ["request"]),
    C("other_center_head", "request-detail", ["request"], expected=404),
    C("other_department", "request-detail", ["request"], expected=404),
    C("org_admin", "request-detail", ["request"], expected=403),
    *denied("request-remind", ["request"], methods=("post",)),
    C("center_head", "request-remind", ["request"], "post", SAVED),
    C("department", "request-remind", ["other_request"], "post", 404),
    C("other_center_head", "request-remind", ["request"], "post", 404),
    C("regional", "request-remind", ["request"], "post", 403),
    C("org_admin", "request-remind", ["request"], "post", 403),
    # Answers: the organization fills its own; the sender reviews.
    *denied("response-list"),
    C("org_admin", "response-list", visible=("response",), hidden=("response2", "other_response")),
    C("department", "response-list", visible=("response", "response2"), hidden=("other_response",)),
    C("regional", "response-list", visible=("response", "other_response")),
    C("center_head", "response-list", visible=("response",), hidden=("other_response",)),
    *denied("response-detail", ["response"], methods=("get", "post")),
    C("org_admin", "response-detail", ["response"]),
    C("org_admin", "response-detail", ["response"], "post", SAVED),
    C("org_admin", "response-detail", ["response2"], expected=404),
    C("other_org_admin", "response-detail", ["response"], expected=404),
    C("other_org_admin", "response-detail", ["response"], "post", 404),
    C("department", "response-detail", ["response"]),
    C("department", "response-detail", ["response"], "post", 403),
    C("regional", "response-detail", ["response"]),
    C("regional", "response-detail", ["response"], "post", 403),
    C("center_head", "response-detail", ["response"]),
    C("other_center_head", "response-detail", ["response"], expected=404),
    *denied("response-return", ["response2"], methods=("post",)),
    C("center_head", "response-return", ["response2"], "post", SAVED),
    C("center_head", "response-return", ["response"], "post", KEPT),  # not submitted yet
    C("org_admin", "response-return", ["response"], "post", 403),
    C("regional", "response-return", ["response2"], "post", 403),
    C("other_department", "response-return", ["response2"], "post", 404),
    *denied("response-accept", ["response2"], methods=("post",)),
    C("department", "response-accept", ["response2"], "post", SAVED),
    C("department", "response-accept", ["response"], "post", KEPT),
    C("org_admin", "response-accept", ["response"], "post", 403),
    C("other_center_head", "response-accept", ["response2"], "post", 404),
    # Assessment results.
    *denied("result-list"),
    C("department", "result-list"),
    C("regional", "result-list"),
    C("org_admin", "result-list"),
    C("center_head", "result-list", expected=403),
    C("department", "result-list", expected=JOB, query="_export=xlsx"),
    C("org_admin", "result-list", expected=403, query="_export=xlsx"),
    C("regional", "support-list", expected=JOB, query="_export=xlsx"),
    C("center_head", "support-list", expected=403, query="_export=xlsx"),
    *denied("result-import", methods=("get", "post")),
    C("department", "result-import"),
    C("department", "result-import", method="post", expected=JOB),
    C("regional", "result-import", expected=403),
    C("org_admin", "result-import", method="post", expected=403),
    *denied("result-import-template"),
    C("department", "result-import-template"),
    C("regional", "result-import-template", expected=403),
    # Methodologies and runs.
    *denied("methodology-list"),
    C("department", "methodology-list"),
    C("regional", "methodology-list"),
    C("center_head", "methodology-list"),
    C("org_admin", "methodology-list", expected=403),
    *denied("methodology-detail", ["methodology"], methods=("get", "post")),
    C("department", "methodology-detail", ["methodology"]),
    C("department", "methodology-detail", ["methodology"], "post", SAVED),
    C("regional", "methodology-detail", ["methodology"]),
    C("regional", "methodology-detail", ["methodology"], "post", 403),
    C("center_head", "methodology-detail", ["methodology"], "post", 403),
    C("org_admin", "methodology-detail", ["methodology"], expected=403),
    *denied("methodology-run", ["methodology"], methods=("post",)),
    C("department", "methodology-run", ["methodology"], "post", JOB),
    C("other_department", "methodology-run", ["methodology"], "post", INVALID),  # w.mun is not a choice
    C("regional", "methodology-run", ["methodology"], "post", 403),
    C("center_head", "methodology-run", ["methodology"], "post", 403),
    *denied("run-list"),
    C("department", "run-list", visible=("run",), hidden=("other_run",)),
    C("regional", "run-list", visible=("run", "other_run")),
    C("org_admin", "run-list", expected=403),
    *denied("run-detail", ["run"]),
    C("department", "run-detail", ["run"], visible=("run_result",)),
    C("regional", "run-detail", ["run"]),
    C("other_department", "run-detail", ["run"], expected=404),
    C("org_admin", "run-detail", ["run"], expected=403),
    *denied("run-school", ["run", "org"]),
    C("department", "run-school", ["run", "org"]),
    C("department", "run-school", ["run", "other_org"], expected=404),
    C("other_department", "run-school", ["run", "org"], expected=404),
    C("org_admin", "run-school", ["run", "org"], expected=403),
    # Dynamics.
    *denied("school-dynamics", ["org"]),
    C("department", "school-dynamics", ["org"]),
    C("regional", "school-dynamics", ["org"]),
    C("org_admin", "school-dynamics", ["org"]),
    C("org_admin", "school-dynamics", ["org2"], expected=404),
    C("other_department", "school-dynamics", ["org"], expected=404),
    C("center_head", "school-dynamics", ["org"], expected=403),
    *denied("municipality-dynamics", ["mun"]),
    C("department", "municipality-dynamics", ["mun"]),
    C("regional", "municipality-dynamics", ["mun"]),
    C("other_department", "municipality-dynamics", ["mun"], expected=404),
    C("org_admin", "municipality-dynamics", ["mun"], expected=403),
    # Support.
    *denied("support-list"),
    C("department", "support-list", visible=("case",), hidden=("other_case",)),
    C("regional", "support-list", visible=("case", "other_case")),
    C("center_head", "support-list", visible=("case",), hidden=("other_case",)),
    C("other_center_head", "support-list", hidden=("case", "other_case")),
    C("org_admin", "support-list", visible=("case",), hidden=("other_case",)),
    *denied("support-create", methods=("get", "post")),
    C("department", "support-create"),
    C("department", "support-create", method="post", expected=SAVED),
    C("other_department", "support-create", method="post", expected=INVALID),
    C("center_head", "support-create", expected=403),
    C("regional", "support-create", method="post", expected=403),
    *denied("support-detail", ["case"]),
    C("department", "support-detail", ["case"]),
    C("center_head", "support-detail", ["case"]),
    C("org_admin", "support-detail", ["case"]),
    C("other_center_head", "support-detail", ["case"], expected=404),
    C("other_org_admin", "support-detail", ["case"], expected=404),
    *denied("support-update", ["case"], methods=("get", "post")),
    C("center_head", "support-update", ["case"]),
    C("center_head", "support-update", ["case"], "post", SAVED),
    C("org_admin", "support-update", ["case"], expected=403),
    C("regional", "support-update", ["case"], "post", 403),
    C("other_department", "support-update", ["case"], "post", 404),
    *denied("step-create", ["case"], methods=("post",)),
    C("center_head", "step-create", ["case"], "post", SAVED),
    C("org_admin", "step-create", ["case"], "post", 403),
    C("other_center_head", "step-create", ["case"], "post", 404),
    *denied("step-update", ["step"], methods=("get", "post")),
    C("department", "step-update", ["step"]),
    C("department", "step-update", ["step"], "post", SAVED),
    C("org_admin", "step-update", ["step"], "post", 403),
    C("other_department", "step-update", ["step"], expected=404),
]


def results_file():
    book = openpyxl.Workbook()
    book.active.append(["Организация", "Год", "Процедура", "Предмет", "Класс", "Участники", "«2»", "«3»", "«4»", "«5»"])
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("r.xlsx", out.getvalue())


def _data(w, case):
    name = case.url_name.split(":")[1]
    deadline = (timezone.localdate() + datetime.timedelta(days=5)).isoformat()
    if case.method != "post":
        return None
    if name in ("indicator-create", "indicator-update"):
        return {
            "code": "NEW_CODE",
            "name": "Новый показатель",
            "unit": "чел.",
            "level": "organization",
            "block": "staff",
            "value_type": "integer",
            "direction": "higher",
            "period": "year",
            "sort_order": "5",
            "is_active": "on",
            "version_seen": "1",
        }
    if name == "request-create":
        orgs = [w.org.pk] if case.actor == "center_head" else [w.other_org.pk]
        return {
            "municipality": w.mun.pk,
            "center": w.center.pk if case.actor == "center_head" else "",
            "title": "Кадры",
            "year": "2026",
            "deadline": deadline,
            "indicators": [Indicator.objects.get(code="TEACHERS_TOTAL").pk],
            "organizations": orgs,
        }
    if name == "response-detail":
        return {"action": "save", "STUDENTS_TOTAL": "120", "version": "1"}
    if name == "response-return":
        return {"comment": "Уточните численность"}
    if name == "result-import":
        return {"file": results_file()}
    if name == "methodology-detail":
        return {"rules": '[{"type": "federal_risk", "threshold": 25}]', "note": "25 %"}
    if name == "methodology-run":
        return {"municipality": w.mun.pk, "year": "2025"}
    if name == "support-create":
        return {"organization": w.org2.pk, "year": "2025", "group": "low_results", "supporting_centers": [w.center.pk]}
    if name == "support-update":
        return {"partner_schools": [w.org2.pk], "goal": "Цель", "status": "open", "version_seen": "1"}
    if name == "step-create":
        return {"title": "Открытые уроки", "responsible": "Сидорова", "deadline": deadline}
    if name == "step-update":
        return {
            "title": "Семинар",
            "responsible": "Иванова И. И.",
            "deadline": deadline,
            "status": "done",
            "result": "Проведён",
            "version_seen": "1",
        }
    return {}


def _saved(w, case):
    name = case.url_name.split(":")[1]

    def check(world, actor):
        if name in ("indicator-create", "indicator-update"):
            indicator = Indicator.objects.get(code="NEW_CODE")
            assert (indicator.name, indicator.updated_by) == ("Новый показатель", actor)
            if name == "indicator-update":
                assert indicator.pk == w.indicator.pk
        elif name == "request-create":
            request = DataRequest.objects.get(title="Кадры")
            assert (request.center, list(request.responses.values_list("organization", flat=True))) == (
                w.center,
                [w.org.pk],
            )
        elif name == "request-remind":
            assert DataResponse.objects.get(pk=w.response.pk).reminders == 1
            assert DataResponse.objects.get(pk=w.response2.pk).reminders == 0  # submitted
        elif name == "response-detail":
            response = DataResponse.objects.get(pk=w.response.pk)
            assert (response.status, response.values) == ("draft", {"STUDENTS_TOTAL": "120"})
        elif name == "response-return":
            response = DataResponse.objects.get(pk=w.response2.pk)
            assert (response.status, response.return_comment) == ("returned", "Уточните численность")
        elif name == "response-accept":
            assert DataResponse.objects.get(pk=w.response2.pk).status == "accepted"
        elif name == "methodology-detail":
            version = w.methodology.versions.get(number=2)
            assert (version.rules[0]["threshold"], version.note, version.created_by) == (25, "25 %", actor)
        elif name == "support-create":
            case_ = SupportCase.objects.get(organization=w.org2)
            assert (case_.group, list(case_.supporting_centers.all())) == ("low_results", [w.center])
        elif name == "support-update":
            case_ = SupportCase.objects.get(pk=w.case.pk)
            assert (case_.goal, list(case_.partner_schools.all()), case_.version) == ("Цель", [w.org2], 2)
        elif name == "step-create":
            assert SupportStep.objects.filter(case=w.case, title="Открытые уроки", responsible="Сидорова").exists()
        elif name == "step-update":
            step = SupportStep.objects.get(pk=w.step.pk)
            assert (step.status, step.result, step.updated_by) == ("done", "Проведён", actor)
        else:
            raise AssertionError(f"no check for {name}")

    return check


@pytest.mark.parametrize(**case_params(MATRIX))
def test_monitoring_permission_matrix(client, world, case):
    run_case(client, world, case, data=_data(world, case), saved=_saved(world, case))
