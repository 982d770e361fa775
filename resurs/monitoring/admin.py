"""Admin of the monitoring app: every model, with changelist options derived from its fields (resurs.common.admin)."""

from resurs.common.admin import register_remaining

register_remaining("monitoring")
