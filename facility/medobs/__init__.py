"""Medication self-administration observations (orders, med pass, MOR) — not built yet; see the open issues."""
