"""The census's event kinds."""

ADMITTED = "resident.admitted"
DISCHARGED = "resident.discharged"
TRANSFERRED = "resident.transferred"
LEVEL_CHANGED = "observation.level_changed"
