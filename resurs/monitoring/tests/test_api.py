"""Monitoring API: the same scoping and services as the pages; coded 400s, 404 outside the scope, 403 without the
action, and nothing changed by a refused request."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from resurs.common.tests.matrix import db_state
from resurs.monitoring.models import DataRequest, DataResponse, IdentificationRun, Indicator, SupportCase

pytestmark = pytest.mark.django_db


def api(user=None):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_authenticate(user)
    return client


def u(name, *args):
    return reverse(f"api:{name}", args=args)


def refused(client, method, url, status, data=None, code=None):
    before = db_state()
    response = getattr(client, method)(url, data or {}, format="json")
    assert response.status_code == status, response.content
    if code:
        assert response.json()["code"] == code
    state = db_state()
    assert state == before
    return response


def ids(response):
    return sorted(row["id"] for row in response.json()["results"])


def test_lists_are_scoped(mw):
    w = mw
    assert ids(api(w.department).get(u("monitoring-request-list"))) == [w.request.pk]
    assert ids(api(w.regional).get(u("monitoring-request-list"))) == sorted([w.request.pk, w.other_request.pk])
    assert ids(api(w.org_admin).get(u("monitoring-answer-list"))) == [w.response.pk]
    assert ids(api(w.center_head).get(u("monitoring-answer-list"))) == sorted([w.response.pk, w.response2.pk])
    assert ids(api(w.org_admin).get(u("monitoring-support-list"))) == [w.case.pk]
    assert ids(api(w.other_center_head).get(u("monitoring-support-list"))) == []
    assert ids(api(w.department).get(u("monitoring-run-list"))) == [w.run.pk]
    results = api(w.department).get(u("monitoring-run-result-list"), {"run": w.run.pk}).json()["results"]
    assert {r["organization"]: r["groups"] for r in results}[w.org.pk] == ["risk"]
    assert api(w.org_admin).get(u("monitoring-result-list")).json()["count"] == 4
    assert api(None).get(u("monitoring-request-list")).status_code == 401
    assert api(w.no_role).get(u("monitoring-request-list")).status_code == 403
    assert api(w.org_admin).get(u("monitoring-request-list")).status_code == 403


def test_result_statistics_in_the_api(mw):
    w = mw
    row = api(w.department).get(u("monitoring-result-detail", w.result.pk)).json()
    assert row["measures"] == {
        "pass_rate": "65.00",
        "quality": "0.00",
        "average_mark": "2.65",
        "low_share": "35.00",
        "objectivity": None,
        "mismatch": None,
    }
    assert api(w.other_department).get(u("monitoring-result-detail", w.result.pk)).status_code == 404


def test_create_request_and_answer_it(mw):
    w = mw
    body = {
        "municipality": w.mun.pk,
        "center": w.center.pk,
        "title": "Контингент на 1 сентября",
        "year": 2026,
        "deadline": (timezone.localdate() + datetime.timedelta(days=3)).isoformat(),
        "indicators": list(
            Indicator.objects.filter(code__in=["STUDENTS_TOTAL", "STUDENTS_1_4"]).values_list("pk", flat=True)
        ),
        "organizations": [w.org.pk],
    }
    response = api(w.center_head).post(u("monitoring-request-list"), body, format="json")
    assert response.status_code == 201, response.content
    assert (response.json()["answers"], response.json()["submitted"]) == (1, 0)
    answer = DataResponse.objects.get(request_id=response.json()["id"])
    client = api(w.org_admin)
    bad = client.post(
        u("monitoring-answer-submit", answer.pk),
        {"values": {"STUDENTS_TOTAL": "10", "STUDENTS_1_4": "x"}},
        format="json",
    )
    assert bad.status_code == 400
    assert bad.json()["code"] == "invalid_values"
    assert bad.json()["errors"] == {"STUDENTS_1_4": "«x» is not a number."}
    ok = client.post(
        u("monitoring-answer-submit", answer.pk),
        {"values": {"STUDENTS_TOTAL": "10", "STUDENTS_1_4": "10"}},
        format="json",
    )
    assert ok.status_code == 200 and ok.json()["status"] == "submitted"
    refused(
        api(w.center_head), "post", u("monitoring-answer-return", answer.pk), 400, {"comment": ""}, "comment_required"
    )
    back = api(w.center_head).post(u("monitoring-answer-return", answer.pk), {"comment": "Проверьте"}, format="json")
    assert back.json()["status"] == "returned"
    assert client.post(
        u("monitoring-answer-save-values", answer.pk), {"values": {"STUDENTS_TOTAL": "12"}}, format="json"
    ).json()["values"] == {"STUDENTS_TOTAL": "12"}


def test_refused_writes_change_nothing(mw):
    w = mw
    refused(api(w.other_org_admin), "post", u("monitoring-answer-submit", w.response.pk), 404, {"values": {}})
    refused(api(w.department), "post", u("monitoring-answer-submit", w.response.pk), 403, {"values": {}})
    refused(api(w.regional), "post", u("monitoring-request-remind", w.request.pk), 403)
    refused(api(w.other_center_head), "post", u("monitoring-request-remind", w.request.pk), 404)
    refused(api(w.org_admin), "post", u("monitoring-answer-accept", w.response.pk), 403)
    refused(
        api(w.center_head), "post", u("monitoring-answer-accept", w.response.pk), 400, code="transition_not_allowed"
    )
    refused(api(w.regional), "post", u("monitoring-run-list"), 403, {"municipality": w.mun.pk, "year": 2025})
    refused(
        api(w.other_department),
        "post",
        u("monitoring-run-list"),
        400,
        {"municipality": w.mun.pk, "methodology_version": w.methodology.current.pk, "year": 2025},
    )
    refused(
        api(w.department),
        "post",
        u("monitoring-methodology-new-version", w.methodology.pk),
        400,
        {"rules": [{"type": "x"}]},
        "invalid_rules",
    )
    refused(api(w.org_admin), "post", u("monitoring-methodology-new-version", w.methodology.pk), 403, {"rules": []})
    refused(
        api(w.center_head),
        "post",
        u("monitoring-support-list"),
        403,
        {"organization": w.org2.pk, "year": 2025, "group": "risk"},
    )
    refused(
        api(w.org_admin),
        "post",
        u("monitoring-support-step-list"),
        403,
        {"case": w.case.pk, "title": "x", "responsible": "y", "deadline": "2026-01-01"},
    )
    refused(
        api(w.other_department),
        "post",
        u("monitoring-support-step-list"),
        404,
        {"case": w.case.pk, "title": "x", "responsible": "y", "deadline": "2026-01-01"},
    )


def test_run_through_the_api(mw, django_capture_on_commit_callbacks):
    w = mw
    body = {"municipality": w.mun.pk, "methodology_version": w.methodology.current.pk, "year": 2025}
    with django_capture_on_commit_callbacks(execute=True):
        response = api(w.department).post(u("monitoring-run-list"), body, format="json")
    assert response.status_code == 202, response.content
    run = IdentificationRun.objects.get(pk=response.json()["id"])
    assert (run.status, run.group_counts) == ("done", {"risk": 1})
    explanation = (
        api(w.department).get(u("monitoring-run-result-list"), {"run": run.pk, "organization": w.org.pk}).json()
    )
    assert explanation["results"][0]["explanation"][0]["low_procedures"][0]["share"] == 30.0


def test_dynamics_in_the_api(mw):
    w = mw
    data = api(w.org_admin).get(u("monitoring-result-dynamics"), {"organization": w.org.pk}).json()
    assert data["years"] == [2024, 2025]
    assert data["measures"]["2025"]["low_share"] == "30.00"  # (6 + 3) / 30
    assert data["measures"]["2024"]["low_share"] == "33.33"  # (7 + 3) / 30
    assert data["groups"]["2025"] == ["risk group (federal risk indicator)"]
    assert api(w.org_admin).get(u("monitoring-result-dynamics"), {"organization": w.org2.pk}).status_code == 404
    mun = api(w.department).get(u("monitoring-result-dynamics"), {"municipality": w.mun.pk}).json()
    assert mun["groups"]["2025"] == {"risk": 1}
    assert api(w.department).get(u("monitoring-result-dynamics"), {"municipality": w.other_mun.pk}).status_code == 404
    assert api(w.department).get(u("monitoring-result-dynamics")).status_code == 400


def test_support_through_the_api(mw):
    w = mw
    body = {
        "organization": w.org2.pk,
        "year": 2025,
        "group": "unstable",
        "supporting_centers": [w.center.pk],
        "goal": "Цель",
    }
    response = api(w.department).post(u("monitoring-support-list"), body, format="json")
    assert response.status_code == 201, response.content
    case = SupportCase.objects.get(pk=response.json()["id"])
    step = api(w.department).post(
        u("monitoring-support-step-list"),
        {"case": case.pk, "title": "Семинар", "responsible": "Петрова", "deadline": "2026-02-01"},
        format="json",
    )
    assert step.status_code == 201
    done = api(w.center_head).patch(
        u("monitoring-support-step-detail", step.json()["id"]), {"status": "done"}, format="json"
    )
    assert done.json()["status"] == "done"
    update = {
        "supporting_centers": [],
        "partner_schools": [w.org.pk],
        "goal": "Новая",
        "status": "closed",
        "version": 1,
    }
    assert (
        api(w.department).put(u("monitoring-support-detail", case.pk), update, format="json").json()["status"]
        == "closed"
    )
    refused(api(w.department), "put", u("monitoring-support-detail", case.pk), 409, update, "concurrent_edit")


def test_indicator_catalog_in_the_api(mw):
    w = mw
    body = {"code": "NEW", "name": "Новый", "formula": "STUDENTS_TOTAL / TEACHERS_TOTAL", "value_type": "decimal"}
    response = api(w.department).post(u("monitoring-indicator-list"), body, format="json")
    assert response.status_code == 201, response.content
    refused(
        api(w.department), "post", u("monitoring-indicator-list"), 400, {**body, "code": "BAD", "formula": "NOPE * 2"}
    )
    refused(api(w.regional), "post", u("monitoring-indicator-list"), 403, {**body, "code": "X2"})
    assert DataRequest.objects.count() == 2


def test_support_choices_are_the_case_s(mw):
    w = mw
    body = {"supporting_centers": [], "partner_schools": [w.other_org.pk], "goal": "", "status": "open", "version": 1}
    response = refused(api(w.department), "put", u("monitoring-support-detail", w.case.pk), 400, body)
    assert response.json()["partner_schools"] == [f'Invalid pk "{w.other_org.pk}" - object does not exist.']
    body["partner_schools"] = [w.org.pk]  # the school itself
    refused(api(w.department), "put", u("monitoring-support-detail", w.case.pk), 400, body)
