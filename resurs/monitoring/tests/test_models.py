"""Row-local checks of the models (coded), the shipped catalog and methodologies."""

import pytest
from django.core.exceptions import ValidationError

from resurs.monitoring.models import AssessmentResult, DataResponse, Indicator, Methodology
from resurs.monitoring.shipped import INDICATORS

pytestmark = pytest.mark.django_db


def codes_of(exc):
    return {field: [e.code for e in errors] for field, errors in exc.value.error_dict.items()}


def test_shipped_catalog_and_methodologies():
    assert Indicator.objects.count() == len(INDICATORS)
    total = Indicator.objects.get(code="STUDENTS_TOTAL")
    assert sorted(total.parts.values_list("code", flat=True)) == ["STUDENTS_10_11", "STUDENTS_1_4", "STUDENTS_5_9"]
    assert set(Indicator.objects.values_list("block", flat=True)) == {
        "contingent",
        "staff",
        "results",
        "objectivity",
        "conditions",
        "social",
        "support",
    }
    assert set(Indicator.objects.values_list("level", flat=True)) == {"organization", "municipality", "center"}
    municipal = Methodology.objects.get(code="municipal").current
    assert [r["type"] for r in municipal.rules] == ["federal_risk", "bottom_share", "social_index"]
    assert municipal.rules[0]["threshold"] == 30 and municipal.rules[1]["q"] == 10
    assert Methodology.objects.get(code="federal-risk").current.number == 1


def test_indicator_checks():
    indicator = Indicator(code="X", name="X", min_value=5, max_value=1, formula="NOPE / STUDENTS_TOTAL")
    with pytest.raises(ValidationError) as exc:
        indicator.full_clean()
    assert codes_of(exc) == {"max_value": ["value_range"], "formula": ["formula"]}
    indicator = Indicator(code="Y", name="Y", formula="STUDENTS_TOTAL ** 2")
    with pytest.raises(ValidationError) as exc:
        indicator.full_clean()
    assert codes_of(exc) == {"formula": ["formula"]}
    total = Indicator.objects.get(code="STUDENTS_TOTAL")
    total.part_of = total
    with pytest.raises(ValidationError) as exc:
        total.full_clean()
    assert codes_of(exc) == {"part_of": ["part_of"]}
    Indicator(code="Z", name="Z", formula="STUDENTS_TOTAL / CLASSES_TOTAL").full_clean()


def test_result_checks(world):
    def check(**values):
        base = {"organization": world.org, "year": 2025, "procedure": "vpr", "subject": "Математика", "grade": 5}
        with pytest.raises(ValidationError) as exc:
            AssessmentResult(**{**base, **values}).full_clean()
        return codes_of(exc)

    assert check(participants=10, mark2=1, mark3=2) == {"mark2": ["marks"]}
    assert check(participants=10, mark2=1, mark3=2, mark4=3, mark5=3) == {"participants": ["marks_sum"]}
    assert check(procedure="ege", grade=11, participants=10) == {"below_minimum": ["below_minimum"]}
    assert check(procedure="ege", grade=11, participants=10, below_minimum=11) == {"below_minimum": ["below_minimum"]}
    assert check(participants=4, mark2=1, mark3=1, mark4=1, mark5=1, marks_confirmed=3, marks_raised=2) == {
        "marks_confirmed": ["journal_sum"]
    }
    assert check(participants=4, mark2=1, mark3=1, mark4=1, mark5=1, grade=12) == {"grade": ["grade"]}
    AssessmentResult(
        organization=world.org,
        year=2025,
        procedure="ege",
        subject="Русский язык",
        grade=11,
        participants=10,
        below_minimum=0,
    ).full_clean()


def test_one_answer_per_organization(mw):
    with pytest.raises(ValidationError) as exc:
        DataResponse(request=mw.request, organization=mw.org).full_clean()
    assert exc.value.error_dict["__all__"][0].code == "unique_together"
    assert DataResponse._meta.constraints[0].violation_error_code == "duplicate"
