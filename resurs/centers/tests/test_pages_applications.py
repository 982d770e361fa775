"""The application workflow through its pages: kinds, criteria, deadlines, draft with files, submission, expert
review, decision, orders registry. Stored values are re-read from the database and files re-opened."""

import datetime
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from resurs.accounts.testing import make_user
from resurs.audit.models import ActionLog, ChangeLog
from resurs.centers import services
from resurs.centers.models import (
    Application,
    ApplicationAttachment,
    ApplicationDeadline,
    Center,
    CenterKind,
    Order,
    Review,
    ReviewCriterion,
)
from resurs.common.testing import count_queries
from resurs.documents.models import DocumentTemplate, GeneratedDocument

from .applications_world import PDF, PNG, all_scores, build, docx_bytes, docx_text, pdf
from .factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def aw(world):
    return build(world)


@pytest.fixture(autouse=True)
def english(client):
    """The assertions read the English texts (the msgids), whatever the Russian catalogue says."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def form_errors(response, name="form"):
    form = response.context[name]
    return {field: [str(e) for e in errors] for field, errors in form.errors.items()}


# --- center kinds -----------------------------------------------------------------------------------------------


def kind_post(**overrides):
    data = {
        "code": "pilot_rc",
        "name": "Пилотная площадка",
        "regulation": "Положение о пилотной площадке",
        "planning_period": "academic",
        "is_active": "on",
        "presentations_per_year": "3",
        "monitoring_per_year": "",
        "annual_report": "on",
        "reporting_clause": "§ 5",
        "documents-TOTAL_FORMS": "3",
        "documents-INITIAL_FORMS": "0",
        "documents-0-code": "order_creation",
        "documents-0-name": "Приказ о создании",
        "documents-0-clause": "§ 2.1",
        "documents-1-code": "plan",
        "documents-1-name": "План работы",
        "documents-1-clause": "",
        "documents-2-code": "",
        "documents-2-name": "",
        "documents-2-clause": "",
        "rules-TOTAL_FORMS": "2",
        "rules-INITIAL_FORMS": "0",
        "rules-0-code": "presentations",
        "rules-0-name": "Результаты предъявлены не менее 3 раз в год",
        "rules-0-clause": "§ 5.2",
        "rules-0-params": '{"min": 3}',
        "rules-1-code": "",
        "rules-1-name": "",
        "rules-1-clause": "",
        "rules-1-params": "",
    }
    data.update(overrides)
    return data


def test_kind_created_with_rows(client, aw):
    client.force_login(aw.department)
    response = client.post(reverse("centers:kind-create"), kind_post())
    kind = CenterKind.objects.get(code="pilot_rc")
    assert response.status_code == 302 and response["Location"] == kind.get_absolute_url()
    assert kind.planning_period == "academic"
    assert kind.required_documents == [
        {"code": "order_creation", "name": "Приказ о создании", "clause": "§ 2.1"},
        {"code": "plan", "name": "План работы"},
    ]
    assert kind.rules == [
        {
            "code": "presentations",
            "name": "Результаты предъявлены не менее 3 раз в год",
            "clause": "§ 5.2",
            "params": {"min": 3},
        }
    ]
    assert kind.reporting == {"presentations_per_year": 3, "annual_report": True, "clause": "§ 5"}
    assert ChangeLog.objects.filter(object_id=str(kind.pk), content_type__model="centerkind", action="create").exists()
    page = client.get(kind.get_absolute_url()).content.decode()
    assert "План работы" in page and "min = 3" in page and "§ 5.2" in page


def test_kind_rule_params_must_be_an_object(client, aw):
    client.force_login(aw.department)
    count = CenterKind.objects.count()
    response = client.post(reverse("centers:kind-create"), kind_post(**{"rules-0-params": "[2]"}))
    assert response.status_code == 200
    assert form_errors(response) == {"__all__": ["Correct the errors in the rows below."]}
    assert response.context["form"].rules_formset.errors[0] == {
        "params": ['Parameters must be a JSON object in curly braces, e.g. {"min": 2}.']
    }
    response = client.post(reverse("centers:kind-create"), kind_post(**{"rules-0-params": "{min: 2"}))
    assert response.context["form"].rules_formset.errors[0] == {"params": ["Enter a valid JSON."]}
    assert CenterKind.objects.count() == count


def test_kind_duplicate_row_codes_refused(client, aw):
    client.force_login(aw.department)
    response = client.post(reverse("centers:kind-create"), kind_post(**{"documents-1-code": "order_creation"}))
    assert response.status_code == 200
    assert response.context["form"].documents_formset.non_form_errors() == [
        "The code «order_creation» is used in two rows; codes must differ."
    ]
    assert not CenterKind.objects.filter(code="pilot_rc").exists()


def test_kind_edit_deletes_and_keeps_rows(client, aw):
    """The page posts every row back; a deleted or blanked row goes, the rest round-trip unchanged."""
    import json

    client.force_login(aw.department)
    kind = aw.kind
    documents, rules = kind.required_documents, kind.rules
    data = kind_post(code=kind.code, name=kind.name, planning_period="calendar", version_seen=str(kind.version))
    data.update({"documents-TOTAL_FORMS": len(documents) + 1, "documents-INITIAL_FORMS": len(documents)})
    data.update({"rules-TOTAL_FORMS": len(rules), "rules-INITIAL_FORMS": len(rules)})
    for i, row in enumerate(documents):
        data.update({f"documents-{i}-{k}": row.get(k, "") for k in ("code", "name", "clause")})
    data.update({f"documents-{len(documents)}-{k}": "" for k in ("code", "name", "clause")})
    for i, rule in enumerate(rules):
        data.update({f"rules-{i}-{k}": rule.get(k, "") for k in ("code", "name", "clause")})
        data[f"rules-{i}-params"] = json.dumps(rule["params"]) if "params" in rule else ""
    data["documents-0-DELETE"] = "on"
    data.update({"rules-0-code": "", "rules-0-name": "", "rules-0-clause": ""})  # blanked: dropped
    response = client.post(reverse("centers:kind-update", args=[kind.pk]), data)
    assert response.status_code == 302
    kind.refresh_from_db()
    assert kind.required_documents == documents[1:]
    assert kind.rules == rules[1:]
    assert kind.version == 2
    # A row with a name but no code is an error on that row.
    data = dict(data, version_seen="2", **{"rules-0-name": "Без кода"})
    response = client.post(reverse("centers:kind-update", args=[kind.pk]), data)
    assert response.context["form"].rules_formset.errors[0] == {"code": ["Give the code of the row."]}
    kind.refresh_from_db()
    assert kind.version == 2


# --- criteria and deadlines -----------------------------------------------------------------------------------


def test_criterion_created_and_edited(client, aw):
    client.force_login(aw.department)
    response = client.post(
        reverse("centers:criterion-create"),
        {
            "name": "Сетевое взаимодействие",
            "max_score": "10",
            "clause": "003 § 1.2",
            "sort_order": "60",
            "is_active": "on",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("centers:criterion-list")
    criterion = ReviewCriterion.objects.get(name="Сетевое взаимодействие")
    assert (criterion.max_score, criterion.clause, criterion.is_active) == (10, "003 § 1.2", True)
    response = client.post(
        reverse("centers:criterion-update", args=[criterion.pk]),
        {"name": "Сетевое взаимодействие", "max_score": "0", "clause": "", "sort_order": "60"},
    )
    assert form_errors(response) == {"max_score": ["Ensure this value is greater than or equal to 1."]}
    response = client.post(
        reverse("centers:criterion-update", args=[criterion.pk]),
        {"name": "Сетевое взаимодействие", "max_score": "3", "clause": "", "sort_order": "60"},
    )
    criterion.refresh_from_db()
    assert (criterion.max_score, criterion.is_active) == (3, False)


def test_deadline_set_and_used_by_submission(client, aw):
    client.force_login(aw.department)
    aw.deadline.delete()
    page = client.get(reverse("centers:deadline-list")).content.decode()
    assert f"15.05.{aw.today.year}" in page  # the default when none is set
    year = aw.today.year + 1
    response = client.post(
        reverse("centers:deadline-create"), {"municipality": aw.mun.pk, "year": year, "deadline": f"{year}-06-01"}
    )
    assert response.status_code == 302
    assert services.deadline_for(aw.mun, year) == datetime.date(year, 6, 1)
    # The date must fall in its year; the same year twice is refused.
    response = client.post(
        reverse("centers:deadline-create"),
        {"municipality": aw.mun.pk, "year": year + 1, "deadline": f"{year + 2}-01-10"},
    )
    assert form_errors(response) == {"deadline": [f"The deadline must fall in {year + 1}."]}
    assert [e.code for e in response.context["form"].errors.as_data()["deadline"]] == ["deadline_year"]
    response = client.post(
        reverse("centers:deadline-create"), {"municipality": aw.mun.pk, "year": year, "deadline": f"{year}-06-02"}
    )
    assert response.status_code == 200 and "__all__" in form_errors(response)
    assert ApplicationDeadline.objects.filter(municipality=aw.mun, year=year).count() == 1


def test_deadline_of_other_municipality_not_offered(client, aw):
    client.force_login(aw.department)
    response = client.post(
        reverse("centers:deadline-create"),
        {"municipality": aw.other_mun.pk, "year": 2030, "deadline": "2030-05-20"},
    )
    assert response.status_code == 200
    assert list(form_errors(response)) == ["municipality"]
    assert not ApplicationDeadline.objects.filter(year=2030).exists()


# --- applications: draft, files, submission -------------------------------------------------------------------


def application_post(w, **overrides):
    data = {
        "organization": w.org.pk,
        "kind": w.kind.pk,
        "title": "Ресурсный центр «Робототехника»",
        "directions": [w.direction.pk],
        "staff_resources": "12 учителей высшей категории",
        "methodological_resources": "Авторские программы",
        "material_resources": "Две лаборатории",
        "information_resources": "Сайт и электронная библиотека",
    }
    data.update(overrides)
    return data


def test_draft_created_with_signed_file_and_attachments(client, aw):
    client.force_login(aw.org_admin)
    data = application_post(aw)
    data["signed_file"] = pdf("zayavka.pdf")
    data["new_attachments"] = [pdf("plan.pdf", b"%PDF-1.4 plan"), pdf("photo.png", PNG)]
    response = client.post(reverse("centers:application-create"), data)
    application = Application.objects.get(title="Ресурсный центр «Робототехника»")
    assert response.status_code == 302 and response["Location"] == application.get_absolute_url()
    assert (application.organization, application.kind, application.status) == (aw.org, aw.kind, "draft")
    assert application.staff_resources == "12 учителей высшей категории"
    assert list(application.directions.all()) == [aw.direction]
    with application.signed_file.open("rb") as handle:
        assert handle.read() == PDF
    attachments = {a.title: a for a in application.attachments.all()}
    assert sorted(attachments) == ["photo.png", "plan.pdf"]
    with attachments["photo.png"].file.open("rb") as handle:
        assert handle.read() == PNG
    log = ActionLog.objects.get(code="centers.application.attachments_changed", object_id=str(application.pk))
    assert log.data == {"added": ["plan.pdf", "photo.png"], "removed": []}
    # The files are served through the scoped view, never as a public media URL.
    page = client.get(application.get_absolute_url()).content.decode()
    assert "/media/" not in page
    response = client.get(reverse("centers:application-file", args=[application.pk]))
    assert b"".join(response.streaming_content) == PDF
    response = client.get(reverse("centers:application-attachment", args=[application.pk, attachments["photo.png"].pk]))
    assert b"".join(response.streaming_content) == PNG


@pytest.mark.parametrize(
    ("field", "upload", "message"),
    [
        ("signed_file", ("zayavka.exe", b"MZ\x90\x00"), "File type .exe is not allowed."),
        ("signed_file", ("zayavka.pdf", b"not a pdf at all"), "The file content does not match its type .pdf."),
        ("new_attachments", ("notes.txt", b"text"), "File type .txt is not allowed."),
    ],
)
def test_wrong_upload_refused_and_nothing_saved(client, aw, settings, field, upload, message):
    client.force_login(aw.org_admin)
    data = application_post(aw)
    data[field] = pdf(*upload)
    applications, attachments = Application.objects.count(), ApplicationAttachment.objects.count()
    response = client.post(reverse("centers:application-create"), data)
    assert response.status_code == 200
    assert form_errors(response)[field][0].startswith(message)
    assert (Application.objects.count(), ApplicationAttachment.objects.count()) == (applications, attachments)
    assert not list((settings.MEDIA_ROOT / "centers" / "applications").glob("**/notes*"))


def test_upload_over_the_size_limit_refused(client, aw, settings):
    settings.UPLOAD_MAX_MB = 1
    client.force_login(aw.org_admin)
    data = application_post(aw, signed_file=pdf("big.pdf", PDF + b"0" * (1024 * 1024)))
    response = client.post(reverse("centers:application-create"), data)
    assert form_errors(response) == {"signed_file": ["The file is larger than 1 MB."]}
    assert not Application.objects.filter(title="Ресурсный центр «Робототехника»").exists()


def test_draft_edit_removes_an_attachment(client, aw, django_capture_on_commit_callbacks):
    attachment = ApplicationAttachment.objects.create(application=aw.draft, title="old.pdf", file=pdf("old.pdf"))
    stored = attachment.file.path
    client.force_login(aw.org_admin)
    data = application_post(aw, title="Новое название", version_seen=aw.draft.version)
    data["remove_attachments"] = [attachment.pk]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("centers:application-update", args=[aw.draft.pk]), data)
    assert response.status_code == 302
    aw.draft.refresh_from_db()
    assert (aw.draft.title, aw.draft.version, aw.draft.attachments.count()) == ("Новое название", 2, 0)
    assert aw.draft.signed_file  # kept when no new file is chosen
    assert not os.path.exists(stored)


def test_submitted_application_is_not_editable(client, aw):
    client.force_login(aw.org_admin)
    services.submit_application(actor=aw.org_admin, application=aw.draft)
    aw.draft.refresh_from_db()
    before = (aw.draft.title, aw.draft.version)
    response = client.get(reverse("centers:application-update", args=[aw.draft.pk]), follow=True)
    assert messages_of(response) == ["Only a draft can be edited; this application is already submitted."]
    response = client.post(reverse("centers:application-update", args=[aw.draft.pk]), application_post(aw))
    assert response.status_code == 302
    aw.draft.refresh_from_db()
    assert (aw.draft.title, aw.draft.version) == before


def test_submit_button(client, aw):
    client.force_login(aw.org_admin)
    page = client.get(aw.draft.get_absolute_url()).content.decode()
    assert reverse("centers:application-submit", args=[aw.draft.pk]) in page
    assert f"31.12.{aw.today.year}" in page
    response = client.post(reverse("centers:application-submit", args=[aw.draft.pk]), follow=True)
    assert messages_of(response) == ["The application is submitted to the expert council."]
    aw.draft.refresh_from_db()
    assert (aw.draft.status, aw.draft.submitted_by) == ("under_review", aw.org_admin)
    assert reverse("centers:application-submit", args=[aw.draft.pk]) not in response.content.decode()


def test_late_submission_shows_the_deadline(client, aw):
    aw.deadline.deadline = aw.today - datetime.timedelta(days=1)
    aw.deadline.save()
    client.force_login(aw.org_admin)
    response = client.post(reverse("centers:application-submit", args=[aw.draft.pk]), follow=True)
    date = aw.deadline.deadline.strftime("%d.%m.%Y")
    expected = f"Applications for {aw.today.year} were accepted until {date} (local time of {aw.mun.name})."
    assert messages_of(response) == [expected]
    aw.draft.refresh_from_db()
    assert aw.draft.status == "draft" and aw.draft.submitted_at is None


def test_submission_without_signed_file_refused(client, aw):
    aw.draft.signed_file = ""
    aw.draft.save()
    client.force_login(aw.org_admin)
    response = client.post(reverse("centers:application-submit", args=[aw.draft.pk]), follow=True)
    assert messages_of(response) == ["Attach the application signed by the director."]
    aw.draft.refresh_from_db()
    assert aw.draft.status == "draft"


def listed(client, user):
    client.force_login(user)
    response = client.get(reverse("centers:application-list"))
    assert response.status_code == 200
    return sorted(a.title for a in response.context["table"].data)


def test_application_list_scoping(client, aw):
    assert listed(client, aw.org_admin) == [aw.draft.title]
    assert listed(client, aw.department) == sorted([aw.draft.title, aw.reviewed.title])
    # Experts see only what is under review in their municipality, never the drafts.
    assert listed(client, aw.expert) == [aw.reviewed.title]
    assert listed(client, aw.other_expert) == [aw.other_application.title]
    assert listed(client, aw.regional) == sorted([aw.draft.title, aw.reviewed.title, aw.other_application.title])


def test_application_list_filters(client, aw):
    client.force_login(aw.department)
    response = client.get(reverse("centers:application-list"), {"status": "under_review"})
    assert [a.title for a in response.context["table"].data] == [aw.reviewed.title]
    response = client.get(reverse("centers:application-list"), {"q": "Цифровая"})
    assert [a.title for a in response.context["table"].data] == [aw.draft.title]


# --- expert review ------------------------------------------------------------------------------------------------


def review_post(value=4, **overrides):
    data = {f"score_{c.pk}": value for c in ReviewCriterion.objects.filter(is_active=True)}
    data.update({"comment": "Сильная команда", "recommendation": "approve"})
    data.update(overrides)
    return data


def test_expert_scores_every_active_criterion(client, aw):
    ReviewCriterion.objects.filter(pk=aw.criterion.pk).update(is_active=False)
    active = list(ReviewCriterion.objects.filter(is_active=True))
    client.force_login(aw.expert)
    response = client.get(reverse("centers:application-review", args=[aw.reviewed.pk]))
    assert response.status_code == 200
    fields = list(response.context["form"].fields)
    assert fields == [f"score_{c.pk}" for c in active] + ["comment", "recommendation"]
    response = client.post(reverse("centers:application-review", args=[aw.reviewed.pk]), review_post(4))
    assert response.status_code == 302
    review = Review.objects.get(application=aw.reviewed, expert=aw.expert)
    assert review.scores == {str(c.pk): 4 for c in active}
    assert (review.comment, review.recommendation, review.total) == ("Сильная команда", "approve", 4 * len(active))
    # Editable until the decision: still one review.
    client.post(reverse("centers:application-review", args=[aw.reviewed.pk]), review_post(2, recommendation="reject"))
    review = Review.objects.get(application=aw.reviewed, expert=aw.expert)
    assert (review.total, review.recommendation) == (2 * len(active), "reject")
    assert Review.objects.filter(application=aw.reviewed).count() == 1
    form = client.get(reverse("centers:application-review", args=[aw.reviewed.pk])).context["form"]
    assert form.fields[f"score_{active[0].pk}"].initial == 2
    assert form.fields["recommendation"].initial == "reject"


def test_review_score_out_of_range_is_a_form_error(client, aw):
    client.force_login(aw.expert)
    data = review_post(4, **{f"score_{aw.criterion.pk}": 6})
    response = client.post(reverse("centers:application-review", args=[aw.reviewed.pk]), data)
    assert response.status_code == 200
    assert form_errors(response) == {f"score_{aw.criterion.pk}": ["Ensure this value is less than or equal to 5."]}
    data = review_post(4, recommendation="")
    response = client.post(reverse("centers:application-review", args=[aw.reviewed.pk]), data)
    assert form_errors(response) == {"recommendation": ["This field is required."]}
    assert not Review.objects.exists()


def test_expert_sees_only_own_review_department_sees_all(client, aw):
    services.save_review(
        actor=aw.expert, application=aw.reviewed, scores=all_scores(4), comment="Первый", recommendation="approve"
    )
    services.save_review(
        actor=aw.expert2, application=aw.reviewed, scores=all_scores(2), comment="Второй", recommendation="reject"
    )
    client.force_login(aw.expert)
    response = client.get(aw.reviewed.get_absolute_url())
    assert [r.comment for r in response.context["reviews"]] == ["Первый"]
    client.force_login(aw.department)
    response = client.get(aw.reviewed.get_absolute_url())
    assert [r.comment for r in response.context["reviews"]] == ["Первый", "Второй"]
    client.force_login(aw.org_admin)
    assert Application.objects.get(pk=aw.reviewed.pk).organization == aw.org2  # not org_admin's: 404
    assert client.get(aw.reviewed.get_absolute_url()).status_code == 404


# --- decision -----------------------------------------------------------------------------------------------------


def reviewed_by_two(w):
    services.save_review(
        actor=w.expert, application=w.reviewed, scores=all_scores(5), comment="Рекомендую", recommendation="approve"
    )
    scores = all_scores(3)
    scores[str(w.criterion.pk)] = 1
    services.save_review(
        actor=w.expert2, application=w.reviewed, scores=scores, comment="Слабая база", recommendation="reject"
    )


def approve_post(**overrides):
    data = {
        "decision": "approve",
        "approve-term_start": "2026-09-01",
        "approve-term_end": "2029-08-31",
        "approve-order_number": "213",
        "approve-order_date": "2026-06-10",
    }
    data.update(overrides)
    return data


def test_decision_page_shows_scores_side_by_side(client, aw):
    reviewed_by_two(aw)
    client.force_login(aw.department)
    response = client.get(reverse("centers:application-decide", args=[aw.reviewed.pk]))
    assert response.status_code == 200
    scores = response.context["scores"]
    assert [r.expert for r in scores["reviews"]] == [aw.expert, aw.expert2]
    first = scores["rows"][0]
    assert (first["criterion"], first["scores"], first["average"]) == (aw.criterion, [5, 1], 3.0)
    assert scores["totals"] == [25, 13]
    assert (scores["max_total"], scores["average_total"]) == (25, 19.0)
    assert (scores["approve_count"], scores["reject_count"]) == (1, 1)
    page = response.content.decode()
    assert "Рекомендую" in page and "Слабая база" in page
    # The proposed order number is the department's next free one for the year.
    expected = services.next_order_number(aw.mun, aw.today.year)
    assert response.context["approve_form"].fields["order_number"].initial == expected


def test_approval_creates_center_and_order(client, aw):
    reviewed_by_two(aw)
    aw.org2.director = "Седых Павел Андреевич"
    aw.org2.save()
    client.force_login(aw.department)
    response = client.post(reverse("centers:application-decide", args=[aw.reviewed.pk]), approve_post())
    center = Center.objects.get(application=aw.reviewed)
    assert response.status_code == 302 and response["Location"] == center.get_absolute_url()
    aw.reviewed.refresh_from_db()
    assert (aw.reviewed.status, aw.reviewed.decided_by) == ("approved", aw.department)
    assert (center.term_start, center.term_end, center.organization) == (
        datetime.date(2026, 9, 1),
        datetime.date(2029, 8, 31),
        aw.org2,
    )
    order = Order.objects.get(application=aw.reviewed)
    assert (order.number, order.date, order.kind, order.issuer_municipality) == (
        "213",
        datetime.date(2026, 6, 10),
        "creation",
        aw.mun,
    )
    text = docx_text(order.document.file)
    assert "Назначить Седых Павла Андреевича руководителем ресурсного центра." in text


def test_second_decision_is_told_already_decided(client, aw):
    reviewed_by_two(aw)
    client.force_login(aw.department)
    client.post(
        reverse("centers:application-decide", args=[aw.reviewed.pk]),
        {"decision": "reject", "reject-reason": "Недостаточно кадров"},
    )
    centers, orders = Center.objects.count(), Order.objects.count()
    aw.reviewed.refresh_from_db()
    decided = (aw.reviewed.status, aw.reviewed.decided_at, aw.reviewed.version)
    # A second department user who opened the page before the first decision.
    colleague = make_user("department2", "department", "municipality", aw.mun)
    client.force_login(colleague)
    response = client.post(reverse("centers:application-decide", args=[aw.reviewed.pk]), approve_post())
    assert response.status_code == 200
    assert form_errors(response, "approve_form") == {"__all__": ["This application was already decided by department."]}
    aw.reviewed.refresh_from_db()
    assert (aw.reviewed.status, aw.reviewed.decided_at, aw.reviewed.version) == decided
    assert aw.reviewed.decision_reason == "Недостаточно кадров"
    assert (Center.objects.count(), Order.objects.count()) == (centers, orders)


def test_rejection_needs_reasons(client, aw):
    reviewed_by_two(aw)
    client.force_login(aw.department)
    response = client.post(
        reverse("centers:application-decide", args=[aw.reviewed.pk]), {"decision": "reject", "reject-reason": " "}
    )
    assert response.status_code == 200
    assert form_errors(response, "reject_form") == {"reason": ["This field is required."]}
    aw.reviewed.refresh_from_db()
    assert aw.reviewed.status == "under_review"


def test_decision_without_reviews_is_a_form_error(client, aw):
    client.force_login(aw.department)
    response = client.post(reverse("centers:application-decide", args=[aw.reviewed.pk]), approve_post())
    assert form_errors(response, "approve_form") == {
        "__all__": ["The expert council has not reviewed the application yet."]
    }
    assert not Center.objects.filter(application=aw.reviewed).exists()


def test_approval_term_error_shown_on_the_field(client, aw):
    reviewed_by_two(aw)
    client.force_login(aw.department)
    response = client.post(
        reverse("centers:application-decide", args=[aw.reviewed.pk]), approve_post(**{"approve-term_end": "2026-01-01"})
    )
    assert form_errors(response, "approve_form") == {
        "term_end": ["Give the term: its start and an end after the start."]
    }
    assert not Center.objects.filter(application=aw.reviewed).exists()


# --- orders -------------------------------------------------------------------------------------------------------


def orders_listed(client, user, **query):
    client.force_login(user)
    response = client.get(reverse("centers:order-list"), query)
    assert response.status_code == 200
    return sorted((o.number, str(o.issuer)) for o in response.context["table"].data)


def test_order_list_scoping_and_filters(client, aw):
    mine = ("10", str(aw.mun))
    org = ("4", str(aw.org))
    assert orders_listed(client, aw.department) == sorted([mine, org])
    assert orders_listed(client, aw.other_department) == [("10", str(aw.other_mun))]
    assert orders_listed(client, aw.org_admin) == [org]
    assert orders_listed(client, aw.head) == sorted([mine, org])
    assert orders_listed(client, aw.department, issuer=f"m{aw.mun.pk}") == [mine]
    assert orders_listed(client, aw.department, issuer=f"o{aw.org.pk}") == [org]
    assert orders_listed(client, aw.department, kind="responsible") == [org]
    assert orders_listed(client, aw.department, year="2026", center=aw.center.pk) == sorted([mine, org])
    client.force_login(aw.department)
    form = client.get(reverse("centers:order-list")).context["filter"].form
    assert [c[0] for c in form.fields["issuer"].choices] == ["", f"m{aw.mun.pk}", f"o{aw.org.pk}"]
    assert [c[0] for c in form.fields["year"].choices] == ["", 2026]


def test_order_docx_download_through_scoped_view(client, aw):
    client.force_login(aw.department)
    page = client.get(aw.org_order.get_absolute_url()).content.decode()
    assert "/media/" not in page
    assert "2. Назначить Сидорову Ольгу Ивановну ответственной за представление" in page or (
        "1. Назначить Сидорову Ольгу Ивановну ответственной за представление" in page
    )
    response = client.get(reverse("centers:order-document", args=[aw.org_order.pk]))
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    aw.org_order.document.file.open("rb")
    assert content == aw.org_order.document.file.read()
    aw.org_order.document.file.close()
    assert "Назначить Сидорову Ольгу Ивановну ответственной за представление" in docx_text(aw.org_order.document.file)
    client.force_login(aw.other_department)
    assert client.get(reverse("centers:order-document", args=[aw.org_order.pk])).status_code == 404


def test_signed_scan_upload(client, aw):
    client.force_login(aw.department)
    url = reverse("centers:order-scan-upload", args=[aw.order.pk])
    response = client.post(url, {"file": pdf("scan.txt", b"plain text")}, follow=True)
    assert messages_of(response) == ["File type .txt is not allowed. Allowed: .pdf, .jpg, .jpeg, .png."]
    aw.order.refresh_from_db()
    assert not aw.order.signed_scan and aw.order.version == 1
    response = client.post(url, {"file": pdf("prikaz-10.pdf")}, follow=True)
    assert messages_of(response) == ["The signed scan is attached."]
    aw.order.refresh_from_db()
    assert aw.order.version == 2
    response = client.get(reverse("centers:order-scan", args=[aw.order.pk]))
    assert b"".join(response.streaming_content) == PDF
    assert ActionLog.objects.filter(code="centers.order.scan_attached", object_id=str(aw.order.pk)).count() == 1


def test_regenerate_from_current_template(client, aw):
    client.force_login(aw.department)
    first = aw.order.document
    response = client.post(reverse("centers:order-regenerate", args=[aw.order.pk]), follow=True)
    assert messages_of(response) == ["The document is generated again from the template version 0."]
    aw.order.refresh_from_db()
    assert aw.order.document_id != first.pk
    assert GeneratedDocument.objects.filter(object_id=str(aw.order.pk), template_code="centers.order").count() == 2
    # Once the signed scan is attached, the text is fixed.
    services.attach_order_scan(actor=aw.department, order=aw.order, upload=pdf())
    response = client.post(reverse("centers:order-regenerate", args=[aw.order.pk]), follow=True)
    assert messages_of(response) == [
        "The order is signed and its scan is attached: its text can no longer be regenerated."
    ]
    assert GeneratedDocument.objects.filter(object_id=str(aw.order.pk)).count() == 2


def order_post(w, **overrides):
    data = {
        "issuer": f"m{w.mun.pk}",
        "kind": "coordinator",
        "center": w.center.pk,
        "number": "",
        "date": "2026-04-15",
        "title": "",
        "preamble": "",
        "points": "Назначить координатором Иванову М. П.\n\nОзнакомить с приказом под подпись.",
    }
    data.update(overrides)
    return data


def test_manual_order_by_department(client, aw):
    client.force_login(aw.department)
    form = client.get(reverse("centers:order-create")).context["form"]
    assert [c[0] for c in form.fields["issuer"].choices] == [f"m{aw.mun.pk}"]
    assert "creation" not in [c[0] for c in form.fields["kind"].choices]
    response = client.post(reverse("centers:order-create"), order_post(aw))
    order = Order.objects.get(issuer_municipality=aw.mun, date=datetime.date(2026, 4, 15))
    assert response.status_code == 302 and response["Location"] == order.get_absolute_url()
    assert (order.number, order.kind, order.title, order.center) == (
        "11",
        "coordinator",
        "О назначении координатора ресурсного центра",
        aw.center,
    )
    text = docx_text(order.document.file)
    assert "1. Назначить координатором Иванову М. П." in text
    assert "2. Ознакомить с приказом под подпись." in text
    # The same number again for the same issuer and year is a form error.
    response = client.post(reverse("centers:order-create"), order_post(aw, number="11"))
    assert form_errors(response) == {"number": ["An order with this number already exists for this issuer and year."]}
    assert Order.objects.filter(issuer_municipality=aw.mun, number="11").count() == 1


def test_manual_order_by_center_head_in_the_organization_name(client, aw):
    client.force_login(aw.head)
    form = client.get(reverse("centers:order-create")).context["form"]
    assert [c[0] for c in form.fields["issuer"].choices] == [f"o{aw.org.pk}"]
    count = Order.objects.count()
    # Without the center the head's scope does not reach the order.
    response = client.post(reverse("centers:order-create"), order_post(aw, issuer=f"o{aw.org.pk}", center=""))
    assert form_errors(response) == {"__all__": ["You may not issue orders for this issuer."]}
    # Not an issuer the head may use.
    response = client.post(reverse("centers:order-create"), order_post(aw))
    assert list(form_errors(response)) == ["issuer"]
    assert Order.objects.count() == count
    response = client.post(reverse("centers:order-create"), order_post(aw, issuer=f"o{aw.org.pk}", number="5"))
    assert response.status_code == 302
    order = Order.objects.get(issuer_organization=aw.org, number="5")
    assert (order.center, order.updated_by) == (aw.center, aw.head)


def test_manual_order_center_must_belong_to_issuer(client, aw):
    other_center = Center.objects.create(
        organization=aw.org2, kind=aw.kind, name="РЦ 2", term_start=datetime.date(2026, 1, 1)
    )
    client.force_login(aw.head)
    response = client.post(
        reverse("centers:order-create"), order_post(aw, issuer=f"o{aw.org.pk}", center=other_center.pk)
    )
    assert list(form_errors(response)) == ["center"]  # not in the head's scope: not offered


def test_manual_order_for_a_center_of_another_issuer_is_refused_by_the_service(client, aw):
    """A head of two centers may choose either center and either organization, but not mix them (center_issuer)."""
    from resurs.accounts.testing import grant_role
    from resurs.common.errors import ServiceError
    from resurs.common.tests.matrix import db_state

    second = Center.objects.create(
        organization=aw.other_org, kind=aw.kind, name="РЦ 3", term_start=datetime.date(2026, 1, 1)
    )
    grant_role(aw.head, "center_head", "center", second)
    client.force_login(aw.head)
    before = db_state()
    response = client.post(reverse("centers:order-create"), order_post(aw, issuer=f"o{aw.org.pk}", center=second.pk))
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()
    assert {f: [e.code for e in errs] for f, errs in errors.items()} == {"center": ["center_issuer"]}
    assert db_state() == before
    with pytest.raises(ServiceError) as exc:
        services.issue_order(actor=aw.head, issuer=aw.org, kind="coordinator", date=aw.today, center=second)
    assert (exc.value.code, exc.value.field) == ("center_issuer", "center")
    assert db_state() == before


# --- query counts ---------------------------------------------------------------------------------------------


def queries_for(client, url):
    client.get(url)  # warm-up: the first request after login renews the session (a write once a minute)
    with count_queries() as queries:
        response = client.get(url)
    assert response.status_code == 200
    return queries.count


def test_application_list_query_count_constant(client, aw):
    client.force_login(aw.department)
    for _ in range(5):
        ApplicationFactory(organization=aw.org)
    small = queries_for(client, reverse("centers:application-list"))
    for _ in range(45):
        ApplicationFactory(organization=aw.org2, status="under_review")
    assert len(client.get(reverse("centers:application-list")).context["table"].page.object_list) == 50
    assert queries_for(client, reverse("centers:application-list")) == small


def test_order_list_query_count_constant(client, aw):
    client.force_login(aw.department)
    for i in range(3):
        Order.objects.create(
            issuer_municipality=aw.mun,
            number=f"q{i}",
            year=2026,
            date=datetime.date(2026, 5, 1),
            kind="term",
            title="T",
        )
    small = queries_for(client, reverse("centers:order-list"))
    for i in range(3, 48):
        Order.objects.create(
            issuer_organization=aw.org,
            number=f"q{i}",
            year=2026,
            date=datetime.date(2026, 5, 1),
            kind="term",
            title="T",
            center=aw.center,
            document=aw.order.document,
            signed_scan="centers/orders/2026/x.pdf",
        )
    assert len(client.get(reverse("centers:order-list")).context["table"].page.object_list) == 50
    assert queries_for(client, reverse("centers:order-list")) == small


# --- the template registry feeds the next order ---------------------------------------------------------------------


def test_uploaded_template_is_used_for_the_next_order(client, aw):
    template = docx_bytes(
        "{{ issuer }} — НОВЫЙ БЛАНК",
        "ПРИКАЗ № {{ number }} от {{ date }}",
        "{{ title }}",
        "{% for point in points %}{{ point }} {% endfor %}",
    )
    client.force_login(aw.department)
    response = client.post(
        reverse("documents:template-detail", args=["centers.order"]),
        {"file": SimpleUploadedFile("order-v1.docx", template), "comment": "Новый бланк департамента"},
    )
    assert response.status_code == 302
    record = DocumentTemplate.objects.get(code="centers.order")
    assert (record.version, record.uploaded_by, record.comment) == (1, aw.department, "Новый бланк департамента")
    assert ActionLog.objects.get(code="documents.template.uploaded").data == {
        "template": "centers.order",
        "version": 1,
        "comment": "Новый бланк департамента",
    }
    # An order issued afterwards is rendered from version 1.
    client.post(reverse("centers:order-create"), order_post(aw, number="50"))
    order = Order.objects.get(issuer_municipality=aw.mun, number="50")
    assert order.document.template_version == 1
    text = docx_text(order.document.file)
    assert text.splitlines()[:3] == [
        "Департамент образования администрации города — НОВЫЙ БЛАНК",
        "ПРИКАЗ №\u00a050 от «15» апреля 2026 г.",
        "О назначении координатора ресурсного центра",
    ]
    # An earlier order keeps its document until it is regenerated; then it takes the new version too.
    assert aw.order.document.template_version == 0
    client.post(reverse("centers:order-regenerate", args=[aw.order.pk]))
    aw.order.refresh_from_db()
    assert aw.order.document.template_version == 1
    assert "НОВЫЙ БЛАНК" in docx_text(aw.order.document.file)


def test_application_page_lists_only_orders_the_user_may_open(client, world):
    """Regression: the org admin saw a link to the department's creation order that answered 404."""
    import datetime

    from resurs.accounts.testing import make_user
    from resurs.catalogs.models import ContentDirection
    from resurs.centers import services as center_services
    from resurs.centers.models import ReviewCriterion
    from resurs.centers.tests.factories import ApplicationFactory

    application = ApplicationFactory(organization=world.org)
    application.directions.set([ContentDirection.objects.first()])
    application.status = "under_review"
    application.save()
    expert = make_user("expert-r", "expert", "municipality", world.mun)
    center_services.save_review(
        actor=expert,
        application=application,
        scores={str(c.pk): 3 for c in ReviewCriterion.objects.all()},
        comment="",
        recommendation="approve",
    )
    center_services.decide_application(
        actor=world.department,
        application=application,
        approve=True,
        term_start=datetime.date(2026, 9, 1),
        term_end=datetime.date(2028, 8, 31),
        order_number="77",
    )
    order_url = application.orders.get().get_absolute_url()
    client.force_login(world.department)
    assert order_url in client.get(application.get_absolute_url()).content.decode()
    client.force_login(world.org_admin)
    page = client.get(application.get_absolute_url())
    assert page.status_code == 200
    assert order_url not in page.content.decode()
