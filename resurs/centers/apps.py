"""Resource centers: kinds, the application → review → decision → active → terminated lifecycle, staff, documents."""

from pathlib import Path

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CentersConfig(AppConfig):
    name = "resurs.centers"
    label = "centers"
    verbose_name = _("Resource centers")

    def ready(self):
        from resurs.audit.events import register_events
        from resurs.common.context_processors import register_menu
        from resurs.documents.engine import register_template

        from . import exports, permissions, scopes  # noqa: F401  (exports registers the registry export)

        permissions.register_all()
        scopes.register_all()
        register_template(
            "centers.order", path=Path(__file__).parent / "doc_templates" / "order.docx", title=_("Order (приказ)")
        )
        register_events(
            {
                "centers.application.submitted": _("Application submitted to the expert council"),
                "centers.application.reviewed": _("Expert review saved"),
                "centers.application.approved": _("Application approved, center created"),
                "centers.application.rejected": _("Application rejected"),
                "centers.order.issued": _("Order issued"),
                "centers.staff.appointed": _("Staff member appointed"),
                "centers.staff.ended": _("Staff appointment ended"),
                "centers.center.terminated": _("Center terminated"),
                "centers.center.expired": _("Center's term expired"),
                "centers.application.attachments_changed": _("Attachments of the application changed"),
                "centers.order.scan_attached": _("Signed scan of the order attached"),
                "centers.order.regenerated": _("Order document generated again from the current template"),
                "documents.template.uploaded": _("New version of a document template uploaded"),
                "centers.document.added": _("Document added to the center's file"),
            }
        )
        from resurs.audit.events import register_details

        from .events import DETAILS

        register_details(DETAILS)
        register_menu("centers:center-list", _("Resource centers"), "centers.center:view", _("Resource centers"))
        # The application workflow (002 § 4.3) and the orders registry.
        section = _("Resource centers")
        register_menu("centers:application-list", _("Applications"), "centers.application:view", section)
        register_menu("centers:application-list", _("Applications under review"), "centers.application:review", section)
        register_menu("centers:order-list", _("Orders"), "centers.order:view", section)
        register_menu("centers:kind-list", _("Center kinds"), "centers.centerkind:view", section)
        register_menu("centers:criterion-list", _("Review criteria"), "centers.reviewcriterion:view", section)
        register_menu("centers:deadline-list", _("Application deadlines"), "centers.applicationdeadline:view", section)
