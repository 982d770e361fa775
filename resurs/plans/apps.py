"""Plans of centers and associations: appendix-1 layout, agreement with revisions, execution."""

from pathlib import Path

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "resurs.plans"
    label = "plans"
    verbose_name = _("Plans")

    def ready(self):
        from resurs.audit.events import register_events
        from resurs.common.context_processors import register_menu
        from resurs.documents.engine import register_template

        from . import exports, imports, permissions  # noqa: F401  (registers the export and the import)

        permissions.register_all()
        section = _("Plans")
        register_menu("plans:plan-list", _("Plans"), "plans.plan:view", section)
        register_menu("plans:plan-create", _("New plan"), "plans.plan:add", section)
        register_menu("plans:deadline-list", _("Plan submission deadlines"), "plans.plandeadline:view", section)
        register_template(
            "plans.plan",
            path=Path(__file__).parent / "doc_templates" / "plan.docx",
            title=_("Work plan (001 appendix 1)"),
        )
        register_events(
            {
                "plans.plan.created": _("Plan created"),
                "plans.plan.submitted": _("Plan submitted for agreement"),
                "plans.plan.returned": _("Plan returned with comments"),
                "plans.plan.agreed": _("Plan agreed"),
                "plans.plan.revision_started": _("New revision of the plan started"),
                "plans.item.execution": _("Execution of a plan item recorded"),
                "plans.items.imported": _("Plan items imported"),
                "plans.item.added": _("Plan item added"),
                "plans.item.changed": _("Plan item changed"),
                "plans.item.deleted": _("Plan item deleted"),
                "plans.items.added": _("Plan items added from a file"),
            }
        )
        from resurs.audit.events import register_details

        register_details(dict.fromkeys(("plans.item.added", "plans.item.changed", "plans.item.deleted"), _item_detail))
        register_details({"plans.item.execution": _item_detail})


def _item_detail(data, actor):
    """The item's topic (and the reason of a rescheduling or cancellation) in the plan's history."""
    from django.utils.translation import gettext

    text = data.get("item", "")
    if data.get("reason"):
        text += " — " + gettext("reason: %(reason)s") % {"reason": data["reason"]}
    return text
