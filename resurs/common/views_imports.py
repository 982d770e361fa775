"""Import pages: upload a table (checked and written by a background job) and download the empty template."""

from django.shortcuts import redirect
from django.urls import reverse
from django.views import generic

from .errors import ServiceError
from .forms import UploadForm
from .importers import get_importer, start_import, template_xlsx
from .responses import xlsx_response
from .views import ScopedMixin


class ImportView(ScopedMixin, generic.FormView):
    """Subclasses set `model`, `import_name`, `list_url_name` and `template_url_name`; 403 without the import code."""

    action = "import"
    import_name = None
    list_url_name = None
    template_url_name = None
    template_name = "common/import.html"
    form_class = UploadForm

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["file"].widget.attrs["accept"] = ".xlsx,.csv"
        return form

    def form_valid(self, form):
        try:
            job = start_import(name=self.import_name, user=self.request.user, upload=form.cleaned_data["file"])
        except ServiceError as exc:
            form.add_error("file", exc.message)
            return self.form_invalid(form)
        return redirect("job-detail", pk=job.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        importer = get_importer(self.import_name)
        context["title"] = importer.title
        context["columns"] = importer.columns
        context["list_url"] = reverse(self.list_url_name) if self.list_url_name else None
        context["template_url"] = reverse(self.template_url_name) if self.template_url_name else None
        return context


class ImportTemplateView(ScopedMixin, generic.View):
    """The empty XLSX with the import's headers, in the user's language."""

    action = "import"
    import_name = None

    def get(self, request):
        name, content = template_xlsx(self.import_name)
        return xlsx_response(content, name)
