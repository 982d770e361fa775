"""Plan services: creation and copy, items within the period, the agreement workflow, revisions, execution, DOCX."""

import datetime
import io

import docx
import pytest
from django.core import mail

from resurs.accounts.testing import make_user
from resurs.audit.models import ActionLog
from resurs.catalogs.models import PlanSection, WorkForm
from resurs.centers.tests.factories import CenterFactory
from resurs.common.errors import ConcurrentEditError, PermissionDeniedError, ServiceError
from resurs.common.models import Notification
from resurs.documents.engine import render_docx
from resurs.plans import documents, selectors, services
from resurs.plans.models import Plan, PlanDeadline

pytestmark = pytest.mark.django_db


@pytest.fixture
def ctx(world):
    w = world
    w.center = CenterFactory(organization=w.org)
    w.head = make_user("head", "center_head", "center", w.center, email="head@school7.ru")
    w.coordinator = make_user("coord", "coordinator", "center", w.center, email="coord@edu.ru")
    w.other_center = CenterFactory(organization=w.other_org)
    w.other_head = make_user("head2", "center_head", "center", w.other_center)
    w.section = PlanSection.objects.order_by("sort_order").first()
    w.form = WorkForm.objects.order_by("sort_order").first()
    return w


def item_values(w, day, topic="Семинар"):
    return {"section": w.section, "form": w.form, "topic": topic, "date": day, "responsible": "Иванова М. П."}


def make_plan(w, year=2026):
    plan = services.create_plan(actor=w.head, center=w.center, year=year, goal="Развитие")
    services.save_item(actor=w.head, plan=plan, version=plan.version, **item_values(w, datetime.date(year, 3, 10)))
    plan.refresh_from_db()
    return plan


def test_period_follows_the_kind(ctx):
    plan = services.create_plan(actor=ctx.head, center=ctx.center, year=2026)
    assert (plan.period_start, plan.period_end) == (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    ctx.center.kind.planning_period = "academic"
    ctx.center.kind.save()
    services_plan = services.period_for(ctx.center.kind, 2026)
    assert services_plan == (datetime.date(2026, 9, 1), datetime.date(2027, 8, 31))


def test_item_outside_period_refused(ctx):
    plan = services.create_plan(actor=ctx.head, center=ctx.center, year=2026)
    with pytest.raises(ServiceError) as exc:
        services.save_item(
            actor=ctx.head, plan=plan, version=plan.version, **item_values(ctx, datetime.date(2027, 1, 5))
        )
    assert exc.value.code == "date_outside_period"
    assert plan.items.count() == 0


def test_other_center_head_cannot_create_or_edit(ctx):
    with pytest.raises(PermissionDeniedError):
        services.create_plan(actor=ctx.other_head, center=ctx.center, year=2026)
    plan = make_plan(ctx)
    with pytest.raises(PermissionDeniedError):
        services.update_header(actor=ctx.other_head, plan=plan, version=plan.version, goal="Чужая цель")
    plan.refresh_from_db()
    assert plan.goal == "Развитие"


def test_concurrent_edit_refused_naming_who(ctx):
    plan = make_plan(ctx)
    seen = plan.version
    services.update_header(actor=ctx.head, plan=plan, version=seen, goal="Первая правка")
    with pytest.raises(ConcurrentEditError) as exc:
        services.update_header(actor=ctx.department, plan=plan, version=seen, goal="Вторая правка")
    assert str(ctx.head) in exc.value.message
    plan.refresh_from_db()
    assert plan.goal == "Первая правка"


def test_copy_previous_moves_dates_by_a_year(ctx):
    old = make_plan(ctx, 2025)
    services.save_item(
        actor=ctx.head, plan=old, version=old.version, **item_values(ctx, datetime.date(2025, 2, 28), "Конференция")
    )
    new = services.create_plan(actor=ctx.head, center=ctx.center, year=2026, copy_previous=True)
    assert sorted(new.items.values_list("date", "topic")) == [
        (datetime.date(2026, 2, 28), "Конференция"),
        (datetime.date(2026, 3, 10), "Семинар"),
    ]
    assert new.goal == "Развитие"


def test_workflow_submit_return_resubmit_agree_with_notifications(ctx):
    plan = make_plan(ctx)
    PlanDeadline.objects.create(
        municipality=ctx.mun, period_start=plan.period_start, deadline=datetime.date(2026, 1, 20)
    )
    revision = services.submit(actor=ctx.head, plan=plan, now=datetime.datetime(2026, 1, 25, 10, tzinfo=datetime.UTC))
    assert revision.number == 1 and revision.is_late
    assert Notification.objects.filter(user=ctx.coordinator, url=plan.get_absolute_url()).count() == 1
    with pytest.raises(ServiceError) as exc:
        services.save_item(
            actor=ctx.head,
            plan=plan,
            version=Plan.objects.get(pk=plan.pk).version,
            **item_values(ctx, datetime.date(2026, 4, 1)),
        )
    assert exc.value.code == "transition_not_allowed"
    with pytest.raises(ServiceError) as exc:
        services.return_plan(actor=ctx.coordinator, plan=plan, comment=" ")
    assert exc.value.code == "comment_required"
    item = plan.items.get()
    services.return_plan(
        actor=ctx.coordinator, plan=plan, comment="Уточните даты", item_comments={str(item.uid): "Дата?"}
    )
    plan.refresh_from_db()
    assert plan.status == "returned"
    services.save_item(
        actor=ctx.head, plan=plan, version=plan.version, item=item, **item_values(ctx, datetime.date(2026, 3, 17))
    )
    second = services.submit(actor=ctx.head, plan=plan)
    assert second.number == 2
    diff = services.diff_snapshots(plan.revisions.get(number=1).snapshot, second.snapshot)
    assert diff["changed"][0][1] == [("date", "10.03.2026", "17.03.2026")]
    with pytest.raises(PermissionDeniedError):
        services.agree(actor=ctx.head, plan=plan)
    services.agree(actor=ctx.coordinator, plan=plan)
    plan.refresh_from_db()
    assert (plan.status, plan.agreed_revision.number) == ("agreed", 2)
    codes = list(ActionLog.objects.filter(object_id=str(plan.pk)).order_by("id").values_list("code", flat=True))
    assert codes == [
        "plans.plan.created",
        "plans.item.added",
        "plans.plan.submitted",
        "plans.plan.returned",
        "plans.item.changed",
        "plans.plan.submitted",
        "plans.plan.agreed",
    ]


def test_emails_go_to_the_coordinator_on_commit(ctx, django_capture_on_commit_callbacks):
    plan = make_plan(ctx)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(actor=ctx.head, plan=plan)
    assert [m.to for m in mail.outbox] == [["coord@edu.ru"]]
    assert "/plans/" in mail.outbox[0].body


def test_agreed_plan_changes_only_through_new_revision(ctx):
    plan = make_plan(ctx)
    services.submit(actor=ctx.head, plan=plan)
    services.agree(actor=ctx.coordinator, plan=plan)
    plan.refresh_from_db()
    with pytest.raises(ServiceError) as exc:
        services.update_header(actor=ctx.head, plan=plan, version=plan.version, goal="Новое")
    assert exc.value.code == "transition_not_allowed"
    services.start_revision(actor=ctx.head, plan=plan)
    plan.refresh_from_db()
    services.update_header(actor=ctx.head, plan=plan, version=plan.version, goal="Новое")
    services.submit(actor=ctx.head, plan=plan)
    services.agree(actor=ctx.coordinator, plan=plan)
    plan.refresh_from_db()
    assert plan.revisions.count() == 2
    assert services.diff_snapshots(plan.revisions.get(number=1).snapshot, plan.revisions.get(number=2).snapshot)[
        "header"
    ] == [("goal", "Развитие", "Новое")]


def test_execution_states_and_summary(ctx):
    plan = make_plan(ctx)
    services.save_item(
        actor=ctx.head,
        plan=plan,
        version=Plan.objects.get(pk=plan.pk).version,
        **item_values(ctx, datetime.date(2026, 5, 1), "Круглый стол"),
    )
    services.save_item(
        actor=ctx.head,
        plan=plan,
        version=Plan.objects.get(pk=plan.pk).version,
        date_precision="month",
        **item_values(ctx, datetime.date(2026, 6, 1), "Выставка"),
    )
    first, second, third = plan.items.order_by("date")
    with pytest.raises(ServiceError) as exc:
        services.set_execution(actor=ctx.head, item=first, execution="done")
    assert exc.value.code == "not_agreed"
    services.submit(actor=ctx.head, plan=plan)
    services.agree(actor=ctx.coordinator, plan=plan)
    services.set_execution(actor=ctx.head, item=first, execution="done", done_on=datetime.date(2026, 3, 10))
    with pytest.raises(ServiceError) as exc:
        services.set_execution(actor=ctx.head, item=second, execution="rescheduled", reason="Карантин")
    assert exc.value.code == "reschedule_incomplete"
    services.set_execution(
        actor=ctx.head, item=second, execution="rescheduled", reason="Карантин", new_date=datetime.date(2026, 10, 1)
    )
    summary = selectors.execution_summary(Plan.objects.get(pk=plan.pk), today=datetime.date(2026, 6, 15))
    assert (summary["total"], summary["done"], summary["share_done"]) == (3, 1, 33)
    assert summary["overdue"] == []  # the June month-item is due by 30 June
    summary = selectors.execution_summary(Plan.objects.get(pk=plan.pk), today=datetime.date(2026, 7, 1))
    assert [i.topic for i in summary["overdue"]] == ["Выставка"]
    row = selectors.plans_overview(Plan.objects.filter(pk=plan.pk), today=datetime.date(2026, 10, 2)).get()
    assert (row.items_total, row.items_done, row.items_overdue) == (3, 1, 2)


def test_docx_in_appendix_1_layout(ctx):
    plan = make_plan(ctx)
    with open(documents.__file__.replace("documents.py", "doc_templates/plan.docx"), "rb") as template:
        content = render_docx(template, documents.plan_context(plan))
    document = docx.Document(io.BytesIO(content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "План работы" in text and "на 2026 год" in text and "Цель: Развитие" in text
    table = document.tables[-1]  # the items table, after the agreement blocks
    header = [c.text for c in table.rows[0].cells]
    assert header == [
        "Направление деятельности",
        "Форма работы, тема (семинар, мастер-класс и др.)",
        "Дата (число, месяц, год)",
        "Площадка",
        "Ответственный исполнитель",
    ]
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert [ctx.section.name, f"{ctx.form.name}: Семинар", "10.03.2026", "", "Иванова М. П."] in rows
    assert len(rows) == PlanSection.objects.filter(is_active=True).count()  # one row per section (empty ones too)


def test_event_held_marks_item_done(ctx):
    plan = make_plan(ctx)
    item = plan.items.get()
    services.record_event_held(item=item, event_id=42, held_on=datetime.date(2026, 3, 10))
    item.refresh_from_db()
    assert (item.execution, item.events, item.done_on) == ("done", [42], datetime.date(2026, 3, 10))
