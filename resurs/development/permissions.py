"""Permission codes of teacher development and the shipped roles' share of them (001 § 2.2, 3.2, 5.9; 004 § 2.2.5, 5.5).

A teacher (self scope) reads their own records, keeps their own route and courses; a center's methodists and head run
diagnostics, tutor and agree routes of the teachers they support; the department reads and keeps everything of its
municipality and runs the recommendation job; an organization administrator keeps its teachers' courses,
presentations, mentoring and attestation; the regional operator reads.
"""

from django.utils.translation import gettext_lazy as _

from resurs.accounts.roles import grant
from resurs.common.permissions import model_codes, register

CRUD = ("view", "add", "change", "delete")


def register_all():
    register(model_codes("development", "diagnosticprocedure", _("Diagnostic procedures"), CRUD))
    register(model_codes("development", "diagnosticresult", _("Diagnostic results"), (*CRUD, "import", "export")))
    register(model_codes("development", "route", _("Individual educational routes"), ("view", "add", "change")))
    register({"development.route:agree": _("Individual educational routes: agree as the tutor")})
    register(model_codes("development", "course", _("Professional development courses"), (*CRUD, "import", "export")))
    register(model_codes("development", "experiencesharing", _("Presentations of experience"), CRUD))
    register(model_codes("development", "mentoringpair", _("Mentoring pairs"), CRUD))
    register(model_codes("development", "attestation", _("Attestation"), CRUD))
    register(model_codes("development", "recommendationset", _("Recommendations"), ("view",)))
    register({"development.recommendationset:refresh": _("Recommendations: compute for all teachers")})
    register({"development.analysis:view": _("Analysis of teacher development (001 appendix 2)")})

    models = ("diagnosticprocedure", "diagnosticresult", "route", "course", "experiencesharing", "mentoringpair")
    views = [f"development.{m}:view" for m in (*models, "attestation", "recommendationset")]
    center_staff = [
        *views,
        "development.diagnosticprocedure:add",
        "development.diagnosticprocedure:change",
        "development.diagnosticprocedure:delete",
        "development.diagnosticresult:add",
        "development.diagnosticresult:change",
        "development.diagnosticresult:delete",
        "development.diagnosticresult:import",
        "development.diagnosticresult:export",
        "development.route:add",
        "development.route:change",
        "development.route:agree",
        "development.experiencesharing:add",
        "development.experiencesharing:change",
        "development.mentoringpair:add",
        "development.mentoringpair:change",
        "development.analysis:view",
    ]
    grant("methodist", center_staff)
    grant("center_head", center_staff)
    keepers = [
        f"development.{m}:{a}"
        for m in ("course", "experiencesharing", "mentoringpair", "attestation")
        for a in ("add", "change", "delete")
    ]
    grant(
        "department",
        [
            *views,
            *keepers,
            "development.diagnosticprocedure:add",
            "development.diagnosticprocedure:change",
            "development.diagnosticprocedure:delete",
            "development.diagnosticresult:add",
            "development.diagnosticresult:change",
            "development.diagnosticresult:delete",
            "development.diagnosticresult:import",
            "development.diagnosticresult:export",
            "development.course:import",
            "development.course:export",
            "development.route:add",
            "development.route:change",
            "development.recommendationset:refresh",
            "development.analysis:view",
        ],
    )
    grant("org_admin", [*views, *keepers, "development.course:import", "development.course:export"])
    grant("regional", [*views, "development.analysis:view"])
    grant(
        "teacher",
        [
            "development.diagnosticresult:view",
            "development.route:view",
            "development.route:add",
            "development.route:change",
            "development.course:view",
            "development.course:add",
            "development.course:change",
            "development.experiencesharing:view",
            "development.experiencesharing:add",
            "development.mentoringpair:view",
            "development.attestation:view",
            "development.recommendationset:view",
        ],
    )
