"""Django admin: every model of an app with an admin module is registered, every page opens, edits are audited."""

import importlib.util

from django.apps import apps
from django.contrib import admin

from resurs.accounts.testing import make_user
from resurs.audit.models import ChangeLog
from resurs.catalogs.models import Subject
from resurs.common.testing import count_queries
from resurs.people.models import Teacher


def resurs_apps_with_admin():
    return [
        config
        for config in apps.get_app_configs()
        if config.name.startswith("resurs.") and importlib.util.find_spec(f"{config.name}.admin") is not None
    ]


def test_every_model_of_an_app_with_an_admin_is_registered():
    configs = {c.label for c in resurs_apps_with_admin()}
    assert {"common", "accounts", "audit", "territory", "catalogs", "people"} <= configs
    missing = [
        m._meta.label for c in resurs_apps_with_admin() for m in c.get_models() if not admin.site.is_registered(m)
    ]
    assert missing == []


def test_superuser_opens_every_changelist_add_and_change_page(world, client):
    superuser = make_user("root", is_superuser=True, is_staff=True)
    client.force_login(superuser)
    for config in resurs_apps_with_admin():
        for model in config.get_models():
            base = f"/django-admin/{model._meta.app_label}/{model._meta.model_name}/"
            assert client.get(base).status_code == 200, base
            model_admin = admin.site._registry[model]
            add = client.get(base + "add/").status_code
            assert add == (200 if model_admin.has_add_permission(_request(superuser)) else 403), base
            obj = model._default_manager.first()
            if obj is not None:
                assert client.get(f"{base}{obj.pk}/change/").status_code == 200, base


def _request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    return request


def test_teacher_changelist_queries_do_not_grow_with_rows(world, client):
    from resurs.common.testing import count_queries
    from resurs.people.tests.factories import TeacherFactory

    client.force_login(make_user("root", is_superuser=True, is_staff=True))
    client.get("/django-admin/people/teacher/")
    with count_queries() as few:
        client.get("/django-admin/people/teacher/")
    TeacherFactory.create_batch(15, organization=world.org2)
    with count_queries() as many:
        response = client.get("/django-admin/people/teacher/")
    assert response.context["cl"].result_count == 17
    assert many.count == few.count


def test_admin_edit_goes_through_the_audited_save(world, client):
    client.force_login(make_user("root", is_superuser=True, is_staff=True))
    teacher = world.teacher
    subject = Subject.objects.get(name="Физика")
    data = {
        "surname": "Новикова",
        "name": teacher.name,
        "patronymic": teacher.patronymic,
        "gender": teacher.gender,
        "organization": teacher.organization_id,
        "position": teacher.position_id,
        "subjects": [subject.pk],
        "experience_total": 12,
        "experience_specialty": 8,
        "is_active": "on",
        "user": teacher.user_id,
        "employments-TOTAL_FORMS": 0,
        "employments-INITIAL_FORMS": 0,
        "consents-TOTAL_FORMS": 0,
        "consents-INITIAL_FORMS": 0,
    }

    response = client.post(f"/django-admin/people/teacher/{teacher.pk}/change/", data)

    assert response.status_code == 302
    teacher.refresh_from_db()
    assert (teacher.surname, teacher.experience_total, teacher.version) == ("Новикова", 12, 2)
    entry = ChangeLog.objects.get(object_id=str(teacher.pk), action="update")
    assert entry.changes == {
        "experience_total": [10, 12],
        "subjects": [[], ["Физика"]],
        "surname": [entry.changes["surname"][0], "Новикова"],
    }
    assert entry.actor.username == "root"


def test_logs_are_read_only_in_the_admin(world, client):
    client.force_login(make_user("root", is_superuser=True, is_staff=True))
    entry = ChangeLog.objects.create(
        content_type_id=1, object_id="1", object_repr="x", action="create", changes={"a": [1, 2]}
    )
    response = client.post(f"/django-admin/audit/changelog/{entry.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert ChangeLog.objects.filter(pk=entry.pk).exists()
    assert Teacher.objects.count() == 2


def test_teacher_list_page_counts_the_rows_once(world, client):
    """The table's paginator counts; ListView's own paginator must not count a second time (bench/README.md)."""
    client.force_login(world.department)
    with count_queries() as queries:
        response = client.get("/people/teachers/")
    assert response.status_code == 200
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(*)" in q["sql"] and '"people_teacher"' in q["sql"]]
    assert len(counts) == 1
    assert response.context["table"].paginator.count == 1
    assert "page_obj" not in response.context or response.context["page_obj"] is None


def test_teacher_list_filter_offers_the_scope_s_organizations_in_a_plain_select(world, client):
    client.force_login(world.department)
    response = client.get("/people/teachers/", {"organization": world.org2.pk})
    html = response.content.decode()
    select = html[html.index('<select name="organization"') :]
    select = select[: select.index("</select>")]
    assert f'<option value="{world.org2.pk}" selected>{world.org2.short_name}</option>' in select
    assert f'<option value="{world.org.pk}">{world.org.short_name}</option>' in select
    assert world.other_org.short_name not in select
    assert response.context["table"].paginator.count == 0
