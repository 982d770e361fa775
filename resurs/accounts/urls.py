"""Account pages: users and their roles, roles, the own profile and password change."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views

app_name = "accounts"

urlpatterns = [
    path("users/", views.UserListView.as_view(), name="user-list"),
    path("users/new/", views.UserCreateView.as_view(), name="user-create"),
    path("users/<int:pk>/", views.UserDetailView.as_view(), name="user-detail"),
    path("users/<int:pk>/edit/", views.UserUpdateView.as_view(), name="user-update"),
    path("users/<int:pk>/deactivate/", views.UserActiveView.as_view(active=False), name="user-deactivate"),
    path("users/<int:pk>/activate/", views.UserActiveView.as_view(active=True), name="user-activate"),
    path("users/<int:pk>/password-email/", views.PasswordEmailView.as_view(), name="user-password-email"),
    path("users/<int:pk>/roles/add/", views.AssignmentCreateView.as_view(), name="assignment-create"),
    path("users/<int:pk>/roles/<int:assignment_pk>/end/", views.AssignmentEndView.as_view(), name="assignment-end"),
    path("roles/", views.RoleListView.as_view(), name="role-list"),
    path("roles/<int:pk>/", views.RoleDetailView.as_view(), name="role-detail"),
    path("roles/<int:pk>/edit/", views.RoleUpdateView.as_view(), name="role-update"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path(
        "password-change/",
        auth_views.PasswordChangeView.as_view(success_url=reverse_lazy("accounts:password-change-done")),
        name="password-change",
    ),
    path("password-change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password-change-done"),
]
