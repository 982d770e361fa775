"""Permission-matrix helpers: one table row per (actor, page, method) with the answer it must get.

Convention: an app's matrix lives in `resurs/<app>/tests/test_permission_matrix*.py` as a module-level `MATRIX`
list of `Case`; `resurs/common/tests/test_url_coverage.py` fails when a URL pattern that needs a login is in no
matrix and not listed as exempt, so a new page cannot ship without its permission tests.

Expected answers:
- LOGIN: redirect to the login page; 403, 404, 405: that status. Nothing in the database changes.
- 200: the page renders; `visible` objects are linked from it, `hidden` objects are not (list pages).
- SAVED: the write went through (302) and the case's own check confirms the stored values.
- INVALID: the form is shown again (200) and nothing in the database changes (a choice outside the scope).
- JOB: a background job of the actor is created and the answer redirects to its page.
- KEPT: a business rule refused the action: the answer redirects (with a message) and nothing changes.
"""

import datetime
from typing import Any, NamedTuple

from django.apps import apps
from django.db import connection, models
from django.urls import reverse

LOGIN = "login"
SAVED = "saved"
INVALID = "invalid"
JOB = "job"
KEPT = "kept"


class Case(NamedTuple):
    actor: str
    url_name: str
    args: tuple = ()
    method: str = "get"
    expected: Any = 200
    query: str = ""
    visible: tuple = ()
    hidden: tuple = ()

    @property
    def id(self):
        args = ",".join(self.args)
        query = f"?{self.query}" if self.query else ""
        return f"{self.actor}-{self.method}-{self.url_name}({args}){query}-{self.expected}"


def case_params(matrix):
    """pytest.mark.parametrize arguments for a matrix: ('case', cases, ids=...)."""
    return {"argnames": "case", "argvalues": matrix, "ids": [c.id for c in matrix]}


def resolve_arg(world, arg):
    """A world attribute name becomes that object's pk; anything else is used as it is (a slug)."""
    value = getattr(world, arg, arg)
    return value.pk if isinstance(value, models.Model) else value


def url_of(world, case):
    url = reverse(case.url_name, args=[resolve_arg(world, a) for a in case.args])
    return f"{url}?{case.query}" if case.query else url


def link_of(world, name):
    """The link a page shows for a world object (its absolute URL), or a world attribute holding a URL."""
    value = getattr(world, name)
    return value if isinstance(value, str) else value.get_absolute_url()


_tables = None


def _project_tables():
    """(label, SQL select) of every project model's table (and many-to-many table) in the test database."""
    global _tables
    if _tables is None:
        existing = set(connection.introspection.table_names())
        quote = connection.ops.quote_name
        _tables = [
            (
                model._meta.label,
                f"SELECT * FROM {quote(model._meta.db_table)} ORDER BY {quote(model._meta.pk.column)}",  # noqa: S608
            )
            for model in apps.get_models(include_auto_created=True)
            if model.__module__.startswith("resurs.") and not model._meta.proxy and model._meta.db_table in existing
        ]
    return _tables


def db_state():
    """Every row of every project table, to prove that a refused request changed nothing (plain SQL: fast)."""
    state = {}
    with connection.cursor() as cursor:
        for label, sql in _project_tables():
            cursor.execute(sql)
            state[label] = cursor.fetchall()
    return state


def form_data(form_class, instance, user=None, **changes):
    """The POST body an edit form would send unchanged for `instance`, with `changes` applied."""
    form = form_class(instance=instance, user=user)
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if callable(value):
            value = value()
        data[name] = value
    data.update(changes)
    return encode(data)


def encode(data):
    body = {}
    for name, value in data.items():
        if value is False or value is None:
            if value is None:
                body[name] = ""
            continue
        if value is True:
            body[name] = "on"
        elif isinstance(value, models.Model):
            body[name] = str(value.pk)
        elif isinstance(value, (list, tuple, models.QuerySet)):
            body[name] = [str(v.pk if isinstance(v, models.Model) else v) for v in value]
        elif isinstance(value, (datetime.date, datetime.datetime)):
            body[name] = value.isoformat()
        else:
            body[name] = str(value)
    return body


def run_case(client, world, case, *, data=None, saved=None):
    """Make the request of `case` as its actor and assert the expected answer (see the module docstring).

    data: the POST body; saved(world, actor): asserts what a successful write stored.
    """
    from resurs.common.models import Job

    user = getattr(world, case.actor)
    if user is not None:
        client.force_login(user)
    url = url_of(world, case)
    before = db_state()
    jobs_before = set(Job.objects.values_list("pk", flat=True))
    response = getattr(client, case.method)(url, data or {})
    expected = case.expected
    if expected == LOGIN:
        assert response.status_code == 302, response.status_code
        assert response["Location"].startswith(reverse("login") + "?next="), response["Location"]
    elif expected in (INVALID,) or isinstance(expected, int):
        status = 200 if expected == INVALID else expected
        assert response.status_code == status, (response.status_code, response.get("Location"))
    if expected == KEPT:
        assert response.status_code == 302, response.status_code
    refused = expected in (LOGIN, INVALID, KEPT) or (isinstance(expected, int) and expected >= 400)
    if refused or (case.method == "get" and expected != JOB):
        assert db_state() == before, "a refused or read-only request changed the database"
    if expected == 200 and (case.visible or case.hidden):
        content = response.content.decode()
        for name in case.visible:
            assert f'href="{link_of(world, name)}"' in content, f"{name} missing from {url}"
        for name in case.hidden:
            assert f'href="{link_of(world, name)}"' not in content, f"{name} leaked on {url}"
    if expected == SAVED:
        assert response.status_code == 302, (response.status_code, _errors(response))
        assert saved is not None, f"no check of the stored values for {case.url_name}"
        saved(world, user)
    if expected == JOB:
        new = Job.objects.exclude(pk__in=jobs_before)
        assert new.count() == 1
        job = new.get()
        assert job.user == user
        assert response.status_code == 302
        assert response["Location"] == reverse("job-detail", args=[job.pk])
    return response


def _errors(response):
    context = getattr(response, "context", None)
    form = context.get("form") if context else None
    return form.errors if form is not None else None


def matrix_url_names(matrix):
    return {c.url_name for c in matrix}
