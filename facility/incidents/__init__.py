"""Incidents, de-escalation and restraint/seclusion episodes — not built yet; see the open issues."""
