"""Formulas of monitoring: indicator formulas over other indicators, and the school statistics of assessment results.

The school statistics (domain notes §1.4, the formulas used in Russian schools' internal quality assessment):
- pass rate, % = (n3 + n4 + n5) / N × 100
- quality, % = (n4 + n5) / N × 100
- share of low results, % = n2 / N × 100 (for ЕГЭ: below the minimum score / N × 100)
- average mark = (2·n2 + 3·n3 + 4·n4 + 5·n5) / N
- objectivity, % = marks confirmed by the journal / N × 100; mismatch, % = (lowered + raised) / N × 100
Each returns None when N is 0 or a needed count is missing; values are rounded to two decimals (ROUND_HALF_UP).
"""

import ast
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

TWO = Decimal("0.01")


class FormulaError(ValueError):
    """The formula is not an expression over indicator codes with + - * / and brackets."""


def _round(value):
    return None if value is None else Decimal(value).quantize(TWO, rounding=ROUND_HALF_UP)


def _share(part, total):
    if part is None or not total:
        return None
    return _round(Decimal(part) * 100 / Decimal(total))


def pass_rate(n2, n3, n4, n5):
    n = _total(n2, n3, n4, n5)
    return None if n is None else _share(n3 + n4 + n5, n)


def quality(n2, n3, n4, n5):
    n = _total(n2, n3, n4, n5)
    return None if n is None else _share(n4 + n5, n)


def low_share(low, participants):
    return _share(low, participants)


def average_mark(n2, n3, n4, n5):
    n = _total(n2, n3, n4, n5)
    if not n:
        return None
    return _round(Decimal(2 * n2 + 3 * n3 + 4 * n4 + 5 * n5) / Decimal(n))


def objectivity(confirmed, participants):
    return _share(confirmed, participants)


def mismatch(lowered, raised, participants):
    if lowered is None or raised is None:
        return None
    return _share(lowered + raised, participants)


def _total(*counts):
    if any(c is None for c in counts):
        return None
    return sum(counts)


def result_measures(result):
    """The statistics of one AssessmentResult (or any object with the same count attributes) as a dict."""
    marks = (result.mark2, result.mark3, result.mark4, result.mark5)
    return {
        "pass_rate": pass_rate(*marks),
        "quality": quality(*marks),
        "average_mark": average_mark(*marks),
        "low_share": low_share(result.low_count, result.participants),
        "objectivity": objectivity(result.marks_confirmed, result.participants),
        "mismatch": mismatch(result.marks_lowered, result.marks_raised, result.participants),
    }


def pooled_measures(rows):
    """The statistics of several results pooled (sums of counts, then the formulas): a school or a municipality."""
    n = low = 0
    marks = [0, 0, 0, 0]
    marks_n = 0
    confirmed = confirmed_n = 0
    for r in rows:
        n += r.participants
        low += r.low_count or 0
        if r.mark2 is not None:
            for i, m in enumerate((r.mark2, r.mark3, r.mark4, r.mark5)):
                marks[i] += m
            marks_n += r.participants
        if r.marks_confirmed is not None:
            confirmed += r.marks_confirmed
            confirmed_n += r.participants
    return {
        "participants": n,
        "pass_rate": pass_rate(*marks) if marks_n else None,
        "quality": quality(*marks) if marks_n else None,
        "average_mark": average_mark(*marks) if marks_n else None,
        "low_share": low_share(low, n),
        "objectivity": objectivity(confirmed, confirmed_n) if confirmed_n else None,
    }


# --- indicator formulas -------------------------------------------------------------------------------------------

_ALLOWED_OPS = (ast.Add, ast.Sub, ast.Mult, ast.Div)


def _parse(expression):
    try:
        tree = ast.parse(expression.strip(), mode="eval")
    except SyntaxError:
        raise FormulaError(_("The formula is not a valid expression.")) from None
    for node in ast.walk(tree):
        if isinstance(node, (ast.Expression, ast.Load)):
            continue
        if isinstance(node, ast.BinOp) and isinstance(node.op, _ALLOWED_OPS):
            continue
        if isinstance(node, (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.USub, ast.UAdd)):
            continue
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            continue
        if isinstance(node, ast.Name):
            continue
        raise FormulaError(_("Only indicator codes, numbers, + - * / and brackets are allowed in a formula."))
    return tree


def names(expression):
    """The indicator codes a formula uses."""
    return {node.id for node in ast.walk(_parse(expression)) if isinstance(node, ast.Name)}


def evaluate(expression, values):
    """The formula's value over {code: number}; None when a value is missing or a division by zero occurs."""
    tree = _parse(expression)

    def walk(node):
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant):
            return Decimal(str(node.value))
        if isinstance(node, ast.Name):
            value = values.get(node.id)
            return None if value is None else Decimal(str(value))
        if isinstance(node, ast.UnaryOp):
            operand = walk(node.operand)
            return None if operand is None else (-operand if isinstance(node.op, ast.USub) else operand)
        left, right = walk(node.left), walk(node.right)
        if left is None or right is None:
            return None
        if isinstance(node.op, ast.Add):
            return left + right
        if isinstance(node.op, ast.Sub):
            return left - right
        if isinstance(node.op, ast.Mult):
            return left * right
        if right == 0:
            return None
        return left / right

    result = walk(tree)
    return _round(result)
