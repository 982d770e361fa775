"""Account services: every error code, the action-log entries, and no privilege escalation."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone, translation

from resurs.accounts import services
from resurs.accounts.models import Role, RoleAssignment, User
from resurs.accounts.testing import grant_role, make_user
from resurs.audit.models import ActionLog, ChangeLog
from resurs.common.errors import ConcurrentEditError, PermissionDeniedError, ServiceError
from resurs.common.scoping import has_code, restrict

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


def role(code):
    return Role.objects.get(code=code)


def fresh(user):
    """The user re-read, so that grants are computed again."""
    return User.objects.get(pk=user.pk)


def create(actor, **overrides):
    data = {
        "username": "newbie",
        "last_name": "Сидорова",
        "first_name": "Анна",
        "patronymic": "Ивановна",
        "email": "newbie@example.org",
        "position": "методист",
        "phone": "+7 900 000-00-00",
        "password": "Correct-Horse-42",
        "scope_kind": "organization",
        "scope_id": None,
    }
    data.update(overrides)
    if "role" not in data:
        data["role"] = role("t_org")
    return services.create_user(actor=actor, **data)


def snapshot_counts():
    return (User.objects.count(), RoleAssignment.objects.count(), ActionLog.objects.count())


# --- create_user ----------------------------------------------------------------------------------------------


def test_department_creates_user_with_first_role_in_its_organization(world, acc):
    user = create(world.department, scope_id=world.org.pk)

    user = fresh(user)
    assert (user.username, user.last_name, user.first_name, user.patronymic) == (
        "newbie",
        "Сидорова",
        "Анна",
        "Ивановна",
    )
    assert (user.email, user.position, user.phone, user.is_active) == (
        "newbie@example.org",
        "методист",
        "+7 900 000-00-00",
        True,
    )
    assert user.check_password("Correct-Horse-42")
    [a] = user.assignments.all()
    assert (a.role.code, a.scope_kind, a.scope_id, a.scope_label) == (
        "t_org",
        "organization",
        world.org.pk,
        f"{world.org.short_name} ({world.mun.name})",
    )
    assert (a.region_id, a.municipality_id, a.organization_id) == (world.region.pk, world.mun.pk, world.org.pk)
    assert (a.starts_on, a.ends_on, a.granted_by) == (TODAY(), None, world.department)
    # The new account falls into the creator's scope at once, and not into another department's.
    assert list(restrict(User.objects.filter(pk=user.pk), world.department, "accounts.user:view")) == [user]
    assert not restrict(User.objects.filter(pk=user.pk), world.other_department, "accounts.user:view").exists()
    assert has_code(user, "people.teacher:change")
    entries = list(ActionLog.objects.filter(object_id=str(user.pk)).order_by("id").values_list("code", "data"))
    assert entries == [
        (
            "accounts.role.assigned",
            {
                "role": "t_org",
                "scope_kind": "organization",
                "scope_id": world.org.pk,
                "scope": a.scope_label,
                "starts_on": TODAY().isoformat(),
                "ends_on": None,
            },
        ),
        (
            "accounts.user.created",
            {"username": "newbie", "role": "t_org", "scope": a.scope_label, "letter": False},
        ),
    ]
    assert ActionLog.objects.get(code="accounts.user.created").actor == world.department


def test_municipality_scope_is_denormalised(world, acc):
    user = create(world.department, role=acc.t_mun, scope_kind="municipality", scope_id=world.mun.pk)
    [a] = user.assignments.all()
    assert (a.scope_label, a.region_id, a.municipality_id, a.organization_id) == (
        world.mun.name,
        world.region.pk,
        world.mun.pk,
        None,
    )


def test_region_scope_is_denormalised(world, superuser):
    user = create(superuser, role=role("regional"), scope_kind="region", scope_id=world.region.pk)
    [a] = user.assignments.all()
    assert (a.scope_label, a.region_id, a.municipality_id, a.organization_id) == (
        world.region.name,
        world.region.pk,
        None,
        None,
    )


def test_create_outside_own_municipality_is_refused_and_nothing_is_written(world, acc):
    before = snapshot_counts()
    with pytest.raises(PermissionDeniedError) as exc:
        create(world.department, scope_id=world.other_org.pk)
    assert exc.value.code == "scope_not_reached"
    assert str(exc.value.message) == "You do not administer users on this scope."  # the scope's name is not told
    assert snapshot_counts() == before
    assert not User.objects.filter(username="newbie").exists()


def test_create_on_region_by_department_is_refused(world, acc):
    regional_kind = acc.t_mun
    regional_kind.scope_kinds = ["region"]
    regional_kind.save()
    before = snapshot_counts()
    with pytest.raises(PermissionDeniedError) as exc:
        create(world.department, role=regional_kind, scope_kind="region", scope_id=world.region.pk)
    assert exc.value.code == "scope_not_reached"
    assert snapshot_counts() == before


def test_create_with_role_carrying_codes_the_creator_lacks_is_escalation(world, acc):
    before = snapshot_counts()
    with pytest.raises(PermissionDeniedError) as exc:
        create(world.department, role=acc.wide, scope_kind="municipality", scope_id=world.mun.pk)
    assert (exc.value.code, exc.value.field) == ("privilege_escalation", "role")
    assert exc.value.params == {"codes": ["accounts.role:change"]}
    assert snapshot_counts() == before


def test_create_with_role_on_a_kind_it_does_not_allow(world, acc):
    before = snapshot_counts()
    with pytest.raises(ServiceError) as exc:
        create(world.department, role=acc.t_mun, scope_kind="organization", scope_id=world.org.pk)
    assert (exc.value.code, exc.value.field) == ("scope_kind_not_allowed", "scope")
    assert snapshot_counts() == before


def test_kind_rule_binds_superusers_too(world, acc, superuser):
    with pytest.raises(ServiceError) as exc:
        create(superuser, role=acc.t_self, scope_kind="municipality", scope_id=world.mun.pk)
    assert exc.value.code == "scope_kind_not_allowed"
    assert not User.objects.filter(username="newbie").exists()


def test_first_role_on_own_profile_only_by_superuser(world, acc, superuser):
    before = snapshot_counts()
    with pytest.raises(PermissionDeniedError) as exc:
        create(world.department, role=acc.t_self, scope_kind="self")
    assert exc.value.code == "scope_not_reached"
    assert snapshot_counts() == before

    user = create(superuser, role=acc.t_self, scope_kind="self")
    [a] = user.assignments.all()
    assert (a.scope_kind, a.scope_id, a.scope_label, a.municipality_id) == ("self", user.pk, str(user), None)


def test_create_needs_the_add_code(world, acc):
    before = snapshot_counts()
    with pytest.raises(PermissionDeniedError) as exc:
        create(acc.staff, scope_id=world.org.pk)
    assert exc.value.code == "permission_denied"
    assert snapshot_counts() == before


def test_unknown_scope(world, acc):
    with pytest.raises(ServiceError) as exc:
        create(world.department, scope_id=999999)
    assert exc.value.code == "unknown_scope"
    with pytest.raises(ServiceError) as exc:
        create(world.department, scope_kind="galaxy", scope_id=1)
    assert exc.value.code == "unknown_scope_kind"
    assert not User.objects.filter(username="newbie").exists()


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"password": "", "send_password_email": False}, "no_password", "password"),
        ({"password": "", "send_password_email": True, "email": ""}, "email_required", "email"),
        ({"username": "DEPARTMENT"}, "username_taken", "username"),
        ({"password": "12345678"}, "weak_password", "password"),
        ({"password": "Newbie-1"}, "weak_password", "password"),
        ({"email": "not an address"}, "invalid", "email"),
        ({"username": "bad login!"}, "invalid", "username"),
    ],
)
def test_create_user_errors(world, acc, overrides, code, field):
    before = snapshot_counts()
    with pytest.raises(ServiceError) as exc:
        create(world.department, scope_id=world.org.pk, **overrides)
    assert (exc.value.code, exc.value.field) == (code, field)
    assert snapshot_counts() == before


def test_create_with_set_password_email(world, acc, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        user = create(
            world.department,
            scope_id=world.org.pk,
            password="",
            send_password_email=True,
            site_url="http://testserver/",
        )
    assert not fresh(user).has_usable_password()
    [letter] = mail.outbox
    assert letter.to == ["newbie@example.org"]
    assert letter.subject == "Resurs: set your password"
    assert "Your user name: newbie" in letter.body
    assert "http://testserver/accounts/reset/" in letter.body


def test_letter_is_not_sent_when_creation_fails(world, acc, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDeniedError):
        create(world.department, scope_id=world.other_org.pk, password="", send_password_email=True)
    assert mail.outbox == []


# --- assign_role / end_assignment -----------------------------------------------------------------------------


def test_department_assigns_role_in_scope(world, acc):
    assignment = services.assign_role(
        actor=world.department,
        user=acc.staff,
        role=acc.t_mun,
        scope_kind="municipality",
        scope_id=world.mun.pk,
        starts_on=TODAY(),
        ends_on=TODAY() + 30 * DAY,
    )
    assert (assignment.user, assignment.role, assignment.municipality_id, assignment.granted_by) == (
        acc.staff,
        acc.t_mun,
        world.mun.pk,
        world.department,
    )
    assert assignment.ends_on == TODAY() + 30 * DAY
    assert has_code(fresh(acc.staff), "territory.organization:view")
    entry = ActionLog.objects.get(code="accounts.role.assigned", object_id=str(acc.staff.pk))
    assert entry.actor == world.department
    assert (entry.data["role"], entry.data["scope"]) == ("t_mun", world.mun.name)
    assert entry.data["ends_on"] == (TODAY() + 30 * DAY).isoformat()


def test_assign_to_a_user_out_of_reach_is_refused(world, acc):
    # other_department reaches no user of world.mun, so cannot even address them.
    before = snapshot_counts()
    with pytest.raises(PermissionDeniedError) as exc:
        services.assign_role(
            actor=world.other_department,
            user=acc.staff,
            role=acc.t_mun,
            scope_kind="municipality",
            scope_id=world.other_mun.pk,
        )
    assert exc.value.code == "user_not_reached"
    assert snapshot_counts() == before


def test_assign_on_a_scope_beyond_reach_to_a_user_in_reach(world, acc):
    # The department reaches the user, but not the other municipality.
    before = snapshot_counts()
    with pytest.raises(PermissionDeniedError) as exc:
        services.assign_role(
            actor=world.department,
            user=acc.staff,
            role=acc.t_mun,
            scope_kind="municipality",
            scope_id=world.other_mun.pk,
        )
    assert (exc.value.code, exc.value.field) == ("scope_not_reached", "scope")
    assert snapshot_counts() == before


def test_holder_of_view_only_cannot_assign(world, acc):
    colleague = make_user("colleague", "t_org", "organization", world.org)
    before = snapshot_counts()
    with pytest.raises(PermissionDeniedError) as exc:
        services.assign_role(
            actor=acc.staff, user=colleague, role=acc.t_org, scope_kind="organization", scope_id=world.org.pk
        )
    assert exc.value.code == "user_not_reached"
    assert snapshot_counts() == before


def test_escalation_through_assignment_is_refused(world, acc, custom_role):
    # A user administrator of an organization cannot hand out teacher-editing powers they do not hold.
    custom_role("org_users", ["organization"], ["accounts.user:view", "accounts.user:change"])
    admin = make_user("orgusers", "org_users", "organization", world.org)
    colleague = make_user("colleague", "org_users", "organization", world.org)
    before = snapshot_counts()
    with pytest.raises(PermissionDeniedError) as exc:
        services.assign_role(
            actor=admin, user=colleague, role=acc.t_org, scope_kind="organization", scope_id=world.org.pk
        )
    assert exc.value.code == "privilege_escalation"
    assert exc.value.params == {"codes": ["people.teacher:change", "people.teacher:view"]}
    assert snapshot_counts() == before


def test_codes_held_elsewhere_do_not_count(world, acc, custom_role):
    # Holding a code in another municipality does not allow granting it in this one.
    custom_role("users_only", ["municipality"], ["accounts.user:view", "accounts.user:change"])
    admin = make_user("split", "users_only", "municipality", world.mun)
    grant_role(admin, "department", "municipality", world.other_mun)
    with pytest.raises(PermissionDeniedError) as exc:
        services.assign_role(
            actor=fresh(admin), user=acc.staff, role=acc.t_mun, scope_kind="municipality", scope_id=world.mun.pk
        )
    assert exc.value.code == "privilege_escalation"
    assert acc.staff.assignments.count() == 1


def test_self_role_for_a_user_in_scope(world, acc):
    assignment = services.assign_role(actor=world.department, user=acc.staff, role=acc.t_self, scope_kind="self")
    assert (assignment.scope_kind, assignment.scope_id, assignment.scope_label, assignment.municipality_id) == (
        "self",
        acc.staff.pk,
        str(acc.staff),
        None,
    )


def test_self_role_for_a_user_out_of_scope_is_refused(world, acc):
    with pytest.raises(PermissionDeniedError) as exc:
        services.assign_role(actor=world.department, user=acc.other_staff, role=acc.t_self, scope_kind="self")
    assert exc.value.code == "user_not_reached"
    assert acc.other_staff.assignments.count() == 1


def test_self_role_needs_its_codes_where_the_user_is_reached(world, acc, custom_role):
    # For a 'self' scope the user's territorial roles stand in: a user administrator without the teacher codes
    # of the role cannot grant it even on the user's own profile.
    custom_role("users_only", ["municipality"], ["accounts.user:view", "accounts.user:change"])
    admin = make_user("users_admin", "users_only", "municipality", world.mun)
    with pytest.raises(PermissionDeniedError) as exc:
        services.assign_role(actor=admin, user=acc.staff, role=acc.t_self, scope_kind="self")
    assert (exc.value.code, exc.value.params) == ("privilege_escalation", {"codes": ["people.teacher:view"]})


def test_duplicate_and_dates(world, acc):
    with pytest.raises(ServiceError) as exc:
        services.assign_role(
            actor=world.department, user=acc.staff, role=acc.t_org, scope_kind="organization", scope_id=world.org.pk
        )
    assert (exc.value.code, exc.value.field) == ("duplicate", "role")
    with pytest.raises(ServiceError) as exc:
        services.assign_role(
            actor=world.department,
            user=acc.staff,
            role=acc.t_mun,
            scope_kind="municipality",
            scope_id=world.mun.pk,
            starts_on=TODAY(),
            ends_on=TODAY() - DAY,
        )
    assert (exc.value.code, exc.value.field) == ("dates", "ends_on")
    assert acc.staff.assignments.count() == 1
    # The same role again after the first one has ended is not a duplicate.
    acc.staff.assignments.update(ends_on=TODAY() - DAY)
    services.assign_role(
        actor=world.department, user=acc.staff, role=acc.t_org, scope_kind="organization", scope_id=world.org.pk
    )
    assert acc.staff.assignments.count() == 2


def test_a_later_period_of_the_same_role_is_not_a_duplicate(world, acc):
    acc.staff.assignments.update(ends_on=TODAY() + 10 * DAY)
    with pytest.raises(ServiceError) as exc:
        services.assign_role(
            actor=world.department,
            user=acc.staff,
            role=acc.t_org,
            scope_kind="organization",
            scope_id=world.org.pk,
            starts_on=TODAY() + 10 * DAY,
        )
    assert exc.value.code == "duplicate"
    services.assign_role(
        actor=world.department,
        user=acc.staff,
        role=acc.t_org,
        scope_kind="organization",
        scope_id=world.org.pk,
        starts_on=TODAY() + 11 * DAY,
    )
    assert acc.staff.assignments.count() == 2


def test_no_roles_for_a_deactivated_account(world, acc):
    User.objects.filter(pk=acc.staff.pk).update(is_active=False)
    with pytest.raises(ServiceError) as exc:
        services.assign_role(
            actor=world.department, user=acc.staff, role=acc.t_mun, scope_kind="municipality", scope_id=world.mun.pk
        )
    assert exc.value.code == "user_inactive"
    assert acc.staff.assignments.count() == 1


def test_superuser_assigns_anything_of_an_allowed_kind(world, acc, superuser):
    assignment = services.assign_role(
        actor=superuser, user=world.no_role, role=acc.wide, scope_kind="municipality", scope_id=world.mun.pk
    )
    assert has_code(fresh(world.no_role), "accounts.role:change")
    assert assignment.granted_by == superuser


def test_end_now(world, acc):
    assignment = acc.staff.assignments.get()
    RoleAssignment.objects.filter(pk=assignment.pk).update(starts_on=TODAY() - 10 * DAY)
    services.end_assignment(actor=world.department, assignment=assignment)
    assignment.refresh_from_db()
    assert assignment.ends_on == TODAY() - DAY
    assert not assignment.is_active
    assert not has_code(fresh(acc.staff), "people.teacher:view")
    entry = ActionLog.objects.get(code="accounts.role.ended")
    assert (entry.actor, entry.object_id) == (world.department, str(acc.staff.pk))
    assert entry.data == {
        "role": "t_org",
        "scope_kind": "organization",
        "scope_id": world.org.pk,
        "scope": assignment.scope_label,
        "ends_on": (TODAY() - DAY).isoformat(),
    }
    # The user stays visible to the department (history), even with no role in force.
    assert restrict(User.objects.filter(pk=acc.staff.pk), world.department, "accounts.user:view").exists()


def test_ending_a_role_that_starts_later_means_it_never_starts(world, acc):
    later = services.assign_role(
        actor=world.department,
        user=acc.staff,
        role=acc.t_mun,
        scope_kind="municipality",
        scope_id=world.mun.pk,
        starts_on=TODAY() + 5 * DAY,
    )
    services.end_assignment(actor=world.department, assignment=later)
    later.refresh_from_db()
    assert later.ends_on == TODAY() + 4 * DAY
    assert not later.is_active


def test_end_on_a_later_day(world, acc):
    assignment = acc.staff.assignments.get()
    services.end_assignment(actor=world.department, assignment=assignment, ends_on=TODAY() + 7 * DAY)
    assignment.refresh_from_db()
    assert assignment.ends_on == TODAY() + 7 * DAY
    assert has_code(fresh(acc.staff), "people.teacher:view")


def test_end_errors(world, acc):
    assignment = acc.staff.assignments.get()
    with pytest.raises(ServiceError) as exc:
        services.end_assignment(actor=world.department, assignment=assignment, ends_on=TODAY() - DAY)
    assert (exc.value.code, exc.value.field) == ("ends_in_past", "ends_on")
    RoleAssignment.objects.filter(pk=assignment.pk).update(starts_on=TODAY() + 3 * DAY)
    with pytest.raises(ServiceError) as exc:
        services.end_assignment(actor=world.department, assignment=assignment, ends_on=TODAY() + DAY)
    assert (exc.value.code, exc.value.field) == ("dates", "ends_on")
    with pytest.raises(PermissionDeniedError) as exc:
        services.end_assignment(actor=world.other_department, assignment=assignment)
    assert exc.value.code == "scope_not_reached"
    with pytest.raises(PermissionDeniedError) as exc:
        services.end_assignment(actor=acc.staff, assignment=assignment)
    assert exc.value.code == "scope_not_reached"
    assignment.refresh_from_db()
    assert assignment.ends_on is None
    RoleAssignment.objects.filter(pk=assignment.pk).update(starts_on=TODAY() - 9 * DAY, ends_on=TODAY() - 3 * DAY)
    with pytest.raises(ServiceError) as exc:
        services.end_assignment(actor=world.department, assignment=assignment)
    assert exc.value.code == "already_ended"
    assignment.refresh_from_db()
    assert assignment.ends_on == TODAY() - 3 * DAY
    assert ActionLog.objects.filter(code="accounts.role.ended").count() == 0


def test_cannot_end_a_role_one_could_not_grant(world, acc, custom_role):
    custom_role("org_users", ["organization"], ["accounts.user:view", "accounts.user:change"])
    admin = make_user("orgusers", "org_users", "organization", world.org)
    assignment = acc.staff.assignments.get()
    with pytest.raises(PermissionDeniedError) as exc:
        services.end_assignment(actor=admin, assignment=assignment)
    assert exc.value.code == "privilege_escalation"
    assignment.refresh_from_db()
    assert assignment.ends_on is None


# --- update_user / set_active / send_password_link ------------------------------------------------------------


def test_update_user_logs_the_field_diff(world, acc):
    target = fresh(acc.staff)
    target.email = "changed@example.org"
    target.position = "директор"
    services.update_user(actor=world.department, user=target, version=1)
    target.refresh_from_db()
    assert (target.email, target.position, target.version) == ("changed@example.org", "директор", 2)
    entry = ChangeLog.objects.get(object_id=str(target.pk))
    assert entry.actor == world.department
    assert entry.changes == {"email": ["", "changed@example.org"], "position": ["", "директор"]}


def test_update_user_detects_concurrent_edit(world, acc):
    User.objects.filter(pk=acc.staff.pk).update(version=5)
    target = fresh(acc.staff)
    target.email = "changed@example.org"
    with pytest.raises(ConcurrentEditError):
        services.update_user(actor=world.department, user=target, version=4)
    assert fresh(target).email == ""
    assert ChangeLog.objects.count() == 0


def test_user_with_a_wider_role_cannot_be_changed_by_a_narrower_admin(world, acc):
    # The regional operator also holds a role in the department's municipality: the department sees the account
    # but may not change its e-mail (which would allow taking it over through a password reset).
    grant_role(world.regional, "t_mun", "municipality", world.mun)
    target = fresh(world.regional)
    target.email = "attacker@example.org"
    with pytest.raises(PermissionDeniedError) as exc:
        services.update_user(actor=world.department, user=target, version=1)
    assert exc.value.code == "user_beyond_reach"
    assert fresh(world.regional).email == ""
    assert ChangeLog.objects.count() == 0


def test_superuser_account_is_changed_by_superusers_only(world, acc, superuser):
    grant_role(superuser, "t_mun", "municipality", world.mun)
    target = fresh(superuser)
    target.email = "attacker@example.org"
    with pytest.raises(PermissionDeniedError) as exc:
        services.update_user(actor=world.department, user=target, version=1)
    assert exc.value.code == "superuser_target"
    assert fresh(superuser).email == "root@example.org"


def test_update_user_out_of_reach(world, acc):
    target = fresh(acc.staff)
    target.email = "x@example.org"
    with pytest.raises(PermissionDeniedError) as exc:
        services.update_user(actor=world.other_department, user=target, version=1)
    assert exc.value.code == "user_not_reached"
    assert fresh(target).email == ""


def test_deactivate_and_activate(world, acc, client):
    services.set_active(actor=world.department, user=acc.staff, active=False)
    target = fresh(acc.staff)
    assert (target.is_active, target.version) == (False, 2)
    assert ChangeLog.objects.get(object_id=str(target.pk)).changes == {"is_active": [True, False]}
    assert ActionLog.objects.filter(code="accounts.user.deactivated", object_id=str(target.pk)).count() == 1
    # A deactivated account cannot log in.
    response = client.post("/accounts/login/", {"username": "staff", "password": "pass-12345"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session

    with pytest.raises(ServiceError) as exc:
        services.set_active(actor=world.department, user=target, active=False)
    assert exc.value.code == "unchanged"
    services.set_active(actor=world.department, user=target, active=True)
    assert fresh(target).is_active
    assert ActionLog.objects.filter(code="accounts.user.activated").count() == 1


def test_cannot_deactivate_oneself(world):
    with pytest.raises(ServiceError) as exc:
        services.set_active(actor=world.department, user=world.department, active=False)
    assert exc.value.code == "own_account"
    assert fresh(world.department).is_active


def test_deactivation_out_of_reach(world, acc):
    with pytest.raises(PermissionDeniedError) as exc:
        services.set_active(actor=world.other_department, user=acc.staff, active=False)
    assert exc.value.code == "user_not_reached"
    assert fresh(acc.staff).is_active
    assert ActionLog.objects.count() == 0


def test_send_password_link(world, acc, django_capture_on_commit_callbacks):
    User.objects.filter(pk=acc.staff.pk).update(email="staff@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.send_password_link(actor=world.department, user=acc.staff, site_url="https://resurs.example/")
    [letter] = mail.outbox
    assert letter.to == ["staff@example.org"]
    assert "https://resurs.example/accounts/reset/" in letter.body
    assert ActionLog.objects.filter(code="accounts.user.password_email_sent").count() == 1


def test_send_password_link_errors(world, acc, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(ServiceError) as exc:
            services.send_password_link(actor=world.department, user=acc.staff, site_url="https://x/")
        assert exc.value.code == "email_required"
        User.objects.filter(pk=acc.staff.pk).update(email="staff@example.org")
        with pytest.raises(PermissionDeniedError) as exc:
            services.send_password_link(actor=world.other_department, user=acc.staff, site_url="https://x/")
        assert exc.value.code == "user_not_reached"
    assert mail.outbox == []
    assert ActionLog.objects.count() == 0


# --- update_role ----------------------------------------------------------------------------------------------


def role_data(r, **overrides):
    data = {
        "name": r.name,
        "description": r.description,
        "scope_kinds": list(r.scope_kinds),
        "permissions": list(r.permissions),
        "version": r.version,
    }
    data.update(overrides)
    return data


def test_superuser_edits_role(world, superuser):
    r = role("expert")
    old = list(r.permissions)
    services.update_role(
        actor=superuser,
        role=r,
        **role_data(r, description="Членов экспертного совета", permissions=old + ["people.teacher:export"]),
    )
    r.refresh_from_db()
    assert r.description == "Членов экспертного совета"
    assert r.permissions == sorted(old + ["people.teacher:export"])
    assert r.version == 2
    entry = ChangeLog.objects.get(object_id=str(r.pk))
    assert entry.changes["permissions"] == [old, sorted(old + ["people.teacher:export"])]


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"permissions": ["people.teacher:view", "people.teacher:fly"]}, "unknown_code", "permissions"),
        ({"scope_kinds": ["municipality", "galaxy"]}, "unknown_scope_kind", "scope_kinds"),
        ({"scope_kinds": []}, "no_scope_kinds", "scope_kinds"),
        ({"scope_kinds": ["region"]}, "scope_kind_in_use", "scope_kinds"),
    ],
)
def test_role_edit_errors(world, superuser, overrides, code, field):
    r = role("department")
    before = (list(r.permissions), list(r.scope_kinds), r.version)
    with pytest.raises(ServiceError) as exc:
        services.update_role(actor=superuser, role=r, **role_data(r, **overrides))
    assert (exc.value.code, exc.value.field) == (code, field)
    r = role("department")
    assert (r.permissions, r.scope_kinds, r.version) == before


def test_role_edit_needs_the_code(world):
    r = role("expert")
    with pytest.raises(PermissionDeniedError):
        services.update_role(actor=world.department, role=r, **role_data(r, description="x"))
    assert role("expert").description == ""


def test_role_editor_cannot_add_codes_they_do_not_hold(world, acc, custom_role):
    custom_role("role_editor", ["municipality"], ["accounts.role:view", "accounts.role:change", "people.teacher:view"])
    editor = make_user("editor", "role_editor", "municipality", world.mun)
    r = acc.t_org
    with pytest.raises(PermissionDeniedError) as exc:
        services.update_role(
            actor=editor, role=r, **role_data(r, permissions=r.permissions + ["people.teacher:export"])
        )
    assert (exc.value.code, exc.value.params) == ("privilege_escalation", {"codes": ["people.teacher:export"]})
    assert role("t_org").permissions == ["accounts.user:view", "people.teacher:change", "people.teacher:view"]
    # Removing codes, or adding ones they hold, is fine.
    r = role("t_org")
    services.update_role(actor=editor, role=r, **role_data(r, permissions=["people.teacher:view"]))
    assert role("t_org").permissions == ["people.teacher:view"]


def test_department_appoints_shipped_roles_it_does_not_hold(world):
    """Delegation: the department staffs the municipality (expert, coordinator, …) without holding their codes."""
    from resurs.accounts import services as account_services
    from resurs.accounts.models import Role, RoleAssignment
    from resurs.common.errors import PermissionDeniedError

    expert = Role.objects.get(code="expert")
    held = set().union(*(g.codes for g in world.department.get_grants()))
    assert "centers.application:review" in expert.permissions and "centers.application:review" not in held
    account_services.assign_role(
        actor=world.department, user=world.org_admin, role=expert, scope_kind="municipality", scope_id=world.mun.pk
    )
    assert RoleAssignment.objects.filter(user=world.org_admin, role=expert, scope_id=world.mun.pk).count() == 1
    before = list(RoleAssignment.objects.order_by("pk").values_list("pk", "user_id", "role_id", "scope_id"))
    with pytest.raises(PermissionDeniedError):
        account_services.assign_role(
            actor=world.department,
            user=world.org_admin,
            role=expert,
            scope_kind="municipality",
            scope_id=world.other_mun.pk,
        )
    assert list(RoleAssignment.objects.order_by("pk").values_list("pk", "user_id", "role_id", "scope_id")) == before
