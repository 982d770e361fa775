"""Moves in the territory tree (an organization to another municipality, a municipality to another region).

Upper apps keep scope columns denormalised from the tree (the teacher's municipality and region) and register a
callback here: territory cannot import them, and the callback is called explicitly from the save, not by a signal.
"""

_callbacks = []


def register_move_callback(callback):
    """callback(kind, obj) with kind "organization" or "municipality": runs inside the save's transaction, after the
    row is written, on every save of that kind (it must itself be cheap when nothing moved)."""
    if callback not in _callbacks:
        _callbacks.append(callback)


def may_move(obj, parent, update_fields):
    """Can this save move the record under another parent? Not when it creates it or leaves the parent unwritten."""
    if obj.pk is None:
        return False
    return update_fields is None or bool({parent, f"{parent}_id"} & set(update_fields))


def saved(kind, obj):
    for callback in _callbacks:
        callback(kind, obj)
