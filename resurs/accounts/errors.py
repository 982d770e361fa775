"""Error codes of the accounts app: what a refusal with each code means (the API's `code`, a form error's code)."""

from django.utils.translation import gettext_lazy as _

CODES = {
    "already_ended": _("This role has already ended."),
    "dates": _("A role cannot end before it starts."),
    "duplicate": _("The user already holds this role on this scope for these dates."),
    "email_required": _("An e-mail address is needed to send the letter."),
    "ends_in_past": _("The last day cannot be in the past; leave it empty to end the role now."),
    "invalid": _("The account's data are invalid."),
    "no_password": _("Set an initial password or have a set-password e-mail sent."),
    "no_scope_kinds": _("Choose at least one kind of scope the role is held on."),
    "own_account": _("You cannot deactivate your own account."),
    "privilege_escalation": _("The role carries permissions you do not hold on this scope."),
    "scope_kind_in_use": _("The role is held on scopes of a kind you removed; end those assignments first."),
    "scope_kind_not_allowed": _("The role cannot be held on a scope of this kind."),
    "scope_not_reached": _("You do not administer users on this scope."),
    "superuser_target": _("Only a superuser may change a superuser's account."),
    "unchanged": _("The account already is in this state."),
    "unknown_code": _("Unknown permission codes."),
    "unknown_role": _("Unknown roles."),
    "unknown_scope": _("The chosen scope does not exist."),
    "unknown_scope_kind": _("Unknown scope kind."),
    "user_beyond_reach": _("The user holds a role beyond your reach."),
    "user_inactive": _("The account is deactivated: activate it first."),
    "user_not_reached": _("You may not change this user."),
    "username_taken": _("This login is already taken."),
    "weak_password": _("The password is too weak."),
}
