"""Permission codes of plans and the shipped roles' share of them (000 § 4.1, 6.2.1; 001 § 5.6, 5.9)."""

from django.utils.translation import gettext_lazy as _

from resurs.accounts.roles import grant
from resurs.common.permissions import model_codes, register


def register_all():
    register(model_codes("plans", "plan", _("Plans"), ("view", "add", "change", "export")))
    register(
        {
            "plans.plan:submit": _("Plans: submit for agreement"),
            "plans.plan:agree": _("Plans: return or agree"),
            "plans.plan:execute": _("Plans: record execution"),
        }
    )
    register(model_codes("plans", "plandeadline", _("Plan submission deadlines"), ("view", "add", "change")))
    authors = [
        "plans.plan:view",
        "plans.plan:add",
        "plans.plan:change",
        "plans.plan:submit",
        "plans.plan:execute",
        "plans.plan:export",
    ]
    grant("center_head", authors)
    grant("center_organizer", authors)
    grant("methodist", authors)
    grant("center_reporter", ["plans.plan:view", "plans.plan:execute", "plans.plan:export"])
    grant("coordinator", ["plans.plan:view", "plans.plan:agree", "plans.plan:export"])
    grant(
        "department",
        [
            "plans.plan:view",
            "plans.plan:export",
            "plans.plandeadline:view",
            "plans.plandeadline:add",
            "plans.plandeadline:change",
        ],
    )
    grant("regional", ["plans.plan:view", "plans.plan:export", "plans.plandeadline:view"])
