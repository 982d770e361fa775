"""Context builder of the plan in the layout of 001 appendix 1: the agreement and approval blocks, the title with the
owner in the genitive, the header fields, the table grouped by section, the signature."""

from django.utils import timezone

from resurs.catalogs.models import PlanSection
from resurs.centers.documents import association_reference, center_reference, initials_name, russian_date

BLANK_POSITION = "_" * 32
BLANK_SIGNATURE = "____________ /________________/"
BLANK_DATE = "«___» ____________ 20___ г."


def _agreement(plan):
    """The «Согласовано» block: who agreed the plan (the coordinator, 000 § 4.1) and when; blank lines until then."""
    revision = plan.agreed_revision
    # A new revision in preparation is a draft again: the earlier agreement does not cover what it now says.
    if plan.status != plan.Status.AGREED or revision is None or revision.decided_at is None:
        return {
            "agreed": False,
            "agreed_position": BLANK_POSITION,
            "agreed_signature": BLANK_SIGNATURE,
            "agreed_date": BLANK_DATE,
        }
    user = revision.decided_by
    name = (user.full_name or user.username) if user else ""
    staff = plan.center.staff.filter(role="coordinator", user=user).order_by("-starts_on").first() if user else None
    position = staff.position if staff and staff.position else "Координатор ресурсного центра"
    return {
        "agreed": True,
        "agreed_position": position,
        "agreed_signature": f"____________ {initials_name(name)}",
        "agreed_date": russian_date(timezone.localtime(revision.decided_at).date()),
    }


def plan_context(plan):
    """Plain values only: every section of the catalog appears, with its items (or an empty row) in date order."""
    items = sorted(plan.items.all(), key=lambda i: (i.date, i.sort_order, i.pk))
    by_section = {}
    for item in items:
        by_section.setdefault(item.section_id, []).append(item)
    sections = []
    for section in PlanSection.objects.filter(is_active=True).order_by("sort_order", "name"):
        rows = [
            {
                "form_topic": f"{i.form.name}: {i.topic}",
                "date": i.date_display,
                "venue": i.venue_display,
                "responsible": i.responsible,
            }
            for i in by_section.pop(section.pk, [])
        ]
        sections.append(
            {"name": section.name, "rows": rows or [{"form_topic": "", "date": "", "venue": "", "responsible": ""}]}
        )
    center, association = plan.center, plan.association
    organization = center.organization
    owner = association_reference(association.kind, association.name) if association else center_reference(center)
    academic = plan.period_start.year != plan.period_end.year
    head = center.staff.filter(role="head", ends_on__isnull=True).first()
    head_name = (
        (association.head.full_name if association.head_id else "") if association else (head.full_name if head else "")
    )
    if association:
        # An association's plan is approved at its meeting (001 appendix 1).
        approval = {
            "approval_title": "Утверждено на заседании",
            "approval_body": owner,
            "approval_signature": "Протокол № ____",
            "approval_date": f"от {BLANK_DATE}",
        }
    else:
        approval = {
            "approval_title": "УТВЕРЖДАЮ",
            "approval_body": f"Директор {organization.short_name}",
            "approval_signature": f"____________ {initials_name(organization.director)}"
            if organization.director
            else BLANK_SIGNATURE,
            "approval_date": BLANK_DATE,
        }
    return {
        "owner": association.name if association else center.name,
        "owner_genitive": owner,
        "title": f"План работы {owner}",
        "organization": organization.full_name,
        "base": "" if association else f"на базе {organization.short_name}",
        "period": plan.period_label,
        "academic": academic,
        "period_title": f"на {plan.period_label} учебный год" if academic else f"на {plan.period_label} год",
        "methodological_theme": plan.methodological_theme,
        "goal": plan.goal,
        "tasks": plan.tasks,
        "expected_result": plan.expected_result,
        "organizational_forms": plan.organizational_forms,
        "sections": sections,
        "head_title": "Руководитель профессионального объединения" if association else "Руководитель ресурсного центра",
        "head_name": initials_name(head_name),
        **_agreement(plan),
        **approval,
    }
