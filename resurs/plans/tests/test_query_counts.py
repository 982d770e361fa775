"""Queries do not grow with the rows: the plans list (5 vs 50 plans), the plan page and both exports (5 vs 300
items), on a plan with revisions and comments so that every part of the page is drawn."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from resurs.common.testing import count_queries
from resurs.plans import services
from resurs.plans.models import Plan, PlanItem, PlanRevision
from resurs.plans.tests.factories import build_world, bulk_items

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(world):
    return build_world(world)


def queries(client, method, url, **params):
    with count_queries() as counted:
        response = getattr(client, method)(url, params)
    assert response.status_code in (200, 302), response.status_code
    if method == "post":
        assert client.get(response["Location"]).status_code == 200
    return counted.count


def returned_plan(w, items):
    """A plan with `items` items, submitted twice and returned with comments on items (a full plan page)."""
    plan = services.create_plan(actor=w.head, center=w.center, year=w.year + 2, goal="Цель")
    bulk_items(plan, items, w.sections, w.forms, venue=w.org2)
    services.submit(actor=w.head, plan=plan)
    first = plan.items.order_by("pk").first()
    services.return_plan(actor=w.coordinator, plan=plan, comment="Доработать", item_comments={str(first.uid): "Дата?"})
    PlanItem.objects.filter(pk=first.pk).update(topic="Исправлено")
    services.submit(actor=w.head, plan=Plan.objects.get(pk=plan.pk))
    services.return_plan(actor=w.coordinator, plan=plan, comment="Ещё раз", item_comments={str(first.uid): "Ок"})
    return Plan.objects.get(pk=plan.pk)


def grow(plan, w, total):
    bulk_items(plan, total - plan.items.count(), w.sections, w.forms, venue=w.org2)
    # The revisions grow with the plan too (the page diffs the last two).
    for revision in PlanRevision.objects.filter(plan=plan):
        revision.snapshot = services.snapshot(plan)
        revision.save()


@pytest.mark.parametrize("actor", ["head", "coordinator", "department"])
def test_plan_page_and_exports_do_not_grow_with_items(w, actor):
    plan = returned_plan(w, 5)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(getattr(w, actor))
    page = reverse("plans:plan-detail", args=[plan.pk])
    docx = reverse("plans:export-docx", args=[plan.pk])
    xlsx = reverse("plans:export-xlsx", args=[plan.pk])
    filtered = {"section": w.section.pk, "responsible": "Ответственный 1"}
    queries(client, "get", page)  # warm the caches (content types, sessions)
    few = {
        "page": queries(client, "get", page),
        "filtered": queries(client, "get", page, **filtered),
        "docx": queries(client, "post", docx),
        "xlsx": queries(client, "get", xlsx),
    }
    grow(plan, w, 300)
    assert plan.items.count() == 300
    many = {
        "page": queries(client, "get", page),
        "filtered": queries(client, "get", page, **filtered),
        "docx": queries(client, "post", docx),
        "xlsx": queries(client, "get", xlsx),
    }
    assert many == few


def test_agreed_plan_page_with_execution_does_not_grow(w):
    plan = w.agreed
    services.start_revision(actor=w.head, plan=plan)
    bulk_items(plan, 4, w.sections, w.forms)
    client = Client()
    client.force_login(w.head)
    page = reverse("plans:plan-detail", args=[plan.pk])
    queries(client, "get", page)
    few = queries(client, "get", page)
    bulk_items(plan, 295, w.sections, w.forms)
    PlanItem.objects.filter(plan=plan, pk__in=plan.items.values("pk")[:100]).update(
        execution="rescheduled", new_date=plan.period_end, execution_reason="Перенос"
    )
    assert queries(client, "get", page) == few


def add_plans(w, prefix, n):
    """`n` plans of the center, one per year far in the past, each with items, a revision and a deadline."""
    start = 1900 if prefix == "a" else 1800
    plans = Plan.objects.bulk_create(
        Plan(
            center=w.center,
            period_start=datetime.date(start + i, 1, 1),
            period_end=datetime.date(start + i, 12, 31),
            status="agreed" if i % 2 else "submitted",
        )
        for i in range(n)
    )
    for plan in plans:
        bulk_items(plan, 3, w.sections, w.forms)
    PlanRevision.objects.bulk_create(
        PlanRevision(plan=p, number=1, snapshot={}, submitted_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
        for p in plans
    )


@pytest.mark.parametrize("actor", ["department", "coordinator", "regional"])
def test_plans_list_does_not_grow_with_plans(w, actor):
    client = Client()
    client.force_login(getattr(w, actor))
    url = reverse("plans:plan-list")
    add_plans(w, "a", 5)
    queries(client, "get", url)
    few = queries(client, "get", url)
    few_late = queries(client, "get", url, late="true", status="agreed")
    add_plans(w, "b", 45)
    assert queries(client, "get", url) == few
    assert queries(client, "get", url, late="true", status="agreed") == few_late
