"""Permission matrix of the plan pages (000 § 4.1, 6.2.1): the center's head and organizer edit and submit, the
coordinator of this center returns and agrees (no edit), another center's staff sees nothing (404), the department
reads every plan of its municipality (no edit, no agree), the regional operator reads; refusals change nothing."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from resurs.audit.models import ActionLog, ChangeLog
from resurs.common.tests.matrix import INVALID, JOB, LOGIN, SAVED, Case, case_params, run_case
from resurs.documents.models import GeneratedDocument
from resurs.plans.models import Plan, PlanDeadline, PlanItem
from resurs.plans.tests.factories import build_world


@pytest.fixture
def world(world):
    w = build_world(world)
    # Recorded documents of both plans (the rendering itself is tested in test_import_export.py).
    w.document = issued(w.plan, w.head)
    w.far_document = issued(w.far_plan, w.far_head)
    w.deadline_url = reverse("plans:deadline-update", args=[w.deadline.pk])
    w.far_deadline_url = reverse("plans:deadline-update", args=[w.far_deadline.pk])
    return w


def issued(plan, actor):
    record = GeneratedDocument(
        template_code="plans.plan",
        template_version=0,
        title=str(plan),
        content_type=ContentType.objects.get_for_model(Plan),
        object_id=str(plan.pk),
        checksum="0" * 64,
        generated_by=actor,
    )
    record.file.save(f"plan-{plan.pk}.docx", ContentFile(b"PK docx"), save=False)
    record.save()
    return record


def C(actor, url_name, args=(), method="get", expected=200, **kw):
    return Case(actor, f"plans:{url_name}", tuple(args), method, expected, **kw)


def denied_everywhere(url_name, args=(), methods=("get", "post")):
    return [C("anonymous", url_name, args, m, LOGIN) for m in methods] + [
        C("no_role", url_name, args, m, 403) for m in methods
    ]


ALL_OURS = ("plan", "submitted", "agreed")
MATRIX = [
    # The list is the coordinator's and the department's view: everything in their scope, nothing else.
    *denied_everywhere("plan-list", methods=("get",)),
    C("org_admin", "plan-list", expected=403),
    C("teacher_user", "plan-list", expected=403),
    C("head", "plan-list", visible=ALL_OURS, hidden=("sibling_plan", "far_plan")),
    C("organizer", "plan-list", visible=ALL_OURS, hidden=("sibling_plan", "far_plan")),
    C("coordinator", "plan-list", visible=ALL_OURS, hidden=("sibling_plan", "far_plan")),
    C("sibling_head", "plan-list", visible=("sibling_plan",), hidden=(*ALL_OURS, "far_plan")),
    C("sibling_coordinator", "plan-list", visible=("sibling_plan",), hidden=(*ALL_OURS, "far_plan")),
    C("department", "plan-list", visible=(*ALL_OURS, "sibling_plan"), hidden=("far_plan",)),
    C("other_department", "plan-list", visible=("far_plan",), hidden=(*ALL_OURS, "sibling_plan")),
    C("regional", "plan-list", visible=(*ALL_OURS, "sibling_plan", "far_plan")),
    C("department", "plan-list", query="_export=xlsx", expected=JOB),
    C("coordinator", "plan-list", query="_export=xlsx", expected=JOB),
    C("anonymous", "plan-list", query="_export=xlsx", expected=LOGIN),
    C("no_role", "plan-list", query="_export=xlsx", expected=403),
    # Creation: the center's authors only.
    *denied_everywhere("plan-create"),
    C("coordinator", "plan-create", expected=403),
    C("department", "plan-create", expected=403),
    C("department", "plan-create", method="post", expected=403),
    C("regional", "plan-create", method="post", expected=403),
    C("head", "plan-create"),
    C("head", "plan-create", method="post", expected=SAVED),
    C("organizer", "plan-create", method="post", expected=SAVED),
    C("sibling_head", "plan-create", method="post", expected=INVALID),  # our center is not among its choices
    # The plan page.
    *denied_everywhere("plan-detail", ["plan"], methods=("get",)),
    C("org_admin", "plan-detail", ["plan"], expected=403),
    *[C(actor, "plan-detail", ["plan"]) for actor in ("head", "organizer", "reporter", "coordinator")],
    C("department", "plan-detail", ["plan"]),
    C("regional", "plan-detail", ["plan"]),
    C("sibling_head", "plan-detail", ["plan"], expected=404),
    C("sibling_coordinator", "plan-detail", ["plan"], expected=404),
    C("other_department", "plan-detail", ["plan"], expected=404),
    C("far_head", "plan-detail", ["plan"], expected=404),
    # The header.
    *denied_everywhere("plan-update", ["plan"]),
    C("head", "plan-update", ["plan"]),
    C("head", "plan-update", ["plan"], "post", SAVED),
    C("organizer", "plan-update", ["plan"], "post", SAVED),
    C("head", "plan-update", ["submitted"], "post", INVALID),  # submitted: not editable
    C("coordinator", "plan-update", ["plan"], expected=403),
    C("coordinator", "plan-update", ["plan"], "post", 403),
    C("reporter", "plan-update", ["plan"], "post", 403),
    C("department", "plan-update", ["plan"], "post", 403),
    C("regional", "plan-update", ["plan"], "post", 403),
    C("sibling_head", "plan-update", ["plan"], "post", 404),
    # Workflow: submit.
    C("anonymous", "plan-submit", ["plan"], "post", LOGIN),
    C("no_role", "plan-submit", ["plan"], "post", 403),
    C("head", "plan-submit", ["plan"], "get", 405),
    C("head", "plan-submit", ["plan"], "post", SAVED),
    C("organizer", "plan-submit", ["plan"], "post", SAVED),
    C("head", "plan-submit", ["submitted"], "post", 400),  # already submitted
    C("head", "plan-submit", ["agreed"], "post", 400),
    C("coordinator", "plan-submit", ["plan"], "post", 403),
    C("department", "plan-submit", ["plan"], "post", 403),
    C("sibling_head", "plan-submit", ["plan"], "post", 404),
    # Workflow: return with comments.
    *denied_everywhere("plan-return", ["submitted"]),
    C("coordinator", "plan-return", ["submitted"]),
    C("coordinator", "plan-return", ["submitted"], "post", SAVED),
    C("coordinator", "plan-return", ["plan"], "post", INVALID),  # a draft cannot be returned
    C("head", "plan-return", ["submitted"], expected=403),
    C("head", "plan-return", ["submitted"], "post", 403),
    C("department", "plan-return", ["submitted"], "post", 403),
    C("regional", "plan-return", ["submitted"], "post", 403),
    C("sibling_coordinator", "plan-return", ["submitted"], "post", 404),
    # Workflow: agree.
    C("anonymous", "plan-agree", ["submitted"], "post", LOGIN),
    C("no_role", "plan-agree", ["submitted"], "post", 403),
    C("coordinator", "plan-agree", ["submitted"], "post", SAVED),
    C("coordinator", "plan-agree", ["plan"], "post", 400),  # a draft cannot be agreed
    C("coordinator", "plan-agree", ["agreed"], "post", 400),
    C("head", "plan-agree", ["submitted"], "post", 403),
    C("department", "plan-agree", ["submitted"], "post", 403),
    C("regional", "plan-agree", ["submitted"], "post", 403),
    C("sibling_coordinator", "plan-agree", ["submitted"], "post", 404),
    # Workflow: a new revision of an agreed plan.
    C("anonymous", "plan-revise", ["agreed"], "post", LOGIN),
    C("no_role", "plan-revise", ["agreed"], "post", 403),
    C("head", "plan-revise", ["agreed"], "post", SAVED),
    C("head", "plan-revise", ["plan"], "post", 400),
    C("coordinator", "plan-revise", ["agreed"], "post", 403),
    C("department", "plan-revise", ["agreed"], "post", 403),
    C("sibling_head", "plan-revise", ["agreed"], "post", 404),
    # Items.
    *denied_everywhere("item-create", ["plan"]),
    C("head", "item-create", ["plan"]),
    C("head", "item-create", ["plan"], "post", SAVED),
    C("head", "item-create", ["submitted"], "post", INVALID),
    C("coordinator", "item-create", ["plan"], "post", 403),
    C("department", "item-create", ["plan"], "post", 403),
    C("sibling_head", "item-create", ["plan"], "post", 404),
    *denied_everywhere("item-update", ["item"]),
    C("organizer", "item-update", ["item"]),
    C("organizer", "item-update", ["item"], "post", SAVED),
    C("head", "item-update", ["submitted_item"], "post", INVALID),
    C("coordinator", "item-update", ["item"], "post", 403),
    C("department", "item-update", ["item"], "post", 403),
    C("sibling_head", "item-update", ["item"], "post", 404),
    *denied_everywhere("item-delete", ["item"]),
    C("head", "item-delete", ["item"]),
    C("head", "item-delete", ["item"], "post", SAVED),
    C("head", "item-delete", ["agreed_item"], "post", INVALID),
    C("coordinator", "item-delete", ["item"], "post", 403),
    C("department", "item-delete", ["item"], "post", 403),
    C("sibling_head", "item-delete", ["item"], "post", 404),
    # Execution of an agreed plan's items.
    *denied_everywhere("item-execution", ["agreed_item"]),
    C("head", "item-execution", ["agreed_item"]),
    C("head", "item-execution", ["agreed_item"], "post", SAVED),
    C("reporter", "item-execution", ["agreed_item"], "post", SAVED),
    C("head", "item-execution", ["item"], "post", INVALID),  # not agreed yet
    C("coordinator", "item-execution", ["agreed_item"], "post", 403),
    C("department", "item-execution", ["agreed_item"], "post", 403),
    C("sibling_head", "item-execution", ["agreed_item"], "post", 404),
    # Revisions and their diff.
    *denied_everywhere("revision-detail", ["submitted", "1"], methods=("get",)),
    *[C(a, "revision-detail", ["submitted", "1"]) for a in ("head", "coordinator", "department", "regional")],
    C("head", "revision-detail", ["submitted", "2"], expected=404),
    C("sibling_head", "revision-detail", ["submitted", "1"], expected=404),
    C("other_department", "revision-detail", ["submitted", "1"], expected=404),
    *denied_everywhere("revision-diff", ["agreed"], methods=("get",)),
    *[C(a, "revision-diff", ["agreed"]) for a in ("head", "coordinator", "department", "regional")],
    C("head", "revision-diff", ["plan"], expected=404),  # never submitted: nothing to compare
    C("sibling_coordinator", "revision-diff", ["agreed"], expected=404),
    # Import and its template.
    *denied_everywhere("plan-import", ["plan"]),
    C("head", "plan-import", ["plan"]),
    C("head", "plan-import", ["plan"], "post", JOB),
    C("head", "plan-import", ["submitted"], "post", INVALID),
    C("coordinator", "plan-import", ["plan"], "post", 403),
    C("department", "plan-import", ["plan"], "post", 403),
    C("sibling_head", "plan-import", ["plan"], "post", 404),
    *denied_everywhere("import-template", methods=("get",)),
    C("head", "import-template"),
    C("coordinator", "import-template", expected=403),
    C("department", "import-template", expected=403),
    # Export: DOCX (recorded, then downloaded) and XLSX.
    C("anonymous", "export-docx", ["plan"], "post", LOGIN),
    C("no_role", "export-docx", ["plan"], "post", 403),
    C("org_admin", "export-docx", ["plan"], "post", 403),
    C("head", "export-docx", ["plan"], "get", 405),
    *[C(a, "export-docx", ["plan"], "post", 302) for a in ("head", "coordinator", "department", "regional")],
    C("sibling_head", "export-docx", ["plan"], "post", 404),
    C("other_department", "export-docx", ["plan"], "post", 404),
    *denied_everywhere("document-download", ["plan", "document"], methods=("get",)),
    *[C(a, "document-download", ["plan", "document"]) for a in ("head", "coordinator", "department", "regional")],
    C("sibling_head", "document-download", ["plan", "document"], expected=404),
    C("other_department", "document-download", ["plan", "document"], expected=404),
    C("head", "document-download", ["plan", "far_document"], expected=404),  # another plan's document
    *denied_everywhere("export-xlsx", ["plan"], methods=("get",)),
    *[C(a, "export-xlsx", ["plan"]) for a in ("head", "reporter", "coordinator", "department", "regional")],
    C("sibling_head", "export-xlsx", ["plan"], expected=404),
    C("other_department", "export-xlsx", ["plan"], expected=404),
    # Submission deadlines: the department sets them for its municipality; the regional operator reads.
    *denied_everywhere("deadline-list", methods=("get",)),
    C("head", "deadline-list", expected=403),
    C("coordinator", "deadline-list", expected=403),
    C("department", "deadline-list", visible=("deadline_url",), hidden=("far_deadline_url",)),
    C("other_department", "deadline-list", visible=("far_deadline_url",), hidden=("deadline_url",)),
    C("regional", "deadline-list", hidden=("deadline_url", "far_deadline_url")),  # read-only: no edit links
    *denied_everywhere("deadline-create"),
    C("department", "deadline-create"),
    C("department", "deadline-create", method="post", expected=SAVED),
    C("other_department", "deadline-create", method="post", expected=INVALID),  # not its municipality
    C("regional", "deadline-create", method="post", expected=403),
    C("head", "deadline-create", method="post", expected=403),
    *denied_everywhere("deadline-update", ["deadline"]),
    C("department", "deadline-update", ["deadline"]),
    C("department", "deadline-update", ["deadline"], "post", SAVED),
    C("other_department", "deadline-update", ["deadline"], "post", 404),
    C("regional", "deadline-update", ["deadline"], "post", 403),
    C("head", "deadline-update", ["deadline"], "post", 403),
]


def _data(w, case):
    name = case.url_name.split(":")[1]
    target = getattr(w, case.args[0]) if case.args else None
    year = w.year + 1
    if name == "plan-create":
        return {"center": w.center.pk, "association": "", "year": w.year, "start": "empty", "goal": "Новая цель"}
    if name == "plan-update":
        target.refresh_from_db()
        return {"version_seen": target.version, "goal": "Изменённая цель", "tasks": "Задачи"}
    if name in ("item-create", "item-update"):
        plan = target if name == "item-create" else target.plan
        plan.refresh_from_db()
        return {
            "version": plan.version,
            "section": w.section2.pk,
            "form": w.form.pk,
            "topic": "Педагогическая мастерская",
            "date": f"{year}-05-20",
            "venue": w.org2.pk,
            "responsible": "Петров П. П.",
            "audience": "молодые учителя",
            "expected_product": "сборник",
        }
    if name == "item-delete":
        target.plan.refresh_from_db()
        return {"version": target.plan.version}
    if name == "item-execution":
        return {"execution": "rescheduled", "new_date": f"{w.year - 1}-12-10", "reason": "Карантин"}
    if name == "plan-return":
        item = w.submitted_item
        return {"comment": "Уточните сроки", f"item_{item.uid}": "Перенесите на март"}
    if name == "plan-import":
        target.refresh_from_db()
        return {
            "version": target.version,
            "file": SimpleUploadedFile("items.csv", "Тема;Дата\nСеминар;01.03\n".encode()),
        }
    if name == "deadline-create":
        # For other_department, w.mun is a municipality it may not choose.
        return {"municipality": w.mun.pk, "period_start": f"{w.year}-09-01", "deadline": f"{w.year}-09-15"}
    if name == "deadline-update":
        return {"municipality": w.mun.pk, "period_start": f"{year}-01-01", "deadline": f"{year}-01-31"}
    return None


def _saved(w, case):
    name = case.url_name.split(":")[1]

    def check(world, actor):
        target = getattr(w, case.args[0]) if case.args else None
        if name == "plan-create":
            plan = Plan.objects.get(center=w.center, association=None, period_start=datetime.date(w.year, 1, 1))
            assert (plan.goal, plan.status, plan.updated_by, plan.items.count()) == ("Новая цель", "draft", actor, 0)
        elif name == "plan-update":
            plan = Plan.objects.get(pk=target.pk)
            assert (plan.goal, plan.tasks, plan.version, plan.updated_by) == (
                "Изменённая цель",
                "Задачи",
                target.version + 1,
                actor,
            )
        elif name == "plan-submit":
            plan = Plan.objects.get(pk=target.pk)
            assert (plan.status, plan.revisions.get().submitted_by) == ("submitted", actor)
            assert (
                ActionLog.objects.filter(code="plans.plan.submitted", object_id=str(plan.pk), actor=actor).count() == 1
            )
        elif name == "plan-return":
            plan = Plan.objects.get(pk=target.pk)
            revision = plan.revisions.get()
            assert (plan.status, revision.verdict, revision.comment, revision.decided_by) == (
                "returned",
                "returned",
                "Уточните сроки",
                actor,
            )
            assert revision.item_comments == {str(w.submitted_item.uid): "Перенесите на март"}
        elif name == "plan-agree":
            plan = Plan.objects.get(pk=target.pk)
            assert (plan.status, plan.agreed_revision.number, plan.agreed_revision.decided_by) == ("agreed", 1, actor)
        elif name == "plan-revise":
            assert Plan.objects.get(pk=target.pk).status == "revising"
        elif name == "item-create":
            item = PlanItem.objects.get(plan=target, topic="Педагогическая мастерская")
            assert (item.section, item.venue, item.date, item.date_precision, item.responsible) == (
                w.section2,
                w.org2,
                datetime.date(w.year + 1, 5, 20),
                "day",
                "Петров П. П.",
            )
        elif name == "item-update":
            item = PlanItem.objects.get(pk=target.pk)
            assert (item.topic, item.uid, item.audience) == ("Педагогическая мастерская", target.uid, "молодые учителя")
        elif name == "item-delete":
            assert not PlanItem.objects.filter(pk=target.pk).exists()
            assert Plan.objects.get(pk=target.plan_id).version == target.plan.version + 1
        elif name == "item-execution":
            item = PlanItem.objects.get(pk=target.pk)
            assert (item.execution, item.new_date, item.execution_reason) == (
                "rescheduled",
                datetime.date(w.year - 1, 12, 10),
                "Карантин",
            )
            assert ActionLog.objects.get(code="plans.item.execution").actor == actor
        elif name == "deadline-create":
            row = PlanDeadline.objects.get(period_start=datetime.date(w.year, 9, 1))
            assert (row.municipality, row.deadline) == (w.mun, datetime.date(w.year, 9, 15))
            assert ChangeLog.objects.get(object_id=str(row.pk), content_type__model="plandeadline").actor == actor
        elif name == "deadline-update":
            assert PlanDeadline.objects.get(pk=w.deadline.pk).deadline == datetime.date(w.year + 1, 1, 31)
        else:
            raise AssertionError(f"no check for {name}")

    return check


@pytest.mark.parametrize(**case_params(MATRIX))
def test_plans_permission_matrix(client, world, case):
    run_case(client, world, case, data=_data(world, case), saved=_saved(world, case))
