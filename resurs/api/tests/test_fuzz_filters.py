"""Every filter of every list, in the API and on the pages, fed values out of range: a 400 (API) or the page with
the filter form's error (pages), never a 500. The lists are found by walking the router and the URL patterns, so a
new list is fuzzed without being named here."""

import django_filters
import pytest
from django import forms
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.html import escape
from django_filters.views import FilterMixin
from rest_framework.test import APIClient

from resurs.api.urls import router
from resurs.catalogs.models import CATALOG_MODELS
from resurs.common.api import ScopedFilterBackend
from resurs.common.filtersets import ScopedFilterSet
from resurs.people.models import Teacher

pytestmark = pytest.mark.django_db

BAD_VALUES = ["0", "-1", "99999999999999999999", "abc", "2026-13-45", "\x00", "1.5", "NaN", "²", "x" * 5000]
USERS = ["department", "admin"]


def api_lists():
    lists = [(basename, viewset) for _prefix, viewset, basename in router.registry if hasattr(viewset, "list")]
    # Filters come from a FilterSet class; `filterset_fields` would need teaching this test to build theirs.
    assert not [basename for basename, viewset in lists if getattr(viewset, "filterset_fields", None)]
    return lists


def page_lists():
    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                view = getattr(pattern.callback, "view_class", None)
                if view is not None and issubclass(view, FilterMixin):
                    yield "/" + prefix + str(pattern.pattern)

    pages = []
    for route in walk(get_resolver().url_patterns, ""):
        if "<slug:catalog>" in route:
            pages += [route.replace("<slug:catalog>", catalog) for catalog in CATALOG_MODELS]
        else:
            assert "<" not in route, f"a list page with URL arguments: teach this test its arguments ({route})"
            pages.append(route)
    return pages


def parameter_names(form):
    """The query parameters of a filter form: a range filter is two (`…_after`, `…_before`)."""
    names = {}
    for bound in form:
        widget = bound.field.widget
        if isinstance(widget, forms.MultiWidget):
            for suffix in widget.widgets_names:
                names[bound.html_name + suffix] = bound.name
        else:
            names[bound.html_name] = bound.name
    return names


def test_the_walk_finds_the_lists():
    # The two lists of issue 7 (year=0 was a 500) and one of each kind, so an empty walk cannot pass.
    basenames = {basename for basename, _ in api_lists()}
    assert {"plans-plan", "centers-application", "teacher", "catalog-subject"} <= basenames
    assert {"/plans/", "/centers/applications/", "/people/teachers/", "/catalogs/subject/"} <= set(page_lists())


@pytest.mark.parametrize("actor", USERS)
@pytest.mark.parametrize(
    "basename", [basename for basename, viewset in api_lists() if getattr(viewset, "filterset_class", None)]
)
def test_api_filters_refuse_bad_values_with_a_400(world, actor, basename):
    viewset = dict(api_lists())[basename]
    user = getattr(world, actor)
    filterset_class = viewset.filterset_class
    filterset = filterset_class(data={}, queryset=filterset_class._meta.model.objects.none(), user=user)
    names = parameter_names(filterset.form)
    assert names
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.force_authenticate(user)
    address = reverse(f"api:{basename}-list")
    for parameter, field in names.items():
        for value in BAD_VALUES:
            response = api.get(address, {parameter: value})
            context = f"{address}?{parameter}={value[:20]!r}: {response.status_code}"
            assert response.status_code in (200, 400), context
            if response.status_code == 400:
                body = response.json()
                assert list(body) == [field], context
                assert all(isinstance(message, str) and message for message in body[field]), context


@pytest.mark.parametrize("actor", USERS)
@pytest.mark.parametrize("address", page_lists())
def test_page_filters_show_bad_values_as_form_errors(client, world, actor, address):
    client.force_login(getattr(world, actor))
    response = client.get(address)
    assert response.status_code == 200, address
    names = parameter_names(response.context["filter"].form)
    assert names
    for parameter in names:
        for value in BAD_VALUES:
            response = client.get(address, {parameter: value})
            context = f"{address}?{parameter}={value[:20]!r}: {response.status_code}"
            assert response.status_code == 200, context
            errors = response.context["filter"].form.errors
            for messages in errors.values():
                for message in messages:
                    assert escape(message) in response.content.decode(), context


def test_year_out_of_range_is_a_russian_400_in_the_api(world, russian):
    api = APIClient()
    api.force_authenticate(world.department)
    for basename in ("plans-plan", "centers-application"):
        address = reverse(f"api:{basename}-list")
        response = api.get(address, {"year": "0"})
        assert response.status_code == 400
        assert response.json() == {"year": ["Убедитесь, что это значение больше либо равно 2000."]}
        response = api.get(address, {"year": "2101"})
        assert response.status_code == 400
        assert response.json() == {"year": ["Убедитесь, что это значение меньше либо равно 2100."]}
        response = api.get(address, {"year": "2026.5"})
        assert response.status_code == 400
        assert api.get(address, {"year": "2026"}).status_code == 200


def test_bounds_follow_the_column(world):
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.force_authenticate(world.department)
    address = reverse("api:teacher-list")
    response = api.get(address, {"experience_min": "32768"})  # a PositiveSmallIntegerField
    assert response.status_code == 400
    assert response.json() == {"experience_min": ["Ensure this value is less than or equal to 32767."]}
    response = api.get(address, {"experience_max": "-1"})
    assert response.status_code == 400
    assert response.json() == {"experience_max": ["Ensure this value is greater than or equal to 0."]}
    assert api.get(address, {"experience_min": "32767"}).status_code == 200
    response = api.get(address, {"q": "x" * 201})
    assert response.status_code == 400
    assert response.json() == {"q": ["Ensure this value has at most 200 characters (it has 201)."]}
    assert api.get(address, {"q": "x" * 200}).status_code == 200
    response = api.get(reverse("api:plans-item-list"), {"plan": "99999999999999999999"})  # a BigAutoField
    assert response.status_code == 400
    assert response.json() == {"plan": ["Ensure this value is less than or equal to 9223372036854775807."]}


def test_year_out_of_range_is_a_russian_form_error_on_the_page(client, world, russian):
    client.force_login(world.department)
    for address in ("/plans/", "/centers/applications/"):
        response = client.get(address, {"year": "0"})
        assert response.status_code == 200
        assert response.context["filter"].form.errors == {
            "year": ["Убедитесь, что это значение больше либо равно 2000."]
        }
        assert '<div class="text-danger small">Убедитесь, что это значение больше либо равно 2000.</div>' in (
            response.content.decode()
        )


class ProbeFilterSet(ScopedFilterSet):
    born = django_filters.DateFilter(field_name="birth_date")
    born_month = django_filters.NumberFilter(field_name="birth_date__month")
    by_method = django_filters.NumberFilter(method="keep")
    own_bounds = django_filters.NumberFilter(field_name="experience_total", min_value=1, max_value=5)

    class Meta:
        model = Teacher
        fields = []

    def keep(self, queryset, name, value):
        return queryset


def test_bounds_of_dates_date_parts_method_numbers_and_declared_bounds():
    def errors(**data):
        filterset = ProbeFilterSet(data=data, queryset=Teacher.objects.none())
        assert filterset.is_valid() is not bool(filterset.errors)
        return filterset.errors

    assert errors(born="1899-12-31") == {"born": ["Ensure this value is greater than or equal to 1900-01-01."]}
    assert errors(born="2101-01-01") == {"born": ["Ensure this value is less than or equal to 2100-12-31."]}
    assert errors(born="2026-13-45") == {"born": ["Enter a valid date."]}
    assert errors(born="1900-01-01", born_month="12", by_method="-2147483648", own_bounds="5") == {}
    assert errors(born_month="13") == {"born_month": ["Ensure this value is less than or equal to 12."]}
    assert errors(by_method="2147483648") == {"by_method": ["Ensure this value is less than or equal to 2147483647."]}
    assert errors(by_method="1.5") == {"by_method": ["Ensure that there are no more than 0 decimal places."]}
    assert errors(own_bounds="6") == {"own_bounds": ["Ensure this value is less than or equal to 5."]}


def test_public_catalog_takes_bad_values(client, db):
    for parameter in ("municipality", "direction", "q"):
        for value in BAD_VALUES:
            response = client.get("/public/centers/", {parameter: value})
            assert response.status_code == 200, f"{parameter}={value[:20]!r}"


def test_filterset_fields_of_a_viewset_get_the_same_bounds():
    class View:
        filterset_fields = ["experience_total"]

    filterset_class = ScopedFilterBackend().get_filterset_class(View(), Teacher.objects.none())
    assert issubclass(filterset_class, ScopedFilterSet)
    filterset = filterset_class(data={"experience_total": "32768"}, queryset=Teacher.objects.none())
    assert filterset.errors == {"experience_total": ["Ensure this value is less than or equal to 32767."]}
