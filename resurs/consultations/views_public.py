"""The public entry of the consultation request form (SPEC §11; 000 § 3.8): the active centers that take requests,
each with its content directions and the three formats, and a button to ask. Asking itself needs a login (the request
is tied to the teacher record or to the organization of the asker): the button leads to the form, through the login
page for a visitor."""

from django.db.models import Prefetch
from django.views import generic

from resurs.catalogs.models import ContentDirection
from resurs.centers.models import Center

from .models import Consultation


class PublicRequestView(generic.TemplateView):
    template_name = "consultations/public_request.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        centers = (
            Center.objects.filter(status=Center.Status.ACTIVE)
            .select_related("organization__municipality")
            .prefetch_related(Prefetch("directions", queryset=ContentDirection.objects.order_by("name")))
            .order_by("organization__municipality__name", "name")
        )
        context.update({"centers": centers, "kinds": Consultation.Kind.choices})
        return context
