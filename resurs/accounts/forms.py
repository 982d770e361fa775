"""Account forms: a user with the first role, a role assignment, ending it, and a role's contents."""

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from resurs.common.filtersets import pk_or_none
from resurs.common.forms import StyledFormMixin, VersionedModelForm
from resurs.common.scoping import SCOPE_KINDS, grants, is_unrestricted

from .models import Role, User
from .selectors import grouped_codes, scope_choices, scope_kind_label

USER_FIELDS = ["username", "last_name", "first_name", "patronymic", "email", "position", "phone"]


def grantable_roles(actor, code, kinds):
    """Roles held on one of `kinds` whose every code the actor holds where they administer users.

    Only narrows the choice list: the service decides, scope by scope.
    """
    roles = [role for role in Role.objects.all() if set(role.scope_kinds) & set(kinds)]
    if not is_unrestricted(actor):
        held = set()
        for grant in grants(actor):
            if code in grant.codes:
                held |= grant.codes
        roles = [role for role in roles if set(role.permissions) <= held]
    return Role.objects.filter(pk__in=[role.pk for role in roles])


class RoleOnScopeMixin(forms.Form):
    """Role, scope (grouped by kind, only scopes the actor reaches) and dates of an assignment."""

    role = forms.ModelChoiceField(label=_("Role"), queryset=Role.objects.none())
    scope = forms.ChoiceField(label=_("Scope"))
    starts_on = forms.DateField(label=_("From"), widget=forms.DateInput(), initial=timezone.localdate)
    ends_on = forms.DateField(label=_("Until"), widget=forms.DateInput(), required=False)

    def setup_role_fields(self, actor, code):
        groups = scope_choices(actor, code)
        self.fields["role"].queryset = grantable_roles(actor, code, [kind for kind, _label, _options in groups])
        self.fields["scope"].choices = [("", "---------")] + [
            (capfirst(label), options) for _kind, label, options in groups
        ]

    def clean(self):
        data = super().clean()
        scope = data.get("scope")
        if scope:
            kind, _sep, scope_id = scope.partition(":")
            data["scope_kind"] = kind
            data["scope_id"] = pk_or_none(scope_id)
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("A role cannot end before it starts."))
        return data

    def assignment_data(self):
        data = self.cleaned_data
        return {
            "role": data["role"],
            "scope_kind": data["scope_kind"],
            "scope_id": data["scope_id"],
            "starts_on": data["starts_on"],
            "ends_on": data.get("ends_on"),
        }


class UserCreateForm(StyledFormMixin, RoleOnScopeMixin, forms.ModelForm):
    password = forms.CharField(
        label=_("Initial password"),
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        required=False,
        strip=False,
    )
    send_password_email = forms.BooleanField(
        label=_("Send a set-password e-mail"),
        required=False,
        help_text=_("The user receives a link to set their own password."),
    )

    class Meta:
        model = User
        fields = USER_FIELDS

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["last_name"].required = True
        self.fields["first_name"].required = True
        self.setup_role_fields(user, "accounts.user:add")

    def clean(self):
        data = super().clean()
        if not data.get("password") and not data.get("send_password_email"):
            self.add_error("password", _("Set an initial password or have a set-password e-mail sent."))
        if data.get("send_password_email") and not data.get("email"):
            self.add_error("email", _("An e-mail address is needed to send the letter."))
        return data

    def service_data(self):
        data = self.cleaned_data
        return {
            **{name: data[name] for name in USER_FIELDS},
            "password": data.get("password") or None,
            "send_password_email": data.get("send_password_email", False),
            **self.assignment_data(),
        }


class UserForm(VersionedModelForm):
    class Meta:
        model = User
        fields = USER_FIELDS

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["last_name"].required = True
        self.fields["first_name"].required = True


class AssignmentForm(StyledFormMixin, RoleOnScopeMixin):
    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_role_fields(user, "accounts.user:change")


class EndAssignmentForm(StyledFormMixin, forms.Form):
    ends_on = forms.DateField(
        label=_("Last day"),
        widget=forms.DateInput(),
        required=False,
        help_text=_("Leave empty to end the role now."),
    )


class ConfirmForm(forms.Form):
    """An empty form: a POST with the CSRF token is the confirmation."""


class RoleForm(VersionedModelForm):
    scope_kinds = forms.MultipleChoiceField(
        label=_("Held on scopes of kinds"), widget=forms.CheckboxSelectMultiple, choices=()
    )
    permissions = forms.MultipleChoiceField(
        label=_("Permissions"), widget=forms.CheckboxSelectMultiple, required=False, choices=()
    )
    delegable_roles = forms.MultipleChoiceField(
        label=_("Roles its holders may assign"), widget=forms.CheckboxSelectMultiple, required=False, choices=()
    )

    class Meta:
        model = Role
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope_kinds"].choices = [(kind, scope_kind_label(kind)) for kind in SCOPE_KINDS]
        self.fields["permissions"].choices = grouped_codes()
        if self.instance.pk:
            self.fields["scope_kinds"].initial = list(self.instance.scope_kinds)
            self.fields["permissions"].initial = list(self.instance.permissions)
            self.fields["delegable_roles"].initial = list(self.instance.delegable_roles)
        self.fields["delegable_roles"].choices = [(r.code, str(r)) for r in Role.objects.order_by("name")]
