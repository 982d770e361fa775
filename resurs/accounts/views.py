"""Account administration pages: thin views over restrict()ed querysets, the FilterSets and the services."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import generic

from resurs.common import access, hooks
from resurs.common.access import LoginOnlyMixin
from resurs.common.errors import ServiceError
from resurs.common.views import (
    SaveMixin,
    ScopedDetailView,
    ScopedListView,
    ScopedMixin,
    ScopedObjectMixin,
    ScopedUpdateView,
)

from . import services
from .filtersets import RoleFilterSet, UserFilterSet
from .forms import USER_FIELDS, AssignmentForm, ConfirmForm, EndAssignmentForm, RoleForm, UserCreateForm, UserForm
from .models import Role, User
from .selectors import grouped_codes, own_assignments, scope_kind_label, user_list_queryset, visible_assignments
from .tables import RoleTable, UserTable


class UserListView(ScopedListView):
    model = User
    table_class = UserTable
    filterset_class = UserFilterSet
    create_url_name = "accounts:user-create"

    def base_queryset(self):
        return user_list_queryset()


def with_role_names(history):
    """History entries of role events get the role's name (the log stores its code)."""
    names = {role.code: str(role) for role in Role.objects.all()}
    for entry in history:
        code = (entry.get("data") or {}).get("role")
        if code:
            entry["role_name"] = names.get(code, code)
    return history


class UserDetailView(ScopedDetailView):
    model = User
    template_name = "accounts/user_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["assignments"] = visible_assignments(self.request.user, self.object)
        context["history"] = with_role_names(context["history"])
        context["today"] = timezone.localdate()
        return context


class UserCreateView(ScopedMixin, SaveMixin, generic.FormView):
    """A new account with its first role, saved by the service (it is more than one model form)."""

    model = User
    action = "add"
    form_class = UserCreateForm
    template_name = "accounts/user_create.html"
    extra_context = {
        "account_fields": USER_FIELDS,
        "password_fields": ["password", "send_password_email"],
        "role_fields": ["role", "scope", "starts_on", "ends_on"],
    }

    def save(self, form):
        return services.create_user(actor=self.request.user, **form.service_data())


class UserUpdateView(ScopedUpdateView):
    model = User
    form_class = UserForm

    def save(self, form):
        return services.update_user(
            actor=self.request.user, user=form.save(commit=False), version=form.cleaned_data.get("version_seen")
        )


class UserActionView(ScopedObjectMixin, generic.FormView):
    """A POSTed action on one user the actor may change (404 outside their scope, 403 without the code)."""

    model = User
    action = "change"
    form_class = ConfirmForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = None

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        return context

    def perform(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.perform(form)
        except ServiceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, self.success_text())
        return HttpResponseRedirect(self.object.get_absolute_url())

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400 if self.request.method == "POST" else 200
        return response


class UserActiveView(UserActionView):
    template_name = "accounts/user_active.html"
    active = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["active"] = self.active
        return context

    def perform(self, form):
        services.set_active(actor=self.request.user, user=self.object, active=self.active)

    def success_text(self):
        return _("The account is active again.") if self.active else _("The account is deactivated.")


class PasswordEmailView(UserActionView):
    template_name = "accounts/user_password_email.html"

    def perform(self, form):
        services.send_password_link(actor=self.request.user, user=self.object)

    def success_text(self):
        return _("The letter with a link to set the password is sent.")


class AssignmentCreateView(UserActionView):
    template_name = "accounts/assignment_form.html"
    form_class = AssignmentForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def perform(self, form):
        services.assign_role(actor=self.request.user, user=self.object, **form.assignment_data())

    def success_text(self):
        return _("The role is assigned.")


class AssignmentEndView(UserActionView):
    template_name = "accounts/assignment_end.html"
    form_class = EndAssignmentForm

    def get_assignment(self):
        visible = visible_assignments(self.request.user, self.object)
        return access.find(visible, pk=self.kwargs["assignment_pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["assignment"] = self.get_assignment()
        return context

    def perform(self, form):
        services.end_assignment(
            actor=self.request.user, assignment=self.get_assignment(), ends_on=form.cleaned_data.get("ends_on")
        )

    def success_text(self):
        return _("The role is ended.")


class RoleListView(ScopedListView):
    model = Role
    table_class = RoleTable
    filterset_class = RoleFilterSet


class RoleDetailView(ScopedDetailView):
    model = Role
    template_name = "accounts/role_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["code_groups"] = grouped_codes(self.object.permissions)
        context["scope_kind_labels"] = [scope_kind_label(kind) for kind in self.object.scope_kinds]
        return context


class RoleUpdateView(ScopedUpdateView):
    model = Role
    form_class = RoleForm
    template_name = "accounts/role_form.html"

    def save(self, form):
        data = form.cleaned_data
        return services.update_role(
            actor=self.request.user,
            role=form.save(commit=False),
            name=data["name"],
            description=data["description"],
            scope_kinds=data["scope_kinds"],
            permissions=data["permissions"],
            delegable_roles=data["delegable_roles"],
            version=data.get("version_seen"),
        )


class ProfileView(LoginOnlyMixin, generic.TemplateView):
    """The user's own account: personal data, the roles held (and ended), recent history."""

    template_name = "accounts/profile.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = User.objects.get(pk=self.request.user.pk)  # the record itself, not the request's lazy wrapper
        context["object"] = user
        context["assignments"] = own_assignments(user)
        context["history"] = with_role_names(hooks.history(user) if hooks.history else [])
        context["today"] = timezone.localdate()
        return context
