"""Helpers of the API tests: requests as a world actor, and the whole database state to prove nothing changed."""

from django.apps import apps
from django.db import connection
from django.urls import reverse

# The apps the API reads and writes, and their logs and jobs.
APPS = ("accounts", "audit", "common", "territory", "catalogs", "people", "authtoken")


def db_state():
    """Every row of every model the API reaches (with the logs, jobs and tokens): a refused request changes none."""
    state = {}
    tables = set(connection.introspection.table_names())
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label not in APPS or model._meta.proxy or model._meta.db_table not in tables:
            continue
        state[model._meta.label] = list(model._default_manager.order_by("pk").values())
    return state


def login(client, world, actor):
    user = getattr(world, actor)
    client.logout()
    if user is not None:
        client.force_login(user)
    return user


def url(world, name, *args, query=""):
    resolved = [getattr(world, a).pk if isinstance(a, str) and hasattr(world, a) else a for a in args]
    address = reverse(f"api:{name}", args=resolved)
    return f"{address}?{query}" if query else address


def request(client, world, actor, method, name, *args, data=None, query=""):
    """Log in as `actor` (a world attribute; 'anonymous' is nobody) and send the request."""
    login(client, world, actor)
    return send(client, world, method, name, *args, data=data, query=query)


def send(client, world, method, name, *args, data=None, query=""):
    address = url(world, name, *args, query=query)
    if method == "get":
        return client.get(address)
    return getattr(client, method)(address, data or {}, format="json")


def result_ids(response):
    assert response.status_code == 200, (response.status_code, response.content[:300])
    return {row["id"] for row in response.json()["results"]}
