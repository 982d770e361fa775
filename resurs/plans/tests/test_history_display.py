"""The plan's history reads as people write (issue 7): the status by its label, in the interface's language."""

import pytest
from django.urls import reverse

from resurs.centers.tests.test_history_display import history_rows
from resurs.plans.models import Plan
from resurs.plans.tests.factories import build_world

pytestmark = pytest.mark.django_db


def test_plan_history_in_russian_shows_the_status_label_not_the_code(client, world, russian):
    w = build_world(world)
    client.force_login(w.head)
    html = client.get(reverse("plans:plan-detail", args=[w.submitted.pk])).content.decode()
    label = str(Plan._meta.get_field("status").verbose_name)
    assert (label[:1].upper() + label[1:], "черновик", "на согласовании") in history_rows(html)
    assert ">draft<" not in html
