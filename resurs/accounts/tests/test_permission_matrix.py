"""Permission matrix of the account pages: users, their roles, roles, the own profile.

Denied requests change nothing in the database (run_case compares every row before and after).
"""

import pytest
from django.utils import timezone

from resurs.accounts.models import Role, RoleAssignment, User
from resurs.accounts.testing import make_user
from resurs.audit.models import ActionLog, ChangeLog
from resurs.common.tests.matrix import INVALID, LOGIN, SAVED, Case, case_params, run_case

TODAY = timezone.localdate


@pytest.fixture
def world(world):
    def role(code, kinds, codes):
        return Role.objects.create(code=code, name=code.title(), scope_kinds=kinds, permissions=codes)

    # Roles with fixed codes: the shipped ones grow as apps are added.
    world.t_org = role(
        "t_org", ["organization"], ["accounts.user:view", "people.teacher:change", "people.teacher:view"]
    )
    world.t_mun = role("t_mun", ["municipality"], ["people.teacher:view", "territory.organization:view"])
    world.wide = role("wide", ["municipality"], ["accounts.role:change", "people.teacher:view"])
    world.staff = make_user("staff", "t_org", "organization", world.org, email="staff@example.org")
    world.staff_assignment = world.staff.assignments.get()
    world.other_staff = make_user("other_staff", "t_org", "organization", world.other_org)
    world.inactive = make_user("inactive", "t_org", "organization", world.org2, is_active=False)
    world.superuser = User.objects.create_superuser("root", "root@example.org", "pass-12345")
    return world


def C(actor, url_name, args=(), method="get", expected=200, **kw):
    return Case(actor, f"accounts:{url_name}", tuple(args), method, expected, **kw)


def denied_everywhere(url_name, args=(), methods=("get", "post")):
    return [C("anonymous", url_name, args, m, LOGIN) for m in methods] + [
        C("no_role", url_name, args, m, 403) for m in methods
    ]


MATRIX = [
    # The user list: each administrator sees the users holding roles inside their scope.
    *denied_everywhere("user-list", methods=("get",)),
    C("teacher_user", "user-list", expected=403),
    C("department", "user-list", visible=("staff", "org_admin", "inactive"), hidden=("other_staff", "regional")),
    C("other_department", "user-list", visible=("other_staff", "other_org_admin"), hidden=("staff", "org_admin")),
    C("staff", "user-list", visible=("org_admin",), hidden=("inactive", "other_staff", "department")),
    C("regional", "user-list", visible=("staff", "other_staff", "department", "other_department")),
    # The user page.
    *denied_everywhere("user-detail", ["staff"], methods=("get",)),
    C("teacher_user", "user-detail", ["staff"], expected=403),
    C("department", "user-detail", ["staff"]),
    C("regional", "user-detail", ["staff"]),
    C("org_admin", "user-detail", ["staff"]),
    C("other_department", "user-detail", ["staff"], expected=404),
    C("other_org_admin", "user-detail", ["staff"], expected=404),
    C("staff", "user-detail", ["inactive"], expected=404),
    # Create (with the first role).
    *denied_everywhere("user-create"),
    C("staff", "user-create", expected=403),
    C("staff", "user-create", method="post", expected=403),
    C("regional", "user-create", method="post", expected=403),
    C("department", "user-create"),
    C("department", "user-create", method="post", expected=SAVED),
    C("other_department", "user-create", method="post", expected=INVALID),
    # Edit.
    *denied_everywhere("user-update", ["staff"]),
    C("department", "user-update", ["staff"]),
    C("department", "user-update", ["staff"], "post", SAVED),
    C("other_department", "user-update", ["staff"], expected=404),
    C("other_department", "user-update", ["staff"], "post", 404),
    C("org_admin", "user-update", ["staff"], "post", 403),
    C("regional", "user-update", ["staff"], "post", 403),
    C("teacher_user", "user-update", ["staff"], "post", 403),
    # Deactivate / activate.
    *denied_everywhere("user-deactivate", ["staff"]),
    C("department", "user-deactivate", ["staff"]),
    C("department", "user-deactivate", ["staff"], "post", SAVED),
    C("department", "user-deactivate", ["department"], "post", 400),  # not oneself
    C("other_department", "user-deactivate", ["staff"], "post", 404),
    C("org_admin", "user-deactivate", ["staff"], "post", 403),
    C("regional", "user-deactivate", ["staff"], "post", 403),
    *denied_everywhere("user-activate", ["inactive"]),
    C("department", "user-activate", ["inactive"], "post", SAVED),
    C("department", "user-activate", ["staff"], "post", 400),  # already active
    C("other_department", "user-activate", ["inactive"], "post", 404),
    C("org_admin", "user-activate", ["inactive"], "post", 403),
    # A new set-password letter.
    *denied_everywhere("user-password-email", ["staff"]),
    C("department", "user-password-email", ["staff"]),
    C("department", "user-password-email", ["staff"], "post", SAVED),
    C("department", "user-password-email", ["org_admin"], "post", 400),  # no e-mail address
    C("other_department", "user-password-email", ["staff"], "post", 404),
    C("org_admin", "user-password-email", ["staff"], "post", 403),
    # Assign a role.
    *denied_everywhere("assignment-create", ["staff"]),
    C("department", "assignment-create", ["staff"]),
    C("department", "assignment-create", ["staff"], "post", SAVED),
    C("department", "assignment-create", ["inactive"], "post", 400),  # activate the account first
    C("other_department", "assignment-create", ["staff"], expected=404),
    C("other_department", "assignment-create", ["staff"], "post", 404),
    C("org_admin", "assignment-create", ["staff"], "post", 403),
    C("staff", "assignment-create", ["org_admin"], "post", 403),
    # End a role.
    *denied_everywhere("assignment-end", ["staff", "staff_assignment"]),
    C("department", "assignment-end", ["staff", "staff_assignment"]),
    C("department", "assignment-end", ["staff", "staff_assignment"], "post", SAVED),
    C("department", "assignment-end", ["org_admin", "staff_assignment"], "post", 404),  # not this user's role
    C("other_department", "assignment-end", ["staff", "staff_assignment"], "post", 404),
    C("org_admin", "assignment-end", ["staff", "staff_assignment"], "post", 403),
    # Roles: read by holders of accounts.role:view, changed by holders of accounts.role:change (superusers).
    *denied_everywhere("role-list", methods=("get",)),
    C("staff", "role-list", expected=403),
    C("department", "role-list", visible=("t_org", "t_mun")),
    C("regional", "role-list", visible=("t_org",)),
    *denied_everywhere("role-detail", ["t_org"], methods=("get",)),
    C("staff", "role-detail", ["t_org"], expected=403),
    C("department", "role-detail", ["t_org"]),
    *denied_everywhere("role-update", ["t_org"]),
    C("department", "role-update", ["t_org"], expected=403),
    C("department", "role-update", ["t_org"], "post", 403),
    C("regional", "role-update", ["t_org"], "post", 403),
    C("superuser", "role-update", ["t_org"]),
    C("superuser", "role-update", ["t_org"], "post", SAVED),
    # The own profile: every logged-in user.
    C("anonymous", "profile", expected=LOGIN),
    C("no_role", "profile"),
    C("no_role", "profile", method="post", expected=405),
    C("staff", "profile"),
    C("teacher_user", "profile"),
]


def _data(w, case):
    name = case.url_name.split(":")[1]
    if name == "user-create":
        return {
            "username": "newbie",
            "last_name": "Сидорова",
            "first_name": "Анна",
            "email": "newbie@example.org",
            "password": "Correct-Horse-42",
            "role": w.t_org.pk,
            "scope": f"organization:{w.org.pk}",
            "starts_on": TODAY().isoformat(),
        }
    if name == "user-update":
        return {
            "username": "staff",
            "last_name": "Новикова",
            "first_name": "Ольга",
            "email": "olga@example.org",
            "phone": "+7 900 123-45-67",
            "version_seen": "1",
        }
    if name == "assignment-create":
        return {"role": w.t_mun.pk, "scope": f"municipality:{w.mun.pk}", "starts_on": TODAY().isoformat()}
    if name == "role-update":
        return {
            "name": "Staff",
            "description": "Сотрудники",
            "scope_kinds": ["organization"],
            "permissions": ["accounts.user:view", "people.teacher:view"],
            "version_seen": "1",
        }
    return None


def _saved(w, case):
    name = case.url_name.split(":")[1]

    def check(world, actor):
        if name == "user-create":
            user = User.objects.get(username="newbie")
            assert (user.last_name, user.email, user.is_active) == ("Сидорова", "newbie@example.org", True)
            assert list(user.assignments.values_list("role__code", "organization_id", "granted_by")) == [
                ("t_org", w.org.pk, actor.pk)
            ]
            assert ActionLog.objects.get(code="accounts.user.created").object_id == str(user.pk)
        elif name == "user-update":
            user = User.objects.get(pk=w.staff.pk)
            assert (user.last_name, user.first_name, user.email, user.phone, user.version) == (
                "Новикова",
                "Ольга",
                "olga@example.org",
                "+7 900 123-45-67",
                2,
            )
            entry = ChangeLog.objects.get(object_id=str(user.pk), content_type__model="user")
            assert (entry.actor, entry.changes["email"]) == (actor, ["staff@example.org", "olga@example.org"])
        elif name == "user-deactivate":
            assert not User.objects.get(pk=w.staff.pk).is_active
            assert ActionLog.objects.get(code="accounts.user.deactivated").actor == actor
        elif name == "user-activate":
            assert User.objects.get(pk=w.inactive.pk).is_active
            assert ActionLog.objects.get(code="accounts.user.activated").actor == actor
        elif name == "user-password-email":
            entry = ActionLog.objects.get(code="accounts.user.password_email_sent")
            assert (entry.actor, entry.object_id) == (actor, str(w.staff.pk))
        elif name == "assignment-create":
            assert list(w.staff.assignments.order_by("pk").values_list("role__code", "scope_id", "ends_on")) == [
                ("t_org", w.org.pk, None),
                ("t_mun", w.mun.pk, None),
            ]
        elif name == "assignment-end":
            assignment = RoleAssignment.objects.get(pk=w.staff_assignment.pk)
            assert assignment.ends_on == TODAY() - timezone.timedelta(days=1)
            assert ActionLog.objects.get(code="accounts.role.ended").actor == actor
        elif name == "role-update":
            role = Role.objects.get(pk=w.t_org.pk)
            assert (role.name, role.description, role.permissions, role.version) == (
                "Staff",
                "Сотрудники",
                ["accounts.user:view", "people.teacher:view"],
                2,
            )
        else:
            raise AssertionError(f"no check for {name}")

    return check


@pytest.mark.parametrize(**case_params(MATRIX))
def test_accounts_permission_matrix(client, world, case):
    run_case(client, world, case, data=_data(world, case), saved=_saved(world, case))
