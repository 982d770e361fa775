"""Hooks the framework layer calls and upper layers fill in at start-up (keeps imports pointing downward)."""

# save_object(*, actor, instance, version, code, save_m2m=None) -> instance; set by the audit app.
save_object = None
# delete_object(*, actor, instance, code); set by the audit app.
delete_object = None
# history(instance) -> list of entries for the record's page; set by the audit app.
history = None
# log_action(*, actor, code, target, data) records a domain action; set by the audit app.
log_action = None
