"""Every plan edit leaves its field diff and its action in the audit (issue 7), and a plan created twice at once
is a coded refusal, not a 500."""

import datetime
import threading

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from resurs.accounts.testing import make_user
from resurs.audit.models import ActionLog, ChangeLog
from resurs.catalogs.models import PlanSection, WorkForm
from resurs.centers.tests.factories import CenterFactory
from resurs.common.errors import ServiceError
from resurs.common.tests.matrix import db_state
from resurs.plans import services
from resurs.plans.models import Plan, PlanItem


@pytest.fixture
def ctx(world):
    w = world
    w.center = CenterFactory(organization=w.org)
    w.head = make_user("head", "center_head", "center", w.center)
    w.section = PlanSection.objects.order_by("sort_order").first()
    w.form = WorkForm.objects.order_by("sort_order").first()
    w.plan = services.create_plan(actor=w.head, center=w.center, year=2026, goal="Развитие")
    return w


def values(w, day, topic="Семинар"):
    return {"section": w.section, "form": w.form, "topic": topic, "date": day, "responsible": "Иванова М. П."}


def changes_of(obj):
    ct = ContentType.objects.get_for_model(type(obj))
    return list(ChangeLog.objects.filter(content_type=ct, object_id=str(obj.pk)).order_by("id"))


def actions_of(plan):
    return list(ActionLog.objects.filter(object_id=str(plan.pk)).order_by("id").values_list("code", "data"))


@pytest.mark.django_db
def test_creation_is_in_the_change_log(ctx):
    [created] = changes_of(ctx.plan)
    assert (created.action, created.actor, created.changes["goal"]) == ("create", ctx.head, [None, "Развитие"])
    assert actions_of(ctx.plan) == [("plans.plan.created", {"copied": False})]


@pytest.mark.django_db
def test_header_edit_bumps_the_version_names_the_editor_and_logs_the_diff(ctx):
    editor = make_user("organizer", "center_organizer", "center", ctx.center)
    editor.assignments.update(role=ctx.head.assignments.get().role)  # may change the plan like the head
    services.update_header(actor=editor, plan=ctx.plan, version=1, goal="Новая цель", tasks="Задачи")
    plan = Plan.objects.get(pk=ctx.plan.pk)
    assert (plan.version, plan.updated_by, plan.goal) == (2, editor, "Новая цель")
    update = changes_of(plan)[-1]
    assert (update.action, update.actor, update.changes) == (
        "update",
        editor,
        {"goal": ["Развитие", "Новая цель"], "tasks": ["", "Задачи"]},
    )


@pytest.mark.django_db
def test_item_added_changed_deleted_and_imported_are_logged(ctx):
    item = services.save_item(actor=ctx.head, plan=ctx.plan, version=1, **values(ctx, datetime.date(2026, 3, 10)))
    [created] = changes_of(item)
    assert (created.action, created.changes["topic"], created.changes["date"]) == (
        "create",
        [None, "Семинар"],
        [None, "2026-03-10"],
    )
    services.save_item(
        actor=ctx.head, plan=ctx.plan, version=2, item=item, **values(ctx, datetime.date(2026, 3, 17), "Вебинар")
    )
    changed = changes_of(item)[-1]
    assert (changed.action, changed.changes) == (
        "update",
        {"topic": ["Семинар", "Вебинар"], "date": ["2026-03-10", "2026-03-17"]},
    )
    rows = [values(ctx, datetime.date(2026, 5, 1), "Импорт 1"), values(ctx, datetime.date(2026, 6, 1), "Импорт 2")]
    added = services.add_items(actor=ctx.head, plan=ctx.plan, version=3, rows=rows)
    assert [changes_of(i)[0].changes["topic"] for i in added] == [[None, "Импорт 1"], [None, "Импорт 2"]]
    item_id = item.pk
    services.delete_item(actor=ctx.head, plan=ctx.plan, version=4, item=item)
    deleted = ChangeLog.objects.filter(object_id=str(item_id), action="delete").get()
    assert (deleted.actor, deleted.changes["topic"]) == (ctx.head, ["Вебинар", None])
    plan = Plan.objects.get(pk=ctx.plan.pk)
    assert (plan.version, plan.updated_by) == (5, ctx.head)
    assert actions_of(plan) == [
        ("plans.plan.created", {"copied": False}),
        ("plans.item.added", {"item": "Семинар"}),
        ("plans.item.changed", {"item": "Вебинар"}),
        ("plans.items.added", {"count": 2}),
        ("plans.item.deleted", {"item": "Вебинар"}),
    ]


@pytest.mark.django_db
def test_a_duplicate_created_after_the_check_is_duplicate_plan_not_a_500(ctx, monkeypatch):
    """The unique constraint catches what the check missed (another request inserted in between)."""
    monkeypatch.setattr(services, "_plan_exists", lambda *args: False)
    before = db_state()
    with pytest.raises(ServiceError) as exc:
        services.create_plan(actor=ctx.head, center=ctx.center, year=2026)
    assert exc.value.code == "duplicate_plan"
    assert db_state() == before
    # The check itself gives the same code.
    monkeypatch.undo()
    with pytest.raises(ServiceError) as exc:
        services.create_plan(actor=ctx.head, center=ctx.center, year=2026)
    assert exc.value.code == "duplicate_plan"
    assert db_state() == before


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="two concurrent connections need PostgreSQL")
def test_two_concurrent_creations_one_plan_and_one_coded_refusal(ctx, monkeypatch):
    """Both requests pass the check before either inserts; the second insert waits on the index, then fails."""
    from django.db import connections

    real_exists = services._plan_exists
    barrier = threading.Barrier(2, timeout=10)

    def racing_exists(*args):
        found = real_exists(*args)
        barrier.wait()
        return found

    monkeypatch.setattr(services, "_plan_exists", racing_exists)
    results = []

    def create():
        try:
            services.create_plan(actor=ctx.head, center=ctx.center, year=2027)
            results.append("created")
        except ServiceError as exc:
            results.append(exc.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=create) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["created", "duplicate_plan"]
    assert Plan.objects.filter(center=ctx.center, period_start=datetime.date(2027, 1, 1)).count() == 1
    assert PlanItem.objects.count() == 0
