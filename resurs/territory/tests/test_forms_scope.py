"""Edit forms keep a record inside the editor's scope: choices outside it are refused, nothing is written."""

from resurs.common.tests.matrix import db_state, form_data
from resurs.territory import forms
from resurs.territory.models import Municipality, Organization
from resurs.territory.tests.factories import DistrictFactory


def test_department_edits_its_municipality_but_cannot_move_it_to_another_region(client, world):
    client.force_login(world.department)
    data = form_data(forms.MunicipalityForm, world.mun, region=world.other_region, name="Новоград")
    response = client.post(f"/territory/municipalities/{world.mun.pk}/edit/", data)
    assert response.status_code == 302
    mun = Municipality.objects.get(pk=world.mun.pk)
    assert (mun.name, mun.region) == ("Новоград", world.region)


def test_org_admin_keeps_the_municipality_and_district_of_its_organization(client, world):
    district = DistrictFactory(municipality=world.mun)
    Organization.objects.filter(pk=world.org.pk).update(district=district)
    world.org.refresh_from_db()
    client.force_login(world.org_admin)
    response = client.post(
        f"/territory/organizations/{world.org.pk}/edit/",
        form_data(forms.OrganizationForm, world.org, phone="+7 800 000-00-00"),
    )
    assert response.status_code == 302
    org = Organization.objects.get(pk=world.org.pk)
    assert (org.phone, org.municipality, org.district) == ("+7 800 000-00-00", world.mun, district)


def test_org_admin_cannot_move_its_organization_to_another_municipality(client, world):
    client.force_login(world.org_admin)
    before = db_state()
    data = form_data(forms.OrganizationForm, world.org, municipality=world.other_mun)
    response = client.post(f"/territory/organizations/{world.org.pk}/edit/", data)
    assert response.status_code == 200
    assert "municipality" in response.context["form"].errors
    assert db_state() == before
