"""Error codes of monitoring: what a refusal with each code means (the API's `code`, a form error's code)."""

from django.utils.translation import gettext_lazy as _

CODES = {
    "below_minimum": _("Give the number of participants below the minimum score, not more than the participants."),
    "duplicate": _("Such a record already exists."),
    "formula": _("The formula is not valid or names unknown indicators."),
    "grade": _("The grade is from 1 to 11."),
    "journal_sum": _("More marks compared with the journal than participants."),
    "marks": _("Give the number of every mark from «2» to «5»."),
    "marks_sum": _("The marks do not add up to the number of participants."),
    "part_of": _("An indicator cannot be a part of itself."),
    "value_range": _("The maximum is below the minimum."),
    "case_closed": _("The support is completed; its plan is read-only."),
    "center_region": _("A supporting center must be an active center of the school's region."),
    "comment_required": _("Write what should be corrected."),
    "deadline_past": _("The deadline has passed already."),
    "duplicate_support": _("The school already has a support plan for this group and year."),
    "indicator_level": _("A data request asks organizations for organization-level indicators only."),
    "invalid_rules": _("The rules of the methodology are not valid."),
    "invalid_values": _("Some values are missing or not valid."),
    "no_indicators": _("Choose at least one indicator."),
    "no_organizations": _("Choose at least one organization."),
    "not_a_school": _("Support is given to general education schools."),
    "nothing_to_remind": _("Every organization has submitted its answer."),
    "organization_municipality": _("The organizations must belong to the request's municipality."),
    "partner_municipality": _("A partner school must be another school of the same municipality."),
    "unknown_indicator": _("The rule names an indicator that is not in the catalog."),
    "year": _("The year is out of range."),
}
