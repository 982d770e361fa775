"""The shipped rules on hand-computed fixtures: exactly 30 %, just below it, N below the minimum, ties at the cut,
«unstable» separately, the social index with its z-scores worked out by hand."""

import pytest

from resurs.monitoring import identification as ident
from resurs.monitoring.shipped import BOTTOM_RULE, FEDERAL_RULE

FED = ident.normalize_rules([FEDERAL_RULE])[0]


def r(org, year, n, low, procedure="vpr", subject="Математика", grade=5):
    return (org, year, procedure, subject, grade, n, low)


FEDERAL_DATA = [
    # School 1: exactly 30 % in two procedures this year (6/20, 3/10); math 5 also 35 % last year → placed.
    r(1, 2025, 20, 6),
    r(1, 2025, 10, 3, subject="Русский язык"),
    r(1, 2024, 20, 7),
    # School 2: two procedures ≥ 30 % this year (40 %, 30 %), but neither was ≥ 30 % last year → not placed.
    r(2, 2025, 20, 5),
    r(2, 2025, 10, 4, subject="Русский язык"),
    r(2, 2025, 10, 3, procedure="ege", subject="Русский язык", grade=11),
    r(2, 2024, 10, 2, procedure="ege", subject="Русский язык", grade=11),
    r(2, 2024, 20, 10),
    # School 3: as school 1, but Russian has 4 participants (below the minimum of 5): not counted → not placed.
    r(3, 2025, 20, 6),
    r(3, 2025, 4, 4, subject="Русский язык"),
    r(3, 2024, 20, 7),
    # School 4: just below 30 % this year (6/21 = 28.57 %) in one of them → one procedure only → not placed.
    r(4, 2025, 21, 6),
    r(4, 2025, 10, 5, subject="Русский язык"),
    r(4, 2024, 21, 7),
    r(4, 2024, 10, 5, subject="Русский язык"),
    # School 4's Russian is ≥ 30 % both years, but it is a single procedure this year → not placed.
]


def test_federal_risk_indicator():
    out = ident.federal_risk(FED, [1, 2, 3, 4, 5], FEDERAL_DATA, 2025)
    assert {org: placed for org, (placed, _e) in out.items()} == {1: True, 2: False, 3: False, 4: False, 5: False}
    e1 = out[1][1]
    assert e1["low_procedures"] == [
        {"procedure": "vpr", "subject": "Математика", "grade": 5, "participants": 20, "low": 6, "share": 30.0},
        {"procedure": "vpr", "subject": "Русский язык", "grade": 5, "participants": 10, "low": 3, "share": 30.0},
    ]
    assert e1["repeated"] == [
        {"procedure": "vpr", "subject": "Математика", "grade": 5, "share_previous": 35.0, "share": 30.0}
    ]
    assert e1["excluded"] == []
    e2 = out[2][1]
    assert [p["share"] for p in e2["low_procedures"]] == [30.0, 40.0]  # ege rus 11, vpr rus 5
    assert e2["repeated"] == []
    e3 = out[3][1]
    assert len(e3["low_procedures"]) == 1
    assert e3["excluded"] == [{"procedure": "vpr", "subject": "Русский язык", "grade": 5, "participants": 4}]
    e4 = out[4][1]
    assert [p["subject"] for p in e4["low_procedures"]] == ["Русский язык"]
    assert e4["repeated"][0]["subject"] == "Русский язык"
    assert out[5][1]["low_procedures"] == [] and out[5][1]["repeated"] == []


def test_federal_risk_threshold_is_configurable_and_procedures_filtered():
    rule = ident.normalize_rules([{**FEDERAL_RULE, "threshold": 31}])[0]
    out = ident.federal_risk(rule, [1], FEDERAL_DATA, 2025)
    assert out[1][0] is False  # 30 % is below 31 %
    rule = ident.normalize_rules([{**FEDERAL_RULE, "procedures": ["ege"]}])[0]
    assert ident.federal_risk(rule, [1], FEDERAL_DATA, 2025)[1][0] is False


BOTTOM = ident.normalize_rules([{**BOTTOM_RULE, "q": 25, "procedures": ["vpr"]}])[0]
BOTTOM_DATA = [
    # 2023: 40 %, 10 %, 20 %, 5 % → bottom 25 % of 4 = 1 school: school 1.
    r(1, 2023, 10, 4),
    r(2, 2023, 10, 1),
    r(3, 2023, 10, 2),
    r(4, 2023, 20, 1),
    # 2024: 10 %, 50 %, 20 %, 5 % → school 2.
    r(1, 2024, 10, 1),
    r(2, 2024, 10, 5),
    r(3, 2024, 10, 2),
    r(4, 2024, 20, 1),
    # 2025: pooled 30 % (3/10 + 3/10 over two procedures), 25 %, 20 %; school 4 has N = 4 < 5 → no value.
    r(1, 2025, 10, 3),
    r(1, 2025, 10, 3, subject="Русский язык"),
    r(2, 2025, 20, 5),
    r(3, 2025, 10, 2),
    r(4, 2025, 4, 4),
    # EGE is not among the rule's procedures: ignored.
    r(3, 2025, 10, 10, procedure="ege", grade=11),
]


def test_bottom_share_sustainably_low_and_unstable():
    out = ident.bottom_share(BOTTOM, [1, 2, 3, 4], BOTTOM_DATA, 2025)
    assert {org: group for org, (group, _e) in out.items()} == {1: "low_results", 2: "unstable", 3: None, 4: None}
    e1 = out[1][1]
    assert e1["years_in_bottom"] == 2
    assert e1["years"] == [
        {"year": 2023, "share": 40.0, "rank": 1, "schools": 4, "cutoff": 40.0, "in_bottom": True},
        {"year": 2024, "share": 10.0, "rank": 3, "schools": 4, "cutoff": 50.0, "in_bottom": False},
        {"year": 2025, "share": 30.0, "rank": 1, "schools": 3, "cutoff": 30.0, "in_bottom": True},
    ]
    assert out[4][1]["years"][2] == {
        "year": 2025,
        "share": None,
        "rank": None,
        "schools": 3,
        "cutoff": 30.0,
        "in_bottom": False,
    }


def test_bottom_share_ties_at_the_cut_are_all_in_the_bottom():
    data = [r(1, 2025, 10, 3), r(2, 2025, 10, 3), r(3, 2025, 10, 1), r(4, 2025, 10, 0)]
    rule = ident.normalize_rules([{**BOTTOM_RULE, "q": 25, "k": 1, "m": 1}])[0]
    out = ident.bottom_share(rule, [1, 2, 3, 4], data, 2025)
    assert [out[o][0] for o in (1, 2, 3, 4)] == ["low_results", "low_results", None, None]


SOCIAL = ident.normalize_rules(
    [
        {
            "type": "social_index",
            "share": 25,
            "components": [
                {"indicator": "SOC_LOW_INCOME", "weight": 1, "worse": "higher"},
                {"indicator": "SOC_HIGHER_EDUCATION", "weight": 1, "worse": "lower"},
            ],
        }
    ]
)[0]


def test_social_index_by_hand():
    # Low income 10/20/30: mean 20, σ = √(200/3) = 8.165 → z −1.2247, 0, 1.2247.
    # Higher education 50/50/10: mean 36.667, σ = 18.856 → z 0.7071, 0.7071, −1.4142; lower is worse → −z.
    # Index = mean of signed z: −0.966, −0.354, 1.319; the worst 25 % of 3 = 1 school: school 3. School 4 lacks a value.
    values = {
        1: {"SOC_LOW_INCOME": 10, "SOC_HIGHER_EDUCATION": 50},
        2: {"SOC_LOW_INCOME": 20, "SOC_HIGHER_EDUCATION": 50},
        3: {"SOC_LOW_INCOME": 30, "SOC_HIGHER_EDUCATION": 10},
        4: {"SOC_LOW_INCOME": 30},
    }
    out = ident.social_index(SOCIAL, [1, 2, 3, 4], values)
    assert [out[o][0] for o in (1, 2, 3, 4)] == [False, False, True, False]
    assert [out[o][1]["index"] for o in (1, 2, 3)] == [-0.966, -0.354, 1.319]
    assert out[3][1]["cutoff"] == 1.319
    assert out[3][1]["components"] == [
        {"indicator": "SOC_LOW_INCOME", "value": 30.0, "z": 1.225, "weight": 1},
        {"indicator": "SOC_HIGHER_EDUCATION", "value": 10.0, "z": 1.414, "weight": 1},
    ]
    assert out[4][1]["index"] is None and out[4][1]["missing"] == ["SOC_HIGHER_EDUCATION"]


def test_weights_change_the_index():
    values = {1: {"A": 0, "B": 10}, 2: {"A": 10, "B": 0}}
    rule = ident.normalize_rules(
        [
            {
                "type": "social_index",
                "share": 50,
                "components": [
                    {"indicator": "A", "weight": 3, "worse": "higher"},
                    {"indicator": "B", "weight": 1, "worse": "higher"},
                ],
            }
        ]
    )[0]
    out = ident.social_index(rule, [1, 2], values)
    assert [out[1][0], out[2][0]] == [False, True]  # A weighs more: school 2 (A = 10) is worse
    assert out[2][1]["index"] == 0.5  # (3·1 + 1·(−1)) / 4


def test_identify_combines_the_rules_in_order():
    rules = ident.normalize_rules([FEDERAL_RULE, {**BOTTOM_RULE, "q": 25}])
    out = ident.identify(rules, [1, 2], FEDERAL_DATA, 2025)
    assert out[1]["groups"][0] == "risk"
    assert [e["rule"] for e in out[1]["explanation"]] == [1, 2]
    assert [e["type"] for e in out[2]["explanation"]] == ["federal_risk", "bottom_share"]


@pytest.mark.parametrize(
    "rules",
    [
        [],
        [{"type": "magic"}],
        [{"type": "federal_risk", "threshold": 130}],
        [{"type": "federal_risk", "procedures": ["vpr", "gia"]}],
        [{"type": "bottom_share", "k": 4, "m": 3}],
        [{"type": "bottom_share", "group": "elite"}],
        [{"type": "social_index", "components": []}],
        [{"type": "social_index", "components": [{"indicator": "A", "worse": "up"}]}],
        [{"type": "social_index", "components": [{"indicator": "A", "worse": "higher", "weight": 0}]}],
        [{"type": "federal_risk", "min_participants": True}],
    ],
)
def test_invalid_rules_are_refused(rules):
    with pytest.raises(ident.RuleError):
        ident.normalize_rules(rules)


def test_years_needed():
    rules = ident.normalize_rules([FEDERAL_RULE, BOTTOM_RULE])
    assert ident.years_needed(rules, 2025) == 2023
