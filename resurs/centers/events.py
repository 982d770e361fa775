"""What the centers' logged events say in the history: the person and function of an appointment, and for an
appointment despite the eligibility warning (001 § 5.7) who overrode it and why; texts rendered when shown."""

from django.utils.translation import gettext as _

from .models import Center, StaffRole


def _role(value):
    return str(dict(StaffRole.choices).get(value, value))


def ended(data, actor):
    return _("%(person)s — %(role)s") % {"person": data.get("person", ""), "role": _role(data.get("role"))}


def appointed(data, actor):
    text = ended(data, actor)
    if data.get("override_reason"):
        text += ". " + _("Appointed despite the eligibility warning (001 § 5.7) by %(who)s, reason: «%(reason)s»") % {
            "who": actor or _("system"),
            "reason": data["override_reason"],
        }
    return text


def decided(data, actor):
    return _("Reason: %(reason)s") % {"reason": data["reason"]} if data.get("reason") else ""


def terminated(data, actor):
    reason = data.get("reason")
    return _("Reason: %(reason)s") % {"reason": dict(Center.TerminationReason.choices).get(reason, reason)}


def document_added(data, actor):
    return data.get("title", "")


def attachments_changed(data, actor):
    parts = []
    if data.get("added"):
        parts.append(_("added: %(names)s") % {"names": ", ".join(data["added"])})
    if data.get("removed"):
        parts.append(_("removed: %(names)s") % {"names": ", ".join(data["removed"])})
    return "; ".join(parts)


DETAILS = {
    "centers.staff.appointed": appointed,
    "centers.staff.ended": ended,
    "centers.application.approved": decided,
    "centers.application.rejected": decided,
    "centers.center.terminated": terminated,
    "centers.document.added": document_added,
    "centers.application.attachments_changed": attachments_changed,
}
