"""Permission matrix of the reference-list pages: global data, viewed by every role, kept by departments (ADR 0004)."""

import pytest

from resurs.accounts.testing import make_user
from resurs.audit.models import ChangeLog
from resurs.catalogs.models import QualificationCategory, Subject
from resurs.catalogs.tests.factories import CategoryFactory, SubjectFactory
from resurs.catalogs.views import form_for
from resurs.common.tests.matrix import LOGIN, SAVED, Case, case_params, form_data, run_case


@pytest.fixture
def world(world):
    world.subject_item = SubjectFactory(name="Предмет матрицы")
    world.category_item = CategoryFactory(name="Категория матрицы")
    world.admin = make_user("admin", is_superuser=True, is_staff=True)
    return world


def C(actor, url_name, args=(), method="get", expected=200, **kw):
    return Case(actor, f"catalogs:{url_name}", tuple(args), method, expected, **kw)


SUBJECT = ("subject", "subject_item")
CATEGORY = ("qualificationcategory", "category_item")

MATRIX = [
    C("anonymous", "index", expected=LOGIN),
    C("no_role", "index", expected=403),
    C("teacher_user", "index"),
    C("department", "index"),
    C("anonymous", "item-list", ["subject"], expected=LOGIN),
    C("no_role", "item-list", ["subject"], expected=403),
    C("teacher_user", "item-list", ["subject"], visible=("subject_item",)),
    C("regional", "item-list", ["subject"], visible=("subject_item",)),
    C("other_department", "item-list", ["subject"], visible=("subject_item",)),
    C("department", "item-list", ["qualificationcategory"], visible=("category_item",), hidden=("subject_item",)),
    C("department", "item-list", ["no-such-list"], expected=404),
    C("anonymous", "item-detail", SUBJECT, expected=LOGIN),
    C("no_role", "item-detail", SUBJECT, expected=403),
    C("teacher_user", "item-detail", SUBJECT),
    C("org_admin", "item-detail", CATEGORY),
    C("department", "item-detail", ["position", "subject_item"], expected=404),  # the pk of another list
    C("anonymous", "item-create", ["subject"], expected=LOGIN),
    C("anonymous", "item-create", ["subject"], "post", LOGIN),
    C("no_role", "item-create", ["subject"], expected=403),
    C("no_role", "item-create", ["subject"], "post", 403),
    C("teacher_user", "item-create", ["subject"], expected=403),
    C("teacher_user", "item-create", ["subject"], "post", 403),
    C("regional", "item-create", ["subject"], "post", 403),
    C("org_admin", "item-create", ["subject"], "post", 403),
    C("department", "item-create", ["subject"]),
    C("department", "item-create", ["subject"], "post", SAVED),
    C("anonymous", "item-update", SUBJECT, expected=LOGIN),
    C("anonymous", "item-update", SUBJECT, "post", LOGIN),
    C("no_role", "item-update", SUBJECT, expected=403),
    C("no_role", "item-update", SUBJECT, "post", 403),
    C("teacher_user", "item-update", SUBJECT, expected=403),
    C("teacher_user", "item-update", SUBJECT, "post", 403),
    C("regional", "item-update", SUBJECT, "post", 403),
    C("org_admin", "item-update", CATEGORY, "post", 403),
    C("department", "item-update", SUBJECT),
    C("department", "item-update", SUBJECT, "post", SAVED),
    # Global reference data: a department of another municipality keeps the same lists (ADR 0004).
    C("other_department", "item-update", SUBJECT, "post", SAVED),
    C("department", "item-update", CATEGORY, "post", SAVED),
]


def _data(w, case):
    name = case.url_name.split(":")[1]
    if name == "item-create":
        return {"name": "Астрономия (матрица)", "sort_order": "5", "is_active": "on"}
    if name == "item-update":
        item = getattr(w, case.args[1])
        return form_data(form_for(type(item)), item, name=f"{item.name} (изм.)", is_active=False)
    return None


def _saved(w, case):
    name = case.url_name.split(":")[1]

    def check(world, actor):
        if name == "item-create":
            item = Subject.objects.get(name="Астрономия (матрица)")
            assert (item.sort_order, item.is_active, item.updated_by) == (5, True, actor)
            entry = ChangeLog.objects.get(object_id=str(item.pk), content_type__model="subject")
            assert (entry.action, entry.actor) == ("create", actor)
        elif name == "item-update":
            original = getattr(w, case.args[1])
            item = type(original).objects.get(pk=original.pk)
            assert (item.name, item.is_active, item.version, item.updated_by) == (
                f"{original.name} (изм.)",
                False,
                2,
                actor,
            )
            entry = ChangeLog.objects.get(object_id=str(item.pk), content_type__model=item._meta.model_name)
            assert entry.actor == actor
            assert entry.changes == {"is_active": [True, False], "name": [original.name, item.name]}
        else:
            raise AssertionError(f"no check for {name}")

    return check


@pytest.mark.parametrize(**case_params(MATRIX))
def test_catalogs_permission_matrix(client, world, case):
    run_case(client, world, case, data=_data(world, case), saved=_saved(world, case))


def test_index_lists_the_catalogs_the_user_may_view(client, world):
    client.force_login(world.teacher_user)
    content = client.get("/catalogs/").content.decode()
    assert 'href="/catalogs/subject/"' in content
    assert 'href="/catalogs/qualificationcategory/"' in content


def test_invalid_entry_is_not_saved(client, world):
    """A duplicate name is refused by the form; nothing is written."""
    client.force_login(world.department)
    before = Subject.objects.count()
    response = client.post("/catalogs/subject/new/", {"name": "Предмет матрицы", "sort_order": "1"})
    assert response.status_code == 200
    assert Subject.objects.count() == before
    assert QualificationCategory.objects.filter(name="Предмет матрицы").count() == 0
