"""Plan pages end to end: creation, the plan page with its workflow, comments and diffs, concurrent edits, execution,
revisions, late marks, the list with its filters, and deadlines."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from resurs.accounts.testing import make_user
from resurs.audit.models import ActionLog
from resurs.common.tests.matrix import db_state
from resurs.plans import services
from resurs.plans.models import Plan, PlanDeadline, PlanItem
from resurs.plans.tests.factories import add_item, build_world, item_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(world):
    return build_world(world)


def client_for(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def detail(plan):
    return reverse("plans:plan-detail", args=[plan.pk])


def buttons(html):
    return set(re.findall(r'name="action" value="(\w+)"', html))


def item_rows(html):
    """(section id, item id) of the items table, in page order."""
    rows = []
    for section, body in re.findall(r'<tbody data-section="(\d+)">(.*?)</tbody>', html, re.S):
        rows += [(int(section), int(pk)) for pk in re.findall(r'<tr data-item="(\d+)"', body)]
    return rows


def item_form_data(w, plan, **changes):
    plan.refresh_from_db()
    data = {
        "version": plan.version,
        "section": w.section.pk,
        "form": w.form.pk,
        "topic": "Семинар",
        "date": f"{plan.period_start.year}-06-15",
        "responsible": "Иванова М. П.",
    }
    data.update(changes)
    return data


# --- creation ---------------------------------------------------------------------------------------------------


def test_create_empty_then_import_goes_to_the_import_page(w):
    client = client_for(w.head)
    response = client.post(
        reverse("plans:plan-create"),
        {"center": w.center.pk, "year": w.year, "start": "import", "methodological_theme": "Тема года"},
    )
    plan = Plan.objects.get(center=w.center, association=None, period_start=datetime.date(w.year, 1, 1))
    assert response["Location"] == reverse("plans:plan-import", args=[plan.pk])
    assert (plan.methodological_theme, plan.period_end, plan.items.count()) == (
        "Тема года",
        datetime.date(w.year, 12, 31),
        0,
    )


def test_create_a_copy_of_last_period_for_an_association_of_an_academic_year_center(w):
    kind = w.center.kind
    kind.planning_period = "academic"
    kind.save()
    old = services.create_plan(actor=w.head, center=w.center, association=w.association, year=w.year - 1, goal="Цель")
    add_item(old, w.head, **item_values(w.section, w.form, datetime.date(w.year, 2, 29 if w.year % 4 == 0 else 28)))
    client = client_for(w.organizer)
    response = client.post(
        reverse("plans:plan-create"),
        {"center": w.center.pk, "association": w.association.pk, "year": w.year, "start": "copy"},
    )
    plan = Plan.objects.get(association=w.association, period_start=datetime.date(w.year, 9, 1))
    assert response["Location"] == detail(plan)
    assert (plan.period_end, plan.goal) == (datetime.date(w.year + 1, 8, 31), "Цель")
    assert list(plan.items.values_list("date", "topic")) == [(datetime.date(w.year + 1, 2, 28), "Семинар")]


def test_create_refusals_are_form_errors_with_their_code(w):
    client = client_for(w.head)
    response = client.post(reverse("plans:plan-create"), {"center": w.center.pk, "year": w.year + 1, "start": "empty"})
    errors = response.context["form"].errors.as_data()["__all__"]
    assert [e.code for e in errors] == ["duplicate_plan"]
    response = client.post(
        reverse("plans:plan-create"),
        {"center": w.center.pk, "association": w.association.pk, "year": w.year, "start": "copy"},
    )
    assert [e.code for e in response.context["form"].errors.as_data()["__all__"]] == ["nothing_to_copy"]
    assert not Plan.objects.filter(period_start=datetime.date(w.year, 1, 1)).exists()
    other = w.sibling_center.associations.create(kind="gmo", name="ГМО физиков")
    response = client.post(
        reverse("plans:plan-create"),
        {"center": w.center.pk, "association": other.pk, "year": w.year, "start": "empty"},
    )
    assert "association" in response.context["form"].errors  # another center's association is out of the head's scope


# --- the plan page ----------------------------------------------------------------------------------------------


def test_plan_page_groups_items_by_section_in_catalog_order(w):
    later = add_item(w.plan, w.head, **item_values(w.section, w.form, datetime.date(w.year + 1, 1, 20), "Январь"))
    html = page(client_for(w.head), detail(w.plan))
    assert item_rows(html) == [
        (w.section.pk, later.pk),
        (w.section.pk, w.item.pk),
        (w.section2.pk, w.item2.pk),
    ]
    assert 'data-status="draft"' in html
    assert "апрель " + str(w.year + 1) in html  # the month-only item shows its month
    assert 'data-field="goal">Развитие профмастерства<' in html


@pytest.mark.parametrize(
    "actor, plan, expected",
    [
        ("head", "plan", {"submit"}),
        ("organizer", "plan", {"submit"}),
        ("coordinator", "plan", set()),
        ("department", "plan", set()),
        ("coordinator", "submitted", {"agree"}),
        ("head", "submitted", set()),
        ("head", "agreed", {"revise"}),
        ("coordinator", "agreed", set()),
        ("regional", "agreed", set()),
    ],
)
def test_workflow_buttons_follow_the_role_and_the_status(w, actor, plan, expected):
    plan = getattr(w, plan)
    html = page(client_for(getattr(w, actor)), detail(plan))
    assert buttons(html) == expected
    edit_links = reverse("plans:plan-update", args=[plan.pk]) in html
    assert edit_links == (actor in ("head", "organizer") and plan.status in ("draft", "returned", "revising"))
    assert (reverse("plans:plan-return", args=[plan.pk]) in html) == ("agree" in expected)
    assert reverse("plans:export-xlsx", args=[plan.pk]) in html


def test_refused_transition_is_a_coded_error_that_changes_nothing(w):
    client = client_for(w.coordinator)
    before = db_state()
    response = client.post(reverse("plans:plan-agree", args=[w.plan.pk]))
    assert response.status_code == 400
    assert re.search(r'data-error-code="transition_not_allowed">[^<]+«draft»', response.content.decode())
    assert db_state() == before
    client = client_for(w.head)
    empty = services.create_plan(actor=w.head, center=w.center, year=w.year)
    before = db_state()
    response = client.post(reverse("plans:plan-submit", args=[empty.pk]))
    assert response.status_code == 400
    assert 'data-error-code="empty_plan"' in response.content.decode()
    assert db_state() == before


def test_return_with_comments_then_resubmit_shows_what_changed(w):
    coordinator = client_for(w.coordinator)
    response = coordinator.post(
        reverse("plans:plan-return", args=[w.submitted.pk]), {"comment": " ", f"item_{w.submitted_item.uid}": " "}
    )
    assert [e.code for e in response.context["form"].errors.as_data()["comment"]] == ["comment_required"]
    assert Plan.objects.get(pk=w.submitted.pk).status == "submitted"
    response = coordinator.post(
        reverse("plans:plan-return", args=[w.submitted.pk]),
        {"comment": "Уточните сроки", f"item_{w.submitted_item.uid}": "Заседание лучше провести в марте"},
    )
    assert response.status_code == 302
    head = client_for(w.head)
    html = page(head, detail(w.submitted))
    assert 'data-status="returned"' in html
    assert "Уточните сроки" in html
    row = re.search(rf'<tr data-item="{w.submitted_item.pk}"[^>]*>(.*?)</tr>', html, re.S).group(1)
    assert "Заседание лучше провести в марте" in row
    # The head moves the item to March and resubmits.
    response = head.post(
        reverse("plans:item-update", args=[w.submitted_item.pk]),
        item_form_data(w, w.submitted, topic="Заседание ГМО", date=f"{w.year + 1}-03-12"),
    )
    assert response.status_code == 302
    assert head.post(reverse("plans:plan-submit", args=[w.submitted.pk])).status_code == 302
    html = page(coordinator, detail(w.submitted))
    changes = re.search(r'<div class="card card-body mb-3" id="plan-changes">(.*?)</table>', html, re.S).group(1)
    assert "revision 1 → 2" in changes
    assert re.search(
        rf'data-uid="{w.submitted_item.uid}" data-field="date"><td>Заседание ГМО</td><td>Date</td>'
        rf'<td class="text-danger">05.02.{w.year + 1}</td><td class="text-success">12.03.{w.year + 1}</td>',
        changes,
    )
    assert "Заседание лучше провести в марте" not in html  # comments belong to the returned revision
    assert buttons(html) == {"agree"}


def test_revision_pages_and_a_diff_between_any_two(w):
    plan = w.agreed
    head = client_for(w.head)
    assert head.post(reverse("plans:plan-revise", args=[plan.pk])).status_code == 302
    head.post(
        reverse("plans:plan-update", args=[plan.pk]),
        {"version_seen": Plan.objects.get(pk=plan.pk).version, "goal": "Новая цель"},
    )
    extra = add_item(plan, w.head, **item_values(w.section2, w.form, datetime.date(w.year - 1, 11, 3), "Конференция"))
    assert head.post(reverse("plans:plan-submit", args=[plan.pk])).status_code == 302
    html = page(head, reverse("plans:revision-detail", args=[plan.pk, 1]))
    assert "Прошлый год" in html and "Мастер-класс" in html and "Конференция" not in html
    html = page(head, reverse("plans:revision-detail", args=[plan.pk, 2]))
    assert "Новая цель" in html and "Конференция" in html
    html = page(head, reverse("plans:revision-diff", args=[plan.pk]), a=1, b=2)
    assert 'data-a="1" data-b="2"' in html
    assert re.search(r'data-field="goal"><td>Goal</td><td class="text-danger">Прошлый год</td>', html)
    assert f'<li data-uid="{extra.uid}">' in html.split('data-diff="added"')[1].split("</ul>")[0]
    html = page(head, reverse("plans:revision-diff", args=[plan.pk]), a=2, b=1)
    assert f'<li data-uid="{extra.uid}">' in html.split('data-diff="removed"')[1].split("</ul>")[0]
    html = page(head, reverse("plans:revision-diff", args=[plan.pk]), a=2, b=2)
    assert "No differences." in html
    # "now": what is not submitted yet.
    PlanItem.objects.filter(pk=extra.pk).update(topic="Конференция (перенесена)")
    html = page(head, reverse("plans:revision-diff", args=[plan.pk]), a=2, b="current")
    assert "Конференция (перенесена)" in html
    assert head.get(reverse("plans:revision-diff", args=[plan.pk]), {"a": 7}).status_code == 404
    assert head.get(reverse("plans:revision-diff", args=[plan.pk]), {"a": "x"}).status_code == 404
    assert head.get(reverse("plans:revision-diff", args=[plan.pk]), {"a": "²"}).status_code == 404


# --- concurrent edits -------------------------------------------------------------------------------------------


def test_concurrent_header_edit_through_the_page_is_refused_naming_who_and_keeps_the_input(w):
    w.head.last_name, w.head.first_name = "Смирнова", "Мария"
    w.head.save()
    first, second = client_for(w.head), client_for(w.organizer)
    url = reverse("plans:plan-update", args=[w.plan.pk])
    seen = re.search(r'name="version_seen" value="(\d+)"', page(second, url)).group(1)
    assert re.search(r'name="version_seen" value="(\d+)"', page(first, url)).group(1) == seen
    assert first.post(url, {"version_seen": seen, "goal": "Цель первой"}).status_code == 302
    response = second.post(url, {"version_seen": seen, "goal": "Цель второго", "tasks": "Мои задачи"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "This record was changed by Смирнова Мария while you were editing it." in html
    assert "Цель второго</textarea>" in html and "Мои задачи</textarea>" in html
    assert [e.code for e in response.context["form"].errors.as_data()["__all__"]] == ["concurrent_edit"]
    plan = Plan.objects.get(pk=w.plan.pk)
    assert (plan.goal, plan.tasks, plan.updated_by) == ("Цель первой", "", w.head)


def test_concurrent_item_edits_are_refused_too(w):
    first, second = client_for(w.head), client_for(w.organizer)
    stale = item_form_data(w, w.plan)
    response = first.post(reverse("plans:item-create", args=[w.plan.pk]), {**stale, "topic": "Первое"})
    assert response.status_code == 302
    response = second.post(reverse("plans:item-update", args=[w.item.pk]), {**stale, "topic": "Второе"})
    assert response.status_code == 200
    assert "This record was changed by plan_head" in response.content.decode()
    assert "Второе</textarea>" in response.content.decode()
    assert PlanItem.objects.get(pk=w.item.pk).topic == "Семинар по ФГОС"
    response = second.post(reverse("plans:item-delete", args=[w.item.pk]), {"version": stale["version"]})
    assert response.status_code == 200 and PlanItem.objects.filter(pk=w.item.pk).exists()


def test_item_rules_are_form_errors(w):
    client = client_for(w.head)
    url = reverse("plans:item-create", args=[w.plan.pk])
    response = client.post(url, item_form_data(w, w.plan, date=f"{w.year + 2}-01-10"))
    assert [e.code for e in response.context["form"].errors.as_data()["date"]] == ["date_outside_period"]
    response = client.post(url, item_form_data(w, w.plan, venue=w.org.pk, is_online="on"))
    assert [e.code for e in response.context["form"].errors.as_data()["venue"]] == ["venue_and_online"]
    response = client.post(url, item_form_data(w, w.plan, venue=w.other_org.pk))
    # Another municipality's organization is not a choice (the service refuses it too, test_rules).
    assert [e.code for e in response.context["form"].errors.as_data()["venue"]] == ["invalid_choice"]
    assert w.plan.items.count() == 2
    response = client.post(url, item_form_data(w, w.plan, date=f"{w.year + 1}-09-17", month_only="on", is_online="on"))
    assert response.status_code == 302
    item = w.plan.items.get(topic="Семинар")
    assert (item.date, item.date_precision, item.is_online, item.venue_display) == (
        datetime.date(w.year + 1, 9, 1),
        "month",
        True,
        "онлайн",
    )


# --- execution --------------------------------------------------------------------------------------------------


def test_execution_share_overdue_rescheduled_cancelled_filtered_by_section_and_responsible(w):
    plan = w.agreed
    services.start_revision(actor=w.head, plan=plan)
    y = w.year - 1
    second = add_item(plan, w.head, **item_values(w.section2, w.form, datetime.date(y, 11, 1), "Выставка", "Петров"))
    third = add_item(plan, w.head, **item_values(w.section2, w.form, datetime.date(y, 12, 1), "Конкурс", "Петров"))
    fourth = add_item(plan, w.head, **item_values(w.section, w.form, datetime.date(y, 12, 5), "Чтения"))
    client = client_for(w.reporter)
    url = lambda item: reverse("plans:item-execution", args=[item.pk])  # noqa: E731
    assert client.post(url(w.agreed_item), {"execution": "done", "done_on": f"{y}-10-15"}).status_code == 302
    response = client.post(url(second), {"execution": "rescheduled", "reason": "Карантин"})
    assert [e.code for e in response.context["form"].errors.as_data()["new_date"]] == ["reschedule_incomplete"]
    response = client.post(url(second), {"execution": "rescheduled", "new_date": f"{y}-12-20", "reason": "Карантин"})
    assert response.status_code == 302
    response = client.post(url(third), {"execution": "cancelled"})
    assert [e.code for e in response.context["form"].errors.as_data()["reason"]] == ["reason_required"]
    assert client.post(url(third), {"execution": "cancelled", "reason": "Нет участников"}).status_code == 302
    html = page(client, detail(plan))
    assert 'data-done="1" data-total="4" data-share="25"' in html
    overdue = re.search(r'<ul id="overdue">(.*?)</ul>', html, re.S).group(1)
    assert re.findall(r'data-item="(\d+)"', overdue) == [str(fourth.pk), str(second.pk)]  # by due date
    rescheduled = re.search(r'<ul id="rescheduled">(.*?)</ul>', html, re.S).group(1)
    assert f"Выставка: 01.11.{y} → 20.12.{y}. Reason: Карантин" in rescheduled
    cancelled = re.search(r'<ul id="cancelled"[^>]*>(.*?)</ul>', html, re.S).group(1)
    assert "Конкурс. Reason: Нет участников" in cancelled
    html = page(client, detail(plan), section=w.section2.pk)
    assert 'data-done="0" data-total="2" data-share="0"' in html
    html = page(client, detail(plan), responsible="Иванова М. П.")
    assert 'data-done="1" data-total="2" data-share="50"' in html
    overdue = re.search(r'<ul id="overdue">(.*?)</ul>', html, re.S).group(1)
    assert re.findall(r'data-item="(\d+)"', overdue) == [str(fourth.pk)]
    assert ActionLog.objects.filter(code="plans.item.execution", actor=w.reporter).count() == 3


# --- list, late marks, deadlines --------------------------------------------------------------------------------


def list_rows(html):
    return {int(pk): row for pk, row in re.findall(r'<tr data-plan="(\d+)"[^>]*>(.*?)</tr>', html, re.S)}


def test_list_columns_and_filters(w):
    client = client_for(w.department)
    url = reverse("plans:plan-list")
    rows = list_rows(page(client, url))
    assert set(rows) == {w.plan.pk, w.submitted.pk, w.agreed.pk, w.sibling_plan.pk}
    agreed = rows[w.agreed.pk]
    assert 'data-status="agreed"' in agreed
    revision = w.agreed.agreed_revision
    assert agreed.count(revision.decided_at.strftime("%d.%m.%Y")) == 2  # submitted and agreed the same day
    assert '<span data-share="0">0%</span> <span class="small text-muted">(0 / 1)</span>' in agreed
    assert re.search(r"<td[^>]*>1</td>\s*$", agreed.strip() + "\n")  # one overdue item
    assert "ГМО учителей математики" in rows[w.submitted.pk]
    assert set(list_rows(page(client, url, status="submitted"))) == {w.submitted.pk}
    assert set(list_rows(page(client, url, center=w.sibling_center.pk))) == {w.sibling_plan.pk}
    assert set(list_rows(page(client, url, year=w.year - 1))) == {w.agreed.pk}
    regional = client_for(w.regional)
    assert set(list_rows(page(regional, url, municipality=w.other_mun.pk))) == {w.far_plan.pk}
    # A choice outside the user's plans is refused, not silently widened.
    response = client.get(url, {"center": w.far_center.pk})
    assert list_rows(response.content.decode()) == {} and "center" in response.context["filter"].errors


def test_late_submission_is_marked_not_blocked(w):
    PlanDeadline.objects.filter(pk=w.deadline.pk).update(deadline=datetime.date(w.year - 1, 12, 1))
    head = client_for(w.head)
    html = page(head, detail(w.plan))
    assert 'id="plan-late"' in html  # not submitted, deadline passed
    assert head.post(reverse("plans:plan-submit", args=[w.plan.pk])).status_code == 302
    revision = w.plan.revisions.get()
    assert revision.is_late
    html = page(head, detail(w.plan))
    assert 'id="plan-late"' in html and 'data-status="submitted"' in html
    department = client_for(w.department)
    url = reverse("plans:plan-list")
    late = list_rows(page(department, url, late="true"))
    # The association's plan was submitted before the deadline moved; the sibling has not submitted at all.
    assert set(late) == {w.plan.pk, w.sibling_plan.pk}
    assert "data-late" in late[w.plan.pk]
    assert set(list_rows(page(department, url, late="false"))) == {w.submitted.pk, w.agreed.pk}


def test_deadline_form_refuses_a_duplicate_and_a_far_date(w):
    client = client_for(w.department)
    url = reverse("plans:deadline-create")
    response = client.post(
        url, {"municipality": w.mun.pk, "period_start": f"{w.year + 1}-01-01", "deadline": f"{w.year + 1}-02-01"}
    )
    assert response.status_code == 200 and response.context["form"].errors
    response = client.post(
        url, {"municipality": w.mun.pk, "period_start": f"{w.year}-09-01", "deadline": f"{w.year + 3}-02-01"}
    )
    assert [e.code for e in response.context["form"].errors.as_data()["deadline"]] == ["deadline_range"]
    assert PlanDeadline.objects.count() == 2


def test_anonymous_and_foreign_users_get_nothing(w):
    assert Client().get(detail(w.plan))["Location"].startswith(reverse("login"))
    stranger = make_user("stranger", "center_head", "center", w.far_center)
    assert client_for(stranger).get(detail(w.plan)).status_code == 404
