"""Permission matrix of every accounts page and action: anonymous, no role, another municipality, in scope.

On every denied write the stored values are compared before and after.
"""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from resurs.accounts.models import Role, RoleAssignment, User
from resurs.accounts.testing import make_user
from resurs.audit.models import ActionLog, ChangeLog
from resurs.common.scoping import registered_kinds
from resurs.common.testing import count_queries

TODAY = timezone.localdate
PEOPLE_APP = "People"
DAY = datetime.timedelta(days=1)


def as_user(client, user):
    if user is not None:
        client.force_login(user)
    return client


def assert_login_redirect(response, url):
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


def listed(response):
    return sorted(user.username for user in response.context["table"].data)


def user_state(user):
    """Everything an accounts action could change about a user, re-read from the database."""
    u = User.objects.get(pk=user.pk)
    assignments = list(u.assignments.order_by("pk").values_list("role__code", "scope_kind", "scope_id", "ends_on"))
    return (u.username, u.email, u.last_name, u.is_active, u.version, assignments)


def world_state():
    return (
        User.objects.count(),
        RoleAssignment.objects.count(),
        ChangeLog.objects.count(),
        ActionLog.objects.count(),
        len(mail.outbox),
    )


# --- users list -----------------------------------------------------------------------------------------------


def test_user_list_matrix(client, world, acc):
    url = "/accounts/users/"
    assert_login_redirect(client.get(url), url)
    assert as_user(client, world.no_role).get(url).status_code == 403
    assert listed(as_user(client, world.other_department).get(url)) == [
        "other_department",
        "other_org_admin",
        "other_staff",
    ]
    # The teacher's login sits in the territory through the teacher record (people.Teacher.user).
    assert listed(as_user(client, world.department).get(url)) == ["department", "org_admin", "staff", "teacher"]
    # Holders of the view code on an organization see its users only.
    assert listed(as_user(client, acc.staff).get(url)) == ["org_admin", "staff", "teacher"]
    assert listed(as_user(client, world.regional).get(url)) == [
        "department",
        "org_admin",
        "other_department",
        "other_org_admin",
        "other_staff",
        "regional",
        "staff",
        "teacher",
    ]


def test_user_list_page_content(client, world, acc):
    response = as_user(client, world.department).get("/accounts/users/")
    html = response.content.decode()
    assert f'href="/accounts/users/{acc.staff.pk}/"' in html
    assert 'href="/accounts/users/new/"' in html  # the department may add users
    assert "T_Org" in html
    response = as_user(client, acc.staff).get("/accounts/users/")
    assert 'href="/accounts/users/new/"' not in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=staff", ["staff"]),
        ("q=org_", ["org_admin"]),
        ("role={t_org}", ["staff"]),
        ("scope_kind=municipality", ["department"]),
        ("scope_kind=organization", ["org_admin", "staff"]),
        ("is_active=false", ["staff"]),
        ("is_active=true", ["department", "org_admin", "teacher"]),
    ],
)
def test_user_list_filters(client, world, acc, query, expected):
    User.objects.filter(pk=acc.staff.pk).update(is_active=False)
    url = "/accounts/users/?" + query.format(t_org=acc.t_org.pk)
    assert listed(as_user(client, world.department).get(url)) == expected


def test_user_list_filter_ignores_ended_roles(client, world, acc):
    acc.staff.assignments.update(starts_on=TODAY() - 5 * DAY, ends_on=TODAY() - DAY)
    url = f"/accounts/users/?role={acc.t_org.pk}"
    assert listed(as_user(client, world.department).get(url)) == []
    # ...but the user stays in the list (their history is the department's).
    assert "staff" in listed(as_user(client, world.department).get("/accounts/users/"))


def test_user_list_scope_kind_choices_come_from_the_registry(client, world):
    response = as_user(client, world.department).get("/accounts/users/")
    choices = [value for value, _label in response.context["filter"].form.fields["scope_kind"].choices]
    assert choices == ["", *registered_kinds()]
    assert {"region", "municipality", "organization", "self"} <= set(choices)


def test_user_list_query_count_does_not_grow(client, world, acc):
    client = as_user(client, world.department)
    client.get("/accounts/users/")
    with count_queries() as few:
        client.get("/accounts/users/")
    for n in range(8):
        user = make_user(f"more{n}", "t_org", "organization", world.org2)
        make_user(f"extra{n}").assignments.create(
            role=acc.t_mun,
            scope_kind="municipality",
            scope_id=world.mun.pk,
            scope_label="x",
            municipality_id=world.mun.pk,
        )
        assert user
    with count_queries() as many:
        response = client.get("/accounts/users/")
    assert len(listed(response)) == 20  # 19 with roles in the municipality + the teacher linked to a teacher record
    assert many.count == few.count


# --- user detail ----------------------------------------------------------------------------------------------


def test_user_detail_matrix(client, world, acc):
    url = f"/accounts/users/{acc.staff.pk}/"
    assert_login_redirect(client.get(url), url)
    assert as_user(client, world.no_role).get(url).status_code == 403
    assert as_user(client, world.other_department).get(url).status_code == 404
    response = as_user(client, world.department).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"{world.org.short_name} ({world.mun.name})" in html
    assert f'href="/accounts/users/{acc.staff.pk}/edit/"' in html
    assert f'href="/accounts/users/{acc.staff.pk}/roles/add/"' in html
    assignment = acc.staff.assignments.get()
    assert f'href="/accounts/users/{acc.staff.pk}/roles/{assignment.pk}/end/"' in html
    # A holder of the view code only: the page, without the actions.
    response = as_user(client, acc.staff).get(f"/accounts/users/{world.org_admin.pk}/")
    assert response.status_code == 200
    assert "/edit/" not in response.content.decode()
    assert "/roles/add/" not in response.content.decode()


def test_user_detail_hides_assignments_outside_the_actor_scope(client, world, acc):
    RoleAssignment.objects.create(
        user=acc.staff,
        role=acc.t_org,
        scope_kind="organization",
        scope_id=world.other_org.pk,
        scope_label="Elsewhere school",
        region_id=world.region.pk,
        municipality_id=world.other_mun.pk,
        organization_id=world.other_org.pk,
    )
    response = as_user(client, world.department).get(f"/accounts/users/{acc.staff.pk}/")
    assert [a.scope_id for a in response.context["assignments"]] == [world.org.pk]
    assert "Elsewhere school" not in response.content.decode()


def test_user_detail_shows_history_of_roles(client, world, acc):
    client = as_user(client, world.department)
    response = client.post(
        f"/accounts/users/{acc.staff.pk}/roles/add/",
        {"role": acc.t_mun.pk, "scope": f"municipality:{world.mun.pk}", "starts_on": TODAY().isoformat()},
    )
    assert response.status_code == 302
    response = client.get(f"/accounts/users/{acc.staff.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert f"Role assigned: T_Mun — {world.mun.name}" in html


# --- create ---------------------------------------------------------------------------------------------------


def create_data(acc, scope, **overrides):
    data = {
        "username": "newbie",
        "last_name": "Сидорова",
        "first_name": "Анна",
        "patronymic": "Ивановна",
        "email": "newbie@example.org",
        "position": "методист",
        "phone": "",
        "password": "Correct-Horse-42",
        "role": acc.t_org.pk,
        "scope": scope,
        "starts_on": TODAY().isoformat(),
        "ends_on": "",
    }
    data.update(overrides)
    return data


def test_user_create_matrix(client, world, acc):
    url = "/accounts/users/new/"
    data = create_data(acc, f"organization:{world.org.pk}")
    before = world_state()

    assert_login_redirect(client.get(url), url)
    assert_login_redirect(client.post(url, data), url)
    assert world_state() == before
    for user in (world.no_role, acc.staff):  # no role at all; the view code without the add code
        client = as_user(client, user)
        assert client.get(url).status_code == 403
        assert client.post(url, data).status_code == 403
        assert world_state() == before
    # Another municipality's department is not offered world.org and cannot force it.
    client = as_user(client, world.other_department)
    response = client.get(url)
    assert f"organization:{world.org.pk}" not in response.content.decode()
    assert f"organization:{world.other_org.pk}" in response.content.decode()
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["scope"]
    assert world_state() == before

    response = as_user(client, world.department).post(url, data)
    user = User.objects.get(username="newbie")
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/users/{user.pk}/"
    assert (user.last_name, user.email, user.position) == ("Сидорова", "newbie@example.org", "методист")
    assert list(user.assignments.values_list("role__code", "scope_kind", "scope_id")) == [
        ("t_org", "organization", world.org.pk)
    ]


def test_user_create_offers_only_grantable_roles_and_reachable_scopes(client, world, acc):
    response = as_user(client, world.department).get("/accounts/users/new/", HTTP_ACCEPT_LANGUAGE="en")
    form = response.context["form"]
    roles = set(form.fields["role"].queryset.values_list("code", flat=True))
    assert {"t_org", "t_mun", "t_self"} <= roles
    assert "wide" not in roles
    assert "regional" not in roles  # held on a region, which the department does not reach
    groups = {str(label): options for label, options in form.fields["scope"].choices[1:]}
    assert list(groups) == ["Municipality", "Organization", "Own profile"]
    assert groups["Own profile"] == [("self:", "the user's own profile")]
    assert dict(groups["Municipality"]) == {f"municipality:{world.mun.pk}": world.mun.name}
    assert dict(groups["Organization"]) == {
        f"organization:{world.org.pk}": f"{world.org.short_name} ({world.mun.name})",
        f"organization:{world.org2.pk}": f"{world.org2.short_name} ({world.mun.name})",
    }


def test_user_create_escalation_is_a_form_error(client, world, acc):
    before = world_state()
    data = create_data(acc, f"municipality:{world.mun.pk}", role=acc.wide.pk)
    response = as_user(client, world.department).post("/accounts/users/new/", data)
    assert response.status_code == 200
    assert response.context["form"].errors["role"]
    assert world_state() == before


def test_user_create_service_error_becomes_a_form_error(client, world, acc):
    before = world_state()
    data = create_data(acc, f"municipality:{world.mun.pk}")  # t_org may not be held on a municipality
    response = as_user(client, world.department).post("/accounts/users/new/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response.context["form"].errors["scope"] == ["The role T_Org cannot be held on a scope of this kind."]
    assert world_state() == before


def test_user_create_needs_a_password_or_the_letter(client, world, acc):
    before = world_state()
    data = create_data(acc, f"organization:{world.org.pk}", password="", email="")
    data["send_password_email"] = "on"
    response = as_user(client, world.department).post("/accounts/users/new/", data)
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    del data["send_password_email"]
    response = client.post("/accounts/users/new/", data)
    assert response.context["form"].errors["password"]
    assert world_state() == before


# --- edit -----------------------------------------------------------------------------------------------------


def edit_data(user, **overrides):
    data = {
        "username": user.username,
        "last_name": "Новикова",
        "first_name": "Ольга",
        "patronymic": "",
        "email": "new@example.org",
        "position": "",
        "phone": "",
        "version_seen": user.version,
    }
    data.update(overrides)
    return data


def test_user_edit_matrix(client, world, acc):
    url = f"/accounts/users/{acc.staff.pk}/edit/"
    data = edit_data(acc.staff)
    before, counts = user_state(acc.staff), world_state()

    assert_login_redirect(client.post(url, data), url)
    assert as_user(client, world.no_role).post(url, data).status_code == 403
    assert as_user(client, world.other_department).post(url, data).status_code == 404
    assert as_user(client, world.other_department).get(url).status_code == 404
    # Sees the user (view code on the organization) but may not change users.
    assert as_user(client, world.org_admin).post(url, data).status_code == 403
    assert user_state(acc.staff) == before
    assert world_state() == counts

    client = as_user(client, world.department)
    assert client.get(url).status_code == 200
    response = client.post(url, data)
    assert response.status_code == 302
    staff = User.objects.get(pk=acc.staff.pk)
    assert (staff.last_name, staff.first_name, staff.email, staff.version) == (
        "Новикова",
        "Ольга",
        "new@example.org",
        2,
    )
    assert ChangeLog.objects.get(object_id=str(staff.pk)).changes["email"] == ["", "new@example.org"]


def test_user_edit_of_a_wider_account_is_refused_with_a_message(client, world, acc):
    from resurs.accounts.testing import grant_role

    grant_role(world.regional, "t_mun", "municipality", world.mun)
    url = f"/accounts/users/{world.regional.pk}/edit/"
    before = user_state(world.regional)
    response = as_user(client, world.department).post(url, edit_data(world.regional), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "beyond your reach" in response.context["form"].non_field_errors()[0]
    assert user_state(world.regional) == before


def test_user_edit_stale_version_is_refused(client, world, acc):
    User.objects.filter(pk=acc.staff.pk).update(version=3)
    before = user_state(acc.staff)
    response = as_user(client, world.department).post(
        f"/accounts/users/{acc.staff.pk}/edit/", edit_data(acc.staff, version_seen=2)
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert user_state(acc.staff) == before


# --- deactivate / activate / password letter ------------------------------------------------------------------


@pytest.mark.parametrize("action", ["deactivate", "password-email"])
def test_user_action_matrix(client, world, acc, action, django_capture_on_commit_callbacks):
    User.objects.filter(pk=acc.staff.pk).update(email="staff@example.org")
    url = f"/accounts/users/{acc.staff.pk}/{action}/"
    before, counts = user_state(acc.staff), world_state()
    with django_capture_on_commit_callbacks(execute=True):
        assert_login_redirect(client.post(url), url)
        assert as_user(client, world.no_role).post(url).status_code == 403
        assert as_user(client, world.other_department).post(url).status_code == 404
        assert as_user(client, world.org_admin).post(url).status_code == 403
        assert as_user(client, acc.staff).post(url).status_code == 403
    assert user_state(acc.staff) == before
    assert world_state() == counts

    client = as_user(client, world.department)
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/users/{acc.staff.pk}/"
    if action == "deactivate":
        assert not User.objects.get(pk=acc.staff.pk).is_active
        assert mail.outbox == []
    else:
        assert User.objects.get(pk=acc.staff.pk).is_active
        assert [m.to for m in mail.outbox] == [["staff@example.org"]]


def test_activate_again(client, world, acc):
    User.objects.filter(pk=acc.staff.pk).update(is_active=False)
    url = f"/accounts/users/{acc.staff.pk}/activate/"
    assert as_user(client, world.other_department).post(url).status_code == 404
    assert not User.objects.get(pk=acc.staff.pk).is_active
    assert as_user(client, world.department).post(url).status_code == 302
    assert User.objects.get(pk=acc.staff.pk).is_active


def test_deactivating_oneself_is_a_form_error(client, world):
    before = user_state(world.department)
    response = as_user(client, world.department).post(f"/accounts/users/{world.department.pk}/deactivate/")
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert user_state(world.department) == before


def test_deactivated_user_is_logged_out(client, world, acc):
    staff_client = as_user(client.__class__(), acc.staff)
    assert staff_client.get("/accounts/users/").status_code == 200
    as_user(client, world.department).post(f"/accounts/users/{acc.staff.pk}/deactivate/")
    response = staff_client.get("/accounts/users/")
    assert_login_redirect(response, "/accounts/users/")


# --- role assignments -----------------------------------------------------------------------------------------


def test_assignment_add_matrix(client, world, acc):
    url = f"/accounts/users/{acc.staff.pk}/roles/add/"
    data = {"role": acc.t_mun.pk, "scope": f"municipality:{world.mun.pk}", "starts_on": TODAY().isoformat()}
    before, counts = user_state(acc.staff), world_state()

    assert_login_redirect(client.post(url, data), url)
    assert as_user(client, world.no_role).post(url, data).status_code == 403
    assert as_user(client, world.other_department).post(url, data).status_code == 404
    assert as_user(client, world.other_department).get(url).status_code == 404
    assert as_user(client, world.org_admin).post(url, data).status_code == 403
    assert as_user(client, acc.staff).post(url, data).status_code == 403
    assert user_state(acc.staff) == before
    assert world_state() == counts

    client = as_user(client, world.department)
    assert client.get(url).status_code == 200
    response = client.post(url, data)
    assert response.status_code == 302
    assert user_state(acc.staff)[-1] == [
        ("t_org", "organization", world.org.pk, None),
        ("t_mun", "municipality", world.mun.pk, None),
    ]


def test_assignment_add_refusals_change_nothing(client, world, acc):
    client = as_user(client, world.department)
    url = f"/accounts/users/{acc.staff.pk}/roles/add/"
    before, counts = user_state(acc.staff), world_state()
    # A scope of another municipality is not offered; forcing it is refused.
    response = client.post(url, {"role": acc.t_mun.pk, "scope": f"municipality:{world.other_mun.pk}"})
    assert response.status_code == 400
    assert response.context["form"].errors["scope"]
    # A role carrying codes the department lacks is not offered; forcing it is refused.
    response = client.post(
        url, {"role": acc.wide.pk, "scope": f"municipality:{world.mun.pk}", "starts_on": TODAY().isoformat()}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["role"]
    # The same role on the same scope again: the service's duplicate rule.
    response = client.post(
        url,
        {"role": acc.t_org.pk, "scope": f"organization:{world.org.pk}", "starts_on": TODAY().isoformat()},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.context["form"].errors["role"] == [
        "The user already holds this role on this scope for these dates."
    ]
    assert user_state(acc.staff) == before
    assert world_state() == counts


def test_assignment_on_own_profile_through_the_page(client, world, acc):
    response = as_user(client, world.department).post(
        f"/accounts/users/{acc.staff.pk}/roles/add/",
        {"role": acc.t_self.pk, "scope": "self:", "starts_on": TODAY().isoformat()},
    )
    assert response.status_code == 302
    assert acc.staff.assignments.filter(scope_kind="self", scope_id=acc.staff.pk, role=acc.t_self).count() == 1


def test_assignment_end_matrix(client, world, acc):
    assignment = acc.staff.assignments.get()
    url = f"/accounts/users/{acc.staff.pk}/roles/{assignment.pk}/end/"
    before, counts = user_state(acc.staff), world_state()

    assert_login_redirect(client.post(url), url)
    assert as_user(client, world.no_role).post(url).status_code == 403
    assert as_user(client, world.other_department).post(url).status_code == 404
    assert as_user(client, world.org_admin).post(url).status_code == 403
    # The assignment of one user cannot be reached through another user's page.
    wrong = f"/accounts/users/{world.org_admin.pk}/roles/{assignment.pk}/end/"
    assert as_user(client, world.department).post(wrong).status_code == 404
    assert user_state(acc.staff) == before
    assert world_state() == counts

    client = as_user(client, world.department)
    assert client.get(url).status_code == 200
    response = client.post(url, {"ends_on": ""})
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.starts_on == TODAY()
    assert assignment.ends_on == TODAY() - DAY  # never in force from now on
    # Ending it again is refused and changes nothing.
    state = user_state(acc.staff)
    response = client.post(url)
    assert response.status_code == 400
    assert user_state(acc.staff) == state


def test_assignment_end_on_a_date(client, world, acc):
    assignment = acc.staff.assignments.get()
    url = f"/accounts/users/{acc.staff.pk}/roles/{assignment.pk}/end/"
    client = as_user(client, world.department)
    response = client.post(url, {"ends_on": (TODAY() - 2 * DAY).isoformat()})
    assert response.status_code == 400
    assert response.context["form"].errors["ends_on"]
    assignment.refresh_from_db()
    assert assignment.ends_on is None
    response = client.post(url, {"ends_on": (TODAY() + 14 * DAY).isoformat()})
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.ends_on == TODAY() + 14 * DAY


# --- roles ----------------------------------------------------------------------------------------------------


def test_role_list_and_detail_matrix(client, world, acc):
    for url in ("/accounts/roles/", f"/accounts/roles/{acc.t_org.pk}/"):
        client.logout()
        assert_login_redirect(client.get(url), url)
        assert as_user(client, world.no_role).get(url).status_code == 403
        assert as_user(client, acc.staff).get(url).status_code == 403  # holds no accounts.role code
        assert as_user(client, world.department).get(url).status_code == 200
    response = client.get("/accounts/roles/")
    assert "T_Org" in response.content.decode()
    assert f'href="/accounts/roles/{acc.t_org.pk}/"' in response.content.decode()


def test_role_detail_groups_codes_by_app_with_labels(client, world, acc):
    response = as_user(client, world.department).get(f"/accounts/roles/{acc.t_org.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    groups = [(str(app), codes) for app, codes in response.context["code_groups"]]
    assert groups == [
        ("Accounts and roles", [("accounts.user:view", "Users: view")]),
        (PEOPLE_APP, [("people.teacher:change", "Teachers: edit"), ("people.teacher:view", "Teachers: view")]),
    ]
    html = response.content.decode()
    assert "Teachers: edit" in html
    assert '<li data-code="people.teacher:view">' in html
    assert "/edit/" not in html  # the department may not change roles


def role_state(role):
    r = Role.objects.get(pk=role.pk)
    return (r.name, r.description, r.scope_kinds, r.permissions, r.version)


def role_post(role, **overrides):
    data = {
        "name": role.name,
        "description": "Changed",
        "scope_kinds": list(role.scope_kinds),
        "permissions": ["people.teacher:view"],
        "version_seen": role.version,
    }
    data.update(overrides)
    return data


def test_role_edit_matrix(client, world, acc, superuser):
    url = f"/accounts/roles/{acc.t_org.pk}/edit/"
    data = role_post(acc.t_org)
    before, counts = role_state(acc.t_org), world_state()
    assert_login_redirect(client.post(url, data), url)
    for user in (world.no_role, world.department, world.regional):
        client = as_user(client, user)
        assert client.get(url).status_code == 403
        assert client.post(url, data).status_code == 403
    assert role_state(acc.t_org) == before
    assert world_state() == counts

    client = as_user(client, superuser)
    response = client.get(url)
    assert response.status_code == 200
    assert 'value="people.teacher:change"' in response.content.decode()
    response = client.post(url, data)
    assert response.status_code == 302
    assert role_state(acc.t_org) == ("T_Org", "Changed", ["organization"], ["people.teacher:view"], 2)


def test_role_edit_refuses_unknown_codes(client, world, acc, superuser):
    before = role_state(acc.t_org)
    response = as_user(client, superuser).post(
        f"/accounts/roles/{acc.t_org.pk}/edit/", role_post(acc.t_org, permissions=["people.teacher:fly"])
    )
    assert response.status_code == 200
    assert response.context["form"].errors["permissions"]
    assert role_state(acc.t_org) == before


def test_role_edit_scope_kind_in_use_is_a_form_error(client, world, acc, superuser):
    before = role_state(acc.t_org)
    response = as_user(client, superuser).post(
        f"/accounts/roles/{acc.t_org.pk}/edit/", role_post(acc.t_org, scope_kinds=["municipality"])
    )
    assert response.status_code == 200
    assert response.context["form"].errors["scope_kinds"]
    assert role_state(acc.t_org) == before


# --- own profile ----------------------------------------------------------------------------------------------


def test_profile(client, world, acc):
    url = "/accounts/profile/"
    assert_login_redirect(client.get(url), url)
    response = as_user(client, world.no_role).get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "No roles." in response.content.decode()
    response = as_user(client, acc.staff).get(url, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert [a.role.code for a in response.context["assignments"]] == ["t_org"]
    assert f"{world.org.short_name} ({world.mun.name})" in html
    assert 'href="/accounts/password-change/"' in html
    assert "/end/" not in html


def test_menu_shows_administration_to_holders_only(client, world, acc):
    html = as_user(client, world.department).get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'href="/accounts/users/"' in html
    assert 'href="/accounts/roles/"' in html
    assert 'href="/accounts/profile/"' in html
    html = as_user(client, world.no_role).get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'href="/accounts/users/"' not in html
    assert 'href="/accounts/roles/"' not in html
