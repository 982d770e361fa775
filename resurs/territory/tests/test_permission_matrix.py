"""Permission matrix of the territory pages: who gets which answer on every list, detail, create and edit page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from resurs.accounts.testing import make_user
from resurs.audit.models import ChangeLog
from resurs.common.tests.matrix import INVALID, JOB, LOGIN, SAVED, Case, case_params, form_data, run_case
from resurs.territory import forms
from resurs.territory.models import EducationalDistrict, Municipality, Organization, Region
from resurs.territory.tests.factories import DistrictFactory


@pytest.fixture
def world(world):
    world.district = DistrictFactory(municipality=world.mun, name="Северный округ")
    world.other_district = DistrictFactory(municipality=world.other_mun, name="Южный округ")
    world.far_regional = make_user("far_regional", "regional", "region", world.other_region)
    world.admin = make_user("admin", is_superuser=True, is_staff=True)
    return world


def C(actor, url_name, args=(), method="get", expected=200, **kw):
    return Case(actor, f"territory:{url_name}", tuple(args), method, expected, **kw)


def denied_everywhere(url_name, args=(), methods=("get", "post")):
    """Anonymous → login, no role → 403, for each method."""
    return [C("anonymous", url_name, args, m, LOGIN) for m in methods] + [
        C("no_role", url_name, args, m, 403) for m in methods
    ]


MATRIX = [
    # Regions: seen by regional operators of that region; no shipped role edits a region.
    *denied_everywhere("region-list", methods=("get",)),
    C("teacher_user", "region-list", expected=403),
    C("regional", "region-list", visible=("region",), hidden=("other_region",)),
    C("far_regional", "region-list", visible=("other_region",), hidden=("region",)),
    C("admin", "region-list", visible=("region", "other_region")),
    *denied_everywhere("region-detail", ["region"], methods=("get",)),
    C("regional", "region-detail", ["region"]),
    C("far_regional", "region-detail", ["region"], expected=404),
    *denied_everywhere("region-update", ["region"]),
    C("regional", "region-update", ["region"], expected=403),
    C("regional", "region-update", ["region"], "post", 403),
    C("department", "region-update", ["region"], "post", 403),
    C("far_regional", "region-update", ["region"], "post", 403),
    C("admin", "region-update", ["region"]),
    C("admin", "region-update", ["region"], "post", SAVED),
    # Municipalities: a department sees and edits its own; no shipped role creates one.
    *denied_everywhere("municipality-list", methods=("get",)),
    C("teacher_user", "municipality-list", expected=403),
    C("regional", "municipality-list", visible=("mun", "other_mun"), hidden=("far_mun",)),
    C("department", "municipality-list", visible=("mun",), hidden=("other_mun", "far_mun")),
    C("other_department", "municipality-list", visible=("other_mun",), hidden=("mun",)),
    *denied_everywhere("municipality-detail", ["mun"], methods=("get",)),
    C("department", "municipality-detail", ["mun"]),
    C("regional", "municipality-detail", ["mun"]),
    C("other_department", "municipality-detail", ["mun"], expected=404),
    C("far_regional", "municipality-detail", ["mun"], expected=404),
    *denied_everywhere("municipality-create"),
    C("department", "municipality-create", expected=403),
    C("department", "municipality-create", method="post", expected=403),
    C("regional", "municipality-create", method="post", expected=403),
    C("admin", "municipality-create"),
    C("admin", "municipality-create", method="post", expected=SAVED),
    *denied_everywhere("municipality-update", ["mun"]),
    C("department", "municipality-update", ["mun"]),
    C("department", "municipality-update", ["mun"], "post", SAVED),
    C("other_department", "municipality-update", ["mun"], expected=404),
    C("other_department", "municipality-update", ["mun"], "post", 404),
    C("regional", "municipality-update", ["mun"], expected=403),
    C("regional", "municipality-update", ["mun"], "post", 403),
    # Educational districts: the department of the municipality keeps them.
    *denied_everywhere("district-list", methods=("get",)),
    C("teacher_user", "district-list", expected=403),
    C("department", "district-list", visible=("district",), hidden=("other_district",)),
    C("other_department", "district-list", visible=("other_district",), hidden=("district",)),
    C("regional", "district-list", visible=("district", "other_district")),
    *denied_everywhere("district-detail", ["district"], methods=("get",)),
    C("department", "district-detail", ["district"]),
    C("regional", "district-detail", ["district"]),
    C("other_department", "district-detail", ["district"], expected=404),
    C("far_regional", "district-detail", ["district"], expected=404),
    *denied_everywhere("district-create"),
    C("regional", "district-create", expected=403),
    C("regional", "district-create", method="post", expected=403),
    C("org_admin", "district-create", method="post", expected=403),
    C("department", "district-create"),
    C("department", "district-create", method="post", expected=SAVED),
    C("other_department", "district-create", method="post", expected=INVALID),
    *denied_everywhere("district-update", ["district"]),
    C("department", "district-update", ["district"]),
    C("department", "district-update", ["district"], "post", SAVED),
    C("other_department", "district-update", ["district"], expected=404),
    C("other_department", "district-update", ["district"], "post", 404),
    C("regional", "district-update", ["district"], expected=403),
    C("regional", "district-update", ["district"], "post", 403),
    # Organizations: the department keeps them, the organization administrator edits its own card.
    *denied_everywhere("organization-list", methods=("get",)),
    C("teacher_user", "organization-list", expected=403),
    C("regional", "organization-list", visible=("org", "org2", "other_org")),
    C("department", "organization-list", visible=("org", "org2"), hidden=("other_org",)),
    C("other_department", "organization-list", visible=("other_org",), hidden=("org", "org2")),
    C("org_admin", "organization-list", visible=("org",), hidden=("org2", "other_org")),
    C("anonymous", "organization-list", query="_export=xlsx", expected=LOGIN),
    C("no_role", "organization-list", query="_export=xlsx", expected=403),
    C("org_admin", "organization-list", query="_export=xlsx", expected=403),
    C("department", "organization-list", query="_export=xlsx", expected=JOB),
    C("regional", "organization-list", query="_export=xlsx", expected=JOB),
    *denied_everywhere("organization-detail", ["org"], methods=("get",)),
    C("department", "organization-detail", ["org"]),
    C("regional", "organization-detail", ["org"]),
    C("org_admin", "organization-detail", ["org"]),
    C("other_department", "organization-detail", ["org"], expected=404),
    C("other_org_admin", "organization-detail", ["org"], expected=404),
    C("far_regional", "organization-detail", ["org"], expected=404),
    C("org_admin", "organization-detail", ["org2"], expected=404),
    *denied_everywhere("organization-create"),
    C("org_admin", "organization-create", expected=403),
    C("org_admin", "organization-create", method="post", expected=403),
    C("regional", "organization-create", method="post", expected=403),
    C("department", "organization-create"),
    C("department", "organization-create", method="post", expected=SAVED),
    C("other_department", "organization-create", method="post", expected=INVALID),
    *denied_everywhere("organization-update", ["org"]),
    C("department", "organization-update", ["org"]),
    C("department", "organization-update", ["org"], "post", SAVED),
    C("org_admin", "organization-update", ["org"]),
    C("org_admin", "organization-update", ["org"], "post", SAVED),
    C("org_admin", "organization-update", ["org2"], "post", 404),
    C("other_org_admin", "organization-update", ["org"], expected=404),
    C("other_org_admin", "organization-update", ["org"], "post", 404),
    C("other_department", "organization-update", ["org"], "post", 404),
    C("regional", "organization-update", ["org"], expected=403),
    C("regional", "organization-update", ["org"], "post", 403),
    # Organization import (a background job) and its empty template.
    *denied_everywhere("organization-import"),
    C("org_admin", "organization-import", expected=403),
    C("org_admin", "organization-import", method="post", expected=403),
    C("regional", "organization-import", method="post", expected=403),
    C("department", "organization-import"),
    C("department", "organization-import", method="post", expected=JOB),
    C("other_department", "organization-import", method="post", expected=JOB),
    *denied_everywhere("organization-import-template", methods=("get",)),
    C("org_admin", "organization-import-template", expected=403),
    C("regional", "organization-import-template", expected=403),
    C("department", "organization-import-template"),
]


def _data(w, case):
    name = case.url_name.split(":")[1]
    if name == "organization-import":
        return {"file": SimpleUploadedFile("orgs.csv", "Краткое наименование\nСОШ № 99\n".encode())}
    if name == "region-update":
        return form_data(forms.RegionForm, w.region, name="Новая область")
    if name == "municipality-create":
        return {"region": w.region.pk, "name": "Новый район", "code": "M-NEW", "timezone": "Asia/Omsk"}
    if name == "municipality-update":
        return form_data(forms.MunicipalityForm, w.mun, department_name="Управление образования")
    if name == "district-create":
        return {"municipality": w.mun.pk, "name": "Восточный округ", "base_organization": w.org.pk}
    if name == "district-update":
        target = getattr(w, case.args[0])
        return form_data(forms.EducationalDistrictForm, target, name="Западный округ")
    if name == "organization-create":
        return {
            "municipality": w.mun.pk,
            "kind": "school",
            "short_name": "Гимназия № 7",
            "full_name": "МБОУ «Гимназия № 7»",
            "inn": "7701234567",
        }
    if name == "organization-update":
        target = getattr(w, case.args[0])
        return form_data(forms.OrganizationForm, target, director="Петров Пётр Петрович")
    return None


def _assert_logged(obj, actor, action, field, new):
    entry = ChangeLog.objects.filter(object_id=str(obj.pk), content_type__model=obj._meta.model_name).latest("id")
    assert entry.actor == actor
    assert entry.action == action
    assert entry.changes[field][1] == new


def _saved(w, case):
    name = case.url_name.split(":")[1]

    def check(world, actor):
        if name == "region-update":
            region = Region.objects.get(pk=w.region.pk)
            assert (region.name, region.version, region.updated_by) == ("Новая область", 2, actor)
            _assert_logged(region, actor, "update", "name", "Новая область")
        elif name == "municipality-create":
            mun = Municipality.objects.get(code="M-NEW")
            assert (mun.region, mun.name, mun.timezone, mun.updated_by) == (w.region, "Новый район", "Asia/Omsk", actor)
            _assert_logged(mun, actor, "create", "name", "Новый район")
        elif name == "municipality-update":
            mun = Municipality.objects.get(pk=w.mun.pk)
            assert (mun.department_name, mun.version, mun.updated_by) == ("Управление образования", 2, actor)
            _assert_logged(mun, actor, "update", "department_name", "Управление образования")
        elif name == "district-create":
            district = EducationalDistrict.objects.get(name="Восточный округ")
            assert (district.municipality, district.base_organization) == (w.mun, w.org)
            _assert_logged(district, actor, "create", "name", "Восточный округ")
        elif name == "district-update":
            district = EducationalDistrict.objects.get(pk=w.district.pk)
            assert (district.name, district.version, district.updated_by) == ("Западный округ", 2, actor)
            _assert_logged(district, actor, "update", "name", "Западный округ")
        elif name == "organization-create":
            org = Organization.objects.get(short_name="Гимназия № 7")
            assert (org.municipality, org.inn, org.updated_by) == (w.mun, "7701234567", actor)
            _assert_logged(org, actor, "create", "short_name", "Гимназия № 7")
        elif name == "organization-update":
            org = Organization.objects.get(pk=w.org.pk)
            assert (org.director, org.version, org.updated_by) == ("Петров Пётр Петрович", 2, actor)
            _assert_logged(org, actor, "update", "director", "Петров Пётр Петрович")
        else:
            raise AssertionError(f"no check for {name}")

    return check


@pytest.mark.parametrize(**case_params(MATRIX))
def test_territory_permission_matrix(client, world, case):
    run_case(client, world, case, data=_data(world, case), saved=_saved(world, case))
