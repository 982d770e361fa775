"""Widgets of the framework layer."""

from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe


class FastSelect(forms.Select):
    """A drop-down rendered in plain Python: the same HTML as Django's Select, without a template and a context
    per option, which cost about 0.1 ms each, a tenth of a second for the 1,500 organizations a regional
    operator's filter offers (bench/README.md)."""

    @classmethod
    def replacing(cls, widget):
        fast = cls(attrs=widget.attrs)
        fast.choices = widget.choices
        fast.is_required = widget.is_required
        fast.is_localized = widget.is_localized
        return fast

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        parts = []
        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):
                parts.append(f'<optgroup label="{escape(str(option_value))}">')
                parts += [self._option(v, sub, selected) for v, sub in label]
                parts.append("</optgroup>")
            else:
                parts.append(self._option(option_value, label, selected))
        return mark_safe(f'<select name="{escape(name)}"{flatatt(attrs)}>{"".join(parts)}</select>')

    @staticmethod
    def _option(value, label, selected):
        value = "" if value is None else str(value)
        mark = " selected" if value in selected else ""
        return f'<option value="{escape(value)}"{mark}>{escape(str(label))}</option>'
