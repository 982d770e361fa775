"""The teacher list's Python-rendered rows and its organization filter for a scope of many organizations."""

import re

import pytest

from resurs.people.filtersets import TeacherFilterSet
from resurs.territory.models import Organization

pytestmark = pytest.mark.django_db


def options(html, name):
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"', select)


def test_rows_show_each_column_escaped(client, world):
    world.teacher.surname = "О'Нил <b>"
    world.teacher.is_innovator = True
    world.teacher.save()
    client.force_login(world.department)
    html = client.get("/people/teachers/").content.decode()
    row = re.search(rf'<tr><td><a href="/people/teachers/{world.teacher.pk}/">(.*?)</tr>', html).group(0)
    assert "О&#x27;Нил &lt;b&gt;" in row
    cells = re.findall(r"<td>(.*?)</td>", row)
    assert cells[1:] == [world.org.short_name, world.teacher.position.name, "—", "10", "", "✓"]


def test_organization_choices_follow_the_municipality_when_the_scope_is_large(client, world, monkeypatch):
    monkeypatch.setattr(TeacherFilterSet, "ORGANIZATION_CHOICES_LIMIT", 2)
    client.force_login(world.regional)
    html = client.get("/people/teachers/").content.decode()
    assert options(html, "organization") == [""]  # «choose a municipality first»
    html = client.get(f"/people/teachers/?municipality={world.mun.pk}").content.decode()
    in_mun = sorted(str(pk) for pk in Organization.objects.filter(municipality=world.mun).values_list("pk", flat=True))
    assert sorted(options(html, "organization")[1:]) == in_mun
    # Filtering by an organization still works without the municipality, and keeps it selected.
    response = client.get(f"/people/teachers/?organization={world.other_org.pk}")
    html = response.content.decode()
    assert options(html, "organization") == ["", str(world.other_org.pk)]
    assert world.other_teacher.full_name in html and world.teacher.full_name not in html
