"""In-app notifications: each user sees only their own; marking read affects only their own."""

import pytest
from django.urls import reverse

from resurs.common.models import Notification
from resurs.common.notifications import notify

pytestmark = pytest.mark.django_db


def test_own_notifications_only(world, client):
    notify(users=[world.department], subject="План представлен", url="/plans/1/")
    notify(users=[world.org_admin], subject="Чужое уведомление")
    client.force_login(world.department)
    page = client.get(reverse("notification-list")).content.decode()
    assert "План представлен" in page and "Чужое уведомление" not in page
    assert 'id="nav-notifications"' in page
    client.post(reverse("notifications-read"))
    assert Notification.objects.get(user=world.department).read_at is not None
    assert Notification.objects.get(user=world.org_admin).read_at is None


def test_anonymous_redirected(client):
    assert client.get(reverse("notification-list")).status_code == 302
