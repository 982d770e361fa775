"""Pages of the framework layer: the home page and the user's own background jobs."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views import generic

from .models import Job, Notification


class HomeView(LoginRequiredMixin, generic.TemplateView):
    template_name = "common/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["jobs"] = Job.objects.filter(user=self.request.user)[:5]
        return context


class OwnJobsMixin(LoginRequiredMixin):
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
        if not job.result_file:
            raise Http404
        return FileResponse(
            job.result_file.open("rb"), as_attachment=True, filename=job.result_file.name.rsplit("/", 1)[-1]
        )


class NotificationListView(LoginRequiredMixin, generic.ListView):
    """The user's own notifications, newest first."""

    template_name = "common/notification_list.html"
    paginate_by = 50

    def get_queryset(self):
        return Notification.objects.filter(user=self.request.user)


class NotificationsReadView(LoginRequiredMixin, generic.View):
    def post(self, request):
        Notification.objects.filter(user=request.user, read_at__isnull=True).update(read_at=timezone.now())
        return redirect("notification-list")
