"""Permission codes of monitoring and the shipped roles' share of them (000 § 7.1.1; 004 § 1.5, 2.2, 5.3–5.5)."""

from django.utils.translation import gettext_lazy as _

from resurs.accounts.roles import grant
from resurs.common.permissions import model_codes, register

VIEW_CODES = [
    "monitoring.indicator:view",
    "monitoring.datarequest:view",
    "monitoring.dataresponse:view",
    "monitoring.assessmentresult:view",
    "monitoring.methodology:view",
    "monitoring.identificationrun:view",
    "monitoring.supportcase:view",
    "monitoring.assessmentresult:export",
    "monitoring.supportcase:export",
]


def register_all():
    register(model_codes("monitoring", "indicator", _("Indicators"), ("view", "add", "change")))
    register(model_codes("monitoring", "datarequest", _("Data requests"), ("view", "add")))
    register({"monitoring.datarequest:remind": _("Data requests: remind the organizations")})
    register(model_codes("monitoring", "dataresponse", _("Data request answers"), ("view", "change")))
    register(
        {
            "monitoring.dataresponse:submit": _("Data request answers: submit"),
            "monitoring.dataresponse:review": _("Data request answers: return or accept"),
        }
    )
    register(model_codes("monitoring", "assessmentresult", _("Assessment results"), ("view", "import", "export")))
    register(model_codes("monitoring", "methodology", _("Identification methodologies"), ("view", "change")))
    register(model_codes("monitoring", "identificationrun", _("Identification runs"), ("view", "add")))
    register(model_codes("monitoring", "supportcase", _("Support of schools"), ("view", "add", "change", "export")))
    grant(
        "department",
        [
            *VIEW_CODES,
            "monitoring.indicator:add",
            "monitoring.indicator:change",
            "monitoring.datarequest:add",
            "monitoring.datarequest:remind",
            "monitoring.dataresponse:review",
            "monitoring.assessmentresult:import",
            "monitoring.methodology:change",
            "monitoring.identificationrun:add",
            "monitoring.supportcase:add",
            "monitoring.supportcase:change",
        ],
    )
    grant("regional", VIEW_CODES)
    grant(
        "org_admin",
        [
            "monitoring.indicator:view",
            "monitoring.dataresponse:view",
            "monitoring.dataresponse:change",
            "monitoring.dataresponse:submit",
            "monitoring.assessmentresult:view",
            "monitoring.supportcase:view",
        ],
    )
    center_staff = [
        "monitoring.indicator:view",
        "monitoring.datarequest:view",
        "monitoring.datarequest:add",
        "monitoring.datarequest:remind",
        "monitoring.dataresponse:view",
        "monitoring.dataresponse:review",
        "monitoring.methodology:view",
        "monitoring.supportcase:view",
        "monitoring.supportcase:change",
    ]
    grant("center_head", center_staff)
    grant("center_reporter", center_staff)
    grant("coordinator", ["monitoring.datarequest:view", "monitoring.dataresponse:view", "monitoring.supportcase:view"])
    grant("methodist", ["monitoring.supportcase:view"])
