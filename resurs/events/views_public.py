"""Public pages of events that need no login: the verification of a certificate by its number (the QR code on the
certificate opens it). It says valid (with the holder's name, the event and its date), revoked (with the date and,
for a re-issue, the new number) or not found; nothing else of the holder is shown."""

from django.views import generic

from . import services


class CertificateVerifyView(generic.TemplateView):
    template_name = "events/public_certificate.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        number = kwargs.get("number") or self.request.GET.get("number", "")
        cert = services.verify_certificate(number) if number else None
        replaced_by = getattr(cert, "replaced_by", None) if cert is not None else None
        context.update({"number": number, "cert": cert, "replaced_by": replaced_by, "asked": bool(number)})
        return context

    def render_to_response(self, context, **kwargs):
        if context["asked"] and context["cert"] is None:
            kwargs["status"] = 404
        return super().render_to_response(context, **kwargs)
