"""The identification engine of ШНОР/ШФНСУ (004 § 1.1, 2.2.2; domain notes §1.4–1.5): pure functions over plain data.

A methodology version is a list of rules (JSON); each rule places schools in a group and explains, for every school,
why it did or did not, with the numbers. The shipped rule types:

- `federal_risk` — the federal risk indicator: «not less than 30 % of participants below the minimum (the upper
  bound of the mark «2») in two or more assessment procedures this year, and in one and the same procedure in the
  previous year and this year». A procedure is (kind, subject, grade); one with fewer than `min_participants`
  participants is not counted (and is listed as excluded). «Not less than» is ≥: exactly 30 % counts.
- `bottom_share` — «in the bottom q % in k of the last m years»: per school and year the pooled share of low results
  (Σ low / Σ N over the counted procedures); the schools of the municipality with a value are ranked, the worst
  ⌈q·n/100⌉ form the bottom (ties with the last one included); k or more years in the bottom → `group`, one to k−1
  years → `unstable_group`.
- `social_index` — the social context index for ШФНСУ: for each component indicator the z-score over the schools
  with complete data (sign by which direction is worse), the index the weighted mean; the worst `share` % (⌈share·n/100⌉,
  ties included) → `group`.

Shares are compared exactly (fractions), never as rounded floats.
"""

import bisect
import math
from collections import defaultdict
from fractions import Fraction

from django.utils.translation import gettext as _

PROCEDURES = ("vpr", "oge", "ege")

DEFAULTS = {
    "federal_risk": {
        "group": "risk",
        "threshold": 30,
        "min_procedures": 2,
        "min_participants": 5,
        "procedures": list(PROCEDURES),
    },
    "bottom_share": {
        "group": "low_results",
        "unstable_group": "unstable",
        "q": 10,
        "k": 2,
        "m": 3,
        "min_participants": 5,
        "procedures": list(PROCEDURES),
    },
    "social_index": {"group": "adverse_social", "share": 25, "components": []},
}
GROUP_CODES = ("risk", "low_results", "unstable", "adverse_social")


class RuleError(ValueError):
    """A rule set is not valid; the message says what is wrong (translated)."""


def _number(rule, name, low, high, integer=False):
    value = rule.get(name)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (integer and not float(value).is_integer()):
        raise RuleError(_("Rule %(n)s: «%(name)s» must be a number.") % {"n": rule.get("_n"), "name": name})
    if not low <= value <= high:
        raise RuleError(
            _("Rule %(n)s: «%(name)s» must be from %(low)s to %(high)s.")
            % {"n": rule.get("_n"), "name": name, "low": low, "high": high}
        )


def normalize_rules(rules):
    """The rules with their defaults filled in; RuleError when a rule is not valid."""
    if not isinstance(rules, list) or not rules:
        raise RuleError(_("A methodology needs at least one rule."))
    result = []
    for n, rule in enumerate(rules, start=1):
        if not isinstance(rule, dict) or rule.get("type") not in DEFAULTS:
            raise RuleError(
                _("Rule %(n)s: the type must be one of %(types)s.") % {"n": n, "types": ", ".join(DEFAULTS)}
            )
        full = {"type": rule["type"], **DEFAULTS[rule["type"]], **rule}
        full["_n"] = n
        for key in ("group", "unstable_group"):
            if key in full and full[key] not in GROUP_CODES:
                raise RuleError(_("Rule %(n)s: unknown group «%(group)s».") % {"n": n, "group": full[key]})
        if full["type"] in ("federal_risk", "bottom_share"):
            procedures = full.get("procedures")
            if not isinstance(procedures, list) or not procedures or set(procedures) - set(PROCEDURES):
                raise RuleError(_("Rule %(n)s: procedures must be some of vpr, oge, ege.") % {"n": n})
            _number(full, "min_participants", 1, 10000, integer=True)
        if full["type"] == "federal_risk":
            _number(full, "threshold", 0, 100)
            _number(full, "min_procedures", 1, 100, integer=True)
        elif full["type"] == "bottom_share":
            _number(full, "q", 0.1, 100)
            _number(full, "m", 1, 10, integer=True)
            _number(full, "k", 1, full["m"], integer=True)
        else:
            _number(full, "share", 0.1, 100)
            components = full.get("components")
            if not isinstance(components, list) or not components:
                raise RuleError(_("Rule %(n)s: the social index needs its component indicators.") % {"n": n})
            for c in components:
                if (
                    not isinstance(c, dict)
                    or not isinstance(c.get("indicator"), str)
                    or c.get("worse")
                    not in (
                        "higher",
                        "lower",
                    )
                ):
                    raise RuleError(
                        _("Rule %(n)s: each component needs an indicator code and worse = higher or lower.") % {"n": n}
                    )
                weight = c.get("weight", 1)
                if isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight < 0:
                    raise RuleError(_("Rule %(n)s: a weight must be a number not below 0.") % {"n": n})
            if not sum(c.get("weight", 1) for c in components):
                raise RuleError(_("Rule %(n)s: the weights add up to zero.") % {"n": n})
        del full["_n"]
        result.append(full)
    return result


def years_needed(rules, year):
    """The first year of data the rules look at (the run loads results from it to `year`)."""
    first = year
    for rule in rules:
        if rule["type"] == "federal_risk":
            first = min(first, year - 1)
        elif rule["type"] == "bottom_share":
            first = min(first, year - rule["m"] + 1)
    return first


def _pct(fraction):
    return round(float(fraction) * 100, 2)


def federal_risk(rule, schools, results, year):
    """{school: (placed, explanation)} of the federal risk indicator (see the module docstring)."""
    threshold = Fraction(str(rule["threshold"])) / 100
    minimum = rule["min_participants"]
    procedures = set(rule["procedures"])
    low = {t: defaultdict(dict) for t in (year - 1, year)}
    excluded = defaultdict(list)
    for org, t, procedure, subject, grade, n, n_low in results:
        if t not in low or procedure not in procedures:
            continue
        key = (procedure, subject, grade)
        if n < minimum:
            if t == year:
                excluded[org].append({"procedure": procedure, "subject": subject, "grade": grade, "participants": n})
            continue
        share = Fraction(n_low or 0, n) if n else Fraction(0)
        if share >= threshold:
            low[t][org][key] = (n, n_low, share)
    out = {}
    for org in schools:
        this_year = low[year].get(org, {})
        last_year = low[year - 1].get(org, {})
        repeated = sorted(set(this_year) & set(last_year))
        placed = len(this_year) >= rule["min_procedures"] and bool(repeated)
        out[org] = (
            placed,
            {
                "type": "federal_risk",
                "group": rule["group"],
                "placed": placed,
                "threshold": rule["threshold"],
                "min_procedures": rule["min_procedures"],
                "min_participants": minimum,
                "low_procedures": [
                    {
                        "procedure": k[0],
                        "subject": k[1],
                        "grade": k[2],
                        "participants": v[0],
                        "low": v[1],
                        "share": _pct(v[2]),
                    }
                    for k, v in sorted(this_year.items())
                ],
                "repeated": [
                    {
                        "procedure": k[0],
                        "subject": k[1],
                        "grade": k[2],
                        "share_previous": _pct(last_year[k][2]),
                        "share": _pct(this_year[k][2]),
                    }
                    for k in repeated
                ],
                "excluded": sorted(excluded.get(org, []), key=lambda e: (e["procedure"], e["subject"], e["grade"])),
            },
        )
    return out


def bottom_share(rule, schools, results, year):
    """{school: (group or None, explanation)} of «in the bottom q % in k of m years» (see the module docstring)."""
    years = list(range(year - rule["m"] + 1, year + 1))
    procedures = set(rule["procedures"])
    minimum = rule["min_participants"]
    sums = defaultdict(lambda: [0, 0])  # (org, year) -> [low, n]
    school_set = set(schools)
    for org, t, procedure, _subject, _grade, n, n_low in results:
        if t in years and procedure in procedures and n >= minimum and org in school_set:
            pair = sums[(org, t)]
            pair[0] += n_low or 0
            pair[1] += n
    q = Fraction(str(rule["q"]))
    per_year = {}
    for t in years:
        shares = {
            org: Fraction(sums[(org, t)][0], sums[(org, t)][1]) for org in schools if sums.get((org, t), (0, 0))[1]
        }
        ordered = sorted(shares.values(), reverse=True)
        count = math.ceil(q * len(ordered) / 100) if ordered else 0
        cutoff = ordered[count - 1] if count else None
        ascending = ordered[::-1]
        ranks = {org: 1 + len(ascending) - bisect.bisect_right(ascending, share) for org, share in shares.items()}
        per_year[t] = (shares, cutoff, len(ordered), ranks)
    out = {}
    for org in schools:
        rows = []
        in_bottom = 0
        for t in years:
            shares, cutoff, n_schools, ranks = per_year[t]
            share = shares.get(org)
            bottom = share is not None and cutoff is not None and share >= cutoff
            in_bottom += bottom
            rows.append(
                {
                    "year": t,
                    "share": None if share is None else _pct(share),
                    "rank": ranks.get(org),
                    "schools": n_schools,
                    "cutoff": None if cutoff is None else _pct(cutoff),
                    "in_bottom": bottom,
                }
            )
        if in_bottom >= rule["k"]:
            group = rule["group"]
        elif in_bottom >= 1:
            group = rule["unstable_group"]
        else:
            group = None
        out[org] = (
            group,
            {
                "type": "bottom_share",
                "group": rule["group"],
                "unstable_group": rule["unstable_group"],
                "placed": group,
                "q": rule["q"],
                "k": rule["k"],
                "m": rule["m"],
                "min_participants": minimum,
                "years_in_bottom": in_bottom,
                "years": rows,
            },
        )
    return out


def social_index(rule, schools, values):
    """{school: (placed, explanation)} of the social context index; `values` is {school: {indicator code: number}}."""
    components = rule["components"]
    codes = [c["indicator"] for c in components]
    complete = [org for org in schools if all(values.get(org, {}).get(code) is not None for code in codes)]
    stats = {}
    for code in codes:
        column = [float(values[org][code]) for org in complete]
        mean = sum(column) / len(column) if column else 0.0
        variance = sum((x - mean) ** 2 for x in column) / len(column) if column else 0.0
        stats[code] = (mean, math.sqrt(variance))
    total_weight = sum(c.get("weight", 1) for c in components)
    index = {}
    details = {}
    for org in complete:
        parts = []
        score = 0.0
        for c in components:
            code = c["indicator"]
            mean, std = stats[code]
            value = float(values[org][code])
            z = (value - mean) / std if std else 0.0
            signed = z if c["worse"] == "higher" else -z
            score += c.get("weight", 1) * signed
            parts.append({"indicator": code, "value": value, "z": round(signed, 3), "weight": c.get("weight", 1)})
        index[org] = round(score / total_weight, 6)
        details[org] = parts
    ordered = sorted(index.values(), reverse=True)
    count = math.ceil(Fraction(str(rule["share"])) * len(ordered) / 100) if ordered else 0
    cutoff = ordered[count - 1] if count else None
    out = {}
    for org in schools:
        value = index.get(org)
        placed = value is not None and cutoff is not None and value >= cutoff
        missing = [code for code in codes if values.get(org, {}).get(code) is None]
        out[org] = (
            placed,
            {
                "type": "social_index",
                "group": rule["group"],
                "placed": placed,
                "share": rule["share"],
                "index": None if value is None else round(value, 3),
                "cutoff": None if cutoff is None else round(cutoff, 3),
                "schools": len(ordered),
                "components": details.get(org, []),
                "missing": missing,
            },
        )
    return out


def identify(rules, schools, results, year, social=None):
    """Run every rule: {school: {"groups": [...], "explanation": [...]}} in rule order, groups without repeats."""
    found = {org: {"groups": [], "explanation": []} for org in schools}
    results = list(results)
    for number, rule in enumerate(rules, start=1):
        if rule["type"] == "federal_risk":
            outcome = federal_risk(rule, schools, results, year)
        elif rule["type"] == "bottom_share":
            outcome = bottom_share(rule, schools, results, year)
        else:
            outcome = social_index(rule, schools, social or {})
        for org, (placed, explanation) in outcome.items():
            explanation["rule"] = number
            found[org]["explanation"].append(explanation)
            group = placed if isinstance(placed, str) else (rule["group"] if placed else None)
            if group and group not in found[org]["groups"]:
                found[org]["groups"].append(group)
    return found
