"""Context builder of the plan in the layout of 001 appendix 1: header fields, the table grouped by section, signature."""

from resurs.catalogs.models import PlanSection


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
    owner = plan.association or plan.center
    head = plan.center.staff.filter(role="head", ends_on__isnull=True).first()
    return {
        "owner": owner.name,
        "organization": plan.center.organization.full_name,
        "period": plan.period_label,
        "academic": plan.period_start.month == 9,
        "methodological_theme": plan.methodological_theme,
        "goal": plan.goal,
        "tasks": plan.tasks,
        "expected_result": plan.expected_result,
        "organizational_forms": plan.organizational_forms,
        "sections": sections,
        "head_title": "Руководитель профессионального объединения"
        if plan.association_id
        else "Руководитель ресурсного центра",
        "head_name": (
            plan.association.head.full_name
            if plan.association_id and plan.association.head_id
            else head.full_name
            if head
            else ""
        ),
        "agreed": plan.agreed_revision is not None,
    }
