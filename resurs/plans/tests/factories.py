"""Plans in each status for the page, API and permission tests, built through the services (as users make them)."""

import datetime

from django.utils import timezone

from resurs.accounts.testing import make_user
from resurs.catalogs.models import PlanSection, WorkForm
from resurs.centers.models import Association
from resurs.centers.tests.factories import CenterFactory
from resurs.plans import services
from resurs.plans.models import Plan, PlanDeadline, PlanItem


def item_values(section, form, day, topic="Семинар", responsible="Иванова М. П.", **extra):
    return {"section": section, "form": form, "topic": topic, "date": day, "responsible": responsible, **extra}


def add_item(plan, actor, **values):
    plan = Plan.objects.get(pk=plan.pk)
    return services.save_item(actor=actor, plan=plan, version=plan.version, **values)


def bulk_items(plan, count, sections, forms, venue=None):
    """`count` items spread over the sections and the months of the plan's period (fast: one insert)."""
    items = []
    for n in range(count):
        month = (plan.period_start.month - 1 + n % 12) % 12 + 1
        year = plan.period_start.year + (1 if month < plan.period_start.month else 0)
        items.append(
            PlanItem(
                plan=plan,
                section=sections[n % len(sections)],
                form=forms[n % len(forms)],
                topic=f"Тема {n + 1:03d}",
                date=datetime.date(year, month, 1 + n % 28),
                date_precision="month" if n % 10 == 9 else "day",
                venue=venue if n % 3 == 0 else None,
                is_online=n % 3 == 1,
                responsible=f"Ответственный {n % 7 + 1}",
                audience="учителя математики",
                expected_product="методические рекомендации" if n % 2 else "",
                sort_order=n + 1,
            )
        )
    PlanItem.objects.bulk_create(items)
    return items


def build_world(w):
    """Centers (ours, a sibling in the same municipality, a far one), their staff, and plans in every status.

    Years are relative to today: the draft and submitted plans are next year's (nothing overdue), the agreed
    plan is last year's (its open items are overdue).
    """
    year = timezone.localdate().year
    w.year = year
    w.center = CenterFactory(organization=w.org, name="Ресурсный центр «Точка роста»")
    w.sibling_center = CenterFactory(organization=w.org2, name="Ресурсный центр «Сириус»")
    w.far_center = CenterFactory(organization=w.other_org, name="Ресурсный центр «Горизонт»")
    w.association = Association.objects.create(center=w.center, kind="gmo", name="ГМО учителей математики")
    w.head = make_user("plan_head", "center_head", "center", w.center, email="head@school.ru")
    w.organizer = make_user("plan_organizer", "center_organizer", "center", w.center, email="org@school.ru")
    w.reporter = make_user("plan_reporter", "center_reporter", "center", w.center)
    w.coordinator = make_user("plan_coordinator", "coordinator", "center", w.center, email="coord@edu.ru")
    w.sibling_head = make_user("sibling_head", "center_head", "center", w.sibling_center)
    w.sibling_coordinator = make_user("sibling_coordinator", "coordinator", "center", w.sibling_center)
    w.far_head = make_user("far_head", "center_head", "center", w.far_center)
    w.sections = list(PlanSection.objects.filter(is_active=True).order_by("sort_order", "name")[:3])
    w.section, w.section2 = w.sections[0], w.sections[1]
    w.forms = list(WorkForm.objects.filter(is_active=True).order_by("sort_order", "name")[:3])
    w.form = w.forms[0]

    # A draft of next year with two items.
    w.plan = services.create_plan(actor=w.head, center=w.center, year=year + 1, goal="Развитие профмастерства")
    w.item = add_item(
        w.plan, w.head, **item_values(w.section, w.form, datetime.date(year + 1, 3, 10), "Семинар по ФГОС")
    )
    w.item2 = add_item(
        w.plan,
        w.head,
        **item_values(w.section2, w.forms[1], datetime.date(year + 1, 4, 1), "Круглый стол", date_precision="month"),
    )
    w.plan.refresh_from_db()

    # The association's plan of next year, submitted.
    w.submitted = services.create_plan(actor=w.head, center=w.center, association=w.association, year=year + 1)
    w.submitted_item = add_item(
        w.submitted, w.head, **item_values(w.section, w.form, datetime.date(year + 1, 2, 5), "Заседание ГМО")
    )
    services.submit(actor=w.head, plan=w.submitted)
    w.submitted.refresh_from_db()

    # Last year's plan of the center, agreed.
    w.agreed = services.create_plan(actor=w.head, center=w.center, year=year - 1, goal="Прошлый год")
    w.agreed_item = add_item(
        w.agreed, w.head, **item_values(w.section, w.form, datetime.date(year - 1, 10, 15), "Мастер-класс")
    )
    services.submit(actor=w.head, plan=w.agreed)
    services.agree(actor=w.coordinator, plan=w.agreed)
    w.agreed.refresh_from_db()

    w.sibling_plan = services.create_plan(actor=w.sibling_head, center=w.sibling_center, year=year + 1)
    w.far_plan = services.create_plan(actor=w.far_head, center=w.far_center, year=year + 1)
    w.deadline = PlanDeadline.objects.create(
        municipality=w.mun, period_start=datetime.date(year + 1, 1, 1), deadline=datetime.date(year + 1, 1, 20)
    )
    w.far_deadline = PlanDeadline.objects.create(
        municipality=w.other_mun, period_start=datetime.date(year + 1, 1, 1), deadline=datetime.date(year + 1, 1, 25)
    )
    return w
