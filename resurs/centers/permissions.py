"""Permission codes of the centers app and the shipped roles' share of them (SPEC §1)."""

from django.utils.translation import gettext_lazy as _

from resurs.accounts.roles import grant
from resurs.common.permissions import model_codes, register
from resurs.documents.permissions import SHIPPED_GRANTS as DOCUMENT_GRANTS

CRUD = ("view", "add", "change", "delete")


def register_all():
    register(model_codes("centers", "centerkind", _("Center kinds"), ("view", "add", "change")))
    register(model_codes("centers", "reviewcriterion", _("Review criteria"), ("view", "add", "change")))
    register(model_codes("centers", "applicationdeadline", _("Application deadlines"), ("view", "add", "change")))
    register(model_codes("centers", "application", _("Applications"), ("view", "add", "change")))
    register(
        {
            "centers.application:submit": _("Applications: submit"),
            "centers.application:review": _("Applications: expert review"),
            "centers.application:decide": _("Applications: record the decision"),
            "centers.center:terminate": _("Centers: terminate"),
        }
    )
    register(model_codes("centers", "center", _("Centers"), ("view", "change", "export")))
    register(model_codes("centers", "order", _("Orders"), ("view", "add", "change")))
    register(model_codes("centers", "staffassignment", _("Center staff"), ("view", "add", "change")))
    register(model_codes("centers", "association", _("Associations and creative groups"), CRUD))
    register(model_codes("centers", "agreement", _("Agreements"), CRUD))
    register(model_codes("centers", "centerdocument", _("Center documents"), ("view", "add", "delete")))

    reads = [
        "centers.centerkind:view",
        "centers.reviewcriterion:view",
        "centers.center:view",
        "centers.order:view",
        "centers.staffassignment:view",
        "centers.association:view",
        "centers.agreement:view",
        "centers.centerdocument:view",
    ]
    grant("regional", reads + ["centers.application:view", "centers.applicationdeadline:view", "centers.center:export"])
    grant(
        "department",
        reads
        + [
            "centers.centerkind:add",
            "centers.centerkind:change",
            "centers.reviewcriterion:add",
            "centers.reviewcriterion:change",
            "centers.applicationdeadline:view",
            "centers.applicationdeadline:add",
            "centers.applicationdeadline:change",
            "centers.application:view",
            "centers.application:decide",
            "centers.center:change",
            "centers.center:export",
            "centers.center:terminate",
            "centers.order:add",
            "centers.order:change",
            "centers.staffassignment:add",
            "centers.staffassignment:change",
        ]
        + [f"centers.{m}:{a}" for m in ("association", "agreement") for a in ("add", "change", "delete")]
        + ["centers.centerdocument:add", "centers.centerdocument:delete"],
    )
    grant(
        "expert",
        [
            "centers.centerkind:view",
            "centers.reviewcriterion:view",
            "centers.center:view",
            "centers.application:review",
        ],
    )
    grant(
        "org_admin",
        [
            "centers.centerkind:view",
            "centers.center:view",
            "centers.order:view",
            "centers.application:view",
            "centers.application:add",
            "centers.application:change",
            "centers.application:submit",
        ],
    )
    grant(
        "center_head",
        reads
        + [
            "centers.center:change",
            "centers.order:add",
            "centers.staffassignment:add",
            "centers.staffassignment:change",
            "centers.centerdocument:add",
            "centers.centerdocument:delete",
        ]
        + [f"centers.{m}:{a}" for m in ("association", "agreement") for a in ("add", "change", "delete")],
    )
    for role in ("center_organizer", "center_reporter"):
        grant(role, reads + ["centers.centerdocument:add"])
    grant("methodist", reads + ["centers.association:change", "centers.centerdocument:add"])
    grant("coordinator", reads)
    # The document engine cannot reach the roles (it sits beside accounts); the app whose orders use its templates
    # gives the department the right to replace them.
    for role, codes in DOCUMENT_GRANTS.items():
        grant(role, codes)
