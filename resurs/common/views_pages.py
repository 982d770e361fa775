"""Pages of the framework layer: the home page and the user's own background jobs."""

from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views import generic

from .access import LoginOnlyMixin
from .models import Job, Notification
from .responses import stored_file_response


class HomeView(LoginOnlyMixin, generic.TemplateView):
    template_name = "common/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["jobs"] = Job.objects.filter(user=self.request.user)[:5]
        return context


class OwnJobsMixin(LoginOnlyMixin):
    """A job is visible to its own user only."""

    def get_queryset(self):
        return Job.objects.filter(user=self.request.user)


class JobListView(OwnJobsMixin, generic.ListView):
    template_name = "common/job_list.html"
    paginate_by = 50


class JobDetailView(OwnJobsMixin, generic.DetailView):
    template_name = "common/job_detail.html"

    def get_template_names(self):
        if self.request.htmx:
            return ["common/_job_status.html"]
        return [self.template_name]


class JobDownloadView(OwnJobsMixin, generic.View):
    def get(self, request, pk):
        job = get_object_or_404(self.get_queryset(), pk=pk)
        return stored_file_response(job.result_file)


class NotificationListView(LoginOnlyMixin, generic.ListView):
    """The user's own notifications, newest first."""

    template_name = "common/notification_list.html"
    paginate_by = 50

    def get_queryset(self):
        return Notification.objects.filter(user=self.request.user)


class NotificationsReadView(LoginOnlyMixin, generic.View):
    def post(self, request):
        Notification.objects.filter(user=request.user, read_at__isnull=True).update(read_at=timezone.now())
        return redirect("notification-list")
