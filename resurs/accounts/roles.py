"""The shipped roles of SPEC §1 and the codes each app grants them; synced after every migrate."""

from django.utils.translation import gettext_noop

# code -> (name, scope kinds it may be held on); names are translated when shown.
SHIPPED_ROLES = {
    "regional": (gettext_noop("Regional operator"), ["region"]),
    "department": (gettext_noop("Department administrator"), ["municipality"]),
    "coordinator": (gettext_noop("Coordinator"), ["center"]),
    "expert": (gettext_noop("Expert council member"), ["municipality"]),
    "center_head": (gettext_noop("Center head"), ["center"]),
    "center_organizer": (gettext_noop("Center organizer"), ["center"]),
    "center_reporter": (gettext_noop("Center reporter"), ["center"]),
    "methodist": (gettext_noop("Methodist"), ["center"]),
    "org_admin": (gettext_noop("Organization administrator"), ["organization"]),
    "teacher": (gettext_noop("Teacher"), ["self"]),
}

_grants: dict[str, set[str]] = {code: set() for code in SHIPPED_ROLES}

# A department administrator staffs the municipality: it appoints these roles without holding their codes
# (it may not, say, agree a plan itself — issue 4 — yet it appoints the coordinator who does).
SHIPPED_DELEGATION = {
    "department": [
        "org_admin",
        "expert",
        "coordinator",
        "center_head",
        "center_organizer",
        "center_reporter",
        "methodist",
        "teacher",
    ],
    "org_admin": ["teacher"],
}


def grant(role_code, codes):
    _grants[role_code].update(codes)


def shipped_grants():
    return {code: sorted(codes) for code, codes in _grants.items()}


def sync_shipped_roles(**kwargs):
    """Create missing shipped roles; add codes shipped since the last sync, never re-adding removed ones."""
    from .models import Role

    for code, (name, kinds) in SHIPPED_ROLES.items():
        codes = set(_grants[code])
        role, created = Role.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "scope_kinds": kinds,
                "permissions": sorted(codes),
                "shipped_codes": sorted(codes),
                "delegable_roles": SHIPPED_DELEGATION.get(code, []),
            },
        )
        if created:
            continue
        new = codes - set(role.shipped_codes)
        if new:
            role.permissions = sorted(set(role.permissions) | new)
            role.shipped_codes = sorted(set(role.shipped_codes) | new)
            role.save(update_fields=["permissions", "shipped_codes"])
