"""FastSelect renders the same drop-down as Django's Select, without a template per option."""

from django import forms
from django.test.html import parse_html

from resurs.common.widgets import FastSelect


class ChoiceForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[("", "---"), ("Группа", [("a", "A & B"), ("b", '<b>"')]), ("c", "C")], required=False
    )
    many = forms.MultipleChoiceField(choices=[("1", "один"), ("2", "два"), ("3", "три")])


def render_both(data, name):
    form = ChoiceForm(data)
    form.fields[name].widget.attrs["class"] = "form-select form-select-sm"
    plain = str(form[name])
    form.fields[name].widget = FastSelect.replacing(form.fields[name].widget)
    if name == "many":
        form.fields[name].widget.allow_multiple_selected = True
    return plain, str(form[name])


def test_same_html_as_select_with_groups_escaping_and_selection():
    plain, fast = render_both({"kind": "b", "many": ["1"]}, "kind")
    assert parse_html(fast) == parse_html(plain)
    assert '<option value="b" selected>&lt;b&gt;&quot;</option>' in fast
    assert '<optgroup label="Группа">' in fast


def test_same_html_without_a_value_and_with_several_selected():
    plain, fast = render_both({}, "kind")
    assert parse_html(fast) == parse_html(plain)
    assert fast.count(" selected") == 1
    assert '<option value="" selected>---</option>' in fast
    plain, fast = render_both({"many": ["1", "3"]}, "many")
    assert parse_html(fast) == parse_html(plain)
    assert fast.count(" selected") == 2
