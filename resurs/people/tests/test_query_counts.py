"""The teacher list runs a fixed number of queries, whatever the number of teachers (5 or 500)."""

import pytest

from resurs.catalogs.tests.factories import CategoryFactory, SubjectFactory
from resurs.common.testing import count_queries
from resurs.people.models import Teacher, set_scope_columns


def page_queries(client, url):
    with count_queries() as queries:
        response = client.get(url)
    assert response.status_code == 200
    return queries.count


def add_teachers(world, prefix, n):
    category = CategoryFactory(name="Высшая")
    subject = SubjectFactory(name="Химия")
    orgs = [world.org, world.org2]
    created = [
        Teacher(
            surname=f"Учитель {prefix}{i}",
            name="Анна",
            organization=orgs[i % 2],
            position=world.teacher.position,
            category=category,
            experience_total=10,
            experience_specialty=5,
        )
        for i in range(n)
    ]
    set_scope_columns(created)  # bulk_create does not call save()
    Teacher.objects.bulk_create(created)
    Teacher.subjects.through.objects.bulk_create(
        Teacher.subjects.through(teacher_id=t.pk, subject_id=subject.pk) for t in created
    )


@pytest.mark.parametrize(
    "actor, query",
    [
        ("department", ""),
        ("department", "?subject=__subject__&ordering=-experience"),
        ("regional", "?q=Учитель"),
        ("org_admin", ""),
    ],
)
def test_teacher_list_queries_do_not_grow_with_rows(client, world, actor, query):
    client.force_login(getattr(world, actor))
    add_teachers(world, "a", 5)
    url = "/people/teachers/" + query.replace("__subject__", str(SubjectFactory(name="Химия").pk))
    page_queries(client, url)
    few = page_queries(client, url)
    add_teachers(world, "b", 495)
    assert page_queries(client, url) == few
