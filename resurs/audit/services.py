"""Audited writes: the generic save/delete used by simple forms, the change log and the action log."""

import datetime
import decimal
import os
import re
import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from resurs.common.errors import ConcurrentEditError, PermissionDeniedError
from resurs.common.scoping import instance_in_scope

from .events import event_detail, event_text
from .models import ActionLog, ChangeLog

SECRET_FIELDS = {"password", "token", "key", "secret"}
SKIPPED_FIELDS = {"version", "updated_at", "created_at", "updated_by", "last_login", "search_text"}


def _plain(value):
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (datetime.date, datetime.datetime, decimal.Decimal)):
        return value.isoformat() if hasattr(value, "isoformat") else str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def snapshot(instance):
    """Field values of a record as plain, JSON-ready values (to-many as sorted names)."""
    data = {}
    for field in instance._meta.concrete_fields:
        if field.name in SKIPPED_FIELDS or field.primary_key:
            continue
        if field.name in SECRET_FIELDS:
            continue
        data[field.name] = _plain(getattr(instance, field.name))
    if instance.pk:
        for field in instance._meta.many_to_many:
            data[field.name] = sorted(str(o) for o in getattr(instance, field.name).all())
    return data


def diff(before, after):
    keys = set(before) | set(after)
    return {k: [before.get(k), after.get(k)] for k in sorted(keys) if before.get(k) != after.get(k)}


def is_secret(name):
    """A secret field by a whole word of its name (`api_key`, `password_hash`), not by a substring (`keywords`)."""
    return any(word in SECRET_FIELDS for word in re.split(r"[^a-z]+", name.lower()))


def mask(data):
    """Secret values replaced by *** (a change-log pair [old, new] keeps its shape)."""
    return {
        k: ((["***", "***"] if isinstance(v, list) and len(v) == 2 else "***") if is_secret(k) else v)
        for k, v in data.items()
    }


def log_change(*, actor, instance, action, changes):
    return ChangeLog.objects.create(
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        action=action,
        changes=mask(changes),
        actor=actor if actor and actor.is_authenticated else None,
    )


def log_action(*, actor, code, target=None, data=None):
    return ActionLog.objects.create(
        code=code,
        content_type=ContentType.objects.get_for_model(type(target)) if target is not None else None,
        object_id=str(target.pk) if target is not None else "",
        object_repr=str(target)[:300] if target is not None else "",
        data=mask(data or {}),
        actor=actor if actor and actor.is_authenticated else None,
    )


def _is_user(actor):
    return actor is not None and actor.is_authenticated


def audited_save(*, actor, instance, before=None, code=None, target=None, data=None, save_m2m=None):
    """One audited write, inside the caller's transaction: the house way a service stores a record it changed.

    `before` is the record's `snapshot()` taken when the service locked it (None: the record is new). The helper
    bumps `version` (of a changed record), sets `updated_by`, saves, writes the field diff to the change log (when
    something changed, or the record is new) and, with `code`, the action-log entry on `target` (the record itself
    by default) with `data`. `save_m2m` sets the to-many values once the row is saved (before the diff).
    """
    names = {f.name for f in type(instance)._meta.concrete_fields}
    creating = instance.pk is None or before is None
    if "version" in names and not creating:
        instance.version = (instance.version or 0) + 1
    if "updated_by" in names:
        instance.updated_by = actor if _is_user(actor) else None
    instance.save()
    if save_m2m:
        save_m2m()
    changes = diff({} if creating else before, snapshot(instance))
    if creating or changes:
        log_change(
            actor=actor,
            instance=instance,
            action=ChangeLog.Action.CREATE if creating else ChangeLog.Action.UPDATE,
            changes=changes,
        )
    if code:
        log_action(actor=actor, code=code, target=instance if target is None else target, data=data)
    return instance


def audited_delete(*, actor, instance, code=None, target=None, data=None):
    """Delete a record inside the caller's transaction, its last values in the change log, with `code` an action."""
    log_change(actor=actor, instance=instance, action=ChangeLog.Action.DELETE, changes=diff(snapshot(instance), {}))
    instance.delete()
    if code:
        log_action(actor=actor, code=code, target=target, data=data)


def check_version(model, pk, version):
    """Lock the stored row; refuse if it changed since the form was opened, naming who changed it."""
    current = model._default_manager.select_for_update().get(pk=pk)
    if version is not None and hasattr(current, "version") and current.version != version:
        who = getattr(current, "updated_by", None)
        raise ConcurrentEditError(
            _(
                "This record was changed by %(who)s while you were editing it. Your input is kept below: reload the "
                "page to see the current data, then apply your changes again."
            )
            % {"who": who or _("another user")},
        )
    return current


def save_object(*, actor, instance, version, code, save_m2m=None):
    """Create or update a record the actor may reach, detecting concurrent edits; logs the field diff."""
    model = type(instance)
    with transaction.atomic():
        before = {}
        if instance.pk:
            current = check_version(model, instance.pk, version)
            if not instance_in_scope(actor, current, code):
                raise PermissionDeniedError(_("You may not change this record."))
            before = snapshot(current)
        if not instance_in_scope(actor, instance, code):
            raise PermissionDeniedError(_("You may not save a record outside your scope."), field=None)
        instance.full_clean()
        audited_save(actor=actor, instance=instance, before=before if instance.pk else None, save_m2m=save_m2m)
    return instance


def delete_object(*, actor, instance, code):
    model = type(instance)
    with transaction.atomic():
        current = model._default_manager.select_for_update().get(pk=instance.pk)
        if not instance_in_scope(actor, current, code):
            raise PermissionDeniedError(_("You may not delete this record."))
        log_change(actor=actor, instance=current, action=ChangeLog.Action.DELETE, changes=diff(snapshot(current), {}))
        try:
            current.delete()
        except models.ProtectedError:
            from resurs.common.errors import ServiceError

            raise ServiceError(_("The record is in use by other records and cannot be deleted."), code="protected")


def shown(field, value):
    """A stored change-log value as a person reads it: a choice's label, yes/no, a list joined, a related record by
    its name (stored so), a file by its name without the storage path, a date as 31.12.2026; None when empty."""
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        parts = [shown(None, v) for v in value]
        return ", ".join(str(p) for p in parts if p is not None) or None
    if isinstance(value, dict):
        parts = [(k, shown(None, v)) for k, v in value.items()]
        return "; ".join(f"{k}: {p}" for k, p in parts if p is not None) or None
    if field is None:
        return value
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.FileField):
        return os.path.basename(str(value))
    try:
        if isinstance(field, models.DateTimeField):
            moment = datetime.datetime.fromisoformat(value)
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return moment.strftime("%d.%m.%Y %H:%M")
        if isinstance(field, models.DateField):
            return datetime.date.fromisoformat(value).strftime("%d.%m.%Y")
    except (TypeError, ValueError):
        return value
    return value


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:  # a field removed since the entry was written
        return None


def history(instance, limit=200):
    """Change-log and action-log entries of one record, newest first, texts rendered now."""
    ct = ContentType.objects.get_for_model(type(instance))
    changes = ChangeLog.objects.filter(content_type=ct, object_id=str(instance.pk)).select_related("actor")[:limit]
    actions = ActionLog.objects.filter(content_type=ct, object_id=str(instance.pk)).select_related("actor")[:limit]
    entries = []
    # Changed fields in the model's field order: a JSON column does not keep key order on every database
    # (PostgreSQL's jsonb sorts keys by length).
    order = {f.name: i for i, f in enumerate(type(instance)._meta.get_fields())}
    model = type(instance)
    for c in changes:
        rows = []
        for name, (old, new) in sorted(c.changes.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])):
            field = _field(model, name)
            label = str(getattr(field, "verbose_name", name))
            rows.append((label, shown(field, old), shown(field, new)))
        entries.append({"at": c.at, "actor": c.actor, "text": c.get_action_display(), "changes": rows})
    for a in actions:
        entries.append(
            {
                "at": a.at,
                "actor": a.actor,
                "text": event_text(a.code),
                "detail": event_detail(a.code, a.data, a.actor),
                "changes": [],
                "data": a.data,
            }
        )
    entries.sort(key=lambda e: e["at"], reverse=True)
    return entries[:limit]
