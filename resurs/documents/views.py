"""Template registry pages: the registered templates, the version in force, its history, download and upload."""

from django.contrib import messages
from django.db.models import Count, Max
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import generic

from resurs.common.access import AccessMixin
from resurs.common.errors import ServiceError
from resurs.common.filtersets import pk_or_none
from resurs.common.responses import file_response

from . import engine, services
from .forms import TemplateUploadForm
from .models import DocumentTemplate
from .permissions import TEMPLATE_CHANGE


class TemplateAccessMixin(AccessMixin):
    """Templates are system-wide: the page is for holders of the template code, anywhere."""

    def required_codes(self):
        return [TEMPLATE_CHANGE]

    def registered(self, code):
        templates = engine.registered_templates()
        if code not in templates:
            raise Http404
        return templates[code]


class TemplateListView(TemplateAccessMixin, generic.TemplateView):
    template_name = "documents/template_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        stats = {
            row["code"]: row
            for row in DocumentTemplate.objects.values("code").annotate(
                versions=Count("id"), last=Max("version"), last_at=Max("uploaded_at")
            )
        }
        in_force = {
            t.code: t.version
            for t in DocumentTemplate.objects.filter(is_active=True).order_by("code", "version")  # last one wins
        }
        context["rows"] = [
            {
                "code": code,
                "title": info["title"],
                "in_force": in_force.get(code, 0),
                "versions": stats.get(code, {}).get("versions", 0),
                "last_at": stats.get(code, {}).get("last_at"),
            }
            for code, info in sorted(engine.registered_templates().items())
        ]
        context["title"] = _("Document templates")
        return context


class TemplateDetailView(TemplateAccessMixin, generic.View):
    template_name = "documents/template_detail.html"

    def context(self, code, form=None):
        info = self.registered(code)
        versions = list(services.template_versions(code))
        in_force = next((v.version for v in versions if v.is_active), 0)
        return {
            "code": code,
            "info": info,
            "title": info["title"],
            "versions": versions,
            "in_force": in_force,
            "form": form or TemplateUploadForm(),
        }

    def get(self, request, code):
        return render(request, self.template_name, self.context(code))

    def post(self, request, code):
        self.registered(code)
        form = TemplateUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                record = services.upload_template(
                    actor=request.user,
                    code=code,
                    upload=form.cleaned_data["file"],
                    comment=form.cleaned_data["comment"],
                )
            except ServiceError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(
                    request, _("Version %(version)s is now in force for new documents.") % {"version": record.version}
                )
                return redirect("documents:template-detail", code=code)
        return render(request, self.template_name, self.context(code, form))


class TemplateDownloadView(TemplateAccessMixin, generic.View):
    """The template in force, or a given version (?version=N; 0 is the shipped file)."""

    def get(self, request, code):
        info = self.registered(code)
        version = request.GET.get("version")
        if version is None:
            number, handle = engine.current_template(code)
        elif version == "0":
            number, handle = 0, open(info["path"], "rb")  # noqa: SIM115 (FileResponse closes it)
        else:
            if pk_or_none(version) is None:
                raise Http404
            record = get_object_or_404(DocumentTemplate, code=code, version=pk_or_none(version))
            number, handle = record.version, record.file.open("rb")
        return file_response(handle, f"{code}-v{number}.docx")
