"""Registry of list exports: one FilterSet serves the page, the API and the XLSX export job."""

from django.utils.translation import gettext as _

from . import hooks
from .exporters import export
from .jobs import enqueue, job_handler
from .permissions import code_for
from .scoping import restrict

_exports = {}


def register_export(name, *, queryset, filterset, exporter, personal_data=False):
    """queryset: a function returning the base queryset; personal data exports are logged (152-ФЗ)."""
    _exports[name] = {
        "queryset": queryset,
        "filterset": filterset,
        "exporter": exporter,
        "personal_data": personal_data,
    }


def get_export(name):
    return _exports[name]


def export_scope(name, user):
    """The rows `user` may export: those reached with the model's `:export` code (and seen with `:view`).

    Holding `:export` somewhere is only the door (403 otherwise); the rows are those of the scopes where the code is
    held, so export rights in one municipality and view rights in another never export the other's rows.
    """
    base = _exports[name]["queryset"]()
    model = base.model
    return restrict(restrict(base, user, code_for(model, "view")), user, code_for(model, "export"))


def filtered_queryset(name, user, params):
    """(rows to export, the bound FilterSet): the export scope narrowed by the list's filters."""
    entry = _exports[name]
    scoped = export_scope(name, user)
    filterset = entry["filterset"](params, queryset=scoped, user=user)
    if not filterset.is_valid():
        return scoped.none(), filterset
    return filterset.qs, filterset


def start_export(*, name, user, params):
    """Queue the export of what `user` sees with these filters; personal-data exports are logged."""
    entry = _exports[name]
    clean = {k: v for k, v in params.items() if v not in ("", None, []) and not k.startswith("_") and k != "page"}
    if entry["personal_data"] and hooks.log_action:
        model = entry["queryset"]().model
        hooks.log_action(
            actor=user,
            code=f"{model._meta.app_label}.{model._meta.model_name}.exported",
            target=None,
            data={"export": name, "filter": clean},
        )
    return enqueue(
        kind="common.export",
        user=user,
        title=_("Export: %(name)s") % {"name": entry["exporter"].title},
        params={"export": name, "filter": clean},
    )


@job_handler("common.export")
def run_export(job, progress):
    name = job.params["export"]
    entry = _exports[name]
    queryset, _filterset = filtered_queryset(name, job.user, _as_querydict(job.params.get("filter", {})))
    content = export(entry["exporter"](queryset), progress=progress)
    return {"file": (f"{name}.xlsx", _content_file(content)), "data": {"rows": queryset.count()}}


def _as_querydict(data):
    from django.http import QueryDict

    qd = QueryDict(mutable=True)
    for key, value in data.items():
        if isinstance(value, list):
            qd.setlist(key, value)
        else:
            qd[key] = value
    return qd


def _content_file(content):
    from django.core.files.base import ContentFile

    return ContentFile(content)
