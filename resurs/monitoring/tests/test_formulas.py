"""Formulas on hand-computed fixtures, borderline values included (N = 0, a third, missing counts)."""

from decimal import Decimal as D
from types import SimpleNamespace

import pytest

from resurs.monitoring import formulas


def test_school_statistics_of_twenty_participants():
    # n2=2, n3=5, n4=8, n5=5, N=20: (5+8+5)/20 = 90 %; (8+5)/20 = 65 %; (4+15+32+25)/20 = 3.80; 2/20 = 10 %.
    assert formulas.pass_rate(2, 5, 8, 5) == D("90.00")
    assert formulas.quality(2, 5, 8, 5) == D("65.00")
    assert formulas.average_mark(2, 5, 8, 5) == D("3.80")
    assert formulas.low_share(2, 20) == D("10.00")


def test_thirds_are_rounded_half_up():
    assert formulas.pass_rate(1, 1, 1, 0) == D("66.67")
    assert formulas.quality(1, 1, 1, 0) == D("33.33")
    assert formulas.average_mark(1, 1, 1, 0) == D("3.00")
    assert formulas.low_share(1, 8) == D("12.50")


def test_no_participants_or_missing_counts_give_none():
    assert formulas.pass_rate(0, 0, 0, 0) is None
    assert formulas.average_mark(0, 0, 0, 0) is None
    assert formulas.quality(None, 1, 1, 1) is None
    assert formulas.low_share(0, 0) is None
    assert formulas.low_share(None, 10) is None


def test_objectivity_and_mismatch():
    assert formulas.objectivity(17, 20) == D("85.00")
    assert formulas.mismatch(1, 2, 20) == D("15.00")
    assert formulas.mismatch(None, 2, 20) is None


def _row(n, n2, n3, n4, n5, below=None, confirmed=None):
    return SimpleNamespace(
        participants=n,
        mark2=n2,
        mark3=n3,
        mark4=n4,
        mark5=n5,
        low_count=below if below is not None else n2,
        marks_confirmed=confirmed,
        marks_lowered=None,
        marks_raised=None,
    )


def test_pooled_measures_sum_counts_before_the_formula():
    # VPR 10: 1/3/4/2 (9 confirmed) + VPR 10: 3/5/2/0 (no journal data) + EGE 10 participants, 2 below the minimum.
    rows = [_row(10, 1, 3, 4, 2, confirmed=9), _row(10, 3, 5, 2, 0), _row(10, None, None, None, None, below=2)]
    m = formulas.pooled_measures(rows)
    assert m == {
        "participants": 30,
        "pass_rate": D("80.00"),  # marks of the 20 VPR participants: 4 «2» → 16/20
        "quality": D("40.00"),  # (6 + 2) / 20
        "average_mark": D("3.30"),  # (2·4 + 3·8 + 4·6 + 5·2) / 20 = 66/20
        "low_share": D("20.00"),  # (1 + 3 + 2) / 30
        "objectivity": D("90.00"),  # 9 / 10
    }


def test_result_measures_of_ege_use_below_minimum():
    row = _row(8, None, None, None, None, below=3)
    m = formulas.result_measures(row)
    assert m["low_share"] == D("37.50")
    assert m["pass_rate"] is None and m["average_mark"] is None


def test_indicator_formula():
    assert formulas.evaluate("A / B * 100", {"A": 1, "B": 3}) == D("33.33")
    assert formulas.evaluate("(A + B) / 2", {"A": 3, "B": 4}) == D("3.50")
    assert formulas.evaluate("-A + 10", {"A": 4}) == D("6.00")
    assert formulas.evaluate("A / B", {"A": 1, "B": 0}) is None
    assert formulas.evaluate("A / B", {"A": 1}) is None
    assert formulas.names("STAFF_U35 / STAFF_TOTAL * 100") == {"STAFF_U35", "STAFF_TOTAL"}


@pytest.mark.parametrize("bad", ["__import__('os')", "A ** 2", "A.b", "A[0]", "A +", "f(A)", "A if B else C", "'x'"])
def test_formula_refuses_anything_but_arithmetic(bad):
    with pytest.raises(formulas.FormulaError):
        formulas.names(bad)
