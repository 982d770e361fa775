"""Client address behind trusted proxies; purge of old job result files."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import RequestFactory
from django.utils import timezone

from resurs.common.ip import client_ip
from resurs.common.jobs import purge_old_files
from resurs.common.models import Job


def request(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_client_ip_without_proxy_ignores_the_header(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request("10.0.0.5", "1.2.3.4")) == "10.0.0.5"


def test_client_ip_behind_one_proxy_takes_what_the_proxy_saw(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request("127.0.0.1", "6.6.6.6, 203.0.113.7")) == "203.0.113.7"  # first hop is spoofable
    assert client_ip(request("127.0.0.1")) == "127.0.0.1"


@pytest.mark.django_db
def test_purge_deletes_only_old_files():
    user = get_user_model().objects.create_user("u1")
    old = Job.objects.create(
        kind="k", title="old", user=user, status="done", finished_at=timezone.now() - datetime.timedelta(days=8)
    )
    old.result_file.save("old.xlsx", ContentFile(b"PK"), save=True)
    new = Job.objects.create(
        kind="k", title="new", user=user, status="done", finished_at=timezone.now() - datetime.timedelta(days=1)
    )
    new.result_file.save("new.xlsx", ContentFile(b"PK"), save=True)
    path = old.result_file.path
    assert purge_old_files() == 1
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.result_file.name, bool(new.result_file.name)) == ("", True)
    import os

    assert not os.path.exists(path)
